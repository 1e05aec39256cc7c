"""Two line-ups side by side: who moved where, which groups were kept, what each rule and
group scores in each, and which pairs meet again.

The line-ups may be of the same intake (two versions, an edited workbook) or of two rounds;
people are matched by pid when both tables hold the same people, else by
:func:`rounds.identity.match_people`. Groups with the same members are paired whatever their
numbers; the others by the largest overlap (an assignment, so each group has at most one
counterpart); a person "moved" when their group in B is not the counterpart of their group in A.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from optimiser.intervision.lineup import LineupReport
from rounds.identity import Question, match_people


@dataclass(frozen=True)
class Side:
    """One line-up: its people, ``pid -> group`` (None = not placed) and its evaluation
    (None when it was not scored, e.g. the previous round beside a next round)."""

    label: str
    table: pd.DataFrame
    groups: Mapping[str, int | None]
    report: LineupReport | None = None


@dataclass(frozen=True)
class Moved:
    """A person in both line-ups whose group changed (None = not placed)."""

    pid_a: str
    pid_b: str
    group_a: int | None
    group_b: int | None


@dataclass(frozen=True)
class GroupPair:
    """A group of A and its counterpart in B (either may be None), with their scores."""

    group_a: int | None
    group_b: int | None
    shared: int  # people in both
    kept: bool  # the same people, apart from those who are in only one line-up
    score_a: int | None
    score_b: int | None
    rules_a: dict[str, int]
    rules_b: dict[str, int]


@dataclass
class Comparison:
    """What :func:`compare` found; ``same[pid_b] = pid_a`` for people in both."""

    a: Side
    b: Side
    same: dict[str, str]
    moved: list[Moved] = field(default_factory=list)
    groups: list[GroupPair] = field(default_factory=list)
    pairs_again: list[tuple[str, str]] = field(default_factory=list)  # pids of A
    only_a: list[str] = field(default_factory=list)
    only_b: list[str] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)

    @property
    def kept_groups(self) -> list[GroupPair]:
        return [g for g in self.groups if g.kept]

    def rule_scores(self) -> dict[str, tuple[int, int]]:
        """Per rule key: (score in A, score in B); empty unless both line-ups were scored."""
        if self.a.report is None or self.b.report is None:
            return {}
        keys = sorted(set(self.a.report.per_rule) | set(self.b.report.per_rule))
        return {
            k: (self.a.report.per_rule.get(k, 0), self.b.report.per_rule.get(k, 0)) for k in keys
        }


def _same_people(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """Both tables hold the same pids for the same names: one intake, two line-ups."""
    if set(a.index) != set(b.index):
        return False
    return all(str(a.loc[p, "name"]) == str(b.loc[p, "name"]) for p in a.index)


def _placed(groups: Mapping[str, int | None]) -> dict[str, int]:
    return {p: int(g) for p, g in groups.items() if g is not None and not pd.isna(g)}


def compare(a: Side, b: Side, same: Mapping[str, str] | None = None) -> Comparison:
    """Compare line-up ``a`` (before) with ``b`` (after); ``same[pid_b] = pid_a`` when the
    people are already matched (a next round)."""
    questions: list[Question] = []
    if same is not None:
        same = dict(same)
    elif _same_people(a.table, b.table):
        same = {str(p): str(p) for p in b.table.index}
    else:
        matching = match_people(a.table, b.table)
        same, questions = dict(matching.same), matching.questions
    comparison = Comparison(a, b, same, questions=questions)
    comparison.only_a = sorted(set(map(str, a.table.index)) - set(same.values()))
    comparison.only_b = sorted(set(map(str, b.table.index)) - set(same))
    in_a, in_b = _placed(a.groups), _placed(b.groups)
    counterpart = _pair_groups(comparison, in_a, in_b)
    for pid_b, pid_a in sorted(same.items(), key=lambda item: item[1]):
        group_a, group_b = in_a.get(pid_a), in_b.get(pid_b)
        if group_a is None and group_b is None:
            continue
        if group_a is None or counterpart.get(group_a) != group_b:
            comparison.moved.append(Moved(pid_a, pid_b, group_a, group_b))
    back = {pid_a: pid_b for pid_b, pid_a in same.items()}
    members_a: dict[int, list[str]] = {}
    for pid, g in in_a.items():
        members_a.setdefault(g, []).append(pid)
    for _, members in sorted(members_a.items()):
        for p, q in combinations(sorted(members), 2):
            gp, gq = in_b.get(back.get(p, "")), in_b.get(back.get(q, ""))
            if gp is not None and gp == gq:
                comparison.pairs_again.append((p, q))
    return comparison


def _pair_groups(comparison: Comparison, in_a: dict[str, int], in_b: dict[str, int]):
    """Pair A's groups with B's; fills ``comparison.groups``.

    Groups with the same members (apart from people in only one line-up) are paired first,
    whatever their numbers (a re-solve renumbers groups); then a group with the group of the
    same number when no other group shares more members with either; the rest by most shared
    people, a tie going to the same number. Pairing by overlap alone let a tie pair group 5
    with another group, and members who stayed in group 5 showed as moved from 5 to 5.
    """
    same = comparison.same
    groups_a = sorted(set(in_a.values()))
    groups_b = sorted(set(in_b.values()))
    overlap = np.zeros((len(groups_a), len(groups_b)), dtype=int)
    index_a = {g: k for k, g in enumerate(groups_a)}
    index_b = {g: k for k, g in enumerate(groups_b)}
    for pid_b, pid_a in same.items():
        if pid_a in in_a and pid_b in in_b:
            overlap[index_a[in_a[pid_a]], index_b[in_b[pid_b]]] += 1
    shared_a = {g: int(overlap[index_a[g]].sum()) for g in groups_a}
    shared_b = {g: int(overlap[:, index_b[g]].sum()) for g in groups_b}
    counterpart = {
        ga: gb
        for ga in groups_a
        for gb in groups_b
        if 0 < overlap[index_a[ga], index_b[gb]] == shared_a[ga] == shared_b[gb]
    }
    for g in set(groups_a) & set(groups_b) - set(counterpart) - set(counterpart.values()):
        here = overlap[index_a[g], index_b[g]]
        if here > 0 and here == overlap[index_a[g]].max() == overlap[:, index_b[g]].max():
            counterpart[g] = g  # no other group holds more of either's members
    rest_a = [g for g in groups_a if g not in counterpart]
    rest_b = [g for g in groups_b if g not in set(counterpart.values())]
    if rest_a and rest_b:
        rows_a, cols_b = [index_a[g] for g in rest_a], [index_b[g] for g in rest_b]
        # overlap first; among equal overlaps the same number (at most one point per group,
        # fewer than one shared person is worth)
        weight = overlap[np.ix_(rows_a, cols_b)] * (len(rest_a) + 1) + (
            np.array(rest_a)[:, None] == np.array(rest_b)[None, :]
        )
        rows, cols = linear_sum_assignment(-weight)
        for r, c in zip(rows, cols, strict=True):
            if overlap[rows_a[r], cols_b[c]] > 0:
                counterpart[rest_a[r]] = rest_b[c]
    scores_a = {g.group: g for g in comparison.a.report.groups} if comparison.a.report else {}
    scores_b = {g.group: g for g in comparison.b.report.groups} if comparison.b.report else {}
    paired_b = set(counterpart.values())
    for g in groups_a:
        other = counterpart.get(g)
        shared = int(overlap[index_a[g], index_b[other]]) if other is not None else 0
        kept = other is not None and shared == shared_a[g] == shared_b[other]
        comparison.groups.append(_group_pair(g, other, shared, kept, scores_a, scores_b))
    for g in groups_b:
        if g not in paired_b:
            comparison.groups.append(_group_pair(None, g, 0, False, scores_a, scores_b))
    return counterpart


def _group_pair(group_a, group_b, shared, kept, scores_a, scores_b) -> GroupPair:
    ra, rb = scores_a.get(group_a), scores_b.get(group_b)
    return GroupPair(
        group_a,
        group_b,
        shared,
        kept,
        ra.score if ra else None,
        rb.score if rb else None,
        {r.key: r.score for r in ra.rules} if ra else {},
        {r.key: r.score for r in rb.rules} if rb else {},
    )
