"""Solve jobs that run in their own process, report progress and can be cancelled.

A solve holds the GIL for long stretches (tabu search in Python) and may use gigabytes at
scale, so each job runs in a separate *spawned* process: the web server's event loop stays
responsive, a crash or a memory blow-up ends only that job, and cancelling always works. A
job asks the solver to stop through a shared event and keeps the best line-up found so far;
a job that does not stop within :data:`CANCEL_GRACE_S` is terminated.

At most ``slots`` jobs run at once (the machine has few cores); later jobs wait in line.
"""

from __future__ import annotations

import multiprocessing
import queue
import secrets
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from optimiser.result import relative_gap

CANCEL_GRACE_S = 10.0
_POLL_S = 0.2


class JobState(StrEnum):
    """Where a job is in its life."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    CANCELLED = "cancelled"  # stopped by the user; ``outcome`` holds the best line-up, if any
    FAILED = "failed"


@dataclass
class Job:
    """One solve: its progress while it runs and its outcome when it ends.

    ``outcome`` is whatever the job's function returned (a picklable dict); ``on_done`` runs
    in the runner's thread once it is known, so the session can take the new line-up.
    """

    id: str
    kind: str
    time_limit_s: float
    state: JobState = JobState.QUEUED
    created: float = field(default_factory=time.monotonic)
    started: float | None = None
    finished: float | None = None
    best: int | None = None
    bound: float | None = None
    history: list[tuple[float, int, float | None]] = field(default_factory=list)
    outcome: dict[str, Any] | None = None
    error: str | None = None
    cancel_requested: bool = False

    @property
    def elapsed_s(self) -> float:
        """Seconds since the job started running (0 while queued)."""
        if self.started is None:
            return 0.0
        return (self.finished or time.monotonic()) - self.started

    @property
    def queued_s(self) -> float:
        """Seconds the job waited in line for a solve slot (so far, while still queued)."""
        end = self.started or self.finished or time.monotonic()
        return end - self.created

    @property
    def gap(self) -> float | None:
        """Relative gap between the best score and the bound, when a bound is known."""
        if self.best is None:
            return None
        return relative_gap(self.best, self.bound)

    @property
    def finished_state(self) -> bool:
        """True once the job will not change any more."""
        return self.state in (JobState.DONE, JobState.CANCELLED, JobState.FAILED)


JobFunction = Callable[..., dict[str, Any]]
"""``fn(payload, progress=callback, stop=event) -> dict``, importable at module level."""


def _child(fn: JobFunction, payload: Any, messages: Any, stop: Any) -> None:
    """Run in the spawned process: forward progress, then the outcome or the error."""

    def progress(point: Any) -> None:
        messages.put(("progress", (point.time_s, point.objective, point.bound)))

    try:
        messages.put(("done", fn(payload, progress=progress, stop=stop)))
    except Exception as error:  # noqa: BLE001 - reported to the user as the job's failure
        messages.put(("failed", f"{type(error).__name__}: {error}"))


class JobRunner:
    """Runs jobs in spawned processes, ``slots`` at a time."""

    def __init__(self, slots: int = 1) -> None:
        self._pool = ThreadPoolExecutor(max_workers=slots, thread_name_prefix="solve-job")
        self._context = multiprocessing.get_context("spawn")
        self._stops: dict[str, Any] = {}
        self._lock = threading.Lock()

    def submit(
        self,
        kind: str,
        fn: JobFunction,
        payload: Any,
        time_limit_s: float,
        on_done: Callable[[Job], None] | None = None,
    ) -> Job:
        """Queue ``fn(payload)``; returns the job at once."""
        job = Job(id=secrets.token_hex(8), kind=kind, time_limit_s=time_limit_s)
        stop = self._context.Event()
        with self._lock:
            self._stops[job.id] = stop
        self._pool.submit(self._run, job, fn, payload, stop, on_done)
        return job

    def cancel(self, job: Job) -> None:
        """Ask the job to stop; it keeps the best line-up found so far."""
        job.cancel_requested = True
        with self._lock:
            stop = self._stops.get(job.id)
        if stop is not None:
            stop.set()

    def shutdown(self) -> None:
        """Stop every job (used when the server stops)."""
        with self._lock:
            for stop in self._stops.values():
                stop.set()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _run(
        self,
        job: Job,
        fn: JobFunction,
        payload: Any,
        stop: Any,
        on_done: Callable[[Job], None] | None,
    ) -> None:
        final = JobState.CANCELLED
        try:
            if not job.cancel_requested:
                job.state, job.started = JobState.RUNNING, time.monotonic()
                final = self._supervise(job, fn, payload, stop)
            if on_done is not None and job.outcome is not None:
                on_done(job)  # before the state says "done": a poller then sees the line-up
        except Exception as error:  # noqa: BLE001 - e.g. a payload that cannot be sent
            final, job.error = JobState.FAILED, f"{type(error).__name__}: {error}"
        finally:
            job.finished = time.monotonic()
            with self._lock:
                self._stops.pop(job.id, None)
            job.state = final

    def _supervise(self, job: Job, fn: JobFunction, payload: Any, stop: Any) -> JobState:
        """Start the process and follow its messages; returns how the job ended."""
        messages = self._context.Queue()
        process = self._context.Process(
            target=_child, args=(fn, payload, messages, stop), daemon=True
        )
        process.start()
        cancel_deadline: float | None = None
        try:
            while True:
                try:
                    kind, body = messages.get(timeout=_POLL_S)
                except queue.Empty:
                    if job.cancel_requested and cancel_deadline is None:
                        cancel_deadline = time.monotonic() + CANCEL_GRACE_S
                    if cancel_deadline is not None and time.monotonic() > cancel_deadline:
                        return JobState.CANCELLED
                    if not process.is_alive() and messages.empty():
                        job.error = f"the solver process ended unexpectedly ({process.exitcode})"
                        return JobState.FAILED
                    continue
                if kind == "progress":
                    time_s, objective, bound = body
                    job.history.append((time_s, objective, bound))
                    job.best, job.bound = objective, bound
                elif kind == "done":
                    job.outcome = body
                    return JobState.CANCELLED if job.cancel_requested else JobState.DONE
                else:
                    job.error = body
                    return JobState.FAILED
        finally:
            process.join(timeout=1.0)
            if process.is_alive():
                process.terminate()
                process.join(timeout=5.0)
            messages.close()
