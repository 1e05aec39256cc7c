"""The participant table survives the trip through the workbook's hidden sheet."""

from __future__ import annotations

import math

import openpyxl
import pandas as pd

from reporting.sheets import write_table
from reporting.table_io import table_from_rows, table_rows


def _table() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "pid": ["R0003", "R0004"],
            "source_row": [3, 4],
            "name": ["Anna de Vries", "=Piet"],
            "email": ["anna@example.nl", None],
            "level": pd.array([0, None], dtype="Int64"),
            "meeting_moments": [("morning", "evening"), ()],
            "avoid_pids": [("R0004",), ()],
            "lat": [52.09, math.nan],
            "lon": [5.12, math.nan],
            "max_travel_km": [45.0, math.nan],
            "facilitator_wish": pd.array([True, None], dtype="boolean"),
        }
    )
    frame.index = pd.Index(frame["pid"].tolist())
    return frame


def test_round_trip_through_a_real_workbook(tmp_path):
    original = _table()
    book = openpyxl.Workbook()
    write_table(book.active, *table_rows(original))
    path = tmp_path / "t.xlsx"
    book.save(path)
    sheet = openpyxl.load_workbook(path).active
    rows = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    headers = [c.value for c in sheet[1]]
    back = table_from_rows(headers, rows)
    assert list(back.index) == list(original.index)
    assert back.loc["R0003", "meeting_moments"] == ("morning", "evening")
    assert back.loc["R0004", "meeting_moments"] == ()
    assert back.loc["R0003", "avoid_pids"] == ("R0004",)
    assert back.loc["R0003", "level"] == 0 and pd.isna(back.loc["R0004", "level"])
    assert back.loc["R0003", "lat"] == 52.09 and math.isnan(back.loc["R0004", "lat"])
    assert bool(back.loc["R0003", "facilitator_wish"]) and pd.isna(
        back.loc["R0004", "facilitator_wish"]
    )
    assert back.loc["R0004", "name"] == "=Piet"
