"""Incremental group-rule values: what a move or a swap changes, for all candidates at once."""

from __future__ import annotations

import numpy as np

from optimiser.problem import (
    AtLeastCount,
    CommonOption,
    GroupingProblem,
    Level,
    MaxSpread,
)

INFEASIBLE_COST = 10**9  # what each broken hard rule costs inside the search


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
    """A common option: per person what each option costs them, per slot the members' sum and,
    for a once-per-group cost (``max_cost``), the two largest member values per option and who
    holds the largest, so a leaver's effect is known without rescanning the group."""

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

    def rebuild(self, placed: np.ndarray, slot: np.ndarray, slots: int) -> None:
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
        return np.where(size > 0, -self._group_cost().min(axis=1), 0)

    def move_gain(self, people: np.ndarray, source: np.ndarray, size: np.ndarray) -> np.ndarray:
        before = self._group_cost().min(axis=1)
        rest = self.total[source] - self.cost[people] + self._far_without(people, source)
        left = np.where(size[source] > 1, rest.min(axis=1), 0)
        joined = self.total[None, :, :] + self.cost[people][:, None, :]
        if self.worst is not None:
            joined += np.maximum(self.top[0][None, :, :], self.worst[people][:, None, :])
        return (before[source] - left)[:, None] + before[None, :] - joined.min(axis=2)

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
        before = self._group_cost().min(axis=1)
        rest_b = self.total[g_b] - self.cost[batch]
        rest_o = self.total[g_o] - self.cost[others]
        far_b = self._far_without(batch, g_b)
        far_o = self._far_without(others, g_o)
        base = before[g_b][rows] + before[g_o][cols]
        gain = np.empty(len(rows), dtype=np.int64)
        for start in range(0, len(rows), _OPTION_CHUNK):
            b, j = rows[start : start + _OPTION_CHUNK], cols[start : start + _OPTION_CHUNK]
            keep = rest_b[b] + self.cost[others[j]]
            take = rest_o[j] + self.cost[batch[b]]
            if self.worst is not None:
                keep += self._joined_far(far_b[b], others[j])
                take += self._joined_far(far_o[j], batch[b])
            keep, take = keep.min(axis=1), take.min(axis=1)
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
