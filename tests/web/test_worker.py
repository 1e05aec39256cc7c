"""The analysis worker: answers like a function call, and a call that passes its memory cap,
its time limit or dies ends the worker only, with the reason; the next call gets a new one."""

from __future__ import annotations

import pytest

from tests.web import worker_functions as fn
from tests.web.conftest import new_session
from web import service
from web.worker import IsolatedWorker, WorkerFailed


@pytest.fixture(scope="module")
def worker():
    started = IsolatedWorker(memory_mb=600, time_limit_s=60)
    yield started
    started.close()


def test_a_call_answers_and_its_errors_come_back_as_they_were(worker):
    assert worker.call(fn.add, 2, b=3) == 5
    with pytest.raises(ValueError, match="no such column"):
        worker.call(fn.refuse, "no such column")
    assert worker.call(fn.add, 1, 1) == 2  # an error in the call leaves the worker usable


def test_memory_over_the_cap_stops_the_worker_not_the_caller(worker):
    with pytest.raises(WorkerFailed) as failed:
        worker.call(fn.grow, 1200)
    assert (failed.value.reason, failed.value.limit) == ("memory", 600)
    assert worker.call(fn.add, 2, 2) == 4  # a fresh worker


def test_a_call_past_its_time_limit_is_stopped():
    slow = IsolatedWorker(time_limit_s=1)
    try:
        with pytest.raises(WorkerFailed) as failed:
            slow.call(fn.sleep, 60)
        assert failed.value.reason == "time"
        assert slow.call(fn.sleep, 0) == 0
    finally:
        slow.close()


def test_a_worker_that_dies_is_reported_and_replaced(worker):
    with pytest.raises(WorkerFailed) as failed:
        worker.call(fn.die)
    assert failed.value.reason == "crash"
    assert worker.call(fn.add, 3, 3) == 6


def test_an_analysis_over_the_cap_is_a_message_and_the_server_goes_on(client, monkeypatch):
    """The web app's analysis runs in the worker: over its cap the coordinator reads why, in
    the session's language, and the session and server keep answering."""
    tiny = IsolatedWorker(memory_mb=1)  # any Python process is larger
    monkeypatch.setattr(service, "ANALYSIS_WORKER", tiny)
    try:
        session_id = new_session(client)
        client.put(f"/api/sessions/{session_id}/language", json={"lang": "nl"})
        refused = client.get(f"/api/sessions/{session_id}/analysis")
        assert refused.status_code == 413
        assert "meer dan 1 MB geheugen" in refused.json()["detail"]
        assert client.get(f"/api/sessions/{session_id}").status_code == 200
    finally:
        tiny.close()
