"""The next round of a programme, in steps ``workflow.form_next_round`` composes: who goes on
from the previous line-up, which groups can stay as they are, who met whom in the last K
rounds, and afterwards what changed and why.

``stable`` keeps every continuing member in their group unless a rule forces a change: groups
that still fit the rules with this round's answers are pinned, the rest is repaired around them
(each move costs more than any placement gains), so people move only to restore a hard rule,
to make room, or because their group fell below the minimum size (then it is filled up, merged
into others or dissolved and its members placed). Newcomers fill the vacancies. ``mix`` forms
new groups in which pairs who met in the last K rounds are kept apart by the rule
``met_before`` (the ``met_before_pids`` column), every other rule holding as usual. Every
change comes with a reason in the coordinator's language.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import pandas as pd

from optimiser.intervision import IntervisionProblem, IntervisionSettings, evaluate_lineup
from optimiser.problem import Level
from optimiser.result import Result
from rounds.identity import Matching, match_people

MODES = ("stable", "mix")

_TEXT = {
    "en": {
        "newcomer": "new this round: placed in group {g}",
        "newcomer_unplaced": "new this round: not placed ({why})",
        "was_unplaced": "not placed last round: now in group {g}",
        "dissolved": (
            "group {old} kept {k} of its members, fewer than the minimum of {min}: "
            "it was merged into others"
        ),
        "joined_small": (
            "moved to group {g}, which kept {k} of its members, fewer than the minimum of {min}"
        ),
        "mixed": "new groups (mix): in group {g}",
        "unplaced": "not placed: {why}",
        "dropout": "not in the new intake",
        "made_room": "moved to make room or to restore a hard rule elsewhere",
    },
    "nl": {
        "newcomer": "nieuw deze ronde: ingedeeld in groep {g}",
        "newcomer_unplaced": "nieuw deze ronde: niet ingedeeld ({why})",
        "was_unplaced": "vorige ronde niet ingedeeld: nu in groep {g}",
        "dissolved": (
            "groep {old} hield {k} van de leden over, minder dan het minimum van {min}: "
            "de groep is opgegaan in andere"
        ),
        "joined_small": (
            "verplaatst naar groep {g}, die {k} van de leden overhield, minder dan het minimum "
            "van {min}"
        ),
        "mixed": "nieuwe groepen (mix): in groep {g}",
        "unplaced": "niet ingedeeld: {why}",
        "dropout": "staat niet in de nieuwe intake",
        "made_room": "verplaatst om ruimte te maken of elders een harde regel te herstellen",
    },
}


@dataclass(frozen=True)
class PastRound:
    """An earlier round's line-up: its people and ``pid -> group``. ``same`` may map this
    round's pids to the past round's pids (known from the store); else people are matched."""

    table: pd.DataFrame
    groups: Mapping[str, int | None]
    same: Mapping[str, str] | None = None


@dataclass(frozen=True)
class Change:
    """One person's group from the previous round to this one, and why."""

    pid: str  # this round's pid (the previous round's pid for a drop-out)
    before: int | None
    after: int | None
    reason: str


@dataclass(frozen=True)
class RoundPlan:
    """What the previous rounds say about this one, before solving."""

    matching: Matching  # this round's people against the previous round's
    previous_group: dict[str, int | None]  # this round's pid -> group last round
    met: frozenset[tuple[str, str]]  # pairs of this round's pids who met in the last K rounds

    @property
    def proposed(self) -> dict[str, int]:
        """The previous line-up in this round's pids: what stable mode keeps."""
        return {p: g for p, g in self.previous_group.items() if g is not None}


@dataclass
class NextRound:
    """A next round: the solve, the problem it was scored on, and what changed."""

    mode: str
    result: Result
    problem: IntervisionProblem
    groups: dict[str, int | None]
    previous_group: dict[str, int | None]
    matching: Matching
    changes: list[Change] = field(default_factory=list)
    dropouts: list[Change] = field(default_factory=list)
    continuing_pairs: int = 0  # pairs together last round who are both in this round
    kept_pairs: int = 0  # of those, pairs still together
    repeated_pairs: int = 0  # pairs together now who met in the last K rounds


def plan_round(
    rounds: Sequence[PastRound], table: pd.DataFrame, *, met_rounds: int = 1
) -> RoundPlan:
    """Match this round's people (``table``, index = pid) to the previous round's, and collect
    who met whom in the last ``met_rounds`` rounds (oldest first; the last is the previous)."""
    if not rounds:
        raise ValueError("a next round needs the previous round's line-up")
    previous = rounds[-1]
    matching = (
        match_people(previous.table, table)
        if previous.same is None
        else _known_matching(previous, table)
    )
    previous_group = {now: _group(previous.groups.get(then)) for now, then in matching.same.items()}
    met: set[tuple[str, str]] = set()
    for past in rounds[-met_rounds:] if met_rounds > 0 else ():
        same = matching.same if past is previous else _same(past, table)
        met |= _pairs_of({now: past.groups.get(then) for now, then in same.items()})
    return RoundPlan(matching, previous_group, frozenset(met))


def _same(past: PastRound, table: pd.DataFrame) -> dict[str, str]:
    if past.same is not None:
        return {str(k): str(v) for k, v in past.same.items()}
    return match_people(past.table, table).same


