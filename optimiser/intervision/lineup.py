"""Line-ups in intervision terms: a solver's result as a table, a given line-up evaluated and
explained in the coordinator's language, one person's alternatives, and repair of a line-up.

Group numbers here are 1-based (what users see); group ``k`` is the problem's group index
``k - 1``, so pins and a proposed line-up keep their numbers. All scores come from
:func:`optimiser.scoring.score`, the same scorer the solver is checked against. The meeting-place
rule carries three things, which reports show apart: ``travel_limit`` (members who cannot reach
the place within their limit), ``travel`` (the members' km cost of the place chosen) and
``travel_balance`` (the farthest member's km cost, once per group).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pandas as pd

from moments import MOMENTS, moment_names
from optimiser.families.option import max_member_cost
from optimiser.intervision.build import IntervisionProblem
from optimiser.intervision.hosting import MEETINGS_PER_YEAR, HostingPlan, hosting_plan
from optimiser.intervision.rules import find_rule, rule
from optimiser.intervision.venues import ONLINE, Venue
from optimiser.problem import CommonOption, ForbiddenPairs, GroupRule, Level
from optimiser.result import (
    GroupScore,
    Result,
    RuleScore,
)
from optimiser.scoring import (
    PINS_KEY,
    SIZES_KEY,
    STOPPED_KEY,
    TOGETHER_KEY,
    UNPLACED_KEY,
    score,
    unplaced_penalty,
)
from optimiser.solve import unplaced_reasons
from road import road_km

if TYPE_CHECKING:
    from optimiser.intervision.choices import GroupChange

_TEXT = {
    "en": {
        "small": "the group has {size} members, fewer than {min}",
        "large": "the group has {size} members, more than {max}",
        "pin": "{a} is pinned to group {group}",
        "not_placed": "not placed in this line-up, though a group with room would take them",
        "newcomer": "new: not in the proposed line-up",
        "unplaced_by_solver": "could not be placed",
        "made_room": "moved to make room or to restore a hard rule elsewhere",
        "left_full": "group {group} had {size} members, more than {max}",
        "filled": "group {group} kept {size} members, fewer than {min}: moved in to fill it",
        "moment_moved": (
            "group {group}'s meeting moment is now {moment} (a hard rule forced the change), "
            "which {a} cannot make"
        ),
        "travel_change": (
            "group {group}: farthest {old_max} -> {new_max} km, average {old_mean} -> {new_mean} km"
        ),
        "moment_names": moment_names("en"),
        "reason_keys": {
            SIZES_KEY: "group sizes (no group with room)",
            TOGETHER_KEY: "must stay together with others",
            UNPLACED_KEY: "leaving them out scored better",
            STOPPED_KEY: "the search was stopped before they were placed",
        },
    },
    "nl": {
        "small": "de groep heeft {size} leden, minder dan {min}",
        "large": "de groep heeft {size} leden, meer dan {max}",
        "pin": "{a} is vastgezet in groep {group}",
        "not_placed": "niet ingedeeld in deze indeling, al zou een groep met plek hen nemen",
        "newcomer": "nieuw: niet in de voorgestelde indeling",
        "unplaced_by_solver": "kon niet worden ingedeeld",
        "made_room": "verplaatst om ruimte te maken of elders een harde regel te herstellen",
        "left_full": "groep {group} had {size} leden, meer dan {max}",
        "filled": "groep {group} hield {size} leden over, minder dan {min}: aangevuld",
        "moment_moved": (
            "het vergadermoment van groep {group} is nu {moment} (een harde regel dwong die "
            "wijziging), dan kan {a} niet"
        ),
        "travel_change": (
            "groep {group}: verste {old_max} -> {new_max} km, gemiddeld {old_mean} -> {new_mean} km"
        ),
        "moment_names": moment_names("nl"),
        "reason_keys": {
            SIZES_KEY: "groepsgrootte (geen groep met plek)",
            TOGETHER_KEY: "moet samen met anderen blijven",
            UNPLACED_KEY: "buiten laten scoorde beter",
            STOPPED_KEY: "het zoeken werd gestopt voordat ze waren ingedeeld",
        },
    },
}


@dataclass(frozen=True)
class GroupReport:
    """One group as the coordinator sees it.

    ``travel_km`` is each member's road km to the venue (central), or in mode rotating their
    mean km per meeting over the year (to the other members' places in turn; with the rule
    travel_balance on, by the hosting plan ``hosts``: the pid hosting each meeting of the
    year); members without coordinates are left out. ``online``: the coordinator made the
    group meet online (its venue is then ``ONLINE``, everyone's travel 0 km).
    """

    group: int
    pids: tuple[str, ...]
    moment: str | None
    venue: Venue | None
    travel_km: dict[str, float]
    score: int
    rules: tuple[RuleScore, ...]
    broken_hard: tuple[tuple[str, str], ...]  # (rule key, sentence) per broken unit
    hosts: tuple[str, ...] = ()
    online: bool = False

    @property
    def meets_online(self) -> bool:
        """Online by the coordinator's choice or by the solver's (the venue "Online")."""
        return self.venue is not None and self.venue.online

    @property
    def travel_km_max(self) -> float | None:
        """The farthest member's km (None when no member has a location)."""
        known = [km for km in self.travel_km.values() if not math.isnan(km)]
        return max(known) if known else None

    @property
    def travel_km_mean(self) -> float | None:
        """The members' mean km (None when no member has a location)."""
        known = [km for km in self.travel_km.values() if not math.isnan(km)]
        return round(sum(known) / len(known), 1) if known else None

    @property
    def broken_sentences(self) -> tuple[str, ...]:
        """The broken hard rules in words, for people."""
        return tuple(sentence for _, sentence in self.broken_hard)


@dataclass(frozen=True)
class LineupReport:
    """A whole line-up evaluated: per group, unplaced people with reasons, totals per rule."""

    groups: tuple[GroupReport, ...]
    unplaced: tuple[tuple[str, str], ...]
    objective: int
    per_rule: dict[str, int]
    hard_violations: int


class Move(NamedTuple):
    """One change a repair made to a proposed line-up (group numbers 1-based, None = unplaced)."""

    pid: str
    from_group: int | None
    to_group: int | None
    reason: str


class Repair(NamedTuple):
    """A repaired line-up: the solve, the moves it made, the problem it solved, and the stored
    moments and places a rule forced it to change (``choices.GroupChange``)."""

    result: Result
    moves: list[Move]
    problem: IntervisionProblem
    changes: tuple[GroupChange, ...] = ()


def _text(ip: IntervisionProblem, key: str, **values: object) -> str:
    return _TEXT[ip.settings.language][key].format(**values)


def _group_lists(ip: IntervisionProblem, groups: Mapping[str, int | None]) -> list[list[int]]:
    """pid -> 1-based group  as  a list indexed by group index (empty where a number is unused)."""
    unknown = sorted(pid for pid in groups if pid not in ip.rows)
    if unknown:
        raise ValueError(f"line-up names unknown participant(s): {', '.join(unknown)}")
    numbers = {pid: int(g) for pid, g in groups.items() if g is not None and not pd.isna(g)}
    if any(g < 1 for g in numbers.values()):
        raise ValueError("group numbers start at 1")
    lists: list[list[int]] = [[] for _ in range(max(numbers.values(), default=0))]
    for pid, g in numbers.items():
        lists[g - 1].append(ip.rows[pid])
    return [sorted(members) for members in lists]


def lineup_from_result(ip: IntervisionProblem, result: Result) -> pd.DataFrame:
    """Every pid exactly once: its 1-based group (NA = unplaced) and, if unplaced, why."""
    group_of: dict[int, int] = {}
    for g, members in enumerate(result.groups):
        for person in members:
            group_of[person] = g + 1
    why = {u.person: _unplaced_reason(ip, u.reasons, u.message) for u in result.unplaced}
    return pd.DataFrame(
        {
            "pid": list(ip.pids),
            "group": pd.array([group_of.get(i) for i in range(len(ip.pids))], dtype="Int64"),
            "reason": [
                None if i in group_of else why.get(i, _text(ip, "unplaced_by_solver"))
                for i in range(len(ip.pids))
            ],
        }
    )


def _unplaced_reason(ip: IntervisionProblem, reasons: Sequence[str], message: str) -> str:
    """The solver's reason keys as rule names in the user's language (its message otherwise)."""
    words = _TEXT[ip.settings.language]["reason_keys"]
    names = []
    for key in reasons:
        if key in words:
            names.append(words[key])
        else:
            try:
                names.append(rule(key).name(ip.settings.language))
            except KeyError:
                names.append(key)
    if not names:
        return message or _text(ip, "unplaced_by_solver")
    return f"{_text(ip, 'unplaced_by_solver')}: {', '.join(dict.fromkeys(names))}"


def unplaced_reason(ip: IntervisionProblem, lists: list[list[int]], person: int) -> str:
    """Why a person has no group in a line-up: the hard rules that keep them out of every
    group (what the solver says of its own unplaced people), or that a group would take them."""
    found = unplaced_reasons(ip.problem, lists, [person])[0]
    if found.reasons == (UNPLACED_KEY,):
        return _text(ip, "not_placed")
    return _unplaced_reason(ip, found.reasons, found.message)


def evaluate_lineup(ip: IntervisionProblem, groups: Mapping[str, int | None]) -> LineupReport:
    """Score a given line-up (pid -> 1-based group, None or absent = unplaced) and say in words
    which rules it breaks for whom."""
    lists = _group_lists(ip, groups)
    breakdown = score(ip.problem, lists)
    reports = tuple(_group_report(ip, g_score) for g_score in breakdown.groups if g_score.members)
    placed = {person for members in lists for person in members}
    unplaced = tuple(
        (pid, unplaced_reason(ip, lists, i)) for i, pid in enumerate(ip.pids) if i not in placed
    )
    per_rule = _split_per_rule(ip, breakdown.groups, breakdown.per_rule)
    if breakdown.unplaced_penalty:
        per_rule[UNPLACED_KEY] = -breakdown.unplaced_penalty
    return LineupReport(
        groups=reports,
        unplaced=unplaced,
        objective=breakdown.objective,
        per_rule=per_rule,
        hard_violations=breakdown.hard_violations,
    )


def _venue_rule(ip: IntervisionProblem) -> CommonOption | None:
    for group_rule in ip.problem.group_rules:
        if group_rule.key == ip.venue_key and isinstance(group_rule, CommonOption):
            return group_rule
    return None


def _travel_parts(ip: IntervisionProblem, g_score: GroupScore) -> dict[str, int]:
    """The costs inside the meeting-place rule's score for one group, by the rule they belong
    to: ``travel`` (members' summed km cost) and ``travel_balance`` (the farthest member's)."""
    venue_rule = _venue_rule(ip)
    if venue_rule is None or ip.venue_key not in g_score.options:
        return {}
    option = g_score.options[ip.venue_key]
    parts = {}
    if venue_rule.cost is not None:
        parts["travel"] = sum(venue_rule.cost[i][option] for i in g_score.members)
    if venue_rule.max_cost is not None:
        parts["travel_balance"] = max_member_cost(venue_rule, g_score.members, option)
    return parts


def _other_parts(ip: IntervisionProblem, g_score: GroupScore) -> dict[str, int]:
    """The non-zero costs of rules other than the one whose key the meeting-place rule has."""
    return {k: v for k, v in _travel_parts(ip, g_score).items() if k != ip.venue_key and v}


def _split_rules(ip: IntervisionProblem, g_score: GroupScore) -> list[RuleScore]:
    """The group's rule scores with the meeting-place rule shown apart as travel_limit, travel
    and travel_balance."""
    rules: list[RuleScore] = []
    for r in g_score.rules:
        parts = _other_parts(ip, g_score) if r.key == ip.venue_key else {}
        rules.append(replace(r, score=r.score + sum(parts.values())) if parts else r)
        for key, cost in parts.items():
            rules.append(RuleScore(key, rule(key).name(ip.settings.language), -cost))
    return rules


def _split_per_rule(
    ip: IntervisionProblem, groups: Sequence[GroupScore], per_rule: Mapping[str, int]
) -> dict[str, int]:
    """Totals per rule, the meeting-place rule's costs moved to the rules they belong to."""
    totals = dict(per_rule)
    for g_score in groups:
        if not g_score.members:
            continue
        for key, cost in _other_parts(ip, g_score).items():
            totals[ip.venue_key] += cost  # type: ignore[index]
            totals[key] = totals.get(key, 0) - cost
    return totals


def _group_report(ip: IntervisionProblem, g_score: GroupScore) -> GroupReport:
    members = list(g_score.members)
    rules = []
    broken: list[tuple[str, str]] = []
    for r in _split_rules(ip, g_score):
        if r.violations:
            messages = _violations(ip, r.key, members, g_score)
            if r.hard:
                broken += [(r.key, m) for m in messages]
            r = replace(r, detail="; ".join(messages) or r.detail)
        rules.append(r)
    broken += [(SIZES_KEY, m) for m in _size_problems(ip, members)]
    broken += [(PINS_KEY, m) for m in _pin_problems(ip, g_score.group, members)]
    moment = None
    if "meeting_moment" in g_score.options:
        moment = MOMENTS[g_score.options["meeting_moment"]]
    venue = ip.venues[g_score.options[ip.venue_key]] if ip.venue_key in g_score.options else None
    pids = tuple(ip.pids[i] for i in members)
    venue_rule = _venue_rule(ip)
    online = venue_rule is not None and g_score.group in venue_rule.exempt
    venue = ONLINE if online else venue
    travel_km = dict.fromkeys(pids, 0.0) if online else _travel_km(ip, members, g_score)
    hosts: tuple[str, ...] = ()
    if not online and _rotating(ip) and ip.settings.level("travel_balance") != Level.OFF:
        plan = hosting_of(ip, pids)
        travel_km, hosts = plan.travel_km, plan.hosts
    return GroupReport(
        group=g_score.group + 1,
        pids=pids,
        moment=moment,
        venue=venue,
        travel_km=travel_km,
        score=g_score.score,
        rules=tuple(rules),
        broken_hard=tuple(broken),
        hosts=hosts,
        online=online,
    )


def _rotating(ip: IntervisionProblem) -> bool:
    """Whether groups meet at members' places in turn (rotating falls back to central above
    ``dense_max_n``, as the problem does)."""
    return ip.settings.travel_mode == "rotating" and len(ip.pids) <= ip.settings.dense_max_n


def hosting_of(
    ip: IntervisionProblem, pids: Sequence[str], meetings: int = MEETINGS_PER_YEAR
) -> HostingPlan:
    """Who hosts which of a group's ``meetings`` (members ``pids``), spread so that each
    member's travel over the year is about equal: the programme plan calls this."""
    rows = [ip.rows[pid] for pid in pids]
    lat, lon = (
        pd.to_numeric(ip.table[c], errors="coerce").to_numpy(float)[rows]
        if c in ip.table.columns
        else np.full(len(rows), np.nan)
        for c in ("lat", "lon")
    )
    balance = ip.settings.level("travel_balance") != Level.OFF
    return hosting_plan(pids, lat, lon, meetings, balance=balance)


def plan_hosts(ip: IntervisionProblem, pids: Sequence[str], meetings: int) -> tuple[str, ...]:
    """The pid hosting each of a group's ``meetings`` when groups meet at members' places in
    turn (balanced as :func:`hosting_of`); ``()`` when groups meet at one place."""
    return hosting_of(ip, pids, meetings).hosts if _rotating(ip) else ()


def _travel_km(ip: IntervisionProblem, members: list[int], g_score: GroupScore) -> dict[str, float]:
    if _rotating(ip):
        lat = pd.to_numeric(ip.table["lat"], errors="coerce").to_numpy(float)[members]
        lon = pd.to_numeric(ip.table["lon"], errors="coerce").to_numpy(float)[members]
        km = road_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
        others = max(1, len(members) - 1)
        return {
            ip.pids[i]: round(float(np.nansum(km[k])) / others, 1)
            for k, i in enumerate(members)
            if not np.isnan(lat[k])
        }
    if ip.venue_km is None or ip.venue_key not in g_score.options:
        return {}
    option = g_score.options[ip.venue_key]
    return {
        ip.pids[i]: round(float(ip.venue_km[i, option]), 1)
        for i in members
        if not np.isnan(ip.venue_km[i, option])
    }


def _size_problems(ip: IntervisionProblem, members: list[int]) -> list[str]:
    low, high = ip.settings.min_size, ip.settings.max_size
    if len(members) < low:
        return [_text(ip, "small", size=len(members), min=low)]
    if len(members) > high:
        return [_text(ip, "large", size=len(members), max=high)]
    return []


def _pin_problems(ip: IntervisionProblem, g: int, members: list[int]) -> list[str]:
    """Pinned people missing from this group (they belong here but were put elsewhere)."""
    inside = set(members)
    return [
        _text(ip, "pin", a=ip.name(person), group=g + 1)
        for person, pinned in ip.problem.pins.items()
        if pinned == g and person not in inside
    ]


def _rule_object(ip: IntervisionProblem, key: str) -> ForbiddenPairs | GroupRule | None:
    for r in (*ip.problem.forbidden, *ip.problem.group_rules):
        if r.key == key:
            return r
    return None


def _violations(
    ip: IntervisionProblem, key: str, members: list[int], g_score: GroupScore
) -> list[str]:
    """One sentence per violated unit of rule ``key`` in a group, naming the people: what the
    rule's entry says of it."""
    entry, found = find_rule(key), _rule_object(ip, key)
    if entry is None or found is None:
        return []
    return entry.broken_units(ip, found, members, g_score.options)


EXPLAIN_COLUMNS = ("group", "delta", "hard_delta", "breaks", "travel_km")  # the rest: rule keys


def explain_person(
    ip: IntervisionProblem, groups: Mapping[str, int | None], pid: str
) -> pd.DataFrame:
    """What moving ``pid`` to each other group would change, rule by rule.

    One row per other non-empty group: ``group``, ``delta`` (change of the objective),
    ``hard_delta`` (change in hard violations), ``breaks`` (hard rules the move would break, in
    words), ``travel_km`` (how the two groups' farthest and average travel change, in words) and
    one column per rule key with that rule's change (:data:`EXPLAIN_COLUMNS` are the others).
    Only the two groups involved are rescored: everything else is unchanged by the move.
    """
    lists = _group_lists(ip, groups)
    person = ip.rows[pid]
    origin = next((g for g, members in enumerate(lists) if person in members), None)
    rows = []
    for target, members in enumerate(lists):
        if target == origin or not members:
            continue
        before = _partial(lists, origin, target)
        after = _partial(lists, origin, target)
        if origin is not None:
            after[origin] = [i for i in after[origin] if i != person]
        after[target] = sorted([*after[target], person])
        old, new = _scored(ip, before), _scored(ip, after)
        keys = sorted(set(old[0]) | set(new[0]))
        row: dict[str, object] = {"group": target + 1}
        row["delta"] = new[1] - old[1]
        row["hard_delta"] = new[2] - old[2]
        row["breaks"] = "; ".join(m for m in new[3] if m not in old[3])
        row["travel_km"] = _travel_change(ip, old[4], new[4])
        row.update({k: new[0].get(k, 0) - old[0].get(k, 0) for k in keys})
        rows.append(row)
    frame = pd.DataFrame(rows, columns=None if rows else list(EXPLAIN_COLUMNS))
    return frame.fillna(0) if rows else frame


def _travel_change(
    ip: IntervisionProblem,
    before: Mapping[int, tuple[float | None, float | None]],
    after: Mapping[int, tuple[float | None, float | None]],
) -> str:
    """Per group the move touches, its farthest and average km before and after, in words."""
    parts = []
    for g in sorted(set(before) | set(after)):
        old_max, old_mean = before.get(g, (None, None))
        new_max, new_mean = after.get(g, (None, None))
        if old_max is None and new_max is None:
            continue
        parts.append(
            _text(
                ip,
                "travel_change",
                group=g + 1,
                old_max=_km_text(old_max),
                new_max=_km_text(new_max),
                old_mean=_km_text(old_mean),
                new_mean=_km_text(new_mean),
            )
        )
    return "; ".join(parts)


def _km_text(km: float | None) -> str:
    return "-" if km is None else f"{km:.0f}"


def _partial(lists: list[list[int]], origin: int | None, target: int) -> list[list[int]]:
    """A line-up with only the origin and target groups (others empty: the move leaves them be)."""
    partial: list[list[int]] = [[] for _ in lists]
    for g in (origin, target):
        if g is not None:
            partial[g] = list(lists[g])
    return partial


def _scored(
    ip: IntervisionProblem, lists: list[list[int]]
) -> tuple[dict[str, int], int, int, list[str], dict[int, tuple[float | None, float | None]]]:
    """(per rule incl. unplaced penalty, objective, hard violations, broken-hard sentences,
    group index -> (farthest km, mean km) of the non-empty groups)."""
    breakdown = score(ip.problem, lists)
    per_rule = _split_per_rule(ip, breakdown.groups, breakdown.per_rule)
    per_rule[UNPLACED_KEY] = -breakdown.unplaced_penalty
    reports = [_group_report(ip, g_score) for g_score in breakdown.groups if g_score.members]
    broken = [m for report in reports for m in report.broken_sentences]
    travel = {r.group - 1: (r.travel_km_max, r.travel_km_mean) for r in reports}
    return per_rule, breakdown.objective, breakdown.hard_violations, broken, travel


def keep_lineup(
    ip: IntervisionProblem,
    proposed: Mapping[str, int | None],
    move_penalty: int | None = None,
) -> IntervisionProblem:
    """The problem of repairing a proposed line-up (pid -> 1-based group): keep it as far as
    possible while every hard rule holds, pins are respected and newcomers (pids not in
    ``proposed``) are placed. Solving it is the caller's step (``workflow.repair_lineup``).

    Each move costs ``move_penalty``; the default is the problem's unplaced penalty, more than
    any one placement can gain, so people move only to restore hard rules or to make room.
    """
    current = {pid: g for pid, g in proposed.items() if g is not None and not pd.isna(g)}
    penalty = unplaced_penalty(ip.problem) if move_penalty is None else move_penalty
    rows_current = {ip.rows[pid]: int(g) - 1 for pid, g in current.items() if pid in ip.rows}
    return replace(ip, problem=replace(ip.problem, current=rows_current, move_penalty=penalty))


def repair_moves(
    ip: IntervisionProblem, proposed: Mapping[str, int | None], result: Result
) -> list[Move]:
    """Every person whose group differs from the proposal, with the reason in words (``ip``
    as :func:`keep_lineup` made it, ``result`` its solve)."""
    lineup = lineup_from_result(ip, result)
    before = {pid: (None if g is None or pd.isna(g) else int(g)) for pid, g in proposed.items()}
    broken_before = evaluate_lineup(ip, {p: g for p, g in before.items() if p in ip.rows})
    sentences = {report.group: report.broken_sentences for report in broken_before.groups}
    after_of = {
        pid: None if pd.isna(group) else int(group)
        for pid, group in zip(lineup["pid"], lineup["group"], strict=True)
    }
    sizes = Counter(g for g in before.values() if g is not None)
    stayed = Counter(g for pid, g in before.items() if g is not None and after_of.get(pid) == g)
    moments = {r.group: r.moment for r in evaluate_lineup(ip, after_of).groups}
    moves = []
    for pid, group, reason in lineup.itertuples(index=False):
        after = None if pd.isna(group) else int(group)
        if pid in before and before[pid] == after:
            continue
        if pid not in before or before[pid] is None:
            why = _text(ip, "newcomer")
        elif after is None:
            why = reason or _text(ip, "unplaced_by_solver")
        elif ip.problem.pins.get(ip.rows[pid]) == after - 1:
            why = _text(ip, "pin", a=ip.name(ip.rows[pid]), group=after)
        else:
            why = _move_reason(ip, pid, before[pid], after, sentences, sizes, stayed, moments)
        moves.append(Move(pid, before.get(pid), after, why))
    return moves


def _move_reason(
    ip: IntervisionProblem,
    pid: str,
    origin: int,
    target: int,
    sentences: Mapping[int, tuple[str, ...]],
    sizes: Mapping[int, int],
    stayed: Mapping[int, int],
    moments: Mapping[int, str | None],
) -> str:
    """Why a repair moved someone who was not pinned: what their group broke about them, its
    new moment they cannot make, its size, or the group they filled up."""
    person = ip.rows[pid]
    name = ip.name(person)
    about = [s for s in sentences.get(origin, ()) if name in s]
    if about:
        return "; ".join(about)
    moment = moments.get(origin)
    allowed = next(
        (r.allowed[person] for r in ip.problem.group_rules if r.key == "meeting_moment"), None
    )
    if moment is not None and allowed and MOMENTS.index(moment) not in allowed:  # type: ignore[operator]
        label = _TEXT[ip.settings.language]["moment_names"][moment]
        return _text(ip, "moment_moved", group=origin, moment=label, a=name)
    low, high = ip.settings.min_size, ip.settings.max_size
    if sizes.get(origin, 0) > high:
        return _text(ip, "left_full", group=origin, size=sizes[origin], max=high)
    if stayed.get(target, 0) < low:
        return _text(ip, "filled", group=target, size=stayed.get(target, 0), min=low)
    return _text(ip, "made_room")
