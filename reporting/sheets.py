"""Writing tables into openpyxl sheets: styled, filterable, and safe against formula injection.

Every value that may come from user input goes through :func:`put`, which stores strings as
text with Excel's hidden quote prefix. A cell such as ``=HYPERLINK(...)`` therefore stays the
literal text the participant typed, even after someone edits it in Excel, while reading it back
gives the same string.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import datetime

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = PatternFill("solid", start_color="1F4E78", end_color="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=13)
_MAX_WIDTH = 60


def cell_value(value: object) -> object:
    """A value openpyxl can store: NaN/NA become empty, tuples a '; '-joined text.

    Control characters that XML cannot hold (pasted from other programs) are removed rather
    than making the whole workbook fail to save.
    """
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, tuple | list | set | frozenset):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime().replace(tzinfo=None)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def put(sheet: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write ``value``; strings are always text, and never evaluated as formulas."""
    cell = sheet.cell(row=row, column=column)
    value = cell_value(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True
    return cell


def write_table(
    sheet: Worksheet,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    start_row: int = 1,
    number_formats: dict[str, str] | None = None,
) -> int:
    """Write a header row and data rows with a filter, frozen header and fitted widths.

    Returns the last row written.
    """
    for col, header in enumerate(headers, start=1):
        cell = put(sheet, start_row, col, header)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=False)
    widths = [len(str(h)) for h in headers]
    last = start_row
    formats = number_formats or {}
    for last, row in enumerate(rows, start=start_row + 1):
        for col, value in enumerate(row, start=1):
            cell = put(sheet, last, col, value)
            header = headers[col - 1]
            if header in formats:
                cell.number_format = formats[header]
            text = cell.value if isinstance(cell.value, str) else str(cell.value or "")
            widths[col - 1] = max(widths[col - 1], min(len(text), _MAX_WIDTH))
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = max(8, width + 2)
    sheet.freeze_panes = sheet.cell(row=start_row + 1, column=1)
    if headers:
        sheet.auto_filter.ref = (
            f"A{start_row}:{get_column_letter(len(headers))}{max(last, start_row)}"
        )
    return last
