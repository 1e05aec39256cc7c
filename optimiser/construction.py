"""Starting line-ups: greedy insertion and grown groups that respect the hard rules.

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

from optimiser.families import broken_by_joining, family_of
from optimiser.families.base import JoinCheck
from optimiser.model import slot_bounds
from optimiser.pairs import PairMatrix
from optimiser.problem import GroupBounds, GroupingProblem, Level, SizeRange
from optimiser.result import NO_DEADLINE, Deadline
from optimiser.scoring import group_rule_score
from optimiser.slots import group_count_target, slot_count

_RULE_CANDIDATES = 16  # groups whose soft rules are evaluated exactly per greedy insertion
# measured 1.5e7 (n=150), 1.25e7 (2000), 1.04e7 (20,000, other core busy): kept below all
CONSTRUCTION_UNITS_PER_S = 9e6
_VECTOR_UNIT = 0.02  # a numpy element, relative to a Python-level check


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
    left only just fill the groups below their minimum, only those groups are open. A unit that
    fits no open group starts a new one while a size range has slots to spare (a cluster that
    hard rules keep to itself, e.g. people of one region at one moment whose groups are full,
    then forms its own group instead of staying out). Groups left below their minimum are
    dissolved (size range) or topped up from larger groups.
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
    required = _quotas(problem)
    have = [np.zeros(open_slots, dtype=np.int64) for _ in required]
    spare_slots = slot_count(problem) if isinstance(problem.sizes, SizeRange) else open_slots
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
        for (members, min_count), count in zip(required, have, strict=True):
            if any(i in members for i in unit):
                short |= count < min_count
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
        if not candidates and not pinned and open_slots < spare_slots:
            open_slots += 1  # fits no open group: it starts one
            state.members.append([])
            state.lows.append(minimum)
            state.highs.append(problem.sizes.max_size)
            deficit += minimum
            sizes, gains = np.append(sizes, 0), np.append(gains, 0)
            low_arr, high_arr = np.append(low_arr, minimum), np.append(high_arr, state.highs[-1])
            affinity = np.vstack([affinity, np.zeros((1, n), dtype=np.int64)])
            have = [np.append(count, 0) for count in have]
            if _fits(problem, state, open_slots - 1, unit):
                candidates = [open_slots - 1]
        remaining -= len(unit)
        if not candidates:
            continue
        slot = _best_slot(problem, state, candidates, gains[candidates], unit)
        deficit -= min(len(unit), max(0, state.lows[slot] - len(state.members[slot])))
        state.members[slot].extend(unit)
        sizes[slot] += len(unit)
        for (members, _), count in zip(required, have, strict=True):
            count[slot] += sum(1 for i in unit if i in members)
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
        or _quotas(problem)
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
    """Who can join a group without breaking a hard rule and what a hard rule's cost (travel)
    changes, for all candidates at once (each hard rule's family gives its
    :meth:`~optimiser.families.base.RuleFamily.join_check`): growing groups checks thousands of
    candidates per group (one by one, the scorer's checks took 20 s of the 28 s construction
    at n=2000)."""

    def __init__(self, problem: GroupingProblem) -> None:
        self.checks: list[JoinCheck] = []
        for rule in problem.active_rules():
            check = (
                family_of(rule).join_check(problem.n, rule) if rule.level == Level.HARD else None
            )
            if check is not None:
                self.checks.append(check)

    def gains(self, members: list[int], candidates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(ok, gain)`` per candidate: joining breaks no hard rule; cost change."""
        ok = np.ones(len(candidates), dtype=bool)
        gain = np.zeros(len(candidates), dtype=np.int64)
        for check in self.checks:
            check.narrow(members, candidates, ok, gain)
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
        extra = family_of(rule).difficulty(rule, problem.n)
        if extra is not None:
            difficulty += extra
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
    return next(broken_by_joining(problem, unit, members), None) is None


def _quotas(problem: GroupingProblem) -> list[tuple[frozenset[int], int]]:
    """The hard rules' quotas: ``(members, count)`` every group needs (see ``quota``)."""
    found = (family_of(r).quota(r) for r in problem.group_rules if r.level == Level.HARD)
    return [quota for quota in found if quota is not None]


def rule_width(problem: GroupingProblem) -> int:
    """Units of one check of one member against every group rule (options count each)."""
    width = len(problem.forbidden) + 1
    for rule in problem.group_rules:
        if rule.level != Level.OFF:
            width += family_of(rule).width(rule)
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
    hard_count = _quotas(problem)
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
        for required, min_count in hard_count:  # steer a required set's members to groups
            have = sum(1 for i in members if i in required)  # still short of them
            adds = sum(1 for i in unit if i in required)
            value += 1e9 * min(adds, max(0, min_count - have))
        if value > best_value:
            best, best_value = slot, value
    return best


def _repair_sizes(problem: GroupingProblem, state: _Groups, assign: np.ndarray) -> None:
    """Top up groups below their minimum from groups above theirs; a group of a size range
    that cannot be topped up is dissolved instead (the top-up undone), its members joining
    groups that have their minimum."""
    for slot, members in enumerate(state.members):
        if len(members) >= state.lows[slot] or not members:
            continue
        moved = _top_up(problem, state, assign, slot)
        if isinstance(problem.sizes, GroupBounds) or slot in problem.pins.values():
            continue
        if len(members) >= state.lows[slot]:
            continue
        for i, donor, position in reversed(moved):
            members.remove(i)
            state.members[donor].insert(position, i)
            assign[i] = donor
        for i in list(members):
            members.remove(i)
            assign[i] = -1
            for other, other_members in enumerate(state.members):
                full_enough = other != slot and len(other_members) >= state.lows[other]
                if full_enough and _fits(problem, state, other, [i]):
                    other_members.append(i)
                    assign[i] = other
                    break


def _top_up(
    problem: GroupingProblem, state: _Groups, assign: np.ndarray, slot: int
) -> list[tuple[int, int, int]]:
    """Move people who fit from groups above their minimum into ``slot`` until it has its
    minimum; returns the moves ``(person, donor, position in the donor)``."""
    members = state.members[slot]
    moved = []
    for donor, donor_members in enumerate(state.members):
        for i in list(donor_members):
            if len(members) >= state.lows[slot] or len(donor_members) <= state.lows[donor]:
                break
            if i in problem.pins or any(i in t for t in problem.together):
                continue
            if _fits(problem, state, slot, [i]):
                moved.append((i, donor, donor_members.index(i)))
                donor_members.remove(i)
                members.append(i)
                assign[i] = slot
    return moved
