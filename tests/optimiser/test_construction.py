"""Greedy start and tabu search: hard rules kept, sizes kept, tracked value is the real gain."""

from __future__ import annotations

import time

import numpy as np
from hypothesis import HealthCheck, given, settings

from optimiser.construction import PairMatrix, TabuSearch, greedy, slot_count
from optimiser.lns import pair_only
from optimiser.model import slot_bounds
from optimiser.problem import ForbiddenPairs, GroupBounds, GroupingProblem, Level, PairTerm
from optimiser.scoring import score
from tests.optimiser.problems import grouping_problems


def _groups(assign: np.ndarray, slots: int) -> list[list[int]]:
    return [np.flatnonzero(assign == s).tolist() for s in range(slots)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grouping_problems(max_n=14))
def test_greedy_never_breaks_hard_pair_or_option_rules(problem: GroupingProblem) -> None:
    slots = slot_count(problem)
    assign = greedy(problem, PairMatrix(problem), np.random.default_rng(0))
    breakdown = score(problem, _groups(assign, slots))
    for group in breakdown.groups:
        for rule in group.rules:
            if rule.hard and rule.key in ("apart", "moment", "level"):
                assert rule.violations == 0
    for i, g in problem.pins.items():
        assert assign[i] in (g, -1)


def _mdgp_like(n: int, groups: int, seed: int) -> GroupingProblem:
    rng = np.random.default_rng(seed)
    scores = rng.integers(0, 100, size=(n, n))
    scores = np.triu(scores, 1) + np.triu(scores, 1).T
    size = n // groups
    forbidden = frozenset((int(i), int(i) + 1) for i in range(0, n - 1, 7))
    return GroupingProblem(
        n=n,
        sizes=GroupBounds(((size - 1, size + 1),) * groups),
        pair_terms=(PairTerm("d", "D", scores),),
        forbidden=(ForbiddenPairs("apart", "Apart", forbidden, Level.HARD),),
        allow_unplaced=False,
    )


def test_tabu_improves_and_its_value_is_the_true_gain() -> None:
    problem = _mdgp_like(60, 6, seed=4)
    assert pair_only(problem)
    pairs = PairMatrix(problem)
    start = greedy(problem, pairs, np.random.default_rng(1))
    slots = slot_count(problem)
    tabu = TabuSearch(problem, pairs, start, slot_bounds(problem, slots), np.random.default_rng(1))
    best = tabu.run(time.perf_counter() + 60, work_budget=3e7)
    before = score(problem, _groups(start, slots))
    after = score(problem, _groups(best, slots))
    assert after.hard_violations == 0
    assert after.objective - before.objective == tabu.best_value > 0


def test_tabu_on_sparse_pairs_matches_dense() -> None:
    from scipy import sparse

    dense = _mdgp_like(40, 4, seed=2)
    term = dense.pair_terms[0]
    sparse_problem = GroupingProblem(
        n=dense.n,
        sizes=dense.sizes,
        forbidden=dense.forbidden,
        allow_unplaced=False,
        pair_terms=(PairTerm("d", "D", sparse.csr_array(term.scores)),),
    )
    results = []
    for problem in (dense, sparse_problem):
        pairs = PairMatrix(problem)
        start = greedy(problem, pairs, np.random.default_rng(5))
        slots = slot_count(problem)
        tabu = TabuSearch(
            problem, pairs, start, slot_bounds(problem, slots), np.random.default_rng(5)
        )
        results.append(tabu.run(time.perf_counter() + 60, work_budget=5e6))
    assert np.array_equal(results[0], results[1])
