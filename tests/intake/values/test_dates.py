"""Dates and times as forms and people write them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from intake.values import (
    parse_datetime,
)
from tests.intake.values.expect import GUESSED, INVALID, OK, assert_reads

SUBMITTED = datetime(2026, 11, 25, 9, 14, 3)


@pytest.mark.parametrize(
    ("answer", "value", "status"),
    [
        (SUBMITTED, SUBMITTED, OK),
        (date(2026, 11, 25), datetime(2026, 11, 25), OK),
        ("25-11-2026 09:14:03", SUBMITTED, OK),
        ("25-11-2026 9:14:03", SUBMITTED, OK),
        ("25.11.2026 09:14:03", SUBMITTED, OK),
        ("11/25/2026 9:14:03 AM", SUBMITTED, OK),
        ("11/25/2026 9:14:03 PM", datetime(2026, 11, 25, 21, 14, 3), OK),
        ("12/1/2026 12:30:00 AM", datetime(2026, 12, 1, 0, 30), OK),
        ("11/25/2026 09:14:03", SUBMITTED, OK),
        ("25/11/2026 09:14:03", SUBMITTED, OK),
        ("2026-11-25 09:14:03", SUBMITTED, OK),
        ("2026-11-25T09:14:03", SUBMITTED, OK),
        ("2026-11-25T09:14:03Z", SUBMITTED, OK),
        ("2026-11-25T09:14:03+01:00", SUBMITTED, OK),
        ("2026-11-25", datetime(2026, 11, 25), OK),
        ("25-11-26 09:14", datetime(2026, 11, 25, 9, 14), OK),
        ("25 november 2026 09:14:03", SUBMITTED, OK),
        ("November 25, 2026 9:14:03 AM", SUBMITTED, OK),
        ("wo 25 nov. 2026", datetime(2026, 11, 25), OK),
        (46351.384756944, SUBMITTED, OK),
        ("46351.384756944", SUBMITTED, OK),
        (46351, datetime(2026, 11, 25), OK),
        ("03/04/2026 10:00", datetime(2026, 4, 3, 10, 0), GUESSED),
        ("31-02-2026", None, INVALID),
        ("13/13/2026", None, INVALID),
        ("gisteren", None, INVALID),
        (12, None, INVALID),
        (True, None, INVALID),
    ],
)
def test_datetime(answer, value, status) -> None:
    assert_reads(parse_datetime(answer), value, status)
