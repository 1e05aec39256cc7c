"""Why a person is where they are: what their group gives them, rule by rule, and in words.

The "Why?" page and the CLI's ``explain`` start here, before the alternatives of
:func:`optimiser.intervision.lineup.explain_person`: a coordinator first wants to know what
this group does for the person (peers of the same function, a moment they can make, a meeting
place within their limit), and for someone without a group, what keeps them out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from optimiser.intervision.build import IntervisionProblem
from optimiser.intervision.lineup import (
    EXPLAIN_COLUMNS,
    _group_lists,
    explain_person,
    unplaced_reason,
)
from optimiser.intervision.rules import find_rule, rule
from optimiser.scoring import MOVES_KEY, score

_WORDS = {
    "en": {"gains": "{rule}: {value:+d} with this group"},
    "nl": {"gains": "{rule}: {value:+d} in deze groep"},
}


@dataclass(frozen=True)
class Fit:
    """What a person's group gives them (``good``: sentences, best first) and each rule's
    share of it (``contribution``: the group's score with them minus without them); for a
    person without a group, ``unplaced`` says why."""

    group: int | None
    good: tuple[str, ...]
    contribution: dict[str, int]
    unplaced: str | None = None


def person_fit(ip: IntervisionProblem, groups: Mapping[str, int | None], pid: str) -> Fit:
    """What ``pid``'s group (pid -> 1-based group) gives them, or why they have none."""
    lists = _group_lists(ip, groups)
    person = ip.rows[pid]
    origin = next((g for g, members in enumerate(lists) if person in members), None)
    if origin is None:
        return Fit(None, (), {}, unplaced_reason(ip, lists, person))
    words = _WORDS[ip.settings.language]
    members = lists[origin]
    alone: list[list[int]] = [[] for _ in lists]
    alone[origin] = members
    with_them = score(ip.problem, alone).groups[origin]
    alone[origin] = [i for i in members if i != person]
    without = score(ip.problem, alone).groups[origin]
    before = {r.key: r.score for r in without.rules}
    contribution = {
        r.key: r.score - before.get(r.key, 0) for r in with_them.rules if r.key != MOVES_KEY
    }
    good = []
    for key, value in sorted(contribution.items(), key=lambda kv: -kv[1]):
        if value > 0:
            good.append(words["gains"].format(rule=_rule_name(ip, key), value=value))
    good += _practical(ip, person, with_them.options)
    return Fit(origin + 1, tuple(good), contribution)


def _rule_name(ip: IntervisionProblem, key: str) -> str:
    try:
        return rule(key.split(":", 1)[0]).name(ip.settings.language)
    except KeyError:
        return key


def _practical(ip: IntervisionProblem, person: int, options: Mapping[str, int]) -> list[str]:
    """What the group's choices (its moment, its meeting place) give the person, as far as
    they suit them: each rule's entry says it."""
    found = []
    for group_rule in ip.problem.group_rules:
        entry = find_rule(group_rule.key)
        if entry is not None and entry.fits is not None and group_rule.key in options:
            sentence = entry.fits(ip, group_rule, person, options[group_rule.key])
            if sentence is not None:
                found.append(sentence)
    return found


@dataclass(frozen=True)
class Alternative:
    """Another group for the person: the change of score, what it would break (in words), the
    rules that change, travel before -> after, and ``kind``: better, same (a little lower),
    worse, or breaks (a hard rule)."""

    group: int
    delta: int
    breaks: str
    per_rule: dict[str, int]
    travel: str
    kind: str


SMALL_SHARE = 0.1  # a loss up to this share of what the group gives the person is "a little"


def alternatives(
    ip: IntervisionProblem, groups: Mapping[str, int | None], pid: str, fit: Fit | None = None
) -> list[Alternative]:
    """Every other group for ``pid``, best first: those that break no hard rule by the change
    of score, then those that do."""
    fit = fit or person_fit(ip, groups, pid)
    moves = explain_person(ip, groups, pid)
    rule_columns = [c for c in moves.columns if c not in EXPLAIN_COLUMNS]
    small = max(1, round(SMALL_SHARE * sum(v for v in fit.contribution.values() if v > 0)))
    found = []
    for values in moves.to_dict(orient="records"):
        delta, hard = int(values["delta"]), int(values["hard_delta"])
        if hard > 0:
            kind = "breaks"
        elif delta > 0:
            kind = "better"
        elif delta >= -small:
            kind = "same"
        else:
            kind = "worse"
        found.append(
            Alternative(
                group=int(values["group"]),
                delta=delta,
                breaks=str(values["breaks"] or ""),
                per_rule={k: int(values[k]) for k in rule_columns if values[k]},
                travel=str(values["travel_km"] or ""),
                kind=kind,
            )
        )
    return sorted(found, key=lambda a: (a.kind == "breaks", -a.delta, a.group))
