"""Greedy start and tabu search: hard rules kept, sizes kept, tracked value is the real gain."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings

from optimiser.construction import greedy, grown
from optimiser.pairs import PairMatrix
from optimiser.problem import (
    CommonOption,
    ForbiddenPairs,
    GroupingProblem,
    Level,
    MaxSpread,
    PairTerm,
    SizeRange,
)
from optimiser.scoring import score
from optimiser.slots import slot_count
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


def _clustered(n: int, seed: int) -> GroupingProblem:
    """Families score 100 inside, 0 across; a hard moment and a hard venue with travel cost."""
    rng = np.random.default_rng(seed)
    family = rng.integers(0, 5, n)
    scores = np.where(family[:, None] == family[None, :], 100, 0)
    np.fill_diagonal(scores, 0)
    moments = tuple(
        frozenset(rng.choice(3, rng.integers(1, 3), replace=False).tolist()) for _ in range(n)
    )
    venues = tuple(frozenset(rng.choice(6, 3, replace=False).tolist()) for _ in range(n))
    cost = tuple(tuple(rng.integers(0, 50, 6).tolist()) for _ in range(n))
    apart = frozenset((i, i + 1) for i in range(0, n - 1, 4))
    return GroupingProblem(
        n=n,
        sizes=SizeRange(5, 8),
        pair_terms=(PairTerm("function", "Function", scores, weight=10),),
        forbidden=(ForbiddenPairs("team", "Team", apart, Level.HARD),),
        group_rules=(
            CommonOption("moment", "Moment", ("a", "b", "c"), moments, Level.HARD),
            CommonOption("venue", "Venue", tuple("uvwxyz"), venues, Level.HARD, cost=cost),
            MaxSpread("level", "Level", tuple(rng.integers(0, 4, n).tolist()), 1, Level.SOFT, 20),
        ),
    )


def test_grown_groups_keep_hard_rules_and_sizes() -> None:
    problem = _clustered(90, seed=3)
    slots = slot_count(problem)
    for target in range(5, 9):
        assign = grown(problem, PairMatrix(problem), np.random.default_rng(target), target)
        assert assign is not None
        groups = [g for g in _groups(assign, slots) if g]
        assert all(5 <= len(g) <= 8 for g in groups)
        breakdown = score(problem, groups, np.flatnonzero(assign < 0).tolist())
        assert breakdown.hard_violations == 0


def test_grown_follows_clusters_better_than_insertion() -> None:
    problem = _clustered(90, seed=4)
    pairs = PairMatrix(problem)
    slots = slot_count(problem)

    def placed_objective(assign: np.ndarray) -> int:
        return score(problem, _groups(assign, slots), np.flatnonzero(assign < 0).tolist()).per_rule[
            "function"
        ]

    best_grown = max(
        placed_objective(grown(problem, pairs, np.random.default_rng(0), t)) for t in range(5, 9)
    )
    assert best_grown > placed_objective(greedy(problem, pairs, np.random.default_rng(0)))


def test_grown_leaves_pinned_problems_to_the_greedy() -> None:
    problem = _clustered(30, seed=5)
    pinned = GroupingProblem(
        n=problem.n,
        sizes=problem.sizes,
        pair_terms=problem.pair_terms,
        group_rules=problem.group_rules,
        pins={0: 0},
    )
    assert grown(pinned, PairMatrix(pinned), np.random.default_rng(0), 6) is None


def test_a_person_who_fits_no_open_group_starts_a_new_one() -> None:
    """Two people kept apart from everyone else (hard) fill one of the two groups the greedy
    opens at first; the six others no longer fit one group of at most five. The sixth starts
    a third group, topped up to the minimum from the others, instead of staying out (the
    intervision bench at n=150 left a region's cluster of 9 out this way)."""
    n = 8
    scores = np.ones((n, n), dtype=np.int64)
    np.fill_diagonal(scores, 0)
    apart = frozenset((i, j) for i in range(6) for j in (6, 7))
    problem = GroupingProblem(
        n=n,
        sizes=SizeRange(2, 5),
        pair_terms=(PairTerm("f", "F", scores),),
        forbidden=(ForbiddenPairs("apart", "Apart", apart, Level.HARD),),
    )
    for seed in range(5):
        assign = greedy(problem, PairMatrix(problem), np.random.default_rng(seed))
        assert (assign >= 0).all()
        groups = [g for g in _groups(assign, slot_count(problem)) if g]
        assert sorted(len(g) for g in groups) == [2, 2, 4]
        assert score(problem, groups).hard_violations == 0
