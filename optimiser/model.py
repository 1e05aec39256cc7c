"""The CP-SAT model of a grouping problem, or of the part of it that an LNS step frees.

One :class:`GroupingModel` owns the decision variables ``x[i, s]`` (person ``i`` in group slot
``s``), the slot's ``active`` flag and size expression; each rule's family
(:mod:`optimiser.families`) adds its constraints (hard) or its integer penalty terms (soft).
A sub-model covers some people and some slots: every member of those slots must be among the
people, so rules that look at a whole group see it whole, and the objective of the sub-model
equals the full objective up to a constant.

Pair products use one literal per pair ``z[i, j]`` meaning "together": for a positive weight
only ``z -> placed_i`` and ``z and x[i, s] -> x[j, s]`` are needed (maximising makes ``z`` as
true as allowed); for a negative weight ``x[i, s] and x[j, s] -> z``. That is ``1 + slots``
clauses per pair instead of a ``y[i, j, s]`` per slot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np
from ortools.sat.python import cp_model

from optimiser.families import family_of
from optimiser.pairs import PairMatrix
from optimiser.problem import GroupBounds, GroupingProblem
from optimiser.scoring import PINS_KEY, SIZES_KEY, TOGETHER_KEY
from optimiser.slots import interchangeable_classes

_CUT_MAX_PEOPLE = 30  # clique cuts grow with n^3: only for small exact models

LinearTerms = list[tuple[int, cp_model.IntVar | cp_model.LinearExpr]]


def slot_bounds(problem: GroupingProblem, slot_count: int) -> list[tuple[int, int]]:
    """Size bounds per slot; with a size range every slot may also stay empty (lower bound 0)."""
    if isinstance(problem.sizes, GroupBounds):
        return list(problem.sizes.bounds)
    return [(0, problem.sizes.max_size)] * slot_count


@dataclass
class GroupingModel:
    """CP-SAT variables for ``people`` over ``slots``, plus the objective terms gathered so far."""

    problem: GroupingProblem
    people: list[int]
    slots: list[int]
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    x: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    placed: dict[int, cp_model.IntVar] = field(default_factory=dict)
    active: dict[int, cp_model.IntVar] = field(default_factory=dict)
    objective: LinearTerms = field(default_factory=list)
    assumptions: dict[str, cp_model.IntVar] = field(default_factory=dict)
    together: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    with_assumptions: bool = False
    prune_options: bool = False

    def size(self, slot: int) -> cp_model.LinearExpr:
        """Number of people in ``slot``."""
        return sum(self.x[i, slot] for i in self.people if (i, slot) in self.x)

    def members_x(self, slot: int, people: Sequence[int]) -> list[cp_model.IntVar]:
        """The ``x`` literals of ``people`` (those that may sit in ``slot``)."""
        return [self.x[i, slot] for i in people if (i, slot) in self.x]

    def enforce(self, key: str) -> list[cp_model.IntVar]:
        """Enforcement literals for a hard rule: its assumption literal when explaining."""
        if not self.with_assumptions:
            return []
        if key not in self.assumptions:
            self.assumptions[key] = self.model.NewBoolVar(f"assume[{key}]")
        return [self.assumptions[key]]


def build(
    problem: GroupingProblem,
    people: Sequence[int],
    slots: Sequence[int],
    *,
    penalty: int,
    can_leave_out: bool,
    bounds: Sequence[tuple[int, int]],
    must_be_active: set[int],
    break_symmetry: bool,
    hint: Mapping[int, int] | None = None,
    with_assumptions: bool = False,
    clique_cuts: bool = True,
    prune_options: bool = False,
    pairs: PairMatrix | None = None,
) -> GroupingModel:
    """Model ``people`` over ``slots`` with every rule family; maximise the model's objective.

    ``bounds[s]`` are the size bounds of slot ``s`` (indexed by slot number); ``penalty`` is what
    leaving a person out costs and ``can_leave_out`` whether it is allowed at all;
    ``must_be_active`` slots may not stay empty. ``hint`` maps person -> slot (or -1).
    ``prune_options`` keeps only the common options someone in ``people`` can make (see
    :func:`optimiser.families.option.kept_options`): exact unless a group holds only people
    who can make anything. ``pairs`` are the problem's combined pair weights if the caller has
    them (made here otherwise).
    """
    gm = GroupingModel(
        problem,
        sorted(people),
        list(slots),
        with_assumptions=with_assumptions,
        prune_options=prune_options,
    )
    add_assignment(gm, penalty, can_leave_out)
    add_sizes(gm, bounds, must_be_active)
    add_pins(gm)
    add_together(gm)
    add_pairs(gm, (pairs or PairMatrix(problem)).among(gm.people), bounds, clique_cuts)
    for rule in problem.active_rules():
        family_of(rule).add_to_model(gm, rule)
    add_moves(gm)
    if break_symmetry:
        add_symmetry_breaking(gm, bounds)
    gm.model.Maximize(sum(weight * term for weight, term in gm.objective))
    if hint:
        for (i, s), var in gm.x.items():
            gm.model.AddHint(var, int(hint.get(i, -1) == s))
        for (i, j), var in gm.together.items():
            gm.model.AddHint(var, int(hint.get(i, -1) == hint.get(j, -1) >= 0))
    return gm


def add_assignment(gm: GroupingModel, penalty: int, can_leave_out: bool) -> None:
    """Each person sits in at most one slot; leaving out costs ``penalty`` (or is forbidden)."""
    pinned = gm.problem.pins
    slot_set = set(gm.slots)
    for i in gm.people:
        options = gm.slots
        if i in pinned and not gm.with_assumptions:  # explaining may have to relax the pin
            options = [pinned[i]] if pinned[i] in slot_set else []
        for s in options:
            gm.x[i, s] = gm.model.NewBoolVar(f"x[{i},{s}]")
        placed = gm.model.NewBoolVar(f"placed[{i}]")
        gm.model.Add(sum(gm.x[i, s] for s in options) == placed)
        gm.placed[i] = placed
        if not can_leave_out:
            gm.model.Add(placed == 1)
        else:
            gm.objective.append((-penalty, placed.Not()))


def add_sizes(
    gm: GroupingModel, bounds: Sequence[tuple[int, int]], must_be_active: set[int]
) -> None:
    """Slot sizes within bounds; with a size range a slot is empty or ``min..max``."""
    minimum = 0 if isinstance(gm.problem.sizes, GroupBounds) else gm.problem.sizes.min_size
    enforce = gm.enforce(SIZES_KEY)
    for s in gm.slots:
        lo, hi = bounds[s]
        lo = max(lo, minimum)
        active = gm.model.NewBoolVar(f"active[{s}]")
        gm.active[s] = active
        size = gm.size(s)
        gm.model.Add(size <= hi * active).OnlyEnforceIf(enforce)
        gm.model.Add(size >= lo * active).OnlyEnforceIf(enforce)
        gm.model.Add(size >= active)
        gm.model.Add(size <= len(gm.people) * active)
        if s in must_be_active or bounds[s][0] > 0:
            gm.model.Add(active == 1).OnlyEnforceIf(enforce)


def add_pins(gm: GroupingModel) -> None:
    """Pinned people sit in their slot: never left out, and only there."""
    enforce = gm.enforce(PINS_KEY)
    for i, s in gm.problem.pins.items():
        if i not in gm.placed:
            continue
        target = gm.x.get((i, s))
        if target is None:
            gm.model.AddBoolOr([]).OnlyEnforceIf(enforce)
        else:
            gm.model.Add(target == 1).OnlyEnforceIf(enforce)


def add_together(gm: GroupingModel) -> None:
    """People of a together set share a slot, or are all left out."""
    enforce = gm.enforce(TOGETHER_KEY)
    for people in gm.problem.together:
        inside = sorted(i for i in people if i in gm.placed)
        for a, b in pairwise(inside):
            gm.model.Add(gm.placed[a] == gm.placed[b]).OnlyEnforceIf(enforce)
            for s in gm.slots:
                xa, xb = gm.x.get((a, s)), gm.x.get((b, s))
                if xa is not None and xb is not None:
                    gm.model.Add(xa == xb).OnlyEnforceIf(enforce)
                elif xa is not None or xb is not None:
                    gm.model.Add((xa if xa is not None else xb) == 0).OnlyEnforceIf(enforce)


def add_pairs(
    gm: GroupingModel,
    weights: np.ndarray,
    bounds: Sequence[tuple[int, int]],
    clique_cuts: bool,
) -> None:
    """Reward (or cost) each pair together: one literal per pair with a non-zero ``weights``
    entry (combined weights among ``gm.people``, in their order).

    Small dense models also get the clique-partitioning cuts that make the LP bound useful:
    transitivity ``z_ij + z_jk - z_ik <= 1`` and, per person, ``sum_j z_ij <= size - 1`` (``==``
    when every pair has a literal). All hold for the exact "together" values, so they never cut
    off an optimum.
    """
    rows, cols = np.nonzero(np.triu(weights, 1))
    together = gm.together
    for a, b in zip(rows.tolist(), cols.tolist(), strict=True):
        i, j = gm.people[a], gm.people[b]
        weight = int(weights[a, b])
        shared = [s for s in gm.slots if (i, s) in gm.x and (j, s) in gm.x]
        if not shared:
            continue
        z = gm.model.NewBoolVar(f"z[{i},{j}]")
        together[i, j] = z
        if weight > 0:
            gm.model.AddImplication(z, gm.placed[i])
            for s in gm.slots:
                if (i, s) in gm.x:
                    partner = gm.x.get((j, s))
                    clause = [z.Not(), gm.x[i, s].Not()]
                    gm.model.AddBoolOr([*clause, partner] if partner is not None else clause)
        else:
            for s in shared:
                gm.model.AddBoolOr([z, gm.x[i, s].Not(), gm.x[j, s].Not()])
        gm.objective.append((weight, z))
    if clique_cuts and len(gm.people) <= _CUT_MAX_PEOPLE:
        _add_clique_cuts(gm, together, bounds)


def _add_clique_cuts(
    gm: GroupingModel,
    together: dict[tuple[int, int], cp_model.IntVar],
    bounds: Sequence[tuple[int, int]],
) -> None:
    """Transitivity over every triple with three pair literals, and a partner count per person."""
    people = gm.people
    for a, i in enumerate(people):
        partners = [
            together[min(i, j), max(i, j)] for j in people if (min(i, j), max(i, j)) in together
        ]
        capacity = sum((bounds[s][1] - 1) * gm.x[i, s] for s in gm.slots if (i, s) in gm.x)
        gm.model.Add(sum(partners) <= capacity)
        for s in gm.slots:
            if (i, s) in gm.x:
                if len(partners) == len(people) - 1:  # every pair has a literal: exact count
                    gm.model.Add(sum(partners) == gm.size(s) - 1).OnlyEnforceIf(gm.x[i, s])
                else:
                    gm.model.Add(sum(partners) <= gm.size(s) - 1).OnlyEnforceIf(gm.x[i, s])
        for b in range(a + 1, len(people)):
            j = people[b]
            if (i, j) not in together:
                continue
            for k in people[b + 1 :]:
                if (i, k) in together and (j, k) in together:
                    zij, zik, zjk = together[i, j], together[i, k], together[j, k]
                    gm.model.Add(zij + zjk - zik <= 1)
                    gm.model.Add(zij + zik - zjk <= 1)
                    gm.model.Add(zik + zjk - zij <= 1)


def add_moves(gm: GroupingModel) -> None:
    """Non-disruptive repair: each person out of their ``current`` group costs ``move_penalty``."""
    penalty = gm.problem.move_penalty
    if not penalty:
        return
    for i in gm.people:
        if i not in gm.problem.current:
            continue
        stay = gm.x.get((i, gm.problem.current[i]))
        gm.objective.append((-penalty, 1))
        if stay is not None:
            gm.objective.append((penalty, stay))


def add_symmetry_breaking(gm: GroupingModel, bounds: Sequence[tuple[int, int]]) -> None:
    """Interchangeable slots (same bounds, not anchored) are ordered by their smallest member.

    For consecutive interchangeable slots ``r < s``: if person ``i`` sits in ``s`` then some
    person smaller than ``i`` sits in ``r``. Empty slots therefore come last.
    """
    for members in interchangeable_classes(gm.problem, bounds, gm.slots):
        for r, s in pairwise(members):
            for k, i in enumerate(gm.people):
                if (i, s) not in gm.x:
                    continue
                earlier = [gm.x[j, r] for j in gm.people[:k] if (j, r) in gm.x]
                gm.model.AddBoolOr([gm.x[i, s].Not(), *earlier])
