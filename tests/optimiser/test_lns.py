"""LNS on a rule-heavy problem of intervision size: feasible and never worse than its start."""

from __future__ import annotations

import time

import numpy as np

from optimiser.construction import greedy
from optimiser.lns import SearchSpace, search, state_value
from optimiser.model import slot_bounds
from optimiser.pairs import PairMatrix
from optimiser.problem import (
    AtLeastCount,
    CommonOption,
    ForbiddenPairs,
    GroupingProblem,
    Level,
    MaxSpread,
    PairTerm,
    SizeRange,
)
from optimiser.result import Deadline
from optimiser.scoring import score, unplaced_penalty
from optimiser.slots import slot_count


def _intervision_like(n: int, seed: int) -> GroupingProblem:
    rng = np.random.default_rng(seed)
    scores = rng.integers(-20, 60, size=(n, n))
    scores = np.triu(scores, 1) + np.triu(scores, 1).T
    allowed = tuple(
        frozenset(rng.choice(3, rng.integers(1, 4), replace=False).tolist()) for _ in range(n)
    )
    managers = frozenset((i, i + 1) for i in range(0, n - 1, 5))
    return GroupingProblem(
        n=n,
        sizes=SizeRange(5, 8),
        pair_terms=(PairTerm("function", "Function", scores),),
        forbidden=(ForbiddenPairs("manager", "Manager", managers, Level.HARD),),
        group_rules=(
            CommonOption("moment", "Moment", ("mon", "tue", "wed"), allowed, Level.SOFT, 30),
            AtLeastCount("givers", "Givers", frozenset(range(0, n, 3)), 1, Level.HARD),
            MaxSpread(
                "experience",
                "Experience",
                tuple(rng.integers(0, 10, n).tolist()),
                5,
                Level.SOFT,
                10,
            ),
        ),
    )


def test_lns_result_is_feasible_and_not_worse_than_construction() -> None:
    problem = _intervision_like(80, seed=7)
    pairs = PairMatrix(problem)
    rng = np.random.default_rng(0)
    start = greedy(problem, pairs, rng)
    slots = slot_count(problem)
    space = SearchSpace(slots, slot_bounds(problem, slots), unplaced_penalty(problem), set())
    seen = []
    best = search(
        problem,
        [start],
        space,
        pairs=pairs,
        rng=rng,
        deadline=Deadline(time.perf_counter() + 120),
        budget_s=4.0,
        on_improve=lambda assign, value: seen.append(value),
    )
    groups = [np.flatnonzero(best == s).tolist() for s in range(slots)]
    breakdown = score(problem, groups)
    assert breakdown.hard_violations == 0
    assert state_value(problem, best, space) >= state_value(problem, start, space)
    assert seen and seen[-1] == breakdown.objective
