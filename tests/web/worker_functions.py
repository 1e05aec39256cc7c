"""Functions the analysis-worker tests run; at module level because the spawned worker
imports them by name."""

from __future__ import annotations

import os
import time


def add(a: int, b: int) -> int:
    return a + b


def refuse(message: str) -> None:
    raise ValueError(message)


def grow(megabytes: int) -> int:
    """Hold ``megabytes`` of written (resident) memory for a while."""
    block = b"x" * (megabytes * 1024 * 1024)
    time.sleep(30)
    return len(block)


def sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def die() -> None:
    os._exit(9)


def meet(folder: str, name: str, expected: int, patience_s: float = 60.0) -> tuple[int, bool]:
    """Say ``name`` is here, then wait until ``expected`` calls are: (this process, whether
    they all met). Calls served one after the other never meet."""
    from pathlib import Path

    here = Path(folder)
    (here / name).touch()
    deadline = time.monotonic() + patience_s
    while len(list(here.iterdir())) < expected:
        if time.monotonic() > deadline:
            return os.getpid(), False
        time.sleep(0.05)
    return os.getpid(), True


def pid() -> int:
    return os.getpid()


def sleep_then_pid(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def meet_and_tell(folder: str, name: str, expected: int, module: str) -> tuple[int, bool, bool]:
    """As ``meet``, and whether ``module`` was imported before this call."""
    import sys

    loaded = module in sys.modules
    pid, met = meet(folder, name, expected)
    return pid, met, loaded
