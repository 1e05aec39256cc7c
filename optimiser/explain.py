"""Why no line-up exists: the smallest set of hard rules that conflict.

Every hard rule (and the group sizes, pins and together sets) is enforced only under its own
assumption literal. CP-SAT returns a sufficient subset of assumptions for infeasibility; we then
shrink it by deletion (drop a rule, re-solve, keep it out if still infeasible) so that the answer
is minimal: relaxing any one rule of it makes the conflict go away (within the time limit).
The model has a clause per pair and slot, so a large intake is not searched at all: its
memory, not the time limit, would decide how the run ends.
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from optimiser.model import GroupingModel, build, slot_bounds
from optimiser.problem import GroupingProblem
from optimiser.result import Deadline, StopSignal
from optimiser.scoring import unplaced_penalty
from optimiser.slots import must_exist, slot_count

# Pairs x slots of the largest problem searched: 150 people in 30 groups is 335,250; an intake
# of 5,000 people (about 11 million pairs in 700 slots) grew past 11 GB while the model was
# being built, before any time limit could act.
MAX_PAIR_SLOTS = 5_000_000


def conflicting_rules(
    problem: GroupingProblem, time_limit_s: float = 10.0, *, stop: StopSignal | None = None
) -> tuple[str, ...]:
    """Keys of a minimal set of hard rules that cannot hold together; empty if none is found
    (also when ``stop`` is set before the conflict is proven, and for a problem too large to
    model: more than :data:`MAX_PAIR_SLOTS` pairs times slots)."""
    if problem.n * (problem.n - 1) // 2 * slot_count(problem) > MAX_PAIR_SLOTS:
        return ()
    deadline = Deadline(time.perf_counter() + time_limit_s, stop)
    gm = _assumption_model(problem)
    keys = sorted(gm.assumptions)
    status, solver = _solved(gm, keys, deadline)
    if status != cp_model.INFEASIBLE:
        return ()
    core = _core(gm, keys, solver)
    for key in list(core):
        trial = [k for k in core if k != key]
        if not deadline.passed() and _solved(gm, trial, deadline)[0] == cp_model.INFEASIBLE:
            core = trial
    return tuple(core)


def _assumption_model(problem: GroupingProblem) -> GroupingModel:
    slots = slot_count(problem)
    gm = build(
        problem,
        range(problem.n),
        range(slots),
        penalty=unplaced_penalty(problem),
        can_leave_out=problem.allow_unplaced,
        bounds=slot_bounds(problem, slots),
        must_be_active=must_exist(problem),
        break_symmetry=False,
        with_assumptions=True,
    )
    gm.model.clear_objective()
    return gm


def _solved(
    gm: GroupingModel, keys: list[str], deadline: Deadline
) -> tuple[int, cp_model.CpSolver]:
    """Solve under the assumptions of ``keys``: the status and the solver that ran."""
    gm.model.clear_assumptions()
    gm.model.add_assumptions([gm.assumptions[k] for k in keys])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = max(0.01, deadline.remaining())
    with deadline.watching(solver):
        return solver.solve(gm.model), solver


def _core(gm: GroupingModel, keys: list[str], solver: cp_model.CpSolver) -> list[str]:
    """The sufficient assumptions of the infeasible solve that ``solver`` ran, as rule keys."""
    by_index = {gm.assumptions[k].Index(): k for k in keys}
    core = [by_index[i] for i in solver.SufficientAssumptionsForInfeasibility() if i in by_index]
    return sorted(core) or keys
