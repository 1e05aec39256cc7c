"""The intervision rules that keep pairs apart: which pairs a participant table yields, and the
sentence that says why a pair may not share a group.

Each rule's translator and sentence sit here side by side; its entry in
:data:`optimiser.intervision.rules.RULES` names them, so adding a pair rule is one entry, its
two functions and their tests (see ``docs/adding_a_rule.md``). A translator returns ``None``
when the table lacks the rule's column (then the problem has no such rule at all), else the
set of row pairs ``(i, j)`` with ``i < j``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from optimiser.intervision.build import IntervisionProblem

Pairs = set[tuple[int, int]]

_SENTENCES = {
    "en": {
        "manager": "{a} and their manager {b} are in the same group",
        "line": "{a} and {b}, who is higher up in {a}'s reporting line, are in the same group",
        "team": "{a} and {b} are both in team {team}",
        "avoid": "{a} asked not to be in a group with {b}",
        "met_before": "{a} and {b} were in a group together in an earlier round",
    },
    "nl": {
        "manager": "{a} en diens leidinggevende {b} zitten in dezelfde groep",
        "line": "{a} en {b}, hoger in de lijn van {a}, zitten in dezelfde groep",
        "team": "{a} en {b} zitten allebei in team {team}",
        "avoid": "{a} wil liever niet in een groep met {b}",
        "met_before": "{a} en {b} zaten in een eerdere ronde al samen in een groep",
    },
}


def _say(ip: IntervisionProblem, key: str, **values: object) -> str:
    return _SENTENCES[ip.settings.language][key].format(**values)


def normalised(text: object) -> str | None:
    """Case- and space-insensitive form of a free-text value, or None when missing."""
    if not isinstance(text, str):
        return None
    folded = " ".join(text.split()).casefold()
    return folded or None


def reporting_chain(managers: Sequence[int | None], person: int) -> list[int]:
    """Everyone above ``person`` in the reporting line, nearest first; stops at a cycle."""
    chain, seen = [], {person}
    boss = managers[person]
    while boss is not None and boss not in seen:
        chain.append(boss)
        seen.add(boss)
        boss = managers[boss]
    return chain


def team_key(organisation: object, team: object) -> tuple[str, str] | None:
    """Who counts as the same team: equal organisation and team, ignoring case and spaces.

    No team means no constraint; a missing organisation matches a missing organisation (a
    single-organisation programme often leaves it out)."""
    team_norm = normalised(team)
    if team_norm is None:
        return None
    return (normalised(organisation) or "", team_norm)


def manager_rows(table: pd.DataFrame, rows: Mapping[str, int]) -> list[int | None]:
    """Each person's manager as a row index, None when the manager is not a participant."""
    if "manager_pid" not in table.columns:
        return [None] * len(table)
    return [rows.get(m) if isinstance(m, str) else None for m in table["manager_pid"]]


# -- reporting_line ------------------------------------------------------------------------------
def reporting_line_pairs(table: pd.DataFrame, rows: Mapping[str, int]) -> Pairs | None:
    """Everyone with everyone above them in their reporting line (direct or indirect)."""
    managers = manager_rows(table, rows)
    return {
        (min(person, boss), max(person, boss))
        for person in range(len(table))
        for boss in reporting_chain(managers, person)
    }


def reporting_line_sentence(ip: IntervisionProblem, i: int, j: int) -> str:
    managers = manager_rows(ip.table, ip.rows)
    report, boss = (i, j) if j in reporting_chain(managers, i) else (j, i)
    kind = "manager" if managers[report] == boss else "line"
    return _say(ip, kind, a=ip.name(report), b=ip.name(boss))


# -- same_team -----------------------------------------------------------------------------------
def same_team_pairs(table: pd.DataFrame, rows: Mapping[str, int]) -> Pairs | None:
    """Every two members of one team of one organisation (see :func:`team_key`)."""
    if "team" not in table.columns:
        return None
    organisations = (
        table["organisation"] if "organisation" in table.columns else [None] * len(table)
    )
    teams: dict[tuple[str, str], list[int]] = defaultdict(list)
    for person, (organisation, team) in enumerate(zip(organisations, table["team"], strict=True)):
        key = team_key(organisation, team)
        if key is not None:
            teams[key].append(person)
    return {
        (a, b)
        for members in teams.values()
        for k, a in enumerate(members)
        for b in members[k + 1 :]
    }


def same_team_sentence(ip: IntervisionProblem, i: int, j: int) -> str:
    team = ip.table["team"].iloc[i]
    organisation = ip.table["organisation"].iloc[i] if "organisation" in ip.table else None
    where = f"{team} ({organisation})" if isinstance(organisation, str) else str(team)
    return _say(ip, "team", a=ip.name(i), b=ip.name(j), team=where)


# -- avoid and met_before: a column of pids per person ---------------------------------------------
def _listed_pairs(table: pd.DataFrame, rows: Mapping[str, int], column: str) -> Pairs | None:
    """Each person with every participant their ``column`` lists (either way round)."""
    if column not in table.columns:
        return None
    pairs = set()
    for person, listed in enumerate(table[column]):
        for pid in listed if isinstance(listed, tuple | list) else ():
            other = rows.get(pid)
            if other is not None and other != person:
                pairs.add((min(person, other), max(person, other)))
    return pairs


def _lists(ip: IntervisionProblem, column: str, i: int, j: int) -> bool:
    return ip.pids[j] in tuple(ip.table[column].iloc[i] or ())


def avoid_pairs(table: pd.DataFrame, rows: Mapping[str, int]) -> Pairs | None:
    """Whoever someone asked not to be grouped with (``avoid_pids``)."""
    return _listed_pairs(table, rows, "avoid_pids")


def avoid_sentence(ip: IntervisionProblem, i: int, j: int) -> str:
    a, b = (i, j) if _lists(ip, "avoid_pids", i, j) else (j, i)
    return _say(ip, "avoid", a=ip.name(a), b=ip.name(b))


def met_before_pairs(table: pd.DataFrame, rows: Mapping[str, int]) -> Pairs | None:
    """Who shared a group in an earlier round (``met_before_pids``, filled from the
    programme's earlier line-ups)."""
    return _listed_pairs(table, rows, "met_before_pids")


def met_before_sentence(ip: IntervisionProblem, i: int, j: int) -> str:
    return _say(ip, "met_before", a=ip.name(i), b=ip.name(j))
