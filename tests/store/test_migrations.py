"""The schema's migrations: from an empty database, from the first schema, and back down."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from store.db import (
    alembic_config,
    current_revision,
    downgrade,
    make_engine,
    migrate,
    table_names,
)
from store.models import Base
from store.people import history
from store.records import Store

FIRST_TABLES = {
    "programmes",
    "rounds",
    "intakes",
    "participants",
    "intake_issues",
    "excluded_rows",
    "lineup_versions",
    "placements",
}


def _head(engine) -> str:
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def test_upgrade_from_empty_gives_the_models_schema(db_url):
    engine = make_engine(db_url)
    assert table_names(engine) == set()
    migrate(engine)
    assert current_revision(engine) == _head(engine) == "0002"
    assert FIRST_TABLES | {"persons", "identity_questions"} <= table_names(engine)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
    engine.dispose()


def test_upgrade_from_the_first_schema_keeps_its_data(db_url, intake_40, lineup_40):
    engine = make_engine(db_url)
    migrate(engine, "0001")
    assert table_names(engine) == FIRST_TABLES | {"alembic_version"}
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO programmes (id, name, created_at) VALUES (1, 'old', :now)"),
            {"now": "2025-01-01 00:00:00+00:00"},
        )
        connection.execute(
            text("INSERT INTO rounds (id, programme_id, number, created_at) VALUES (1, 1, 1, :n)"),
            {"n": "2025-01-01 00:00:00+00:00"},
        )
    engine.dispose()

    store = Store(db_url)  # opening upgrades to the newest schema
    assert current_revision(store.engine) == "0002"
    assert store.programme_names() == ["old"]
    assert store.round_numbers("old") == [1]
    intake_id = store.save_intake("old", intake_40, "f" * 64, round_number=1)
    groups, report = lineup_40
    store.save_version(intake_id, "first", groups, report, settings_toml="", made_by="test")
    first_pid = intake_40.table.index[0]
    someone = store.load_version(store.find_version("old").id).person_ids[first_pid]
    assert someone is not None
    assert history(store, "old", someone)[0].round == 1
    store.close()


def test_downgrade_to_the_first_schema_and_to_empty(db_url, intake_40):
    store = Store(db_url)
    store.save_intake("kept", intake_40, "a" * 64)
    engine = store.engine
    downgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    assert table_names(engine) == FIRST_TABLES | {"alembic_version"}
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM participants")).scalar() == 40
    downgrade(engine, "base")
    assert table_names(engine) <= {"alembic_version"}
    migrate(engine)
    assert current_revision(engine) == "0002"
    store.close()
