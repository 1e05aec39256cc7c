"""The intervision rules judged per group: how a participant table becomes each rule, and the
sentences that say what a group breaks or what it gives one member.

Each rule's translator (``build``), its sentences for broken units (``broken``) and, where the
"Why?" page has something to say, what the group's choice gives a member (``fits``) sit here
side by side; the rule's entry in :data:`optimiser.intervision.rules.RULES` names them, so
adding a rule of an existing family is one entry, its functions and their tests (see
``docs/adding_a_rule.md``). A translator returns the problem parts of its rule (none when the
rule is off or the table lacks its column) and may add notes for the coordinator.

The meeting place is one :class:`CommonOption` that carries three rules: ``travel_limit``
(the places each member may meet at), ``travel`` (each member's km cost of the place) and
``travel_balance`` (the farthest member's cost, once per group). Its translator is
``travel_limit``'s; in rotating mode ``travel`` becomes a pair term between members' places.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pandas as pd

from moments import MOMENTS, moment_names
from optimiser.intervision.pair_rules import normalised
from optimiser.intervision.venues import ONLINE, Venue, representative_venues, town_venues
from optimiser.problem import AtLeastCount, CommonOption, Level, MaxSpread, PairTerm
from road import road_km
from road import travel_limits as road_travel_limits

if TYPE_CHECKING:
    from optimiser.intervision.build import IntervisionProblem, ProblemPart, RuleSource
    from optimiser.intervision.settings import IntervisionSettings
    from optimiser.problem import GroupRule

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # the table's meeting_days keys
LEARNERS = frozenset({"learn", "both"})
GIVERS = frozenset({"give", "both"})

_SENTENCES = {
    "en": {
        "moment": "{a} cannot make the meeting moment ({option})",
        "no_moment": "no meeting moment suits every member",
        "day": "{a} cannot meet on {option}",
        "no_day": "no weekday suits every member, so the meetings cannot be planned",
        "day_names": dict(
            zip(
                WEEKDAYS,
                ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
                strict=True,
            )
        ),
        "venue": (
            "{a} would travel {km:.0f} km to {option}, more than their limit of {limit:.0f} km"
        ),
        "spread": "{rule}: from {low} ({a}) to {high} ({b}), more than {max} apart",
        "learn": "nobody in the group comes to learn",
        "give": "nobody in the group comes to give",
        "moment_fits": "the meeting moment ({moment}) suits them",
        "venue_fits": "{km:.0f} km to {venue}, within their own limit of {limit:.0f} km",
        "venue_free": "{km:.0f} km to {venue}",
    },
    "nl": {
        "moment": "{a} kan niet op het vergadermoment ({option})",
        "no_moment": "er is geen vergadermoment waarop ieder lid kan",
        "day": "{a} kan niet op {option}",
        "no_day": "er is geen weekdag waarop ieder lid kan, dus de bijeenkomsten zijn niet te "
        "plannen",
        "day_names": dict(
            zip(
                WEEKDAYS,
                ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
                strict=True,
            )
        ),
        "venue": "{a} reist {km:.0f} km naar {option}, meer dan de eigen grens van {limit:.0f} km",
        "spread": "{rule}: van {low} ({a}) tot {high} ({b}), meer dan {max} verschil",
        "learn": "niemand in de groep komt om te leren",
        "give": "niemand in de groep komt om te geven",
        "moment_fits": "het vergadermoment ({moment}) past hen",
        "venue_fits": "{km:.0f} km naar {venue}, binnen de eigen grens van {limit:.0f} km",
        "venue_free": "{km:.0f} km naar {venue}",
    },
}


class MeetingPlaces(NamedTuple):
    """The meeting places the problem offers and everyone's road km to each (NaN without
    coordinates; 0 to "Online"); ``key`` names the rule that carries them in the problem
    ("travel_limit", or with the limit off "travel" or "travel_balance")."""

    key: str | None
    venues: tuple[Venue, ...]
    km: np.ndarray | None


def _say(ip: IntervisionProblem, key: str, **values: object) -> str:
    return _SENTENCES[ip.settings.language][key].format(**values)  # type: ignore[union-attr]


def _not_allowed(rule: CommonOption, members: Sequence[int], option: int) -> list[int]:
    """Members who named their options and the chosen one is not among them."""
    return [i for i in members if rule.allowed[i] and option not in rule.allowed[i]]


# -- meeting_moment ------------------------------------------------------------------------------
def meeting_moment(source: RuleSource) -> list[ProblemPart]:
    """A moment of the day every member can make, from the intake's ``meeting_moments``."""
    level = source.level("meeting_moment")
    if level == Level.OFF or "meeting_moments" not in source.table.columns:
        return []
    allowed = tuple(
        frozenset(MOMENTS.index(m) for m in moments if m in MOMENTS)
        if isinstance(moments, tuple | list)
        else frozenset()
        for moments in source.table["meeting_moments"]
    )
    return [
        CommonOption(
            "meeting_moment",
            source.name("meeting_moment"),
            MOMENTS,
            allowed,
            level,
            source.weight("meeting_moment"),
        )
    ]


