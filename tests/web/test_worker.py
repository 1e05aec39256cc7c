"""The analysis worker: answers like a function call, and a call that passes its memory cap,
its time limit or dies ends the worker only, with the reason; the next call gets a new one.
The pool serves calls at once up to its size and never starts more workers than that."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import psutil
import pytest

from tests.web import worker_functions as fn
from tests.web.conftest import new_session
from web import service
from web.worker import PROCESS_NAME, IsolatedWorker, WorkerFailed, WorkerPool


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
    monkeypatch.setattr(service, "ANALYSIS_WORKERS", tiny)
    try:
        session_id = new_session(client)
        client.put(f"/api/sessions/{session_id}/language", json={"lang": "nl"})
        refused = client.get(f"/api/sessions/{session_id}/analysis")
        assert refused.status_code == 413
        assert "meer dan 1 MB geheugen" in refused.json()["detail"]
        assert client.get(f"/api/sessions/{session_id}").status_code == 200
    finally:
        tiny.close()


def test_two_coordinators_are_analysed_at_once(tmp_path):
    """With one worker the second call waited for the first, which waited for the second."""
    pool = WorkerPool(size=2, memory_mb=600)
    try:
        with ThreadPoolExecutor(2) as threads:
            calls = [threads.submit(pool.call, fn.meet, str(tmp_path), n, 2) for n in "ab"]
            answers = [call.result() for call in calls]
        assert all(met for _, met in answers)
        assert len({pid for pid, _ in answers}) == 2
    finally:
        pool.close()


def test_the_pool_never_grows_past_its_size_and_reuses_a_warm_worker():
    pool = WorkerPool(size=2, memory_mb=600)
    try:
        first, again = pool.call(fn.pid), pool.call(fn.pid)
        assert first == again  # one coordinator at a time needs one process
        with ThreadPoolExecutor(6) as threads:
            pids = set(threads.map(lambda _: pool.call(fn.sleep_then_pid, 0.2), range(12)))
        assert len(pids) <= 2
        assert psutil.Process(first).name() == PROCESS_NAME  # told apart from the solves
    finally:
        pool.close()


def test_warmed_workers_have_the_analysis_imported_before_their_first_call(tmp_path):
    pool = WorkerPool(size=2, memory_mb=1000)
    try:
        cold = pool.call(fn.meet_and_tell, str(tmp_path), "alone", 1, "workflow")
        assert cold[2] is False  # a worker on its own imports only what a call needs
        pool.close()
        pool.warm()
        (tmp_path / "warm").mkdir()
        with ThreadPoolExecutor(2) as threads:
            calls = [
                threads.submit(
                    pool.call, fn.meet_and_tell, str(tmp_path / "warm"), n, 2, "workflow"
                )
                for n in "ab"
            ]
            answers = [call.result() for call in calls]
        assert [(met, loaded) for _, met, loaded in answers] == [(True, True), (True, True)]
    finally:
        pool.close()
