"""Why a person is where they are: what their group gives them, rule by rule, and in words.

The "Why?" page and the CLI's ``explain`` start here, before the alternatives of
:func:`optimiser.intervision.lineup.explain_person`: a coordinator first wants to know what
this group does for the person (peers of the same function, a moment they can make, a meeting
place within their limit), and for someone without a group, what keeps them out.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from optimiser.intervision.build import MOMENTS, IntervisionProblem, travel_limits
from optimiser.intervision.lineup import (
    _TEXT,
    EXPLAIN_COLUMNS,
    _group_lists,
    explain_person,
    unplaced_reason,
)
from optimiser.intervision.rules import rule
from optimiser.scoring import MOVES_KEY, score

_WORDS = {
    "en": {
        "gains": "{rule}: {value:+d} with this group",
        "moment": "the meeting moment ({moment}) suits them",
        "venue": "{km:.0f} km to {venue}, within their own limit of {limit:.0f} km",
        "venue_free": "{km:.0f} km to {venue}",
    },
    "nl": {
        "gains": "{rule}: {value:+d} in deze groep",
        "moment": "het vergadermoment ({moment}) past hen",
        "venue": "{km:.0f} km naar {venue}, binnen de eigen grens van {limit:.0f} km",
        "venue_free": "{km:.0f} km naar {venue}",
    },
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
    """The group's moment and meeting place, as far as they suit the person."""
    words = _WORDS[ip.settings.language]
    found = []
    if "meeting_moment" in options:
        moment = MOMENTS[options["meeting_moment"]]
        label = _TEXT[ip.settings.language]["moment_names"][moment]
        allowed = next(
            (r.allowed[person] for r in ip.problem.group_rules if r.key == "meeting_moment"),
            frozenset(),
        )
        if not allowed or options["meeting_moment"] in allowed:  # type: ignore[operator]
            found.append(words["moment"].format(moment=label))
    if ip.venue_key in options and ip.venue_km is not None:
        option = options[ip.venue_key]
        km = float(ip.venue_km[person, option])
        limit = float(travel_limits(ip.table, ip.settings)[person])
        venue = ip.venues[option].name
        if math.isnan(km):
            return found
        if math.isnan(limit):
            found.append(words["venue_free"].format(km=km, venue=venue))
        elif km <= limit:
            found.append(words["venue"].format(km=km, venue=venue, limit=limit))
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
