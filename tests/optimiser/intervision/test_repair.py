"""Repair of a proposed line-up: needs the solver (``optimiser.solve``)."""

import threading

import numpy as np

from optimiser.intervision.build import build_problem
from optimiser.intervision.lineup import Move, evaluate_lineup, lineup_from_result, repair_lineup
from optimiser.intervision.settings import IntervisionSettings
from optimiser.result import SolveParams

from .conftest import make_table

SETTINGS = IntervisionSettings()
PARAMS = SolveParams(time_limit_s=10, seed=0)


def eighteen_people():
    """Three functions, learners and givers spread evenly; R0002 reports to R0003."""
    rng = np.random.default_rng(1)
    people = [
        {
            "function": ["Nurse", "GP", "Coach"][k % 3],
            "lat": 52 + 0.3 * rng.random(),
            "lon": 5 + 0.3 * rng.random(),
            "learn_give": ["learn", "give", "both"][k % 3],
            "level": k % 2,
            "meeting_moments": ("morning",),
        }
        for k in range(18)
    ]
    people[0]["manager_pid"] = "R0003"
    return make_table(people)


VALID = {f"R{k + 2:04d}": 1 + k % 3 for k in range(18)}


def group_of(repair):
    lineup = lineup_from_result(repair.problem, repair.result)
    return dict(zip(lineup["pid"], lineup["group"], strict=True))


def test_a_valid_lineup_is_kept_unchanged():
    table = eighteen_people()
    assert evaluate_lineup(build_problem(table, SETTINGS), VALID).hard_violations == 0
    repair = repair_lineup(table, SETTINGS, VALID, params=PARAMS)
    assert repair.moves == []
    assert group_of(repair) == VALID


def test_a_broken_lineup_moves_the_minimum():
    broken = {**VALID, "R0003": VALID["R0002"]}  # manager joins their report's group
    repair = repair_lineup(eighteen_people(), SETTINGS, broken, params=PARAMS)
    assert len(repair.moves) == 1
    move = repair.moves[0]
    assert move.pid in ("R0002", "R0003") and move.from_group == VALID["R0002"]
    assert "manager" in move.reason
    assert evaluate_lineup(repair.problem, group_of(repair)).hard_violations == 0


def test_newcomers_are_placed_and_pins_respected():
    proposed = {pid: g for pid, g in VALID.items() if pid != "R0019"}
    repair = repair_lineup(eighteen_people(), SETTINGS, proposed, pins={"R0010": 2}, params=PARAMS)
    groups = group_of(repair)
    assert groups["R0010"] == 2
    pinned = [m for m in repair.moves if m.from_group is not None]
    assert pinned == [Move("R0010", 3, 2, "Person 10 (R0010) is pinned to group 2")]
    newcomer = next(m for m in repair.moves if m.pid == "R0019")
    assert newcomer == Move("R0019", None, groups["R0019"], "new: not in the proposed line-up")


def test_a_stopped_repair_returns_at_once_and_says_so():
    stop = threading.Event()
    stop.set()
    repair = repair_lineup(eighteen_people(), SETTINGS, VALID, params=PARAMS, stop=stop)
    assert repair.result.cancelled
    assert len(group_of(repair)) == 18
