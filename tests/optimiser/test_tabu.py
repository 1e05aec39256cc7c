"""Tabu search: its tracked value is the true gain, and it never breaks a hard rule more."""

from __future__ import annotations

import time

import numpy as np
from hypothesis import HealthCheck, given, settings

from optimiser.construction import greedy
from optimiser.lns import SearchSpace, pair_only, state_value
from optimiser.model import slot_bounds
from optimiser.pairs import PairMatrix
from optimiser.problem import (
    ForbiddenPairs,
    GroupBounds,
    GroupingProblem,
    Level,
    PairTerm,
)
from optimiser.result import Deadline
from optimiser.scoring import score, unplaced_penalty
from optimiser.slots import slot_count
from optimiser.tabu import TabuSearch
from tests.optimiser.problems import grouping_problems


def _groups(assign: np.ndarray, slots: int) -> list[list[int]]:
    return [np.flatnonzero(assign == s).tolist() for s in range(slots)]


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
    best = tabu.run(Deadline(time.perf_counter() + 60), work_budget=3e7)
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
        results.append(tabu.run(Deadline(time.perf_counter() + 60), work_budget=5e6))
    assert np.array_equal(results[0], results[1])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grouping_problems(max_n=14, min_n=6))
def test_tabu_with_group_rules_tracks_the_true_gain_and_breaks_no_more_rules(
    problem: GroupingProblem,
) -> None:
    pairs = PairMatrix(problem)
    start = greedy(problem, pairs, np.random.default_rng(2))
    slots = slot_count(problem)
    space = SearchSpace(slots, slot_bounds(problem, slots), unplaced_penalty(problem), set())
    tabu = TabuSearch(problem, pairs, start, space.bounds, np.random.default_rng(2))
    best = tabu.run(Deadline(time.perf_counter() + 60), work_budget=2e6)
    assert state_value(problem, best, space) == state_value(problem, start, space) + tabu.best_value
    broken_before = score(problem, _groups(start, slots)).hard_violations
    assert score(problem, _groups(best, slots)).hard_violations <= broken_before
