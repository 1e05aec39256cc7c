"""Cells from user input never become formulas, and read back as the text that was typed."""

from __future__ import annotations

import math
from datetime import datetime

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reporting.sheets import FORMULA_TRIGGERS, cell_value, put, write_table

DANGEROUS = [
    '=HYPERLINK("http://evil.example","klik")',
    "+31 6 1234",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=cmd|' /C calc'!A0",
]


@pytest.mark.parametrize("text", DANGEROUS)
def test_dangerous_text_is_stored_as_text_and_reads_back_unchanged(tmp_path, text):
    book = openpyxl.Workbook()
    put(book.active, 1, 1, text)
    path = tmp_path / "safe.xlsx"
    book.save(path)
    cell = openpyxl.load_workbook(path).active["A1"]
    assert cell.data_type == "s"
    assert cell.value == text.replace("\r", "\n")  # XML stores a carriage return as a newline
    assert cell.quotePrefix


@given(st.text(min_size=1, max_size=40))
@settings(max_examples=200, deadline=None)
def test_no_user_string_ever_becomes_a_formula(text):
    book = openpyxl.Workbook()
    cell = put(book.active, 1, 1, text)
    stored = cell_value(text)
    assert cell.value == stored
    if stored:
        assert cell.data_type == "s"
        assert cell.quotePrefix == stored.startswith(FORMULA_TRIGGERS)


def test_control_characters_are_dropped_so_the_workbook_saves(tmp_path):
    book = openpyxl.Workbook()
    put(book.active, 1, 1, "Anna\x08 de\x00 Vries")
    book.save(tmp_path / "x.xlsx")
    assert openpyxl.load_workbook(tmp_path / "x.xlsx").active["A1"].value == "Anna de Vries"


def test_cell_value_turns_missing_and_tuples_into_plain_cells():
    assert cell_value(math.nan) is None
    assert cell_value(pd.NA) is None
    assert cell_value(pd.NaT) is None
    assert cell_value(("morning", "evening")) == "morning; evening"
    assert cell_value(pd.Timestamp("2026-11-03 10:14")) == datetime(2026, 11, 3, 10, 14)


def test_write_table_adds_filter_frozen_header_and_widths(tmp_path):
    book = openpyxl.Workbook()
    last = write_table(book.active, ["Naam", "Groep"], [["Anna de Vries", 1], ["=Piet", 2]])
    assert last == 3
    sheet = book.active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:B3"
    assert sheet.column_dimensions["A"].width >= len("Anna de Vries")
    assert sheet["A3"].value == "=Piet" and sheet["A3"].data_type == "s"
