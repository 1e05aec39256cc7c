"""Properties of ``solve`` on small random problems, and exactness against brute force."""

from __future__ import annotations

import itertools
import subprocess
import sys
import threading
import time

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from optimiser.problem import (
    CommonOption,
    ForbiddenPairs,
    GroupBounds,
    GroupingProblem,
    Level,
    MaxSpread,
    PairTerm,
    SizeRange,
)
from optimiser.result import SolveParams, Status
from optimiser.scoring import STOPPED_KEY, score
from optimiser.slots import slot_count
from optimiser.solve import solve
from tests.optimiser.problems import grouping_problems

FAST = SolveParams(time_limit_s=1.0, seed=3)


def _group_hard_rules_hold(problem: GroupingProblem, groups) -> bool:
    breakdown = score(problem, groups)
    return all(r.violations == 0 for g in breakdown.groups for r in g.rules if r.hard)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grouping_problems())
def test_solution_respects_every_hard_rule(problem: GroupingProblem) -> None:
    result = solve(problem, FAST)
    if result.status == Status.INFEASIBLE:
        assert result.groups == ()
        return
    placed = [i for g in result.groups for i in g]
    left_out = [u.person for u in result.unplaced]
    assert sorted(placed + left_out) == list(range(problem.n))
    assert all(u.reasons for u in result.unplaced)
    if result.status == Status.UNKNOWN:
        return
    if isinstance(problem.sizes, SizeRange):
        assert all(
            problem.sizes.min_size <= len(g) <= problem.sizes.max_size for g in result.groups
        )
    else:
        assert len(result.groups) == len(problem.sizes.bounds)
        bounds = problem.sizes.bounds
        assert all(lo <= len(g) <= hi for g, (lo, hi) in zip(result.groups, bounds, strict=True))
    group_of = {i: k for k, g in enumerate(result.groups) for i in g}
    for rule in problem.forbidden:
        if rule.level == Level.HARD:
            assert all(group_of.get(i, -1) != group_of.get(j, -2) for i, j in rule.pairs)
    assert all(group_of.get(i) == g for i, g in problem.pins.items())
    for people in problem.together:
        assert len({group_of.get(i, -1) for i in people}) == 1
    assert _group_hard_rules_hold(problem, result.groups)
    assert not left_out or problem.allow_unplaced
    assert score(problem, result.groups, left_out).objective == result.objective
    assert all(list(g) == sorted(g) for g in result.groups)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grouping_problems(max_n=10))
def test_same_seed_same_answer(problem: GroupingProblem) -> None:
    # stops on counted work; the wall clock (30 s) is only a safety net, so load cannot decide
    params = SolveParams(time_limit_s=30.0, work_limit_s=1.0, seed=3)
    first = solve(problem, params)
    second = solve(problem, params)
    assert first.groups == second.groups
    assert first.objective == second.objective


def _brute_force(problem: GroupingProblem) -> int | None:
    """Best objective over every line-up a result can report: every assignment of people to
    slots (or left out), empty groups dropped with a size range."""
    slots = slot_count(problem)
    must_exist = max(problem.pins.values(), default=-1)
    best = None
    labels = range(-1, slots) if problem.allow_unplaced else range(slots)
    for assignment in itertools.product(labels, repeat=problem.n):
        groups = [[i for i in range(problem.n) if assignment[i] == s] for s in range(slots)]
        pinned_missing = any(not groups[s] for s in range(must_exist + 1))
        if isinstance(problem.sizes, SizeRange):
            if pinned_missing:
                continue
            # a result drops empty groups, the later ones taking their numbers (and with them
            # a number's kept option or exemption): score what would be reported
            groups = [members for members in groups if members]
        breakdown = score(problem, groups)
        if breakdown.hard_violations == 0 and (best is None or breakdown.objective > best):
            best = breakdown.objective
    return best


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grouping_problems(max_n=7, min_n=3))
def test_exact_mode_matches_brute_force(problem: GroupingProblem) -> None:
    if slot_count(problem) > 3:
        return  # keeps the brute force to at most 4^7 assignments
    result = solve(problem, SolveParams(time_limit_s=5.0, method="exact"))
    best = _brute_force(problem)
    if best is None:
        assert result.status == Status.INFEASIBLE
    else:
        assert result.status == Status.OPTIMAL
        assert result.objective == best


