"""Family ``MaxSpread``: within a group, members' values lie within a maximum spread."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from optimiser.families.base import Level, Outcome, RuleFamily

if TYPE_CHECKING:
    from optimiser.model import GroupingModel
    from optimiser.problem import GroupingProblem

_SPREAD_WORK = 2  # counted work per candidate swap (tabu search units)


@dataclass(frozen=True)
class MaxSpread:
    """Within a group, ``max(values) - min(values) <= max_spread`` over members with a value.

    ``values[i] is None`` means person ``i`` has no value and is ignored. Soft: ``weight`` per
    unit of spread above ``max_spread`` per group.
    """

    key: str
    name: str
    values: tuple[int | None, ...]
    max_spread: int = 0
    level: Level = Level.SOFT
    weight: int = 0


class MaxSpreadFamily(RuleFamily):
    """The spread of a group is its highest minus its lowest value: the models keep a low and a
    high variable per slot, the tabu search a histogram of levels per slot."""

    rule_type = MaxSpread

    def validate(self, rule: MaxSpread, n: int) -> Iterator[str]:
        if len(rule.values) != n:
            yield f"rule {rule.key!r} needs one value per person"

    def add_to_model(self, gm: GroupingModel, rule: MaxSpread) -> None:
        """Members' values lie within ``max_spread`` of each other, or pay per unit of excess."""
        valued = [i for i in gm.people if rule.values[i] is not None]
        if not valued:
            return
        low_value = min(rule.values[i] for i in valued)
        high_value = max(rule.values[i] for i in valued)
        enforce = gm.enforce(rule.key) if rule.level == Level.HARD else []
        for s in gm.slots:
            inside = [i for i in valued if (i, s) in gm.x]
            if len(inside) < 2:
                continue
            low = gm.model.NewIntVar(low_value, high_value, f"low[{rule.key},{s}]")
            high = gm.model.NewIntVar(low_value, high_value, f"high[{rule.key},{s}]")
            for i in inside:
                gm.model.Add(low <= rule.values[i]).OnlyEnforceIf(gm.x[i, s])
                gm.model.Add(high >= rule.values[i]).OnlyEnforceIf(gm.x[i, s])
            if rule.level == Level.HARD:
                gm.model.Add(high - low <= rule.max_spread).OnlyEnforceIf(enforce)
            else:
                excess = gm.model.NewIntVar(0, high_value - low_value, f"excess[{rule.key},{s}]")
                gm.model.Add(excess >= high - low - rule.max_spread)
                gm.objective.append((-rule.weight, excess))

    def score(self, problem: GroupingProblem, rule: MaxSpread, members: Sequence[int]) -> Outcome:
        """Soft: ``-weight`` per unit of spread above ``max_spread``."""
        valued = [(rule.values[i], i) for i in members if rule.values[i] is not None]
        if not valued:
            return 0, 0, "", None
        excess = max(0, max(valued)[0] - min(valued)[0] - rule.max_spread)
        detail = ""
        if excess:
            low, high = min(valued), max(valued)
            detail = f"{problem.label(low[1])} ({low[0]}) to {problem.label(high[1])} ({high[0]})"
        soft_weight = rule.weight if rule.level == Level.SOFT else 0
        return -soft_weight * excess, excess, detail, None

    def penalty_bound(self, rule: MaxSpread, n: int, cap: int) -> int:
        if rule.level != Level.SOFT:
            return 0
        values = [v for v in rule.values if v is not None]
        return rule.weight * (max(values) - min(values) if values else 0)

    def delta(self, n: int, rule: MaxSpread, weight: int) -> _SpreadDelta:
        return _SpreadDelta(rule, weight)

    def blocks(
        self, problem: GroupingProblem, rule: MaxSpread, unit: Sequence[int], members: Sequence[int]
    ) -> bool:
        after = self.score(problem, rule, [*members, *unit])[1]
        return after > 0 and after > self.score(problem, rule, members)[1]

    def join_check(self, n: int, rule: MaxSpread) -> _SpreadCheck | None:
        return _SpreadCheck(rule) if rule.level == Level.HARD else None


class _SpreadCheck:
    """Candidates whose value would stretch the group's range beyond the maximum."""

    def __init__(self, rule: MaxSpread) -> None:
        self.values = np.array([np.nan if v is None else v for v in rule.values], dtype=float)
        self.max_spread = rule.max_spread

    def narrow(
        self, members: list[int], candidates: np.ndarray, ok: np.ndarray, gain: np.ndarray
    ) -> None:
        own = self.values[members]
        if np.isnan(own).all():
            return
        low, high = np.nanmin(own), np.nanmax(own)
        value = self.values[candidates]
        spread = np.maximum(high, value) - np.minimum(low, value)
        ok &= np.isnan(value) | (spread <= self.max_spread)


class _SpreadDelta:
    """Per slot a histogram of the members' levels, and the value of every (highest, lowest)
    level pair in a table."""

    swap_units = _SPREAD_WORK
    valid_swap_units = 0
    move_units = 1

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

    def values(self, size: np.ndarray | None = None) -> np.ndarray:
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

    def mark_impossible(self, batch, g_b, others, g_o, invalid) -> None:
        return

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
        gain += keep + take - before[g_b][:, None] - before[g_o][None, :]


MAX_SPREAD = MaxSpreadFamily()
