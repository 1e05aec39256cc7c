"""The CP-SAT model of a grouping problem, or of the part of it that an LNS step frees.

One :class:`GroupingModel` owns the decision variables ``x[i, s]`` (person ``i`` in group slot
``s``), the slot's ``active`` flag and size expression; one function per rule family adds that
family's constraints (hard) or returns its integer penalty terms (soft). A sub-model covers some
people and some slots: every member of those slots must be among the people, so rules that look
at a whole group see it whole, and the objective of the sub-model equals the full objective up to
a constant.

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

from optimiser.problem import (
    AtLeastCount,
    CommonOption,
    GroupBounds,
    GroupingProblem,
    Level,
    MaxSpread,
)
from optimiser.scoring import PINS_KEY, SIZES_KEY, TOGETHER_KEY

_CHEAPEST_KEPT = 2  # options kept per unrestricted person when pruning (see kept_options)
_CUT_MAX_PEOPLE = 30  # clique cuts grow with n^3: only for small exact models

LinearTerms = list[tuple[int, cp_model.IntVar | cp_model.LinearExpr]]


def slot_bounds(problem: GroupingProblem, slot_count: int) -> list[tuple[int, int]]:
    """Size bounds per slot; with a size range every slot may also stay empty (lower bound 0)."""
    if isinstance(problem.sizes, GroupBounds):
        return list(problem.sizes.bounds)
    return [(0, problem.sizes.max_size)] * slot_count


def anchored_slots(problem: GroupingProblem) -> set[int]:
    """Slots whose index means something (pins, ``current`` groups): never permuted."""
    return set(problem.pins.values()) | set(problem.current.values())


def pair_weights(problem: GroupingProblem, people: Sequence[int]) -> np.ndarray:
    """Combined pair weight among ``people`` (all pair terms, soft forbidden pairs as costs)."""
    index = np.asarray(people, dtype=np.int64)
    weights = np.zeros((len(people), len(people)), dtype=np.int64)
    for term in problem.pair_terms:
        block = term.scores[index][:, index]
        block = block.toarray() if hasattr(block, "toarray") else block
        weights += term.weight * block.astype(np.int64)
    position = {person: k for k, person in enumerate(people)}
    for rule in problem.forbidden:
        if rule.level == Level.SOFT:
            for i, j in rule.pairs:
                if i in position and j in position:
                    weights[position[i], position[j]] -= rule.weight
                    weights[position[j], position[i]] -= rule.weight
    return weights


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
) -> GroupingModel:
    """Model ``people`` over ``slots`` with every rule family; maximise the model's objective.

    ``bounds[s]`` are the size bounds of slot ``s`` (indexed by slot number); ``penalty`` is what
    leaving a person out costs and ``can_leave_out`` whether it is allowed at all;
    ``must_be_active`` slots may not stay empty. ``hint`` maps person -> slot (or -1).
    ``prune_options`` keeps only the common options someone in ``people`` can make (see
    :func:`kept_options`): exact unless a group holds only people who can make anything.
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
    add_pairs(gm, bounds, clique_cuts)
    add_forbidden(gm)
    for rule in problem.group_rules:
        if rule.level == Level.OFF:
            continue
        if isinstance(rule, AtLeastCount):
            add_at_least(gm, rule)
        elif isinstance(rule, MaxSpread):
            add_max_spread(gm, rule)
        else:
            add_common_option(gm, rule)
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


def add_pairs(gm: GroupingModel, bounds: Sequence[tuple[int, int]], clique_cuts: bool) -> None:
    """Reward (or cost) each pair together: one literal per pair with a non-zero weight.

    Small dense models also get the clique-partitioning cuts that make the LP bound useful:
    transitivity ``z_ij + z_jk - z_ik <= 1`` and, per person, ``sum_j z_ij <= size - 1`` (``==``
    when every pair has a literal). All hold for the exact "together" values, so they never cut
    off an optimum.
    """
    weights = pair_weights(gm.problem, gm.people)
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


def add_forbidden(gm: GroupingModel) -> None:
    """Hard forbidden pairs never share a slot (soft ones are costs in :func:`pair_weights`)."""
    inside = set(gm.people)
    for rule in gm.problem.forbidden:
        if rule.level != Level.HARD:
            continue
        enforce = gm.enforce(rule.key)
        for i, j in sorted(rule.pairs):
            if i in inside and j in inside:
                for s in gm.slots:
                    if (i, s) in gm.x and (j, s) in gm.x:
                        gm.model.AddBoolOr([gm.x[i, s].Not(), gm.x[j, s].Not()]).OnlyEnforceIf(
                            enforce
                        )


def add_at_least(gm: GroupingModel, rule: AtLeastCount) -> None:
    """Every non-empty slot holds ``min_count`` members of the set, or pays per missing member."""
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


def add_max_spread(gm: GroupingModel, rule: MaxSpread) -> None:
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


def add_common_option(gm: GroupingModel, rule: CommonOption) -> None:
    """Each slot picks one option; members who cannot make it are forbidden (hard) or cost."""
    enforce = gm.enforce(rule.key) if rule.level == Level.HARD else []
    every = set(range(len(rule.option_labels)))
    options = sorted(kept_options(rule, gm.people) if gm.prune_options else every)
    for s in gm.slots:
        choice = {o: gm.model.NewBoolVar(f"option[{rule.key},{s},{o}]") for o in options}
        gm.model.AddExactlyOne(choice.values())
        for i in gm.people:
            if (i, s) not in gm.x:
                continue
            member = gm.x[i, s]
            refused = [choice[o] for o in options if rule.allowed[i] and o not in rule.allowed[i]]
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
                gm.model.Add(cost >= sum(cost_row[o] * choice[o] for o in options)).OnlyEnforceIf(
                    member
                )
                gm.objective.append((-1, cost))
        if rule.max_cost is not None:
            _add_max_cost(gm, rule, s, choice)


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
    anchored = anchored_slots(gm.problem)
    classes: dict[tuple[int, int], list[int]] = {}
    for s in gm.slots:
        if s not in anchored:
            classes.setdefault(tuple(bounds[s]), []).append(s)
    for members in classes.values():
        for r, s in pairwise(members):
            for k, i in enumerate(gm.people):
                if (i, s) not in gm.x:
                    continue
                earlier = [gm.x[j, r] for j in gm.people[:k] if (j, r) in gm.x]
                gm.model.AddBoolOr([gm.x[i, s].Not(), *earlier])
