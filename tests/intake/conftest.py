"""Builders for small intake files, written at test time so no binary fixture is committed."""

from __future__ import annotations

import csv
import itertools
from collections.abc import Callable, Sequence
from pathlib import Path

import openpyxl
import pytest

Rows = Sequence[Sequence[object]]
_counter = itertools.count()


def write_xlsx(
    path: Path, sheets: dict[str, Rows], merged: dict[str, list[str]] | None = None
) -> Path:
    """A workbook with one sheet per entry; rows start at A1, None leaves a cell empty."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        worksheet = workbook.create_sheet(title)
        for row_number, values in enumerate(rows, start=1):
            for column_number, value in enumerate(values, start=1):
                if value is not None:
                    worksheet.cell(row=row_number, column=column_number, value=value)
        for cell_range in (merged or {}).get(title, []):
            worksheet.merge_cells(cell_range)
    workbook.save(path)
    return path


def write_csv(path: Path, rows: Rows, *, delimiter: str = ",", encoding: str = "utf-8") -> Path:
    """A CSV as Excel writes it: CRLF line ends, fields quoted only when needed."""
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return path


@pytest.fixture(scope="session")
def fresh_dir(tmp_path_factory: pytest.TempPathFactory) -> Callable[[], Path]:
    """A new empty folder per call; session scoped so hypothesis examples can use it too."""
    return lambda: tmp_path_factory.mktemp(f"intake{next(_counter)}")


@pytest.fixture(scope="session")
def make_xlsx(fresh_dir: Callable[[], Path]) -> Callable[..., Path]:
    """``make_xlsx("intake.xlsx", {"Blad1": rows}, merged={"Blad1": ["A1:D1"]})``."""

    def make(
        name: str, sheets: dict[str, Rows], merged: dict[str, list[str]] | None = None
    ) -> Path:
        return write_xlsx(fresh_dir() / name, sheets, merged)

    return make


@pytest.fixture(scope="session")
def make_csv(fresh_dir: Callable[[], Path]) -> Callable[..., Path]:
    """``make_csv("intake.csv", rows, delimiter=";", encoding="cp1252")``."""

    def make(name: str, rows: Rows, *, delimiter: str = ",", encoding: str = "utf-8") -> Path:
        return write_csv(fresh_dir() / name, rows, delimiter=delimiter, encoding=encoding)

    return make


@pytest.fixture(scope="session")
def make_bytes(fresh_dir: Callable[[], Path]) -> Callable[[str, bytes], Path]:
    """A file with exactly these bytes, for broken and disguised uploads."""

    def make(name: str, content: bytes) -> Path:
        path = fresh_dir() / name
        path.write_bytes(content)
        return path

    return make
