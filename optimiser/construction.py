"""A fast start: greedy insertion that respects hard rules, then tabu search on pair scores.

The state everywhere is ``assign``: an int array, ``assign[i]`` the slot of person ``i`` or
``-1`` when left out. Slots are group indices; with a size range there may be more slots than
groups, the unused ones empty.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from optimiser.model import slot_bounds
from optimiser.problem import (
    AtLeastCount,
    CommonOption,
    GroupBounds,
    GroupingProblem,
    Level,
    MaxSpread,
    SizeRange,
)
from optimiser.result import NO_DEADLINE, Deadline
from optimiser.scoring import group_rule_score

_DENSE_MAX_N = 3000  # combine pair terms into one dense matrix up to this n (72 MB of int64)
_FULL_BATCH_MAX = 400  # evaluate every swap each tabu step up to this many movable people
_BATCH = 128  # otherwise a random batch of this many people per step
# a batch step's evaluation costs more, the more so the larger n (gathers from large arrays):
# calibrated to the 1.5e8 counted evaluations/s of optimiser.lns at n=2000 (3.4 ms a step);
# at n=8000 a step cost twice as much per element again, hence the sqrt(n) growth
_BATCH_COST = 2.0
_ROWS_PER_BLOCK = 512
# steps without a new best before a perturbation; measured on 5 RanReal n=120 instances at
# 2.7 s: 1 x m 0.85% mean gap, 4 x m 0.49%, 20 x m 0.36%, 50 x m 0.38%, never 0.44%
_STALL_PER_PERSON = 20
# with group rules a step costs ~20 times more and 2 x m stalled steps were as good as 1 or 4
_STALL_WITH_RULES = 2
_STALL_MIN = 200
_STEP_OVERHEAD = 4000  # fixed cost of one tabu step, in candidate evaluations
_RULE_CANDIDATES = 16  # groups whose soft rules are evaluated exactly per greedy insertion
# measured 1.5e7 (n=150), 1.25e7 (2000), 1.04e7 (20,000, other core busy): kept below all
CONSTRUCTION_UNITS_PER_S = 9e6
_VECTOR_UNIT = 0.02  # a numpy element, relative to a Python-level check
INFEASIBLE_COST = 10**9  # what each broken hard rule costs inside the search


class PairMatrix:
    """All pair terms and soft forbidden pairs combined, read a block of rows at a time.

    Never copies an n x n matrix when n is large: :meth:`rows` combines only the rows asked for.
    """

    def __init__(self, problem: GroupingProblem) -> None:
        self.problem = problem
        self.n = problem.n
        soft = [
            (i, j, -rule.weight)
            for rule in problem.forbidden
            if rule.level == Level.SOFT
            for i, j in rule.pairs
        ]
        self._soft = None
        if soft:
            i, j, w = (np.array(v, dtype=np.int64) for v in zip(*soft, strict=True))
            self._soft = sparse.csr_array(
                (np.concatenate([w, w]), (np.concatenate([i, j]), np.concatenate([j, i]))),
                shape=(self.n, self.n),
            )
        self.dense: np.ndarray | None = None
        if self.n <= _DENSE_MAX_N:
            self.dense = self._combine(np.arange(self.n))

    def rows(self, index: np.ndarray) -> np.ndarray:
        """Combined weights of the given rows, dense ``(len(index), n)`` int64."""
        if self.dense is not None:
            return self.dense[index]
        return self._combine(index)

    def _combine(self, index: np.ndarray) -> np.ndarray:
        block = np.zeros((len(index), self.n), dtype=np.int64)
        for term in self.problem.pair_terms:
            part = term.scores[index]
            part = part.toarray() if sparse.issparse(part) else part
            block += term.weight * part.astype(np.int64)
        if self._soft is not None:
            block += self._soft[index].toarray()
        return block


def slot_count(problem: GroupingProblem) -> int:
    """How many slots to model: every group of a size range could exist, plus pinned indices."""
    if isinstance(problem.sizes, GroupBounds):
        return len(problem.sizes.bounds)
    anchors = [*problem.pins.values(), *problem.current.values()]
    return max(problem.n // problem.sizes.min_size, max(anchors, default=-1) + 1)


def group_count_target(problem: GroupingProblem) -> int:
    """The number of groups the greedy opens: as few as the maximum size allows (one less than
    the maximum when hard rules need some slack)."""
    if isinstance(problem.sizes, GroupBounds):
        return len(problem.sizes.bounds)
    anchors = [*problem.pins.values(), *problem.current.values()]
    size = problem.sizes.max_size
    if any(r.level == Level.HARD for r in problem.active_rules()):
        size = max(problem.sizes.min_size, size - 1)  # leave room to satisfy hard rules
    need = max(math.ceil(problem.n / size), max(anchors, default=-1) + 1)
    return min(need, slot_count(problem))


class ConstructionWork:
    """Counted construction work: deterministic, so that a time limit can include the
    construction and still give the same groups on a busier machine.

    A unit is about one Python-level rule check of one member (a rule option, a spread value,
    a forbidden pair); numpy work over candidates counts ``_VECTOR_UNIT`` per element.
    """

    def __init__(self) -> None:
        self.units = 0.0

    @property
    def seconds(self) -> float:
        """The counted work in seconds of the reference 2-core machine."""
        return self.units / CONSTRUCTION_UNITS_PER_S


@dataclass
class _Groups:
    """Greedy bookkeeping: members per slot and what a hard rule still admits."""

    members: list[list[int]]
    lows: list[int]
    highs: list[int]
    work: ConstructionWork
    rule_width: int  # units per member of one check of every hard rule (see ConstructionWork)


def greedy(
    problem: GroupingProblem,
    pairs: PairMatrix,
    rng: np.random.Generator,
    deadline: Deadline = NO_DEADLINE,
    work: ConstructionWork | None = None,
) -> np.ndarray | None:
    """Insert people, hardest first, into the feasible group that gains most; None when the
    deadline passes first (a half-built line-up is no line-up).

    Pins go first, then together sets (as one unit), then the rest ordered by how few groups
    they could join; each unit goes to the group with room, no hard conflict and the best
    pair gain (soft group rules evaluated exactly on the best few candidates). While the people
    left only just fill the groups below their minimum, only those groups are open. Groups left
    below their minimum are dissolved (size range) or topped up from larger groups.
    """
    n = problem.n
    open_slots = group_count_target(problem)
    bounds = slot_bounds(problem, open_slots)
    minimum = 0 if isinstance(problem.sizes, GroupBounds) else problem.sizes.min_size
    lows = [max(lo, minimum) for lo, _ in bounds[:open_slots]]
    highs = [hi for _, hi in bounds[:open_slots]]
    if isinstance(problem.sizes, GroupBounds) and _pairs_pay(problem):
        lows = highs = _most_pairs_sizes(lows, highs, n)
    state = _Groups([[] for _ in range(open_slots)], lows, highs, work or ConstructionWork(), 0)
    state.rule_width = rule_width(problem)
    assign = np.full(n, -1, dtype=np.int64)
    affinity = np.zeros((open_slots, n), dtype=np.int64)  # affinity[s, i] = sum W[i, members]
    units = _units(problem, rng)
    deficit = sum(lows)
    remaining = n
    sizes = np.zeros(open_slots, dtype=np.int64)
    low_arr, high_arr = np.array(lows, dtype=np.int64), np.array(highs, dtype=np.int64)
    wanted = _RULE_CANDIDATES if any(r.level != Level.OFF for r in problem.group_rules) else 1
    required = [
        r for r in problem.group_rules if isinstance(r, AtLeastCount) and r.level == Level.HARD
    ]
    have = [np.zeros(open_slots, dtype=np.int64) for _ in required]
    for unit in units:
        if deadline.passed():
            return None
        pinned = {problem.pins[i] for i in unit if i in problem.pins}
        allowed = sizes + len(unit) <= high_arr
        if pinned:
            only = np.zeros(open_slots, dtype=bool)
            if len(pinned) == 1 and min(pinned) < open_slots:
                only[min(pinned)] = True
            allowed &= only
        gains = affinity[:, unit].sum(axis=1)
        candidates: list[int] = []
        short = np.zeros(open_slots, dtype=bool)
        for rule, count in zip(required, have, strict=True):
            if any(i in rule.members for i in unit):
                short |= count < rule.min_count
        if short.any():  # spread required members over the groups still short of them
            candidates = _feasible_best(problem, state, allowed & short, gains, unit, wanted)
        if (
            not candidates and remaining <= deficit + len(unit) - 1
        ):  # only just enough people left: fill the short
            candidates = _feasible_best(
                problem, state, allowed & (sizes < low_arr), gains, unit, wanted
            )
        if not candidates:
            candidates = _feasible_best(problem, state, allowed, gains, unit, wanted)
        remaining -= len(unit)
        if not candidates:
            continue
        slot = _best_slot(problem, state, candidates, gains[candidates], unit)
        deficit -= min(len(unit), max(0, state.lows[slot] - len(state.members[slot])))
        state.members[slot].extend(unit)
        sizes[slot] += len(unit)
        for rule, count in zip(required, have, strict=True):
            count[slot] += sum(1 for i in unit if i in rule.members)
        assign[unit] = slot
        affinity[slot] += pairs.rows(np.asarray(unit)).sum(axis=0)
    _repair_sizes(problem, state, assign)
    return assign


def grown(
    problem: GroupingProblem,
    pairs: PairMatrix,
    rng: np.random.Generator,
    target: int,
    deadline: Deadline = NO_DEADLINE,
    work: ConstructionWork | None = None,
) -> np.ndarray | None:
    """Build groups one at a time: seed with the hardest person left, add who gains most.

    On clustered problems (most pairs score 0: function families, regions, meeting moments)
    insertion into many half-empty groups mixes clusters early; growing one group from a seed
    keeps each group inside one cluster. Each group grows to ``target`` people through the
    candidates that break no hard rule, the best pair gain first, soft group rules evaluated
    exactly on the best few. People left over join the group with room that gains most; who
    fits in none seeds a new group that may also take members other groups can spare.
    Returns None when the problem has pins, current groups, together sets, group bounds or a
    hard at-least rule (the insertion greedy handles those), or when the deadline passes.
    """
    if (
        problem.pins
        or problem.current
        or problem.together
        or not isinstance(problem.sizes, SizeRange)
        or any(isinstance(r, AtLeastCount) and r.level == Level.HARD for r in problem.group_rules)
    ):
        return None
    low, high = problem.sizes.min_size, problem.sizes.max_size
    slots = slot_count(problem)
    state = _Groups([], [low] * slots, [high] * slots, work or ConstructionWork(), 0)
    state.rule_width = rule_width(problem)
    assign = np.full(problem.n, -1, dtype=np.int64)
    size, joinable = min(high, max(low, target)), _Joinable(problem)
    for seed in [i for unit in _units(problem, rng) for i in unit]:
        if deadline.passed():
            return None
        if assign[seed] < 0 and (assign < 0).sum() >= low and len(state.members) < slots:
            _grow(problem, pairs, state, assign, seed, size, False, joinable)
    for i in np.flatnonzero(assign < 0).tolist():
        if deadline.passed():
            return None
        open_slots = [s for s in range(len(state.members)) if _fits(problem, state, s, [i])]
        if open_slots:
            row = pairs.rows(np.array([i]))[0]
            gains = np.array([row[state.members[s]].sum() for s in open_slots])
            slot = _best_slot(problem, state, open_slots, gains, [i])
            state.members[slot].append(i)
            assign[i] = slot
        elif len(state.members) < slots:
            _grow(problem, pairs, state, assign, i, low, True, joinable)
    return assign


def _grow(
    problem: GroupingProblem,
    pairs: PairMatrix,
    state: _Groups,
    assign: np.ndarray,
    seed: int,
    target: int,
    spare: bool,
    joinable: _Joinable,
) -> None:
    """A new group around ``seed`` of up to ``target`` people; undone if below the minimum.

    Joiners are people left out and, when ``spare``, members of groups above their minimum.
    """
    slot = len(state.members)
    state.members.append([seed])
    previous = {seed: int(assign[seed])}
    assign[seed] = slot
    gains = pairs.rows(np.array([seed]))[0].copy()
    while len(state.members[slot]) < target:
        available = assign < 0
        if spare:
            sizes = np.bincount(assign[assign >= 0], minlength=slot + 1)
            roomy = sizes > state.lows[0]
            roomy[slot] = False
            available |= (assign >= 0) & roomy[np.maximum(assign, 0)]
        joiner = _best_joiner(problem, state, slot, available, gains, joinable)
        if joiner is None:
            break
        previous[joiner] = int(assign[joiner])
        if assign[joiner] >= 0:
            state.members[assign[joiner]].remove(joiner)
        state.members[slot].append(joiner)
        assign[joiner] = slot
        gains += pairs.rows(np.array([joiner]))[0]
    if len(state.members[slot]) < state.lows[slot]:  # no group here: everyone goes back
        for person, before in previous.items():
            assign[person] = before
            if before >= 0:
                state.members[before].append(person)
        state.members.pop()


class _Joinable:
    """Who can join a group without breaking a hard rule (pairs, options, spreads) and what a
    hard common option's cost (travel) changes, for all candidates at once: growing groups
    checks thousands of candidates per group (one by one, the scorer's checks took 20 s of the
    28 s construction at n=2000)."""

    def __init__(self, problem: GroupingProblem) -> None:
        self.forbidden = _hard_forbidden_matrix(problem)
        self.options: list[tuple[np.ndarray, np.ndarray | None]] = []
        self.spreads: list[tuple[np.ndarray, int]] = []  # values (NaN: none), max spread
        for rule in problem.group_rules:
            if isinstance(rule, MaxSpread) and rule.level == Level.HARD:
                values = np.array([np.nan if v is None else v for v in rule.values], dtype=float)
                self.spreads.append((values, rule.max_spread))
            if isinstance(rule, CommonOption) and rule.level == Level.HARD:
                allowed = np.ones((problem.n, len(rule.option_labels)), dtype=bool)
                for i, options in enumerate(rule.allowed):
                    if options:
                        allowed[i] = False
                        allowed[i, sorted(options)] = True
                cost = None if rule.cost is None else np.asarray(rule.cost, dtype=np.int64)
                self.options.append((allowed, cost))

    def gains(self, members: list[int], candidates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(ok, gain)`` per candidate: joining breaks no hard pair or option; cost change."""
        ok = np.ones(len(candidates), dtype=bool)
        gain = np.zeros(len(candidates), dtype=np.int64)
        if self.forbidden is not None:
            ok &= np.asarray(self.forbidden[members].sum(axis=0)).ravel()[candidates] == 0
        for values, max_spread in self.spreads:
            own = values[members]
            if np.isnan(own).all():
                continue
            low, high = np.nanmin(own), np.nanmax(own)
            value = values[candidates]
            spread = np.maximum(high, value) - np.minimum(low, value)
            ok &= np.isnan(value) | (spread <= max_spread)
        for allowed, cost in self.options:
            feasible = allowed[members].all(axis=0)
            fitting = allowed[candidates] & feasible
            ok &= fitting.any(axis=1)
            if cost is not None and feasible.any():
                group = cost[members].sum(axis=0)
                after = np.where(fitting, group + cost[candidates], np.iinfo(np.int64).max)
                gain -= np.where(ok, after.min(axis=1) - group[feasible].min(), 0)
        return ok, gain


