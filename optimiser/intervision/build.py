"""Participant table + settings -> a generic :class:`GroupingProblem` (the intervision rules).

Every rule's entry in :data:`optimiser.intervision.rules.RULES` knows how the table becomes
its part of the problem (forbidden pairs, pair terms, group rules); :func:`build_problem` asks
each entry in turn and composes the problem from what they return. Up to ``dense_max_n`` people
the pair terms are dense matrices; above it they are sparse and hold only each person's nearest
neighbours (:func:`optimiser.intervision.pair_terms.neighbour_pairs`), which keeps 20,000
people within memory.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from optimiser.intervision.group_rules import MeetingPlaces
from optimiser.intervision.pair_terms import Neighbours, Vectors, neighbour_pairs
from optimiser.intervision.rules import RULES, rule_name
from optimiser.intervision.settings import IntervisionSettings
from optimiser.intervision.venues import Venue
from optimiser.problem import (
    AtLeastCount,
    CommonOption,
    ForbiddenPairs,
    GroupingProblem,
    GroupRule,
    Level,
    MaxSpread,
    PairTerm,
    SizeRange,
)

ProblemPart = ForbiddenPairs | PairTerm | GroupRule

# The order of the problem's parts, and so of every report's rules: pairs kept apart, pair
# terms, then the group's options (moment, day, place), spreads and counts; within a family the
# registry's order. The rules are translated in this order too, so the notes follow it.
BUILD_ORDER: tuple[type, ...] = (ForbiddenPairs, PairTerm, CommonOption, MaxSpread, AtLeastCount)


@dataclass(frozen=True)
class IntervisionProblem:
    """A grouping problem together with what is needed to speak about it in intervision terms.

    Row ``i`` of the problem is ``pids[i]``. ``venue_km[i, v]`` is person ``i``'s road km to
    ``venues[v]`` (NaN without coordinates). ``venue_key`` names the meeting-place rule in the
    problem ("travel_limit"; with the limit off "travel", or "travel_balance" when only the
    farthest member's cost is on), ``None`` if absent.
    """

    problem: GroupingProblem
    pids: tuple[str, ...]
    venues: tuple[Venue, ...]
    settings: IntervisionSettings
    notes: tuple[str, ...]
    table: pd.DataFrame = field(compare=False, repr=False, default=None)  # type: ignore[assignment]
    venue_km: np.ndarray | None = field(compare=False, repr=False, default=None)
    venue_key: str | None = None
    rows: Mapping[str, int] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", {pid: i for i, pid in enumerate(self.pids)})

    def name(self, person: int) -> str:
        """A person's display name with their id: "Anna de Vries (R0012)"."""
        pid = self.pids[person]
        name = self.table["name"].iloc[person] if "name" in self.table.columns else None
        return f"{name} ({pid})" if isinstance(name, str) and name else pid

    def rule_name(self, key: str) -> str:
        """The display name of any key the problem carries, in the settings' language."""
        return rule_name(key, self.settings.language)


@dataclass
class RuleSource:
    """What a rule's translator reads (the table, the settings, the analysis's vectors, the
    candidate meeting places) and where it leaves notes for the coordinator; the meeting
    place's translator also leaves the places it chose and everyone's km to them."""

    table: pd.DataFrame
    settings: IntervisionSettings
    rows: Mapping[str, int]
    function_vectors: Vectors | None
    goal_vectors: Vectors | None
    neighbours: Neighbours | None  # None: dense pair scores, else the candidate pairs
    venues: Sequence[Venue] | None
    towns: Sequence[Venue] | None
    notes: list[str]
    places: MeetingPlaces | None = None

    def level(self, key: str) -> Level:
        return self.settings.level(key)

    def weight(self, key: str) -> int:
        return self.settings.weight(key)

    def name(self, key: str) -> str:
        """The display name of ``key`` (sub-keys named by their part) in the settings' language."""
        return rule_name(key, self.settings.language)


def build_problem(
    table: pd.DataFrame,
    settings: IntervisionSettings,
    *,
    function_vectors: Vectors | None = None,
    goal_vectors: Vectors | None = None,
    venues: Sequence[Venue] | None = None,
    towns: Sequence[Venue] | None = None,
    pins: Mapping[str, int] | None = None,
    current: Mapping[str, int | None] | None = None,
    move_penalty: int = 0,
) -> IntervisionProblem:
    """Turn a participant table (docs/participant_table.md) into a grouping problem.

    ``pins`` and ``current`` map pids to user group numbers (1-based); ``current`` is a
    proposed line-up to keep where possible, every move from it costing ``move_penalty``.
    Vectors are row-aligned with ``table``. Meeting places are ``venues`` (the coordinator's)
    if given, else the ``towns`` nearest the members (the caller passes the towns above
    ``settings.min_town_population``), else members' own places.
    """
    if "pid" in table.columns:
        table = table.reset_index(drop=True)
    else:  # the contract's index is the pid
        table = table.rename_axis("pid").reset_index()
    n = len(table)
    pids = tuple(str(p) for p in table["pid"])
    rows = {pid: i for i, pid in enumerate(pids)}
    for label, vectors in (("function_vectors", function_vectors), ("goal_vectors", goal_vectors)):
        if vectors is not None and vectors.shape[0] != n:
            raise ValueError(f"{label} has {vectors.shape[0]} rows, the table {n}")
    notes: list[str] = []
    neighbours = None
    if n > settings.dense_max_n:
        neighbours = neighbour_pairs(table, function_vectors, settings.neighbours_k)
        notes.append(
            f"{n} participants: pair scores kept for each person's "
            f"{settings.neighbours_k} most similar others only"
        )
    source = RuleSource(
        table, settings, rows, function_vectors, goal_vectors, neighbours, venues, towns, notes
    )
    parts = [
        part
        for family in BUILD_ORDER
        for entry in RULES
        if entry.family is family
        for part in entry.translate(source)
    ]
    places = source.places or MeetingPlaces(None, (), None)

    problem = GroupingProblem(
        n=n,
        sizes=SizeRange(settings.min_size, settings.max_size),
        pair_terms=tuple(p for p in parts if isinstance(p, PairTerm)),
        forbidden=tuple(p for p in parts if isinstance(p, ForbiddenPairs)),
        group_rules=tuple(p for p in parts if not isinstance(p, PairTerm | ForbiddenPairs)),
        pins=_to_rows(pins, rows, "pins"),
        current=_to_rows(current, rows, "current"),
        move_penalty=move_penalty,
        labels=pids,
    )
    return IntervisionProblem(
        problem=problem,
        pids=pids,
        venues=places.venues,
        settings=settings,
        notes=tuple(notes),
        table=table,
        venue_km=places.km,
        venue_key=places.key,
    )


def _to_rows(
    groups: Mapping[str, int | None] | None, rows: Mapping[str, int], what: str
) -> dict[int, int]:
    """pid -> 1-based group number  becomes  row -> 0-based group index (None is skipped)."""
    if not groups:
        return {}
    unknown = sorted(pid for pid in groups if pid not in rows)
    if unknown:
        raise ValueError(f"{what} name unknown participant(s): {', '.join(unknown)}")
    converted = {}
    for pid, group in groups.items():
        if group is None or pd.isna(group):
            continue
        if int(group) < 1:
            raise ValueError(f"{what}: group numbers start at 1, got {group} for {pid}")
        converted[rows[pid]] = int(group) - 1
    return converted
