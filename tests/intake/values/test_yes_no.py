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
