"""Facilitator assignment: hard rules, capacity, pins, soft wishes, and reasons in words."""

from __future__ import annotations

from planning.assign import assign_facilitators, fit
from planning.model import Place
from planning.plan import make_plan
from planning.settings import PlanSettings, Wish
from road import road_km
from tests.planning.conftest import APELDOORN, END, START, ZWOLLE, facilitator, group

SETTINGS = PlanSettings(time_limit_s=5.0)


def assign(groups, facilitators, settings=SETTINGS):
    return assign_facilitators(groups, facilitators, settings, time_limit_s=5.0, workers=1)


def test_each_hard_rule_is_a_reason() -> None:
    g = group(1, moment="evening", weekdays=("tue",))
    assert fit(g, facilitator("F1", organisation="Zorg Noord")).reasons == ("conflict",)
    assert fit(g, facilitator("F1", moments=("morning",))).reasons == ("moment",)
    assert fit(g, facilitator("F1", weekdays=("mon", "wed"))).reasons == ("weekday",)
    assert fit(g, facilitator("F1", home=ZWOLLE, max_travel_km=60)).reasons == ("distance",)
    assert fit(g, facilitator("F1", capacity=0)).reasons == ("capacity",)
    assert fit(g, facilitator("F1", weekdays=("tue", "thu"))).days == ("tue",)


def test_a_member_is_not_their_own_groups_facilitator() -> None:
    g = group(1, emails=frozenset({"anna@example.org"}))
    assert "conflict" in fit(g, facilitator("F1", email="Anna@example.org")).reasons


def test_capacity_is_never_exceeded_and_coverage_comes_first() -> None:
    groups = [group(n) for n in range(1, 6)]
    facilitators = [facilitator("F1", capacity=3), facilitator("F2", capacity=1)]
    chosen = assign(groups, facilitators).chosen
    assert sum(v == "F1" for v in chosen.values()) == 3
    assert sum(v == "F2" for v in chosen.values()) == 1
    assert list(chosen.values()).count(None) == 1


def test_even_load_spreads_the_groups() -> None:
    groups = [group(n) for n in range(1, 5)]
    facilitators = [facilitator("F1", capacity=4), facilitator("F2", capacity=4)]
    chosen = assign(groups, facilitators).chosen
    assert sorted(list(chosen.values()).count(f) for f in ("F1", "F2")) == [2, 2]


def test_travel_chooses_the_nearer_facilitator() -> None:
    near = facilitator("F1")
    far = facilitator("F2", home=Place("Amersfoort", 52.155, 5.3875))
    assert assign([group(1)], [far, near]).chosen[1] == "F1"


def test_discipline_preference_same_and_different() -> None:
    same = facilitator("F1", families=("wijkverpleging",))
    other = facilitator("F2", families=("psychologie",))
    for preference, expected in (("same", "F1"), ("different", "F2")):
        settings = PlanSettings(discipline_preference=preference, wishes={"travel": Wish("off", 0)})
        assert assign([group(1)], [same, other], settings).chosen[1] == expected


def test_pins_and_last_rounds_facilitator_are_kept() -> None:
    groups = [group(1), group(2)]
    pinned = [facilitator("F1", capacity=1), facilitator("F2", capacity=1, pinned_groups=(1,))]
    assert assign(groups, pinned).chosen == {1: "F2", 2: "F1"}
    previous = [facilitator("F1", capacity=1), facilitator("F2", capacity=1, previous_groups=(1,))]
    assert assign(groups, previous).chosen == {1: "F2", 2: "F1"}


def test_the_reason_names_the_nearest_fix() -> None:
    fenna = facilitator("F1", name="Fenna Bakker", home=APELDOORN, max_travel_km=60)
    g = group(1, moment="evening", weekdays=("tue",), venue=ZWOLLE)
    g_far = group(2, moment="evening", weekdays=("tue",), venue=Place("Utrecht", 52.0908, 5.1222))
    plan = make_plan([g_far], [fenna], SETTINGS, start=START, end=END)
    reason = plan.groups[0].reason("en")
    assert reason.startswith("No facilitator can make Tuesday (evening) within reach of Utrecht")
    km = road_km(APELDOORN.lat, APELDOORN.lon, 52.0908, 5.1222)
    assert 75 < km <= 80
    assert "Fenna Bakker could if their limit were 80 km (now 60 km)" in reason
    assert "Fenna Bakker zou kunnen met een grens van 80 km" in plan.groups[0].reason("nl")
    assert plan.groups[0].meetings, "a group without a facilitator still gets its dates"
    assert fit(g, fenna).ok


def test_full_facilitators_are_named() -> None:
    plan = make_plan(
        [group(1), group(2)], [facilitator("F1", capacity=1)], SETTINGS, start=START, end=END
    )
    reasons = [g.reason("en") for g in plan.groups]
    assert sum(r is not None and "at their capacity" in r for r in reasons) == 1
    full = next(g for g in plan.groups if g.reason("en"))
    assert "Facilitator F1 could if they took 2 groups a year (now 1)" in full.reason("en")
    assert "Facilitator F1 zou kunnen met 2 groepen per jaar (nu 1)" in full.reason("nl")


def test_a_group_free_on_every_workday_is_said_in_words() -> None:
    far = facilitator("F1", name="Fenna Bakker", home=APELDOORN, max_travel_km=10)
    plan = make_plan([group(1)], [far], SETTINGS, start=START, end=END)
    assert plan.groups[0].reason("en").startswith(
        "No facilitator can make any workday (morning) within reach of Utrecht"
    )
    assert plan.groups[0].reason("nl").startswith("Geen begeleider kan op een werkdag (ochtend)")


def test_the_moment_fix_reads_as_dutch() -> None:
    morning_only = facilitator("F1", name="Fenna Bakker", home=ZWOLLE, moments=("morning",))
    g = group(1, moment="late_afternoon", weekdays=("tue",), venue=ZWOLLE)
    plan = make_plan([g], [morning_only], SETTINGS, start=START, end=END)
    reason = plan.groups[0].reason("nl")
    assert "Fenna Bakker zou kunnen als die aan het eind van de middag kan" in reason
    assert "in de eind" not in reason
