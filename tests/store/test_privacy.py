"""Personal data: forgetting a person or a programme leaves nothing of them in any table."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import MetaData, select

from optimiser.intervision import evaluate_lineup
from store import StoreError
from store.people import find_person
from store.privacy import (
    delete_programme,
    export_person,
    forget_person,
    purge_expired,
    set_retention,
    versions_holding,
)
from workflow import FormOptions, analysed_problem, settings_for
from workflow import forget_person as forget_everywhere


def _everything(store) -> str:
    """Every cell of every table, as one lower-case text to search."""
    metadata = MetaData()
    metadata.reflect(store.engine)
    parts = []
    with store.engine.connect() as connection:
        for table in metadata.sorted_tables:
            for row in connection.execute(select(table)):
                parts.append(json.dumps([str(v) for v in row], ensure_ascii=False))
    return "\n".join(parts).casefold()


def _a_manager(intake_40) -> str:
    """A participant who is someone else's manager, so other rows name them."""
    table = intake_40.table
    return next(p for p in table["manager_pid"].dropna() if p in table.index)


def _two_rounds(store, intake_40, lineup_40, name="P"):
    groups, report = lineup_40
    for round_name in ("r1", "r2"):
        intake_id = store.save_intake(name, intake_40, "1" * 64)
        store.save_version(intake_id, round_name, groups, report, settings_toml="", made_by="t")


def test_forgetting_a_person_removes_them_from_every_table_and_version(store, intake_40, lineup_40):
    _two_rounds(store, intake_40, lineup_40)
    pid = _a_manager(intake_40)
    person = intake_40.table.loc[pid]
    name, email = person["name"].casefold(), person["email"].casefold()
    assert name in _everything(store) and email in _everything(store)
    someone_else = intake_40.table.drop(index=pid).iloc[-1]

    removed = forget_person(store, "P", find_person(store, "P", email))

    assert removed == 2  # one intake row in each round
    text = _everything(store)
    assert name not in text
    assert email not in text
    assert someone_else["email"].casefold() in text
    for version in store.round_lineups("P"):
        assert pid not in version.groups
        assert pid not in set(version.table["manager_pid"].dropna())
        assert all(pid not in avoided for avoided in version.table["avoid_pids"])
        assert len(version.groups) == len(intake_40.table) - 1


def test_deleting_a_programme_removes_it_from_every_table(store, intake_40, lineup_40):
    _two_rounds(store, intake_40, lineup_40, "gone")
    _two_rounds(store, intake_40, lineup_40, "kept")
    delete_programme(store, "gone")
    assert store.programme_names() == ["kept"]
    assert len(store.versions("kept")) == 2
    metadata = MetaData()
    metadata.reflect(store.engine)
    with store.engine.connect() as connection:
        for table in ("persons", "participants", "placements", "intakes", "intake_issues"):
            rows = connection.execute(select(metadata.tables[table])).all()
            assert rows, table  # only "kept" is left, and it is whole
    delete_programme(store, "kept")
    assert '"gone"' not in _everything(store)
    with store.engine.connect() as connection:
        for table in metadata.sorted_tables:
            if table.name != "alembic_version":
                assert connection.execute(select(table)).all() == [], table.name


def test_export_holds_every_row_answer_and_placement_of_the_person(store, intake_40, lineup_40):
    _two_rounds(store, intake_40, lineup_40)
    groups, _ = lineup_40
    pid = intake_40.table.index[7]
    person = find_person(store, "P", intake_40.table.loc[pid, "email"])
    exported = json.loads(json.dumps(export_person(store, "P", person), allow_nan=False))
    assert exported["email"] == intake_40.table.loc[pid, "email"]
    assert [r["round"] for r in exported["intake_rows"]] == [1, 2]
    first = exported["intake_rows"][0]
    assert first["answers"]["name"] == intake_40.table.loc[pid, "name"]
    assert first["versions"] == [{"version": "r1", "group": groups[pid], "pinned": False}]
    other_names = set(intake_40.table["name"]) - {intake_40.table.loc[pid, "name"]}
    manager = intake_40.table.loc[pid, "manager"]
    assert not (other_names - {manager}) & {str(v) for v in first["answers"].values()}


def test_retention_deletes_old_rounds_and_people_left_without_rows(store, intake_40, lineup_40):
    _two_rounds(store, intake_40, lineup_40)
    with pytest.raises(StoreError, match="at least 1"):
        set_retention(store, "P", 0)
    set_retention(store, "P", 30)
    assert purge_expired(store, datetime.now(UTC) + timedelta(days=29)) == {}
    assert purge_expired(store, datetime.now(UTC) + timedelta(days=31)) == {"P": 2}
    assert store.round_numbers("P") == []
    assert intake_40.table.iloc[0]["email"].casefold() not in _everything(store)


def test_nothing_about_people_reaches_the_logs(store, intake_40, lineup_40, caplog):
    caplog.set_level(logging.DEBUG)  # as with a root logger at debug level
    assert not logging.getLogger("sqlalchemy.engine").isEnabledFor(logging.INFO)
    _two_rounds(store, intake_40, lineup_40)
    person = intake_40.table.iloc[3]
    forget_person(store, "P", find_person(store, "P", person["email"]))
    export_person(store, "P", find_person(store, "P", intake_40.table.iloc[4]["email"]))
    text = caplog.text.casefold()
    for _, row in intake_40.table.iterrows():
        assert row["name"].casefold() not in text
        assert row["email"].casefold() not in text


def test_versions_that_placed_a_forgotten_person_are_scored_again_without_them(
    store, intake_40, lineup_40
):
    """A version's stored scores were computed with the person in a group; after forgetting
    they are those of the line-up without them, and every other version's are untouched."""
    _two_rounds(store, intake_40, lineup_40)
    groups, report = lineup_40
    pid = _a_manager(intake_40)
    without = replace(intake_40, table=intake_40.table.drop(index=pid))
    third = store.save_intake("P", without, "2" * 64)  # a round they were not in
    rest = {p: g for p, g in groups.items() if p != pid}
    store.save_version(third, "r3", rest, report, settings_toml="", made_by="t")
    person = find_person(store, "P", intake_40.table.loc[pid, "email"])
    held_before = versions_holding(store, "P", person)
    assert len(held_before) == 2

    forget_everywhere(store, "P", person)

    options = FormOptions()
    for version in store.round_lineups("P"):
        stored = store.load_version(version.info.id)
        problem, _ = analysed_problem(stored.table, options, settings_for(options))
        fresh = evaluate_lineup(problem, stored.groups)
        if version.info.id in held_before:
            assert pid not in stored.groups
            assert version.info.objective == fresh.objective
            assert stored.scores == {k: int(v) for k, v in fresh.per_rule.items()}
            assert stored.group_scores[str(groups[pid])]["score"] == next(
                g.score for g in fresh.groups if g.group == groups[pid]
            )
        else:
            assert version.info.objective == report.objective  # untouched
