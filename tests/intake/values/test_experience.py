"""Experience with intervision as people write it."""

from __future__ import annotations

import pytest

from intake.values import (
    parse_experience,
)
from tests.intake.values.expect import GUESSED, INVALID, OK, assert_reads


@pytest.mark.parametrize(
    ("answer", "value", "status"),
    [
        ("nee", 0, OK),
        ("Nooit", 0, OK),
        ("no", 0, OK),
        ("First time", 0, OK),
        ("Nee, dit is de eerste keer", 0, OK),
        ("geen ervaring", 0, OK),
        ("0", 0, OK),
        ("een paar keer", 1, OK),
        ("ja, 1 jaar", 1, OK),
        ("Ja, een jaar", 1, OK),
        ("Yes, for a year", 1, OK),
        ("some", 1, OK),
        ("A few times", 1, OK),
        ("af en toe", 1, OK),
        ("niet veel", 1, OK),
        ("3 keer", 1, OK),
        ("wel eens gedaan", 1, OK),
        (1, 1, OK),
        ("ja, jarenlang", 2, OK),
        ("meer dan 3 jaar", 2, OK),
        ("5 jaar", 2, OK),
        ("more than 2 years", 2, OK),
        ("regularly", 2, OK),
        ("Ervaren", 2, OK),
        ("Yes, very experienced", 2, OK),
        ("Ja, ik begeleid zelf groepen", 2, OK),
        ("ja", 1, GUESSED),
        ("Yes", 1, GUESSED),
        ("blabla", None, INVALID),
    ],
)
def test_experience(answer, value, status) -> None:
    assert_reads(parse_experience(answer), value, status)
