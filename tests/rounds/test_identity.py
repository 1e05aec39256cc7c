"""Recognising the same person in two rounds' participant tables."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from rounds.identity import match_people


def _table(rows: list[tuple[str, str | None, str | None, str | None]]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"name": n, "email": e, "organisation": o} for _, n, e, o in rows],
        index=[p for p, *_ in rows],
    )


PREVIOUS = _table(
    [
        ("R2", "Anna de Vries", "anna@zorg.nl", "Zorg"),
        ("R3", "Bram Jansen", None, "Zorg"),
        ("R4", "Carla Smit", "carla@zorg.nl", "Zorg"),
        ("R5", "Dirk van Dam", "dirk@zorg.nl", "Zorg"),
        ("R6", "Eva Bakker", None, "Thuiszorg West"),
        ("R7", "Frank Visser", None, "Zorg"),
    ]
)


def test_email_then_name_and_organisation_then_fuzzy():
    current = _table(
        [
            ("R9", "ANNA DE VRIES-KOK", "Anna@Zorg.nl", "Zorg"),  # e-mail decides
            ("R10", "Bram  Jansen", None, "zorg"),  # spacing and case do not matter
            ("R11", "Eva Bakkers", None, "Thuiszorg West"),  # a typo: fuzzy and sure
            ("R12", "Gerda Mol", "gerda@zorg.nl", "Zorg"),  # new
        ]
    )
    found = match_people(PREVIOUS, current)
    assert found.same == {"R9": "R2", "R10": "R3", "R11": "R6"}
    assert found.how == {"R9": "email", "R10": "name", "R11": "fuzzy"}
    assert found.newcomers == ["R12"]
    assert found.dropouts == ["R4", "R5", "R7"]
    assert found.questions == []


def test_a_changed_email_or_a_doubtful_name_is_a_question_not_a_match():
    current = _table(
        [
            ("R20", "Carla Smit", "c.smit@ander.nl", "Zorg"),  # same name, other address
            ("R21", "Frank Vissers-Kok", None, "Zorg"),  # perhaps Frank
        ]
    )
    found = match_people(PREVIOUS, current)
    assert found.same == {}
    assert {(q.current, q.previous) for q in found.questions} == {("R20", "R4"), ("R21", "R7")}
    assert found.newcomers == ["R20", "R21"]


def test_the_coordinators_answers_come_first():
    current = _table([("R20", "Carla Smit", "c.smit@ander.nl", "Zorg"), ("R22", "X", None, None)])
    found = match_people(PREVIOUS, current, confirmed={"R20": "R4", "R22": None})
    assert found.same == {"R20": "R4"}
    assert found.how["R20"] == "confirmed"
    assert "R22" in found.newcomers


names = st.text(alphabet="abcdefghij ", min_size=3, max_size=12)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(names, st.sampled_from(["A", "B", None])), min_size=1, max_size=12))
def test_matching_is_one_to_one_and_accounts_for_everyone(people):
    previous = _table([(f"P{k}", n, None, o) for k, (n, o) in enumerate(people)])
    current = _table([(f"C{k}", n, None, o) for k, (n, o) in enumerate(reversed(people))])
    found = match_people(previous, current)
    assert len(set(found.same.values())) == len(found.same)
    assert set(found.same) | set(found.newcomers) == set(current.index)
    assert set(found.same.values()) | set(found.dropouts) == set(previous.index)
    assert not set(found.same) & set(found.newcomers)
