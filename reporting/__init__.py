"""Writing results for people: the groups workbook and the HTML report."""
