"""The meeting calendar with CP-SAT: per group a kick-off and further meetings, on one weekday.

Per group: one weekday (every member and the facilitator can make it), and for every meeting a
week; consecutive meetings are ``weeks_min``..``weeks_max`` weeks apart, all inside the
programme period, the kick-off in its first ``kickoff_within_weeks`` weeks. Never on a public
holiday of a member's country or in the facilitator's unavailable periods; blocked periods
(school holidays, from a file) cost their weight or, at level hard, are never used. A
facilitator has two groups on one day only when the times and the travel between the venues
allow it. Groups only interact through a shared facilitator, so every set of groups linked by
facilitators is one small model: 150 groups stay fast and each part can be proven optimal.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from functools import partial

from ortools.sat.python import cp_model

from intake.weekdays import WEEKDAYS, day_names
from planning.model import Facilitator, Meeting, PlanGroup, SolveFigures
from planning.periods import Period, monday_of, public_holidays
from planning.settings import PlanSettings
from road import road_km

MIN_PART_WALL_S = 2.0  # a part that ran out of the plan's time still gets this long


@dataclass(frozen=True)
class Slot:
    """When one group meets: its days to choose from and its times on the day, and the
    meetings the coordinator fixed (number -> date), which the calendar keeps as they are."""

    group: PlanGroup
    facilitator: Facilitator | None
    days: tuple[str, ...]
    start: clock
    end: clock
    fixed: Mapping[int, date] = field(default_factory=dict, hash=False, compare=False)


@dataclass
class Calendar:
    """Meetings per group (empty when none could be planned, with the reason)."""

    meetings: dict[int, list[Meeting]]
    weekday: dict[int, str | None]
    reasons: dict[int, tuple[str, str]]
    figures: SolveFigures


def slot_for(
    group: PlanGroup,
    f: Facilitator | None,
    days: tuple[str, ...],
    settings: PlanSettings,
    fixed: Mapping[int, date] | None = None,
) -> Slot:
    """The group's days and times; a group with no common moment meets in the morning.
    Fixed meetings beyond the plan's number of meetings are dropped."""
    moment = group.moment or (f.moments[0] if f and f.moments else "morning")
    start = settings.start_times[moment]
    end_at = datetime.combine(date.min, start) + timedelta(hours=settings.duration_h)
    end = end_at.time() if end_at.date() == date.min else clock(23, 59)
    kept = {k: d for k, d in (fixed or {}).items() if 1 <= k <= settings.meetings}
    return Slot(group, f, days, start, end, kept)


def _minutes(t: clock) -> int:
    return t.hour * 60 + t.minute


def same_day_ok(a: Slot, b: Slot, settings: PlanSettings) -> bool:
    """Can one facilitator lead both groups on one day (times apart by at least the travel)?"""
    travel = 0.0
    va, vb = a.group.venue, b.group.venue
    if va and vb and va.known and vb.known:
        travel = road_km(va.lat, va.lon, vb.lat, vb.lon) / settings.speed_kmh * 60
    first, second = sorted((a, b), key=lambda s: _minutes(s.start))
    return _minutes(first.end) + travel <= _minutes(second.start)


class _Weeks:
    """The programme's weeks: week 0 starts on the Monday of the start date."""

    def __init__(self, start: date, end: date) -> None:
        self.start, self.end = start, end
        self.monday = monday_of(start)
        self.count = (end - self.monday).days // 7 + 1

    def day(self, week: int, weekday: str) -> date:
        return self.monday + timedelta(days=7 * week + WEEKDAYS.index(weekday))


