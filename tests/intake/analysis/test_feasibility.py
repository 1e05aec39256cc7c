"""Feasibility diagnosis: each rule on a small hand-made table, and silence when all is well."""

from __future__ import annotations

import numpy as np
import pytest

from intake.analysis import analyse, diagnose
from intake.analysis.feasibility import CandidatePlaces, Finding, splittable
from intake.samples import SampleSpec
from tests.intake.analysis.conftest import GRONINGEN, UTRECHT, ZEIST, sample_table


def _codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def _nurses(count: int, **extra) -> list[dict]:
    return [{"function": "Wijkverpleegkundige", **extra} for _ in range(count)]


def _doctors(count: int, **extra) -> list[dict]:
    return [{"function": "Huisarts", **extra} for _ in range(count)]


def test_a_workable_intake_has_no_findings(make_table):
    table = make_table(_nurses(6, meeting_moments=("morning",), level=0) + _doctors(5, level=1))
    assert analyse(table).diagnosis == []


def test_no_level_known_for_anyone_is_said(make_table):
    """Otherwise 'Peers in hierarchy' looks fine while it checks nothing."""
    table = make_table(_nurses(6, level=None) + _doctors(5, level=None))
    assert _codes(analyse(table).diagnosis) == ["no_level"]


def test_too_few_participants_is_an_error(make_table):
    findings = analyse(make_table(_nurses(3))).diagnosis
    assert _codes(findings) == ["too_few_participants"]
    assert findings[0].severity == "error"


def test_small_family_names_its_members_and_the_closest_family(make_table):
    table = make_table(
        _nurses(6) + _doctors(5) + [{"function": "Verpleegkundige"}, {"function": "vpk"}]
    )
    findings = [f for f in analyse(table, language="nl").diagnosis if f.code == "small_family"]
    assert len(findings) == 1
    assert findings[0].pids == ("R0013", "R0014")
    assert '"Wijkverpleegkundige"' in findings[0].suggestion_en
    assert '"Verpleegkundige"' in findings[0].message_nl


def test_each_small_family_lists_only_its_own_members_in_row_order(make_table):
    """Members are gathered in one pass over the people, not one scan per family."""
    mixed = [{"function": f} for f in ["Huisarts", "Logopedist", "Huisarts", "Logopedist"]]
    table = make_table(_nurses(6) + mixed + [{"function": "Logopedist"}])
    findings = [f for f in analyse(table).diagnosis if f.code == "small_family"]
    members = sorted(f.pids for f in findings)
    assert members == [("R0008", "R0010"), ("R0009", "R0011", "R0012")]


def test_out_of_reach_suggests_widening_the_travel_limit(make_table):
    far = {"function": "Wijkverpleegkundige", "lat": GRONINGEN[0], "lon": GRONINGEN[1]}
    table = make_table([{**far, "max_travel_km": 30.0}, *_nurses(6)])
    findings = analyse(table).diagnosis
    assert _codes(findings) == ["out_of_reach"]
    assert findings[0].pids == ("R0002",)
    assert findings[0].severity == "error"
    # Groningen-Utrecht is about 150 km straight, so about 195 km by road.
    target = int(findings[0].suggestion_en.split("accept ")[1].split(" km")[0])
    assert 180 <= target <= 220


def test_no_peers_in_reach_when_only_other_functions_are_near(make_table):
    far = {"lat": GRONINGEN[0], "lon": GRONINGEN[1]}
    table = make_table(
        [{"function": "Huisarts", "max_travel_km": 40.0, **far}, *_doctors(5), *_nurses(6, **far)]
    )
    findings = analyse(table).diagnosis
    assert _codes(findings) == ["no_peers_in_reach"]
    assert findings[0].pids == ("R0002",)
    assert "+" in findings[0].suggestion_en


def test_no_limit_of_ones_own_asks_the_others_to_travel(make_table):
    """Peers who stay within 2 km of five different homes have no place in common, so a
    doctor without a limit of their own cannot be given a group of peers by travelling more
    themselves: the others are asked."""
    near_zeist = {"lat": ZEIST[0], "lon": ZEIST[1]}
    apart = [
        {
            "function": "Huisarts",
            "lat": UTRECHT[0] + 0.2 * k,
            "lon": UTRECHT[1],
            "max_travel_km": 2.0,
        }
        for k in range(5)
    ]
    table = make_table([{"function": "Huisarts", **near_zeist}, *apart, *_nurses(6)])
    findings = [f for f in analyse(table).diagnosis if f.code == "no_peers_in_reach"]
    assert findings[0].pids == ("R0002",)
    assert "peers in the region" in findings[0].suggestion_en


