"""Small hand-made participant tables (docs/participant_table.md) for the intervision tests."""

from __future__ import annotations

import math

import pandas as pd
import pytest

_DEFAULTS: dict[str, object] = {
    "name": None,
    "email": None,
    "function": None,
    "organisation": None,
    "team": None,
    "level": None,
    "manager": None,
    "manager_pid": None,
    "learn_give": None,
    "learning_goals": None,
    "learning_style": None,
    "time_budget_h_per_month": math.nan,
    "meeting_moments": (),
    "meeting_days": (),
    "location": None,
    "place": None,
    "country": None,
    "lat": math.nan,
    "lon": math.nan,
    "max_travel_km": math.nan,
    "online": None,
    "experience": None,
    "avoid": None,
    "avoid_pids": (),
    "met_before_pids": (),
    "facilitator_wish": None,
    "remarks": None,
}


def make_table(people: list[dict[str, object]]) -> pd.DataFrame:
    """A participant table: one row per dict, pids ``R0002..`` unless given, contract dtypes."""
    rows = []
    for number, person in enumerate(people, start=2):
        row = {"pid": f"R{number:04d}", "source_row": number, **_DEFAULTS}
        row["name"] = f"Person {number}"
        unknown = set(person) - set(row)
        assert not unknown, f"not a participant-table column: {unknown}"
        row.update(person)
        rows.append(row)
    table = pd.DataFrame(rows)
    for column in ("level", "experience"):
        table[column] = pd.array(table[column], dtype="Int64")
    for column in ("meeting_moments", "meeting_days", "avoid_pids", "met_before_pids"):
        table[column] = pd.Series([tuple(v) for v in table[column]], dtype=object)
    return table.set_index("pid", drop=False)


@pytest.fixture
def table_of():
    """The :func:`make_table` helper as a fixture."""
    return make_table