def schedule_meetings(
    slots: list[Slot],
    settings: PlanSettings,
    start: date,
    end: date,
    blocked: list[Period],
    *,
    time_limit_s: float,
    seed: int = 0,
    lang: str = "en",
    deadline: float | None = None,
) -> Calendar:
    """Plan every group's meetings; groups that cannot be planned get the reason."""
    weeks = _Weeks(start, end)
    meetings: dict[int, list[Meeting]] = {}
    weekday: dict[int, str | None] = {}
    reasons: dict[int, tuple[str, str]] = {}
    objective = bound = 0
    all_optimal = True
    elapsed = 0.0
    parts = _components(slots, settings)
    work_left = time_limit_s  # deterministic work (about seconds), shared out as parts finish
    if deadline is None:  # the wall bound (time.monotonic()), for a loaded machine
        deadline = time.monotonic() + time_limit_s
    solve = partial(_solve_part, settings=settings, weeks=weeks, blocked=blocked, seed=seed,
                    lang=lang)  # fmt: skip
    for index, part in enumerate(parts):
        slots_left = sum(len(p) for p in parts[index:])
        budget = max(0.2, work_left * len(part) / slots_left)
        wall = max(0.2, deadline - time.monotonic())
        relaxed_bound, hints = None, {}
        if len(part) > 1:  # each group alone: a lower bound for the part, and a start
            alone = [solve([s], work=budget / (2 * len(part)), wall=wall) for s in part]
            work_left -= sum(a.work for a in alone)
            elapsed += sum(a.time_s for a in alone)
            if all(a.status == "optimal" for a in alone):
                relaxed_bound = sum(a.objective for a in alone)
            for a in alone:
                hints.update(a.weekday_and_weeks(weeks))
        todo = list(part)
        while todo:
            whole = relaxed_bound if len(todo) == len(part) else None
            found = solve(todo, work=budget, wall=wall, hints=hints, at_least=whole)
            work_left -= found.work
            elapsed += found.time_s
            if found.status in ("optimal", "feasible"):
                part_bound = found.bound
                if relaxed_bound is not None and len(todo) == len(part):
                    part_bound = max(part_bound, relaxed_bound)
                all_optimal &= found.status == "optimal" or found.objective <= part_bound
                objective += found.objective
                bound += part_bound
                meetings.update(found.meetings)
                weekday.update(found.weekday)
                break
            if found.status == "unknown" and wall < MIN_PART_WALL_S:
                wall = MIN_PART_WALL_S  # out of time: a last, short try rather than no dates
                continue
            # infeasible (or no answer in time): find the groups that cannot be planned alone
            lone = [
                s
                for s in todo
                if len(todo) == 1
                or solve([s], work=5.0, wall=wall).status not in ("optimal", "feasible")
            ]
            if not lone:  # each fits alone, not together: leave the last out, plan the rest
                lone = todo[-1:]
            for s in lone:
                reasons[s.group.group] = _calendar_reason(s, settings, weeks, found.status, blocked)
                meetings[s.group.group], weekday[s.group.group] = [], None
            todo = [s for s in todo if s not in lone]
    status = "optimal" if all_optimal else "feasible"
    return Calendar(meetings, weekday, reasons, SolveFigures(status, objective, bound, elapsed))


