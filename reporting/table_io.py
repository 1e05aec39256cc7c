"""The participant table as sheet rows and back, for the workbook's hidden data sheet; and
each group's stored moment and place (``_groups``), which an edited workbook keeps.

Round trip: ``table_from_rows(*table_rows(t))`` equals ``t`` for the columns of
``docs/participant_table.md``; tuples are stored '; '-joined, missing values as empty cells.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from intake.table_schema import FLOAT_COLUMNS, INTEGER_COLUMNS, LIST_COLUMNS
from optimiser.intervision.choices import GroupChoice
from optimiser.intervision.lineup import LineupReport
from reporting.sheets import cell_value

HIDDEN_SHEET = "_participants"
CHOICES_SHEET = "_groups"
_CHOICE_HEADERS = ("group", "moment", "place", "online")


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


def choice_rows(report: LineupReport) -> tuple[list[str], list[list[object]]]:
    """Headers and rows of each group's moment (a moment key), place and online choice."""
    rows = [
        [g.group, g.moment, g.venue.name if g.venue else None, "x" if g.online else None]
        for g in report.groups
    ]
    return list(_CHOICE_HEADERS), rows


def choices_from_rows(rows: Sequence[Sequence[object]]) -> dict[int, GroupChoice]:
    """The choices :func:`choice_rows` wrote (header row first); unreadable rows are skipped,
    so the group then chooses its moment and place again."""
    choices = {}
    for row in rows[1:]:
        cells = [None if c == "" else c for c in [*row, None, None, None, None][:4]]
        try:
            group = int(cells[0])  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
        moment, place = (str(c) if c is not None else None for c in cells[1:3])
        choices[group] = GroupChoice(moment, place, cells[3] is not None)
    return choices


def _split(value: object) -> tuple[str, ...]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ()
    return tuple(part.strip() for part in str(value).split(";") if part.strip())


def _int(value: object) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value)  # type: ignore[call-overload]
