"""workflow: the composed steps of a run. A coordinator's family corrections reach the solver
and change the groups; a proposed line-up is repaired (rules layer + solver)."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from optimiser.intervision.build import build_problem
from optimiser.intervision.lineup import Move, evaluate_lineup, lineup_from_result
from optimiser.intervision.settings import IntervisionSettings
from optimiser.result import SolveParams
from optimiser.solve import solve
from tests.optimiser.intervision.conftest import make_table
from workflow import FormOptions, analysed_problem, groups_of, repair_lineup, settings_for

# Two groups of five: three occupational therapists, two speech therapists, three
# physiotherapists and two dietitians, all of ISCO minor group 226, so only the titles' words
# tell them apart.
TITLES = ["Ergotherapeut"] * 3 + ["Logopedist"] * 2 + ["Fysiotherapeut"] * 3 + ["Diëtist"] * 2


def _groups(tmp_path, families_toml: str | None) -> tuple[frozenset[frozenset[str]], object]:
    table = make_table([{"function": title} for title in TITLES])
    families = None
    if families_toml is not None:
        families = tmp_path / "families.toml"
        families.write_text(families_toml, encoding="utf-8")
    options = FormOptions(min_size=5, max_size=5, families=families, rules=("learn_give_mix=off",))
    problem, annotated = analysed_problem(table, options, settings_for(options))
    result = solve(problem.problem, SolveParams(method="exact", time_limit_s=60))
    by_group: dict[int, set[str]] = {}
    for pid, group in groups_of(problem, result).items():
        by_group.setdefault(group, set()).add(annotated.loc[pid, "function"])
    return frozenset(frozenset(titles) for titles in by_group.values()), problem


def test_a_merge_makes_the_titles_peers_and_changes_the_groups(tmp_path):
    merged = '[families]\n"Ergotherapeut" = "Therapeuten"\n"Logopedist" = "Therapeuten"\n'
    before, plain = _groups(tmp_path, None)
    after, corrected = _groups(tmp_path, merged)
    assert before == {
        frozenset({"Ergotherapeut", "Diëtist"}),
        frozenset({"Logopedist", "Fysiotherapeut"}),
    }
    assert after == {
        frozenset({"Ergotherapeut", "Logopedist"}),
        frozenset({"Fysiotherapeut", "Diëtist"}),
    }
    # The pair score the solver uses changed, not only the label.
    function = {t.key: t for t in plain.problem.pair_terms}["function"].scores
    function_corrected = {t.key: t for t in corrected.problem.pair_terms}["function"].scores
    ergo, speech = TITLES.index("Ergotherapeut"), TITLES.index("Logopedist")
    assert np.asarray(function)[ergo, speech] < 30
    assert np.asarray(function_corrected)[ergo, speech] >= 80


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
    repair = repair_lineup(build_problem(table, SETTINGS), VALID, PARAMS)
    assert repair.moves == []
    assert group_of(repair) == VALID


def test_a_broken_lineup_moves_the_minimum():
    broken = {**VALID, "R0003": VALID["R0002"]}  # manager joins their report's group
    repair = repair_lineup(build_problem(eighteen_people(), SETTINGS), broken, PARAMS)
    assert len(repair.moves) == 1
    move = repair.moves[0]
    assert move.pid in ("R0002", "R0003") and move.from_group == VALID["R0002"]
    assert "manager" in move.reason
    assert evaluate_lineup(repair.problem, group_of(repair)).hard_violations == 0


def test_newcomers_are_placed_and_pins_respected():
    proposed = {pid: g for pid, g in VALID.items() if pid != "R0019"}
    problem = build_problem(eighteen_people(), SETTINGS, pins={"R0010": 2})
    repair = repair_lineup(problem, proposed, PARAMS)
    groups = group_of(repair)
    assert groups["R0010"] == 2
    pinned = [m for m in repair.moves if m.from_group is not None]
    assert pinned == [Move("R0010", 3, 2, "Person 10 (R0010) is pinned to group 2")]
    newcomer = next(m for m in repair.moves if m.pid == "R0019")
    assert newcomer == Move("R0019", None, groups["R0019"], "new: not in the proposed line-up")


def test_a_stopped_repair_returns_at_once_and_says_so():
    stop = threading.Event()
    stop.set()
    repair = repair_lineup(build_problem(eighteen_people(), SETTINGS), VALID, PARAMS, stop=stop)
    assert repair.result.cancelled
    assert len(group_of(repair)) == 18


def _pairs_together(rules: tuple[str, ...]) -> int:
    """Ten people in five pairs of one title each, who all met their pair in an earlier round:
    how many pairs the solver puts together again."""
    titles = ["Wijkverpleegkundige", "Huisarts", "Logopedist", "Advocaat", "Docent"]
    people = [
        {"function": titles[k // 2], "met_before_pids": (f"R{(k ^ 1) + 2:04d}",)} for k in range(10)
    ]
    options = FormOptions(min_size=5, max_size=5, rules=("learn_give_mix=off", *rules))
    problem, _ = analysed_problem(make_table(people), options, settings_for(options))
    result = solve(problem.problem, SolveParams(method="exact", time_limit_s=60))
    groups = groups_of(problem, result)
    return sum(groups[f"R{k + 2:04d}"] == groups[f"R{k + 3:04d}"] for k in range(0, 10, 2))


def test_met_before_keeps_earlier_pairs_apart_which_similarity_alone_would_join():
    assert _pairs_together(()) > 0  # off by default: the pairs are each other's best peers
    assert _pairs_together(("met_before=hard",)) == 0


# Villages where groups met before issue 12 point 5, and a small town: (place, lat, lon).
VILLAGES = [
    ("Oterleek", 52.6389, 4.8319),
    ("Ankeveen", 52.2617, 5.0969),
    ("Zwammerdam", 52.1033, 4.7236),
    ("Schalkwijk", 52.0042, 5.1875),
    ("Tienhoven", 52.1708, 5.0917),
]


def _village_problem(**option_changes):
    table = make_table(
        [
            {"function": "Fysiotherapeut", "place": place, "lat": lat, "lon": lon}
            for place, lat, lon in VILLAGES * 2
        ]
    )
    options = FormOptions(min_size=5, max_size=5, **option_changes)
    return analysed_problem(table, options, settings_for(options))[0]


def test_meeting_places_are_towns_above_the_threshold_not_members_villages():
    from intake.towns import population_of

    towns = _village_problem()
    assert towns.venues
    assert all(population_of(v.name) >= 15_000 for v in towns.venues)
    assert not {v.name for v in towns.venues} & {place for place, _, _ in VILLAGES}
    # threshold 0: members' own places, as before
    own = _village_problem(min_town_population=0)
    assert {v.name for v in own.venues} == {place for place, _, _ in VILLAGES}


def test_a_venues_file_replaces_the_towns_and_its_errors_name_row_and_column(tmp_path):
    import pytest

    from workflow import UsageError

    venues = tmp_path / "zalen.csv"
    venues.write_text("naam,plaats\nBuurthuis,Ankeveen\n", "utf-8")
    problem = _village_problem(venues=venues)
    assert [v.name for v in problem.venues] == ["Buurthuis"]  # the coordinator's choice
    venues.write_text("naam,plaats\nBuurthuis,Ankeveen\nZaal,Xqzwv\n", "utf-8")
    with pytest.raises(UsageError, match=r'zalen.csv, row 3, column "plaats"'):
        _village_problem(venues=venues)


def test_meeting_days_keep_people_who_share_no_weekday_apart():
    """Five Monday-only and five Thursday-only people, alike otherwise: without the rule the
    groups mix them (and cannot be planned); with it every group has a common weekday."""
    table = make_table(
        [
            {"function": ["Nurse", "GP"][k % 2], "lat": 52.0, "lon": 5.0,
             "meeting_days": ("mon",) if k < 5 else ("thu",)}
            for k in range(10)
        ]
    )  # fmt: skip
    options = FormOptions(min_size=5, max_size=5, rules=("meeting_day=hard",))
    problem = analysed_problem(table, options, settings_for(options))[0]
    groups = groups_of(problem, solve(problem.problem, PARAMS))
    days = {g: {table.loc[p, "meeting_days"] for p, gg in groups.items() if gg == g}
            for g in set(groups.values())}  # fmt: skip
    assert None not in days and all(len(d) == 1 for d in days.values())
    assert evaluate_lineup(problem, groups).hard_violations == 0
    mixed = {p: (1 if int(p[1:]) % 2 else 2) for p in groups}  # every group has both days
    assert evaluate_lineup(problem, mixed).hard_violations > 0


def test_in_rotating_mode_the_plan_says_who_hosts_which_meeting():
    """Issue 16 point 2: the plan's meetings go round the members as the line-up's hosting
    plan spreads them, at the host's place, in the Schedule sheet, the JSON and the .ics."""
    from datetime import date

    from planning.ics import calendar_files
    from reporting.plan_output import plan_json, schedule_rows
    from workflow import form_groups
    from workflow_plan import PlanOptions, plan_groups_of

    samples = Path(__file__).resolve().parents[1] / "data" / "samples"
    form = FormOptions(travel_mode="rotating", time_limit_s=4, lang="nl")
    formed = form_groups(samples / "intake_40.xlsx", form)
    options = PlanOptions(samples / "plan" / "facilitators_12.xlsx", date(2027, 1, 11),
                          time_limit_s=10)  # fmt: skip
    plan = plan_groups_of(formed.table, formed.report, options, form, formed.problem)
    planned = [gp for gp in plan.groups if gp.meetings]
    assert planned
    for gp in planned:
        report = next(g for g in formed.report.groups if g.group == gp.group)
        assert tuple(m.host for m in gp.meetings) == report.hosts  # the same balanced turns
        for m in gp.meetings:
            assert m.host in report.pids
            assert m.venue == formed.table.loc[m.host, "place"]
    names = {str(p): str(n) for p, n in formed.table["name"].items()}
    data = plan_json(plan, "nl")
    first = next(g for g in data["groups"] if g["meetings"])
    gp = next(g for g in plan.groups if g.group == first["group"])
    assert [m["host"] for m in first["meetings"]] == [names[m.host] for m in gp.meetings]
    headers, rows = schedule_rows(plan, "nl")
    host = headers.index("Gastheer/-vrouw")
    assert [r[host] for r in rows if r[0] == gp.group] == [names[m.host] for m in gp.meetings]
    ics = calendar_files(plan, "nl")[f"groep_{gp.group:02d}.ics"].decode()
    assert f"Gastheer/-vrouw: {names[gp.meetings[0].host]}" in ics.replace("\r\n ", "")


