"""The start of a repair: the current line-up itself, mended with as few moves as it can.

A problem with ``current`` groups asks to keep them (each move costs ``move_penalty``). Searching
from a fresh greedy line-up, as a new solve does, paid a move for almost everyone and the search
could not win them back: one pin kept 33 of 57 people in their group (issue 12 point 7). This
start keeps everyone where they are, puts pinned people in their group, and then moves only
whom a hard rule or a size limit forces out, filling groups that fell below their minimum and
placing people who have no group yet (newcomers) where they fit best.
"""

from __future__ import annotations

import numpy as np

from optimiser.construction import (
    ConstructionWork,
    _best_slot,
    _fits,
    _Groups,
    rule_width,
)
from optimiser.families import family_of
from optimiser.model import slot_bounds
from optimiser.pairs import PairMatrix, hard_forbidden_matrix
from optimiser.problem import (
    CommonOption,
    ForbiddenPairs,
    GroupBounds,
    GroupingProblem,
    Level,
    MaxSpread,
)
from optimiser.result import NO_DEADLINE, Deadline
from optimiser.slots import slot_count


def kept_start(
    problem: GroupingProblem,
    pairs: PairMatrix,
    deadline: Deadline = NO_DEADLINE,
    work: ConstructionWork | None = None,
) -> np.ndarray | None:
    """The current line-up with pins applied and the fewest moves that restore the hard rules
    and sizes; None without current groups or when the deadline passes first."""
    if not problem.current:
        return None
    slots = slot_count(problem)
    bounds = slot_bounds(problem, slots)
    minimum = 0 if isinstance(problem.sizes, GroupBounds) else problem.sizes.min_size
    assign = np.full(problem.n, -1, dtype=np.int64)
    for i, g in problem.current.items():
        if g < slots:
            assign[i] = g
    for i, g in problem.pins.items():
        assign[i] = g
    for people in problem.together:  # a set stays whole: where one is pinned, else most are
        unit = sorted(people)
        pinned = [problem.pins[i] for i in unit if i in problem.pins]
        placed = [int(assign[i]) for i in unit if assign[i] >= 0]
        if pinned or placed:
            assign[unit] = pinned[0] if pinned else max(set(placed), key=placed.count)
    state = _Groups(
        [sorted(np.flatnonzero(assign == s).tolist()) for s in range(slots)],
        [max(lo, minimum) for lo, _ in bounds],
        [hi for _, hi in bounds],
        work or ConstructionWork(),
        rule_width(problem),
    )
    frozen = set(problem.pins) | {i for people in problem.together for i in people}
    mend = _Mend(problem, pairs, state, assign, frozen)
    for s in range(slots):
        if deadline.passed():
            return None
        mend.leave_hard_breaks(s)
        mend.leave_overflow(s)
    together = {i for people in problem.together for i in people}
    mend.pool += [
        i for i in range(problem.n) if assign[i] < 0 and i not in mend.pool and i not in together
    ]
    for s in range(slots):
        mend.fill(s)
    mend.place_pool()
    if not isinstance(problem.sizes, GroupBounds):
        mend.dissolve_short()
    return assign


