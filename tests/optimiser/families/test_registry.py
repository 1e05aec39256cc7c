"""The rule-family registry: every rule type has one family object, and the family's parts
agree with each other (the scalar and vectorised join checks, blocking and the scorer)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optimiser.families import FAMILIES, broken_by_joining, family_of
from optimiser.families.base import RuleFamily
from optimiser.problem import GroupingProblem, Level, SizeRange
from tests.optimiser.problems import grouping_problems


def test_every_family_is_registered_once_by_its_rule_type() -> None:
    types = [family.rule_type for family in FAMILIES]
    assert len(set(types)) == len(types) == 4
    for family in FAMILIES:
        assert dataclasses.is_dataclass(family.rule_type)
        assert isinstance(family, RuleFamily)


def test_an_unregistered_rule_type_is_refused_by_name() -> None:
    @dataclasses.dataclass(frozen=True)
    class Unknown:
        key: str = "unknown"
        level: Level = Level.HARD

    with pytest.raises(TypeError, match="Unknown is not a registered rule family"):
        family_of(Unknown())
    with pytest.raises(TypeError, match="Unknown"):
        GroupingProblem(n=2, sizes=SizeRange(1, 2), group_rules=(Unknown(),))


def _hard_violations(problem: GroupingProblem, rule, members: list[int]) -> int:
    return family_of(rule).score(problem, rule, members)[1] if rule.level == Level.HARD else 0


@settings(max_examples=150, deadline=None)
@given(grouping_problems(max_n=10), st.data())
def test_a_join_is_blocked_exactly_when_a_hard_rule_breaks_more(problem, data) -> None:
    """``broken_by_joining`` names the hard rules whose violations the join increases, except
    a quota (at-least) rule, which no single join breaks."""
    people = list(range(problem.n))
    members = sorted(data.draw(st.lists(st.sampled_from(people), max_size=5, unique=True)))
    outside = [i for i in people if i not in members]
    if not outside:
        return
    joiner = data.draw(st.sampled_from(outside))
    broken = set(broken_by_joining(problem, [joiner], members))
    for rule in problem.active_rules():
        if family_of(rule).quota(rule) is not None:
            assert rule.key not in broken
            continue
        before = _hard_violations(problem, rule, members)
        after = _hard_violations(problem, rule, sorted([*members, joiner]))
        assert (rule.key in broken) == (after > before), rule.key


@settings(max_examples=150, deadline=None)
@given(grouping_problems(max_n=10), st.data())
def test_the_vectorised_join_check_agrees_with_the_scalar_one(problem, data) -> None:
    """For a group that breaks no hard rule, the join checks of growing groups admit exactly
    the candidates whose joining breaks no hard rule."""
    people = list(range(problem.n))
    members = sorted(data.draw(st.lists(st.sampled_from(people), max_size=5, unique=True)))
    if any(_hard_violations(problem, rule, members) for rule in problem.active_rules()):
        return
    candidates = np.array([i for i in people if i not in members], dtype=np.int64)
    ok = np.ones(len(candidates), dtype=bool)
    gain = np.zeros(len(candidates), dtype=np.int64)
    for rule in problem.active_rules():
        check = family_of(rule).join_check(problem.n, rule) if rule.level == Level.HARD else None
        if check is not None:
            check.narrow(members, candidates, ok, gain)
    for k, i in enumerate(candidates.tolist()):
        assert ok[k] == (next(broken_by_joining(problem, [i], members), None) is None)


@settings(max_examples=100, deadline=None)
@given(grouping_problems(max_n=10))
def test_penalty_bound_covers_what_one_placement_can_cost(problem) -> None:
    """No soft rule's score drops by more than its ``penalty_bound`` when one person joins a
    group of at most the largest size (what makes leaving someone out a last resort)."""
    cap = problem.n
    rng = np.random.default_rng(problem.n)
    for rule in problem.active_rules():
        family = family_of(rule)
        bound = family.penalty_bound(rule, problem.n, cap)
        for _ in range(20):
            size = int(rng.integers(0, problem.n))
            members = sorted(rng.choice(problem.n, size, replace=False).tolist())
            outside = [i for i in range(problem.n) if i not in members]
            joiner = int(rng.choice(outside))
            before = family.score(problem, rule, members)[0]
            after = family.score(problem, rule, sorted([*members, joiner]))[0]
            assert before - after <= bound, rule.key
