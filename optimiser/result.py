"""What a solve returns: status, groups, unplaced people with reasons, and the score explained."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


class Status(StrEnum):
    """Outcome of a solve. An infeasible problem is a status, never an exception."""

    OPTIMAL = "optimal"  # proven optimal
    FEASIBLE = "feasible"  # a line-up that satisfies every hard rule, not proven optimal
    INFEASIBLE = "infeasible"  # proven: no line-up satisfies the hard rules (even with unplaced)
    UNKNOWN = "unknown"  # time ran out before any line-up was found


@dataclass(frozen=True)
class SolveParams:
    """Every knob of a solve. Same problem, params and seed give the same groups."""

    time_limit_s: float = 30.0
    # the reproducible stopping point, in seconds of counted work on the reference machine
    # (default: 90% of the time limit); the time limit stays the safety net on a slower machine
    work_limit_s: float | None = None
    seed: int = 0
    method: str = "auto"  # "auto" | "exact" | "lns"
    exact_max_n: int = 24  # "auto" tries the full exact model up to this many people
    log_search: bool = False  # route CP-SAT's own log to the logging module


def relative_gap(objective: float, bound: float | None) -> float | None:
    """How far the objective is from the bound, relative to the bound (at least 1, so a bound
    of 0 gives an absolute gap); None without a bound. The one gap formula of every report."""
    if bound is None:
        return None
    return abs(bound - objective) / max(1.0, abs(bound))


@dataclass(frozen=True)
class Progress:
    """One point of the improvement history, also what progress callbacks receive."""

    time_s: float
    objective: int
    bound: float | None = None

    @property
    def gap(self) -> float | None:
        """Relative gap between objective and bound, or None when no bound is known."""
        return relative_gap(self.objective, self.bound)


ProgressCallback = Callable[[Progress], None]


class StopSignal(Protocol):
    """How a caller asks a running solve to stop: ``threading.Event`` and
    ``multiprocessing.Event`` both fit. The solve polls it and returns its best line-up so far."""

    def is_set(self) -> bool: ...


class CpSatSearch(Protocol):
    """The part of ``cp_model.CpSolver`` a stop needs (kept here so this module needs no
    OR-Tools)."""

    def stop_search(self) -> None: ...


_STOP_POLL_S = 0.05  # how often a running CP-SAT solve looks at the caller's stop signal


class Deadline:
    """When a solve must end: at a wall-clock instant, or earlier when the caller's stop is set.

    Loops ask :meth:`passed` between units of work. A CP-SAT solve does not return to Python
    until it ends, so it runs inside :meth:`watching`, which stops it from a small thread as soon
    as the signal is set (no thread without a signal).
    """

    def __init__(self, at: float = math.inf, stop: StopSignal | None = None) -> None:
        self.at = at
        self.stop = stop
        # the instant was found passed while work was left: the clock, not counted work,
        # decided where the search ended (a rerun on a busier machine may end elsewhere)
        self.struck = False

    def stopped(self) -> bool:
        """Whether the caller asked to stop."""
        return self.stop is not None and self.stop.is_set()

    def passed(self) -> bool:
        """Whether to stop now: the instant has passed or the caller asked. Ask only where
        work is left, so that a True from the clock means the clock cut the search short."""
        if self.stopped():
            return True
        if time.perf_counter() >= self.at:
            self.struck = True
        return self.struck

    def remaining(self) -> float:
        """Seconds left (0 once stopped)."""
        return 0.0 if self.stopped() else max(0.0, self.at - time.perf_counter())

    @contextmanager
    def watching(self, solver: CpSatSearch) -> Iterator[None]:
        """Stop ``solver`` when the caller's signal is set while this block runs."""
        if self.stop is None:
            yield
            return
        done = threading.Event()
        stop = self.stop

        def watch() -> None:
            while not done.wait(_STOP_POLL_S):
                if stop.is_set():
                    solver.stop_search()  # repeated: a stop before the solve starts is lost

        thread = threading.Thread(target=watch, name="optimiser-stop", daemon=True)
        thread.start()
        try:
            yield
        finally:
            done.set()
            thread.join()


NO_DEADLINE = Deadline()


@dataclass(frozen=True)
class RuleScore:
    """What one rule contributes in one group (or overall): score and what breaks it.

    ``score`` is signed: positive for pair rewards, negative for penalties and costs.
    ``violations`` is the number of violated units (pairs together, missing members, ...);
    ``detail`` is a short human line naming people by label.
    """

    key: str
    name: str
    score: int
    violations: int = 0
    hard: bool = False
    detail: str = ""


@dataclass(frozen=True)
class GroupScore:
    """One group's members, chosen options (meeting moment, venue) and score per rule."""

    group: int
    members: tuple[int, ...]
    options: dict[str, int] = field(default_factory=dict)  # CommonOption key -> option index
    rules: tuple[RuleScore, ...] = ()

    @property
    def score(self) -> int:
        """The group's total contribution to the objective."""
        return sum(r.score for r in self.rules)


@dataclass(frozen=True)
class Unplaced:
    """A person left out of every group, with the rule keys that made placing them impossible."""

    person: int
    reasons: tuple[str, ...]
    message: str = ""


@dataclass(frozen=True)
class Breakdown:
    """The objective explained: per group and per rule. Recomputed by ``optimiser.scoring``."""

    groups: tuple[GroupScore, ...]
    per_rule: dict[str, int]
    unplaced_penalty: int
    objective: int
    hard_violations: int


@dataclass(frozen=True)
class Result:
    """The outcome of :func:`optimiser.solve.solve`."""

    status: Status
    groups: tuple[tuple[int, ...], ...]
    unplaced: tuple[Unplaced, ...]
    objective: int
    breakdown: Breakdown | None
    proven_optimal: bool
    best_bound: float | None
    solve_time_s: float
    history: tuple[Progress, ...] = ()
    method: str = ""
    conflicts: tuple[str, ...] = ()  # when infeasible: keys of a minimal set of clashing rules
    # the caller's stop ended the search early: the line-up is the best found until then (still
    # usable when the status is FEASIBLE); UNKNOWN when no complete line-up existed yet
    cancelled: bool = False
    # the time limit ended the search before its work budget (a slow or busy machine): the
    # line-up is as valid, but the same input, settings and seed may give other groups
    clock_stopped: bool = False

    @property
    def gap(self) -> float | None:
        """Relative gap to the best bound, when one is known."""
        return relative_gap(self.objective, self.best_bound)

    def summary(self) -> str:
        """One paragraph for a log or a terminal."""
        gap = f", gap {self.gap:.2%}" if self.gap is not None else ""
        stopped = ", stopped early" if self.cancelled else ""
        if self.clock_stopped:
            stopped += ", stopped by the time limit before its work budget"
        return (
            f"{self.status.value}: {len(self.groups)} groups, {len(self.unplaced)} unplaced, "
            f"objective {self.objective}{gap}, {self.solve_time_s:.1f} s ({self.method}{stopped})"
        )
