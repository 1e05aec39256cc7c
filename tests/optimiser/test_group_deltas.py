"""Incremental group-rule values (the tabu search's deltas) agree with the scorer."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from optimiser.families import family_of
from optimiser.group_deltas import GroupRules
from optimiser.problem import CommonOption, GroupingProblem, Level, SizeRange


def _groups(assign: np.ndarray, slots: int) -> list[list[int]]:
    return [np.flatnonzero(assign == s).tolist() for s in range(slots)]


def _option_rule_value(problem: GroupingProblem, assign: np.ndarray, slots: int) -> int:
    """The scorer's value of the group rules alone (a soft common option here), each group
    scored at its slot (kept options and exempt slots count there)."""
    return sum(
        family_of(rule).score_in(problem, rule, members, s)[0]
        for rule in problem.group_rules
        for s, members in enumerate(_groups(assign, slots))
    )


@st.composite
def _option_lineups(draw) -> tuple[GroupingProblem, np.ndarray, int]:
    """A soft venue-like option with per-member costs and a once-per-group farthest cost, and a
    random assignment of everyone to a few slots (some may be empty); some slots keep an
    option of an earlier line-up (another costs ``change_cost``) or need none (exempt)."""
    n = draw(st.integers(4, 12))
    options = draw(st.integers(1, 4))
    rng = np.random.default_rng(draw(st.integers(0, 2**31 - 1)))
    slots = draw(st.integers(2, 4))
    allowed = tuple(
        frozenset(int(o) for o in range(options) if rng.random() < 0.7) for _ in range(n)
    )
    ties = draw(st.booleans())  # few distinct values: ties for the farthest member
    high = 3 if ties else 40
    rule = CommonOption(
        "venue",
        "Venue",
        tuple(f"v{o}" for o in range(options)),
        allowed,
        Level.SOFT,
        weight=draw(st.integers(0, 9)),
        cost=tuple(tuple(rng.integers(0, high, options).tolist()) for _ in range(n))
        if draw(st.booleans())
        else None,
        max_cost=tuple(tuple(rng.integers(0, high, options).tolist()) for _ in range(n)),
        kept=tuple(int(k) for k in rng.integers(-1, options, draw(st.integers(0, slots)))),
        change_cost=draw(st.sampled_from([0, 5, 100])),
        exempt=frozenset(s for s in range(slots) if rng.random() < 0.25),
    )
    problem = GroupingProblem(n=n, sizes=SizeRange(1, n), group_rules=(rule,))
    return problem, rng.integers(0, slots, n).astype(np.int64), slots


@settings(max_examples=150, deadline=None)
@given(_option_lineups(), st.data())
def test_option_deltas_with_a_farthest_member_cost_equal_the_scorer(lineup, data) -> None:
    """Incremental move and swap gains of a common option with ``max_cost`` (the farthest
    member's travel) are the scorer's change, and stay so after a chain of relocations."""
    problem, assign, slots = lineup
    rules = GroupRules(problem, assign, slots)
    for _ in range(4):
        assert rules.value() == _option_rule_value(problem, assign, slots)
        people = np.arange(problem.n)
        moves = rules.move_gain(people, assign[people])
        swaps = rules.swap_gain(
            people, assign, people, assign, np.zeros((problem.n, problem.n), dtype=bool)
        )
        before = _option_rule_value(problem, assign, slots)
        i = data.draw(st.integers(0, problem.n - 1))
        k = data.draw(st.integers(0, problem.n - 1))
        target = data.draw(st.integers(0, slots - 1))
        if assign[i] != assign[k]:
            swapped = assign.copy()
            swapped[i], swapped[k] = assign[k], assign[i]
            assert swaps[i, k] == _option_rule_value(problem, swapped, slots) - before
        if target != assign[i]:
            moved = assign.copy()
            moved[i] = target
            assert moves[i, target] == _option_rule_value(problem, moved, slots) - before
            rules.relocate(i, int(assign[i]), target)
            assign = moved