def meeting_moment_broken(
    ip: IntervisionProblem, rule: GroupRule, members: Sequence[int], options: Mapping[str, int]
) -> list[str]:
    """Who cannot make the group's moment, or that no moment suits every member."""
    if rule.key not in options or not isinstance(rule, CommonOption):
        return []
    option = options[rule.key]
    label = moment_names(ip.settings.language)[MOMENTS[option]]
    return [
        _say(ip, "moment", a=ip.name(i), option=label) for i in _not_allowed(rule, members, option)
    ] or [_say(ip, "no_moment")]


def meeting_moment_fits(
    ip: IntervisionProblem, rule: GroupRule, person: int, option: int
) -> str | None:
    """That the group's moment suits the person (who named it, or named none)."""
    if not isinstance(rule, CommonOption) or option not in (rule.allowed[person] or {option}):
        return None
    label = moment_names(ip.settings.language)[MOMENTS[option]]
    return _say(ip, "moment_fits", moment=label)


# -- meeting_day ---------------------------------------------------------------------------------
def meeting_day(source: RuleSource) -> list[ProblemPart]:
    """A weekday every member can make: a group without one cannot be planned (issue 14).
    Left out when nobody named a day, so intakes without days build the same problem."""
    level = source.level("meeting_day")
    if level == Level.OFF or "meeting_days" not in source.table.columns:
        return []
    allowed = tuple(
        frozenset(WEEKDAYS.index(d) for d in days if d in WEEKDAYS)
        if isinstance(days, tuple | list)
        else frozenset()
        for days in source.table["meeting_days"]
    )
    if not any(allowed):
        return []
    return [
        CommonOption(
            "meeting_day",
            source.name("meeting_day"),
            WEEKDAYS,
            allowed,
            level,
            source.weight("meeting_day"),
        )
    ]


def meeting_day_broken(
    ip: IntervisionProblem, rule: GroupRule, members: Sequence[int], options: Mapping[str, int]
) -> list[str]:
    """Who cannot meet on the group's day, or that no day suits every member."""
    if rule.key not in options or not isinstance(rule, CommonOption):
        return []
    option = options[rule.key]
    label = _SENTENCES[ip.settings.language]["day_names"][WEEKDAYS[option]]  # type: ignore[index]
    return [
        _say(ip, "day", a=ip.name(i), option=label) for i in _not_allowed(rule, members, option)
    ] or [_say(ip, "no_day")]


