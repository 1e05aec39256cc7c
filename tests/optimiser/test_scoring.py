"""The scorer on hand-computed line-ups: every rule family, hard and soft, and the penalty."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from optimiser.problem import (
    AtLeastCount,
    CommonOption,
    ForbiddenPairs,
    GroupBounds,
    GroupingProblem,
    Level,
    MaxSpread,
    PairTerm,
    SizeRange,
)
from optimiser.scoring import score, unplaced_penalty

SCORES = np.array(
    [
        [0, 4, 1, -2, 0],
        [4, 0, 3, 0, 0],
        [1, 3, 0, 5, 0],
        [-2, 0, 5, 0, 6],
        [0, 0, 0, 6, 0],
    ]
)


def _problem(**kwargs) -> GroupingProblem:
    defaults = dict(
        n=5,
        sizes=SizeRange(2, 3),
        pair_terms=(PairTerm("sim", "Similarity", SCORES, weight=2),),
        labels=("ann", "bob", "cy", "dee", "eve"),
    )
    return GroupingProblem(**(defaults | kwargs))


def test_pair_terms_sum_inside_groups_with_weight() -> None:
    breakdown = score(_problem(), [[0, 1, 2], [3, 4]])
    assert breakdown.per_rule["sim"] == 2 * (4 + 1 + 3) + 2 * 6
    assert breakdown.objective == 28
    assert [g.score for g in breakdown.groups] == [16, 12]


def test_sparse_pair_term_scores_like_dense() -> None:
    term = PairTerm("sim", "Similarity", sparse.csr_array(SCORES), weight=2)
    assert score(_problem(pair_terms=(term,)), [[0, 1, 2], [3, 4]]).objective == 28


def test_soft_and_hard_forbidden_pairs() -> None:
    soft = ForbiddenPairs("apart", "Apart", frozenset({(0, 1), (3, 4)}), Level.SOFT, weight=10)
    breakdown = score(_problem(forbidden=(soft,)), [[0, 1, 2], [3, 4]])
    assert breakdown.per_rule["apart"] == -20
    assert breakdown.hard_violations == 0
    assert "ann & bob" in breakdown.groups[0].rules[1].detail
    hard = ForbiddenPairs("apart", "Apart", frozenset({(0, 1)}), Level.HARD)
    breakdown = score(_problem(forbidden=(hard,)), [[0, 1, 2], [3, 4]])
    assert breakdown.hard_violations == 1
    assert breakdown.per_rule["apart"] == 0


def test_group_rules_count_missing_members_spread_and_options() -> None:
    rules = (
        AtLeastCount("givers", "Givers", frozenset({0, 3}), min_count=2, weight=3),
        MaxSpread("level", "Level", (1, 4, None, 2, 9), max_spread=2, weight=5),
        CommonOption(
            "moment",
            "Moment",
            ("mon", "tue"),
            (frozenset({0}), frozenset({1}), frozenset(), frozenset({1}), frozenset({0, 1})),
            level=Level.SOFT,
            weight=7,
            cost=((0, 1), (2, 0), (0, 0), (0, 0), (1, 1)),
        ),
    )
    breakdown = score(_problem(group_rules=rules), [[0, 1, 2], [3, 4]])
    # givers: one missing in each group; spread: 4-1=3 (1 over), 9-2=7 (5 over)
    assert breakdown.per_rule["givers"] == -3 * 2
    assert breakdown.per_rule["level"] == -5 * (1 + 5)
    # group 0: mon -> bob misses (7) + cost 2 = 9; tue -> ann misses (7) + cost 1 = 8: tue
    # group 1: tue, nobody misses, cost 1
    assert breakdown.groups[0].options["moment"] == 1
    assert breakdown.per_rule["moment"] == -8 - 1
    assert breakdown.objective == 28 - 6 - 30 - 9


def test_hard_common_option_prefers_fewest_misses_then_cost() -> None:
    rule = CommonOption(
        "moment",
        "Moment",
        ("mon", "tue"),
        (frozenset({0}), frozenset({0, 1})) + (frozenset(),) * 3,
        cost=((5, 0), (5, 0), (0, 0), (0, 0), (0, 0)),
    )
    breakdown = score(_problem(group_rules=(rule,)), [[0, 1, 2], [3, 4]])
    assert breakdown.groups[0].options["moment"] == 0
    assert breakdown.hard_violations == 0
    assert breakdown.per_rule["moment"] == -10


def test_sizes_pins_together_and_unplaced() -> None:
    problem = _problem(
        sizes=GroupBounds(((3, 3), (1, 2))),
        pins={4: 1},
        together=(frozenset({0, 3}),),
        allow_unplaced=False,
        unplaced_penalty=100,
    )
    breakdown = score(problem, [[0, 1], [3, 4]])
    # group 0 too small, 0 and 3 apart, person 2 unplaced while not allowed
    assert breakdown.hard_violations == 3
    assert breakdown.unplaced_penalty == 100
    assert breakdown.objective == 2 * 4 + 2 * 6 - 100


def test_move_penalty_counts_people_out_of_their_current_group() -> None:
    problem = _problem(current={0: 0, 3: 0, 4: 1}, move_penalty=4, unplaced_penalty=50)
    breakdown = score(problem, [[0, 1], [2, 4]], unplaced=[3])
    assert breakdown.per_rule["moves"] == -4  # 3 is left out; 0 and 4 stay
    assert breakdown.objective == 2 * 4 - 4 - 50


def test_default_unplaced_penalty_beats_any_placement_gain() -> None:
    problem = _problem()
    best_single_gain = 2 * max(SCORES.clip(min=0).sum(axis=1))
    assert unplaced_penalty(problem) > best_single_gain
    assert unplaced_penalty(_problem(unplaced_penalty=7)) == 7
