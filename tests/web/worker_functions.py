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
