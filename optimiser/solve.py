"""Solve a grouping problem: greedy start, then the exact CP-SAT model (small n) or LNS.

``solve`` never raises on an infeasible problem: that is a :class:`Status`. The time limit is
wall clock over all phases. A caller's ``stop`` signal ends the search within a fraction of a
second and returns the best line-up so far (``Result.cancelled``). Same problem, params and
seed give the same groups whenever the search ends by proof or by its work budget rather than
by the wall clock: every choice on the way depends on counted work only (construction units,
tabu evaluations, CP-SAT deterministic time; see :mod:`optimiser.lns`), the clock only ends the
search, and when it does ``Result.clock_stopped`` says so. CP-SAT runs on one worker
throughout (the exact model and every LNS sub-solve): that is deterministic, and measured
faster on small proofs than ``interleave_search`` (the deterministic multi-worker mode), which
also crashed with hints in the OR-Tools we use. So there is no worker setting: a ``--workers``
flag was offered, documented and written to the Settings sheet without ever being read (issue
11 point 10).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

import numpy as np
from ortools.sat.python import cp_model

from optimiser.construction import ConstructionWork, greedy, grown, rule_width
from optimiser.explain import conflicting_rules
from optimiser.families import broken_by_joining
from optimiser.kept import kept_start
from optimiser.lns import (
    INFEASIBLE_COST,
    TABU_EVALS_PER_S,
    SearchSpace,
    canonical_hint,
    pair_only,
    search,
    state_value,
)
from optimiser.model import build, slot_bounds
from optimiser.pairs import PairMatrix
from optimiser.problem import GroupBounds, GroupingProblem, SizeRange
from optimiser.result import (
    Deadline,
    Progress,
    ProgressCallback,
    Result,
    SolveParams,
    Status,
    StopSignal,
    Unplaced,
)
from optimiser.scoring import (
    SIZES_KEY,
    STOPPED_KEY,
    TOGETHER_KEY,
    UNPLACED_KEY,
    score,
)
from optimiser.scoring import unplaced_penalty as default_penalty
from optimiser.slots import anchored_slots, interchangeable_classes, must_exist, slot_count
from optimiser.tabu import TabuSearch

logger = logging.getLogger("optimiser")

_DEFAULT_PARAMS = SolveParams()
# One worker: deterministic, and on MDGP n=12 proofs faster than 2 interleaved workers
# (0.2 s vs 3.7 s on Geo_n012_ss_01; interleaving also hit a CP-SAT check failure with hints).
_EXACT_WORKERS = 1
_MAX_SIZE_VECTORS = 64  # solve size vectors one by one up to this many
_HINT_SHARE = 0.05  # of the budget, for tabu search before the exact model
# and at most this many perturbations: with no admissible move (3 people, one group) every step
# perturbs, and 5% of a 5 s budget in work was seconds of wall clock before CP-SAT could prove
# anything (test_exact_mode_matches_brute_force came back FEASIBLE under load)
_HINT_STALLS = 3
_SLACK_S = 0.05  # kept back from the time limit for building the result
_FINISH_S_PER_PERSON = 5e-5  # and per person: scoring the result took 0.6 s at n=20,000
_BUDGET_SHARE = 0.9  # share of the time limit the deterministic work budget aims at
# CP-SAT deterministic time per counted second for the exact model: the hardest MDGP n=12 proofs
# take 0.8-1.9 units, at 0.2-0.4 units/s on the shared 2-core machine, more when it is idle;
# the exact model stops on this budget before the wall clock, so a rerun gives the same answer
_EXACT_DET_PER_S = 0.5


def solve(
    problem: GroupingProblem,
    params: SolveParams = _DEFAULT_PARAMS,
    progress: ProgressCallback | None = None,
    *,
    stop: StopSignal | None = None,
) -> Result:
    """Find the best line-up within ``params.time_limit_s``; see the module docstring.

    ``progress`` receives every improvement (also kept in ``Result.history``). Until every hard
    rule holds its objective is the search's value: the objective minus 10^9 per broken rule.
    When ``stop`` is set (from another thread or process) the search ends and the best line-up
    found so far is returned with ``cancelled=True``; before the construction has finished that
    is an UNKNOWN result with everyone unplaced.
    """
    start = time.perf_counter()
    finish_s = _SLACK_S + _FINISH_S_PER_PERSON * problem.n  # kept back to build the result
    deadline = Deadline(start + max(0.0, params.time_limit_s - finish_s), stop)
    history: list[Progress] = []

    def report(objective: int, bound: float | None = None) -> None:
        point = Progress(round(time.perf_counter() - start, 3), int(objective), bound)
        if history and history[-1].objective >= point.objective:
            return
        history.append(point)
        if progress is not None:
            progress(point)

    slots = slot_count(problem)
    space = SearchSpace(
        slots=slots,
        bounds=slot_bounds(problem, slots),
        penalty=default_penalty(problem) + (0 if problem.allow_unplaced else INFEASIBLE_COST),
        must_be_active=must_exist(problem),
    )
    rng = np.random.default_rng(params.seed)
    pairs = PairMatrix(problem)
    work = ConstructionWork()
    starts = _construct(problem, pairs, rng, space, deadline, work)
    if not starts:
        return _nothing_found(problem, start, deadline)
    assign, value = starts[0]
    report(value)
    exact = params.method == "exact" or (
        params.method == "auto" and problem.n <= params.exact_max_n
    )
    # deterministic: counted work (the construction's included), not the wall clock
    planned_s = params.work_limit_s
    if planned_s is None:
        planned_s = _BUDGET_SHARE * params.time_limit_s
    budget_s = planned_s - work.seconds
    if exact and pair_only(problem) and problem.n:  # a good hint makes the proof shorter
        tabu = TabuSearch(problem, pairs, assign, space.bounds, rng)
        assign = tabu.run(
            deadline, budget_s * _HINT_SHARE * TABU_EVALS_PER_S, max_stalls=_HINT_STALLS
        )
        budget_s -= tabu.work / TABU_EVALS_PER_S
        value += tabu.best_value
        report(value)
        del tabu  # its n x groups affinity matrix is large for big n
    proven, bound, status_hint = False, None, None
    if exact:
        assign, proven, bound, status_hint = _exact(
            problem, assign, space, pairs, params, deadline, report, budget_s * _EXACT_DET_PER_S
        )
    else:
        assign = search(
            problem,
            [candidate for candidate, _ in starts],
            space,
            pairs=pairs,
            rng=rng,
            deadline=deadline,
            budget_s=budget_s,
            on_improve=lambda _, v: report(v),
        )
    if status_hint == Status.INFEASIBLE:
        remaining = 0.0 if deadline.stopped() else max(0.05, deadline.remaining() + _SLACK_S / 2)
        return Result(
            status=Status.INFEASIBLE,
            groups=(),
            unplaced=(),
            objective=0,
            breakdown=None,
            proven_optimal=False,
            best_bound=None,
            solve_time_s=time.perf_counter() - start,
            history=tuple(history),
            method="exact",
            conflicts=conflicting_rules(problem, remaining, stop=stop) if remaining else (),
            cancelled=deadline.stopped(),
        )
    groups = canonical_groups(problem, assign, space)
    left_out = sorted(np.flatnonzero(assign < 0).tolist())
    breakdown = score(problem, groups, left_out)
    feasible = breakdown.hard_violations == 0
    status = Status.OPTIMAL if proven else Status.FEASIBLE
    if not feasible:
        status = Status.UNKNOWN
    return Result(
        status=status,
        groups=groups,
        unplaced=tuple(unplaced_reasons(problem, groups, left_out)),
        objective=breakdown.objective,
        breakdown=breakdown,
        proven_optimal=proven and feasible,
        best_bound=bound,
        solve_time_s=time.perf_counter() - start,
        history=tuple(history),
        method="exact" if exact else "lns",
        cancelled=deadline.stopped() and not proven,
        clock_stopped=deadline.struck and not proven and not deadline.stopped(),
    )


def _nothing_found(problem: GroupingProblem, start: float, deadline: Deadline) -> Result:
    """Stopped (by the caller or the clock) before a whole line-up existed: everyone unplaced."""
    message = "The search stopped before a line-up was complete"
    unplaced = tuple(Unplaced(i, (STOPPED_KEY,), message) for i in range(problem.n))
    return Result(
        status=Status.UNKNOWN,
        groups=(),
        unplaced=unplaced,
        objective=0,
        breakdown=None,
        proven_optimal=False,
        best_bound=None,
        solve_time_s=time.perf_counter() - start,
        method="construction",
        cancelled=deadline.stopped(),
        clock_stopped=deadline.struck and not deadline.stopped(),
    )


def _construct(
    problem: GroupingProblem,
    pairs: PairMatrix,
    rng: np.random.Generator,
    space: SearchSpace,
    deadline: Deadline,
    work: ConstructionWork,
) -> list[tuple[np.ndarray, int]]:
    """Starts with their values, best first: with group rules, groups grown one by one to each
    size of the range; the insertion greedy when those do not place everyone.

    Grown groups follow the clusters of rule-heavy problems (intervision bench: 0.50 -> 0.74 of
    the best known value at n=150, 0.91 M -> 6.15 M at n=2000, where the greedy was the worst
    start and took 5 of the 12 s); which target size works best varies, so every size is tried
    (and the search may try several). Pair-only problems (MDGP), pins, together sets and group
    bounds get the insertion greedy. Empty when the deadline passes before any start exists.
    """
    kept = kept_start(problem, pairs, deadline, work)
    if kept is not None:
        # a line-up to keep: every other start pays a move for almost everyone, which the
        # search cannot win back; they are only a fallback when mending it left a hard rule
        work.units += 2 * problem.n * rule_width(problem)
        groups = [np.flatnonzero(kept == s).tolist() for s in range(space.slots)]
        if score(problem, groups).hard_violations == 0:
            return [(kept, state_value(problem, kept, space))]
    starts: list[np.ndarray] = []
    if not pair_only(problem) and isinstance(problem.sizes, SizeRange):
        for target in range(problem.sizes.min_size, problem.sizes.max_size + 1):
            candidate = grown(problem, pairs, rng, target, deadline, work)
            if candidate is None:
                break
            starts.append(candidate)
    if not any((candidate >= 0).all() for candidate in starts):
        assign = greedy(problem, pairs, rng, deadline, work)
        if assign is not None:
            starts.append(assign)
    work.units += len(starts) * problem.n * rule_width(problem)  # scoring each start
    valued = [(candidate, state_value(problem, candidate, space)) for candidate in starts]
    if kept is not None:
        valued.append((kept, state_value(problem, kept, space)))
    return sorted(valued, key=lambda start: -start[1])


def _exact(
    problem: GroupingProblem,
    assign: np.ndarray,
    space: SearchSpace,
    pairs: PairMatrix,
    params: SolveParams,
    deadline: Deadline,
    report: Callable[[int, float | None], None],
    det_budget: float,
) -> tuple[np.ndarray, bool, float | None, Status | None]:
    """The full CP-SAT model with symmetry breaking, hinted with ``assign``, within
    ``det_budget`` units of CP-SAT deterministic time (the wall clock is only a safety net).

    When every person must be placed in a fixed number of groups and few size vectors fit the
    bounds, each size vector is solved as its own model (sizes fixed make the LP bound much
    tighter: Geo n=12 ds went from >30 s to about a second), each required to beat the best
    value so far. Returns ``(assign, proven, bound, INFEASIBLE or None)``.
    """
    start_groups = canonical_groups(problem, assign, space)
    assign = np.full(problem.n, -1, dtype=assign.dtype)  # the start as it would be reported
    for slot, members in enumerate(start_groups):
        assign[list(members)] = slot
    start_breakdown = score(problem, start_groups, ())
    start_feasible = start_breakdown.hard_violations == 0
    best, best_value = assign, state_value(problem, assign, space)
    to_beat = best_value if start_feasible else None
    proven, bounds_left, found_any = True, [], False
    for bounds in _size_vectors(problem, space):
        if det_budget <= 0 or deadline.passed():
            proven = False
            break
        status, solved, value, bound, det_used = _solve_full(
            problem, best, space, pairs, bounds, to_beat, params, deadline, report, det_budget
        )
        det_budget -= det_used
        if status == cp_model.OPTIMAL or status == cp_model.FEASIBLE:
            found_any = True
            if value > best_value or to_beat is None:
                best, best_value, to_beat = solved, value, value
        if status != cp_model.OPTIMAL and status != cp_model.INFEASIBLE:
            proven = False
            bounds_left.append(bound)
    if not found_any and proven and not start_feasible:
        return assign, False, None, Status.INFEASIBLE
    bound = max([best_value, *[b for b in bounds_left if b is not None]])
    return best, proven, float(bound), None


def _size_vectors(problem: GroupingProblem, space: SearchSpace) -> list[list[tuple[int, int]]]:
    """Fixed sizes per group to solve one by one, or the bounds themselves as the only item.

    Rules treat every group alike, so without pins or current groups two vectors with the same
    sizes in another order are the same problem: only one per multiset is kept.
    """
    if not isinstance(problem.sizes, GroupBounds) or problem.allow_unplaced:
        return [space.bounds]
    vectors: list[list[int]] = [[]]
    for lo, hi in space.bounds:
        vectors = [[*v, k] for v in vectors for k in range(lo, hi + 1) if sum(v) + k <= problem.n]
        if len(vectors) > _MAX_SIZE_VECTORS * 8:
            return [space.bounds]
    exact = [v for v in vectors if sum(v) == problem.n]
    if not anchored_slots(problem):  # groups are interchangeable: one vector per multiset
        exact = list({tuple(sorted(v)): v for v in exact}.values())
    if not exact or len(exact) > _MAX_SIZE_VECTORS:
        return [space.bounds]
    exact.sort(key=lambda v: -sum(k * (k - 1) for k in v))  # most pairs first
    return [[(k, k) for k in v] for v in exact]


def _solve_full(
    problem: GroupingProblem,
    start: np.ndarray,
    space: SearchSpace,
    pairs: PairMatrix,
    bounds: list[tuple[int, int]],
    to_beat: int | None,
    params: SolveParams,
    deadline: Deadline,
    report: Callable[[int, float | None], None],
    det_budget: float,
) -> tuple[int, np.ndarray, int, float | None, float]:
    """One full model under ``bounds`` that must beat ``to_beat``.

    Returns ``(status, assign, value, bound, deterministic time used)``.
    """
    people = list(range(problem.n))
    fitting = SearchSpace(space.slots, bounds, space.penalty, space.must_be_active)
    gm = build(
        problem,
        people,
        range(space.slots),
        penalty=space.penalty - (0 if problem.allow_unplaced else INFEASIBLE_COST),
        can_leave_out=problem.allow_unplaced,
        bounds=bounds,
        must_be_active=space.must_be_active,
        break_symmetry=True,
        hint=canonical_hint(problem, start, range(space.slots), people, fitting),
        pairs=pairs,
    )
    if isinstance(problem.sizes, SizeRange) and anchored_slots(problem):
        # the result drops empty groups and renumbers the rest (canonical_groups): a group
        # behind an empty slot would take that slot's number, and with it its kept option,
        # exemption or current members; used slots as a prefix make what is solved what is
        # reported (a gap scored 38 in the model and 35 once renumbered)
        for s in range(1, space.slots):
            gm.model.AddImplication(gm.active[s], gm.active[s - 1])
    if to_beat is not None:
        gm.model.Add(sum(w * t for w, t in gm.objective) >= to_beat + 1)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = _EXACT_WORKERS
    solver.parameters.random_seed = params.seed
    solver.parameters.max_time_in_seconds = max(0.01, deadline.remaining())
    solver.parameters.max_deterministic_time = max(0.01, det_budget)
    if params.log_search:
        solver.parameters.log_search_progress = True
        solver.log_callback = lambda line: logger.info("%s", line)

    class _Callback(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self) -> None:
            report(round(self.ObjectiveValue()), self.BestObjectiveBound())

    with deadline.watching(solver):
        status = solver.solve(gm.model, _Callback())
    det_used = solver.ResponseProto().deterministic_time
    if status not in (cp_model.OPTIMAL, cp_model.INFEASIBLE):
        deadline.passed()  # records whether the clock is what stopped it
    solved = np.full(problem.n, -1, dtype=np.int64)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        bound = None if status == cp_model.INFEASIBLE else solver.BestObjectiveBound()
        return status, solved, -INFEASIBLE_COST, bound, det_used
    for (i, s), var in gm.x.items():
        if solver.Value(var):
            solved[i] = s
    value = round(solver.ObjectiveValue())
    return status, solved, value, solver.BestObjectiveBound(), det_used


def canonical_groups(
    problem: GroupingProblem, assign: np.ndarray, space: SearchSpace
) -> tuple[tuple[int, ...], ...]:
    """Groups with members ascending and groups by smallest member, anchored groups kept put.

    With a size range empty groups are dropped; with group bounds every bound keeps its group
    (groups are only reordered among groups with the same bounds).
    """
    contents = {s: tuple(np.flatnonzero(assign == s).tolist()) for s in range(space.slots)}
    anchored = anchored_slots(problem)
    if isinstance(problem.sizes, GroupBounds):
        result = [contents[s] for s in range(space.slots)]
        for members in interchangeable_classes(problem, space.bounds, range(space.slots)):
            ordered = sorted((contents[s] for s in members), key=_group_order)
            for s, content in zip(members, ordered, strict=True):
                result[s] = content
        return tuple(result)
    used = [s for s in range(space.slots) if contents[s] or s in space.must_be_active]
    fixed = {s: contents[s] for s in used if s in anchored and s < len(used)}
    free = sorted((contents[s] for s in used if s not in fixed), key=_group_order)
    result = []
    for position in range(len(used)):
        result.append(fixed[position] if position in fixed else free.pop(0))
    return tuple(result)


def _group_order(members: Sequence[int]) -> tuple[bool, int]:
    return (not members, members[0] if members else 0)


def unplaced_reasons(
    problem: GroupingProblem, groups: Sequence[Sequence[int]], left_out: Sequence[int]
) -> list[Unplaced]:
    """Why each left-out person is out: the hard rules that block every group they could join.

    For each group we list the hard rules the person would break by joining it (size included);
    the reasons are the shortest such list (what to relax to place them). With a size range a
    new group of left-out people counts too. If some group blocks nothing, leaving the person
    out simply scored better: reason ``unplaced_penalty``.
    """
    names = {rule.key: rule.name for rule in problem.active_rules()}
    names |= {SIZES_KEY: "group sizes", TOGETHER_KEY: "together", UNPLACED_KEY: "score"}
    result = []
    for i in left_out:
        options: list[tuple[str, ...]] = []
        for g, members in enumerate(groups):
            options.append(tuple(_blocking(problem, i, g, members)))
        if isinstance(problem.sizes, SizeRange) and len(left_out) < problem.sizes.min_size:
            options.append((SIZES_KEY,))
        elif isinstance(problem.sizes, SizeRange):
            options.append(())
        if not options:
            options.append((SIZES_KEY,))
        reasons = min(options, key=len) or (UNPLACED_KEY,)
        if any(i in people for people in problem.together) and reasons == (UNPLACED_KEY,):
            reasons = (TOGETHER_KEY,)
        message = "Could not be placed: " + ", ".join(names.get(k, k) for k in reasons)
        result.append(Unplaced(person=i, reasons=reasons, message=message))
    return result


def _blocking(problem: GroupingProblem, i: int, g: int, members: Sequence[int]) -> list[str]:
    """Hard rule keys person ``i`` would break by joining group ``g``."""
    keys = []
    if isinstance(problem.sizes, GroupBounds):
        high = problem.sizes.bounds[g][1] if g < len(problem.sizes.bounds) else 0
    else:
        high = problem.sizes.max_size
    if len(members) + 1 > high:
        keys.append(SIZES_KEY)
    return [*keys, *broken_by_joining(problem, [i], members)]