def _best_joiner(
    problem: GroupingProblem,
    state: _Groups,
    slot: int,
    available: np.ndarray,
    gains: np.ndarray,
    joinable: _Joinable,
) -> int | None:
    """The available person who adds most to ``slot`` (pairs, option cost, soft group rules)
    without breaking a hard rule; soft rules evaluated exactly on the best few. The caller
    keeps the size below the maximum, and grown problems have no pins."""
    members = state.members[slot]
    candidates = np.flatnonzero(available)
    state.work.units += (len(candidates) + problem.n) * _VECTOR_UNIT * state.rule_width
    state.work.units += _RULE_CANDIDATES * (len(members) + 1) * state.rule_width
    ok, cost_gain = joinable.gains(members, candidates)
    candidates, first_guess = candidates[ok], gains[candidates[ok]] + cost_gain[ok]
    if not len(candidates):
        return None
    soft = [r for r in problem.group_rules if r.level == Level.SOFT]
    base = [group_rule_score(problem, rule, members)[0] for rule in soft]
    best, best_value = None, -math.inf
    for k in np.argsort(-first_guess, kind="stable")[:_RULE_CANDIDATES].tolist():
        i = int(candidates[k])
        value = float(first_guess[k])
        for rule, before in zip(soft, base, strict=True):
            value += group_rule_score(problem, rule, [*members, i])[0] - before
        if value > best_value:
            best, best_value = i, value
    return best


