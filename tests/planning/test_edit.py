"""A coordinator's change to a plan, checked at once (planning.edit), and planning again
around the fixed meetings (make_plan's ``fixed``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.weekdays import WEEKDAYS
from planning.edit import (
    check_facilitator_swap,
    check_meeting_move,
    day_words,
    move_meeting,
    swap_facilitator,
)
from planning.periods import Period, public_holidays
from planning.plan import make_plan
from planning.settings import PlanSettings
from tests.planning.conftest import ZWOLLE, facilitator, group
from tests.planning.test_properties import START, check, instances

S = PlanSettings(meetings=4, weeks_min=4, weeks_max=6, kickoff_within_weeks=3, time_limit_s=10)
END = START + timedelta(weeks=40)


def planned(groups=None, facilitators=None, **kwargs):
    groups = groups or [group(1), group(2)]
    facilitators = facilitators or [facilitator("F1", capacity=1), facilitator("F2", capacity=1)]
    plan = make_plan(groups, facilitators, S, start=START, end=END, workers=1, **kwargs)
    assert all(g.facilitator and g.meetings for g in plan.groups)
    return plan


def texts(broken) -> str:
    return " | ".join(b.en for b in broken) + " || " + " | ".join(b.nl for b in broken)


def same_weekday_near(day: date, weeks: int) -> date:
    return day + timedelta(weeks=weeks)


def test_day_words_in_both_languages() -> None:
    assert day_words(date(2027, 3, 9), "en") == "Tuesday 9 March 2027"
    assert day_words(date(2027, 3, 9), "nl") == "dinsdag 9 maart 2027"


def test_a_public_holiday_is_refused_with_its_name() -> None:
    plan = planned()
    kings_day = date(2027, 4, 27)
    assert kings_day in public_holidays(("NL",), kings_day, kings_day, "en")
    broken = check_meeting_move(plan, S, 1, 2, kings_day, fixed=set())
    assert "public holiday" in texts(broken) and "feestdag" in texts(broken)
    assert "Koningsdag" in texts(broken)


def test_a_day_a_member_cannot_make_is_refused() -> None:
    plan = planned([group(1, weekdays=("tue", "thu")), group(2)])
    gp = plan.groups[0]
    monday = gp.meetings[1].day - timedelta(days=gp.meetings[1].day.weekday())
    broken = check_meeting_move(plan, S, 1, 2, monday, fixed=set())
    assert "Not every member of group 1 can meet on a Monday" in texts(broken)
    assert "Tuesday, Thursday" in texts(broken)


def test_the_facilitators_unavailable_period_and_days_are_refused() -> None:
    plan = planned()
    gp = plan.groups[0]
    away = gp.meetings[2].day + timedelta(weeks=1)
    f = plan.facilitator(gp.facilitator)
    plan.facilitators = [
        replace(x, unavailable=(Period(away, away),), weekdays=("mon", "tue", "wed", "thu", "fri"))
        if x.fid == f.fid else x
        for x in plan.facilitators
    ]  # fmt: skip
    broken = check_meeting_move(plan, S, gp.group, 3, away, fixed=set())
    assert f"{f.name} is unavailable from {away} to {away}" in texts(broken)
    saturday = away + timedelta(days=5 - away.weekday())
    broken = check_meeting_move(plan, S, gp.group, 3, saturday, fixed=set())
    assert "is only available on Monday, Tuesday, Wednesday, Thursday, Friday" in texts(broken)


def test_a_facilitator_is_never_double_booked_by_a_move() -> None:
    groups = [group(1), group(2, venue=ZWOLLE)]
    plan = planned(groups, [facilitator("F1", capacity=2, max_travel_km=200.0)])
    other = plan.groups[1].meetings[2].day
    broken = check_meeting_move(plan, S, 1, 3, other, fixed=set())
    assert "already leads group 2" in texts(broken)
    assert "begeleidt op" in texts(broken)


def test_spacing_is_checked_against_the_neighbours_and_only_the_fixed_ones_on_replan() -> None:
    plan = planned()
    gp = plan.groups[0]
    close = gp.meetings[2].day - timedelta(weeks=3)  # too close after meeting 2
    broken = check_meeting_move(plan, S, gp.group, 3, close)
    assert "weeks after meeting" in texts(broken)
    # planning the rest around it: only fixed neighbours count, so the same move passes
    assert not [
        b for b in check_meeting_move(plan, S, gp.group, 3, close, fixed=set())
        if "weeks after" in b.en
    ]  # fmt: skip


def test_the_kickoff_stays_early() -> None:
    plan = planned()
    late = plan.groups[0].meetings[0].day + timedelta(weeks=S.kickoff_within_weeks + 1)
    broken = check_meeting_move(plan, S, 1, 1, late, fixed=set())
    assert "kick-off must be in the programme's first" in texts(broken)


def test_outside_the_programme_is_refused() -> None:
    plan = planned()
    broken = check_meeting_move(plan, S, 1, S.meetings, END + timedelta(days=7), fixed=set())
    assert "outside the programme" in texts(broken)


def test_a_swap_checks_capacity_conflict_distance_and_moment() -> None:
    far = facilitator("F3", home=ZWOLLE, max_travel_km=30.0, organisation="Zorg Noord",
                      moments=("evening",))  # fmt: skip
    plan = planned(facilitators=[facilitator("F1", capacity=1), facilitator("F2", capacity=1), far])
    taken = plan.groups[1].facilitator
    broken = check_facilitator_swap(plan, S, 1, taken)
    assert "has room for 1 group(s) a year and already has 2" in texts(broken)
    broken = texts(check_facilitator_swap(plan, S, 1, "F3"))
    assert "from the organisation of a member" in broken
    assert "limit is 30 km" in broken
    assert "cannot make the morning" in broken


def test_an_accepted_swap_and_move_are_applied() -> None:
    plan = planned(facilitators=[facilitator("F1", capacity=1), facilitator("F2", capacity=1),
                                 facilitator("F3", capacity=1)])  # fmt: skip
    free = next(f.fid for f in plan.facilitators if not plan.groups_of(f.fid))
    assert check_facilitator_swap(plan, S, 1, free) == []
    swap_facilitator(plan, 1, free)
    assert plan.groups[0].facilitator == free
    last = plan.groups[0].meetings[-1]
    for shift in (1, -1):
        day = last.day + timedelta(weeks=shift)
        if not check_meeting_move(plan, S, 1, last.number, day):
            move_meeting(plan, 1, last.number, day)
            assert plan.groups[0].meetings[-1].day == day
            return
    raise AssertionError("neither a week earlier nor later fits")


def test_planning_again_keeps_a_fixed_date_on_another_weekday() -> None:
    plan = planned()
    gp = plan.groups[0]
    third = gp.meetings[2].day
    other_day = next(
        third + timedelta(days=d) for d in (1, -1, 2, -2)
        if WEEKDAYS[(third + timedelta(days=d)).weekday()] in ("mon", "tue", "wed", "thu", "fri")
        and not public_holidays(("NL",), third + timedelta(days=d), third + timedelta(days=d), "en")
    )  # fmt: skip
    groups = [group(1), group(2)]
    facilitators = [facilitator("F1", capacity=1), facilitator("F2", capacity=1)]
    fixed = {gp.group: {3: other_day}}
    again = make_plan(groups, facilitators, S, start=START, end=END, workers=1, fixed=fixed)
    kept = next(g for g in again.groups if g.group == gp.group)
    assert kept.meetings[2].day == other_day
    check(groups, facilitators, S, [], END, again, fixed=fixed)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.data())
def test_an_accepted_move_keeps_every_rule_and_survives_planning_again(instance, data) -> None:
    groups, facilitators, s, blocked, end = instance
    plan = make_plan(groups, facilitators, s, start=START, end=end, blocked=blocked, workers=1)
    planned_groups = [g for g in plan.groups if g.meetings]
    if not planned_groups:
        return
    gp = data.draw(st.sampled_from(planned_groups))
    number = data.draw(st.integers(1, len(gp.meetings)))
    old = gp.meetings[number - 1].day
    day = old + timedelta(days=data.draw(st.integers(-21, 21)))
    broken = check_meeting_move(plan, s, gp.group, number, day, blocked=blocked)
    if broken:
        assert all(b.en and b.nl for b in broken)
        return
    move_meeting(plan, gp.group, number, day)
    fixed = {gp.group: {number: day}}
    check(groups, facilitators, s, blocked, end, plan, fixed=fixed)
    pinned = [replace(f, pinned_groups=(gp.group,)) if f.fid == gp.facilitator else f
              for f in facilitators]  # fmt: skip
    again = make_plan(groups, pinned, s, start=START, end=end, blocked=blocked, workers=1,
                      fixed=fixed)  # fmt: skip
    kept = next(g for g in again.groups if g.group == gp.group)
    assert kept.facilitator == gp.facilitator
    assert kept.meetings and kept.meetings[number - 1].day == day
    check(groups, pinned, s, blocked, end, again, fixed=fixed)


def test_a_swap_refused_for_clashing_dates_is_kept_when_the_dates_are_planned_again() -> None:
    """Both groups meet on Tuesday mornings in Utrecht; F1 already leads group 2. On the
    current dates F1 clashes (one sentence, not one per meeting); with the dates planned
    again only the fixed ones count, and the re-plan keeps F1 on both without double booking."""
    groups = [group(1, weekdays=("tue",)), group(2, weekdays=("tue",))]
    facilitators = [facilitator("F1", pinned_groups=(2,)), facilitator("F2", pinned_groups=(1,))]
    plan = planned(groups, facilitators)
    one, two = plan.groups
    clashing = [m.day for m in one.meetings if m.day in {d.day for d in two.meetings}]
    assert clashing, "the two groups were planned on different days; the test needs a clash"
    broken = check_facilitator_swap(plan, S, 1, "F1")
    clash = [b for b in broken if "already leads group 2" in b.en]
    assert len(clash) == 1 and "begeleidt op" in clash[0].nl
    if len(clashing) > 1:
        assert f"and {len(clashing) - 1} more day(s)" in clash[0].en
    assert check_facilitator_swap(plan, S, 1, "F1", fixed=set()) == []
    if one.meetings[0].day in clashing:  # a fixed date still counts
        assert check_facilitator_swap(plan, S, 1, "F1", fixed={1})
    repinned = [facilitator("F1", pinned_groups=(1, 2)), facilitator("F2")]
    again = make_plan(groups, repinned, S, start=START, end=END, workers=1)
    assert [g.facilitator for g in again.groups] == ["F1", "F1"]
    check(groups, repinned, S, [], END, again)
