"""E-mail addresses as people write them."""

from __future__ import annotations

import pytest

from intake.values import (
    parse_email,
)
from tests.intake.values.expect import EMPTY, GUESSED, INVALID, OK, assert_reads


@pytest.mark.parametrize(
    ("answer", "value", "status"),
    [
        ("jan@example.nl", "jan@example.nl", OK),
        ("Jan.Jansen@Example.NL", "jan.jansen@example.nl", OK),
        ("  jan@example.nl  ", "jan@example.nl", OK),
        ("mailto:jan@example.nl", "jan@example.nl", OK),
        ("MAILTO:Jan@Example.nl", "jan@example.nl", OK),
        ("<jan@example.nl>", "jan@example.nl", OK),
        ("Jan Jansen <jan@example.nl>", "jan@example.nl", OK),
        ("jan@example.nl.", "jan@example.nl", OK),
        (
            "j.de-vries+intervisie@zorg.example.co.uk",
            "j.de-vries+intervisie@zorg.example.co.uk",
            OK,
        ),
        ("o'brien@example.ie", "o'brien@example.ie", OK),
        ("jan @ example.nl", "jan@example.nl", GUESSED),
        ("a@example.nl; b@example.nl", "a@example.nl", GUESSED),
        ("jan@example", None, INVALID),
        ("jan at example.nl", None, INVALID),
        ("jan@@example.nl", None, INVALID),
        ("@example.nl", None, INVALID),
        ("Jan Jansen", None, INVALID),
        (12345, None, INVALID),
        ("anonymous", None, EMPTY),  # Microsoft Forms, anonymous responses
        ("zoë.goossens@zorg.nl", "zoë.goossens@zorg.nl", OK),  # RFC 6531
        ("Mohamed.Özdemir@Example.be", "mohamed.özdemir@example.be", OK),
        ("jan@zorgé.nl", "jan@zorgé.nl", OK),
        ("jan..x@example.nl", None, INVALID),
    ],
)
def test_email(answer, value, status) -> None:
    assert_reads(parse_email(answer), value, status)


def test_email_notes_never_quote_the_address() -> None:
    for answer in ("jan@example", "jan @ example.nl", "a@example.nl; b@example.nl"):
        parsed = parse_email(answer)
        assert "example" not in parsed.note_en + parsed.note_nl


def test_an_accented_address_is_valid_and_a_broken_one_points_at_the_right_part() -> None:
    assert parse_email("zoë.goossens@zorg.nl").note_en == ""
    assert "after" in parse_email("jan@example").note_en
    assert "before" in parse_email("@example.nl").note_en
