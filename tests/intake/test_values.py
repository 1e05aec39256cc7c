"""Real phrasings from Dutch and English intake forms, and what each parser must make of them."""

from __future__ import annotations

import math
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake.values import (
    MOMENTS,
    STYLES,
    Parsed,
    ParseStatus,
    clean_text,
    parse_datetime,
    parse_email,
    parse_experience,
    parse_learn_give,
    parse_learning_style,
    parse_level,
    parse_max_travel,
    parse_meeting_moments,
    parse_time_budget,
    parse_yes_no,
    split_multi,
)

OK, GUESSED, INVALID, EMPTY = (
    ParseStatus.OK,
    ParseStatus.GUESSED,
    ParseStatus.INVALID,
    ParseStatus.EMPTY,
)
ALL = MOMENTS
WEEKS_PER_MONTH = 52 / 12

PARSERS = (
    parse_learn_give,
    parse_learning_style,
    parse_yes_no,
    parse_level,
    parse_experience,
    parse_meeting_moments,
    parse_time_budget,
    parse_max_travel,
    parse_email,
    parse_datetime,
)


def assert_reads(parsed: Parsed, value: object, status: ParseStatus) -> None:
    """Value and status as expected; a doubt always carries a note in both languages."""
    assert parsed.status == status, parsed
    if isinstance(value, float) and not math.isinf(value):
        assert parsed.value == pytest.approx(value, abs=1e-6), parsed
    else:
        assert parsed.value == value, parsed
    if status in (GUESSED, INVALID):
        assert parsed.note_en and parsed.note_nl, parsed
    else:
        assert not parsed.note_en and not parsed.note_nl, parsed


# --------------------------------------------------------------------------------------------
# Empties, for every parser
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("parser", PARSERS, ids=lambda p: p.__name__)
@pytest.mark.parametrize(
    "empty", [None, float("nan"), "", "   ", "-", " – ", "n.v.t.", "NVT", "n/a"]
)
def test_empty_answers_are_empty_not_errors(parser, empty) -> None:
    assert_reads(parser(empty), None, EMPTY)


def test_pandas_missing_markers_are_empty() -> None:
    pd = pytest.importorskip("pandas")
    for missing in (pd.NA, pd.NaT):
        assert parse_level(missing).status == EMPTY
        assert parse_datetime(missing).status == EMPTY
        assert clean_text(missing) is None


def test_pandas_timestamps_become_plain_naive_datetimes() -> None:
    pd = pytest.importorskip("pandas")
    stamp = pd.Timestamp("2026-11-25 09:14:03", tz="Europe/Amsterdam")
    parsed = parse_datetime(stamp)
    assert_reads(parsed, datetime(2026, 11, 25, 9, 14, 3), OK)
    assert type(parsed.value) is datetime


# --------------------------------------------------------------------------------------------
# Learn / give
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Learning style
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Yes / no
# --------------------------------------------------------------------------------------------


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
        ("Geen voorkeur", None, INVALID),
        ("Maakt me niet uit", None, INVALID),
        ("don't know", None, INVALID),
        ("blabla", None, INVALID),
    ],
)
def test_yes_no(answer, value, status) -> None:
    assert_reads(parse_yes_no(answer), value, status)


# --------------------------------------------------------------------------------------------
# Level
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Experience
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Meeting moments
# --------------------------------------------------------------------------------------------

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
        ("zaterdag", None, INVALID),
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


# --------------------------------------------------------------------------------------------
# Time budget
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# Maximum travel
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# E-mail
# --------------------------------------------------------------------------------------------


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
    ],
)
def test_email(answer, value, status) -> None:
    assert_reads(parse_email(answer), value, status)


def test_email_notes_never_quote_the_address() -> None:
    for answer in ("jan@example", "jan @ example.nl", "a@example.nl; b@example.nl"):
        parsed = parse_email(answer)
        assert "example" not in parsed.note_en + parsed.note_nl


# --------------------------------------------------------------------------------------------
# Date and time
# --------------------------------------------------------------------------------------------

SUBMITTED = datetime(2026, 11, 25, 9, 14, 3)


