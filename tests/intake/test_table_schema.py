"""The participant table's one list of columns and types."""

from __future__ import annotations

from intake.table_schema import FLOAT_COLUMNS, INTEGER_COLUMNS, LIST_COLUMNS, TABLE_COLUMNS


def test_typed_columns_are_table_columns_and_each_has_one_type() -> None:
    typed = [*LIST_COLUMNS, *INTEGER_COLUMNS, *FLOAT_COLUMNS]
    assert set(typed) <= set(TABLE_COLUMNS)
    assert len(typed) == len(set(typed))
    assert len(TABLE_COLUMNS) == len(set(TABLE_COLUMNS))
    assert TABLE_COLUMNS[:2] == ("pid", "source_row")