def _feasible_best(
    problem: GroupingProblem,
    state: _Groups,
    mask: np.ndarray,
    gains: np.ndarray,
    unit: list[int],
    wanted: int,
) -> list[int]:
    """Up to ``wanted`` slots allowed by ``mask`` where ``unit`` fits, best pair gain first."""
    open_slots = np.flatnonzero(mask)
    order = open_slots[np.argsort(-gains[open_slots], kind="stable")]
    found: list[int] = []
    for slot in order.tolist():
        if _fits(problem, state, slot, unit):
            found.append(slot)
            if len(found) == wanted:
                break
    return found


def _pairs_pay(problem: GroupingProblem) -> bool:
    """Whether pairs are worth having on average (then bigger groups score more) and no group
    rule could prefer other sizes."""
    if problem.n < 2 or any(r.level != Level.OFF for r in problem.group_rules):
        return False
    total = 0
    for term in problem.pair_terms:
        if sparse.issparse(term.scores):
            total += term.weight * int(term.scores.sum())
        else:
            for start in range(0, problem.n, 1024):
                total += term.weight * int(term.scores[start : start + 1024].sum(dtype=np.int64))
    return total > 0


def _most_pairs_sizes(lows: list[int], highs: list[int], people: int) -> list[int]:
    """Group sizes within bounds, summing to ``people`` (or as near as the bounds allow), with
    the most pairs in total: with positive weights this is what decides most of the score
    (measured on MDGP ds: one size vector 1% fewer pairs than this one cost 1.6% of the value).

    Exact by dynamic programming over groups when small; otherwise each extra person goes to
    the largest group with room (a pair-count maximiser is convex, so extremes win).
    """
    total = min(max(people, sum(lows)), sum(highs))
    if len(lows) * total * max(h - lo for lo, h in zip(lows, highs, strict=True)) <= 2_000_000:
        return _most_pairs_dp(lows, highs, total)
    sizes = list(lows)
    for _ in range(total - sum(lows)):
        open_groups = [g for g in range(len(sizes)) if sizes[g] < highs[g]]
        sizes[max(open_groups, key=lambda g: (sizes[g], -g))] += 1
    return sizes


