"""People across rounds in the store: one person per human, questions, merging, history."""

from __future__ import annotations

from dataclasses import replace

import pytest

from store import StoreError
from store.people import answer_question, find_person, history, open_questions


def _round_two(intake_40):
    """The next round's intake: the same people with the changes real rounds bring."""
    table = intake_40.table.copy()
    pids = list(table.index)
    table.loc[pids[0], "email"] = "new.address@elsewhere.nl"  # same name and organisation
    table.loc[pids[1], "email"] = None  # no e-mail this time: name + organisation decide
    table.loc[pids[2], "name"] = table.loc[pids[2], "name"].upper()  # e-mail decides
    table = table.drop(index=pids[3])  # left the programme
    return replace(intake_40, table=table), pids


def _persons(store, name):
    return store.load_version(store.find_version(name).id).person_ids


def test_the_same_people_keep_their_person_id_across_rounds(store, intake_40, lineup_40):
    groups, report = lineup_40
    first = store.save_intake("P", intake_40, "1" * 64)
    store.save_version(first, "r1", groups, report, settings_toml="", made_by="t")
    before = _persons(store, "P")
    second_intake, pids = _round_two(intake_40)
    second = store.save_intake("P", second_intake, "2" * 64)
    groups_2 = {p: g for p, g in groups.items() if p != pids[3]}
    store.save_version(second, "r2", groups_2, report, settings_toml="", made_by="t")
    after = _persons(store, "P")
    assert after[pids[1]] == before[pids[1]]
    assert after[pids[2]] == before[pids[2]]
    assert all(after[p] == before[p] for p in pids[4:])
    # a changed e-mail address with the same name is asked about, not assumed
    assert after[pids[0]] != before[pids[0]]
    questions = open_questions(store, "P")
    assert [(q.participant["pid"], q.candidate["person_id"]) for q in questions] == [
        (pids[0], before[pids[0]])
    ]
    answer_question(store, "P", questions[0].id, same=True)
    assert _persons(store, "P")[pids[0]] == before[pids[0]]
    assert open_questions(store, "P") == []
    rounds = [entry.round for entry in history(store, "P", before[pids[0]])]
    assert rounds == [1, 2]


def test_a_refused_question_keeps_two_people(store, intake_40):
    store.save_intake("P", intake_40, "1" * 64)
    second_intake, _ = _round_two(intake_40)
    store.save_intake("P", second_intake, "2" * 64)
    question = open_questions(store, "P")[0]
    answer_question(store, "P", question.id, same=False)
    assert open_questions(store, "P") == []
    assert question.participant["person_id"] != question.candidate["person_id"]


def test_history_lists_groups_per_round_and_who_they_met(store, intake_40, lineup_40):
    groups, report = lineup_40
    intake_id = store.save_intake("P", intake_40, "1" * 64)
    store.save_version(intake_id, "r1", groups, report, settings_toml="", made_by="t")
    persons = _persons(store, "P")
    pid = next(p for p, g in groups.items() if g == 2)
    entries = history(store, "P", persons[pid])
    assert [(e.round, e.version, e.group) for e in entries] == [(1, "r1", 2)]
    mates = {persons[p] for p, g in groups.items() if g == 2 and p != pid}
    assert set(entries[0].met) == mates


def test_find_person_by_email_name_or_id(store, intake_40):
    store.save_intake("P", intake_40, "1" * 64)
    row = intake_40.table.iloc[5]
    found = find_person(store, "P", row["email"].upper())
    assert find_person(store, "P", row["name"]) == found == find_person(store, "P", str(found))
    with pytest.raises(StoreError, match="0 people"):
        find_person(store, "P", "nobody@example.org")