def with_met_before(table: pd.DataFrame, met: frozenset[tuple[str, str]]) -> pd.DataFrame:
    """The table with each person's ``met_before_pids``: whom they met in the last rounds."""
    others: dict[str, list[str]] = {}
    for a, b in sorted(met):
        others.setdefault(a, []).append(b)
        others.setdefault(b, []).append(a)
    index = table["pid"] if "pid" in table.columns else table.index
    return table.assign(met_before_pids=[tuple(others.get(str(p), ())) for p in index])


def with_met_before_level(settings: IntervisionSettings, mode: str) -> IntervisionSettings:
    """Mix mode needs ``met_before`` on; if the settings have it off, it becomes hard."""
    if mode == "mix" and settings.level("met_before") == Level.OFF:
        return settings.with_overrides(rules={"met_before": {"level": "hard"}})
    return settings


def groups_that_go_on(problem: IntervisionProblem, proposed: Mapping[str, int]) -> dict[str, int]:
    """Pins for the members of every continuing group that needs no change: at least the
    minimum size, at most the maximum, and no hard rule broken with this round's answers.
    The others (groups below the minimum, or breaking a hard rule now) stay a proposal that
    costs a move to leave, so the solver changes only what it must."""
    report = evaluate_lineup(problem, proposed)
    low, high = problem.settings.min_size, problem.settings.max_size
    return {
        pid: group.group
        for group in report.groups
        if not group.broken_hard and low <= len(group.pids) <= high
        for pid in group.pids
    }


def round_outcome(
    plan: RoundPlan,
    mode: str,
    problem: IntervisionProblem,
    result: Result,
    groups: Mapping[str, int | None],
    why_unplaced: Mapping[str, str],
    previous: PastRound,
) -> NextRound:
    """The solved round with every change and its reason, the drop-outs and the pair counts."""
    settings = problem.settings
    outcome = NextRound(
        mode, result, problem, dict(groups), dict(plan.previous_group), plan.matching
    )
    _explain(outcome, settings, why_unplaced)
    outcome.dropouts = [
        Change(p, _group(previous.groups.get(p)), None, _text(settings, "dropout"))
        for p in plan.matching.dropouts
    ]
    before = _pairs_of(plan.previous_group)
    now = _pairs_of(groups)
    outcome.continuing_pairs = len(before)
    outcome.kept_pairs = len(before & now)
    outcome.repeated_pairs = len(now & plan.met)
    return outcome


def _pairs_of(groups: Mapping[str, int | None]) -> set[tuple[str, str]]:
    members: dict[int, list[str]] = {}
    for pid, group in groups.items():
        if _group(group) is not None:
            members.setdefault(int(group), []).append(pid)  # type: ignore[arg-type]
    return {(min(a, b), max(a, b)) for m in members.values() for a, b in combinations(m, 2)}


def _known_matching(previous: PastRound, table: pd.DataFrame) -> Matching:
    same = {str(k): str(v) for k, v in (previous.same or {}).items() if k in table.index}
    return Matching(
        same=same,
        how=dict.fromkeys(same, "store"),
        newcomers=sorted(set(map(str, table.index)) - set(same)),
        dropouts=sorted(set(map(str, previous.table.index)) - set(same.values())),
    )


def _group(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[arg-type]


def _text(settings: IntervisionSettings, key: str, **values: object) -> str:
    return _TEXT[settings.language][key].format(**values)


def _explain(outcome: NextRound, settings: IntervisionSettings, why: Mapping[str, str]) -> None:
    """A change (with its reason) for everyone whose group is not simply the same as before."""
    continuing = Counter(g for g in outcome.previous_group.values() if g is not None)
    low = settings.min_size
    for pid, after in outcome.groups.items():
        before = outcome.previous_group.get(pid)
        if outcome.mode == "mix":
            reason = (
                _text(settings, "mixed", g=after)
                if after is not None
                else _text(settings, "unplaced", why=why.get(pid, ""))
            )
        elif pid not in outcome.previous_group:
            reason = (
                _text(settings, "newcomer", g=after)
                if after is not None
                else _text(settings, "newcomer_unplaced", why=why.get(pid, ""))
            )
        elif before == after:
            continue
        elif before is None:
            reason = _text(settings, "was_unplaced", g=after)
        elif after is None:
            reason = _text(settings, "unplaced", why=why.get(pid, ""))
        elif continuing[before] < low:
            reason = _text(settings, "dissolved", old=before, k=continuing[before], min=low)
        elif continuing[after] < low:
            reason = _text(settings, "joined_small", g=after, k=continuing[after], min=low)
        else:
            reason = _moved_reason(outcome, pid, before)
        outcome.changes.append(Change(pid, before, after, reason))


def _moved_reason(outcome: NextRound, pid: str, before: int) -> str:
    """Why a continuing member left a group that could go on: the hard rule their old group
    would break now, if any (new answers), else to make room."""
    old_group = {p: g for p, g in outcome.previous_group.items() if g == before}
    report = evaluate_lineup(outcome.problem, old_group)
    name = outcome.problem.name(outcome.problem.rows[pid])
    sentences = [text for g in report.groups for _, text in g.broken_hard if name in text]
    return "; ".join(sentences) or _text(outcome.problem.settings, "made_room")
