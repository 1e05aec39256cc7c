import numpy as np
import pytest
from scipy import sparse

from moments import MOMENTS
from optimiser.intervision.build import build_problem
from optimiser.intervision.rules import RULES
from optimiser.intervision.settings import IntervisionSettings, RuleSetting
from optimiser.intervision.venues import Venue
from optimiser.problem import AtLeastCount, CommonOption, Level, MaxSpread
from road import road_km

from .conftest import make_table

SETTINGS = IntervisionSettings()


def rule_of(ip, key):
    for r in (*ip.problem.forbidden, *ip.problem.group_rules, *ip.problem.pair_terms):
        if r.key == key:
            return r
    return None


def test_reporting_line_forbids_indirect_chains():
    # R0002 reports to R0003, who reports to R0004; R0005 stands apart.
    table = make_table(
        [{"manager_pid": "R0003"}, {"manager_pid": "R0004"}, {}, {"manager_pid": "R9999"}]
    )
    ip = build_problem(table, SETTINGS)
    assert rule_of(ip, "reporting_line").pairs == {(0, 1), (0, 2), (1, 2)}


def test_reporting_line_cycle_terminates():
    table = make_table(
        [{"manager_pid": "R0003"}, {"manager_pid": "R0002"}, {"manager_pid": "R0002"}]
    )
    ip = build_problem(table, SETTINGS)
    assert rule_of(ip, "reporting_line").pairs == {(0, 1), (0, 2), (1, 2)}


def test_same_team_ignores_case_and_spaces_within_one_organisation():
    table = make_table(
        [
            {"organisation": "Zorg BV", "team": "Wijk  Noord"},
            {"organisation": "zorg bv", "team": "wijk noord "},
            {"organisation": "Other", "team": "Wijk Noord"},
            {"organisation": "Zorg BV", "team": None},
            {"organisation": "Zorg BV", "team": None},
        ]
    )
    assert rule_of(build_problem(table, SETTINGS), "same_team").pairs == {(0, 1)}


def test_avoid_lists_are_symmetric_and_ignore_unknown_pids():
    table = make_table([{}, {"avoid_pids": ("R0002", "R0077")}, {"avoid_pids": ("R0003", "R0004")}])
    assert rule_of(build_problem(table, SETTINGS), "avoid").pairs == {(0, 1), (1, 2)}


def test_met_before_is_off_by_default_and_keeps_earlier_pairs_apart_when_on():
    table = make_table(
        [{}, {"met_before_pids": ("R0002", "R0077")}, {"met_before_pids": ("R0003",)}]
    )
    assert "met_before" not in {r.key for r in build_problem(table, SETTINGS).problem.forbidden}
    soft = SETTINGS.with_overrides(rules={"met_before": {"level": "soft", "weight": 70}})
    met = rule_of(build_problem(table, soft), "met_before")
    assert met.pairs == {(0, 1), (1, 2)}
    assert (met.level, met.weight) == (Level.SOFT, 70)


def test_a_table_without_met_before_pids_has_no_such_rule():
    table = make_table([{}, {}]).drop(columns="met_before_pids")
    hard = SETTINGS.with_overrides(rules={"met_before": {"level": "hard"}})
    assert "met_before" not in {r.key for r in build_problem(table, hard).problem.forbidden}


def test_every_pair_rule_entry_has_a_translator_and_a_sentence():
    pair_rules = [r for r in RULES if r.pairs is not None]
    assert {r.key for r in pair_rules} == {"reporting_line", "same_team", "avoid", "met_before"}
    assert all(r.sentence is not None for r in pair_rules)


def test_meeting_moments_become_allowed_options_empty_meaning_any():
    table = make_table([{"meeting_moments": ("evening", "morning")}, {}])
    moment = rule_of(build_problem(table, SETTINGS), "meeting_moment")
    assert moment.option_labels == MOMENTS
    assert moment.allowed == (frozenset({0, 3}), frozenset())