@pytest.mark.parametrize(
    ("answer", "value", "status"),
    [
        (SUBMITTED, SUBMITTED, OK),
        (date(2026, 11, 25), datetime(2026, 11, 25), OK),
        ("25-11-2026 09:14:03", SUBMITTED, OK),
        ("25-11-2026 9:14:03", SUBMITTED, OK),
        ("25.11.2026 09:14:03", SUBMITTED, OK),
        ("11/25/2026 9:14:03 AM", SUBMITTED, OK),
        ("11/25/2026 9:14:03 PM", datetime(2026, 11, 25, 21, 14, 3), OK),
        ("12/1/2026 12:30:00 AM", datetime(2026, 12, 1, 0, 30), OK),
        ("11/25/2026 09:14:03", SUBMITTED, OK),
        ("25/11/2026 09:14:03", SUBMITTED, OK),
        ("2026-11-25 09:14:03", SUBMITTED, OK),
        ("2026-11-25T09:14:03", SUBMITTED, OK),
        ("2026-11-25T09:14:03Z", SUBMITTED, OK),
        ("2026-11-25T09:14:03+01:00", SUBMITTED, OK),
        ("2026-11-25", datetime(2026, 11, 25), OK),
        ("25-11-26 09:14", datetime(2026, 11, 25, 9, 14), OK),
        ("25 november 2026 09:14:03", SUBMITTED, OK),
        ("November 25, 2026 9:14:03 AM", SUBMITTED, OK),
        ("wo 25 nov. 2026", datetime(2026, 11, 25), OK),
        (46351.384756944, SUBMITTED, OK),
        ("46351.384756944", SUBMITTED, OK),
        (46351, datetime(2026, 11, 25), OK),
        ("03/04/2026 10:00", datetime(2026, 4, 3, 10, 0), GUESSED),
        ("31-02-2026", None, INVALID),
        ("13/13/2026", None, INVALID),
        ("gisteren", None, INVALID),
        (12, None, INVALID),
        (True, None, INVALID),
    ],
)
def test_datetime(answer, value, status) -> None:
    assert_reads(parse_datetime(answer), value, status)


# --------------------------------------------------------------------------------------------
# clean_text and split_multi
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "value"),
    [
        ("  Wijkverpleegkundige  ", "Wijkverpleegkundige"),
        ("Team\u00a0Noord", "Team Noord"),
        ("regel een\nregel   twee", "regel een regel twee"),
        ("geen", "geen"),
        ("Geen", "Geen"),
        ("-", None),
        ("--", None),
        ("—", None),
        ("n.v.t.", None),
        ("N.V.T.", None),
        ("nvt", None),
        ("n/a", None),
        ("N/A", None),
        ("", None),
        (None, None),
        (float("nan"), None),
        (3.0, "3"),
        (2.5, "2.5"),
        (12, "12"),
    ],
)
def test_clean_text(answer, value) -> None:
    assert clean_text(answer) == value


@pytest.mark.parametrize(
    ("answer", "separator", "parts"),
    [
        ("ochtend;middag", None, ("ochtend", "middag")),
        ("ochtend; middag;", None, ("ochtend", "middag")),
        ("ochtend, middag en avond", None, ("ochtend", "middag", "avond")),
        ("Jan Jansen / Piet de Vries", None, ("Jan Jansen", "Piet de Vries")),
        ("Jan\nPiet", None, ("Jan", "Piet")),
        ("Jan & Piet", None, ("Jan", "Piet")),
        ("morning and evening", None, ("morning", "evening")),
        ("Marie-Louise", None, ("Marie-Louise",)),
        ("Henk Enters", None, ("Henk Enters",)),
        ("ma t/m vr", None, ("ma t/m vr",)),
        ("ochtend/middag", None, ("ochtend", "middag")),
        ("a;;-;b", None, ("a", "b")),
        ("a, b|c", "|", ("a, b", "c")),
        ("", None, ()),
        (None, None, ()),
        (float("nan"), None, ()),
        (7, None, ("7",)),
    ],
)
def test_split_multi(answer, separator, parts) -> None:
    assert split_multi(answer, separator) == parts


@pytest.mark.parametrize("parser", PARSERS, ids=lambda p: p.__name__)
@pytest.mark.parametrize(
    "cell", ["1" * 5000, "ochtend " * 500, 10**400], ids=["digits", "words", "huge integer"]
)
def test_overlong_answers_are_invalid_and_say_why(parser, cell) -> None:
    parsed = parser(cell)
    assert_reads(parsed, None, INVALID)
    assert "characters long" in parsed.note_en and "tekens lang" in parsed.note_nl


# --------------------------------------------------------------------------------------------
# No parser ever raises
# --------------------------------------------------------------------------------------------

ANY_CELL = st.one_of(
    st.none(),
    st.text(max_size=60),
    st.text(alphabet="0123456789 -:/.,uurminkmpwjx", max_size=30),
    st.floats(),
    st.integers(min_value=-(10**18), max_value=10**18),
    st.booleans(),
    st.datetimes(),
)


@pytest.mark.parametrize("parser", PARSERS, ids=lambda p: p.__name__)
@given(cell=ANY_CELL)
def test_parsers_never_raise_and_return_a_valid_status(parser, cell) -> None:
    # The unguarded parser, so a bug shows here instead of hiding behind the INVALID fallback.
    parsed = parser.__wrapped__(cell)
    assert isinstance(parsed.status, ParseStatus)
    assert (parsed.value is None) == (parsed.status in (INVALID, EMPTY))
    if parsed.status in (GUESSED, INVALID):
        assert parsed.note_en and parsed.note_nl


@given(cell=ANY_CELL)
def test_text_helpers_never_raise(cell) -> None:
    cleaned = clean_text(cell)
    assert cleaned is None or (cleaned == cleaned.strip() and "  " not in cleaned)
    assert all(part.strip() for part in split_multi(cell))
