"""Comparing two line-ups: moves, kept groups, score differences, pairs who meet again."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from openpyxl import load_workbook

from reporting.comparison import comparison_json, write_compare_workbook
from reporting.lineup_io import read_lineup
from rounds.compare import Side, compare
from workflow import FormOptions, lineup_side

OPTIONS = FormOptions()


@pytest.fixture(scope="module")
def two_lineups(round_one):
    """Round one's line-up, and the same with two people swapped between groups 1 and 2."""
    lineup = read_lineup(round_one)
    a = dict(lineup.groups)
    first = sorted(p for p, g in a.items() if g == 1)[0]
    second = sorted(p for p, g in a.items() if g == 2)[0]
    b = {**a, first: 2, second: 1}
    side_a = lineup_side("A", lineup.table, a, OPTIONS)
    side_b = lineup_side("B", lineup.table, b, OPTIONS)
    return side_a, side_b, (first, second)


def test_a_swap_moves_two_people_and_keeps_the_other_groups(two_lineups):
    a, b, (first, second) = two_lineups
    comparison = compare(a, b)
    assert {(m.pid_a, m.group_a, m.group_b) for m in comparison.moved} == {
        (first, 1, 2),
        (second, 2, 1),
    }
    groups = {g.group_a: g for g in comparison.groups}
    assert not groups[1].kept and not groups[2].kept
    assert groups[1].group_b == 1 and groups[2].group_b == 2
    assert len(comparison.kept_groups) == len(groups) - 2
    size_1 = sum(1 for g in a.groups.values() if g == 1)
    size_2 = sum(1 for g in a.groups.values() if g == 2)
    all_pairs = sum(
        n * (n - 1) // 2 for n in (sum(1 for v in a.groups.values() if v == g) for g in groups)
    )
    lost = (size_1 - 1) + (size_2 - 1)
    assert len(comparison.pairs_again) == all_pairs - lost
    old_mates = {p for p, g in a.groups.items() if g == 1} - {first}
    assert not {tuple(sorted((first, m))) for m in old_mates} & set(comparison.pairs_again)


def test_scores_per_rule_and_group_are_both_sides_and_their_difference(two_lineups):
    a, b, _ = two_lineups
    data = json.loads(json.dumps(comparison_json(compare(a, b)), allow_nan=False))
    assert data["a"]["objective"] == a.report.objective
    assert data["b"]["objective"] == b.report.objective
    for key, scores in data["rules"].items():
        assert scores["difference"] == scores["b"] - scores["a"]
        assert scores["a"] == a.report.per_rule.get(key, 0)
    kept = [g for g in data["groups"] if g["kept"]]
    assert all(g["difference"] == 0 for g in kept)
    assert data["kept_groups"] == len(kept)
    assert sum(g["score_b"] for g in data["groups"]) - sum(
        g["score_a"] for g in data["groups"]
    ) == sum(s["difference"] for k, s in data["rules"].items() if k != "unplaced_penalty")


def test_compare_identical_line_ups_finds_nothing_changed(two_lineups):
    a, _, _ = two_lineups
    comparison = compare(a, a)
    assert comparison.moved == []
    assert len(comparison.kept_groups) == len(comparison.groups)


def test_the_compare_sheet_is_in_the_language_asked(two_lineups, tmp_path):
    a, b, (first, _) = two_lineups
    path = write_compare_workbook(tmp_path / "cmp.xlsx", compare(a, b), "nl")
    book = load_workbook(path)
    assert book.sheetnames == ["Vergelijking"]
    cells = [c for row in book["Vergelijking"].iter_rows(values_only=True) for c in row if c]
    assert "Groepen behouden" in cells and "Van groep" in cells
    assert a.table.loc[first, "name"] in cells


def _plain_side(label: str, groups: dict[str, int | None]) -> Side:
    table = pd.DataFrame({"name": [f"person {p}" for p in groups]}, index=list(groups))
    return Side(label, table, groups)


def test_groups_are_matched_by_their_members_before_their_numbers():
    """A renumbered line-up (as a re-solve writes it) keeps every group: nobody moves."""
    a = {f"p{k}": k // 5 + 1 for k in range(20)}
    renumbered = {1: 3, 2: 4, 3: 1, 4: 2}
    comparison = compare(
        _plain_side("A", a), _plain_side("B", {p: renumbered[g] for p, g in a.items()})
    )
    assert comparison.moved == []
    assert len(comparison.kept_groups) == 4
    assert {(g.group_a, g.group_b) for g in comparison.groups} == set(renumbered.items())


def test_a_group_split_evenly_keeps_its_number_rather_than_showing_3_to_3():
    """Half of group 3 went to group 2, half stayed in group 3: group 3's counterpart is group 3
    (the same number wins a tie), so those who stayed are not listed as moved from 3 to 3."""
    a = {"p0": 3, "p1": 4, "p2": 1, "p3": 3, "p4": 3, "p5": 4, "p6": 3, "p7": 4, "p8": 4}
    b = {"p0": 2, "p1": 4, "p2": 1, "p3": 2, "p4": 3, "p5": 4, "p6": 3, "p7": 2, "p8": 1}
    comparison = compare(_plain_side("A", a), _plain_side("B", b))
    assert {(m.pid_a, m.group_a, m.group_b) for m in comparison.moved} == {
        ("p0", 3, 2),
        ("p3", 3, 2),
        ("p7", 4, 2),
        ("p8", 4, 1),
    }
    assert (3, 3) in {(g.group_a, g.group_b) for g in comparison.groups}