def test_meeting_days_become_allowed_weekdays_and_no_day_named_means_no_rule():
    table = make_table([{"meeting_days": ("tue", "thu")}, {}])
    day = rule_of(build_problem(table, SETTINGS), "meeting_day")
    assert day.option_labels == ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    assert day.allowed == (frozenset({1, 3}), frozenset())
    assert day.level == Level.HARD
    nobody = build_problem(make_table([{}, {}]), SETTINGS).problem.group_rules
    assert "meeting_day" not in {r.key for r in nobody}


def test_travel_limit_allows_reachable_venues_and_costs_km_times_weight():
    venues = [Venue("Utrecht", 52.09, 5.12), Venue("Groningen", 53.22, 6.57)]
    table = make_table(
        [
            {"lat": 52.0, "lon": 5.0, "max_travel_km": 50.0},  # Utrecht only
            {"lat": 52.0, "lon": 5.0},  # no limit, and the default limit is off (0)
            {"max_travel_km": 10.0},  # no coordinates: anywhere
            {"lat": 50.0, "lon": 3.0, "max_travel_km": 5.0},  # nothing in reach
        ]
    )
    unlimited = IntervisionSettings(default_travel_limit_km=0)
    ip = build_problem(table, unlimited, venues=venues)
    place = rule_of(ip, "travel_limit")
    assert isinstance(place, CommonOption) and place.level == Level.HARD
    assert place.allowed == (frozenset({0}), frozenset(), frozenset(), frozenset({0}))
    km = road_km(52.0, 5.0, 53.22, 6.57)
    assert place.cost[0][1] == round(SETTINGS.weight("travel") * km)
    assert place.cost[2] == (0, 0)
    assert any("R0005" in note for note in ip.notes)
    assert ip.venues == tuple(venues)


def test_people_without_a_travel_limit_get_the_default_of_60_km():
    """ "Maakt niet uit" must not send someone 170 km: the default limit applies to them."""
    venues = [Venue("Utrecht", 52.09, 5.12), Venue("Groningen", 53.22, 6.57)]
    table = make_table([{"lat": 52.0, "lon": 5.0}, {"lat": 52.0, "lon": 5.0, "max_travel_km": 300}])
    assert SETTINGS.default_travel_limit_km == 60
    place = rule_of(build_problem(table, SETTINGS, venues=venues), "travel_limit")
    assert place.allowed == (frozenset({0}), frozenset({0, 1}))
    wider = IntervisionSettings(default_travel_limit_km=250)
    place = rule_of(build_problem(table, wider, venues=venues), "travel_limit")
    assert place.allowed == (frozenset({0, 1}), frozenset({0, 1}))


def test_travel_cost_alone_when_the_limit_is_off():
    settings = SETTINGS.with_overrides(rules={"travel_limit": RuleSetting(Level.OFF, 0)})
    table = make_table([{"lat": 52.0, "lon": 5.0, "max_travel_km": 1.0}, {"lat": 52.5, "lon": 5.0}])
    ip = build_problem(table, settings)
    place = rule_of(ip, "travel")
    assert ip.venue_key == "travel" and place.level == Level.SOFT and place.weight == 0
    assert place.allowed == (frozenset(), frozenset()) and place.cost[0][1] > 0
    assert rule_of(ip, "travel_limit") is None


def test_rotating_travel_is_a_pair_cost():
    settings = SETTINGS.with_overrides(travel_mode="rotating")
    table = make_table([{"lat": 52.0, "lon": 5.0}, {"lat": 52.5, "lon": 5.0}, {}])
    term = rule_of(build_problem(table, settings), "travel")
    assert term.scores[0, 1] == -round(road_km(52.0, 5.0, 52.5, 5.0)) and term.scores[0, 2] == 0


def test_learners_and_givers_become_two_at_least_rules():
    table = make_table(
        [{"learn_give": "learn"}, {"learn_give": "give"}, {"learn_give": "both"}, {}]
    )
    ip = build_problem(table, SETTINGS)
    learn, give = rule_of(ip, "learn_give_mix:learn"), rule_of(ip, "learn_give_mix:give")
    assert isinstance(learn, AtLeastCount) and learn.members == {0, 2} and learn.min_count == 1
    assert give.members == {1, 2} and give.level == Level.SOFT


