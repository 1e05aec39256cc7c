"""A programme's first round formed once (fixture), and next-round intakes written from it
at test time."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from reporting.lineup_io import read_lineup
from workflow import FormOptions, form_groups, write_outputs

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
HEADER_LINES = 3  # title row, empty row, header row of the hand-typed sample csv


@pytest.fixture(scope="session")
def round_one(tmp_path_factory) -> Path:
    """The 40-person sample formed into groups: the workbook ``form`` writes."""
    out = tmp_path_factory.mktemp("round1") / "round1.xlsx"
    options = FormOptions(time_limit_s=4, seed=1)
    formed = form_groups(SAMPLES / "intake_40.csv", options)
    write_outputs(formed, SAMPLES / "intake_40.csv", out, options)
    return out


def write_round_two(
    path: Path, drop_rows: set[int], newcomers: int = 0, source: str = "intake_40.csv"
) -> Path:
    """The sample intake without the people on ``drop_rows`` (spreadsheet rows), plus the first
    ``newcomers`` people of the same region from the 150-person sample."""
    lines = (SAMPLES / source).read_text(encoding="utf-8-sig").splitlines()
    kept = [line for row, line in enumerate(lines, start=1) if row not in drop_rows]
    others = (SAMPLES / "intake_150.csv").read_text(encoding="utf-8-sig").splitlines()
    width = lines[HEADER_LINES - 1].count(";") + 1
    utrecht = [line for line in others[HEADER_LINES:] if ";3" in line]  # postcodes 3xxx
    added = [";".join(line.split(";")[:width]) for line in utrecht[:newcomers]]
    path.write_text("\n".join([*kept, *added]) + "\n", encoding="utf-8-sig")
    return path


def dropouts_that_force_nothing(workbook: Path, min_size: int = 5, count: int = 3) -> set[int]:
    """Spreadsheet rows of people whose leaving keeps every group at or above the minimum."""
    lineup = read_lineup(workbook)
    sizes = Counter(g for g in lineup.groups.values() if g is not None)
    rows: set[int] = set()
    for pid, group in sorted(lineup.groups.items()):
        if group is not None and sizes[group] > min_size and len(rows) < count:
            sizes[group] -= 1
            rows.add(int(lineup.table.loc[pid, "source_row"]))
    return rows
