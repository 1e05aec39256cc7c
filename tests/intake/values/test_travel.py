"""Maximum travel as people write it."""

from __future__ import annotations

import math

import pytest

from intake.values import (
    parse_max_travel,
)
from tests.intake.values.expect import GUESSED, INVALID, OK, assert_reads


@pytest.mark.parametrize(
    ("answer", "value", "status"),
    [
        ("45 min", 45.0, OK),
        ("45min", 45.0, OK),
        ("max 30 minuten", 30.0, OK),
        ("30 minutes", 30.0, OK),
        ("1 uur", 60.0, OK),
        ("een uur", 60.0, OK),
        ("an hour", 60.0, OK),
        ("one hour", 60.0, OK),
        ("anderhalf uur", 90.0, OK),
        ("1,5 uur", 90.0, OK),
        ("1.5 hours", 90.0, OK),
        ("an hour and a half", 90.0, OK),
        ("half uur", 30.0, OK),
        ("een half uurtje", 30.0, OK),
        ("half an hour", 30.0, OK),
        ("drie kwartier", 45.0, OK),
        ("een kwartier", 15.0, OK),
        ("1 uur en 15 minuten", 75.0, OK),
        ("1u30", 90.0, OK),
        ("1:30 uur", 90.0, OK),
        ("25 km", 25.0, OK),
        ("30km", 30.0, OK),
        ("up to 25 miles", 25 * 1.609344, OK),
        ("tot 50 kilometer", 50.0, OK),
        ("Maximaal 40 km enkele reis", 40.0, OK),
        ("10 miles", 16.09344, OK),
        ("maakt niet uit", math.inf, OK),
        ("geen bezwaar", math.inf, OK),
        ("Geen limiet", math.inf, OK),
        ("doesn't matter", math.inf, OK),
        ("any", math.inf, OK),
        ("onbeperkt", math.inf, OK),
        ("30", 30.0, GUESSED),
        (30, 30.0, GUESSED),
        ("max. 40", 40.0, GUESSED),
        ("20 à 30 minuten", 25.0, GUESSED),
        ("20-30 km", 25.0, GUESSED),
        ("1 uur heen en terug", 30.0, GUESSED),
        ("30 km of 45 min", 30.0, GUESSED),
        ("kort", None, INVALID),
        ("dichtbij", None, INVALID),
        ("Binnen Utrecht", None, INVALID),
        ("5000 km", None, INVALID),
        ("12345678", None, INVALID),
        ("zo dicht mogelijk bij huis", None, INVALID),
    ],
)
def test_max_travel(answer, value, status) -> None:
    assert_reads(parse_max_travel(answer), value, status)


def test_max_travel_bare_number_note_says_minutes_were_assumed() -> None:
    parsed = parse_max_travel("30")
    assert "minutes" in parsed.note_en and "minuten" in parsed.note_nl
