"""Iterated tabu search on the full objective (pair scores and group rules)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from optimiser.group_deltas import INFEASIBLE_COST, GroupRules
from optimiser.pairs import PairMatrix, hard_forbidden_matrix
from optimiser.problem import (
    GroupBounds,
    GroupingProblem,
)
from optimiser.result import Deadline

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
        self.forbidden = hard_forbidden_matrix(problem)
        self.conflicts = None
        self._movable_forbidden: np.ndarray | None = None
        if self.forbidden is not None:
            self.forbidden.sort_indices()
            self.conflicts = np.zeros((slots, problem.n), dtype=np.int32)
            for i in placed.tolist():
                self.conflicts[assign[i], self._partners(i)] += 1
            if len(self.movable) <= _FULL_BATCH_MAX:  # every step's batch: slice it once
                block = self.forbidden[self.movable][:, self.movable]
                self._movable_forbidden = block.toarray().astype(np.int32)
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
        while (
            self.work < work_budget
            and (max_stalls is None or stalls < max_stalls)
            and not deadline.passed()
        ):
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
            pair_forbidden = (
                self._movable_forbidden
                if self._movable_forbidden is not None
                else self.forbidden[batch][:, self.movable].toarray()
            )
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
            partners = self._partners(i)
            self.conflicts[source, partners] -= 1
            self.conflicts[target, partners] += 1
        self.size[source] -= 1
        self.size[target] += 1
        self.assign[i] = target
        if self.rules:
            self.rules.relocate(i, source, target)

    def _partners(self, i: int) -> np.ndarray:
        """Who ``i`` may never share a group with, sorted: a row of the 0/1 CSR matrix read
        from its index arrays (sparse fancy indexing cost ~0.1 ms a call, twice a step)."""
        assert self.forbidden is not None
        start, end = self.forbidden.indptr[i], self.forbidden.indptr[i + 1]
        return self.forbidden.indices[start:end]

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
        partners = self._partners(i)
        position = int(np.searchsorted(partners, k))
        together = int(position < len(partners) and partners[position] == k)
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
                self.conflicts[self.assign[i], self._partners(i)] += 1