def test_a_group_meets_where_the_peers_are_when_they_travel_little(make_table):
    """The solver's rule is one place every member reaches within their own limit: peers who
    travel at most 2 km meet at their own place, which the doctor near Zeist (about 10 km by
    road, within the default limit) reaches. Counting pairwise reach called this impossible."""
    near_zeist = {"lat": ZEIST[0], "lon": ZEIST[1]}
    table = make_table(
        [
            {"function": "Huisarts", **near_zeist},
            *_doctors(5, max_travel_km=2.0),
            *_nurses(6, max_travel_km=50.0),
        ]
    )
    assert [f for f in analyse(table).diagnosis if f.code == "no_peers_in_reach"] == []
    analysis = analyse(table)
    strict = diagnose(analysis.table, analysis.similarities, default_travel_limit_km=5.0)
    assert [(f.code, f.pids) for f in strict if f.code == "no_peers_in_reach"] == [
        ("no_peers_in_reach", ("R0002",))
    ]


def test_unshared_moment_suggests_the_moment_peers_share(make_table):
    table = make_table(
        [
            {"function": "Huisarts", "meeting_moments": ("evening",)},
            *_doctors(5, meeting_moments=("morning", "afternoon")),
            *_nurses(5),
        ]
    )
    findings = analyse(table).diagnosis
    assert _codes(findings) == ["unshared_moment"]
    assert findings[0].pids == ("R0002",)
    assert "morning" in findings[0].suggestion_en
    assert "ochtend" in findings[0].suggestion_nl


def test_unanswered_moments_are_free_at_any_moment(make_table):
    table = make_table(
        [{"function": "Huisarts", "meeting_moments": ("evening",)}, *_doctors(5), *_nurses(5)]
    )
    assert analyse(table).diagnosis == []


def test_manager_whose_reporting_line_takes_most_peers(make_table):
    rows = _nurses(7)
    rows[0] = {"function": "Wijkverpleegkundige"}
    for report in range(1, 4):
        rows[report] = {"function": "Wijkverpleegkundige", "manager_pid": "R0002"}
    rows[4] = {"function": "Wijkverpleegkundige", "manager_pid": "R0003"}  # indirect report
    findings = analyse(make_table(rows + _doctors(5))).diagnosis
    assert _codes(findings) == ["manager_reporting_line"]
    assert findings[0].pids == ("R0002", "R0003", "R0004", "R0005", "R0006")


def test_a_manager_with_few_reports_is_fine(make_table):
    rows = _nurses(7)
    rows[1] = {"function": "Wijkverpleegkundige", "manager_pid": "R0002"}
    assert analyse(make_table(rows)).diagnosis == []


def test_missing_location_is_one_warning_naming_everyone(make_table):
    table = make_table(_nurses(5) + _nurses(2, lat=np.nan, lon=np.nan))
    findings = analyse(table).diagnosis
    assert _codes(findings) == ["missing_location"]
    assert findings[0].pids == ("R0007", "R0008")


def test_missing_function_is_named(make_table):
    table = make_table([*_nurses(5), {"function": None}])
    findings = analyse(table).diagnosis
    assert _codes(findings) == ["missing_function"]
    assert findings[0].pids == ("R0007",)


@pytest.mark.parametrize(
    ("size", "expected"),
    [(0, True), (4, False), (5, True), (8, True), (9, False), (10, True), (16, True), (17, True)],
)
def test_splittable_into_groups_of_five_to_eight(size, expected):
    assert splittable(size, 5, 8) is expected


def test_a_family_of_nine_cannot_be_split_into_groups_of_five_to_eight(make_table):
    findings = analyse(make_table(_nurses(9))).diagnosis
    assert _codes(findings) == ["unsplittable_family"]
    assert findings[0].severity == "info"
    assert "9" in findings[0].message_en
    assert analyse(make_table(_nurses(9)), max_size=9).diagnosis == []


def test_every_finding_speaks_both_languages(make_table):
    far = {"lat": GRONINGEN[0], "lon": GRONINGEN[1], "max_travel_km": 20.0}
    table = make_table([{"function": "Huisarts", **far}, {"function": "Logopedist"}, *_nurses(9)])
    findings = analyse(table).diagnosis
    assert {"out_of_reach", "small_family", "unsplittable_family"} <= set(_codes(findings))
    for finding in findings:
        assert finding.severity in {"error", "warning", "info"}
        assert all([finding.message_en, finding.message_nl])
        assert all([finding.suggestion_en, finding.suggestion_nl])
        assert finding.message_en != finding.message_nl


@pytest.mark.parametrize("seed", [1, 2])
def test_a_clean_sample_has_no_findings(seed, tmp_path):
    table, _ = sample_table(SampleSpec(n=150, seed=seed, mess=0), tmp_path)
    assert analyse(table).diagnosis == []


PLANTED_CODES = {
    "lonely_function": {"small_family"},
    "unshared_moment": {"unshared_moment"},
    "far_away": {"out_of_reach", "no_peers_in_reach"},
}


