"""Family ``CommonOption``: each group chooses one option (a meeting moment, a venue).

The option is chosen with everything in view: who cannot make it, the members' summed cost of
it (``cost``, e.g. road km: the rule ``travel``) and, once per group, the largest member cost
(``max_cost``, e.g. the farthest member's km: ``travel_balance``), so the place that minimises
the total is not chosen when one member would carry the journey.

A group of an earlier line-up keeps its option (``kept``): choosing another costs
``change_cost`` once, so a repair changes a group's moment or place only when a rule forces it
(issue 12 point 7). A slot in ``exempt`` needs no common option at all (a group that meets
online needs no place).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from optimiser.families.base import INFEASIBLE_COST, Level, Outcome, RuleFamily

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from optimiser.model import GroupingModel
    from optimiser.problem import GroupingProblem

_CHEAPEST_KEPT = 2  # options kept per unrestricted person when pruning (see kept_options)
_OPTION_CHUNK = 16384  # candidate swaps per block when evaluating common options
_OPTION_WORK = 1  # counted work per option of a candidate (tabu search units)


@dataclass(frozen=True)
class CommonOption:
    """Each group chooses one option (a meeting moment, a venue) that suits its members.

    ``allowed[i]`` is the set of option indices person ``i`` can make; an empty set means any.
    Hard: every member allows the group's option. Soft: ``weight`` per member who does not.
    ``cost[i][o]``, if given, is added (as a cost, integer) for member ``i`` when the group
    chooses ``o``, e.g. the travel distance to venue ``o``; it counts at every level but off.
    ``max_cost[i][o]``, if given, costs once per group: the largest ``max_cost[i][o]`` of its
    members for the chosen ``o`` (a weighted minimax, e.g. the farthest member's km), so the
    option is chosen with the sum and the worst-off member both in view.
    ``kept[s]`` is the option the group in slot ``s`` had (-1: none, slots past the end: none);
    any other option costs it ``change_cost``. Slots in ``exempt`` choose nothing and cost 0.
    """

    key: str
    name: str
    option_labels: tuple[str, ...]
    allowed: tuple[frozenset[int], ...]
    level: Level = Level.HARD
    weight: int = 0
    cost: tuple[tuple[int, ...], ...] | None = None
    max_cost: tuple[tuple[int, ...], ...] | None = None
    kept: tuple[int, ...] = ()
    change_cost: int = 0
    exempt: frozenset[int] = frozenset()

    def kept_at(self, slot: int) -> int:
        """The option the group in ``slot`` keeps, or -1."""
        return self.kept[slot] if 0 <= slot < len(self.kept) else -1


class CommonOptionFamily(RuleFamily):
    """One choice variable per slot and option in the models; per slot and option the members'
    summed cost (and the two largest once-only costs) in the tabu search."""

    rule_type = CommonOption

    def validate(self, rule: CommonOption, n: int) -> Iterator[str]:
        if len(rule.allowed) != n:
            yield f"rule {rule.key!r} needs one allowed set per person"
        for label, rows in (("cost", rule.cost), ("max_cost", rule.max_cost)):
            if rows is not None and len(rows) != n:
                yield f"rule {rule.key!r} needs one {label} row per person"
            elif rows is not None and any(min(row, default=0) < 0 for row in rows):
                yield f"rule {rule.key!r}: {label} must not be negative"
        if any(not -1 <= o < len(rule.option_labels) for o in rule.kept):
            yield f"rule {rule.key!r}: a kept option is out of range"
        if rule.change_cost < 0:
            yield f"rule {rule.key!r}: change_cost must not be negative"

    def add_to_model(self, gm: GroupingModel, rule: CommonOption) -> None:
        """Each slot picks one option; members who cannot make it are forbidden (hard) or cost."""
        enforce = gm.enforce(rule.key) if rule.level == Level.HARD else []
        every = set(range(len(rule.option_labels)))
        pruned = kept_options(rule, gm.people) | {rule.kept_at(s) for s in gm.slots} - {-1}
        options = sorted(pruned if gm.prune_options else every)
        for s in gm.slots:
            if s in rule.exempt:
                continue
            choice = {o: gm.model.NewBoolVar(f"option[{rule.key},{s},{o}]") for o in options}
            gm.model.AddExactlyOne(choice.values())
            kept = rule.kept_at(s)
            if kept >= 0 and rule.change_cost:
                changed = gm.model.NewBoolVar(f"changed[{rule.key},{s}]")
                gm.model.Add(changed + choice[kept] == 1)
                gm.objective.append((-rule.change_cost, changed))
            for i in gm.people:
                if (i, s) not in gm.x:
                    continue
                member = gm.x[i, s]
                refused = [
                    choice[o] for o in options if rule.allowed[i] and o not in rule.allowed[i]
                ]
                if refused and rule.level == Level.HARD:
                    for literal in refused:
                        gm.model.AddBoolOr([member.Not(), literal.Not()]).OnlyEnforceIf(enforce)
                elif refused:
                    miss = gm.model.NewBoolVar(f"miss[{rule.key},{i},{s}]")
                    gm.model.Add(miss >= sum(refused)).OnlyEnforceIf(member)
                    gm.objective.append((-rule.weight, miss))
                if rule.cost is not None and any(rule.cost[i]):
                    cost_row = rule.cost[i]
                    cost = gm.model.NewIntVar(0, max(cost_row), f"cost[{rule.key},{i},{s}]")
                    gm.model.Add(
                        cost >= sum(cost_row[o] * choice[o] for o in options)
                    ).OnlyEnforceIf(member)
                    gm.objective.append((-1, cost))
            if rule.max_cost is not None:
                _add_max_cost(gm, rule, s, choice)

    def score(
        self, problem: GroupingProblem, rule: CommonOption, members: Sequence[int]
    ) -> Outcome:
        """The group's best option (see :func:`best_option`): soft ``-weight`` per member who
        cannot make it, minus the option's cost at every level."""
        return self.score_in(problem, rule, members, -1)

    def score_in(
        self, problem: GroupingProblem, rule: CommonOption, members: Sequence[int], slot: int
    ) -> Outcome:
        """:meth:`score` with the slot's kept option (another costs ``change_cost``); an
        exempt slot chooses nothing."""
        if not members or slot in rule.exempt:
            return 0, 0, "", None
        option, misses, cost = best_option(rule, members, rule.kept_at(slot))
        cannot = [
            problem.label(i) for i in members if rule.allowed[i] and option not in rule.allowed[i]
        ]
        detail = f"{rule.option_labels[option]}" + (
            f"; cannot: {', '.join(cannot)}" if cannot else ""
        )
        soft_weight = rule.weight if rule.level == Level.SOFT else 0
        return -soft_weight * misses - cost, misses, detail, option

    def penalty_bound(self, rule: CommonOption, n: int, cap: int) -> int:
        if rule.level == Level.OFF:
            return 0
        bound = rule.weight * cap if rule.level == Level.SOFT else 0
        if rule.cost is not None:
            bound += cap * max((max(row, default=0) for row in rule.cost), default=0)
        if rule.max_cost is not None:
            bound += max((max(row, default=0) for row in rule.max_cost), default=0)
        return bound + rule.change_cost

    def delta(self, n: int, rule: CommonOption, weight: int) -> _OptionDelta:
        return _OptionDelta(n, rule, weight)

    def blocks(
        self,
        problem: GroupingProblem,
        rule: CommonOption,
        unit: Sequence[int],
        members: Sequence[int],
    ) -> bool:
        after = self.score(problem, rule, [*members, *unit])[1]
        return after > 0 and after > self.score(problem, rule, members)[1]

    def join_check(self, n: int, rule: CommonOption) -> _OptionCheck | None:
        return _OptionCheck(n, rule) if rule.level == Level.HARD else None

    def difficulty(self, rule: CommonOption, n: int) -> np.ndarray | None:
        """Who can make few options is placed early."""
        if rule.level != Level.HARD:
            return None
        difficulty = np.zeros(n)
        for i, allowed in enumerate(rule.allowed):
            if allowed:
                difficulty[i] += 1 + len(rule.option_labels) - len(allowed)
        return difficulty

    def width(self, rule: CommonOption) -> int:
        return len(rule.option_labels)


def best_option(rule: CommonOption, members: Sequence[int], kept: int = -1) -> tuple[int, int, int]:
    """The option a group picks: ``(option, members who cannot make it, cost)``, the cost being
    the members' summed ``cost`` plus the largest ``max_cost`` among them, plus
    ``change_cost`` for any option but ``kept`` (when the group keeps one).

    Hard rules pick the fewest such members first, then the lowest cost; soft rules the lowest
    ``weight * members + cost``. Ties go to the lowest option index.
    """
    best: tuple[tuple[int, ...], int, int, int] | None = None
    for option in range(len(rule.option_labels)):
        misses = sum(1 for i in members if rule.allowed[i] and option not in rule.allowed[i])
        cost = sum(rule.cost[i][option] for i in members) if rule.cost is not None else 0
        cost += max_member_cost(rule, members, option)
        if kept >= 0 and option != kept:
            cost += rule.change_cost
        key = (misses, cost) if rule.level == Level.HARD else (rule.weight * misses + cost,)
        if best is None or key < best[0]:
            best = (key, option, misses, cost)
    assert best is not None, f"rule {rule.key!r} has no options"
    return best[1], best[2], best[3]


def max_member_cost(rule: CommonOption, members: Sequence[int], option: int) -> int:
    """The group's once-only cost of ``option``: its members' largest ``max_cost`` (0 without)."""
    if rule.max_cost is None:
        return 0
    return max((rule.max_cost[i][option] for i in members), default=0)


def kept_options(rule: CommonOption, people: Sequence[int]) -> set[int]:
    """Options of a sub-problem worth modelling: those someone restricted can make, and the two
    cheapest of each person who can make anything (a hard travel limit of 40 venues leaves a
    sub-problem of 26 people about a dozen)."""
    kept: set[int] = set()
    for i in people:
        if rule.allowed[i]:
            kept |= rule.allowed[i]
        elif rule.cost is not None or rule.max_cost is not None:
            own = np.zeros(len(rule.option_labels), dtype=np.int64)
            for rows in (rule.cost, rule.max_cost):
                own += np.asarray(rows[i] if rows is not None else 0, dtype=np.int64)
            kept |= set(np.argsort(own, kind="stable")[:_CHEAPEST_KEPT].tolist())
        else:
            return set(range(len(rule.option_labels)))
    return kept


def _add_max_cost(
    gm: GroupingModel, rule: CommonOption, s: int, choice: Mapping[int, cp_model.IntVar]
) -> None:
    """The slot's largest member ``max_cost`` at its chosen option, paid once: ``worst`` is at
    least each member's value (minimising makes it the maximum)."""
    rows = {i: rule.max_cost[i] for i in gm.people if (i, s) in gm.x and any(rule.max_cost[i])}
    if not rows:
        return
    worst = gm.model.NewIntVar(0, max(max(row) for row in rows.values()), f"worst[{rule.key},{s}]")
    for i, row in rows.items():
        gm.model.Add(worst >= sum(row[o] * choice[o] for o in choice)).OnlyEnforceIf(gm.x[i, s])
    gm.objective.append((-1, worst))


class _OptionCheck:
    """Who can make which option, and the summed and once-per-group costs, for candidates."""

    def __init__(self, n: int, rule: CommonOption) -> None:
        self.allowed = np.ones((n, len(rule.option_labels)), dtype=bool)
        for i, options in enumerate(rule.allowed):
            if options:
                self.allowed[i] = False
                self.allowed[i, sorted(options)] = True
        self.cost = None if rule.cost is None else np.asarray(rule.cost, dtype=np.int64)
        self.worst = None if rule.max_cost is None else np.asarray(rule.max_cost, np.int64)

    def narrow(
        self, members: list[int], candidates: np.ndarray, ok: np.ndarray, gain: np.ndarray
    ) -> None:
        allowed, cost, worst = self.allowed, self.cost, self.worst
        feasible = allowed[members].all(axis=0)
        fitting = allowed[candidates] & feasible
        ok &= fitting.any(axis=1)
        if (cost is not None or worst is not None) and feasible.any():
            group = np.zeros(allowed.shape[1], dtype=np.int64)
            joined = np.zeros((len(candidates), allowed.shape[1]), dtype=np.int64)
            if cost is not None:
                group += cost[members].sum(axis=0)
                joined += cost[candidates]
            if worst is not None:
                far = worst[members].max(axis=0) if members else 0
                joined += np.maximum(far, worst[candidates]) - far
                group += far
            joined += group
            after = np.where(fitting, joined, np.iinfo(np.int64).max)
            gain -= np.where(ok, after.min(axis=1) - group[feasible].min(), 0)


class _OptionDelta:
    """Per person what each option costs them, per slot the members' sum and, for a
    once-per-group cost (``max_cost``), the two largest member values per option and who holds
    the largest, so a leaver's effect is known without rescanning the group. A slot's own
    cost of each option (``change``: leaving its kept option) is added before the cheapest is
    taken; an exempt slot costs nothing (``active`` 0)."""

    swap_units = 0

    def __init__(self, n: int, rule: CommonOption, weight: int) -> None:
        refuses = np.zeros((n, len(rule.option_labels)), dtype=np.int64)
        for i, allowed in enumerate(rule.allowed):
            if allowed:
                refuses[i] = 1
                refuses[i, sorted(allowed)] = 0
        self.cost = weight * refuses
        if rule.cost is not None:
            self.cost += np.asarray(rule.cost, dtype=np.int64)
        self.worst = None if rule.max_cost is None else np.asarray(rule.max_cost, dtype=np.int64)
        fits_bits = rule.level == Level.HARD and len(rule.option_labels) <= 64
        self.bits = _bits(refuses == 0) if fits_bits else None  # options a person can make
        self.valid_swap_units = self.move_units = self.cost.shape[1] * _OPTION_WORK
        self.kept, self.change_cost, self.exempt = rule.kept, rule.change_cost, rule.exempt
        self.all_bits = _bits(np.ones(self.cost.shape[1], dtype=bool))

    def rebuild(self, placed: np.ndarray, slot: np.ndarray, slots: int) -> None:
        options = self.cost.shape[1]
        self.change = np.zeros((slots, options), dtype=np.int64)
        for s, kept in enumerate(self.kept[:slots]):
            if kept >= 0:
                self.change[s] = self.change_cost
                self.change[s, kept] = 0
        self.active = np.ones(slots, dtype=np.int64)
        self.active[[s for s in self.exempt if s < slots]] = 0
        self.total = np.zeros((slots, self.cost.shape[1]), dtype=np.int64)
        np.add.at(self.total, slot, self.cost[placed])
        if self.worst is None:
            return
        self.slot_of = np.full(self.cost.shape[0], -1, dtype=np.int64)
        self.slot_of[placed] = slot
        self.top = np.zeros((2, slots, self.cost.shape[1]), dtype=np.int64)
        self.holder = np.full((slots, self.cost.shape[1]), -1, dtype=np.int64)
        self._tops(placed, slot)

    def _tops(self, people: np.ndarray, slot: np.ndarray) -> None:
        """Largest and second-largest ``max_cost`` per option of the slots in ``slot``, which
        ``people`` are all the members of."""
        touched = np.unique(slot)
        self.top[:, touched] = 0
        self.holder[touched] = -1
        values = self.worst[people]
        np.maximum.at(self.top[0], slot, values)
        rows, cols = np.nonzero(values == self.top[0][slot])
        self.holder[slot[rows], cols] = people[rows]  # any one holder of each largest value
        others = np.where(people[:, None] == self.holder[slot], 0, values)
        np.maximum.at(self.top[1], slot, others)

    def relocate(self, i: int, source: int, target: int) -> None:
        self.total[source] -= self.cost[i]
        self.total[target] += self.cost[i]
        if self.worst is not None:
            self.slot_of[i] = target
            members = np.flatnonzero((self.slot_of == source) | (self.slot_of == target))
            self.top[:, [source, target]] = 0
            self.holder[[source, target]] = -1
            if len(members):
                self._tops(members, self.slot_of[members])

    def _group_cost(self) -> np.ndarray:
        """Per slot and option, what choosing it costs the group (sum and once-only part)."""
        return self.total if self.worst is None else self.total + self.top[0]

    def _cheapest(self, costs: np.ndarray, slots: np.ndarray) -> np.ndarray:
        """The cheapest option of ``costs`` (options last) for groups in ``slots`` (the same
        leading shape), with each slot's own ``change`` cost; 0 where a slot is exempt."""
        return (costs + self.change[slots]).min(axis=-1) * self.active[slots]

    def _far_without(self, people: np.ndarray, slots: np.ndarray) -> np.ndarray | int:
        """The once-only cost per option of each person's slot once they have left it."""
        if self.worst is None:
            return 0
        alone = self.holder[slots] == people[:, None]
        return np.where(alone, self.top[1][slots], self.top[0][slots])

    def _joined_far(self, far: np.ndarray | int, people: np.ndarray) -> np.ndarray | int:
        """The once-only cost per option after ``people`` join groups whose cost is ``far``."""
        return 0 if self.worst is None else np.maximum(far, self.worst[people])

    def values(self, size: np.ndarray) -> np.ndarray:
        every = np.arange(len(size))
        return np.where(size > 0, -self._cheapest(self._group_cost(), every), 0)

    def move_gain(self, people: np.ndarray, source: np.ndarray, size: np.ndarray) -> np.ndarray:
        every = np.arange(self.total.shape[0])
        before = self._cheapest(self._group_cost(), every)
        rest = self.total[source] - self.cost[people] + self._far_without(people, source)
        left = np.where(size[source] > 1, self._cheapest(rest, source), 0)
        joined = self.total[None, :, :] + self.cost[people][:, None, :]
        if self.worst is not None:
            joined += np.maximum(self.top[0][None, :, :], self.worst[people][:, None, :])
        after = self._cheapest(joined, np.broadcast_to(every, joined.shape[:2]))
        return (before[source] - left)[:, None] + before[None, :] - after

    def mark_impossible(
        self,
        batch: np.ndarray,
        g_b: np.ndarray,
        others: np.ndarray,
        g_o: np.ndarray,
        invalid: np.ndarray,
    ) -> None:
        """Swaps after which a group has no option every member can make (hard rules), found
        cheaply as bit sets."""
        if self.bits is None:
            return
        open_b = _bits(self.total[g_b] - self.cost[batch] < INFEASIBLE_COST)  # rest of g_b can
        open_o = _bits(self.total[g_o] - self.cost[others] < INFEASIBLE_COST)
        open_b = np.where(self.active[g_b] > 0, open_b, self.all_bits)  # exempt: anything goes
        open_o = np.where(self.active[g_o] > 0, open_o, self.all_bits)
        invalid |= (open_b[:, None] & self.bits[others][None, :]) == 0
        invalid |= (open_o[None, :] & self.bits[batch][:, None]) == 0

    def add_swap_gain(
        self,
        gain: np.ndarray,
        batch: np.ndarray,
        g_b: np.ndarray,
        others: np.ndarray,
        g_o: np.ndarray,
        size: np.ndarray,
        valid: tuple[np.ndarray, np.ndarray],
    ) -> None:
        """Gain of the valid swaps ``batch[rows[c]] <-> others[cols[c]]``, in blocks."""
        rows, cols = valid
        before = self._cheapest(self._group_cost(), np.arange(self.total.shape[0]))
        rest_b = self.total[g_b] - self.cost[batch]
        rest_o = self.total[g_o] - self.cost[others]
        far_b = self._far_without(batch, g_b)
        far_o = self._far_without(others, g_o)
        base = before[g_b][rows] + before[g_o][cols]
        values = np.empty(len(rows), dtype=np.int64)
        for start in range(0, len(rows), _OPTION_CHUNK):
            b, j = rows[start : start + _OPTION_CHUNK], cols[start : start + _OPTION_CHUNK]
            keep = rest_b[b] + self.cost[others[j]]
            take = rest_o[j] + self.cost[batch[b]]
            if self.worst is not None:
                keep += self._joined_far(far_b[b], others[j])
                take += self._joined_far(far_o[j], batch[b])
            keep, take = self._cheapest(keep, g_b[b]), self._cheapest(take, g_o[j])
            chunk = base[start : start + _OPTION_CHUNK]
            values[start : start + _OPTION_CHUNK] = chunk - keep - take
        gain[rows, cols] += values


def _bits(allowed: np.ndarray) -> np.ndarray:
    """Rows of booleans (at most 64 columns) as one uint64 bit set per row."""
    weights = np.left_shift(np.uint64(1), np.arange(allowed.shape[-1], dtype=np.uint64))
    return (allowed.astype(np.uint64) * weights).sum(axis=-1, dtype=np.uint64)


COMMON_OPTION = CommonOptionFamily()
