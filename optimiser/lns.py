"""Large neighbourhood search: free a few groups, re-solve them exactly with CP-SAT, repeat.

Each step picks groups (:class:`Neighbourhoods`: a random group plus random others or those
most related to it by pair affinity, or, when people are left out, the groups they would gain
most in), frees their members that are not pinned, adds a few left-out people and, with a size
range, one empty slot so a group can be opened, and re-optimises that sub-problem with a small
CP-SAT model hinted with the current line-up. Improvements are kept. Between CP-SAT steps, on
problems that only have pair scores and forbidden pairs, the numpy tabu search of
:mod:`optimiser.construction` does the cheap swap/move work; on rule-heavy problems
:func:`polish` does (moves and swaps found by pair gain, accepted on the exact score).

Who pulls their weight (measured): on MDGP n=120 the CP-SAT steps improved nothing (0 of every
step tried, also with 30-60 % of the time), so they get 10 % there and tabu does the work; on
rule-heavy problems (group rules switch tabu off) polish and CP-SAT share the search: on the
n=150 intervision bench the first polish lifts the start by about 10 %, and polish after each
CP-SAT gain often adds more than the step itself.

Determinism: every CP-SAT step runs on one worker with a deterministic-time limit, and the
search stops after a work budget derived from the time limit (tabu evaluations and CP-SAT
deterministic time, converted to seconds with constants measured on a 2-core machine). The wall
clock is a safety net: when it strikes first (a slower or busier machine) the run is still
valid but no longer reproducible.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from ortools.sat.python import cp_model

from optimiser.construction import PairMatrix, TabuSearch
from optimiser.model import anchored_slots, build
from optimiser.problem import GroupBounds, GroupingProblem, Level
from optimiser.result import NO_DEADLINE, Deadline
from optimiser.scoring import group_score

logger = logging.getLogger("optimiser")

TABU_EVALS_PER_S = 1.5e8  # counted tabu evaluations per second on the reference 2-core machine
INFEASIBLE_COST = 10**9  # what each broken hard rule costs inside the search
_POLISH_CANDIDATES = 200  # moves and swaps per kind re-scored exactly in one polish pass
_POLISH_PASSES = 20  # polish passes at most before the next CP-SAT step
_POLISH_MAX_PEOPLE = 3000  # its n x n swap table: 72 MB of int64 at this size
_POLISH_EVAL_S = 1e-3  # counted cost of one exact re-scoring of two groups (0.5 ms measured)
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


# With tabu (pair-only problems, MDGP): CP-SAT steps improved nothing there, so the settings
# tuned on MDGP stay as they were (0.8 det/s measured on MDGP sub-solves).
WITH_TABU = Neighbourhoods(26, False, 0.5, False, 0.8, 0.0)
# Rule-heavy problems (intervision), measured at n=150: most pairs score 0, so random groups
# rarely have anything to exchange (related share 0.9); CP-SAT ran 0.6 det/s on these
# sub-solves, idle and with the other core busy, plus 20 ms a step to build the model.
RULE_HEAVY = Neighbourhoods(26, True, 0.9, True, 0.45, 0.02)
_STEP_DET_LIMIT = 0.3  # deterministic time per CP-SAT step
_TABU_ROUND_S = 0.5  # tabu time between CP-SAT rounds
_CPSAT_SHARE_WITH_TABU = 0.1  # CP-SAT share of the budget when tabu runs too


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
    assign: np.ndarray,
    space: SearchSpace,
    *,
    pairs: PairMatrix,
    rng: np.random.Generator,
    deadline: Deadline,
    budget_s: float,
    on_improve: Callable[[np.ndarray, int], None],
) -> np.ndarray:
    """Improve ``assign`` until the budget or the deadline; ``on_improve(assign, value)`` on gains.

    ``value`` is the objective of ``assign`` when it breaks no hard rule.
    """
    assign = assign.copy()
    value = state_value(problem, assign, space)
    tabu = TabuSearch(problem, pairs, assign, space.bounds, rng) if pair_only(problem) else None
    cpsat_share = _CPSAT_SHARE_WITH_TABU if tabu is not None else 1.0
    style = WITH_TABU if tabu is not None else RULE_HEAVY
    tabu_s = cpsat_s = 0.0
    stats = {"tabu": 0, "cpsat": 0, "cpsat_steps": 0, "polish": 0}
    aim, polish_due = float(style.aim), True
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
            if tabu is None and polish_due:
                gained, work_s = polish(problem, assign, space, pairs, deadline)
                cpsat_s += work_s
                polish_due = False
                if gained > 0:
                    value += gained
                    stats["polish"] += 1
                    on_improve(assign, value)
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
                polish_due = True
                on_improve(assign, value)
                if tabu is not None:
                    tabu.restart_from(assign, gained)
    if tabu_s + cpsat_s >= budget_s:
        stopped_by = "work budget"
    elif deadline.stopped():
        stopped_by = "caller"
    else:
        stopped_by = "wall clock (not reproducible)"
    logger.info(
        "LNS: %d tabu rounds, %d polish rounds and %d of %d CP-SAT steps improved; "
        "aim %d people; stopped by the %s",
        stats["tabu"],
        stats["polish"],
        stats["cpsat"],
        stats["cpsat_steps"],
        round(aim),
        stopped_by,
    )
    return assign


def polish(
    problem: GroupingProblem,
    assign: np.ndarray,
    space: SearchSpace,
    pairs: PairMatrix,
    deadline: Deadline = NO_DEADLINE,
) -> tuple[int, float]:
    """Improving moves and swaps, found by pair gain and accepted on the exact score.

    The tabu search only sees pair scores; here every candidate is re-scored with all rules on
    the two groups it touches, so travel, meeting moments and spreads are respected. Candidates
    are the moves and swaps with the largest pair gain (pairs dominate intervision scores),
    evaluated best first; after a pass the gains are recomputed. Updates ``assign`` in place.
    Returns ``(gain, counted work in seconds)``. Skipped above ``_POLISH_MAX_PEOPLE`` movable
    people (its swap table is quadratic in memory).
    """
    movable = np.array(
        [
            i
            for i in np.flatnonzero(assign >= 0).tolist()
            if i not in problem.pins and not any(i in t for t in problem.together)
        ],
        dtype=np.int64,
    )
    total, work_s = 0, 0.0
    if not 2 <= len(movable) <= _POLISH_MAX_PEOPLE:
        return 0, work_s
    rows = pairs.rows(movable)
    for _ in range(_POLISH_PASSES):
        if deadline.passed():
            break
        gained, evaluations = _polish_pass(problem, assign, space, movable, rows, deadline)
        total += gained
        work_s += evaluations * _POLISH_EVAL_S + rows.size / TABU_EVALS_PER_S
        if gained <= 0:
            break
    return total, work_s


def _polish_pass(
    problem: GroupingProblem,
    assign: np.ndarray,
    space: SearchSpace,
    movable: np.ndarray,
    rows: np.ndarray,
    deadline: Deadline,
) -> tuple[int, int]:
    """One pass of :func:`polish`: returns ``(gain, exact evaluations)``."""
    slot_of = assign[movable]
    onehot = np.zeros((assign.shape[0], space.slots), dtype=np.int64)
    placed = np.flatnonzero(assign >= 0)
    onehot[placed, assign[placed]] = 1
    affinity = rows @ onehot  # affinity[k, s]: pair sum of movable k with slot s
    own = affinity[np.arange(len(movable)), slot_of]
    moves = affinity - own[:, None]
    moves[np.arange(len(movable)), slot_of] = np.iinfo(np.int64).min
    inner = rows[:, movable]
    swaps = affinity[:, slot_of] - own[:, None] + affinity[:, slot_of].T - own[None, :] - 2 * inner
    swaps[slot_of[:, None] == slot_of[None, :]] = np.iinfo(np.int64).min
    swaps = np.triu(swaps, 1) + np.tril(np.full_like(swaps, np.iinfo(np.int64).min))
    candidates = []
    for table, kind in ((moves, "move"), (swaps, "swap")):
        flat = np.argsort(-table, axis=None, kind="stable")[:_POLISH_CANDIDATES]
        for index in flat.tolist():
            a, b = divmod(index, table.shape[1])
            if table[a, b] > 0:
                candidates.append((int(table[a, b]), kind, a, b))
    candidates.sort(key=lambda c: -c[0])
    touched: set[int] = set()
    gained = evaluations = 0
    for _, kind, a, b in candidates:
        if deadline.passed():
            break
        i = int(movable[a])
        slots = [int(assign[i]), b if kind == "move" else int(assign[movable[b]])]
        if touched & set(slots):
            continue
        before = _part_value(problem, assign, slots, [], space)
        old = assign.copy()
        if kind == "move":
            assign[i] = b
        else:
            k = int(movable[b])
            assign[i], assign[k] = assign[k], assign[i]
        after = _part_value(problem, assign, slots, [], space)
        evaluations += 1
        if after > before:
            gained += after - before
            touched |= set(slots)
        else:
            assign[:] = old
    return gained, evaluations


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
    )
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = int(rng.integers(1 << 30))
    solver.parameters.max_deterministic_time = _STEP_DET_LIMIT
    solver.parameters.max_time_in_seconds = max(0.01, min(2.0, deadline.remaining()))
    with deadline.watching(solver):
        status = solver.Solve(gm.model)
    det_time = solver.ResponseProto().deterministic_time
    proven = status == cp_model.OPTIMAL
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
    anchored = anchored_slots(problem)
    hint = {i: int(assign[i]) if assign[i] in slots else -1 for i in people}
    classes: dict[tuple[int, int], list[int]] = {}
    for s in slots:
        if s not in anchored:
            classes.setdefault(tuple(space.bounds[s]), []).append(s)
    for members in classes.values():
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
) -> int:
    """The objective share of ``slots`` and of the left-out ``people`` (what a step may change)."""
    value = 0
    minimum = 0 if isinstance(problem.sizes, GroupBounds) else problem.sizes.min_size
    for s in slots:
        members = np.flatnonzero(assign == s).tolist()
        group = group_score(problem, s, members)
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
    return _part_value(problem, assign, slots, range(problem.n), space)