@pytest.mark.parametrize(
    "spec",
    [
        SampleSpec(n=60, seed=1, plant_problems=True),
        SampleSpec(n=60, seed=2, plant_problems=True, lang="en", style="msforms"),
    ],
    ids=lambda spec: f"seed{spec.seed}-{spec.lang}",
)
def test_each_planted_problem_is_named(spec, tmp_path):
    table, truth = sample_table(spec, tmp_path)
    findings = analyse(table).diagnosis
    planted = truth["planted"].dropna()
    assert sorted(planted) == sorted(PLANTED_CODES)
    for pid, problem in planted.items():
        codes = {f.code for f in findings if pid in f.pids}
        assert codes & PLANTED_CODES[problem], (problem, codes)
    # Nobody else is said to be out of reach or stuck at a moment.
    personal = {"out_of_reach", "no_peers_in_reach", "unshared_moment"}
    named = {p for f in findings if f.code in personal for p in f.pids}
    assert named <= set(planted.index)


def test_a_function_like_no_other_is_not_told_to_merge(make_table):
    table = make_table([{"function": "Archivaris"}, *_nurses(5), *_doctors(5)])
    (finding,) = analyse(table).diagnosis
    assert finding.code == "small_family"
    assert finding.pids == ("R0002",)
    assert "No other function is similar" in finding.suggestion_en


def test_similar_families_count_as_peers_above_the_threshold(make_table):
    far = {"lat": GRONINGEN[0], "lon": GRONINGEN[1]}
    table = make_table(
        [
            {"function": "Verpleegkundige", "max_travel_km": 30.0},
            *[{"function": "Verpleegkundige", **far} for _ in range(5)],
            *_nurses(6),
        ]
    )
    analysis = analyse(table)
    strict = diagnose(analysis.table, analysis.similarities, same_family_threshold=0.99)
    assert [(f.code, f.pids) for f in strict] == [("no_peers_in_reach", ("R0002",))]
    loose = diagnose(analysis.table, analysis.similarities, same_family_threshold=0.3)
    assert loose == []


def _places(table, *coordinates, online=None, only=None) -> CandidatePlaces:
    """The solver's candidate places for ``table`` (no online meetings unless said)."""
    count = len(table)
    return CandidatePlaces(
        lat=np.array([lat for lat, _ in coordinates], dtype=float),
        lon=np.array([lon for _, lon in coordinates], dtype=float),
        online=np.zeros(count, dtype=bool) if online is None else np.asarray(online),
        online_only=np.zeros(count, dtype=bool) if only is None else np.asarray(only),
    )


def test_people_far_from_every_candidate_place_are_out_of_reach(make_table):
    """Six nurses in Groningen who travel 30 km could meet at one of their homes, but the
    solver offers them only a venue in Utrecht: the diagnosis judges by the solver's places."""
    groningen = {"lat": GRONINGEN[0], "lon": GRONINGEN[1], "max_travel_km": 30.0}
    table = make_table([*_nurses(6, **groningen), *_doctors(5)])
    analysis = analyse(table)
    assert _codes(analysis.diagnosis) == []  # at member locations: no problem
    found = diagnose(analysis.table, analysis.similarities, places=_places(table, UTRECHT))
    assert _codes(found) == ["out_of_reach"] * 6
    assert [f.pids for f in found] == [(f"R{k:04d}",) for k in range(2, 8)]
    assert "accept" in found[0].suggestion_en  # Utrecht is about 195 road km away
    # a place in Groningen as well, and they meet there
    both = _places(table, UTRECHT, GRONINGEN)
    assert diagnose(analysis.table, analysis.similarities, places=both) == []


def test_who_may_meet_online_reaches_the_others_online(make_table):
    groningen = {"lat": GRONINGEN[0], "lon": GRONINGEN[1], "max_travel_km": 30.0}
    table = make_table([*_nurses(6, **groningen), *_doctors(5)])
    analysis = analyse(table)
    online = [True] * 6 + [False] * 5
    places = _places(table, UTRECHT, online=online)
    assert diagnose(analysis.table, analysis.similarities, places=places) == []
    # online only: the doctors in Utrecht cannot meet at the place if they may only meet online
    only = [False] * 6 + [True] * 5
    places = _places(table, UTRECHT, GRONINGEN, online=[False] * 6 + [True] * 5, only=only)
    assert diagnose(analysis.table, analysis.similarities, places=places) == []
    cut_off = _places(table, UTRECHT, GRONINGEN, only=[False] * 6 + [True] * 5)
    found = diagnose(analysis.table, analysis.similarities, places=cut_off)
    assert {f.code for f in found} == {"out_of_reach"}
    assert sorted(p for f in found for p in f.pids) == [f"R{k:04d}" for k in range(8, 13)]