def test_unplaced_person_gets_the_blocking_rule() -> None:
    scores = np.ones((7, 7), dtype=np.int64) - np.eye(7, dtype=np.int64)
    allowed = (*(frozenset({0}) for _ in range(6)), frozenset({1}))
    problem = GroupingProblem(
        n=7,
        sizes=SizeRange(3, 7),
        pair_terms=(PairTerm("s", "S", scores),),
        group_rules=(CommonOption("moment", "Moment", ("mon", "tue"), allowed),),
    )
    result = solve(problem, FAST)
    assert [u.person for u in result.unplaced] == [6]
    assert result.unplaced[0].reasons == ("moment",)


def test_indivisible_sizes_leave_people_out_for_group_sizes() -> None:
    problem = GroupingProblem(n=7, sizes=GroupBounds(((3, 3), (3, 3))))
    result = solve(problem, FAST)
    assert result.status in (Status.OPTIMAL, Status.FEASIBLE)
    assert [u.reasons for u in result.unplaced] == [("group_sizes",)]


def test_pins_keep_their_group_index() -> None:
    rng = np.random.default_rng(1)
    scores = rng.integers(0, 9, size=(12, 12))
    scores = np.triu(scores, 1) + np.triu(scores, 1).T
    problem = GroupingProblem(
        n=12, sizes=SizeRange(3, 4), pair_terms=(PairTerm("s", "S", scores),), pins={0: 2, 1: 1}
    )
    result = solve(problem, FAST)
    assert 0 in result.groups[2] and 1 in result.groups[1]


def test_hard_conflict_with_pins_is_infeasible_and_explained() -> None:
    problem = GroupingProblem(
        n=6,
        sizes=SizeRange(2, 3),
        forbidden=(ForbiddenPairs("apart", "Apart", frozenset({(0, 1)})),),
        group_rules=(MaxSpread("level", "Level", (0, 5, 0, 0, 0, 0), 1, Level.SOFT, 1),),
        pins={0: 0, 1: 0},
    )
    result = solve(problem, FAST)
    assert result.status == Status.INFEASIBLE
    assert set(result.conflicts) == {"apart", "pins"}


@settings(max_examples=5, deadline=None)
@given(st.integers(0, 1000))
def test_progress_reports_improvements_in_order(seed: int) -> None:
    rng = np.random.default_rng(seed)
    scores = rng.integers(0, 50, size=(30, 30))
    scores = np.triu(scores, 1) + np.triu(scores, 1).T
    problem = GroupingProblem(
        n=30,
        sizes=GroupBounds(((10, 10),) * 3),
        allow_unplaced=False,
        pair_terms=(PairTerm("s", "S", scores),),
    )
    seen = []
    result = solve(problem, SolveParams(time_limit_s=0.5, method="lns"), seen.append)
    assert seen == list(result.history)
    assert [p.objective for p in seen] == sorted(p.objective for p in seen)
    assert seen[-1].objective == result.objective


def _rule_heavy(n: int, seed: int) -> GroupingProblem:
    """Pair scores, a hard moment and a soft spread: LNS with tabu and CP-SAT steps."""
    rng = np.random.default_rng(seed)
    scores = rng.integers(-10, 40, size=(n, n))
    scores = np.triu(scores, 1) + np.triu(scores, 1).T
    allowed = tuple(
        frozenset(rng.choice(3, rng.integers(2, 4), replace=False).tolist()) for _ in range(n)
    )
    values = tuple(rng.integers(0, 8, n).tolist())
    return GroupingProblem(
        n=n,
        sizes=SizeRange(5, 8),
        pair_terms=(PairTerm("s", "S", scores),),
        group_rules=(
            CommonOption("moment", "Moment", ("mon", "tue", "wed"), allowed),
            MaxSpread("level", "Level", values, 3, Level.SOFT, 20),
        ),
    )


