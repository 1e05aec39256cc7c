"""Slots (group indices) to model and how many groups a start opens."""

from __future__ import annotations

import math

from optimiser.problem import (
    GroupBounds,
    GroupingProblem,
    Level,
)


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
