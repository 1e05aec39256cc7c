"""Time budgets as people write them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake.values import (
    parse_time_budget,
)
from tests.intake.values.expect import GUESSED, INVALID, OK, assert_reads

WEEKS_PER_MONTH = 52 / 12


SIX_WEEKS = 6 / WEEKS_PER_MONTH  # in months


@pytest.mark.parametrize(
    ("answer", "value", "status"),
    [
        ("4 uur per 6 weken", 4 / SIX_WEEKS, OK),
        ("4 uur per zes weken", 4 / SIX_WEEKS, OK),
        ("één dagdeel per maand", 4.0, OK),
        ("een middag per maand", 4.0, OK),
        ("half a day every 6 weeks", 4 / SIX_WEEKS, OK),
        ("een halve dag per 6 weken", 4 / SIX_WEEKS, OK),
        ("2 uur per week", 2 * WEEKS_PER_MONTH, OK),
        ("two hours a week", 2 * WEEKS_PER_MONTH, OK),
        ("1x per 6 weken 3 uur", 3 / SIX_WEEKS, OK),
        ("2x per maand 2 uur", 4.0, OK),
        ("1 dag per kwartaal", 8 / 3, OK),
        ("ca. 3 uur/maand", 3.0, OK),
        ("3u p/m", 3.0, OK),
        ("3 uur p.m.", 3.0, OK),
        ("4 hours a month", 4.0, OK),
        ("4 hours per month", 4.0, OK),
        ("about 6 hrs monthly", 6.0, OK),
        ("anderhalf uur per maand", 1.5, OK),
        ("1,5 uur per maand", 1.5, OK),
        ("een uur of drie per maand", 3.0, OK),
        ("90 minuten per maand", 1.5, OK),
        ("16 uur per jaar", 16 / 12, OK),
        ("1 uur per 2 weken", WEEKS_PER_MONTH / 2, OK),
        ("8 uur per kwartaal", 8 / 3, OK),
        ("elke 6 weken een dagdeel", 4 / SIX_WEEKS, OK),
        ("3 uur maandelijks", 3.0, OK),
        ("2 uur wekelijks", 2 * WEEKS_PER_MONTH, OK),
        ("Eens in de 6 weken een ochtend", 4 / SIX_WEEKS, OK),
        ("8 uur per 2 maanden", 4.0, OK),
        ("4u/mnd", 4.0, OK),
        ("tweewekelijks 2 uur", WEEKS_PER_MONTH, OK),
        ("een uurtje per week", WEEKS_PER_MONTH, OK),
        ("een dagdeel", 4.0, GUESSED),
        ("4 uur", 4.0, GUESSED),
        ("2,5", 2.5, GUESSED),
        (2.5, 2.5, GUESSED),
        ("2-3 uur per maand", 2.5, GUESSED),
        ("2 à 3 uur per maand", 2.5, GUESSED),
        ("4 uur per 6 à 8 weken", 4 / (7 / WEEKS_PER_MONTH), GUESSED),
        ("2x per maand", 8.0, GUESSED),
        ("1 bijeenkomst per 6 weken", 4 / SIX_WEEKS, GUESSED),
        ("weinig", None, INVALID),
        ("zoveel als nodig", None, INVALID),
        ("as much as needed", None, INVALID),
        ("300 uur per week", None, INVALID),
    ],
)
def test_time_budget(answer, value, status) -> None:
    assert_reads(parse_time_budget(answer), value, status)


def test_time_budget_bare_number_note_explains_the_assumption() -> None:
    parsed = parse_time_budget("2,5")
    assert parsed.note_en.startswith('Read "2,5" as 2.5 hours per month')
    assert parsed.note_nl.startswith('"2,5" gelezen als 2,5 uur per maand')


@given(
    st.floats(min_value=0.1, max_value=30, allow_nan=False),
    st.floats(min_value=0.1, max_value=30, allow_nan=False),
    st.sampled_from(["{} uur per 6 weken", "{} hours a month", "{} uur per week", "{}"]),
    st.booleans(),
)
def test_time_budget_is_monotone_in_hours(low, high, phrasing, dutch_comma) -> None:
    low, high = sorted((round(low, 2), round(high, 2)))

    def read(hours: float) -> float:
        number = f"{hours:g}".replace(".", ",") if dutch_comma else f"{hours:g}"
        parsed = parse_time_budget(phrasing.format(number))
        assert parsed.status in (OK, GUESSED), parsed
        return parsed.value

    assert read(low) <= read(high)
