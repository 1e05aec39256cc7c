"""The fuzzy index gives what scoring every key gives, for real keys, typos and junk."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from intake.close_spellings import CloseSpellings
from intake.geo import _FUZZY_CUTOFF, _tables

KEYS = _tables().fuzzy_keys
INDEX = CloseSpellings(KEYS, _FUZZY_CUTOFF)


def scored_against_every_key(text: str, keys: tuple[str, ...], cutoff: float) -> list:
    matches = process.extract(text, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=5)
    return [(choice, score) for choice, score, _ in matches]


@st.composite
def typos_of_place_keys(draw: st.DrawFn) -> str:
    """A real key with up to three letters dropped, added or changed."""
    letters = list(draw(st.sampled_from(KEYS)))
    for _ in range(draw(st.integers(0, 3))):
        where = draw(st.integers(0, len(letters)))
        edit = draw(st.sampled_from(["drop", "add", "change"]))
        letter = draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz -éß1"))
        if edit == "add" or not letters:
            letters.insert(where, letter)
        elif edit == "drop":
            del letters[min(where, len(letters) - 1)]
        else:
            letters[min(where, len(letters) - 1)] = letter
    return "".join(letters)


junk = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789 éëïç-'", min_size=0, max_size=45)


@settings(max_examples=300, deadline=None)
@given(st.one_of(typos_of_place_keys(), junk))
def test_same_answers_as_scoring_every_place_key(text: str) -> None:
    assert INDEX.extract(text, limit=5) == scored_against_every_key(text, KEYS, _FUZZY_CUTOFF)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet="abcab xé", min_size=1, max_size=12), min_size=1, unique=True),
    st.text(alphabet="abcab xé", max_size=12),
    st.sampled_from([50.0, 70.0, 85.0, 90.0, 100.0]),
)
def test_same_answers_for_any_keys_and_cutoff(keys: list[str], text: str, cutoff: float) -> None:
    """Ties in score keep the keys' order, and a cutoff on a bound's edge still matches."""
    index = CloseSpellings(keys, cutoff)
    assert index.extract(text, limit=5) == scored_against_every_key(text, tuple(keys), cutoff)


@pytest.mark.parametrize(("text", "key"), [("amersfoot", "amersfoort"), ("utrehct", "utrecht")])
def test_typos_find_their_place(text: str, key: str) -> None:
    assert key in [choice for choice, _ in INDEX.extract(text, limit=5)]


def test_junk_scores_only_a_small_part_of_the_keys() -> None:
    """The point of the index: a random answer leaves few keys to score."""
    index = CloseSpellings(KEYS, _FUZZY_CUTOFF)
    scored: list[int] = []
    original = process.extract

    def counting(text, choices, **kwargs):  # type: ignore[no-untyped-def]
        scored.append(len(choices))
        return original(text, choices, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("intake.close_spellings.process.extract", counting)
        for text in ["gsbek", "yjkp ab", "zgsye rann dey tzaekom", "pknahedcmpmbxducl"]:
            index.extract(text, limit=5)
    assert max(scored) < len(KEYS) / 20
