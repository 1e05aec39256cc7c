"""The rule travel_balance: the farthest member's km costs once per group, on top of travel, and
the meeting place is chosen with both in view; reports and explain show farthest and average."""

from __future__ import annotations

import numpy as np
import pytest
from ortools.sat.python import cp_model

from optimiser.construction import slot_count
from optimiser.intervision.build import build_problem
from optimiser.intervision.lineup import evaluate_lineup, explain_person
from optimiser.intervision.settings import IntervisionSettings
from optimiser.intervision.venues import Venue
from optimiser.model import build, slot_bounds
from optimiser.problem import CommonOption
from optimiser.scoring import score, unplaced_penalty

from .conftest import make_table

# Five people in a town on a line of longitude and one 0.3 degrees (about 43 road km) north.
# The venue that minimises the sum is in the town; the one that minimises the farthest member's
# travel lies between.
TOWN, MIDWAY, NORTH = (
    Venue("Town", 52.0, 5.0),
    Venue("Midway", 52.15, 5.0),
    Venue("North", 52.3, 5.0),
)


def _table():
    people = [{"function": "Nurse", "lat": 52.0 + 0.002 * k, "lon": 5.0} for k in range(5)]
    people.append({"function": "Nurse", "lat": 52.3, "lon": 5.0})
    return make_table(people)


def _settings(weight: int, **changes) -> IntervisionSettings:
    level = "soft" if weight else "off"
    rules = {"travel_balance": {"level": level, "weight": weight}}
    return IntervisionSettings().with_overrides(rules=rules, **changes)


ALL_TOGETHER = {f"R{k:04d}": 1 for k in range(2, 8)}


def test_the_rule_puts_the_farthest_members_km_on_the_meeting_place_once_per_group():
    ip = build_problem(_table(), _settings(8), venues=[TOWN, MIDWAY, NORTH])
    venue_rule = next(r for r in ip.problem.group_rules if r.key == ip.venue_key)
    assert isinstance(venue_rule, CommonOption)
    expected = np.rint(ip.venue_km * 8).astype(int)
    assert np.array_equal(np.array(venue_rule.max_cost), expected)
    off = build_problem(_table(), _settings(0), venues=[TOWN, MIDWAY, NORTH])
    assert next(r for r in off.problem.group_rules if r.key == off.venue_key).max_cost is None


def test_without_the_rule_the_sum_picks_the_town_and_with_it_the_place_moves_towards_the_far_one():
    plain = evaluate_lineup(
        build_problem(_table(), _settings(0), venues=[TOWN, MIDWAY, NORTH]), ALL_TOGETHER
    )
    fair = evaluate_lineup(
        build_problem(_table(), _settings(24), venues=[TOWN, MIDWAY, NORTH]), ALL_TOGETHER
    )
    # moving the place 1 km north saves the far member 1 km (4 + 24) and costs the five in
    # town 5 km (5 x 4): at weight 24 the place moves, at weight 0 it stays in town
    (before,), (after,) = plain.groups, fair.groups
    assert before.venue == TOWN and after.venue == MIDWAY
    assert after.travel_km_max < before.travel_km_max
    assert before.travel_km_max == max(before.travel_km.values())
    assert before.travel_km_mean == pytest.approx(
        sum(before.travel_km.values()) / len(before.travel_km), abs=0.05
    )
    # the cost is reported under its own rule, and the totals still add up
    balance = next(r for r in after.rules if r.key == "travel_balance")
    ip = build_problem(_table(), _settings(24), venues=[TOWN, MIDWAY, NORTH])
    assert balance.score == -round(24 * ip.venue_km[:, 1].max())
    assert fair.per_rule["travel_balance"] == balance.score
    assert sum(fair.per_rule.values()) == fair.objective
    assert "travel_balance" not in plain.per_rule


