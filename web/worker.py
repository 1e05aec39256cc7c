"""Analysis and problem building for the web app, in worker processes of their own.

Analysis grows with the file (similarity vectors, occupation matching, pair matrices), and
a crafted file can make it large or slow. In the server process that would stall every page
and could take the server down with it; here a call that passes the memory cap or its time
limit ends the worker, never the server, and becomes a message the coordinator can act on.
A worker is spawned when first needed (or by ``WorkerPool.warm``, when the server starts) and
reused, because its imports alone take seconds; after a failure the next call starts a fresh
one. ``WorkerPool`` keeps a few of them so that
coordinators starting at the same moment are not all served one after the other; each worker
has its own memory cap, so the pool never holds more than ``size x memory_mb``.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import queue
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

import psutil

T = TypeVar("T")

# Measured: analysis, table and problem of the web app's largest upload (3,000 rows) peak at
# 532 MB for a realistic intake and 597 MB for junk (238 MB of it imports); the cap leaves
# room for that 2.5 times over and stops what would otherwise push the machine into swap.
DEFAULT_MEMORY_MB = 1536
# Two workers on two cores: a third would only share the cores and hold another ~250 MB of
# imports. The pool then holds at most 2 x 1,536 MB = 3 GB.
DEFAULT_WORKERS = 2
DEFAULT_TIME_LIMIT_S = 300.0
PROCESS_NAME = "ivs-analysis"  # what ps and top show for a worker
_POLL_S = 0.1

log = logging.getLogger(__name__)


class WorkerFailed(Exception):
    """A call that ended the worker: ``reason`` is ``memory``, ``time`` or ``crash``."""

    def __init__(self, reason: str, limit: float | None = None) -> None:
        self.reason = reason
        self.limit = limit
        super().__init__(f"analysis worker stopped: {reason}")


def _serve(connection: Any) -> None:
    """Run in the worker: answer each (function, args, kwargs) with ("ok", value) or
    ("error", exception); the exception is re-raised in the server as it was."""
    _name_this_process(PROCESS_NAME)
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


def _name_this_process(name: str) -> None:
    """Show the worker as ``name`` in ps and top (Linux), apart from the solves, which are also
    spawned Python processes; elsewhere it keeps its usual name."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(15, name.encode()[:15], 0, 0, 0)  # 15 = PR_SET_NAME


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


class WorkerPool:
    """Up to ``size`` isolated workers, each with its own memory cap and time limit per call.

    A call takes a free worker, the one used last first (so that one coordinator at a time
    needs only one process), and otherwise waits for one: the pool never grows past ``size``.
    How long each call waited and ran is logged (INFO; no personal data), which is how
    ``bench.web_load`` reports the queue.
    """

    def __init__(
        self,
        size: int = DEFAULT_WORKERS,
        memory_mb: int = DEFAULT_MEMORY_MB,
        time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    ) -> None:
        if size < 1:
            raise ValueError("a worker pool needs at least one worker")
        self.size = size
        self.memory_mb = memory_mb
        self._workers = [IsolatedWorker(memory_mb, time_limit_s) for _ in range(size)]
        self._free: queue.LifoQueue[IsolatedWorker] = queue.LifoQueue()
        for worker in reversed(self._workers):
            self._free.put(worker)

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``fn(*args, **kwargs)`` in a free worker; its exceptions are raised here unchanged."""
        asked = time.monotonic()
        worker = self._free.get()
        started = time.monotonic()
        try:
            return worker.call(fn, *args, **kwargs)
        finally:
            self._free.put(worker)
            log.info(
                "analysis worker call %s: waited %.2f s for a free worker (of %d), ran %.2f s",
                getattr(fn, "__name__", "?"),
                started - asked,
                self.size,
                time.monotonic() - started,
            )

    def warm(self) -> None:
        """Start every worker and its imports in the background (``intervisie serve``).

        A worker's first call spends seconds importing the analysis (16 s, 43 s for a second
        one starting beside it, on the shared machine under load): with cold workers the
        first coordinators all waited for that, not for their analysis (0.1-0.3 s for 40
        rows). A call that comes meanwhile waits for the worker, as it would have anyway.
        """

        def start() -> None:
            worker = self._free.get()
            try:
                worker.call(_load_analysis)
            except Exception as error:  # noqa: BLE001 - the first real call reports it
                log.warning("an analysis worker did not start: %s", error)
            finally:
                self._free.put(worker)

        for _ in range(self.size):
            threading.Thread(target=start, name="analysis-warm-up", daemon=True).start()

    def close(self) -> None:
        """End every worker (the server's shutdown); a later call starts new ones."""
        for worker in self._workers:
            worker.close()


def _load_analysis() -> None:
    """Run in a new worker: import what analysis and problem building need."""
    import workflow  # noqa: F401
