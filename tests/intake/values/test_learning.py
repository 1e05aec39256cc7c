"""Learn or give, and learning styles, as people write them."""

from __future__ import annotations

import pytest

from intake.values import (
    STYLES,
    parse_learn_give,
    parse_learning_style,
)
from tests.intake.values.expect import GUESSED, INVALID, OK, assert_reads


@pytest.mark.parametrize(
    ("answer", "value", "status"),
    [
        ("Leren", "learn", OK),
        ("Vooral om te leren", "learn", OK),
        ("to learn", "learn", OK),
        ("Learning from peers", "learn", OK),
        ("ik kom om te halen", "learn", OK),
        ("Ervaring opdoen", "learn", OK),
        ("Geven", "give", OK),
        ("brengen", "give", OK),
        ("to share my experience", "give", OK),
        ("ik wil mijn ervaring delen", "give", OK),
        ("Mostly to give back", "give", OK),
        ("Anderen helpen", "give", OK),
        ("Beide", "both", OK),
        ("allebei", "both", OK),
        ("Both", "both", OK),
        ("leren én geven", "both", OK),
        ("50/50", "both", OK),
        ("Halen en brengen", "both", OK),
        ("zowel leren als geven", "both", OK),
        ("not only to learn but also to give", "both", OK),
        ("Om te leren, maar ik deel ook graag", "both", OK),
        ("Voor een deel om te leren", "learn", OK),
        ("Geven en nemen", "both", OK),
        ("Meer geven dan halen", "give", OK),
        ("More to learn than to give", "learn", OK),
        ("Niet om te geven maar om te leren", "learn", OK),
        ("Leeren", "learn", GUESSED),
        ("gevn", "give", GUESSED),
        ("weet ik nog niet", None, INVALID),
        ("?", None, INVALID),
        (42, None, INVALID),
    ],
)
def test_learn_give(answer, value, status) -> None:
    assert_reads(parse_learn_give(answer), value, status)


def test_learn_give_note_quotes_the_answer_in_both_languages() -> None:
    parsed = parse_learn_give("weet ik nog niet")
    assert '"weet ik nog niet"' in parsed.note_en
    assert '"weet ik nog niet"' in parsed.note_nl


@pytest.mark.parametrize(
    ("answer", "value", "status"),
    [
        ("Doener", "accommodating", OK),
        ("accommodator", "accommodating", OK),
        ("Accommodating", "accommodating", OK),
        ("ik leer door te doen", "accommodating", OK),
        ("Learning by doing, hands-on", "accommodating", OK),
        ("Dromer", "diverging", OK),
        ("diverger", "diverging", OK),
        ("kijken en nadenken", "diverging", OK),
        ("Watching and reflecting", "diverging", OK),
        ("Denker", "assimilating", OK),
        ("assimilator", "assimilating", OK),
        ("theorie", "assimilating", OK),
        ("Ik lees graag eerst de theorie en modellen", "assimilating", OK),
        ("Beslisser", "converging", OK),
        ("Converger", "converging", OK),
        ("toepassen", "converging", OK),
        ("praktisch", "converging", OK),
        ("Practical application", "converging", OK),
        ("Denker (theorie en modellen)", "assimilating", OK),
        ("Beslisser: ik wil het meteen toepassen", "converging", OK),
        ("reflector", "diverging", OK),
        ("pragmatist", "converging", OK),
        ("doer", "accommodating", OK),
        ("dreamer", "diverging", OK),
        ("thinker", "assimilating", OK),
        ("decider", "converging", OK),
        ("Door dingen uit te proberen", "converging", OK),
        ("By trying things out", "converging", OK),
        ("praktisch, doen", "accommodating", GUESSED),
        ("Eerst de theorie, dan toepassen", "assimilating", GUESSED),
        ("doener / dromer", "accommodating", GUESSED),
        ("beslissr", "converging", OK),
        ("denkr", "assimilating", GUESSED),
        ("dromr", "diverging", GUESSED),
        ("geen idee", None, INVALID),
        ("weet ik niet", None, INVALID),
    ],
)
def test_learning_style(answer, value, status) -> None:
    parsed = parse_learning_style(answer)
    assert_reads(parsed, value, status)
    assert parsed.value is None or parsed.value in STYLES


def test_a_guessed_learning_style_is_named_in_dutch_only() -> None:
    parsed = parse_learning_style("doenr")
    assert parsed.value == "accommodating"
    assert "gelezen als doener" in parsed.note_nl and "accommodating" not in parsed.note_nl
