"""Weekdays read from the meeting-moments answer (issue 14: today ignored, now planned)."""

from __future__ import annotations

import pytest

from intake.values import ParseStatus
from intake.weekdays import WEEKDAYS, day_names, parse_meeting_days

WORKDAYS = WEEKDAYS[:5]


@pytest.mark.parametrize(
    ("answer", "days"),
    [
        ("alleen dinsdag en donderdag", ("tue", "thu")),
        ("ma-wo ochtend", ("mon", "tue", "wed")),
        ("ma t/m do", ("mon", "tue", "wed", "thu")),
        ("di/do middag", ("tue", "thu")),
        ("Tuesday mornings", ("tue",)),
        ("Mon, Wed", ("mon", "wed")),
        ("Maandag- en woensdagavond", ("mon", "wed")),
        ("dinsdagochtend; donderdagmiddag", ("tue", "thu")),
        ("do en vr ochtend", ("thu", "fri")),
        ("doordeweeks, niet woensdag", ("mon", "tue", "thu", "fri")),
        ("niet op vrijdag", ("mon", "tue", "wed", "thu", "sat", "sun")),
        ("weekend", ("sat", "sun")),
        ("vr-ma", ("mon", "fri", "sat", "sun")),  # wraps over the weekend
        ("wo", ("wed",)),
    ],
)
def test_days_are_read(answer: str, days: tuple[str, ...]) -> None:
    parsed = parse_meeting_days(answer)
    assert parsed.status == ParseStatus.OK
    assert parsed.value == days


@pytest.mark.parametrize(
    "answer", ["ochtend", "maakt niet uit", "zo vroeg mogelijk", "do what works", "", None, 12]
)
def test_no_day_named_means_every_day(answer: object) -> None:
    assert parse_meeting_days(answer).status == ParseStatus.EMPTY


def test_excluding_every_day_is_reported() -> None:
    parsed = parse_meeting_days("niet maandag t/m zondag")
    assert parsed.status == ParseStatus.INVALID
    assert "every weekday" in parsed.note_en and "elke dag" in parsed.note_nl


def test_day_names_in_both_languages() -> None:
    assert day_names(("thu", "tue"), "nl") == "dinsdag, donderdag"
    assert day_names(WORKDAYS, "en").startswith("Monday, Tuesday")
