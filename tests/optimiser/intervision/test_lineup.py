import pandas as pd
import pytest

from optimiser.intervision.build import build_problem
from optimiser.intervision.lineup import evaluate_lineup, explain_person, lineup_from_result
from optimiser.intervision.settings import IntervisionSettings
from optimiser.result import Result, Status, Unplaced

from .conftest import make_table

SETTINGS = IntervisionSettings()


def scenario_table() -> pd.DataFrame:
    """Ten people near Utrecht: a manager pair, a team pair, an avoid pair, an evening-only
    person, someone with a 5 km limit and one senior manager."""
    people = [
        {
            "name": f"Person {k}",
            "function": "Nurse" if k % 2 else "GP",
            "lat": 52.0 + 0.05 * k,
            "lon": 5.0,
            "learn_give": "learn" if k < 7 else "give",
            "level": 0,
            "meeting_moments": ("morning",),
        }
        for k in range(10)
    ]
    people[0].update(name="Anna de Vries", manager_pid="R0003")
    people[1].update(name="Piet Jansen", team="Noord", organisation="Zorg")
    people[2].update(team="noord ", organisation="zorg")
    people[3].update(meeting_moments=("evening",))
    people[4].update(max_travel_km=5.0)
    people[5].update(avoid_pids=("R0002",))
    people[6].update(level=3)
    return make_table(people)


@pytest.fixture
def ip():
    return build_problem(scenario_table(), SETTINGS)


BAD_LINEUP = {f"R{k:04d}": 1 if k <= 7 else 2 for k in range(2, 12)}


def test_a_bad_lineup_names_the_broken_rules_and_people(ip):
    report = evaluate_lineup(ip, BAD_LINEUP)
    first = next(g for g in report.groups if g.group == 1)
    broken = " | ".join(first.broken_sentences)
    assert "Anna de Vries (R0002) and their manager Piet Jansen (R0003)" in broken
    assert "Piet Jansen (R0003) and Person 2 (R0004) are both in team Noord (Zorg)" in broken
    assert "Person 5 (R0007) asked not to be in a group with Anna de Vries (R0002)" in broken
    assert "Person 3 (R0005) cannot make the meeting moment (morning)" in broken
    second = next(g for g in report.groups if g.group == 2)
    assert second.broken_sentences == ("the group has 4 members, fewer than 5",)
    assert report.hard_violations == 5
    assert sum(report.per_rule.values()) == report.objective


def test_report_shows_moment_venue_and_travel_apart_from_the_limit(ip):
    report = evaluate_lineup(ip, BAD_LINEUP)
    first = next(g for g in report.groups if g.group == 1)
    assert first.moment == "morning" and first.venue in ip.venues
    assert set(first.travel_km) == set(first.pids)
    travel = next(r for r in first.rules if r.key == "travel")
    expected_km = sum(
        round(SETTINGS.weight("travel") * ip.venue_km[ip.rows[pid], ip.venues.index(first.venue)])
        for pid in first.pids
    )
    assert travel.score == -expected_km
    limit = next(r for r in first.rules if r.key == "travel_limit")
    assert limit.score == 0 and limit.hard
    assert report.per_rule["travel"] == sum(
        r.score for g in report.groups for r in g.rules if r.key == "travel"
    )


def test_dutch_reports_speak_dutch():
    ip = build_problem(scenario_table(), SETTINGS.with_overrides(language="nl"))
    first = evaluate_lineup(ip, BAD_LINEUP).groups[0]
    assert (
        "Anna de Vries (R0002) en diens leidinggevende Piet Jansen (R0003)"
        in first.broken_sentences[0]
    )


def test_people_left_out_of_a_lineup_are_unplaced_with_a_reason(ip):
    lineup = {**BAD_LINEUP, "R0011": None}
    del lineup["R0010"]
    report = evaluate_lineup(ip, lineup)
    assert [pid for pid, _ in report.unplaced] == ["R0010", "R0011"]
    assert report.per_rule["unplaced_penalty"] < 0


def test_explain_person_deltas_equal_actually_moving(ip):
    lineup = {**BAD_LINEUP, "R0009": 3, "R0010": 3, "R0011": None}
    before = evaluate_lineup(ip, lineup)
    for pid in ("R0002", "R0005", "R0011"):
        table = explain_person(ip, lineup, pid)
        own = lineup[pid]
        assert sorted(table["group"]) == sorted({g for g in lineup.values() if g} - {own})
        for row in table.to_dict("records"):
            after = evaluate_lineup(ip, {**lineup, pid: row["group"]})
            assert row["delta"] == after.objective - before.objective
            assert row["hard_delta"] == after.hard_violations - before.hard_violations
            for key in set(after.per_rule) | set(before.per_rule):
                change = after.per_rule.get(key, 0) - before.per_rule.get(key, 0)
                assert row.get(key, 0) == change, (pid, row["group"], key)


