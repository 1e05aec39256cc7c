"""Mix mode: new groups in which nobody meets someone they met last round, whenever such a
line-up exists (checked with a CP-SAT feasibility model of the same small instance)."""

from __future__ import annotations

from itertools import combinations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from optimiser.intervision import build_problem, lineup_from_result, load_settings
from optimiser.result import SolveParams
from optimiser.solve import solve
from rounds.next_round import PastRound, plan_round, with_met_before, with_met_before_level

MIN, MAX = 3, 4


def _table(n: int, teams: list[int], prefix: str) -> pd.DataFrame:
    """A small participant table: one function, teams of one organisation."""
    pids = [f"{prefix}{k:03d}" for k in range(n)]
    return pd.DataFrame(
        {
            "pid": pids,
            "source_row": range(2, n + 2),
            "name": [f"Person {k}" for k in range(n)],
            "email": [f"person{k}@example.org" for k in range(n)],
            "function": ["verpleegkundige"] * n,
            "organisation": ["Zorg"] * n,
            "team": [f"team {t}" for t in teams],
        },
        index=pids,
    )


def _zero_repeat_lineup_exists(n: int, forbidden: set[tuple[int, int]]) -> bool:
    """CP-SAT: can everyone be placed in groups of MIN..MAX with no forbidden pair together?"""
    model = cp_model.CpModel()
    slots = n // MIN
    x = {(i, g): model.new_bool_var(f"x{i}_{g}") for i in range(n) for g in range(slots)}
    used = [model.new_bool_var(f"u{g}") for g in range(slots)]
    for i in range(n):
        model.add_exactly_one(x[i, g] for g in range(slots))
    for g in range(slots):
        size = sum(x[i, g] for i in range(n))
        model.add(size >= MIN * used[g])
        model.add(size <= MAX * used[g])
        for i, j in forbidden:
            model.add_bool_or([x[i, g].Not(), x[j, g].Not()])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 20
    solver.parameters.num_workers = 1
    status = solver.solve(model)
    assert status != cp_model.UNKNOWN, "the feasibility check must decide"
    return status in (cp_model.OPTIMAL, cp_model.FEASIBLE)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.integers(min_value=8, max_value=14),
    data=st.data(),
)
def test_mix_repeats_no_pair_whenever_a_line_up_without_repeats_exists(n, data):
    teams = data.draw(st.lists(st.integers(0, 3), min_size=n, max_size=n), label="teams")
    previous_groups = data.draw(
        st.lists(st.integers(1, max(1, n // MAX)), min_size=n, max_size=n), label="groups"
    )
    before = _table(n, teams, "P")
    now = _table(n, teams, "N")  # the same people, new row ids
    settings_ = with_met_before_level(
        load_settings(overrides={"min_size": MIN, "max_size": MAX}), "mix"
    )
    past = PastRound(before, dict(zip(before.index, previous_groups, strict=True)))
    plan = plan_round([past], now)
    problem = build_problem(with_met_before(now, plan.met), settings_)
    result = solve(problem.problem, SolveParams(time_limit_s=10, seed=0))
    placed = lineup_from_result(problem, result)
    groups_now = {
        str(r.pid): None if pd.isna(r.group) else int(r.group) for r in placed.itertuples()
    }
    met = {
        (i, j)
        for i, j in combinations(range(n), 2)
        if previous_groups[i] == previous_groups[j] or teams[i] == teams[j]
    }
    groups = [groups_now[pid] for pid in now.index]
    same_team = [
        (i, j)
        for i, j in combinations(range(n), 2)
        if groups[i] is not None and groups[i] == groups[j] and teams[i] == teams[j]
    ]
    assert same_team == []  # a hard rule holds in mix mode too
    repeated = [
        (i, j)
        for i, j in combinations(range(n), 2)
        if groups[i] is not None
        and groups[i] == groups[j]
        and previous_groups[i] == previous_groups[j]
    ]
    if _zero_repeat_lineup_exists(n, met):
        assert repeated == []
        assert all(g is not None for g in groups)