def _most_pairs_dp(lows: list[int], highs: list[int], total: int) -> list[int]:
    best = {0: (0, ())}  # people so far -> (pairs, sizes)
    for lo, hi in zip(lows, highs, strict=True):
        grown: dict[int, tuple[int, tuple[int, ...]]] = {}
        for used, (pairs, sizes) in best.items():
            for k in range(lo, hi + 1):
                if used + k > total:
                    break
                candidate = (pairs + k * (k - 1) // 2, (*sizes, k))
                if used + k not in grown or candidate[0] > grown[used + k][0]:
                    grown[used + k] = candidate
        best = grown
    return list(best[total][1])


def _units(problem: GroupingProblem, rng: np.random.Generator) -> list[list[int]]:
    """People to insert, as units (together sets stay whole), most constrained first."""
    unit_of: dict[int, list[int]] = {}
    for people in problem.together:
        unit = sorted(people)
        for i in unit:
            unit_of[i] = unit
    units = [unit_of.get(i, [i]) for i in range(problem.n)]
    unique = list({id(u): u for u in units}.values())
    difficulty = np.zeros(problem.n)
    for rule in problem.active_rules():
        if rule.level != Level.HARD:
            continue
        if isinstance(rule, CommonOption):
            for i, allowed in enumerate(rule.allowed):
                if allowed:
                    difficulty[i] += 1 + len(rule.option_labels) - len(allowed)
        elif isinstance(rule, AtLeastCount):
            difficulty[list(rule.members)] += 2
        elif not isinstance(rule, MaxSpread):
            for i, j in rule.pairs:
                difficulty[[i, j]] += 1
    tiebreak = rng.permutation(problem.n)
    return sorted(
        unique,
        key=lambda u: (
            not any(i in problem.pins for i in u),
            -len(u),
            -difficulty[u].sum(),
            tiebreak[u[0]],
        ),
    )


def _fits(problem: GroupingProblem, state: _Groups, slot: int, unit: Sequence[int]) -> bool:
    """Whether ``unit`` can join ``slot`` without breaking a hard rule or the size limit."""
    members = state.members[slot]
    if len(members) + len(unit) > state.highs[slot]:
        return False
    joined = [*members, *unit]
    state.work.units += len(joined) * state.rule_width
    for i in unit:
        if problem.pins.get(i, slot) != slot:
            return False
    for rule in problem.active_rules():
        if rule.level != Level.HARD or isinstance(rule, AtLeastCount):
            continue
        if isinstance(rule, CommonOption | MaxSpread):
            if group_rule_score(problem, rule, joined)[1]:
                return False
        elif any((i, j) in rule.pairs or (j, i) in rule.pairs for i in unit for j in joined):
            return False
    return True


def rule_width(problem: GroupingProblem) -> int:
    """Units of one check of one member against every group rule (options count each)."""
    width = len(problem.forbidden) + 1
    for rule in problem.group_rules:
        if rule.level != Level.OFF:
            width += len(rule.option_labels) if isinstance(rule, CommonOption) else 1
    return width


def _best_slot(
    problem: GroupingProblem,
    state: _Groups,
    candidates: list[int],
    gains: np.ndarray,
    unit: Sequence[int],
) -> int:
    """The candidate with the best pair gain plus soft-rule change (rules on the best few)."""
    soft = [r for r in problem.group_rules if r.level == Level.SOFT]
    hard_count = [
        r for r in problem.group_rules if isinstance(r, AtLeastCount) and r.level == Level.HARD
    ]
    if not soft and not hard_count:
        return candidates[int(np.argmax(gains))]
    order = np.argsort(-gains, kind="stable")[:_RULE_CANDIDATES]
    best, best_value = candidates[int(order[0])], -math.inf
    for k in order.tolist():
        slot = candidates[k]
        members = state.members[slot]
        value = float(gains[k])
        for rule in soft:
            value += group_rule_score(problem, rule, [*members, *unit])[0]
            value -= group_rule_score(problem, rule, members)[0]
        for rule in hard_count:  # steer members of a required set to groups still short of them
            have = sum(1 for i in members if i in rule.members)
            adds = sum(1 for i in unit if i in rule.members)
            value += 1e9 * min(adds, max(0, rule.min_count - have))
        if value > best_value:
            best, best_value = slot, value
    return best


def _repair_sizes(problem: GroupingProblem, state: _Groups, assign: np.ndarray) -> None:
    """Dissolve groups below their minimum (size range) or top them up from larger groups."""
    for slot, members in enumerate(state.members):
        if len(members) >= state.lows[slot] or not members:
            continue
        if isinstance(problem.sizes, GroupBounds) or slot in problem.pins.values():
            for donor, donor_members in enumerate(state.members):
                for i in list(donor_members):
                    if len(members) >= state.lows[slot] or len(donor_members) <= state.lows[donor]:
                        break
                    if i in problem.pins or any(i in t for t in problem.together):
                        continue
                    if _fits(problem, state, slot, [i]):
                        donor_members.remove(i)
                        members.append(i)
                        assign[i] = slot
            continue
        for i in list(members):
            members.remove(i)
            assign[i] = -1
            for other, other_members in enumerate(state.members):
                full_enough = other != slot and len(other_members) >= state.lows[other]
                if full_enough and _fits(problem, state, other, [i]):
                    other_members.append(i)
                    assign[i] = other
                    break


class TabuSearch:
    """Iterated tabu search with swap and move neighbourhoods (MDGP style) on the full objective.

    Keeps ``affinity[s, i]`` (sum of pair weights of ``i`` to the members of slot ``s``) so a
    move or swap is evaluated in O(1) and a whole neighbourhood in one numpy expression; group
    rules are kept per slot by :class:`GroupRules` in the same way. Only people who are placed,
    not pinned and not in a together set move; hard forbidden pairs are never put together, no
    move breaks a hard group rule more, and moves keep every size within bounds. The work
    counter (evaluated candidate moves) makes the step budget deterministic.
    """

    def __init__(
        self,
        problem: GroupingProblem,
        pairs: PairMatrix,
        assign: np.ndarray,
        bounds: Sequence[tuple[int, int]],
        rng: np.random.Generator,
    ) -> None:
        self.problem = problem
        self.pairs = pairs
        self.rng = rng
        self.assign = assign.copy()
        slots = int(max(assign.max(initial=-1) + 1, len(bounds)))
        minimum = 0 if isinstance(problem.sizes, GroupBounds) else problem.sizes.min_size
        self.lo = np.array([max(lo, minimum) for lo, _ in bounds[:slots]], dtype=np.int64)
        self.hi = np.array([hi for _, hi in bounds[:slots]], dtype=np.int64)
        self.size = np.bincount(assign[assign >= 0], minlength=slots).astype(np.int64)
        frozen = set(problem.pins) | {i for t in problem.together for i in t}
        self.movable = np.array(
            [i for i in range(problem.n) if assign[i] >= 0 and i not in frozen], dtype=np.int64
        )
        self.current = np.full(problem.n, -1, dtype=np.int64)
        for i, g in problem.current.items():
            self.current[i] = g
        self.move_penalty = problem.move_penalty
        self.affinity = np.zeros((slots, problem.n), dtype=np.int64)
        self._rebuild_affinity()
        placed = np.flatnonzero(assign >= 0)
        self.forbidden = _hard_forbidden_matrix(problem)
        self.conflicts = None
        if self.forbidden is not None:
            self.conflicts = np.zeros((slots, problem.n), dtype=np.int32)
            for i in placed.tolist():
                row = self.forbidden[[i]].toarray()[0]
                self.conflicts[assign[i]] += row
        self.rules = GroupRules(problem, self.assign, slots)
        self.tabu_until = np.zeros(problem.n, dtype=np.int64)
        m = len(self.movable)
        # group rules make a step dearer and plateaus rarer: perturb sooner
        stall_per_person = _STALL_WITH_RULES if self.rules else _STALL_PER_PERSON
        self.stall_limit = max(_STALL_MIN, stall_per_person * m)
        if m <= _FULL_BATCH_MAX:  # measured 1.5e8/s at m=120, 6.1e7/s at 240, 4.4e7/s at 400
            self._element_cost = max(1.0, (m / 120) ** 1.3)
        else:
            self._element_cost = max(1.0, _BATCH_COST * math.sqrt(problem.n / 2000))
        self.step_count = 0
        self.work = 0
        self.value = 0  # objective change relative to the start
        self.best_value = 0
        self.best_assign = self.assign.copy()
        self.since_best = 0  # steps without a new best, counted across runs

    def run(
        self,
        deadline: Deadline,
        work_budget: float,
        stall_limit: int = 0,
        max_stalls: int | None = None,
    ) -> np.ndarray:
        """Search until the deadline or budget; return the best assignment found.

        Runs continue where the last one stopped, so a search split into rounds perturbs after
        the same number of stalled steps as one long run. ``max_stalls`` ends the run after that
        many perturbations: a budget in steps that grows with the problem, where a budget in
        work alone lets a tiny problem perturb for seconds."""
        m = len(self.movable)
        if m < 2:
            return self.best_assign
        stall_limit = stall_limit or self.stall_limit
        stalls = 0
        while self.work < work_budget and not deadline.passed():
            if max_stalls is not None and stalls >= max_stalls:
                break
            if not self.step():
                self.since_best = stall_limit
            elif self.value > self.best_value:
                self.best_value = self.value
                self.best_assign = self.assign.copy()
                self.since_best = 0
            else:
                self.since_best += 1
            if self.since_best >= stall_limit:
                self.perturb()
                self.since_best = 0
                stalls += 1
        return self.best_assign

    def step(self) -> bool:
        """Apply the best admissible swap or move; False when none exists."""
        self.step_count += 1
        m = len(self.movable)
        batch = (
            self.movable
            if m <= _FULL_BATCH_MAX
            else self.rng.choice(self.movable, _BATCH, replace=False)
        )
        g_all = self.assign[self.movable]
        g_b = self.assign[batch]
        own_b = self.affinity[g_b, batch]
        own_all = self.affinity[g_all, self.movable]
        rows = self.pairs.rows(batch)
        w = rows[:, self.movable]
        gain = (
            self.affinity[:, batch][g_all].T
            - own_b[:, None]
            + self.affinity[g_b][:, self.movable]
            - own_all[None, :]
            - 2 * w
        )
        if self.move_penalty:
            cur_b, cur_all = self.current[batch], self.current[self.movable]
            gain += self.move_penalty * (
                (cur_b[:, None] == g_all[None, :]).astype(np.int64)
                - (cur_b == g_b)[:, None]
                + (cur_all[None, :] == g_b[:, None])
                - (cur_all == g_all)[None, :]
            )
        invalid = g_b[:, None] == g_all[None, :]
        if self.conflicts is not None:
            pair_forbidden = self.forbidden[batch][:, self.movable].toarray()
            invalid |= self.conflicts[:, batch][g_all].T - pair_forbidden > 0
            invalid |= self.conflicts[g_b][:, self.movable] - pair_forbidden > 0
        if self.rules:
            rule_gain = self.rules.swap_gain(batch, g_b, self.movable, g_all, invalid)
            invalid |= rule_gain <= -INFEASIBLE_COST // 2
            gain += rule_gain
            self.work += self.rules.swap_work(gain.size, int((~invalid).sum()))
        tabu = (self.tabu_until[batch][:, None] > self.step_count) | (
            self.tabu_until[self.movable][None, :] > self.step_count
        )
        aspiration = self.value + gain > self.best_value
        gain = np.where(invalid | (tabu & ~aspiration), np.iinfo(np.int64).min, gain)
        self.work += gain.size * self._element_cost + _STEP_OVERHEAD
        flat = int(np.argmax(gain))
        best_swap = int(gain.flat[flat])
        move = self._best_move(batch, g_b, own_b)
        if best_swap == np.iinfo(np.int64).min and move is None:
            return False
        if move is not None and (move[2] >= best_swap):
            i, target, delta = move
            self._relocate(i, target)
            self.value += delta
            self.tabu_until[i] = self.step_count + self._tenure()
            return True
        b, j = divmod(flat, m)
        i, k = int(batch[b]), int(self.movable[j])
        gi, gk = int(self.assign[i]), int(self.assign[k])
        self._relocate(i, gk)
        self._relocate(k, gi)
        self.value += best_swap
        self.tabu_until[[i, k]] = self.step_count + self._tenure()
        return True

    def _best_move(
        self, batch: np.ndarray, g_b: np.ndarray, own_b: np.ndarray
    ) -> tuple[int, int, int] | None:
        """Best admissible single move (changes two sizes) among the batch, if any."""
        can_leave = self.size[g_b] > self.lo[g_b]
        can_enter = (self.size < self.hi) & (self.size > 0)
        if not can_leave.any() or not can_enter.any():
            return None
        gain = self.affinity[:, batch].T - own_b[:, None]
        if self.move_penalty:
            cur = self.current[batch]
            gain += self.move_penalty * (
                (cur[:, None] == np.arange(len(self.size))[None, :]).astype(np.int64)
                - (cur == g_b)[:, None]
            )
        invalid = ~can_leave[:, None] | ~can_enter[None, :]
        invalid |= g_b[:, None] == np.arange(len(self.size))[None, :]
        if self.conflicts is not None:
            invalid |= self.conflicts[:, batch].T > 0
        if self.rules:
            rule_gain = self.rules.move_gain(batch, g_b)
            invalid |= rule_gain <= -INFEASIBLE_COST // 2
            gain += rule_gain
            self.work += self.rules.move_work(gain.size)
        tabu = (self.tabu_until[batch] > self.step_count)[:, None]
        gain = np.where(
            invalid | (tabu & ~(self.value + gain > self.best_value)), np.iinfo(np.int64).min, gain
        )
        self.work += gain.size
        flat = int(np.argmax(gain))
        best = int(gain.flat[flat])
        if best == np.iinfo(np.int64).min:
            return None
        b, target = divmod(flat, len(self.size))
        return int(batch[b]), int(target), best

    def _relocate(self, i: int, target: int) -> None:
        source = int(self.assign[i])
        row = self.pairs.rows(np.array([i]))[0]
        self.affinity[source] -= row
        self.affinity[target] += row
        if self.conflicts is not None:
            forbidden_row = self.forbidden[[i]].toarray()[0].astype(np.int32)
            self.conflicts[source] -= forbidden_row
            self.conflicts[target] += forbidden_row
        self.size[source] -= 1
        self.size[target] += 1
        self.assign[i] = target
        if self.rules:
            self.rules.relocate(i, source, target)

    def _tenure(self) -> int:
        return int(self.rng.integers(3, 3 + max(4, len(self.movable) // 10)))

    def perturb(self) -> None:
        """Restart from the best assignment with a few random feasible swaps (iterated search)."""
        self.assign[:] = self.best_assign
        self.value = self.best_value
        self._rebuild()
        strength = max(2, len(self.movable) // 20)
        for _ in range(strength):
            i, k = self.rng.choice(self.movable, 2, replace=False)
            gi, gk = int(self.assign[i]), int(self.assign[k])
            if gi == gk or not self._swap_allowed(int(i), int(k)):
                continue
            delta = self._swap_gain(int(i), int(k))
            if delta <= -INFEASIBLE_COST // 2:
                continue
            self._relocate(int(i), gk)
            self._relocate(int(k), gi)
            self.value += delta
        for i in self.rng.choice(self.movable, max(1, strength // 2), replace=False).tolist():
            source = int(self.assign[i])
            open_slots = np.flatnonzero((self.size < self.hi) & (self.size > 0))
            if self.size[source] <= self.lo[source] or len(open_slots) == 0:
                continue
            target = int(self.rng.choice(open_slots))
            if target == source or (self.conflicts is not None and self.conflicts[target, i]):
                continue
            delta = self._move_gain(i, target)
            if delta <= -INFEASIBLE_COST // 2:
                continue
            self.value += delta
            self._relocate(i, target)
        self.tabu_until[:] = 0

    def restart_from(self, assign: np.ndarray, gain: int) -> None:
        """Continue from ``assign``, found elsewhere and worth ``gain`` more than the best."""
        self.assign[:] = assign
        self._rebuild()
        self.best_value += gain
        self.value = self.best_value
        self.best_assign = self.assign.copy()

    def _move_gain(self, i: int, target: int) -> int:
        source = int(self.assign[i])
        gain = int(self.affinity[target, i] - self.affinity[source, i])
        if self.move_penalty:
            cur = self.current[i]
            gain += self.move_penalty * (int(cur == target) - int(cur == source))
        if self.rules:
            people = np.array([i])
            gain += int(self.rules.move_gain(people, self.assign[people])[0, target])
        return gain

    def _swap_allowed(self, i: int, k: int) -> bool:
        if self.conflicts is None:
            return True
        together = int(self.forbidden[[i]][:, [k]].toarray()[0, 0])
        gi, gk = self.assign[i], self.assign[k]
        return self.conflicts[gk, i] - together == 0 and self.conflicts[gi, k] - together == 0

    def _swap_gain(self, i: int, k: int) -> int:
        gi, gk = int(self.assign[i]), int(self.assign[k])
        w = int(self.pairs.rows(np.array([i]))[0, k])
        gain = (
            self.affinity[gk, i]
            - self.affinity[gi, i]
            + self.affinity[gi, k]
            - self.affinity[gk, k]
            - 2 * w
        )
        if self.move_penalty:
            cur_i, cur_k = self.current[i], self.current[k]
            gain += self.move_penalty * (
                int(cur_i == gk) - int(cur_i == gi) + int(cur_k == gi) - int(cur_k == gk)
            )
        if self.rules:
            a, b = np.array([i]), np.array([k])
            invalid = np.zeros((1, 1), dtype=bool)
            gain += self.rules.swap_gain(a, self.assign[a], b, self.assign[b], invalid)[0, 0]
            if invalid[0, 0]:
                return -INFEASIBLE_COST
        return int(gain)

    def _rebuild_affinity(self) -> None:
        """``affinity = onehot(assign) @ W``, a block of rows of W at a time."""
        self.affinity[:] = 0
        placed = np.flatnonzero(self.assign >= 0)
        for start in range(0, len(placed), _ROWS_PER_BLOCK):
            chunk = placed[start : start + _ROWS_PER_BLOCK]
            onehot = sparse.csr_array(
                (np.ones(len(chunk), dtype=np.int64), (self.assign[chunk], np.arange(len(chunk)))),
                shape=(len(self.affinity), len(chunk)),
            )
            self.affinity += onehot @ self.pairs.rows(chunk)

    def _rebuild(self) -> None:
        self._rebuild_affinity()
        self.rules.rebuild(self.assign)
        placed = np.flatnonzero(self.assign >= 0)
        self.size = np.bincount(self.assign[placed], minlength=len(self.size)).astype(np.int64)
        if self.conflicts is not None:
            self.conflicts[:] = 0
            for i in placed.tolist():
                self.conflicts[self.assign[i]] += self.forbidden[[i]].toarray()[0].astype(np.int32)


def _hard_forbidden_matrix(problem: GroupingProblem) -> sparse.csr_array | None:
    """Symmetric 0/1 sparse matrix of hard forbidden pairs, or None when there are none."""
    pairs = {
        (i, j) for rule in problem.forbidden if rule.level == Level.HARD for i, j in rule.pairs
    }
    if not pairs:
        return None
    i, j = (np.array(v, dtype=np.int64) for v in zip(*pairs, strict=True))
    data = np.ones(2 * len(i), dtype=np.int32)
    matrix = sparse.csr_array(
        (data, (np.concatenate([i, j]), np.concatenate([j, i]))), shape=(problem.n, problem.n)
    )
    matrix.data[:] = 1
    return matrix


class GroupRules:
    """The group rules' share of the search value per slot, so that what a move or a swap
    changes is one numpy expression over all candidates (the tabu search's full objective).

    In a group every rule costs: a common option its cheapest option's ``M * members who cannot
    make it + their summed cost``; a spread ``M`` per unit of excess; an at-least rule ``M`` per
    missing member (non-empty groups). ``M`` is the soft weight, or ``INFEASIBLE_COST`` for a hard
    rule, which picks the same option as the scorer and makes the value the search value of
    :func:`optimiser.lns.state_value`. Candidates that would break a hard rule more get a gain
    of about ``-INFEASIBLE_COST`` (or are marked invalid) and the caller skips them.
    """

    def __init__(self, problem: GroupingProblem, assign: np.ndarray, slots: int) -> None:
        self.slots = slots
        self.options: list[_OptionRule] = []
        self.spreads: list[_SpreadRule] = []
        self.counts: list[_CountRule] = []
        for rule in problem.group_rules:
            if rule.level == Level.OFF:
                continue
            weight = INFEASIBLE_COST if rule.level == Level.HARD else rule.weight
            if isinstance(rule, CommonOption):
                self.options.append(_OptionRule(problem.n, rule, weight))
            elif isinstance(rule, MaxSpread):
                self.spreads.append(_SpreadRule(rule, weight))
            else:
                self.counts.append(_CountRule(problem.n, rule, weight))
        self.rebuild(assign)

    def __bool__(self) -> bool:
        return bool(self.options or self.spreads or self.counts)

    def swap_work(self, candidates: int, feasible: int) -> float:
        """Counted work of :meth:`swap_gain` (calibrated like the tabu search's own count)."""
        per_rule = _RULE_CALL_WORK * (len(self.options) + len(self.spreads) + len(self.counts))
        per_candidate = _SPREAD_WORK * len(self.spreads) + _COUNT_WORK * len(self.counts)
        per_option = sum(rule.cost.shape[1] for rule in self.options) * _OPTION_WORK
        return per_rule + candidates * per_candidate + feasible * per_option

    def move_work(self, candidates: int) -> float:
        """Counted work of :meth:`move_gain`."""
        options = sum(rule.cost.shape[1] for rule in self.options)
        return candidates * (options * _OPTION_WORK + len(self.spreads) + len(self.counts))

    def rebuild(self, assign: np.ndarray) -> None:
        placed = np.flatnonzero(assign >= 0)
        slot = assign[placed]
        self.size = np.bincount(slot, minlength=self.slots).astype(np.int64)
        for rule in (*self.options, *self.spreads, *self.counts):
            rule.rebuild(placed, slot, self.slots)

    def relocate(self, i: int, source: int, target: int) -> None:
        """Person ``i`` moves from slot ``source`` to ``target``."""
        self.size[source] -= 1
        self.size[target] += 1
        for rule in (*self.options, *self.spreads, *self.counts):
            rule.relocate(i, source, target)

    def value(self) -> int:
        """The rules' summed value over all slots (minus their costs)."""
        total = sum(int(rule.values(self.size).sum()) for rule in (*self.options, *self.counts))
        return total + sum(int(rule.values().sum()) for rule in self.spreads)

    def move_gain(self, people: np.ndarray, source: np.ndarray) -> np.ndarray:
        """``(len(people), slots)``: the gain when ``people[b]`` leaves ``source[b]`` and joins
        slot ``s`` (meaningless for its own slot)."""
        gain = np.zeros((len(people), self.slots), dtype=np.int64)
        for rule in (*self.options, *self.spreads, *self.counts):
            gain += rule.move_gain(people, source, self.size)
        return gain

    def swap_gain(
        self,
        batch: np.ndarray,
        g_b: np.ndarray,
        others: np.ndarray,
        g_o: np.ndarray,
        invalid: np.ndarray,
    ) -> np.ndarray:
        """Gain of swapping ``batch[b]`` (in ``g_b[b]``) with ``others[j]`` (in ``g_o[j]``),
        ``(len(batch), len(others))``. Options are evaluated only for candidates not marked in
        ``invalid``; hard options that no member would be left able to make mark more (in
        place), found cheaply as bit sets."""
        gain = np.zeros(invalid.shape, dtype=np.int64)
        for rule in self.spreads:
            gain += rule.swap_gain(batch, g_b, others, g_o)
        for rule in self.counts:
            gain += rule.swap_gain(batch, g_b, others, g_o, self.size)
        for rule in self.options:
            rule.mark_impossible(batch, g_b, others, g_o, invalid)
        rows, cols = np.nonzero(~invalid)
        for rule in self.options:
            gain[rows, cols] += rule.swap_gain(batch, g_b, others, g_o, rows, cols)
        return gain


class _OptionRule:
    """A common option: per person what each option costs them, per slot the members' sum."""

    def __init__(self, n: int, rule: CommonOption, weight: int) -> None:
        refuses = np.zeros((n, len(rule.option_labels)), dtype=np.int64)
        for i, allowed in enumerate(rule.allowed):
            if allowed:
                refuses[i] = 1
                refuses[i, sorted(allowed)] = 0
        self.cost = weight * refuses
        if rule.cost is not None:
            self.cost += np.asarray(rule.cost, dtype=np.int64)
        fits_bits = rule.level == Level.HARD and len(rule.option_labels) <= 64
        self.bits = _bits(refuses == 0) if fits_bits else None  # options a person can make

    def rebuild(self, placed: np.ndarray, slot: np.ndarray, slots: int) -> None:
        self.total = np.zeros((slots, self.cost.shape[1]), dtype=np.int64)
        np.add.at(self.total, slot, self.cost[placed])

    def relocate(self, i: int, source: int, target: int) -> None:
        self.total[source] -= self.cost[i]
        self.total[target] += self.cost[i]

    def values(self, size: np.ndarray) -> np.ndarray:
        return np.where(size > 0, -self.total.min(axis=1), 0)

    def move_gain(self, people: np.ndarray, source: np.ndarray, size: np.ndarray) -> np.ndarray:
        before = self.total.min(axis=1)
        left = (self.total[source] - self.cost[people]).min(axis=1)
        left = np.where(size[source] > 1, left, 0)
        joined = (self.total[None, :, :] + self.cost[people][:, None, :]).min(axis=2)
        return (before[source] - left)[:, None] + before[None, :] - joined

    def mark_impossible(
        self,
        batch: np.ndarray,
        g_b: np.ndarray,
        others: np.ndarray,
        g_o: np.ndarray,
        invalid: np.ndarray,
    ) -> None:
        """Swaps after which a group has no option every member can make (hard rules)."""
        if self.bits is None:
            return
        open_b = _bits(self.total[g_b] - self.cost[batch] < INFEASIBLE_COST)  # rest of g_b can
        open_o = _bits(self.total[g_o] - self.cost[others] < INFEASIBLE_COST)
        invalid |= (open_b[:, None] & self.bits[others][None, :]) == 0
        invalid |= (open_o[None, :] & self.bits[batch][:, None]) == 0

    def swap_gain(
        self,
        batch: np.ndarray,
        g_b: np.ndarray,
        others: np.ndarray,
        g_o: np.ndarray,
        rows: np.ndarray,
        cols: np.ndarray,
    ) -> np.ndarray:
        """Gain of the swaps ``batch[rows[c]] <-> others[cols[c]]``, in blocks."""
        before = self.total.min(axis=1)
        rest_b = self.total[g_b] - self.cost[batch]
        rest_o = self.total[g_o] - self.cost[others]
        base = before[g_b][rows] + before[g_o][cols]
        gain = np.empty(len(rows), dtype=np.int64)
        for start in range(0, len(rows), _OPTION_CHUNK):
            b, j = rows[start : start + _OPTION_CHUNK], cols[start : start + _OPTION_CHUNK]
            keep = (rest_b[b] + self.cost[others[j]]).min(axis=1)
            take = (rest_o[j] + self.cost[batch[b]]).min(axis=1)
            gain[start : start + _OPTION_CHUNK] = base[start : start + _OPTION_CHUNK] - keep - take
        return gain


class _SpreadRule:
    """A spread: per slot a histogram of the members' levels, and the value of every
    (highest, lowest) level pair in a table."""

    def __init__(self, rule: MaxSpread, weight: int) -> None:
        levels = np.array(sorted({v for v in rule.values if v is not None}), dtype=np.int64)
        position = {int(v): k for k, v in enumerate(levels)}
        self.width = len(levels)
        self.index = np.array([position.get(v, -1) for v in rule.values], dtype=np.int64)
        self.high_of = self.index  # a person's level as a highest level, -1 without a value
        self.low_of = np.where(self.index >= 0, self.index, self.width)  # as a lowest level
        # table[high + 1, low]: the value of a group spanning those levels (0 when none)
        high = np.arange(-1, self.width)[:, None]
        low = np.arange(self.width + 1)[None, :]
        padded = np.append(levels, 0)
        spread = np.where(high >= low, padded[np.maximum(high, 0)] - padded[low], 0)
        self.table = -weight * np.maximum(0, spread - rule.max_spread)

    def rebuild(self, placed: np.ndarray, slot: np.ndarray, slots: int) -> None:
        self.histogram = np.zeros((slots, max(1, self.width)), dtype=np.int64)
        valued = self.index[placed] >= 0
        np.add.at(self.histogram, (slot[valued], self.index[placed][valued]), 1)

    def relocate(self, i: int, source: int, target: int) -> None:
        if self.index[i] >= 0:
            self.histogram[source, self.index[i]] -= 1
            self.histogram[target, self.index[i]] += 1

    def _extremes(self, histogram: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Highest (-1 when none) and lowest (``width`` when none) level per row."""
        present = histogram > 0
        anyone = present.any(axis=-1)
        high = np.where(anyone, present.shape[-1] - 1 - np.argmax(present[:, ::-1], axis=-1), -1)
        low = np.where(anyone, np.argmax(present, axis=-1), self.width)
        return high, low

    def _without(self, people: np.ndarray, slots: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Extremes of each person's slot once they have left it."""
        reduced = self.histogram[slots]
        valued = np.flatnonzero(self.index[people] >= 0)
        reduced[valued, self.index[people][valued]] -= 1
        return self._extremes(reduced)

    def values(self) -> np.ndarray:
        high, low = self._extremes(self.histogram)
        return self.table[high + 1, low]

    def move_gain(self, people: np.ndarray, source: np.ndarray, size: np.ndarray) -> np.ndarray:
        high, low = self._extremes(self.histogram)
        before = self.table[high + 1, low]
        high_left, low_left = self._without(people, source)
        left = self.table[high_left + 1, low_left] - before[source]
        high_join = np.maximum(high[None, :], self.high_of[people][:, None])
        low_join = np.minimum(low[None, :], self.low_of[people][:, None])
        return left[:, None] + self.table[high_join + 1, low_join] - before[None, :]

    def swap_gain(
        self, batch: np.ndarray, g_b: np.ndarray, others: np.ndarray, g_o: np.ndarray
    ) -> np.ndarray:
        before = self.values()
        high_b, low_b = self._without(batch, g_b)
        high_o, low_o = self._without(others, g_o)
        keep = self.table[
            np.maximum(high_b[:, None], self.high_of[others][None, :]) + 1,
            np.minimum(low_b[:, None], self.low_of[others][None, :]),
        ]
        take = self.table[
            np.maximum(high_o[None, :], self.high_of[batch][:, None]) + 1,
            np.minimum(low_o[None, :], self.low_of[batch][:, None]),
        ]
        return keep + take - before[g_b][:, None] - before[g_o][None, :]


class _CountRule:
    """An at-least rule: per slot how many members belong to the set."""

    def __init__(self, n: int, rule: AtLeastCount, weight: int) -> None:
        self.member = np.zeros(n, dtype=np.int64)
        self.member[sorted(rule.members)] = 1
        self.weight, self.min_count = weight, rule.min_count

    def rebuild(self, placed: np.ndarray, slot: np.ndarray, slots: int) -> None:
        self.count = np.bincount(slot, weights=self.member[placed], minlength=slots)
        self.count = self.count.astype(np.int64)

    def relocate(self, i: int, source: int, target: int) -> None:
        self.count[source] -= self.member[i]
        self.count[target] += self.member[i]

    def _value(self, count: np.ndarray, size: np.ndarray) -> np.ndarray:
        return np.where(size > 0, -self.weight * np.maximum(0, self.min_count - count), 0)

    def values(self, size: np.ndarray) -> np.ndarray:
        return self._value(self.count, size)

    def move_gain(self, people: np.ndarray, source: np.ndarray, size: np.ndarray) -> np.ndarray:
        member = self.member[people]
        before = self._value(self.count, size)
        left = self._value(self.count[source] - member, size[source] - 1) - before[source]
        joined = self._value(self.count[None, :] + member[:, None], size[None, :] + 1)
        return left[:, None] + joined - before[None, :]

    def swap_gain(
        self,
        batch: np.ndarray,
        g_b: np.ndarray,
        others: np.ndarray,
        g_o: np.ndarray,
        size: np.ndarray,
    ) -> np.ndarray:
        before = self._value(self.count, size)
        rest_b = self.count[g_b] - self.member[batch]
        rest_o = self.count[g_o] - self.member[others]
        keep = self._value(rest_b[:, None] + self.member[others][None, :], size[g_b][:, None])
        take = self._value(rest_o[None, :] + self.member[batch][:, None], size[g_o][None, :])
        return keep + take - before[g_b][:, None] - before[g_o][None, :]


_OPTION_CHUNK = 16384  # candidate swaps per block when evaluating common options
# counted work of the group rules, in the tabu search's units (1.5e8 a second): per rule and
# step (numpy calls), per candidate swap of a spread or count rule, per option of a candidate
# (calibrated at n=150: 1.8e8 counted a second, on the safe side of the 1.5e8 of the budget)
_RULE_CALL_WORK = 10000
_SPREAD_WORK = 2
_COUNT_WORK = 1
_OPTION_WORK = 1


def _bits(allowed: np.ndarray) -> np.ndarray:
    """Rows of booleans (at most 64 columns) as one uint64 bit set per row."""
    weights = np.left_shift(np.uint64(1), np.arange(allowed.shape[-1], dtype=np.uint64))
    return (allowed.astype(np.uint64) * weights).sum(axis=-1, dtype=np.uint64)
