"""The contract every parser keeps (empty, overlong, never raising) and the text helpers."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake.values import (
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
from tests.intake.values.expect import EMPTY, GUESSED, INVALID, OK, assert_reads

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
