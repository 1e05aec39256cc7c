"""Where the store lives and how it is opened: a database URL, an engine, the schema migrated.

The default is an SQLite file in the user's data directory (``platformdirs``), so a programme
outlives one spreadsheet without any setup; ``--db URL`` or ``INTERVISIE_DB`` chooses another,
e.g. ``postgresql+psycopg://user@host/intervisie`` for a team that shares one store. The schema
is always brought to the newest Alembic revision on open, so an older store is upgraded in place.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

ENV_VAR = "INTERVISIE_DB"

# SQLAlchemy logs statements at INFO and result rows at DEBUG, so a root logger at INFO
# (``intervisie -v``) would print people's answers; its loggers stay at WARNING.
for _name in ("sqlalchemy.engine", "sqlalchemy.pool", "sqlalchemy.orm"):
    logging.getLogger(_name).setLevel(logging.WARNING)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class StoreError(Exception):
    """A store that cannot be opened or a record that does not exist; said in the user's words:
    ``str`` is English, :meth:`message` the Dutch too where a coordinator meets it (web pages)."""

    def __init__(self, message: str, dutch: str | None = None) -> None:
        super().__init__(message)
        self.dutch = dutch

    def message(self, lang: str = "en") -> str:
        """The error in ``lang`` (English where no Dutch was given)."""
        return self.dutch if lang == "nl" and self.dutch else str(self)


def default_url() -> str:
    """``INTERVISIE_DB`` if set, else an SQLite file in the user's data directory."""
    chosen = os.environ.get(ENV_VAR)
    if chosen:
        return chosen
    folder = Path(user_data_dir("intervisie", appauthor=False))
    return f"sqlite:///{folder / 'intervisie.db'}"


def normalised_url(url: str) -> str:
    """A URL SQLAlchemy can use: plain ``postgresql://`` means psycopg 3, a bare path SQLite."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise StoreError(f"--db {_safe(url)}: not a database URL ({error})") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(unreadable URL)"


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets its folder created and foreign keys switched on, so
    deleting a programme or a person cascades exactly as it does in PostgreSQL. Statement
    parameters (names, answers) never appear in logs or error messages, even at debug level."""
    url = normalised_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_foreign_keys)
        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


def _sqlite_foreign_keys(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def alembic_config(engine: Engine) -> Config:
    """Alembic's configuration for this engine, without an ini file and without logging setup
    (the store logs nothing about the people in it)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (the newest by default)."""
    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema back to ``revision`` ("base" drops every table)."""
    command.downgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at (None when empty)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def table_names(engine: Engine) -> set[str]:
    """The tables in the database, for tests and the privacy search."""
    return set(inspect(engine).get_table_names())