def test_spreads_use_whole_values_and_none_for_missing():
    table = make_table([{"level": 0, "time_budget_h_per_month": 3.6}, {"level": 3}])
    ip = build_problem(table, SETTINGS)
    level = rule_of(ip, "level_spread")
    assert isinstance(level, MaxSpread) and level.values == (0, 3) and level.max_spread == 1
    assert rule_of(ip, "time_budget").values == (4, None)


def test_switching_a_rule_off_removes_it_and_hard_soft_sets_its_level():
    table = make_table([{"team": "A"}, {"team": "a"}, {"learn_give": "learn"}])
    off = SETTINGS.with_overrides(
        rules={"same_team": {"level": "off"}, "learn_give_mix": {"level": "off"}}
    )
    ip_off = build_problem(table, off)
    assert rule_of(ip_off, "same_team") is None and rule_of(ip_off, "learn_give_mix:give") is None
    soft = SETTINGS.with_overrides(rules={"same_team": RuleSetting(Level.SOFT, 321)})
    rule = rule_of(build_problem(table, soft), "same_team")
    assert (rule.level, rule.weight, rule.pairs) == (Level.SOFT, 321, {(0, 1)})


def test_function_similarity_from_vectors_or_equal_function():
    vectors = np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 1.0]])
    table = make_table([{"function": "Nurse"}, {"function": " nurse"}, {"function": "GP"}])
    ip = build_problem(table, SETTINGS, function_vectors=vectors)
    assert rule_of(ip, "function").scores.tolist() == [[0, 60, 0], [60, 0, 80], [0, 80, 0]]
    equal = build_problem(table, SETTINGS)
    assert equal.problem.pair_terms[0].scores.tolist() == [[0, 100, 0], [100, 0, 0], [0, 0, 0]]
    assert any("equal function" in note for note in equal.notes)


def test_function_family_counts_when_titles_differ():
    table = make_table([{"function": "A"}, {"function": "B"}, {"function": "C"}])
    table["function_family"] = ["care", "care", None]
    scores = rule_of(build_problem(table, SETTINGS), "function").scores
    assert scores[0, 1] == 60 and scores[0, 2] == 0


def test_learning_goals_off_with_a_note_without_vectors():
    ip = build_problem(make_table([{}, {}]), SETTINGS)
    assert rule_of(ip, "learning_goals") is None
    assert "learning goals similarity off: no vectors given" in ip.notes
    with_goals = build_problem(make_table([{}, {}]), SETTINGS, goal_vectors=np.eye(2))
    assert rule_of(with_goals, "learning_goals").scores.tolist() == [[0, 0], [0, 0]]


def test_style_mix_rewards_pairs_with_different_known_styles():
    table = make_table(
        [
            {"learning_style": "diverging"},
            {"learning_style": "converging"},
            {"learning_style": "diverging"},
            {},
        ]
    )
    scores = rule_of(build_problem(table, SETTINGS), "style_mix").scores
    assert scores[0, 1] == 1 and scores[0, 2] == 0 and scores[0, 3] == 0


def test_large_problems_use_sparse_neighbour_scores_and_central_travel():
    rng = np.random.default_rng(0)
    n, k = 60, 5
    vectors = rng.random((n, 8))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    table = make_table(
        [
            {"lat": 52 + rng.random(), "lon": 5 + rng.random(), "learning_style": "diverging"}
            for _ in range(n)
        ]
    )
    settings = SETTINGS.with_overrides(dense_max_n=20, neighbours_k=k, travel_mode="rotating")
    ip = build_problem(table, settings, function_vectors=vectors)
    scores = rule_of(ip, "function").scores
    assert sparse.issparse(scores) and (scores != scores.T).nnz == 0
    assert scores.nnz <= 2 * n * k and (np.diff(scores.indptr) >= 1).all()
    rows, cols = scores.nonzero()
    expected = np.rint(np.clip((vectors[rows] * vectors[cols]).sum(axis=1), 0, 1) * 100)
    assert np.array_equal(np.asarray(scores[rows, cols]).ravel(), expected)
    assert ip.venue_key == "travel_limit" and rule_of(ip, "travel_limit").cost is not None
    assert any("rotating" in note for note in ip.notes)


