"""Writing tables into openpyxl sheets: styled, filterable, and safe against formula injection.

Every value that may come from user input goes through :func:`put`, which stores strings as
text with Excel's hidden quote prefix. A cell such as ``=HYPERLINK(...)`` therefore stays the
literal text the participant typed, even after someone edits it in Excel, while reading it back
gives the same string.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = PatternFill("solid", start_color="1F4E78", end_color="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=13)
_MAX_WIDTH = 60
_HEADER_WIDTH = 14  # headers wrap, so a long header does not widen a column of short values
WRAP = Alignment(wrap_text=True, vertical="top")


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
    max_widths: Mapping[str, int] | None = None,
    widths: Sequence[float] | None = None,
    filter_and_freeze: bool = True,
) -> int:
    """Write a header row and data rows with wrapped text, fitted widths and (by default) a
    filter and frozen header.

    Widths are ``widths`` when given, else follow the longest value up to
    ``max_widths[header]`` (else 60 characters); longer text wraps inside its cell instead of
    running into the next column, on screen and on paper.
    Returns the last row written.
    """
    caps = max_widths or {}
    for col, header in enumerate(headers, start=1):
        cell = put(sheet, start_row, col, header)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    fixed = widths
    widths = [min(len(str(h)), _HEADER_WIDTH) for h in headers]
    texts: list[list[str]] = [[str(h) for h in headers]]
    last = start_row
    formats = number_formats or {}
    for last, row in enumerate(rows, start=start_row + 1):
        texts.append([])
        for col, value in enumerate(row, start=1):
            cell = put(sheet, last, col, value)
            cell.alignment = WRAP
            header = headers[col - 1]
            if header in formats:
                cell.number_format = formats[header]
            text = cell.value if isinstance(cell.value, str) else str(cell.value or "")
            texts[-1].append(text)
            longest = max((len(line) for line in text.splitlines()), default=0)
            widths[col - 1] = max(widths[col - 1], min(longest, _MAX_WIDTH))
    for col, width in enumerate(widths, start=1):
        cap = caps.get(headers[col - 1], _MAX_WIDTH)
        widths[col - 1] = fixed[col - 1] if fixed else max(8, min(width, cap) + 2)
        sheet.column_dimensions[get_column_letter(col)].width = widths[col - 1]
    for offset, row_texts in enumerate(texts):
        lines = max((text_lines(t, w) for t, w in zip(row_texts, widths, strict=False)), default=1)
        if lines > 1:  # spreadsheet programs do not always grow wrapped rows when opening
            sheet.row_dimensions[start_row + offset].height = 15 * lines + 2
    if filter_and_freeze:
        sheet.freeze_panes = sheet.cell(row=start_row + 1, column=1)
        if headers:
            sheet.auto_filter.ref = (
                f"A{start_row}:{get_column_letter(len(headers))}{max(last, start_row)}"
            )
    return last


def print_setup(
    sheet: Worksheet,
    *,
    landscape: bool,
    title_rows: str | None = None,
    one_page: bool = False,
) -> None:
    """A4 page setup: fit to one page wide (and tall when ``one_page``), with the header rows
    (``"1:1"``) repeated on every printed page."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 1 if one_page else 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    sheet.print_options.horizontalCentered = True
    if title_rows:
        sheet.print_title_rows = title_rows


def wrapped_text(sheet: Worksheet, row: int, first: int, last: int, text: str) -> Cell:
    """Text over merged columns ``first..last`` of ``row``, wrapped, with a row height that
    shows all of it (spreadsheet programs do not grow merged rows by themselves)."""
    cell = put(sheet, row, first, text)
    cell.alignment = WRAP
    if last > first:
        sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    width = sum(
        sheet.column_dimensions[get_column_letter(c)].width or 8 for c in range(first, last + 1)
    )
    sheet.row_dimensions[row].height = 15 * text_lines(text, width) + 2
    return cell


def text_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` characters wide."""
    room = max(width - 1, 1) * 1.05  # proportional fonts fit a few more letters than widths say
    return sum(max(1, math.ceil(len(part) / room)) for part in text.split("\n"))
