"""Tiny job functions for the JobRunner tests; at module level because spawned processes import
them by name."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Point:
    """Looks like the solver's progress point to the runner."""

    time_s: float
    objective: int
    bound: float | None


def reports_progress(payload: dict[str, Any], *, progress, stop) -> dict[str, Any]:
    for time_s, objective, bound in payload["points"]:
        progress(Point(time_s, objective, bound))
    return {"answer": payload["answer"]}


def raises(payload: dict[str, Any], *, progress, stop) -> dict[str, Any]:
    raise ValueError(payload["message"])


def dies(payload: dict[str, Any], *, progress, stop) -> dict[str, Any]:
    os._exit(payload["code"])


def stops_when_asked(payload: dict[str, Any], *, progress, stop) -> dict[str, Any]:
    """Reports once, then waits for the stop event like a solver, and returns its best."""
    progress(Point(0.1, 5, None))
    if not stop.wait(payload["give_up_s"]):
        raise TimeoutError("nobody asked me to stop")
    return {"best": 5}


def ignores_stop(payload: dict[str, Any], *, progress, stop) -> dict[str, Any]:
    """Writes its process id, then keeps working whatever it is asked."""
    Path(payload["pid_file"]).write_text(str(os.getpid()))
    time.sleep(payload["sleep_s"])
    return {"finished": True}
