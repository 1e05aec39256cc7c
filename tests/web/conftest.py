"""Fixtures for the web app's tests: an app per test on its own data folder, uploads, and jobs.

Every app gets a fresh ``data_dir`` under pytest's tmp_path, so the tests can look at the files
a session leaves (or must not leave) behind. Solves run in spawned processes that take a
couple of seconds to start; tests that only read a line-up share one solved session.
"""

from __future__ import annotations

import csv
import io
import itertools
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from web.app import WebConfig, create_app

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
INTAKE_40 = SAMPLES / "intake_40.xlsx"
FINISHED = ("done", "cancelled", "failed")
JOB_DEADLINE_S = 120.0  # generous: the machine is shared; a 3 s solve normally ends in ~6 s
SOLVE_TIME_LIMIT_S = 3
FORMULA_NAME = '=HYPERLINK("x")'

AppFactory = Callable[..., tuple[FastAPI, TestClient]]
BASE_URL = "http://127.0.0.1:8765"  # the app answers only to its own host name and port


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[AppFactory]:
    """``make_app(max_sessions=2, ...)``: an app on its own data folder, running its lifespan."""
    numbers = itertools.count()
    with ExitStack() as stack:

        def make(**config: Any) -> tuple[FastAPI, TestClient]:
            number = next(numbers)
            config.setdefault("data_dir", tmp_path / f"data{number}")
            # the programmes' store in the test's folder, never the user's
            config.setdefault("db_url", f"sqlite:///{tmp_path / f'store{number}.db'}")
            app = create_app(WebConfig(**config))
            return app, stack.enter_context(TestClient(app, base_url=BASE_URL))

        yield make


@pytest.fixture
def app_client(make_app: AppFactory) -> tuple[FastAPI, TestClient]:
    return make_app()


@pytest.fixture
def app(app_client: tuple[FastAPI, TestClient]) -> FastAPI:
    return app_client[0]


@pytest.fixture
def client(app_client: tuple[FastAPI, TestClient]) -> TestClient:
    return app_client[1]


def upload(
    client: TestClient,
    content: bytes | Path,
    name: str | None = None,
    lang: str | None = None,
) -> Any:
    """POST a file to /api/sessions (a sample path, or bytes under ``name``)."""
    if isinstance(content, Path):
        name = name or content.name
        content = content.read_bytes()
    data = {"lang": lang} if lang else None
    return client.post("/api/sessions", files={"file": (name or "intake.xlsx", content)}, data=data)


def new_session(
    client: TestClient, content: bytes | Path = INTAKE_40, name: str | None = None
) -> str:
    """Upload and return the new session's id (fails the test when refused)."""
    response = upload(client, content, name)
    assert response.status_code == 201, response.text
    return response.json()["session_id"]


@pytest.fixture
def session_id(client: TestClient) -> str:
    """A session holding data/samples/intake_40.xlsx (not solved)."""
    return new_session(client)


def session_folders(app: FastAPI) -> list[Path]:
    """The session folders on disk (one per live session)."""
    return sorted(app.state.sessions.folder.iterdir())


def wait_for_job(
    client: TestClient, session_id: str, job_id: str, deadline_s: float = JOB_DEADLINE_S
) -> dict[str, Any]:
    """Poll a job until it has finished; its last state."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        job = client.get(f"/api/sessions/{session_id}/jobs/{job_id}").json()
        if job["state"] in FINISHED:
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish within {deadline_s:.0f} s")


def run_job(client: TestClient, session_id: str, kind: str = "solve") -> dict[str, Any]:
    """Start a job and wait for it to end; fails the test unless it ends done."""
    started = client.post(f"/api/sessions/{session_id}/jobs", json={"kind": kind})
    assert started.status_code == 202, started.text
    job = wait_for_job(client, session_id, started.json()["job_id"])
    assert job["state"] == "done", job
    return job


def set_time_limit(client: TestClient, session_id: str, seconds: float) -> None:
    response = client.put(f"/api/sessions/{session_id}/settings", json={"time_limit_s": seconds})
    assert response.status_code == 200, response.text


def intake_40_csv(first_name: str | None = None) -> bytes:
    """data/samples/intake_40.csv, optionally with the first participant's name replaced."""
    text = (SAMPLES / "intake_40.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header_row = next(i for i, row in enumerate(rows) if row[:1] == ["Naam"])
    if first_name is not None:
        rows[header_row + 1][0] = first_name
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


class Solved:
    """One solved session shared by every test that reads a line-up; tests that change it use
    the ``restored`` fixture."""

    def __init__(self, app: FastAPI, client: TestClient, session_id: str, job: dict[str, Any]):
        self.app, self.client, self.id, self.job = app, client, session_id, job

    @property
    def url(self) -> str:
        return f"/api/sessions/{self.id}"

    def lineup(self) -> dict[str, Any]:
        response = self.client.get(f"{self.url}/lineup")
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture(scope="session")
def solved(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Solved]:
    """intake_40 (as CSV, the first person named like a formula) solved for 3 s, once."""
    app = create_app(WebConfig(data_dir=tmp_path_factory.mktemp("solved")))
    with TestClient(app, base_url=BASE_URL) as client:
        session_id = new_session(client, intake_40_csv(first_name=FORMULA_NAME), "intake_40.csv")
        set_time_limit(client, session_id, SOLVE_TIME_LIMIT_S)
        yield Solved(app, client, session_id, run_job(client, session_id))


@pytest.fixture
def restored(solved: Solved) -> Iterator[Solved]:
    """The shared solved session, put back as it was after a test that moves or pins people."""
    session = solved.app.state.sessions.get(solved.id)
    groups, pins, last = dict(session.groups), set(session.pins), dict(session.last_solve)
    moves, undo, redo = session.moves, list(session.undo_steps), list(session.redo_steps)
    choices = session.choices
    yield solved
    with session.lock:
        session.groups, session.pins, session.last_solve = groups, pins, last
        session.moves, session.undo_steps, session.redo_steps = moves, undo, redo
        session.choices = choices


def members(lineup: dict[str, Any]) -> dict[str, int | None]:
    """pid -> group (None = unplaced) of a line-up as the API returns it."""
    groups = {m["pid"]: g["group"] for g in lineup["groups"] for m in g["members"]}
    return groups | {u["pid"]: None for u in lineup["unplaced"]}


@contextmanager
def live_server(app: FastAPI) -> Iterator[str]:
    """``app`` served by uvicorn on a free port of 127.0.0.1 in a thread; yields its URL."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web server did not start")
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
