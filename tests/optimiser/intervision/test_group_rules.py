"""The group rules' words: what a group breaks, per rule and in both languages, and what a
group's moment and place give a member ("Why?")."""

import pytest

from optimiser.intervision.build import build_problem
from optimiser.intervision.lineup import evaluate_lineup
from optimiser.intervision.settings import IntervisionSettings
from optimiser.intervision.venues import Venue
from optimiser.intervision.why import person_fit

from .conftest import make_table

ALL_HARD = {
    key: {"level": "hard"}
    for key in ("time_budget", "learn_give_mix", "level_spread", "experience")
}


def six_people():
    """Six people near Utrecht who break every group rule when they share one group: one
    cannot make the morning, one cannot meet on Tuesday, one has a 1 km limit, levels 0..3,
    budgets 2..8 h, experience 0..2, and nobody comes to give. They meet in Utrecht or in
    Zwolle, where the one with the 1 km limit lives."""
    people = [
        {
            "lat": 52.09 + 0.01 * k,
            "lon": 5.12,
            "meeting_moments": ("morning",),
            "meeting_days": ("tue",),
            "level": 0,
            "time_budget_h_per_month": 4,
            "experience": 1,
            "learn_give": "learn",
            "max_travel_km": 30.0,
        }
        for k in range(6)
    ]
    people[1].update(meeting_moments=("evening",))
    people[2].update(meeting_days=("fri",))
    people[3].update(max_travel_km=1.0, lat=52.51, lon=6.09)
    people[4].update(level=3, time_budget_h_per_month=8, experience=2)
    people[5].update(time_budget_h_per_month=2, experience=0)
    return make_table(people)


ONE_GROUP = {f"R{k:04d}": 1 for k in range(2, 8)}
VENUES = (Venue("Utrecht", 52.09, 5.12), Venue("Zwolle", 52.51, 6.09))


def broken(language: str) -> dict[str, tuple[str, ...]]:
    settings = IntervisionSettings(language=language).with_overrides(rules=ALL_HARD)
    ip = build_problem(six_people(), settings, venues=VENUES)
    group = evaluate_lineup(ip, ONE_GROUP).groups[0]
    found: dict[str, tuple[str, ...]] = {}
    for key, sentence in group.broken_hard:
        found[key] = (*found.get(key, ()), sentence)
    return found


def test_every_broken_group_rule_names_the_people_in_english():
    found = broken("en")
    assert found["meeting_moment"] == ("Person 3 (R0003) cannot make the meeting moment (morning)",)
    assert found["meeting_day"] == ("Person 4 (R0004) cannot meet on Tuesday",)
    (venue,) = found["travel_limit"]
    assert venue.startswith("Person 5 (R0005) would travel ")
    assert venue.endswith(" km to Utrecht, more than their limit of 1 km")
    assert found["level_spread"] == (
        "Peers in hierarchy: from 0 (Person 2 (R0002)) to 3 (Person 6 (R0006)), more than 1 apart",
    )
    assert found["time_budget"] == (
        "Compatible time budgets: from 2 (Person 7 (R0007)) to 8 (Person 6 (R0006)), "
        "more than 2 apart",
    )
    assert found["experience"] == (
        "Similar intervision experience: from 0 (Person 7 (R0007)) to 2 (Person 6 (R0006)), "
        "more than 1 apart",
    )
    assert found["learn_give_mix:give"] == ("nobody in the group comes to give",)
    assert "learn_give_mix:learn" not in found


def test_every_broken_group_rule_names_the_people_in_dutch():
    found = broken("nl")
    assert found["meeting_moment"] == ("Person 3 (R0003) kan niet op het vergadermoment (ochtend)",)
    assert found["meeting_day"] == ("Person 4 (R0004) kan niet op dinsdag",)
    assert "meer dan de eigen grens van 1 km" in found["travel_limit"][0]
    assert found["level_spread"][0].startswith("Gelijken in hiërarchie: van 0 (Person 2 (R0002))")
    assert found["learn_give_mix:give"] == ("niemand in de groep komt om te geven",)


def test_a_group_without_any_common_moment_says_so():
    table = make_table([{"meeting_moments": (m,)} for m in ("morning", "evening")] * 3)
    ip = build_problem(table, IntervisionSettings())
    group = evaluate_lineup(ip, {pid: 1 for pid in ip.pids}).groups[0]
    moment = [s for key, s in group.broken_hard if key == "meeting_moment"]
    assert len(moment) == 3 and all("cannot make the meeting moment" in s for s in moment)


@pytest.mark.parametrize(
    ("language", "moment", "place"),
    [
        ("en", "the meeting moment (morning) suits them", "km to "),
        ("nl", "het vergadermoment (ochtend) past hen", "km naar "),
    ],
)
def test_why_says_what_the_groups_moment_and_place_give_a_member(language, moment, place):
    ip = build_problem(six_people(), IntervisionSettings(language=language), venues=VENUES)
    fit = person_fit(ip, ONE_GROUP, "R0002")
    practical = [s for s in fit.good if ":" not in s]
    assert practical[0] == moment
    assert (
        practical[1]
        == {
            "en": "0 km to Utrecht, within their own limit of 30 km",
            "nl": "0 km naar Utrecht, binnen de eigen grens van 30 km",
        }[language]
    )
    # who cannot make the moment or reach the place within their limit hears nothing of it
    assert not [s for s in person_fit(ip, ONE_GROUP, "R0003").good if "moment" in s]
    assert not [s for s in person_fit(ip, ONE_GROUP, "R0005").good if place in s]


def test_why_names_the_km_without_a_limit_when_travel_is_unlimited():
    settings = IntervisionSettings(default_travel_limit_km=0)
    table = make_table([{"lat": 52.09 + 0.01 * k, "lon": 5.12} for k in range(6)])
    ip = build_problem(table, settings, venues=VENUES)
    good = person_fit(ip, {pid: 1 for pid in ip.pids}, "R0002").good
    assert good[-1] == "0 km to Utrecht"
