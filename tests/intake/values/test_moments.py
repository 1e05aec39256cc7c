"""Meeting moments as people write them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake.values import (
    MOMENTS,
    parse_meeting_moments,
)
from tests.intake.values.expect import GUESSED, INVALID, OK, assert_reads

ALL = MOMENTS


M, A, L, E = MOMENTS


@pytest.mark.parametrize(
    ("answer", "value", "status"),
    [
        ("ochtend", (M,), OK),
        ("Ochtend", (M,), OK),
        ("'s ochtends", (M,), OK),
        ("’s Morgens", (M,), OK),
        ("begin van de dag", (M,), OK),
        ("vroeg", (M,), OK),
        ("morning", (M,), OK),
        ("voormiddag", (M,), OK),
        ("middag", (A,), OK),
        ("'s middags", (A,), OK),
        ("na de lunch", (A,), OK),
        ("early afternoon", (A,), OK),
        ("vroege middag", (A,), OK),
        ("eind van de middag", (L,), OK),
        ("laatste deel van de middag", (L,), OK),
        ("eind vd middag", (L,), OK),
        ("late afternoon", (L,), OK),
        ("na het werk", (L,), OK),
        ("Einde werkdag", (L,), OK),
        ("avond", (E,), OK),
        ("'s avonds", (E,), OK),
        ("evening", (E,), OK),
        ("na 19 uur", (E,), OK),
        ("after 7 pm", (E,), OK),
        ("vanaf 19.30", (E,), OK),
        ("9:00-13:00", (M,), OK),
        ("13:00-17:00", (A,), OK),
        ("15:30-19:30", (L,), OK),
        ("16:00-20:00", (L,), OK),
        ("19:00-22:00", (E,), OK),
        ("2-5pm", (A,), OK),
        ("tussen 12 en 14 uur", (A,), OK),
        ("Weekdays after 6pm", (E,), OK),
        ("maakt niet uit", ALL, OK),
        ("alles", ALL, OK),
        ("any time", ALL, OK),
        ("Flexibel", ALL, OK),
        ("geen voorkeur", ALL, OK),
        ("dinsdagochtend", (M,), OK),
        ("Tuesday morning", (M,), OK),
        ("ma t/m vr ochtend", (M,), OK),
        ("Liefst op vrijdagmiddag", (A,), OK),
        ("Maandag- en woensdagavond", (E,), OK),
        ("ochtend, middag", (M, A), OK),
        ("avond en ochtend", (M, E), OK),
        ("ochtend of middag", (M, A), OK),
        ("Ochtend / eind van de middag", (M, L), OK),
        ("Ochtend (9-12);Middag (13-17)", (M, A), OK),
        ("overdag", (M, A), OK),
        ("alles behalve de avond", (M, A, L), OK),
        ("ochtend, niet 's avonds", (M,), OK),
        ("Any time except evenings", (M, A, L), OK),
        ("liever niet 's avonds", (M, A, L), GUESSED),
        ("Geen avonden", (M, A, L), GUESSED),
        ("ochtend, als het kan", (M,), GUESSED),
        ("ochtent", (M,), GUESSED),
        ("avnd", (E,), GUESSED),
        ("zaterdag", ALL, OK),  # only a day: any moment (intake.weekdays reads the day)
        ("alleen dinsdag en donderdag", ALL, OK),
        ("niet op vrijdag", ALL, OK),
        ("wanneer het uitkomt", None, INVALID),
        (12, None, INVALID),
    ],
)
def test_meeting_moments(answer, value, status) -> None:
    assert_reads(parse_meeting_moments(answer), value, status)


def test_meeting_moments_note_lists_the_ignored_part() -> None:
    parsed = parse_meeting_moments("ochtend, als het kan")
    assert '"als het kan"' in parsed.note_en
    assert '"als het kan"' in parsed.note_nl
    assert "ochtend" in parsed.note_nl and "morning" in parsed.note_en


def test_meeting_moments_with_a_given_separator_splits_only_there() -> None:
    parsed = parse_meeting_moments("Ochtend, vroeg|Eind van de middag", separator="|")
    assert_reads(parsed, (M, L), OK)


@given(
    st.lists(
        st.sampled_from(["ochtend", "middag", "eind van de middag", "avond"]),
        min_size=1,
        max_size=12,
    )
)
def test_meeting_moments_come_in_moments_order_without_repeats(parts) -> None:
    parsed = parse_meeting_moments("; ".join(parts))
    assert parsed.value == tuple(m for m in MOMENTS if m in set(parsed.value))
    assert len(parsed.value) == len(set(parts))