def _components(slots: list[Slot], settings: PlanSettings) -> list[list[Slot]]:
    """Groups that could clash: same facilitator, a common weekday, and times (with the travel
    between the venues) that do not fit in one day. Each set is one model; a facilitator's
    morning and late-afternoon groups nearby never clash, so they are solved apart."""
    parent = list(range(len(slots)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_facilitator: dict[str, list[int]] = defaultdict(list)
    for i, slot in enumerate(slots):
        if slot.facilitator is not None:
            by_facilitator[slot.facilitator.fid].append(i)
    for members in by_facilitator.values():
        for a, i in enumerate(members):
            for j in members[a + 1 :]:
                clash = set(slots[i].days) & set(slots[j].days)
                if clash and not same_day_ok(slots[i], slots[j], settings):
                    parent[root(i)] = root(j)
    parts: dict[int, list[Slot]] = defaultdict(list)
    for i, slot in enumerate(slots):
        parts[root(i)].append(slot)
    return sorted(parts.values(), key=lambda p: p[0].group.group)


@dataclass
class _PartResult:
    status: str
    objective: int
    bound: int
    time_s: float
    work: float  # CP-SAT's deterministic time
    meetings: dict[int, list[Meeting]]
    weekday: dict[int, str | None]

    def weekday_and_weeks(self, weeks: _Weeks) -> dict[int, tuple[str, list[int]]]:
        """group -> (weekday, week of each meeting): a solution hint for a larger model."""
        return {
            g: (self.weekday[g], [(m.day - weeks.monday).days // 7 for m in ms])
            for g, ms in self.meetings.items()
            if self.weekday.get(g)
        }


def _hard_days(s: Slot, weeks: _Weeks, lang: str) -> set[date]:
    days = set(public_holidays(s.group.countries, weeks.monday, weeks.end, lang))
    if s.facilitator is not None:
        for period in s.facilitator.unavailable:
            first, last = max(period.first, weeks.monday), min(period.last, weeks.end)
            days.update(first + timedelta(days=i) for i in range((last - first).days + 1))
    return days


def _in_blocked(day: date, s: Slot, blocked: list[Period]) -> bool:
    return any(day in p and (p.country is None or p.country in s.group.countries) for p in blocked)


def _windows(settings: PlanSettings, weeks: _Weeks) -> list[range]:
    first = settings.kickoff_within_weeks - 1
    return [
        range(k * settings.weeks_min, min(first + k * settings.weeks_max, weeks.count - 1) + 1)
        for k in range(settings.meetings)
    ]


def _group_windows(s: Slot, windows: list[range], weeks: _Weeks) -> list[range]:
    """The weeks each meeting of the group may fall in: a fixed meeting's own week only."""
    found = []
    for k, window in enumerate(windows):
        day = s.fixed.get(k + 1)
        if day is None:
            found.append(window)
        else:
            week = (day - weeks.monday).days // 7
            found.append(range(week, week + 1) if 0 <= week < weeks.count else range(0))
    return found


def _solve_part(
    part: list[Slot],
    *,
    settings: PlanSettings,
    weeks: _Weeks,
    blocked: list[Period],
    seed: int,
    lang: str,
    work: float,
    wall: float,
    hints: dict[int, tuple[str, list[int]]] | None = None,
    at_least: int | None = None,
) -> _PartResult:
    """One CP-SAT model for groups that share a facilitator; ``work`` bounds it
    deterministically (same input, same answer), ``wall`` only guards a loaded machine.
    ``at_least`` is a proven lower bound on the cost (the groups solved alone)."""
    model = cp_model.CpModel()
    windows = _windows(settings, weeks)
    windows_ok = all(len(w) for s in part for w in _group_windows(s, windows, weeks))
    if not windows_ok or not all(s.days for s in part):
        return _PartResult("infeasible", 0, 0, 0.0, 0.0, {}, {})
    hard_blocked = settings.wishes["blocked_periods"].level == "hard"
    blocked_weight = settings.weight("blocked_periods")
    preferred = (settings.weeks_min + settings.weeks_max) // 2
    cost = []
    x: dict[tuple[int, int, int], cp_model.IntVar] = {}
    y: dict[tuple[int, str], cp_model.IntVar] = {}
    on: dict[tuple[int, int], cp_model.IntVar] = {}
    for s in part:
        g = s.group.group
        for d in s.days:
            y[g, d] = model.new_bool_var(f"y{g}{d}")
        model.add_exactly_one(y[g, d] for d in s.days)
        hard_days = _hard_days(s, weeks, lang)
        week_of = []
        for k, window in enumerate(_group_windows(s, windows, weeks)):
            for w in window:
                x[g, k, w] = model.new_bool_var(f"x{g}_{k}_{w}")
            model.add_exactly_one(x[g, k, w] for w in window)
            week_of.append(sum(w * x[g, k, w] for w in window))
            if k + 1 in s.fixed:  # the coordinator's date: checked when it was set
                continue
            for w in window:
                for d in s.days:
                    day = weeks.day(w, d)
                    outside = day < weeks.start or day > weeks.end
                    is_blocked = _in_blocked(day, s, blocked)
                    if outside or day in hard_days or (is_blocked and hard_blocked):
                        model.add_bool_or([x[g, k, w].Not(), y[g, d].Not()])
                    elif is_blocked and blocked_weight:
                        b = model.new_bool_var(f"b{g}_{k}_{w}{d}")
                        model.add_bool_or([x[g, k, w].Not(), y[g, d].Not(), b])
                        cost.append(blocked_weight * b)
        for k in range(len(windows) - 1):
            gap = week_of[k + 1] - week_of[k]
            model.add(gap >= settings.weeks_min)
            model.add(gap <= settings.weeks_max)
            if settings.weight("spacing"):
                deviation = model.new_int_var(0, settings.weeks_max, f"dev{g}_{k}")
                model.add_abs_equality(deviation, gap - preferred)
                cost.append(settings.weight("spacing") * deviation)
        if settings.weight("early_kickoff"):
            cost.append(settings.weight("early_kickoff") * week_of[0])
        for w in range(weeks.count):
            here = [
                x[g, k, w] for k in range(len(windows)) if (g, k, w) in x and k + 1 not in s.fixed
            ]
            if here:
                on[g, w] = model.new_bool_var(f"on{g}_{w}")
                model.add(sum(here) == on[g, w])
    for i, a in enumerate(part):
        for b in part[i + 1 :]:
            if same_day_ok(a, b, settings):
                continue
            ga, gb = a.group.group, b.group.group
            for one, other in ((a, b), (b, a)):  # a fixed date is taken for the other group
                og = other.group.group
                for day in one.fixed.values():
                    d, w = WEEKDAYS[day.weekday()], (day - weeks.monday).days // 7
                    if d in other.days and (og, w) in on:
                        model.add_bool_or([on[og, w].Not(), y[og, d].Not()])
            for d in set(a.days) & set(b.days):
                for w in range(weeks.count):
                    if (ga, w) in on and (gb, w) in on:
                        model.add_bool_or(
                            [on[ga, w].Not(), on[gb, w].Not(), y[ga, d].Not(), y[gb, d].Not()]
                        )
    for g, (day, chosen) in (hints or {}).items():
        for d in (d for s in part if s.group.group == g for d in s.days):
            model.add_hint(y[g, d], d == day)
        for k, w in enumerate(chosen):
            for other in windows[k]:
                if (g, k, other) in x:
                    model.add_hint(x[g, k, other], other == w)
    if at_least is not None:  # a proven lower bound: reaching it ends the search at once
        model.add(sum(cost) >= at_least)
    model.minimize(sum(cost))
    solver = cp_model.CpSolver()
    solver.parameters.max_deterministic_time = work
    solver.parameters.max_time_in_seconds = wall
    solver.parameters.num_workers = 1  # small models; one worker keeps runs identical
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    name = {cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible"}.get(status)
    if name is None:
        status_name = "infeasible" if status == cp_model.INFEASIBLE else "unknown"
        return _PartResult(status_name, 0, 0, solver.wall_time, solver.deterministic_time, {}, {})
    meetings: dict[int, list[Meeting]] = {}
    weekday: dict[int, str | None] = {}
    for s in part:
        g = s.group.group
        d = next(d for d in s.days if solver.boolean_value(y[g, d]))
        chosen = [
            next(w for w in window if solver.boolean_value(x[g, k, w]))
            for k, window in enumerate(_group_windows(s, windows, weeks))
        ]
        venue = s.group.venue.name if s.group.venue else None
        meetings[g] = [
            Meeting(k + 1, s.fixed.get(k + 1) or weeks.day(w, d), s.start, s.end, venue)
            for k, w in enumerate(chosen)
        ]
        weekday[g] = d
    return _PartResult(
        name,
        round(solver.objective_value),
        math.ceil(solver.best_objective_bound - 1e-6),
        solver.wall_time,
        solver.deterministic_time,
        meetings,
        weekday,
    )


def _calendar_reason(
    s: Slot, settings: PlanSettings, weeks: _Weeks, status: str, blocked: list[Period]
) -> tuple[str, str]:
    """Why a group's meetings could not be planned, and what would fix it (in words a
    coordinator can act on)."""
    g = s.group.group
    n, lo, hi = settings.meetings, settings.weeks_min, settings.weeks_max
    needed = weeks.monday + timedelta(weeks=(n - 1) * lo)
    if not s.days:
        return (
            f"Group {g} has no weekday that every member and the facilitator can make; "
            "another facilitator or wider days would fix it.",
            f"Groep {g} heeft geen weekdag waarop alle leden en de begeleider kunnen; een "
            "andere begeleider of meer dagen lost dat op.",
        )
    if needed > weeks.end:
        return (
            f"{n} meetings every {lo}-{hi} weeks do not fit between {weeks.start} and "
            f"{weeks.end}; end on {needed} or later (--end), or plan fewer meetings.",
            f"{n} bijeenkomsten om de {lo}-{hi} weken passen niet tussen {weeks.start} en "
            f"{weeks.end}; eindig op {needed} of later (--end), of plan minder bijeenkomsten.",
        )
    if status == "unknown":
        return (
            f"No calendar for group {g} was found within the time limit; allow more time.",
            f"Binnen de tijd is geen rooster voor groep {g} gevonden; geef meer tijd.",
        )
    hard_blocked = settings.wishes["blocked_periods"].level == "hard" and any(
        p.first <= weeks.end and p.last >= weeks.start
        and (p.country is None or p.country in s.group.countries)
        for p in blocked
    )  # fmt: skip
    what_en = ["public holidays"] + (["the blocked periods (never planned in)"] * hard_blocked)
    what_nl = ["feestdagen"] + (["de geblokkeerde periodes (nooit in plannen)"] * hard_blocked)
    if s.facilitator:
        what_en.append(f"{s.facilitator.name}'s unavailable periods")
        what_nl.append(f"de afwezigheid van {s.facilitator.name}")
    fix_en = ", blocked periods avoided rather than never used" if hard_blocked else ""
    fix_nl = (
        ", geblokkeerde periodes vermijden in plaats van nooit gebruiken" if hard_blocked else ""
    )
    return (
        f"Group {g} cannot meet {n} times every {lo}-{hi} weeks on "
        f"{day_names(s.days, 'en')}: {_listed(what_en, 'or')} block too many dates, or the "
        f"facilitator's other groups take them; a wider spacing (--weeks), a later end "
        f"(--end){fix_en} or another facilitator would fix it.",
        f"Groep {g} kan niet {n} keer om de {lo}-{hi} weken op {day_names(s.days, 'nl')} "
        f"bijeenkomen: {_listed(what_nl, 'of')} blokkeren te veel data, of de andere groepen "
        f"van de begeleider nemen ze in; ruimere tussenpozen (--weeks), een later einde "
        f"(--end){fix_nl} of een andere begeleider lost dat op.",
    )


def _listed(parts: list[str], word: str) -> str:
    """Parts joined as a coordinator writes them: "a, b or c" / "a, b of c"."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} {word} {parts[-1]}"
