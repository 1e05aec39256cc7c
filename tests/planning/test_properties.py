"""Property tests of the plan on random instances, checked by an independent checker.

Every plan must respect capacity, public holidays, unavailable and hard-blocked periods, never
double-book a facilitator, keep the spacing, and put every meeting on a day and at a moment
that all members and the facilitator can make. Instances are small, so every solve ends on
proof long before its time limit (the limit only bounds a run; nothing depends on it).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import pairwise

import holidays
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.weekdays import WEEKDAYS
from planning.model import Place
from planning.periods import Period
from planning.plan import make_plan
from planning.settings import MOMENTS, PlanSettings, Wish
from road import road_km
from tests.planning.conftest import facilitator, group

WORKDAYS = WEEKDAYS[:5]
START = date(2027, 1, 4)

days_subset = st.lists(st.sampled_from(WORKDAYS), unique=True, max_size=3).map(tuple)
places = st.builds(
    lambda lat, lon: Place(f"{lat:.2f},{lon:.2f}", lat, lon),
    st.floats(51.4, 52.6),
    st.floats(4.4, 6.2),
)


@st.composite
def periods(draw) -> tuple[Period, ...]:
    found = []
    for _ in range(draw(st.integers(0, 2))):
        first = START + timedelta(days=draw(st.integers(0, 300)))
        found.append(Period(first, first + timedelta(days=draw(st.integers(0, 20)))))
    return tuple(found)


@st.composite
def instances(draw):
    n_groups = draw(st.integers(1, 5))
    n_facilitators = draw(st.integers(1, 4))
    groups = [
        group(
            g + 1,
            moment=draw(st.sampled_from(MOMENTS)),
            venue=draw(places),
            weekdays=draw(days_subset.filter(bool)),
            countries=tuple(
                draw(st.lists(st.sampled_from(["NL", "BE"]), min_size=1, max_size=2, unique=True))
            ),
            organisations=frozenset({f"org{draw(st.integers(0, 3))}"}),
        )
        for g in range(n_groups)
    ]
    facilitators = [
        facilitator(
            f"F{i + 1}",
            home=draw(places),
            capacity=draw(st.integers(0, 3)),
            weekdays=draw(days_subset),
            moments=tuple(draw(st.lists(st.sampled_from(MOMENTS), unique=True, max_size=3))),
            unavailable=draw(periods()),
            max_travel_km=float(draw(st.integers(20, 200))),
            organisation=f"org{draw(st.integers(0, 5))}",
        )
        for i in range(n_facilitators)
    ]
    low = draw(st.integers(2, 5))
    plan_settings = PlanSettings(
        meetings=draw(st.integers(2, 5)),
        weeks_min=low,
        weeks_max=low + draw(st.integers(0, 3)),
        kickoff_within_weeks=draw(st.integers(1, 4)),
        duration_h=draw(st.sampled_from([2.0, 3.0, 4.0])),
        time_limit_s=20.0,
        wishes={"blocked_periods": Wish("hard", 100)},
    )
    blocked = list(draw(periods()))
    end = START + timedelta(weeks=draw(st.integers(20, 52)))
    return groups, facilitators, plan_settings, blocked, end


def check(groups, facilitators, s: PlanSettings, blocked, end, plan, fixed=None) -> None:
    """The plan's invariants, computed from scratch (no planner code but road_km). Meetings
    the coordinator ``fixed`` (group -> number -> date) may be on another weekday."""
    fixed = fixed or {}
    by_fid = {f.fid: f for f in facilitators}
    info = {g.group: g for g in groups}
    load = {f.fid: 0 for f in facilitators}
    booked: dict[tuple[str, date], list[tuple[datetime, datetime, Place]]] = {}
    for gp in plan.groups:
        g = info[gp.group]
        f = by_fid.get(gp.facilitator) if gp.facilitator else None
        if f is None:
            assert gp.reason("en") and gp.reason("nl")
        else:
            load[f.fid] += 1
            assert not f.moments or g.moment in f.moments
            assert not (f.organisation and f.organisation.casefold() in g.organisations)
            km = road_km(f.home.lat, f.home.lon, g.venue.lat, g.venue.lon)
            assert km <= f.max_travel_km + 1e-9
        if not gp.meetings:
            assert gp.calendar_reason_en and gp.calendar_reason_nl
            continue
        assert len(gp.meetings) == s.meetings
        tables = {c: holidays.country_holidays(c, years=range(2027, 2029)) for c in g.countries}
        for m in gp.meetings:
            weekday = WEEKDAYS[m.day.weekday()]
            assert weekday in g.weekdays and weekday in s.weekdays
            assert f is None or not f.weekdays or weekday in f.weekdays
            assert START <= m.day <= end
            assert m.start == s.start_times[g.moment]
            assert all(m.day not in t for t in tables.values()), "public holiday"
            assert all(m.day not in p for p in blocked), "blocked period"
            if f is not None:
                assert all(m.day not in p for p in f.unavailable), "facilitator away"
                slot = (datetime.combine(m.day, m.start), datetime.combine(m.day, m.end), g.venue)
                booked.setdefault((f.fid, m.day), []).append(slot)
        kickoff_week = (gp.meetings[0].day - START).days // 7
        assert kickoff_week < s.kickoff_within_weeks
        for a, b in pairwise(gp.meetings):
            weeks = ((b.day - a.day).days + a.day.weekday() - b.day.weekday()) // 7
            assert s.weeks_min <= weeks <= s.weeks_max
            if not {a.number, b.number} & set(fixed.get(gp.group, {})):
                assert a.day.weekday() == b.day.weekday()
    for fid, n in load.items():
        assert n <= by_fid[fid].capacity
    for slots in booked.values():
        slots.sort(key=lambda t: t[0])
        for (_, end_a, place_a), (start_b, _, place_b) in pairwise(slots):
            travel = (
                road_km(place_a.lat, place_a.lon, place_b.lat, place_b.lon) / 60 * 60
            )  # km at 60 km/h, in minutes
            assert end_a + timedelta(minutes=travel) <= start_b, "double booked"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_random_plans_keep_every_rule(instance) -> None:
    groups, facilitators, s, blocked, end = instance
    plan = make_plan(groups, facilitators, s, start=START, end=end, blocked=blocked, workers=1)
    check(groups, facilitators, s, blocked, end, plan)


@settings(max_examples=10, deadline=None)
@given(instances())
def test_same_input_same_plan(instance) -> None:
    groups, facilitators, s, blocked, end = instance
    first, second = (
        make_plan(groups, facilitators, s, start=START, end=end, blocked=blocked, workers=1)
        for _ in range(2)
    )
    assert [(g.facilitator, g.meetings) for g in first.groups] == [
        (g.facilitator, g.meetings) for g in second.groups
    ]


def test_one_facilitator_with_three_groups_on_one_day_is_not_double_booked() -> None:
    """The double-booking rule does bind: three morning groups, one Tuesday-only facilitator."""
    groups = [group(n, weekdays=("tue",)) for n in (1, 2, 3)]
    facilitators = [facilitator("F1", capacity=3, weekdays=("tue",))]
    s = PlanSettings(meetings=4, weeks_min=2, weeks_max=4, kickoff_within_weeks=3)
    end = START + timedelta(weeks=30)
    plan = make_plan(groups, facilitators, s, start=START, end=end, workers=1)
    assert all(g.facilitator == "F1" and g.meetings for g in plan.groups)
    days = [m.day for g in plan.groups for m in g.meetings]
    assert len(days) == len(set(days))
    check(groups, facilitators, s, [], end, plan)
