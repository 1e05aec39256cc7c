"""Periods as written, blocked-period files, public holidays from the holidays package."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from intake.issues import IntakeFileError
from planning.periods import parse_periods, public_holidays, read_blocked_periods

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples" / "plan"
SAMPLE = SAMPLES / "blocked_periods_example.csv"


def test_periods_in_a_cell() -> None:
    periods, unread = parse_periods(
        "2027-07-12 t/m 2027-08-20; 18-10-2027 tot 22-10-2027, 1/3/2027"
    )
    assert [(p.first, p.last) for p in periods] == [
        (date(2027, 7, 12), date(2027, 8, 20)),
        (date(2027, 10, 18), date(2027, 10, 22)),
        (date(2027, 3, 1), date(2027, 3, 1)),
    ]
    assert unread == []
    assert parse_periods("zomer, 2027-08-20 t/m 2027-07-12")[1] == [
        "zomer", "2027-08-20 t/m 2027-07-12"
    ]  # fmt: skip


def test_public_holidays_per_country() -> None:
    nl = public_holidays(("NL",), date(2027, 1, 1), date(2027, 12, 31), "nl")
    be = public_holidays(("BE",), date(2027, 1, 1), date(2027, 12, 31), "nl")
    assert date(2027, 4, 27) in nl and date(2027, 4, 27) not in be  # Koningsdag
    assert date(2027, 7, 21) in be and date(2027, 7, 21) not in nl  # Nationale feestdag
    assert date(2027, 5, 6) in nl and date(2027, 5, 6) in be  # Hemelvaart


def test_the_example_blocked_file_reads() -> None:
    periods = read_blocked_periods(SAMPLE)
    assert periods and all(p.first <= p.last for p in periods)
    assert {p.country for p in periods} <= {None, "NL", "BE"}


def test_a_bad_blocked_period_names_its_row(tmp_path: Path) -> None:
    path = tmp_path / "blocked.csv"
    path.write_text("start,end,label\n2027-02-15,2027-02-19,a\n2027-02-30,2027-03-01,b\n")
    with pytest.raises(IntakeFileError) as caught:
        read_blocked_periods(path)
    assert caught.value.issue.row == 3 and caught.value.issue.column == "start"