@pytest.mark.parametrize("limit_level", ["hard", "off"])
def test_scorer_and_cp_sat_agree_on_a_fixed_lineup(limit_level):
    """The CP-SAT model's objective with every person fixed equals the scorer's, whichever rule
    carries the meeting place."""
    table = _table()
    table["max_travel_km"] = 60.0
    settings = _settings(8).with_overrides(rules={"travel_limit": {"level": limit_level}})
    problem = build_problem(table, settings, venues=[TOWN, MIDWAY, NORTH]).problem
    slots = slot_count(problem)
    gm = build(
        problem,
        range(problem.n),
        range(slots),
        penalty=unplaced_penalty(problem),
        can_leave_out=True,
        bounds=slot_bounds(problem, slots),
        must_be_active=set(),
        break_symmetry=False,
    )
    for (_, s), var in gm.x.items():
        gm.model.Add(var == int(s == 0))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.Solve(gm.model) == cp_model.OPTIMAL
    assert round(solver.ObjectiveValue()) == score(problem, [list(range(problem.n))]).objective


def test_explain_says_how_a_move_changes_farthest_and_average_travel():
    people = [{"function": "Nurse", "lat": 52.0 + 0.002 * k, "lon": 5.0} for k in range(5)]
    people += [{"function": "Nurse", "lat": 52.3 + 0.002 * k, "lon": 5.0} for k in range(5)]
    people.append({"function": "Nurse", "lat": 52.3, "lon": 5.0})
    ip = build_problem(make_table(people), _settings(8), venues=[TOWN, NORTH])
    lineup = {f"R{k:04d}": 1 if k < 7 or k == 12 else 2 for k in range(2, 13)}
    moves = explain_person(ip, lineup, "R0012")  # the northerner sitting in the town's group
    sentence = moves.loc[moves["group"] == 2, "travel_km"].item()
    report = {g.group: g for g in evaluate_lineup(ip, lineup).groups}
    assert f"group 1: farthest {report[1].travel_km_max:.0f} -> " in sentence
    assert "group 2: farthest 1 -> 1 km" in sentence  # joining the north costs them nothing
    assert moves.loc[moves["group"] == 2, "travel_balance"].item() > 0
    dutch = explain_person(
        build_problem(make_table(people), _settings(8, language="nl"), venues=[TOWN, NORTH]),
        lineup,
        "R0012",
    )
    assert "groep 1: verste" in dutch["travel_km"].iloc[0]


def test_solver_with_the_rule_keeps_hard_rules_and_lowers_the_farthest_travel():
    """Two towns and a member in between: the line-up found with the rule has a farthest
    member no farther than without it, and breaks no hard rule."""
    from optimiser.result import SolveParams
    from optimiser.solve import solve

    people = [{"function": "Nurse", "lat": 52.0 + 0.004 * k, "lon": 5.0} for k in range(6)]
    people += [{"function": "Nurse", "lat": 52.4 + 0.004 * k, "lon": 5.0} for k in range(6)]
    people.append({"function": "Nurse", "lat": 52.2, "lon": 5.0})
    table = make_table(people)
    farthest = {}
    for weight in (0, 16):
        ip = build_problem(
            table, _settings(weight), venues=[TOWN, MIDWAY, NORTH, Venue("S", 52.4, 5)]
        )
        result = solve(ip.problem, SolveParams(time_limit_s=5, seed=0))
        groups = {ip.pids[i]: g + 1 for g, members in enumerate(result.groups) for i in members}
        report = evaluate_lineup(ip, groups)
        assert report.hard_violations == 0 and not report.unplaced
        farthest[weight] = max(g.travel_km_max for g in report.groups)
    assert farthest[16] <= farthest[0]


def test_members_without_a_location_have_no_travel_figures():
    table = make_table([{"function": "Nurse"} for _ in range(5)])
    report = evaluate_lineup(
        build_problem(table, _settings(8)), {f"R{k:04d}": 1 for k in range(2, 7)}
    )
    (group,) = report.groups
    assert group.travel_km == {}
    assert group.travel_km_max is None and group.travel_km_mean is None
