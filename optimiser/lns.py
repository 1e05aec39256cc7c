"""Large neighbourhood search: free a few groups, re-solve them exactly with CP-SAT, repeat.

Each step picks groups (:class:`Neighbourhoods`: a random group plus random others or those
most related to it by pair affinity, or, when people are left out, the groups they would gain
most in), frees their members that are not pinned, adds a few left-out people and, with a size
range, one empty slot so a group can be opened, and re-optimises that sub-problem with a small
CP-SAT model hinted with the current line-up. Improvements are kept. Between CP-SAT steps the
numpy tabu search of :mod:`optimiser.tabu` does the cheap swap/move work on the full
objective (group rules included) when the problem is small enough (``_TABU_MAX_PEOPLE`` with
group rules; any size with pair scores only).

Who pulls their weight (measured): on MDGP n=120 the CP-SAT steps improved nothing (0 of every
step tried, also with 30-60 % of the time), so they get 10 % there and tabu does the work; on
the n=150 intervision bench the tabu search went from 0.91 to 1.00 of the best known value at
10 s, CP-SAT steps improving nothing after it (0 of 40 in 60 s), so they get 10 % there too.
At n=2000 (no tabu) CP-SAT steps improved 14 of 83 times in 60 s; a pair-gain polish that used
to run there found nothing in two runs and took half the time, so it was dropped.

Determinism: every CP-SAT step runs on one worker with a deterministic-time limit, and the
search stops after a work budget (``SolveParams.work_limit_s``, else derived from the time
limit: tabu evaluations and CP-SAT deterministic time, converted to seconds with constants
measured on a 2-core machine). Nothing on the path reads the wall clock: it is only a safety
net that ends the search, and when it strikes first (a slower or busier machine) the run is
still valid but no longer reproducible, which the result says (``Result.clock_stopped``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from ortools.sat.python import cp_model

from optimiser.group_deltas import INFEASIBLE_COST
from optimiser.model import build
from optimiser.pairs import PairMatrix
from optimiser.problem import GroupBounds, GroupingProblem, Level
from optimiser.result import Deadline
from optimiser.scoring import group_score, pair_sums
from optimiser.slots import interchangeable_classes
from optimiser.tabu import TabuSearch

logger = logging.getLogger("optimiser")

TABU_EVALS_PER_S = 1.5e8  # counted tabu evaluations per second on the reference 2-core machine
_FREE_RANGE = (12, 90)  # an adaptive aim stays within these bounds
_GROW, _SHRINK = 1.15, 0.8  # aim after a step proven optimal without gain / cut short
_UNRELATED_WEIGHT = 0.05  # chance weight of an unrelated slot, relative to the mean affinity


@dataclass(frozen=True)
class Neighbourhoods:
    """How CP-SAT steps pick and count their neighbourhoods.

    ``det_per_s`` converts CP-SAT deterministic time to counted seconds and ``overhead_s`` is
    counted per step for building the sub-model; both are set so the work budget ends the
    search before the wall clock does, which keeps runs reproducible.
    """

    aim: int  # people per sub-problem (the first aim when adaptive)
    adaptive: bool  # grow the aim after proven steps without gain, shrink after cut-short ones
    related_share: float  # steps whose other groups are picked by affinity, not at random
    draw_related: bool  # draw related groups by affinity rather than take the top few
    det_per_s: float
    overhead_s: float
    cpsat_share: float  # of the budget, while the tabu search runs too


# With tabu (pair-only problems, MDGP): CP-SAT steps improved nothing there, so the settings
# tuned on MDGP stay as they were (0.8 det/s measured on MDGP sub-solves).
WITH_TABU = Neighbourhoods(26, False, 0.5, False, 0.8, 0.0, 0.1)
# Rule-heavy problems (intervision), measured at n=150: most pairs score 0, so random groups
# rarely have anything to exchange (related share 0.9); CP-SAT ran 0.6 det/s on these
# sub-solves, idle and with the other core busy, plus 20 ms a step to build the model.
RULE_HEAVY = Neighbourhoods(26, True, 0.9, True, 0.45, 0.02, 0.1)
_STEP_DET_LIMIT = 0.3  # deterministic time per CP-SAT step
_TABU_ROUND_S = 0.5  # tabu time between CP-SAT rounds
# with group rules, tabu steps cost 3 ms at 150 people (every swap evaluated) but 50 ms at
# 2000 (a batch of 128 against everyone): above this, CP-SAT steps alone
_TABU_MAX_PEOPLE = 400
_TRIAL_SHARE = 0.3  # of the budget, for short tabu runs from every start (group rules)


@dataclass
class SearchSpace:
    """What the search may do: slots with their bounds and what leaving someone out costs."""

    slots: int
    bounds: list[tuple[int, int]]
    penalty: int
    must_be_active: set[int]


def pair_only(problem: GroupingProblem) -> bool:
    """Whether the tabu search sees the whole objective (no active group rules)."""
    return not any(rule.level != Level.OFF for rule in problem.group_rules)


def search(
    problem: GroupingProblem,
    starts: Sequence[np.ndarray],
    space: SearchSpace,
    *,
    pairs: PairMatrix,
    rng: np.random.Generator,
    deadline: Deadline,
    budget_s: float,
    on_improve: Callable[[np.ndarray, int], None],
) -> np.ndarray:
    """Improve the best of ``starts`` (best first) until the budget or the deadline;
    ``on_improve(assign, value)`` on gains, ``value`` being the objective of ``assign`` when it
    breaks no hard rule.

    With group rules the tabu search's local optima depend much on the start (at n=150, 1 s of
    tabu from each grown start ended 373 k to 390 k, and the ranking after 1 s held after 8 s),
    so each start first gets a short tabu run (``_TRIAL_SHARE`` of the budget between them) and
    the best continues.
    """
    style = WITH_TABU if pair_only(problem) else RULE_HEAVY
    assign = starts[0].copy()
    value = state_value(problem, assign, space)
    tabu = None
    tabu_s = cpsat_s = 0.0
    if style is WITH_TABU or int((assign >= 0).sum()) <= _TABU_MAX_PEOPLE:
        trial_budget = _TRIAL_SHARE * budget_s / len(starts) if len(starts) > 1 else 0.0
        best_value = None
        for start in starts:
            trial = TabuSearch(problem, pairs, start, space.bounds, rng)
            if trial_budget:
                trial.run(deadline, trial_budget * TABU_EVALS_PER_S)
                tabu_s += trial.work / TABU_EVALS_PER_S
            trial_value = state_value(problem, start, space) + trial.best_value
            if best_value is None or trial_value > best_value:
                tabu, best_value = trial, trial_value
        assert tabu is not None
        if best_value > value:
            assign, value = tabu.best_assign.copy(), best_value
            on_improve(assign, value)
    cpsat_share = style.cpsat_share if tabu is not None else 1.0
    stats = {"tabu": 0, "cpsat": 0, "cpsat_steps": 0}
    aim = float(style.aim)
    while tabu_s + cpsat_s < budget_s and not deadline.passed():
        if tabu is not None:
            before, work = tabu.best_value, tabu.work
            round_budget = min(_TABU_ROUND_S, budget_s - tabu_s - cpsat_s) * TABU_EVALS_PER_S
            tabu.run(deadline, work + round_budget)
            tabu_s += (tabu.work - work) / TABU_EVALS_PER_S
            if tabu.best_value > before:
                assign = tabu.best_assign.copy()
                value += tabu.best_value - before
                stats["tabu"] += 1
                on_improve(assign, value)
        while cpsat_s <= cpsat_share * (tabu_s + cpsat_s) and tabu_s + cpsat_s < budget_s:
            if deadline.passed():
                break
            gained, det_time, proven = _cpsat_step(
                problem, assign, space, pairs, rng, deadline, replace(style, aim=round(aim))
            )
            if style.adaptive and gained <= 0 and proven:  # too small to hold a gain
                aim = min(_FREE_RANGE[1], aim * _GROW)
            elif style.adaptive and not proven:
                aim = max(_FREE_RANGE[0], aim * _SHRINK)
            cpsat_s += max(det_time, 1e-3) / style.det_per_s + style.overhead_s
            stats["cpsat_steps"] += 1
            if gained > 0:
                value += gained
                stats["cpsat"] += 1
                on_improve(assign, value)
                if tabu is not None:
                    tabu.restart_from(assign, gained)
    if deadline.stopped():
        stopped_by = "caller"
    elif deadline.struck:
        stopped_by = "wall clock (not reproducible)"
    else:
        stopped_by = "work budget"
    logger.info(
        "LNS: %d tabu rounds and %d of %d CP-SAT steps improved; aim %d people; stopped by the %s",
        stats["tabu"],
        stats["cpsat"],
        stats["cpsat_steps"],
        round(aim),
        stopped_by,
    )
    return assign


def _cpsat_step(
    problem: GroupingProblem,
    assign: np.ndarray,
    space: SearchSpace,
    pairs: PairMatrix,
    rng: np.random.Generator,
    deadline: Deadline,
    style: Neighbourhoods,
) -> tuple[int, float, bool]:
    """One neighbourhood of about ``style.aim`` people: re-solve a few groups exactly.

    Updates ``assign`` in place if better. Returns ``(gain, deterministic time, proven)``,
    ``proven`` when CP-SAT closed the sub-problem (nothing better exists in it).
    """
    slots = _pick_slots(problem, assign, space, pairs, rng, style)
    if not slots:
        return 0, 0.01, True
    people = np.flatnonzero(np.isin(assign, slots)).tolist()
    left_out = [
        i for i in np.flatnonzero(assign < 0).tolist() if problem.pins.get(i, slots[0]) in slots
    ]
    if left_out:
        people += rng.choice(left_out, min(len(left_out), 4), replace=False).tolist()
    partners = {j for i in people for t in problem.together if i in t for j in t}
    people = sorted(set(people) | partners)
    before = _part_value(problem, assign, slots, people, space)
    hint = canonical_hint(problem, assign, slots, people, space)
    gm = build(
        problem,
        people,
        slots,
        penalty=space.penalty,
        can_leave_out=True,
        bounds=space.bounds,
        must_be_active=space.must_be_active & set(slots),
        break_symmetry=True,
        hint=hint,
        clique_cuts=False,  # measured: sub-solves prove optimality faster without them
        prune_options=True,
        pairs=pairs,
    )
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = int(rng.integers(1 << 30))
    solver.parameters.max_deterministic_time = _STEP_DET_LIMIT
    # the clock only as the safety net: a limit of its own (it was 2 s) cut steps short on a
    # busy machine, which then counted less work and took another path
    solver.parameters.max_time_in_seconds = max(0.01, deadline.remaining())
    with deadline.watching(solver):
        status = solver.solve(gm.model)
    det_time = solver.ResponseProto().deterministic_time
    proven = status == cp_model.OPTIMAL
    if not proven and status != cp_model.INFEASIBLE:
        deadline.passed()  # records whether the clock is what stopped it
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return 0, det_time, proven
    trial = assign.copy()
    for i in people:
        trial[i] = next((s for s in slots if (i, s) in gm.x and solver.Value(gm.x[i, s])), -1)
    # re-scored, not read from CP-SAT: a stopped search may leave a group's option sub-optimal
    after = _part_value(problem, trial, slots, people, space)
    if after <= before:
        return 0, det_time, proven
    assign[people] = trial[people]
    return after - before, det_time, proven


def _pick_slots(
    problem: GroupingProblem,
    assign: np.ndarray,
    space: SearchSpace,
    pairs: PairMatrix,
    rng: np.random.Generator,
    style: Neighbourhoods,
) -> list[int]:
    """Used slots holding about ``style.aim`` people (a random 2.. of them when not adaptive):
    one random slot and random others or those related to it; maybe one empty slot."""
    sizes = np.bincount(assign[assign >= 0], minlength=space.slots)
    used = np.flatnonzero(sizes > 0)
    if len(used) == 0:
        empty = np.flatnonzero(sizes == 0)
        return [int(empty[0])] if len(empty) else []
    typical = max(1, int(np.median(sizes[used])))
    count = int(min(len(used), max(2, style.aim // typical)))
    if not style.adaptive and count > 2:
        count = int(rng.integers(2, count + 1))
    first = int(rng.choice(used))
    if rng.random() < 1 - style.related_share or count < 2:
        others = [int(s) for s in rng.permutation(used) if s != first][: count - 1]
    else:
        others = _related(assign, used, first, count - 1, pairs, rng, style.draw_related)
    chosen = [first, *others]
    empty = np.flatnonzero(sizes == 0)
    if not isinstance(problem.sizes, GroupBounds) and len(empty) and rng.random() < 0.3:
        chosen.append(int(empty[0]))
    return sorted(chosen)


def _related(
    assign: np.ndarray,
    used: np.ndarray,
    first: int,
    count: int,
    pairs: PairMatrix,
    rng: np.random.Generator,
    draw: bool,
) -> list[int]:
    """Slots by affinity (either sign) to the members of ``first`` or to the left-out people:
    the strongest, or drawn with probability growing with it when ``draw``."""
    members = np.flatnonzero(assign == first)
    left_out = np.flatnonzero(assign < 0)
    focus = np.concatenate([members, left_out[: max(0, 8 - len(members))]])
    rows = np.abs(pairs.rows(focus)).sum(axis=0)
    placed = assign >= 0
    strength = np.bincount(assign[placed], weights=rows[placed], minlength=assign.max() + 1)
    if not draw:
        strength = strength[used] + rng.random(len(used))  # random tie-break
        order = [int(used[k]) for k in np.argsort(-strength) if used[k] != first]
        return order[:count]
    others = used[used != first]
    strength = strength[others]
    # drawn, not the top few: the same first slot then meets different partners
    weights = strength + _UNRELATED_WEIGHT * max(strength.mean(), 1.0)
    count = min(count, len(others))
    drawn = rng.choice(len(others), count, replace=False, p=weights / weights.sum())
    return [int(others[k]) for k in drawn]


def canonical_hint(
    problem: GroupingProblem,
    assign: np.ndarray,
    slots: Sequence[int],
    people: Sequence[int],
    space: SearchSpace,
) -> dict[int, int]:
    """The current line-up as a hint, with interchangeable slots ordered like the model wants."""
    hint = {i: int(assign[i]) if assign[i] in slots else -1 for i in people}
    for members in interchangeable_classes(problem, space.bounds, slots):
        contents = [sorted(i for i in people if hint[i] == s) for s in members]
        contents.sort(key=lambda c: (not c, c[0] if c else 0))
        for s, content in zip(members, contents, strict=True):
            for i in content:
                hint[i] = s
    return hint


def _part_value(
    problem: GroupingProblem,
    assign: np.ndarray,
    slots: Sequence[int],
    people: Sequence[int],
    space: SearchSpace,
    sums: Sequence[Sequence[int] | None] | None = None,
) -> int:
    """The objective share of ``slots`` and of the left-out ``people`` (what a step may change);
    ``sums``: pair sums per slot (:func:`optimiser.scoring.pair_sums`) when already known."""
    value = 0
    minimum = 0 if isinstance(problem.sizes, GroupBounds) else problem.sizes.min_size
    members_of: dict[int, list[int]] = {s: [] for s in slots}
    for i in np.flatnonzero(np.isin(assign, slots)).tolist():
        members_of[int(assign[i])].append(i)
    for s in slots:
        members = members_of[s]
        group = group_score(problem, s, members, None if sums is None else sums[s])
        value += group.score
        value -= INFEASIBLE_COST * sum(r.violations for r in group.rules if r.hard)
        lo, hi = space.bounds[s]
        must_exist = s in space.must_be_active or lo > 0
        if (members or must_exist) and not max(lo, minimum) <= len(members) <= hi:
            value -= INFEASIBLE_COST
    for i in people:
        if i in problem.pins and assign[i] != problem.pins[i]:
            value -= INFEASIBLE_COST
        if assign[i] < 0:
            value -= space.penalty + problem.move_penalty * (i in problem.current)
    return value


def state_value(problem: GroupingProblem, assign: np.ndarray, space: SearchSpace) -> int:
    """The search's value of a whole line-up: the objective minus a large cost per broken rule."""
    slots = list(range(space.slots))
    sums = pair_sums(problem, assign, space.slots)
    return _part_value(problem, assign, slots, range(problem.n), space, sums)
