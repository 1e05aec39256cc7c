"""Facilitator assignment with CP-SAT: one facilitator per group, never beyond their capacity.

Hard: the facilitator can make the group's moment on a weekday every member can make, reaches
the meeting place within their own limit, and is not from a member's organisation (nor a
member). Pins from the list are kept. Soft, as a cost: every group without a facilitator
(dominates everything else), discipline preference, travel km, uneven load (a rising cost per
extra group) and losing last round's facilitator. A group left without one gets the reason and
what would fix it, in words (:mod:`planning.diagnose`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise

from ortools.sat.python import cp_model

from planning.model import Facilitator, PlanGroup, SolveFigures
from planning.settings import PlanSettings
from road import road_km


@dataclass(frozen=True)
class Fit:
    """Whether facilitator ``fid`` can take group ``group``, and if not, every reason why."""

    group: int
    fid: str
    days: tuple[str, ...]  # weekdays both the group and the facilitator can make
    km: float | None  # road km from home to the venue; None when either is unknown
    reasons: tuple[str, ...]  # "conflict", "moment", "weekday", "distance", "capacity"

    @property
    def ok(self) -> bool:
        return not self.reasons


def fit(group: PlanGroup, f: Facilitator) -> Fit:
    """Check one facilitator against one group on every hard rule."""
    reasons = []
    if (f.organisation and f.organisation.casefold() in group.organisations) or (
        f.email and f.email.casefold() in group.emails
    ):
        reasons.append("conflict")
    if f.moments and group.moment is not None and group.moment not in f.moments:
        reasons.append("moment")
    days = tuple(d for d in group.weekdays if not f.weekdays or d in f.weekdays)
    if not days:
        reasons.append("weekday")
    km = None
    if f.home is not None and group.venue is not None and group.venue.known:
        km = road_km(f.home.lat, f.home.lon, group.venue.lat, group.venue.lon)
        if km > f.max_travel_km:
            reasons.append("distance")
    if f.capacity <= 0:
        reasons.append("capacity")
    return Fit(group.group, f.fid, days, km, tuple(reasons))


@dataclass
class Assignment:
    """group -> fid (None = no facilitator), the fits behind it, and how the solve ended."""

    chosen: dict[int, str | None]
    fits: dict[tuple[int, str], Fit]
    figures: SolveFigures


def _discipline_cost(group: PlanGroup, f: Facilitator, settings: PlanSettings) -> int:
    preference = settings.discipline_preference
    if preference == "any" or not group.families or not f.families:
        return 0
    shared = bool(group.families & set(f.families))
    wanted = shared if preference == "same" else not shared
    return 0 if wanted else settings.weight("discipline")


def assign_facilitators(
    groups: list[PlanGroup],
    facilitators: list[Facilitator],
    settings: PlanSettings,
    *,
    time_limit_s: float,
    seed: int = 0,
    workers: int = 2,
) -> Assignment:
    """Solve the assignment; deterministic for the same input, settings and seed."""
    fits = {(g.group, f.fid): fit(g, f) for g in groups for f in facilitators}
    pinned = {(g, f.fid) for f in facilitators for g in f.pinned_groups}
    model = cp_model.CpModel()
    x = {
        key: model.new_bool_var(f"x{key[0]}_{key[1]}")
        for key, found in fits.items()
        if found.ok or key in pinned
    }
    by_fid = {f.fid: f for f in facilitators}
    unassigned_cost = _unassigned_cost(fits, settings)
    cost = []
    for g in groups:
        options = [var for (gg, _), var in x.items() if gg == g.group]
        model.add_at_most_one(options)
        cost.append(unassigned_cost * (1 - sum(options)))
    for key in pinned & x.keys():
        model.add(x[key] == 1)
    travel = settings.weight("travel")
    keep = settings.weight("keep_previous")
    group_of = {g.group: g for g in groups}
    for (gnum, fid), var in x.items():
        f, found = by_fid[fid], fits[(gnum, fid)]
        pair = _discipline_cost(group_of[gnum], f, settings)
        pair += round(travel * (found.km or 0.0))
        if keep and f.previous_groups and gnum not in f.previous_groups:
            pair += keep
        if keep and any(gnum in o.previous_groups for o in facilitators if o.fid != fid):
            pair += keep
        if pair:
            cost.append(pair * var)
    even = settings.weight("even_load")
    for f in facilitators:
        mine = [var for (_, fid), var in x.items() if fid == f.fid]
        capacity = max(f.capacity, sum(1 for (g, fid) in pinned if fid == f.fid))
        model.add(sum(mine) <= capacity)
        if even and len(mine) > 1 and capacity > 1:
            steps = [model.new_bool_var(f"load{f.fid}_{c}") for c in range(2, capacity + 1)]
            model.add(sum(mine) <= 1 + sum(steps))
            for a, b in pairwise(steps):
                model.add_implication(b, a)
            cost.extend(even * (c - 1) * s for c, s in enumerate(steps, start=2))
    model.minimize(sum(cost))
    solver = cp_model.CpSolver()
    solver.parameters.max_deterministic_time = max(0.1, time_limit_s)  # same input, same plan
    solver.parameters.max_time_in_seconds = max(0.2, 1.5 * time_limit_s)  # loaded machine
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.interleave_search = workers > 1  # deterministic with several workers
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):  # only pins can make it infeasible
        chosen = dict.fromkeys(group_of)
        figures = SolveFigures(solver.status_name(status).lower(), 0, 0, solver.wall_time)
        return Assignment(chosen, fits, figures)
    chosen: dict[int, str | None] = dict.fromkeys(group_of)
    for (gnum, fid), var in x.items():
        if solver.boolean_value(var):
            chosen[gnum] = fid
    figures = SolveFigures(
        solver.status_name(status).lower(),
        round(solver.objective_value),
        math.ceil(solver.best_objective_bound - 1e-6),
        solver.wall_time,
    )
    return Assignment(chosen, fits, figures)


def _unassigned_cost(fits: dict[tuple[int, str], Fit], settings: PlanSettings) -> int:
    """More than any one group's soft costs can add up to, so coverage always comes first."""
    worst_km = max((f.km or 0.0 for f in fits.values() if f.ok), default=0.0)
    per_group = (
        settings.weight("discipline")
        + round(settings.weight("travel") * worst_km)
        + 2 * settings.weight("keep_previous")
        + settings.weight("even_load") * 10
    )
    return 10 * per_group + 1000
