"""The participant table as sheet rows and back, for the workbook's hidden data sheet.

Round trip: ``table_from_rows(*table_rows(t))`` equals ``t`` for the columns of
``docs/participant_table.md``; tuples are stored '; '-joined, missing values as empty cells.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from intake.table_schema import FLOAT_COLUMNS, INTEGER_COLUMNS, LIST_COLUMNS
from reporting.sheets import cell_value

HIDDEN_SHEET = "_participants"


def table_rows(table: pd.DataFrame) -> tuple[list[str], list[list[object]]]:
    """Headers and rows of ``table`` in a form openpyxl stores losslessly."""
    headers = [str(c) for c in table.columns]
    rows = [[cell_value(v) for v in record] for record in table.itertuples(index=False)]
    return headers, rows


def table_from_rows(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> pd.DataFrame:
    """Rebuild the participant table from what :func:`table_rows` wrote."""
    frame = pd.DataFrame(
        [list(r) + [None] * (len(headers) - len(r)) for r in rows],
        columns=list(headers),
        dtype=object,
    )
    for column in LIST_COLUMNS:
        if column in frame:
            frame[column] = [_split(v) for v in frame[column]]
    for column in INTEGER_COLUMNS:
        if column in frame:
            frame[column] = pd.array([_int(v) for v in frame[column]], dtype="Int64")
    for column in FLOAT_COLUMNS:
        if column in frame:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    if "facilitator_wish" in frame:
        frame["facilitator_wish"] = pd.array(
            [None if v is None else bool(v) for v in frame["facilitator_wish"]], dtype="boolean"
        )
    if "submitted_at" in frame:
        frame["submitted_at"] = pd.to_datetime(frame["submitted_at"], errors="coerce")
    frame["source_row"] = frame["source_row"].astype(int)
    frame["pid"] = frame["pid"].astype(str)
    frame.index = pd.Index(frame["pid"].tolist())
    return frame


def _split(value: object) -> tuple[str, ...]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ()
    return tuple(part.strip() for part in str(value).split(";") if part.strip())


def _int(value: object) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value)  # type: ignore[call-overload]
