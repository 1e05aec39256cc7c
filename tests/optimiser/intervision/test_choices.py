"""A line-up's moments and places are stored with it and kept by repair and re-scoring unless
a rule forces a change; a group the coordinator makes online needs no place (issue 12)."""

from __future__ import annotations

import numpy as np

from optimiser.intervision.build import build_problem
from optimiser.intervision.choices import GroupChoice, choices_of, with_choices
from optimiser.intervision.lineup import evaluate_lineup
from optimiser.intervision.settings import IntervisionSettings
from optimiser.intervision.venues import Venue
from optimiser.result import SolveParams
from optimiser.scoring import unplaced_penalty
from tests.optimiser.intervision.conftest import make_table
from workflow import groups_of, repair_lineup

SETTINGS = IntervisionSettings(min_size=4, max_size=6)
PARAMS = SolveParams(time_limit_s=20, work_limit_s=2, seed=0)
# three towns on a line, 0.1 degree of latitude apart (about 11 km)
VENUES = (Venue("Noord", 52.2, 5.0), Venue("Midden", 52.1, 5.0), Venue("Zuid", 52.0, 5.0))


def _people():
    """Fifteen people near Midden, each free mornings and evenings, within 40 km of every town."""
    rng = np.random.default_rng(4)
    return make_table(
        [
            {
                "function": ["Nurse", "GP", "Coach"][k % 3],
                "lat": 52.1 + 0.02 * rng.standard_normal(),
                "lon": 5.0 + 0.02 * rng.standard_normal(),
                "learn_give": ["learn", "give", "both"][k % 3],
                "meeting_moments": ("morning", "evening"),
                "max_travel_km": 40,
            }
            for k in range(15)
        ]
    )


LINEUP = {f"R{k + 2:04d}": 1 + k % 3 for k in range(15)}
# what the coordinator had: none of them the cheapest place, both moments allowed to all
STORED = {
    1: GroupChoice("evening", "Noord"),
    2: GroupChoice("morning", "Zuid"),
    3: GroupChoice("evening", "Zuid"),
}


def _problem(table=None, choices=STORED):
    problem = build_problem(_people() if table is None else table, SETTINGS, venues=VENUES)
    return with_choices(problem, choices, unplaced_penalty(problem.problem))


def _shown(problem, groups):
    return {
        g.group: (g.moment, g.venue.name if g.venue else None)
        for g in evaluate_lineup(problem, groups).groups
    }


def test_without_stored_choices_the_groups_choose_again():
    """What the stored values guard against: chosen afresh, every group meets at Midden."""
    fresh = build_problem(_people(), SETTINGS, venues=VENUES)
    assert {place for _, place in _shown(fresh, LINEUP).values()} == {"Midden"}


def test_a_re_solve_with_nothing_changed_keeps_every_groups_moment_and_place():
    problem = _problem()
    repair = repair_lineup(problem, LINEUP, PARAMS)
    assert repair.moves == [] and repair.changes == ()
    after = groups_of(repair.problem, repair.result)
    assert after == LINEUP
    assert _shown(repair.problem, after) == {g: (c.moment, c.place) for g, c in STORED.items()}


def test_one_move_keeps_the_other_groups_moments_and_places():
    moved = {**LINEUP, "R0002": 2}  # group 1 has 4 left, group 2 gets 6
    shown = _shown(_problem(), moved)
    assert shown == {g: (c.moment, c.place) for g, c in STORED.items()}


def test_a_rule_that_forces_a_change_is_named_among_the_reasons():
    """A newcomer in group 1 who cannot meet in the evening and lives far north: the moment
    changes (a hard rule forces it) and the repair says so; the place stays."""
    table = _people()
    table.at["R0002", "meeting_moments"] = ("morning",)
    repair = repair_lineup(_problem(table), LINEUP, PARAMS)
    assert groups_of(repair.problem, repair.result) == LINEUP
    (change,) = repair.changes
    assert (change.group, change.what, change.before, change.after) == (
        1,
        "moment",
        "evening",
        "morning",
    )
    assert "Person 2 (R0002)" in change.reason
    assert _shown(repair.problem, LINEUP)[1] == ("morning", "Noord")


def test_an_online_group_needs_no_place_and_travels_zero():
    choices = {**STORED, 2: GroupChoice("morning", "Zuid", online=True)}
    report = evaluate_lineup(_problem(choices=choices), LINEUP)
    online = next(g for g in report.groups if g.group == 2)
    assert online.online and online.meets_online and online.venue.online
    assert set(online.travel_km.values()) == {0.0}
    assert choices_of(report)[2] == GroupChoice("morning", "Online", True)
    assert not any(g.online for g in report.groups if g.group != 2)
    # everyone within 40 km of every town: no place rule cost for group 2, less travel overall
    plain = evaluate_lineup(_problem(), LINEUP)
    assert report.objective > plain.objective