def _pair_only(n: int, seed: int) -> GroupingProblem:
    """Only pair scores and fixed group sizes: tabu search does most of the work."""
    rng = np.random.default_rng(seed)
    scores = rng.integers(0, 100, size=(n, n))
    scores = np.triu(scores, 1) + np.triu(scores, 1).T
    return GroupingProblem(
        n=n,
        sizes=GroupBounds(((n // 10, n // 10),) * 10),
        pair_terms=(PairTerm("s", "S", scores),),
        allow_unplaced=False,
    )


def _everyone_once(problem: GroupingProblem, result) -> bool:
    placed = [i for g in result.groups for i in g]
    return sorted(placed + [u.person for u in result.unplaced]) == list(range(problem.n))


def test_a_stop_set_before_the_solve_returns_everyone_unplaced() -> None:
    problem = _rule_heavy(200, seed=1)
    stop = threading.Event()
    stop.set()
    result = solve(problem, SolveParams(time_limit_s=60), stop=stop)
    assert result.cancelled
    assert result.status == Status.UNKNOWN
    assert _everyone_once(problem, result)
    assert all(u.reasons == (STOPPED_KEY,) for u in result.unplaced)


@pytest.mark.parametrize(
    ("problem", "method"),
    [
        (_rule_heavy(150, seed=2), "lns"),
        (_pair_only(120, seed=3), "lns"),
        (_pair_only(40, seed=4), "exact"),
    ],
    ids=["rule-heavy lns", "pair-only lns", "exact"],
)
def test_a_stop_from_another_thread_ends_a_long_solve_with_a_valid_lineup(
    problem: GroupingProblem, method: str
) -> None:
    stop = threading.Event()
    timer = threading.Timer(1.0, stop.set)
    timer.start()
    started = time.perf_counter()
    try:
        result = solve(problem, SolveParams(time_limit_s=60, method=method), stop=stop)
    finally:
        timer.cancel()
    assert time.perf_counter() - started < 30  # a 60 s solve: only the stop can end it this soon
    assert result.cancelled
    assert result.status == Status.FEASIBLE
    assert _everyone_once(problem, result)
    left_out = [u.person for u in result.unplaced]
    assert score(problem, result.groups, left_out).objective == result.objective
    assert result.breakdown is not None and result.breakdown.hard_violations == 0


def test_a_solve_nobody_stops_is_not_cancelled() -> None:
    result = solve(_pair_only(30, seed=5), FAST, stop=threading.Event())
    assert not result.cancelled
    assert result.status in (Status.OPTIMAL, Status.FEASIBLE)


class _BusyMachine:
    """A machine ``slowdown`` times slower as every clock of a solve sees it, for as long as the
    context lasts: Python's clock runs that much faster, every CP-SAT wall-clock limit is that
    much shorter, and a real process keeps a core busy. Counted work is unchanged, so a search
    whose path depends only on counted work takes the same path."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, slowdown: float) -> None:
        self.monkeypatch, self.slowdown = monkeypatch, slowdown

    def __enter__(self) -> None:
        real_clock, solve_cpsat = time.perf_counter, cp_model.CpSolver.solve
        started, slowdown = real_clock(), self.slowdown

        def clock() -> float:
            return started + slowdown * (real_clock() - started)

        def slowed(solver, model, callback=None):  # CpSolver.solve's signature
            solver.parameters.max_time_in_seconds /= slowdown
            return solve_cpsat(solver, model, callback)

        self.monkeypatch.setattr(time, "perf_counter", clock)
        self.monkeypatch.setattr(cp_model.CpSolver, "solve", slowed)
        self.monkeypatch.setattr(cp_model.CpSolver, "Solve", slowed)
        self.burner = subprocess.Popen([sys.executable, "-c", "while True: pass"])

    def __exit__(self, *_: object) -> None:
        self.burner.kill()
        self.burner.wait()
        self.monkeypatch.undo()


def test_a_work_budget_gives_the_same_groups_on_a_busy_machine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # MDGP-like: tabu rounds with CP-SAT steps between them, a step's wall-clock limit of 2 s
    # cut it short on a loaded machine (fewer units counted, another path); a day of clock
    problem = _pair_only(120, seed=6)
    params = SolveParams(time_limit_s=86_400, work_limit_s=1.2, seed=11, method="lns")
    idle = solve(problem, params)
    with _BusyMachine(monkeypatch, slowdown=200):
        busy = solve(problem, params)
    assert busy.groups == idle.groups
    assert busy.objective == idle.objective
    assert not idle.clock_stopped and not busy.clock_stopped


def test_a_search_the_clock_ends_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    # a clock that moves 10 ms each time it is read: the 30 s limit passes after a fixed
    # number of reads, long before the 600 s of work, whatever the load
    reads = itertools.count()
    monkeypatch.setattr(time, "perf_counter", lambda: 0.01 * next(reads))
    problem = _pair_only(120, seed=8)
    result = solve(problem, SolveParams(time_limit_s=30, work_limit_s=600, seed=1))
    monkeypatch.undo()
    assert result.clock_stopped
    assert result.status == Status.FEASIBLE and not result.cancelled
    assert "stopped by the time limit" in result.summary()
    assert _everyone_once(problem, result)
