"""A group keeps the option of its earlier line-up unless a rule forces a change; an exempt
group (one that meets online) chooses no option at all."""

from __future__ import annotations

import numpy as np

from optimiser.problem import CommonOption, GroupingProblem, Level, PairTerm, SizeRange
from optimiser.result import SolveParams
from optimiser.scoring import score
from optimiser.solve import solve


def _venues(kept=(), change_cost=0, exempt=frozenset(), allowed=None) -> CommonOption:
    """Two venues; venue 1 is cheaper for everyone (1 against 5 per member)."""
    n = 4
    return CommonOption(
        "venue",
        "Venue",
        ("far", "near"),
        allowed or (frozenset(),) * n,
        Level.HARD,
        cost=((5, 1),) * n,
        kept=kept,
        change_cost=change_cost,
        exempt=exempt,
    )


def _problem(rule: CommonOption) -> GroupingProblem:
    return GroupingProblem(n=4, sizes=SizeRange(2, 4), group_rules=(rule,))


def test_a_kept_option_stays_though_another_is_cheaper() -> None:
    free = score(_problem(_venues()), [[0, 1, 2, 3]])
    kept = score(_problem(_venues(kept=(0,), change_cost=100)), [[0, 1, 2, 3]])
    assert free.groups[0].options == {"venue": 1}
    assert kept.groups[0].options == {"venue": 0}
    assert kept.objective == -20  # the kept venue's cost, no change cost


def test_a_hard_rule_forces_the_change_and_it_costs_once() -> None:
    cannot = (frozenset({1}), frozenset(), frozenset(), frozenset())  # 0 cannot make "far"
    rule = _venues(kept=(0,), change_cost=100, allowed=cannot)
    breakdown = score(_problem(rule), [[0, 1, 2, 3]])
    assert breakdown.groups[0].options == {"venue": 1}
    assert breakdown.hard_violations == 0
    assert breakdown.objective == -4 - 100


def test_an_exempt_group_chooses_nothing_and_costs_nothing() -> None:
    breakdown = score(_problem(_venues(exempt=frozenset({1}))), [[0, 1], [2, 3]])
    assert breakdown.groups[0].options == {"venue": 1}
    assert breakdown.groups[1].options == {}
    assert breakdown.objective == -2


def test_a_re_solve_keeps_every_groups_option_when_nothing_changed() -> None:
    """Eight people in two kept groups, each group's kept venue the dearer one: the solve
    (exact and LNS) keeps members and venues."""
    n = 8
    rng = np.random.default_rng(3)
    scores = rng.integers(0, 5, (n, n))
    scores = np.triu(scores, 1) + np.triu(scores, 1).T
    rule = CommonOption(
        "venue",
        "Venue",
        ("a", "b", "c"),
        (frozenset(),) * n,
        Level.HARD,
        cost=tuple(tuple(int(c) for c in rng.integers(0, 30, 3)) for _ in range(n)),
        kept=(2, 0),
        change_cost=1000,
    )
    problem = GroupingProblem(
        n=n,
        sizes=SizeRange(4, 4),
        pair_terms=(PairTerm("similar", "Similar", scores),),
        group_rules=(rule,),
        current={i: i // 4 for i in range(n)},
        move_penalty=1000,
    )
    for method in ("exact", "lns"):
        result = solve(problem, SolveParams(time_limit_s=20, work_limit_s=2, method=method))
        assert [sorted(g) for g in result.groups] == [[0, 1, 2, 3], [4, 5, 6, 7]]
        assert [g.options["venue"] for g in result.breakdown.groups] == [2, 0]
