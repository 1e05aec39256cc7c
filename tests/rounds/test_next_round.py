"""The next round: stable keeps continuing groups, fills vacancies, merges groups that fell
below the minimum, and gives every change a reason; all hard rules hold."""

from __future__ import annotations

from itertools import combinations

import pandas as pd
import pytest

from reporting.lineup_io import read_lineup
from rounds.next_round import PastRound
from tests.rounds.builders import dropouts_that_force_nothing, write_round_two
from workflow import FormOptions, UsageError, form_next_round

OPTIONS = FormOptions(time_limit_s=5, seed=1)


def _pairs(groups) -> set[tuple[str, str]]:
    members: dict[int, list[str]] = {}
    for pid, g in groups.items():
        if g is not None and not pd.isna(g):
            members.setdefault(int(g), []).append(pid)
    return {tuple(sorted(p)) for m in members.values() for p in combinations(m, 2)}


def _previous(round_one):
    lineup = read_lineup(round_one)
    return lineup, [PastRound(lineup.table, lineup.groups)]


def test_stable_keeps_at_least_95_percent_of_pairs_when_no_rule_forces_a_change(
    round_one, tmp_path
):
    drop = dropouts_that_force_nothing(round_one)
    new = write_round_two(tmp_path / "round2.csv", drop, newcomers=4)
    lineup, rounds = _previous(round_one)
    run = form_next_round(rounds, new, OPTIONS, mode="stable")
    outcome = run.outcome
    assert outcome.continuing_pairs > 50
    assert outcome.kept_pairs >= 0.95 * outcome.continuing_pairs
    assert run.report.hard_violations == 0
    assert len(outcome.dropouts) == len(drop)
    assert {int(lineup.table.loc[c.pid, "source_row"]) for c in outcome.dropouts} == drop
    newcomers = set(outcome.matching.newcomers)
    assert len(newcomers) == 4
    for change in outcome.changes:  # every change has a reason; newcomers are changes too
        assert change.reason
        assert change.pid in newcomers or change.before != change.after
    changed = {c.pid for c in outcome.changes}
    for pid, before in outcome.previous_group.items():
        assert pid in changed or outcome.groups[pid] == before


def test_groups_below_the_minimum_are_merged_and_their_people_placed(round_one, tmp_path):
    lineup, rounds = _previous(round_one)
    smallest = min(
        {g for g in lineup.groups.values() if g is not None},
        key=lambda g: (sum(1 for v in lineup.groups.values() if v == g), g),
    )
    members = sorted(p for p, g in lineup.groups.items() if g == smallest)
    size = len(members)
    drop_rows = {int(lineup.table.loc[p, "source_row"]) for p in members[: size - 4 + 1]}
    new = write_round_two(tmp_path / "round2.csv", drop_rows)
    run = form_next_round(rounds, new, OPTIONS, mode="stable")
    outcome = run.outcome
    assert run.report.hard_violations == 0
    remaining = [new for new, old in outcome.matching.same.items() if old in members]
    assert len(remaining) == 3
    stayed = [p for p in remaining if outcome.groups[p] == smallest]
    involved = [
        c for c in outcome.changes if c.before == smallest or (stayed and c.after == smallest)
    ]
    assert involved, "the group below the minimum must be filled up or its members placed"
    for change in involved:
        assert "fewer than the minimum of 5" in change.reason
    placed = sum(1 for g in outcome.groups.values() if g is not None)
    assert placed + len(run.report.unplaced) == len(run.table)
    sizes = [len(g.pids) for g in run.report.groups]
    assert all(5 <= s <= 8 for s in sizes)


def test_stable_gives_the_same_groups_for_the_same_input_and_seed(round_one, tmp_path):
    new = write_round_two(tmp_path / "round2.csv", dropouts_that_force_nothing(round_one), 2)
    _, rounds = _previous(round_one)
    first = form_next_round(rounds, new, OPTIONS, mode="stable").outcome.groups
    again = form_next_round(rounds, new, OPTIONS, mode="stable").outcome.groups
    assert first == again


def test_unknown_mode_is_refused(round_one, tmp_path):
    new = write_round_two(tmp_path / "round2.csv", set())
    _, rounds = _previous(round_one)
    with pytest.raises(UsageError, match="mode 'shuffle'"):
        form_next_round(rounds, new, OPTIONS, mode="shuffle")
