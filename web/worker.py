"""Analysis and problem building for the web app, in a worker process of their own.

Analysis grows with the file (similarity vectors, occupation matching, pair matrices), and
a crafted file can make it large or slow. In the server process that would stall every page
and could take the server down with it; here a call that passes the memory cap or its time
limit ends the worker, never the server, and becomes a message the coordinator can act on.
The worker is spawned once and reused, because its imports alone take seconds; after a
failure the next call starts a fresh one. Calls are made one at a time.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

import psutil

T = TypeVar("T")

# Measured: analysis, table and problem of 2,000 rows peak at 487 MB (237 MB of it imports);
# the cap leaves room for the web app's largest upload (3,000 rows) several times over and
# stops what would otherwise push the machine into swap.
DEFAULT_MEMORY_MB = 2048
DEFAULT_TIME_LIMIT_S = 300.0
_POLL_S = 0.1


class WorkerFailed(Exception):
    """A call that ended the worker: ``reason`` is ``memory``, ``time`` or ``crash``."""

    def __init__(self, reason: str, limit: float | None = None) -> None:
        self.reason = reason
        self.limit = limit
        super().__init__(f"analysis worker stopped: {reason}")


def _serve(connection: Any) -> None:
    """Run in the worker: answer each (function, args, kwargs) with ("ok", value) or
    ("error", exception); the exception is re-raised in the server as it was."""
    while True:
        try:
            fn, args, kwargs = connection.recv()
        except EOFError:
            return
        try:
            answer = ("ok", fn(*args, **kwargs))
        except MemoryError:
            answer = ("memory", None)
        except Exception as error:  # noqa: BLE001 - handed to the caller, who re-raises it
            answer = ("error", error)
        try:
            connection.send(answer)
        except Exception as error:  # noqa: BLE001 - an unpicklable answer is the caller's error
            connection.send(("error", RuntimeError(f"answer could not be sent: {error!r}")))


class IsolatedWorker:
    """One reusable worker process with a memory cap (resident set) and a time limit per call."""

    def __init__(
        self, memory_mb: int = DEFAULT_MEMORY_MB, time_limit_s: float = DEFAULT_TIME_LIMIT_S
    ) -> None:
        self.memory_mb = memory_mb
        self.time_limit_s = time_limit_s
        self._context = multiprocessing.get_context("spawn")
        self._lock = threading.Lock()
        self._process: Any = None
        self._connection: Any = None

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``fn(*args, **kwargs)`` in the worker; its exceptions are raised here unchanged."""
        with self._lock:
            connection = self._started()
            try:
                connection.send((fn, args, kwargs))
            except OSError:  # the worker died between calls
                self._stop()
                connection = self._started()
                connection.send((fn, args, kwargs))
            status, value = self._wait(connection)
        if status == "ok":
            return value
        if status == "memory":
            raise WorkerFailed("memory", self.memory_mb)
        raise value

    def close(self) -> None:
        """End the worker (the server's shutdown); a later call starts a new one."""
        with self._lock:
            self._stop()

    def _started(self) -> Any:
        if self._process is None or not self._process.is_alive():
            self._stop()
            ours, theirs = self._context.Pipe()
            self._process = self._context.Process(target=_serve, args=(theirs,), daemon=True)
            self._process.start()
            theirs.close()
            self._connection = ours
        return self._connection

    def _wait(self, connection: Any) -> tuple[str, Any]:
        """The answer, while watching the worker's memory, the clock and its life."""
        started = time.monotonic()
        watched = psutil.Process(self._process.pid)
        cap = self.memory_mb * 1024 * 1024
        while not connection.poll(_POLL_S):
            failure = None
            if not self._process.is_alive():
                failure = WorkerFailed("crash")
            elif _resident(watched) > cap:
                failure = WorkerFailed("memory", self.memory_mb)
            elif time.monotonic() - started > self.time_limit_s:
                failure = WorkerFailed("time", self.time_limit_s)
            if failure is not None:
                self._stop()
                raise failure
        try:
            return connection.recv()
        except (EOFError, OSError):
            self._stop()
            raise WorkerFailed("crash") from None

    def _stop(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join(timeout=5)
            self._process = None


def _resident(process: psutil.Process) -> int:
    """Resident bytes of the worker; 0 once it is gone (the next poll sees it dead)."""
    try:
        return process.memory_info().rss
    except psutil.Error:
        return 0
