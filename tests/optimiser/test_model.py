"""The CP-SAT model and the pure-Python scorer agree on every fixed line-up."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from optimiser.families.option import kept_options
from optimiser.model import build, slot_bounds
from optimiser.problem import CommonOption, GroupingProblem, Level
from optimiser.scoring import score, unplaced_penalty
from optimiser.slots import slot_count
from tests.optimiser.problems import grouping_problems


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grouping_problems(max_n=9), st.integers(0, 2**31 - 1))
def test_model_objective_equals_scorer_on_fixed_assignment(
    problem: GroupingProblem, seed: int
) -> None:
    slots = slot_count(problem)
    rng = np.random.default_rng(seed)
    assign = rng.integers(-1, slots, size=problem.n)
    gm = build(
        problem,
        range(problem.n),
        range(slots),
        penalty=unplaced_penalty(problem),
        can_leave_out=problem.allow_unplaced,
        bounds=slot_bounds(problem, slots),
        must_be_active=set(),
        break_symmetry=False,
    )
    for i in range(problem.n):
        gm.model.Add(gm.placed[i] == int(assign[i] >= 0))
    for (i, s), var in gm.x.items():
        gm.model.Add(var == int(assign[i] == s))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    status = solver.Solve(gm.model)
    groups = [np.flatnonzero(assign == s).tolist() for s in range(slots)]
    breakdown = score(problem, groups)
    if breakdown.hard_violations:
        assert status == cp_model.INFEASIBLE
    else:
        assert status == cp_model.OPTIMAL
        assert round(solver.ObjectiveValue()) == breakdown.objective


def test_kept_options_cover_every_restricted_person_and_cheap_ones_for_the_rest() -> None:
    rule = CommonOption(
        "venue",
        "Venue",
        tuple("abcdef"),
        (frozenset({0}), frozenset({1, 2}), frozenset()),
        Level.HARD,
        cost=((0,) * 6, (0,) * 6, (9, 9, 9, 9, 1, 2)),
    )
    assert kept_options(rule, [0, 1]) == {0, 1, 2}
    assert kept_options(rule, [0, 2]) == {0, 4, 5}
    free_of_cost = CommonOption("m", "M", ("x", "y"), (frozenset(), frozenset({1})), Level.HARD)
    assert kept_options(free_of_cost, [0, 1]) == {0, 1}
