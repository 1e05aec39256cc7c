"""Incremental group-rule values: what a move or a swap changes, for all candidates at once."""

from __future__ import annotations

import numpy as np

from optimiser.families import INFEASIBLE_COST, family_of
from optimiser.families.base import GroupDelta
from optimiser.problem import GroupingProblem, Level

# counted work of the group rules, in the tabu search's units (1.5e8 a second): per rule and
# step (numpy calls); each family's delta adds its work per candidate (calibrated at n=150:
# 1.8e8 counted a second, on the safe side of the 1.5e8 of the budget)
_RULE_CALL_WORK = 10000

__all__ = ["INFEASIBLE_COST", "GroupRules"]


class GroupRules:
    """The group rules' share of the search value per slot, so that what a move or a swap
    changes is one numpy expression over all candidates (the tabu search's full objective).

    Each rule's family gives its delta (:meth:`optimiser.families.base.RuleFamily.delta`): in
    a group a common option costs its cheapest option's ``M * members who cannot make it +
    their summed cost``; a spread ``M`` per unit of excess; an at-least rule ``M`` per missing
    member (non-empty groups). ``M`` is the soft weight, or ``INFEASIBLE_COST`` for a hard
    rule, which picks the same option as the scorer and makes the value the search value of
    :func:`optimiser.lns.state_value`. Candidates that would break a hard rule more get a gain
    of about ``-INFEASIBLE_COST`` (or are marked invalid) and the caller skips them.
    """

    def __init__(self, problem: GroupingProblem, assign: np.ndarray, slots: int) -> None:
        self.slots = slots
        self.deltas: list[GroupDelta] = []
        for rule in problem.group_rules:
            if rule.level == Level.OFF:
                continue
            weight = INFEASIBLE_COST if rule.level == Level.HARD else rule.weight
            delta = family_of(rule).delta(problem.n, rule, weight)
            if delta is not None:
                self.deltas.append(delta)
        self.rebuild(assign)

    def __bool__(self) -> bool:
        return bool(self.deltas)

    def swap_work(self, candidates: int, feasible: int) -> float:
        """Counted work of :meth:`swap_gain` (calibrated like the tabu search's own count)."""
        per_rule = _RULE_CALL_WORK * len(self.deltas)
        per_candidate = sum(delta.swap_units for delta in self.deltas)
        per_valid = sum(delta.valid_swap_units for delta in self.deltas)
        return per_rule + candidates * per_candidate + feasible * per_valid

    def move_work(self, candidates: int) -> float:
        """Counted work of :meth:`move_gain`."""
        return candidates * sum(delta.move_units for delta in self.deltas)

    def rebuild(self, assign: np.ndarray) -> None:
        placed = np.flatnonzero(assign >= 0)
        slot = assign[placed]
        self.size = np.bincount(slot, minlength=self.slots).astype(np.int64)
        for delta in self.deltas:
            delta.rebuild(placed, slot, self.slots)

    def relocate(self, i: int, source: int, target: int) -> None:
        """Person ``i`` moves from slot ``source`` to ``target``."""
        self.size[source] -= 1
        self.size[target] += 1
        for delta in self.deltas:
            delta.relocate(i, source, target)

    def value(self) -> int:
        """The rules' summed value over all slots (minus their costs)."""
        return sum(int(delta.values(self.size).sum()) for delta in self.deltas)

    def move_gain(self, people: np.ndarray, source: np.ndarray) -> np.ndarray:
        """``(len(people), slots)``: the gain when ``people[b]`` leaves ``source[b]`` and joins
        slot ``s`` (meaningless for its own slot)."""
        gain = np.zeros((len(people), self.slots), dtype=np.int64)
        for delta in self.deltas:
            gain += delta.move_gain(people, source, self.size)
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
        ``(len(batch), len(others))``. Rules first mark (in ``invalid``, in place) the swaps
        after which a hard rule cannot hold; rules that are dear to evaluate (options) are
        then evaluated only for the candidates left."""
        gain = np.zeros(invalid.shape, dtype=np.int64)
        for delta in self.deltas:
            delta.mark_impossible(batch, g_b, others, g_o, invalid)
        valid = np.nonzero(~invalid)
        for delta in self.deltas:
            delta.add_swap_gain(gain, batch, g_b, others, g_o, self.size, valid)
        return gain