def test_explain_person_names_the_hard_rules_a_move_would_break(ip):
    lineup = {f"R{k:04d}": 1 if k in (2, 4, 6, 8, 10) else 2 for k in range(2, 12)}
    row = explain_person(ip, lineup, "R0003").iloc[0]  # Piet, Anna's manager, to group 1
    assert row["group"] == 1 and row["hard_delta"] > 0
    assert "manager Piet Jansen (R0003)" in row["breaks"]


def test_lineup_from_result_covers_every_pid_once(ip):
    result = Result(
        status=Status.FEASIBLE,
        groups=((0, 2, 4, 6, 8), (1, 3, 5, 7)),
        unplaced=(Unplaced(9, ("meeting_moment",), "Could not be placed"),),
        objective=0,
        breakdown=None,
        proven_optimal=False,
        best_bound=None,
        solve_time_s=0.0,
    )
    lineup = lineup_from_result(ip, result)
    assert list(lineup["pid"]) == list(ip.pids)
    assert str(lineup["group"].dtype) == "Int64"
    assert lineup["group"].tolist()[:2] == [1, 2] and pd.isna(lineup["group"].iloc[9])
    assert lineup["reason"].iloc[9] == "could not be placed: Common meeting moment"
    assert lineup["reason"].iloc[:9].isna().all()


def test_a_soft_rule_costs_its_weight_and_is_not_reported_as_broken_hard():
    settings = SETTINGS.with_overrides(rules={"same_team": {"level": "soft", "weight": 700}})
    ip = build_problem(scenario_table(), settings)
    first = next(g for g in evaluate_lineup(ip, BAD_LINEUP).groups if g.group == 1)
    team = next(r for r in first.rules if r.key == "same_team")
    assert (team.score, team.violations, team.hard) == (-700, 1, False)
    assert "both in team Noord" in team.detail
    assert not any("team" in sentence for sentence in first.broken_sentences)


def test_a_solved_lineup_evaluates_to_the_solvers_objective(ip):
    from optimiser.result import SolveParams
    from optimiser.solve import solve

    result = solve(ip.problem, SolveParams(time_limit_s=5, seed=0))
    lineup = lineup_from_result(ip, result)
    groups = dict(zip(lineup.pid, lineup.group, strict=True))  # NA = unplaced
    report = evaluate_lineup(ip, groups)
    assert report.objective == result.objective
    assert report.hard_violations == 0
    assert {pid for pid, _ in report.unplaced} == set(lineup.pid[lineup.group.isna()])


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "en",
            "Person 2 (R0004) and Person 3 (R0005) were in a group together in an earlier round",
        ),
        ("nl", "Person 2 (R0004) en Person 3 (R0005) zaten in een eerdere ronde al samen"),
    ],
)
def test_a_pair_that_met_before_is_named_when_the_rule_is_hard(lang, words):
    table = scenario_table()
    table.at["R0004", "met_before_pids"] = ("R0005",)
    settings = IntervisionSettings(language=lang, rules={"met_before": {"level": "hard"}})
    report = evaluate_lineup(build_problem(table, settings), BAD_LINEUP)
    first = next(g for g in report.groups if g.group == 1)
    assert any(words in sentence for sentence in first.broken_sentences)
    assert report.hard_violations == 6  # the five of the bad line-up, and this pair


def test_a_group_without_a_common_weekday_says_who_cannot_make_it():
    table = scenario_table()
    table["meeting_days"] = [("mon",)] * 5 + [("thu",)] + [()] * 4  # R0007 in group 1
    for lang, words in (("en", "Person 5 (R0007) cannot meet on Monday"),
                        ("nl", "Person 5 (R0007) kan niet op maandag")):  # fmt: skip
        settings = IntervisionSettings(language=lang)
        first = next(
            g for g in evaluate_lineup(build_problem(table, settings), BAD_LINEUP).groups
            if g.group == 1
        )  # fmt: skip
        assert words in first.broken_sentences
        assert ("meeting_day", words) in first.broken_hard


def test_broken_hard_rules_are_rule_keys_with_their_sentences(ip):
    report = evaluate_lineup(ip, BAD_LINEUP)
    first, second = (next(g for g in report.groups if g.group == k) for k in (1, 2))
    keys = {key for key, _ in first.broken_hard}
    assert keys == {"reporting_line", "same_team", "avoid", "meeting_moment"}
    assert second.broken_hard == (("group_sizes", "the group has 4 members, fewer than 5"),)
