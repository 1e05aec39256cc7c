"""Every store test runs against SQLite and a real PostgreSQL server (no mocks of the database).

``.ci/run`` starts a throwaway PostgreSQL cluster and sets ``INTERVISIE_TEST_PG`` (a URL of a
database the tests may create databases from) and ``INTERVISIE_PG_REQUIRED=1``; each test gets
a database of its own. Without a server the PostgreSQL half skips, unless it is required.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from intake.pipeline import IntakeResult, read_intake
from optimiser.intervision import evaluate_lineup
from optimiser.intervision.lineup import LineupReport
from store import Store
from workflow import FormOptions, analysed_problem, settings_for

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
PG_URL = os.environ.get("INTERVISIE_TEST_PG")
PG_REQUIRED = os.environ.get("INTERVISIE_PG_REQUIRED") == "1"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    if not PG_URL:
        if PG_REQUIRED:
            pytest.fail("INTERVISIE_PG_REQUIRED=1 but INTERVISIE_TEST_PG names no server")
        pytest.skip("no PostgreSQL server: set INTERVISIE_TEST_PG (.ci/run starts one)")
    name = f"intervisie_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def store(db_url):
    opened = Store(db_url)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def intake_40() -> IntakeResult:
    return read_intake(SAMPLES / "intake_40.xlsx")


def chunked_groups(table: pd.DataFrame, size: int = 6) -> dict[str, int | None]:
    """A simple line-up: consecutive rows in groups of ``size``; the rest unplaced."""
    pids = list(table.index)
    full = len(pids) // size * size
    return {pid: (k // size + 1 if k < full else None) for k, pid in enumerate(pids)}


@pytest.fixture(scope="session")
def lineup_40(intake_40) -> tuple[dict[str, int | None], LineupReport]:
    """A line-up of the 40-person sample and its evaluation."""
    options = FormOptions()
    problem, _ = analysed_problem(intake_40.table, options, settings_for(options))
    groups = chunked_groups(intake_40.table)
    return groups, evaluate_lineup(problem, groups)
