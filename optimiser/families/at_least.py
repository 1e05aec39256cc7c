"""Family ``AtLeastCount``: every group has at least so many members of a set."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from optimiser.families.base import Level, Outcome, RuleFamily

if TYPE_CHECKING:
    from optimiser.model import GroupingModel
    from optimiser.problem import GroupingProblem

_COUNT_WORK = 1  # counted work per candidate swap (tabu search units)


@dataclass(frozen=True)
class AtLeastCount:
    """Every group has at least ``min_count`` members from ``members`` (e.g. one who comes to give).

    Soft: ``weight`` per missing member per group.
    """

    key: str
    name: str
    members: frozenset[int]
    min_count: int = 1
    level: Level = Level.SOFT
    weight: int = 0


class AtLeastCountFamily(RuleFamily):
    """A hard at-least rule never blocks a single join (a group may still be short while it
    fills): the greedy steers the set's members to the groups short of them instead."""

    rule_type = AtLeastCount

    def add_to_model(self, gm: GroupingModel, rule: AtLeastCount) -> None:
        """Every non-empty slot holds ``min_count`` members of the set, or pays per missing
        member."""
        enforce = gm.enforce(rule.key) if rule.level == Level.HARD else []
        members = sorted(rule.members)
        for s in gm.slots:
            count = sum(gm.members_x(s, members))
            if rule.level == Level.HARD:
                gm.model.Add(count >= rule.min_count).OnlyEnforceIf([gm.active[s], *enforce])
            else:
                missing = gm.model.NewIntVar(0, rule.min_count, f"missing[{rule.key},{s}]")
                gm.model.Add(missing >= rule.min_count - count).OnlyEnforceIf(gm.active[s])
                gm.objective.append((-rule.weight, missing))

    def score(
        self, problem: GroupingProblem, rule: AtLeastCount, members: Sequence[int]
    ) -> Outcome:
        """Soft: ``-weight`` per missing member of a non-empty group."""
        if not members:
            return 0, 0, "", None
        count = sum(1 for i in members if i in rule.members)
        missing = max(0, rule.min_count - count)
        detail = f"{count} of at least {rule.min_count}" if missing else ""
        return -_soft_weight(rule) * missing, missing, detail, None

    def penalty_bound(self, rule: AtLeastCount, n: int, cap: int) -> int:
        return rule.weight * rule.min_count if rule.level == Level.SOFT else 0

    def delta(self, n: int, rule: AtLeastCount, weight: int) -> _CountDelta:
        return _CountDelta(n, rule, weight)

    def quota(self, rule: AtLeastCount) -> tuple[frozenset[int], int] | None:
        return (rule.members, rule.min_count) if rule.level == Level.HARD else None

    def difficulty(self, rule: AtLeastCount, n: int) -> np.ndarray | None:
        """Members of a required set are placed early, so they spread over the groups."""
        if rule.level != Level.HARD:
            return None
        difficulty = np.zeros(n)
        difficulty[list(rule.members)] += 2
        return difficulty


def _soft_weight(rule: AtLeastCount) -> int:
    return rule.weight if rule.level == Level.SOFT else 0


class _CountDelta:
    """Per slot how many members belong to the set."""

    swap_units = _COUNT_WORK
    valid_swap_units = 0
    move_units = 1

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
        before = self._value(self.count, size)
        rest_b = self.count[g_b] - self.member[batch]
        rest_o = self.count[g_o] - self.member[others]
        keep = self._value(rest_b[:, None] + self.member[others][None, :], size[g_b][:, None])
        take = self._value(rest_o[None, :] + self.member[batch][:, None], size[g_o][None, :])
        gain += keep + take - before[g_b][:, None] - before[g_o][None, :]


AT_LEAST_COUNT = AtLeastCountFamily()
