"""Solve jobs: through the API (solve, progress, cancel, one at a time, repair around pins) and
the JobRunner itself with tiny job functions (progress, failures, a child that dies or will not
stop).

Deadlines are generous on purpose: they only stop a hung test, they measure nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from intake.pipeline import read_intake
from tests.web import job_functions
from tests.web.conftest import (
    SAMPLES,
    Solved,
    members,
    new_session,
    run_job,
    set_time_limit,
    wait_for_job,
)
from web import jobs
from web.jobs import Job, JobRunner, JobState

CANCEL_DEADLINE_S = 30.0


def _wait_for_progress(client: TestClient, url: str, deadline_s: float = 90.0) -> dict:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        job = client.get(url).json()
        assert job["state"] in ("queued", "running"), job
        if job["history"]:
            return job
        time.sleep(0.2)
    raise AssertionError(f"no progress within {deadline_s:.0f} s")


# -- through the API -----------------------------------------------------------------------------
def test_a_solve_reports_progress_and_ends_done(solved: Solved):
    job = solved.client.get(f"{solved.url}/jobs/{solved.job['job_id']}").json()

    assert (job["kind"], job["state"], job["time_limit_s"]) == ("solve", "done", 3)
    assert job["history"] and job["best"] == job["history"][-1]["objective"]
    assert job["elapsed_s"] > 0 and job["error"] is None
    assert job["outcome"]["status"] in ("optimal", "feasible")
    assert job["outcome"]["cancelled"] is False
    assert "groups" not in job["outcome"]  # the line-up is served by /lineup
    assert solved.client.get(solved.url).json()["running_job"] is None


def test_an_unknown_job_is_404(solved: Solved):
    response = solved.client.get(f"{solved.url}/jobs/0123456789abcdef")

    assert response.status_code == 404
    assert "no job '0123456789abcdef'" in response.json()["detail"]


def test_a_long_solve_can_be_cancelled_and_keeps_its_best_lineup(client: TestClient):
    intake_150 = SAMPLES / "intake_150.xlsx"
    session_id = new_session(client, intake_150)
    url = f"/api/sessions/{session_id}"
    set_time_limit(client, session_id, 120)
    job_id = client.post(f"{url}/jobs", json={"kind": "solve"}).json()["job_id"]
    _wait_for_progress(client, f"{url}/jobs/{job_id}")

    second = client.post(f"{url}/jobs", json={"kind": "solve"})
    assert second.status_code == 409
    assert "already running" in second.json()["detail"]
    assert client.get(url).json()["running_job"] == job_id

    assert client.delete(f"{url}/jobs/{job_id}").status_code == 202
    job = wait_for_job(client, session_id, job_id, deadline_s=CANCEL_DEADLINE_S)

    assert job["state"] == "cancelled"
    if job["outcome"] is not None:  # the solver returned its best so far
        assert job["outcome"]["cancelled"] is True
        expected = set(read_intake(intake_150).table.index)
        assert set(members(client.get(f"{url}/lineup").json())) == expected
        assert client.get(url).json()["last_solve"]["cancelled"] is True


def test_ending_a_session_cancels_its_job(app: FastAPI, client: TestClient, session_id: str):
    url = f"/api/sessions/{session_id}"
    set_time_limit(client, session_id, 120)
    job_id = client.post(f"{url}/jobs", json={"kind": "solve"}).json()["job_id"]
    session = app.state.sessions.get(session_id)
    job = session.jobs[job_id]

    assert client.delete(url).status_code == 204

    assert not session.folder.exists()
    assert client.get(f"{url}/jobs/{job_id}").status_code == 404
    assert _finished(job, CANCEL_DEADLINE_S).state is JobState.CANCELLED


def test_repair_keeps_the_pins_and_every_hard_rule(restored: Solved):
    client, url = restored.client, restored.url
    before = restored.lineup()
    home, elsewhere = before["groups"][0], before["groups"][1]
    pinned = home["members"][0]["pid"]
    assert client.put(f"{url}/lineup/pins/{pinned}", json={"pinned": True}).status_code == 200
    for member in home["members"][2:]:  # leave the pinned person's group too small to keep
        client.post(f"{url}/lineup/moves", json={"pid": member["pid"], "group": elsewhere["group"]})
    assert list(members(restored.lineup()).values()).count(home["group"]) == 2

    job = run_job(client, restored.id, kind="repair")

    after = restored.lineup()
    assert members(after)[pinned] == home["group"]
    assert after["pins"] == [pinned]
    assert after["hard_violations"] == 0
    assert all(not group["broken_hard"] for group in after["groups"])
    assert all(5 <= len(group["members"]) <= 8 for group in after["groups"])
    assert set(members(after)) == set(members(before))
    assert all(u["reason"] for u in after["unplaced"])
    assert job["kind"] == "repair" and job["outcome"]["moves"]
    assert client.get(url).json()["last_solve"]["kind"] == "repair"


def test_a_job_of_an_unknown_kind_is_422(client: TestClient, session_id: str):
    response = client.post(f"/api/sessions/{session_id}/jobs", json={"kind": "guess"})

    assert response.status_code == 422
    assert "kind" in response.json()["detail"]


# -- the runner ----------------------------------------------------------------------------------
@pytest.fixture
def runner() -> Iterator[JobRunner]:
    runner = JobRunner(slots=1)
    yield runner
    runner.shutdown()


def _finished(job: Job, deadline_s: float = 60.0) -> Job:
    end = time.monotonic() + deadline_s
    while not job.finished_state:
        assert time.monotonic() < end, f"job still {job.state} after {deadline_s:.0f} s"
        time.sleep(0.05)
    return job


def _running_with_progress(job: Job, deadline_s: float = 60.0) -> None:
    end = time.monotonic() + deadline_s
    while not job.history:
        assert not job.finished_state, (job.state, job.error)
        assert time.monotonic() < end, "no progress"
        time.sleep(0.05)


def test_progress_is_forwarded_and_the_outcome_kept(runner: JobRunner):
    points = [(0.5, 10, 40.0), (1.0, 20, 30.0), (2.0, 25, None)]
    seen: list[tuple[JobState, dict | None]] = []

    job = runner.submit(
        "solve",
        job_functions.reports_progress,
        {"points": points, "answer": 42},
        time_limit_s=5,
        on_done=lambda done: seen.append((done.state, done.outcome)),
    )

    assert _finished(job).state is JobState.DONE
    assert job.history == points
    assert (job.best, job.bound) == (25, None)
    assert job.outcome == {"answer": 42}
    assert seen == [(JobState.RUNNING, {"answer": 42})]  # taken before the state says done


def test_an_exception_fails_the_job_with_its_message(runner: JobRunner):
    seen: list[Job] = []

    job = runner.submit(
        "solve", job_functions.raises, {"message": "no rows to group"}, 5, on_done=seen.append
    )

    assert _finished(job).state is JobState.FAILED
    assert job.error == "ValueError: no rows to group"
    assert job.outcome is None and seen == []


def test_a_child_that_dies_fails_the_job(runner: JobRunner):
    job = runner.submit("solve", job_functions.dies, {"code": 3}, 5)

    assert _finished(job).state is JobState.FAILED
    assert job.error == "the solver process ended unexpectedly (3)"


def test_a_cancelled_job_keeps_what_it_returned(runner: JobRunner):
    job = runner.submit("solve", job_functions.stops_when_asked, {"give_up_s": 60}, 60)
    _running_with_progress(job)

    runner.cancel(job)

    assert _finished(job, CANCEL_DEADLINE_S).state is JobState.CANCELLED
    assert job.cancel_requested and job.outcome == {"best": 5}


def test_a_job_that_ignores_stop_is_terminated_after_the_grace_period(
    runner: JobRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(jobs, "CANCEL_GRACE_S", 0.5)
    pid_file = tmp_path / "child.pid"
    job = runner.submit(
        "solve", job_functions.ignores_stop, {"pid_file": str(pid_file), "sleep_s": 120}, 120
    )
    end = time.monotonic() + 60
    while not pid_file.exists():
        assert time.monotonic() < end and not job.finished_state, "the child did not start"
        time.sleep(0.05)

    runner.cancel(job)

    assert _finished(job, CANCEL_DEADLINE_S).state is JobState.CANCELLED
    assert job.outcome is None
    assert not Path(f"/proc/{pid_file.read_text()}").exists()  # terminated and reaped


def test_a_queued_job_cancelled_never_runs(runner: JobRunner):
    first = runner.submit("solve", job_functions.stops_when_asked, {"give_up_s": 60}, 60)
    second = runner.submit("solve", job_functions.reports_progress, {"points": [], "answer": 1}, 5)
    _running_with_progress(first)
    assert second.state is JobState.QUEUED  # one slot: it waits its turn

    runner.cancel(second)
    runner.cancel(first)

    assert _finished(second, CANCEL_DEADLINE_S).state is JobState.CANCELLED
    assert second.started is None and second.outcome is None
    assert _finished(first, CANCEL_DEADLINE_S).state is JobState.CANCELLED


def test_a_solve_of_a_replaced_file_does_not_become_its_lineup(client: TestClient, session_id):
    url = f"/api/sessions/{session_id}"
    set_time_limit(client, session_id, 120)
    job_id = client.post(f"{url}/jobs", json={"kind": "solve"}).json()["job_id"]
    _wait_for_progress(client, f"{url}/jobs/{job_id}")
    other = SAMPLES / "msforms_en_60.xlsx"
    replaced = client.put(f"{url}/file", files={"file": (other.name, other.read_bytes())})
    assert replaced.status_code == 200

    client.delete(f"{url}/jobs/{job_id}")
    assert wait_for_job(client, session_id, job_id, CANCEL_DEADLINE_S)["outcome"] is not None

    response = client.get(f"{url}/lineup")
    assert response.status_code == 409  # the line-up was of the earlier file's people
    assert client.get(url).json()["has_lineup"] is False
