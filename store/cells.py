"""The participant table as JSON cells and back: what an intake row looks like in the store.

Cells are JSON values (tuples become lists, timestamps ISO text, missing values null); reading
them back goes through the same typed rebuild as the workbook's hidden sheet, so a stored intake
gives the same table as the file did.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime

import pandas as pd

from reporting.table_io import table_from_rows


def json_cell(value: object) -> object:
    """One table cell as a JSON value."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, tuple | list | set | frozenset):
        return [str(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy and pandas scalars
        return json_cell(value.item())
    return value


def table_cells(table: pd.DataFrame) -> tuple[list[str], list[list[object]]]:
    """Column names and one JSON row per participant, in the table's order."""
    columns = [str(c) for c in table.columns]
    return columns, [[json_cell(v) for v in row] for row in table.itertuples(index=False)]


def table_from_cells(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> pd.DataFrame:
    """The participant table again, typed as ``docs/participant_table.md`` says."""
    flat = [["; ".join(v) if isinstance(v, list) else v for v in row] for row in rows]
    return table_from_rows(columns, flat)
