"""Formula cells that carry no stored value, as files written by scripts or web tools have.

Excel saves the result of every formula next to it, and the reader uses that result. A file
written by a program other than Excel (openpyxl, some web exports) holds only the formula:
``=HYPERLINK("https://…", "Team Noord")`` or ``=A1`` with no result, which reads as an empty
cell. An empty Team cell silently lifts the same-team rule for that person, so each such cell
is found here, worked out when it is a plain reference, a literal or a HYPERLINK's shown text,
and reported either way.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

_REFERENCE = re.compile(r"^=\s*\+?\s*\$?([A-Z]{1,3})\$?(\d{1,7})\s*$", re.IGNORECASE)
_STRING = re.compile(r'^=\s*"((?:[^"]|"")*)"\s*$')
_NUMBER = re.compile(r"^=\s*(-?\d+(?:[.,]\d+)?)\s*$")
_HYPERLINK = re.compile(
    r'^=\s*HYPERLINK\(\s*"((?:[^"]|"")*)"\s*(?:[,;]\s*"((?:[^"]|"")*)"\s*)?\)\s*$', re.IGNORECASE
)


@dataclass(frozen=True)
class FormulaCell:
    """A formula cell without a stored value: where it is, its text and what it was read as."""

    row: int  # spreadsheet row number
    column: int  # 0-based column index
    formula: str
    value: str | int | float | None  # None: could not be worked out, the answer is unknown


def has_formulas(path: Path) -> bool:
    """Whether any worksheet of the xlsx holds a formula; most exports hold none."""
    with zipfile.ZipFile(path) as archive:
        for member in archive.infolist():
            if not member.filename.startswith("xl/worksheets/"):
                continue
            with archive.open(member) as part:
                tail = b""
                while chunk := part.read(1 << 20):
                    if b"<f>" in tail + chunk or b"<f " in tail + chunk:
                        return True
                    tail = chunk[-3:]
    return False


def valueless_formulas(
    path: Path, sheet_name: str, stored: Callable[[int, int], object]
) -> list[FormulaCell]:
    """The formula cells of ``sheet_name`` whose stored value (``stored(row, column)``) is empty.

    Only called for files with formulas (`has_formulas`): openpyxl reads the formulas that
    calamine, which reads stored values only, does not expose.
    """
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        found: list[FormulaCell] = []
        for row in workbook[sheet_name].iter_rows():
            for cell in row:
                text = getattr(cell, "value", None)
                if not (isinstance(text, str) and text.startswith("=")):
                    continue
                if stored(cell.row, cell.column - 1) is not None:
                    continue
                found.append(FormulaCell(cell.row, cell.column - 1, text, _work_out(text, stored)))
        return found
    finally:
        workbook.close()


def _work_out(formula: str, stored: Callable[[int, int], object]) -> str | int | float | None:
    """The value of a formula simple enough to know without a spreadsheet engine, else None."""
    if match := _HYPERLINK.match(formula):
        shown = match.group(2) if match.group(2) is not None else match.group(1)
        return shown.replace('""', '"').strip() or None
    if match := _STRING.match(formula):
        return match.group(1).replace('""', '"').strip() or None
    if match := _NUMBER.match(formula):
        number = float(match.group(1).replace(",", "."))
        return int(number) if number.is_integer() else number
    if match := _REFERENCE.match(formula):
        value = stored(int(match.group(2)), column_index(match.group(1)))
        return value if isinstance(value, str | int | float) else None
    return None


def column_index(letters: str) -> int:
    """0-based column index of Excel column letters (A -> 0, AA -> 26)."""
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1