# -- the meeting place: travel_limit, travel, travel_balance ------------------------------------
def coordinates(table: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each person's latitude and longitude (NaN where unknown)."""
    if "lat" not in table.columns or "lon" not in table.columns:
        return np.full(len(table), np.nan), np.full(len(table), np.nan)
    return (
        pd.to_numeric(table["lat"], errors="coerce").to_numpy(float),
        pd.to_numeric(table["lon"], errors="coerce").to_numpy(float),
    )


def travel_limits(table: pd.DataFrame, settings: IntervisionSettings) -> np.ndarray:
    """Each person's maximum one-way road km: their own answer, or the settings' default for
    people who gave none (NaN only when that default is 0, unlimited)."""
    answers = (
        pd.to_numeric(table["max_travel_km"], errors="coerce").to_numpy(float)
        if "max_travel_km" in table.columns
        else np.full(len(table), np.nan)
    )
    return road_travel_limits(answers, settings.default_travel_limit_km)


def online_answers(table: pd.DataFrame) -> list[str | None]:
    """Each person's intake answer on meeting online: "only", "yes", "no" or None (not asked)."""
    column = table["online"] if "online" in table.columns else [None] * len(table)
    return [v if v in ("only", "yes", "no") else None for v in column]


def candidate_venues(
    table: pd.DataFrame,
    settings: IntervisionSettings,
    venues: Sequence[Venue] | None,
    towns: Sequence[Venue] | None,
) -> tuple[Venue, ...]:
    """The places a group may meet at in person: ``venues`` (the coordinator's) if given, else
    up to ``max_venues`` of the ``towns`` nearest the members, else as many representative
    member locations. The feasibility diagnosis is handed the same places."""
    if venues is not None:
        return tuple(venues)
    lat, lon = coordinates(table)
    if towns:
        return town_venues(lat, lon, towns, settings.max_venues)
    places = [p if isinstance(p, str) else None for p in table.get("place", [None] * len(table))]
    return representative_venues(lat, lon, places, settings.max_venues)


def online_access(
    table: pd.DataFrame, settings: IntervisionSettings
) -> tuple[np.ndarray, np.ndarray]:
    """Per person, whether they may meet online and whether only online: the settings'
    ``online_meetings`` and the intake's answer (with online meetings off, nobody meets online
    and "online only" people meet in person)."""
    answers = online_answers(table)
    if settings.online_meetings == "off":
        return np.zeros(len(answers), dtype=bool), np.zeros(len(answers), dtype=bool)
    may = {
        "on_request": lambda a: a in ("yes", "only"),
        "everyone": lambda a: a != "no",
    }[settings.online_meetings]
    return np.array([may(a) for a in answers], dtype=bool), np.array(
        [a == "only" for a in answers], dtype=bool
    )


def meeting_place(source: RuleSource) -> list[ProblemPart]:
    """The meeting place of every group, and in rotating mode the travel between members.

    In central mode one CommonOption carries the allowed places per person (travel_limit), the
    travel cost per person and place (travel) and the farthest member's cost per place
    (travel_balance, paid once per group). In rotating mode the limit still asks for one place
    every member can reach: a pairwise limit would need up to n^2 forbidden pairs, and a
    reachable common place keeps hosts close together too. The places chosen and everyone's
    km to them are kept in ``source.places`` for the reports.
    """
    settings = source.settings
    parts: list[ProblemPart] = []
    travel_mode = settings.travel_mode
    if travel_mode == "rotating" and source.neighbours is not None:
        source.notes.append(
            f"travel mode rotating needs at most {settings.dense_max_n} participants; "
            "using central meeting places"
        )
        travel_mode = "central"
    if travel_mode == "rotating" and source.level("travel") != Level.OFF:
        parts.append(_rotating_travel(source))
    option = _place_option(source, with_cost=travel_mode == "central")
    if option is not None:
        parts.append(option)
    return parts


def _place_option(source: RuleSource, *, with_cost: bool) -> CommonOption | None:
    settings, table, notes = source.settings, source.table, source.notes
    limit_level = source.level("travel_limit")
    cost_on = with_cost and source.level("travel") != Level.OFF
    balance_on = with_cost and source.level("travel_balance") != Level.OFF
    if limit_level == Level.OFF and not cost_on and not balance_on:
        return None
    lat, lon = coordinates(table)
    venues = candidate_venues(table, settings, source.venues, source.towns)
    if not venues:
        notes.append("meeting places not considered: no venues and no participant coordinates")
        return None
    km = road_km(
        lat[:, None],
        lon[:, None],
        np.array([v.lat for v in venues])[None, :],
        np.array([v.lon for v in venues])[None, :],
    )
    limits = travel_limits(table, settings)
    allowed, stretched = [], []
    for person in range(len(table)):
        if limit_level == Level.OFF or np.isnan(limits[person]) or np.isnan(km[person, 0]):
            allowed.append(frozenset())
            continue
        within = np.flatnonzero(km[person] <= limits[person])
        if within.size == 0:
            within = np.array([int(np.argmin(km[person]))])
            stretched.append(str(table["pid"].iloc[person]))
        allowed.append(frozenset(int(v) for v in within))
    if stretched:
        notes.append(
            f"{len(stretched)} participant(s) can reach no meeting place within their travel "
            f"limit; the nearest one is allowed for them: {', '.join(stretched)}"
        )
    cost_km = km
    if settings.online_meetings != "off":
        venues, km, cost_km, allowed = _with_online(table, settings, venues, km, allowed, notes)
    elif "only" in online_answers(table):
        notes.append(
            f"{online_answers(table).count('only')} participant(s) asked to join online only, "
            "but online meetings are off (setting online_meetings): they meet in person"
        )
    cost = _km_cost(cost_km, source.weight("travel")) if cost_on else None
    max_cost = _km_cost(cost_km, source.weight("travel_balance")) if balance_on else None
    if limit_level == Level.OFF:
        key, level, weight = ("travel" if cost_on else "travel_balance"), Level.SOFT, 0
    else:
        key, level, weight = "travel_limit", limit_level, source.weight("travel_limit")
    source.places = MeetingPlaces(key, venues, km)
    return CommonOption(
        key,
        source.name(key),
        tuple(v.name for v in venues),
        tuple(allowed),
        level,
        weight,
        cost,
        max_cost,
    )


def _with_online(
    table: pd.DataFrame,
    settings: IntervisionSettings,
    venues: tuple[Venue, ...],
    km: np.ndarray,
    allowed: list[frozenset[int]],
    notes: list[str],
) -> tuple[tuple[Venue, ...], np.ndarray, np.ndarray, list[frozenset[int]]]:
    """The meeting places plus "Online": nobody travels to it (km 0 in the reports), it costs
    ``online_cost_km`` per member in the objective, and it is allowed to whoever may meet
    online (settings.online_meetings and the intake's answer); "online only" allows it alone."""
    online = len(venues)
    everywhere = frozenset(range(online))
    may, only = online_access(table, settings)
    with_online = []
    for person, places in enumerate(allowed):
        if only[person]:
            with_online.append(frozenset({online}))
        elif may[person]:
            with_online.append((places or everywhere) | {online})
        else:
            with_online.append(places or everywhere)
    if only.any():
        notes.append(
            f"{int(only.sum())} participant(s) join online only: they are placed in online groups"
        )
    zeros = np.zeros((len(table), 1))
    cost_km = np.hstack([km, zeros + settings.online_cost_km])
    return (*venues, ONLINE), np.hstack([km, zeros]), cost_km, with_online


def _km_cost(km: np.ndarray, weight: int) -> tuple[tuple[int, ...], ...]:
    """Integer cost per person and venue: ``weight`` per road km (0 without coordinates)."""
    return tuple(tuple(int(c) for c in row) for row in np.rint(np.nan_to_num(km, nan=0.0) * weight))


def _rotating_travel(source: RuleSource) -> PairTerm:
    """Members host in turn: every pair costs the road km between their places."""
    lat, lon = coordinates(source.table)
    km = road_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
    scores = -np.rint(np.nan_to_num(km, nan=0.0)).astype(np.int32)
    np.fill_diagonal(scores, 0)
    return PairTerm("travel", source.name("travel"), scores, source.weight("travel"))


def travel_limit_broken(
    ip: IntervisionProblem, rule: GroupRule, members: Sequence[int], options: Mapping[str, int]
) -> list[str]:
    """Who would travel farther than their own limit to the group's place."""
    if rule.key not in options or not isinstance(rule, CommonOption) or ip.venue_km is None:
        return []
    option = options[rule.key]
    limits = travel_limits(ip.table, ip.settings)
    return [
        _say(
            ip,
            "venue",
            a=ip.name(i),
            km=ip.venue_km[i, option],
            option=ip.venues[option].name,
            limit=limits[i],
        )
        for i in _not_allowed(rule, members, option)
    ]


def meeting_place_fits(
    ip: IntervisionProblem, rule: GroupRule, person: int, option: int
) -> str | None:
    """How far the person travels to the group's place, when it is within their limit."""
    if ip.venue_km is None:
        return None
    km = float(ip.venue_km[person, option])
    limit = float(travel_limits(ip.table, ip.settings)[person])
    venue = ip.venues[option].name
    if math.isnan(km):
        return None
    if math.isnan(limit):
        return _say(ip, "venue_free", km=km, venue=venue)
    if km <= limit:
        return _say(ip, "venue_fits", km=km, venue=venue, limit=limit)
    return None


# -- time_budget, level_spread, experience: MaxSpread ---------------------------------------------
def _int_values(column: pd.Series, n: int) -> tuple[int | None, ...]:
    numbers = pd.to_numeric(column, errors="coerce")
    return tuple(None if pd.isna(v) else round(float(v)) for v in numbers)


def _spread(source: RuleSource, key: str, column: str, max_spread: int) -> list[ProblemPart]:
    """A column's values as a MaxSpread: no n x n matrix, so it scales to any n, and the range is
    what matters (a group meets as often as its least available member)."""
    level = source.level(key)
    if level == Level.OFF or column not in source.table.columns:
        return []
    values = _int_values(source.table[column], len(source.table))
    return [MaxSpread(key, source.name(key), values, max_spread, level, source.weight(key))]


def time_budget(source: RuleSource) -> list[ProblemPart]:
    """Hours per month members make free (``time_budget_h_per_month``)."""
    return _spread(
        source,
        "time_budget",
        "time_budget_h_per_month",
        source.settings.time_budget_max_spread_h,
    )


def level_spread(source: RuleSource) -> list[ProblemPart]:
    """Hierarchical levels (``level``), so that groups stay horizontal."""
    return _spread(source, "level_spread", "level", source.settings.level_max_spread)


def experience(source: RuleSource) -> list[ProblemPart]:
    """Experience with intervision (``experience``)."""
    return _spread(source, "experience", "experience", source.settings.experience_max_spread)


def spread_broken(
    ip: IntervisionProblem, rule: GroupRule, members: Sequence[int], options: Mapping[str, int]
) -> list[str]:
    """The group's lowest and highest value, with whose they are."""
    if not isinstance(rule, MaxSpread):
        return []
    values = [(rule.values[i], i) for i in members if rule.values[i] is not None]
    (low, a), (high, b) = min(values), max(values)  # type: ignore[type-var]
    return [
        _say(
            ip,
            "spread",
            rule=ip.rule_name(rule.key),
            low=low,
            high=high,
            a=ip.name(a),
            b=ip.name(b),
            max=rule.max_spread,
        )
    ]


# -- learn_give_mix: AtLeastCount ----------------------------------------------------------------
def learn_give_mix(source: RuleSource) -> list[ProblemPart]:
    """At least one learner and one giver per group, one AtLeastCount each (``learn_give``)."""
    level = source.level("learn_give_mix")
    table, settings = source.table, source.settings
    if level == Level.OFF or "learn_give" not in table.columns:
        return []
    answers = [normalised(a) for a in table["learn_give"]]
    if not any(answers):
        source.notes.append(
            "learn/give mix off: nobody answered whether they come to learn or give"
        )
        return []
    groups_needed = math.ceil(len(table) / settings.max_size)
    rules: list[ProblemPart] = []
    for sub, wanted, word in (("learn", LEARNERS, "learn"), ("give", GIVERS, "give")):
        members = frozenset(i for i, a in enumerate(answers) if a in wanted)
        if level == Level.HARD and len(members) < groups_needed:
            source.notes.append(
                f"only {len(members)} participant(s) come to {word}, fewer than the "
                f"{groups_needed} groups needed: some groups cannot have one"
            )
        rules.append(
            AtLeastCount(
                f"learn_give_mix:{sub}",
                source.name(f"learn_give_mix:{sub}"),
                members,
                1,
                level,
                source.weight("learn_give_mix"),
            )
        )
    return rules


def learn_give_mix_broken(
    ip: IntervisionProblem, rule: GroupRule, members: Sequence[int], options: Mapping[str, int]
) -> list[str]:
    """That nobody in the group comes to learn (or to give)."""
    return [_say(ip, rule.key.split(":", 1)[1])]
