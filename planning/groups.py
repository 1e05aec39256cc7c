"""The line-up's groups as the planner sees them, and facilitators in the same function families.

A group's moment and meeting place come from the scored line-up; the weekdays are those every
member can make (``meeting_days``, empty = any day) within the plan's weekdays. Members' job
titles and facilitators' backgrounds are clustered together (:func:`function_families`) so
"same discipline" means the same family on both sides.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

import pandas as pd

from intake.analysis.functions import UNKNOWN_FAMILY, function_families
from intake.values import split_multi
from planning.model import Facilitator, Place, PlanGroup
from planning.settings import PlanSettings


def _text(value: object) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value).strip() or None


def plan_groups(
    table: pd.DataFrame,
    groups: Sequence[tuple[int, Sequence[str], str | None, Place | None]],
    settings: PlanSettings,
    member_families: dict[str, str] | None = None,
) -> list[PlanGroup]:
    """One :class:`PlanGroup` per (number, pids, moment, venue) of a line-up."""
    planned = []
    for number, pids, moment, venue in groups:
        rows = table.loc[list(pids)]
        days = set(settings.weekdays)
        for answer in rows.get("meeting_days", pd.Series([()] * len(rows))):
            if isinstance(answer, tuple | list) and answer:
                days &= set(answer)
        countries = sorted({c for c in (_text(x) for x in rows["country"]) if c}) or ["NL"]
        experience = tuple(
            None if _text(x) is None else int(x) for x in rows.get("experience", [None] * len(rows))
        )
        planned.append(
            PlanGroup(
                group=int(number),
                pids=tuple(pids),
                names=tuple(str(n) for n in rows["name"]),
                moment=moment,
                venue=venue,
                weekdays=tuple(d for d in settings.weekdays if d in days),
                countries=tuple(countries),
                organisations=frozenset(
                    o.casefold() for o in (_text(x) for x in rows["organisation"]) if o
                ),
                emails=frozenset(e.casefold() for e in (_text(x) for x in rows["email"]) if e),
                families=frozenset(
                    (member_families or {}).get(str(p), UNKNOWN_FAMILY) for p in pids
                )
                - {UNKNOWN_FAMILY},
                experience=experience,
            )
        )
    return planned


def with_families(
    table: pd.DataFrame, facilitators: Sequence[Facilitator], lang: str = "en"
) -> tuple[dict[str, str], list[Facilitator]]:
    """Members' and facilitators' function families from one clustering of all their titles."""
    titles = [_text(t) for t in table["function"]] if "function" in table else []
    backgrounds = [list(split_multi(f.background)) for f in facilitators]
    flat = [b for parts in backgrounds for b in parts]
    everyone = [*titles, *flat]
    labels = function_families(everyone, language=lang).labels if everyone else ()
    members = {
        str(pid): label for pid, label in zip(table.index, labels[: len(titles)], strict=False)
    }
    result, at = [], len(titles)
    for f, parts in zip(facilitators, backgrounds, strict=True):
        mine = tuple(sorted(set(labels[at : at + len(parts)]) - {UNKNOWN_FAMILY}))
        at += len(parts)
        result.append(replace(f, families=mine))
    return members, result
