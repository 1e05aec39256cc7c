"""Slots (group indices): how many to model, how many groups a start opens, which must exist
and which are interchangeable. The one home of these answers for the models, the searches and
the canonical line-up."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from optimiser.problem import (
    CommonOption,
    GroupBounds,
    GroupingProblem,
    Level,
    SizeRange,
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


def anchored_slots(problem: GroupingProblem) -> set[int]:
    """Slots whose index means something (pins, ``current`` groups, a kept or exempt common
    option): never permuted."""
    anchored = set(problem.pins.values()) | set(problem.current.values())
    for rule in problem.group_rules:
        if isinstance(rule, CommonOption):
            anchored |= {s for s, o in enumerate(rule.kept) if o >= 0} | set(rule.exempt)
    return anchored


def must_exist(problem: GroupingProblem) -> set[int]:
    """With a size range, group indices up to the highest pinned one must exist (a pin names
    a group by its number, so the groups before it are there too)."""
    anchors = set(problem.pins.values())
    if not anchors or not isinstance(problem.sizes, SizeRange):
        return set()
    return set(range(max(anchors) + 1))


def interchangeable_classes(
    problem: GroupingProblem, bounds: Sequence[tuple[int, int]], slots: Iterable[int]
) -> list[list[int]]:
    """``slots`` that differ only by their index (same bounds, not anchored), one list per
    class in index order: the model orders them by smallest member, and the hint and the
    canonical line-up follow the same order."""
    anchored = anchored_slots(problem)
    classes: dict[tuple[int, int], list[int]] = {}
    for s in slots:
        if s not in anchored:
            classes.setdefault(tuple(bounds[s]), []).append(s)
    return list(classes.values())