def test_pins_and_current_are_one_based_for_users():
    table = make_table([{}, {}, {}])
    ip = build_problem(table, SETTINGS, pins={"R0003": 2}, current={"R0002": 1, "R0004": None})
    assert ip.problem.pins == {1: 1} and ip.problem.current == {0: 0}
    with pytest.raises(ValueError, match="R0099"):
        build_problem(table, SETTINGS, pins={"R0099": 1})
    with pytest.raises(ValueError, match="start at 1"):
        build_problem(table, SETTINGS, pins={"R0002": 0})


def test_misaligned_vectors_are_rejected():
    with pytest.raises(ValueError, match="function_vectors has 3 rows"):
        build_problem(make_table([{}, {}]), SETTINGS, function_vectors=np.eye(3))


def test_online_is_a_meeting_place_for_who_may_meet_online():
    from optimiser.intervision.venues import ONLINE

    venues = [Venue("Utrecht", 52.09, 5.12)]
    table = make_table(
        [
            {"lat": 52.0, "lon": 5.0, "online": "only"},
            {"lat": 52.0, "lon": 5.0, "online": "yes"},
            {"lat": 52.0, "lon": 5.0, "online": "no"},
            {"lat": 52.0, "lon": 5.0},  # not asked
        ]
    )
    off = rule_of(build_problem(table, SETTINGS, venues=venues), "travel_limit")
    assert off.option_labels == ("Utrecht",)
    on_request = IntervisionSettings(online_meetings="on_request")
    ip = build_problem(table, on_request, venues=venues)
    place = rule_of(ip, "travel_limit")
    assert ip.venues == (*venues, ONLINE)
    assert place.allowed == (frozenset({1}), frozenset({0, 1}), frozenset({0}), frozenset({0}))
    # nobody travels to an online meeting, but it costs online_cost_km per member
    assert ip.venue_km[:, 1].tolist() == [0, 0, 0, 0]
    assert place.cost[0][1] == SETTINGS.weight("travel") * on_request.online_cost_km
    everyone = IntervisionSettings(online_meetings="everyone")
    place = rule_of(build_problem(table, everyone, venues=venues), "travel_limit")
    assert place.allowed[3] == frozenset({0, 1}) and place.allowed[2] == frozenset({0})


def test_online_only_people_meet_online_and_the_others_in_person():
    from optimiser.intervision.lineup import evaluate_lineup, lineup_from_result
    from optimiser.result import SolveParams
    from optimiser.solve import solve

    venues = [Venue("Utrecht", 52.09, 5.12)]
    people = [{"lat": 52.09, "lon": 5.12, "online": "only", "function": "Coach"}] * 5
    people += [{"lat": 52.09, "lon": 5.12, "online": "yes", "function": "Coach"}] * 5
    settings = IntervisionSettings(min_size=5, max_size=5, online_meetings="on_request")
    ip = build_problem(make_table(people), settings, venues=venues)
    result = solve(ip.problem, SolveParams(time_limit_s=20, seed=0))
    lineup = lineup_from_result(ip, result)
    report = evaluate_lineup(ip, dict(zip(lineup["pid"], lineup["group"], strict=True)))
    venue_of = {pid: g.venue for g in report.groups for pid in g.pids}
    assert all(venue_of[pid].online for pid in ip.pids[:5])
    assert not any(venue_of[pid].online for pid in ip.pids[5:])  # 0 km in person beats online
    online_group = next(g for g in report.groups if g.venue.online)
    assert set(online_group.travel_km.values()) == {0.0}
    assert report.hard_violations == 0
