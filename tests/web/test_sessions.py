"""Sessions: kept apart, ended on request, after their time to live or when too many exist,
and their files go with them; a restart cleans only the store's own folder.

Expiry is tested by ageing a session's ``last_seen`` rather than by waiting.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import (
    SAMPLES,
    AppFactory,
    members,
    new_session,
    session_folders,
    set_time_limit,
    upload,
    wait_for_job,
)
from web.jobs import Job, JobState
from web.sessions import Session, SessionsFull, SessionStore


def _age(session: Session, seconds: float) -> None:
    session.last_seen -= seconds


def test_two_sessions_keep_their_own_data_settings_and_lineup(make_app: AppFactory):
    app, client = make_app(solve_slots=2)
    first = new_session(client, SAMPLES / "intake_40.xlsx")
    second = new_session(client, SAMPLES / "msforms_en_60.xlsx")
    one, two = f"/api/sessions/{first}", f"/api/sessions/{second}"
    for session_id in (first, second):
        set_time_limit(client, session_id, 1)
    jobs = {s: client.post(f"/api/sessions/{s}/jobs", json={}).json() for s in (first, second)}
    for session_id, job in jobs.items():
        assert wait_for_job(client, session_id, job["job_id"])["state"] == "done"

    client.put(f"{one}/settings", json={"min_size": 4})
    untouched = client.get(f"{two}/lineup").json()
    shared_pid = "R0005"  # a row number both files have
    assert shared_pid in members(untouched)
    target = next(g for g in members(client.get(f"{one}/lineup").json()).values() if g)
    client.post(f"{one}/lineup/moves", json={"pid": shared_pid, "group": target})
    client.put(f"{one}/lineup/pins/{shared_pid}", json={"pinned": True})
    client.put(f"{one}/mapping", json={"columns": {"Opmerkingen": None}})  # drops one's line-up

    assert client.get(f"{two}/lineup").json() == untouched
    assert client.get(f"{two}/settings").json()["min_size"] == 5
    assert client.get(f"{two}/mapping").json()["overrides"] == {}
    assert client.get(one).json()["file"] == "intake_40.xlsx"
    assert client.get(two).json()["file"] == "msforms_en_60.xlsx"
    assert jobs[first]["job_id"] != jobs[second]["job_id"]
    assert client.get(f"{two}/jobs/{jobs[first]['job_id']}").status_code == 404
    folders = {s: app.state.sessions.get(s).folder for s in (first, second)}
    assert folders[first] != folders[second]
    assert app.state.sessions.get(first).upload.is_relative_to(folders[first])


def test_ending_a_session_removes_its_folder(make_app: AppFactory):
    app, client = make_app()
    session_id = new_session(client)
    folder = app.state.sessions.get(session_id).folder
    assert folder.is_dir()

    assert client.delete(f"/api/sessions/{session_id}").status_code == 204

    assert not folder.exists() and session_folders(app) == []
    assert client.get(f"/api/sessions/{session_id}").status_code == 404
    assert client.delete(f"/api/sessions/{session_id}").status_code == 404


def test_an_unknown_session_is_404(client: TestClient):
    for response in (
        client.get("/api/sessions/made-up"),
        client.delete("/api/sessions/made-up"),
        client.put("/api/sessions/made-up/settings", json={"min_size": 4}),
        client.post("/api/sessions/made-up/jobs", json={}),
    ):
        assert response.status_code == 404
        assert response.json()["detail"] == "no such session (ended, expired, or the app restarted)"


def test_an_idle_session_expires_with_its_files(make_app: AppFactory):
    app, client = make_app(session_ttl_s=60)
    idle, active = new_session(client), new_session(client)
    folder = app.state.sessions.get(idle).folder
    _age(app.state.sessions.get(idle), 61)

    assert client.get(f"/api/sessions/{idle}").status_code == 404
    assert not folder.exists()
    assert client.get(f"/api/sessions/{active}").status_code == 200


def test_sweep_ends_only_sessions_past_their_time_to_live(tmp_path: Path):
    store = SessionStore(tmp_path, ttl_s=60, max_sessions=10)
    old, fresh, solving = store.create(), store.create(), store.create()
    for session in (old, solving):
        _age(session, 61)
    solving.jobs["j"] = Job(id="j", kind="solve", time_limit_s=60, state=JobState.RUNNING)

    assert store.sweep() == 1

    assert not old.folder.exists() and store.get(old.id) is None
    assert store.get(fresh.id) is fresh and fresh.folder.is_dir()
    assert store.get(solving.id) is solving  # never expired under a running solve


def test_the_app_sweeps_idle_sessions_by_itself(make_app: AppFactory):
    app, client = make_app(session_ttl_s=60, sweep_every_s=0.05)
    session = app.state.sessions.get(new_session(client))
    _age(session, 61)

    end = time.monotonic() + 30
    while session.folder.exists():
        assert time.monotonic() < end, "the sweeper did not end the idle session"
        time.sleep(0.05)
    assert len(app.state.sessions) == 0


def test_a_full_store_refuses_an_upload_rather_than_end_a_session_in_use(
    make_app: AppFactory,
):
    app, client = make_app(max_sessions=2, evict_idle_s=600)
    first, second = new_session(client), new_session(client)

    refused = upload(client, SAMPLES / "intake_40.xlsx", lang="nl")

    assert refused.status_code == 503
    assert "2 sessies in gebruik" in refused.json()["detail"]
    assert client.get(f"/api/sessions/{first}").status_code == 200
    assert client.get(f"/api/sessions/{second}").status_code == 200
    assert len(session_folders(app)) == 2
    assert not any(app.state.sessions.staging.iterdir())


def test_the_cap_ends_the_least_recently_used_session_idle_long_enough(make_app: AppFactory):
    app, client = make_app(max_sessions=2, evict_idle_s=600)
    first, second = new_session(client), new_session(client)
    second_folder = app.state.sessions.get(second).folder
    _age(app.state.sessions.get(first), 700)
    _age(app.state.sessions.get(second), 800)  # the least recently used of the two idle ones

    third = new_session(client)

    assert client.get(f"/api/sessions/{second}").status_code == 404
    assert not second_folder.exists()
    assert client.get(f"/api/sessions/{first}").status_code == 200
    assert client.get(f"/api/sessions/{third}").status_code == 200
    assert len(session_folders(app)) == 2


def test_session_ids_are_long_and_distinct(tmp_path: Path):
    store = SessionStore(tmp_path, max_sessions=100)

    ids = {store.create().id for _ in range(50)}

    assert len(ids) == 50 and min(len(i) for i in ids) >= 24


def test_a_restart_cleans_only_the_store_folder(make_app: AppFactory, tmp_path: Path):
    data_dir = tmp_path / "web"
    stale = data_dir / "sessions" / "old-token" / "upload"
    stale.mkdir(parents=True)
    (stale / "intake.xlsx").write_bytes(b"someone's intake")
    (data_dir / "notes.txt").write_text("not ours to delete")
    (data_dir / "other").mkdir()
    (data_dir / "other" / "keep.csv").write_text("a;b")

    _, client = make_app(data_dir=data_dir)

    assert list((data_dir / "sessions").iterdir()) == []
    assert (data_dir / "notes.txt").read_text() == "not ours to delete"
    assert (data_dir / "other" / "keep.csv").exists()
    assert client.get("/api/sessions/old-token").status_code == 404


def test_the_cap_spares_a_session_that_is_solving(tmp_path: Path):
    store = SessionStore(tmp_path, max_sessions=2, evict_idle_s=60)
    solving, idle = store.create(), store.create()
    solving.jobs["j"] = Job(id="j", kind="solve", time_limit_s=60, state=JobState.RUNNING)
    _age(solving, 100)  # the least recently used, but its solve is still running
    _age(idle, 90)

    store.create()

    assert store.get(solving.id) is solving
    assert store.get(idle.id) is None and not idle.folder.exists()
    with pytest.raises(SessionsFull):  # only a solving one and a new one are left
        store.create()
    assert store.get(solving.id) is solving