def test_at_one_meeting_place_nobody_hosts():
    from datetime import date

    from workflow import form_groups
    from workflow_plan import PlanOptions, plan_groups_of

    samples = Path(__file__).resolve().parents[1] / "data" / "samples"
    form = FormOptions(time_limit_s=4)
    formed = form_groups(samples / "intake_40.xlsx", form)
    options = PlanOptions(samples / "plan" / "facilitators_12.xlsx", date(2027, 1, 11),
                          time_limit_s=10)  # fmt: skip
    plan = plan_groups_of(formed.table, formed.report, options, form, formed.problem)
    assert all(m.host is None for gp in plan.groups for m in gp.meetings)


def _stretched(problem) -> set[str]:
    """The pids the solver's problem could offer no meeting place within their limit."""
    note = next((n for n in problem.notes if "can reach no meeting place" in n), "")
    return set(note.rpartition(": ")[2].split(", ")) if note else set()


def test_the_diagnosis_judges_by_the_meeting_places_the_solver_offers(tmp_path):
    """Six nurses near Groningen who travel at most 30 km and six GPs in Maastricht, with a
    venues file of one hall in Maastricht. The solver can offer the nurses no place within
    their limit (it allows them the hall anyway and says so). The diagnosis used to count
    member homes as meeting places and saw nothing wrong; now it says what the solver finds."""
    from intake.analysis import analyse
    from workflow import analyse_intake, problem_inputs

    groningen = {"function": "Wijkverpleegkundige", "lat": 53.2194, "lon": 6.5665, "level": 0}
    maastricht = {"function": "Huisarts", "lat": 50.8514, "lon": 5.6910, "level": 0}
    table = make_table([{**groningen, "max_travel_km": 30.0}] * 6 + [maastricht] * 6)
    venues = tmp_path / "zalen.csv"
    venues.write_text("naam,plaats\nZaal,Maastricht\n", "utf-8")
    nurses = {f"R{k:04d}" for k in range(2, 8)}

    options = FormOptions(venues=venues)
    settings, inputs = settings_for(options), problem_inputs(options)
    problem = analysed_problem(table, options, settings)[0]
    assert _stretched(problem) == nurses  # the solver: no place within their limit
    found = analyse_intake(table, settings, inputs).diagnosis
    assert {p for f in found if f.code == "out_of_reach" for p in f.pids} == nurses
    assert [f for f in analyse(table).diagnosis if f.code == "out_of_reach"] == []  # the old way

    # without the venues file the solver meets in towns near everyone, and so does the diagnosis
    towns = FormOptions()
    settings, inputs = settings_for(towns), problem_inputs(towns)
    assert _stretched(analysed_problem(table, towns, settings)[0]) == set()
    assert [f.code for f in analyse_intake(table, settings, inputs).diagnosis] == []
