"""Yes / no answers as people write them."""

from __future__ import annotations

import pytest

from intake.values import (
    parse_yes_no,
)
from tests.intake.values.expect import EMPTY, GUESSED, INVALID, OK, assert_reads


@pytest.mark.parametrize(
    ("answer", "value", "status"),
    [
        ("Ja", True, OK),
        ("ja", True, OK),
        ("JA!", True, OK),
        ("Yes", True, OK),
        ("Yes please", True, OK),
        ("Ja, graag", True, OK),
        ("Graag", True, OK),
        ("Zeker", True, OK),
        ("y", True, OK),
        (True, True, OK),
        (1, True, OK),
        ("Nee", False, OK),
        ("neen", False, OK),
        ("No", False, OK),
        ("Nee, liever niet", False, OK),
        ("niet nodig", False, OK),
        ("Geen behoefte", False, OK),
        (False, False, OK),
        (0, False, OK),
        ("Lijkt me fijn", True, GUESSED),
        ("I would like that", True, GUESSED),
        ("Liever niet", False, GUESSED),
        ("Not needed", False, OK),
        ("misschien", None, INVALID),
        ("Geen voorkeur", None, EMPTY),  # no preference is an answer, not unreadable
        ("Maakt me niet uit", None, EMPTY),
        ("don't know", None, INVALID),
        ("blabla", None, INVALID),
    ],
)
def test_yes_no(answer, value, status) -> None:
    assert_reads(parse_yes_no(answer), value, status)


@pytest.mark.parametrize(
    ("answer", "value"),
    [
        ("Alleen online", "only"),
        ("Uitsluitend online graag", "only"),
        ("Only online", "only"),
        ("Ja", "yes"),
        ("Ja, online kan ook", "yes"),
        ("Fysiek of online", "yes"),
        ("Hybride", "yes"),
        ("Nee", "no"),
        ("Liever fysiek", "no"),
        ("In person only", "no"),
        ("Niet online", "no"),
    ],
)
def test_online_answers(answer, value):
    from intake.values import parse_online

    assert parse_online(answer).value == value


def test_no_online_answer_is_empty_not_a_guess():
    from intake.values import parse_online

    assert parse_online(None).value is None
    assert parse_online("maakt niet uit").value is None