class _Mend:
    """Moves that mend a kept line-up, each chosen to change as little as it can."""

    def __init__(
        self,
        problem: GroupingProblem,
        pairs: PairMatrix,
        state: _Groups,
        assign: np.ndarray,
        frozen: set[int],
    ) -> None:
        self.problem = problem
        self.pairs = pairs
        self.state = state
        self.assign = assign
        self.frozen = frozen
        self.forbidden = hard_forbidden_matrix(problem)
        self.hard_rules = [
            r
            for r in problem.active_rules()
            if r.level == Level.HARD and not isinstance(r, ForbiddenPairs)
        ]
        self.pool: list[int] = []  # people without a group, in the order they should be placed

    def breaks(self, s: int, members: list[int]) -> int:
        """Hard-rule units a group of ``members`` in slot ``s`` breaks (pairs, options, spreads,
        counts): the slot's own terms count, such as a group that meets online needing no
        common place."""
        self.state.work.units += len(members) * self.state.rule_width
        count = 0
        if self.forbidden is not None and len(members) > 1:
            index = np.asarray(members)
            count += int(self.forbidden[index][:, index].sum()) // 2
        for rule in self.hard_rules:
            count += family_of(rule).score_in(self.problem, rule, members, s)[1]
        return count

    def affinity(self, i: int, members: list[int]) -> int:
        """Person ``i``'s summed pair weight to ``members`` (not counting themself)."""
        others = [j for j in members if j != i]
        return int(self.pairs.rows(np.array([i]))[0][others].sum()) if others else 0

    def _take_out(self, s: int, i: int) -> None:
        self.state.members[s].remove(i)
        self.assign[i] = -1
        self.pool.append(i)

    def leave_hard_breaks(self, s: int) -> None:
        """Take out the members whose leaving mends most of what group ``s`` breaks: one at a
        time (the least attached on a tie) while that mends anything, else the smallest set
        that does (those who cannot make a moment the rest can, or who lie outside a spread)."""
        members = self.state.members[s]
        broken = self.breaks(s, members) if members else 0
        while broken:
            options = []
            for i in members:
                if i not in self.frozen:
                    left = self.breaks(s, [j for j in members if j != i])
                    options.append((left - broken, -self.affinity(i, members), i))
            if options and min(options)[0] < 0:
                leaving = [min(options)[2]]
            else:
                leaving = self._smallest_mending_set(s, members, broken)
                if not leaving:
                    return
            for i in leaving:
                self._take_out(s, i)
            broken = self.breaks(s, members) if members else 0

    def _smallest_mending_set(self, s: int, members: list[int], broken: int) -> list[int]:
        """The fewest movable members whose leaving lowers what ``members`` break, found per
        option of a hard common option and per window of a hard spread ([] when none does)."""
        candidates: list[list[int]] = []
        for rule in self.hard_rules:
            if isinstance(rule, CommonOption):
                for option in range(len(rule.option_labels)):
                    candidates.append(
                        [i for i in members if rule.allowed[i] and option not in rule.allowed[i]]
                    )
            elif isinstance(rule, MaxSpread):
                for i in members:
                    low = rule.values[i]
                    if low is None:
                        continue
                    candidates.append(
                        [
                            j
                            for j in members
                            if rule.values[j] is not None
                            and not low <= rule.values[j] <= low + rule.max_spread
                        ]
                    )
        best: list[int] = []
        for leaving in sorted(candidates, key=len):
            if not leaving or any(i in self.frozen for i in leaving):
                continue
            if best and len(leaving) >= len(best):
                break
            if self.breaks(s, [i for i in members if i not in leaving]) < broken:
                best = leaving
        return best

    def leave_overflow(self, s: int) -> None:
        """Take out the least attached movable members of a group above its maximum."""
        members = self.state.members[s]
        while len(members) > self.state.highs[s]:
            movable = [i for i in members if i not in self.frozen]
            if not movable:
                return
            self._take_out(s, min(movable, key=lambda i: (self.affinity(i, members), i)))

    def fill(self, s: int) -> None:
        """Top up a non-empty group below its minimum: from the people without a group first,
        then from groups that can spare someone (the one who fits best)."""
        members = self.state.members[s]
        while members and len(members) < self.state.lows[s]:
            joiner = self._best_of(s, [i for i in self.pool if self.assign[i] < 0])
            if joiner is not None:
                self.pool.remove(joiner)
            else:
                joiner = self._best_donated(s)
                if joiner is None:
                    return
                self.state.members[int(self.assign[joiner])].remove(joiner)
            members.append(joiner)
            self.assign[joiner] = s

    def _best_of(self, s: int, candidates: list[int]) -> int | None:
        fitting = [i for i in candidates if _fits(self.problem, self.state, s, [i])]
        if not fitting:
            return None
        return max(fitting, key=lambda i: (self.affinity(i, self.state.members[s]), -i))

    def _best_donated(self, s: int) -> int | None:
        """The movable member of a group above its minimum who fits ``s`` best (gain there
        minus what their group loses)."""
        best, best_gain = None, None
        for d, donors in enumerate(self.state.members):
            if d == s or len(donors) <= self.state.lows[d]:
                continue
            for i in donors:
                if i in self.frozen or not _fits(self.problem, self.state, s, [i]):
                    continue
                gain = self.affinity(i, self.state.members[s]) - self.affinity(i, donors)
                if best_gain is None or gain > best_gain:
                    best, best_gain = i, gain
        return best

    def place_pool(self) -> None:
        """Everyone still without a group joins the non-empty group with room where they fit
        and gain most; who fits nowhere stays out (the search may open a group for them)."""
        for i in list(self.pool):
            if self.assign[i] >= 0:
                continue
            used = [s for s, members in enumerate(self.state.members) if members]
            candidates = [s for s in used if _fits(self.problem, self.state, s, [i])]
            if not candidates:
                continue
            row = self.pairs.rows(np.array([i]))[0]
            gains = np.array([row[self.state.members[s]].sum() for s in candidates])
            slot = _best_slot(self.problem, self.state, candidates, gains, [i])
            self.state.members[slot].append(i)
            self.assign[i] = slot
            self.pool.remove(i)

    def dissolve_short(self) -> None:
        """A group still below its minimum, with nobody pinned to it, gives its members to
        groups where they fit (size range only: there a group may cease to exist)."""
        pinned_slots = set(self.problem.pins.values())
        for s, members in enumerate(self.state.members):
            if not members or len(members) >= self.state.lows[s] or s in pinned_slots:
                continue
            for i in list(members):
                if i in self.frozen:
                    continue
                self._take_out(s, i)
            self.place_pool()
