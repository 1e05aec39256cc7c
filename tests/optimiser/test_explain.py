"""Infeasibility explanation: the rules that clash, and only those."""

from __future__ import annotations

import numpy as np

from optimiser.explain import conflicting_rules
from optimiser.problem import (
    AtLeastCount,
    CommonOption,
    ForbiddenPairs,
    GroupBounds,
    GroupingProblem,
    Level,
    PairTerm,
)
from optimiser.result import SolveParams, Status
from optimiser.solve import solve


def _clash() -> GroupingProblem:
    """0 and 1 must be apart and together; the moment and givers rules hold either way.

    With people allowed out, leaving both out would break only the group sizes.
    """
    allowed = (frozenset({0}),) * 3 + (frozenset({0, 1}),) * 3
    return GroupingProblem(
        n=6,
        sizes=GroupBounds(((3, 3), (3, 3))),
        pair_terms=(
            PairTerm("s", "S", np.ones((6, 6), dtype=np.int64) - np.eye(6, dtype=np.int64)),
        ),
        forbidden=(ForbiddenPairs("apart", "Apart", frozenset({(0, 1)}), Level.HARD),),
        group_rules=(
            CommonOption("moment", "Moment", ("mon", "tue"), allowed, Level.HARD),
            AtLeastCount("givers", "Givers", frozenset({3, 4, 5}), 1, Level.HARD),
        ),
        together=(frozenset({0, 1}),),
        allow_unplaced=False,
    )


def test_a_problem_too_large_to_model_is_not_searched(monkeypatch) -> None:
    """Beyond the size bound nothing is built (a 5,000-person intake grew past 11 GB)."""
    from optimiser import explain

    def refuse(*_args, **_kwargs):
        raise AssertionError("the model was built")

    monkeypatch.setattr(explain, "build", refuse)
    monkeypatch.setattr(explain, "MAX_PAIR_SLOTS", 15 * 2 - 1)  # _clash: 15 pairs x 2 slots
    assert conflicting_rules(_clash()) == ()


def test_conflict_names_exactly_the_clashing_rules() -> None:
    assert set(conflicting_rules(_clash())) == {"apart", "together"}


def test_solve_reports_infeasible_with_the_conflict() -> None:
    result = solve(_clash(), SolveParams(time_limit_s=5))
    assert result.status == Status.INFEASIBLE
    assert set(result.conflicts) == {"apart", "together"}


def test_feasible_problem_has_no_conflict() -> None:
    problem = GroupingProblem(n=4, sizes=GroupBounds(((2, 2), (2, 2))), allow_unplaced=False)
    assert conflicting_rules(problem) == ()


def test_leaving_people_out_brings_group_sizes_into_the_conflict() -> None:
    problem = GroupingProblem(
        n=6,
        sizes=GroupBounds(((3, 3), (3, 3))),
        forbidden=(ForbiddenPairs("apart", "Apart", frozenset({(0, 1)}), Level.HARD),),
        together=(frozenset({0, 1}),),
    )
    assert set(conflicting_rules(problem)) == {"apart", "together", "group_sizes"}
