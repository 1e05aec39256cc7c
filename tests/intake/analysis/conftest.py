"""Small hand-made participant tables, built the way ``docs/participant_table.md`` describes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from intake.pipeline import read_intake
from intake.samples import SampleSpec, generate_sample, write_sample

# Places a few km apart in the middle of the Netherlands, and one far north.
UTRECHT = (52.0907, 5.1214)
ZEIST = (52.0894, 5.2317)
GRONINGEN = (53.2194, 6.5665)


def participant_table(rows: list[dict]) -> pd.DataFrame:
    """A participant table with defaults for every column the analysis reads."""
    defaults = {
        "function": None,
        "learning_goals": None,
        "learn_give": None,
        "learning_style": None,
        "time_budget_h_per_month": np.nan,
        "meeting_moments": (),
        "lat": UTRECHT[0],
        "lon": UTRECHT[1],
        "max_travel_km": np.nan,
        "level": 0,  # staff; a table with no level at all is a finding of its own
        "experience": pd.NA,
        "manager_pid": None,
        "organisation": None,
        "team": None,
    }
    records = [{**defaults, **row} for row in rows]
    pids = [f"R{i + 2:04d}" for i in range(len(records))]
    columns = list(dict.fromkeys([*defaults, *(key for row in rows for key in row)]))
    table = pd.DataFrame(records, index=pd.Index(pids, name="pid"), columns=columns)
    table.insert(0, "pid", pids)
    table["level"] = table["level"].astype("Int64")
    table["experience"] = table["experience"].astype("Int64")
    return table


@pytest.fixture
def make_table():
    return participant_table


def sample_table(spec: SampleSpec, folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A generated sample read back as a participant table, and the truth row of every person.

    The truth frame follows the sheet's row order; ``source_row`` says which sheet row each
    participant came from.
    """
    intake = read_intake(write_sample(spec, folder / "sample.xlsx"))
    _, truth = generate_sample(spec)
    sheet_index = intake.table["source_row"].to_numpy() - intake.raw.header_row - 1
    return intake.table, truth.iloc[sheet_index].set_index(intake.table.index)
