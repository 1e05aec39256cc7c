"""Hierarchical levels as people write them."""

from __future__ import annotations

import pytest

from intake.values import (
    parse_level,
)
from tests.intake.values.expect import GUESSED, INVALID, OK, assert_reads


@pytest.mark.parametrize(
    ("answer", "value", "status"),
    [
        ("Medewerker", 0, OK),
        ("beleidsmedewerker", 0, OK),
        ("staff", 0, OK),
        ("Professional", 0, OK),
        ("uitvoerend", 0, OK),
        ("Geen leidinggevende functie", 0, OK),
        ("Casemanager dementie", 0, OK),
        ("Nee, uitvoerend", 0, OK),
        ("Nee, maar wel senior", 1, OK),
        ("Ja, directeur", 3, OK),
        ("nee", 0, OK),
        ("Senior", 1, OK),
        ("Senior adviseur", 1, OK),
        ("Coördinator", 1, OK),
        ("specialist", 1, OK),
        ("nee, wel coördinerend", 1, OK),
        ("Teamleider", 2, OK),
        ("Team leader", 2, OK),
        ("teamleader", 2, OK),
        ("Manager", 2, OK),
        ("leidinggevende", 2, OK),
        ("Afdelingshoofd", 2, OK),
        ("ja", 2, OK),
        (True, 2, OK),
        ("Directeur", 3, OK),
        ("regiodirecteur", 3, OK),
        ("Director of Nursing", 3, OK),
        ("Bestuurder", 3, OK),
        ("MT-lid", 3, OK),
        ("lid van het MT", 3, OK),
        ("Senior manager", 3, OK),
        ("hoofd van een divisie", 3, OK),
        ("0", 0, OK),
        (2, 2, OK),
        (3.0, 3, OK),
        ("niveau 2", 2, GUESSED),
        (4, 3, GUESSED),
        ("Directr", 3, GUESSED),
        ("manger", 2, GUESSED),
        ("niveau 5", None, INVALID),
        ("Wijkverpleegkundige", None, INVALID),
        (2.5, None, INVALID),
    ],
)
def test_level(answer, value, status) -> None:
    assert_reads(parse_level(answer), value, status)
