"""Participant table + settings -> a generic :class:`GroupingProblem` (the intervision rules).

One helper per rule family turns table columns into the core's building blocks: forbidden
pairs (reporting line, team, avoid lists), common options (meeting moment, meeting place),
pair terms (function, learning goals, travel between members, learning styles) and group rules
(time budget, level, experience spreads; learners and givers). Up to ``dense_max_n`` people the
pair terms are dense matrices; above it they are sparse and hold only each person's nearest
neighbours, which keeps 20,000 people within memory.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse

from moments import MOMENTS
from optimiser.intervision.pair_rules import normalised
from optimiser.intervision.rules import RULES, rule, rule_name
from optimiser.intervision.settings import IntervisionSettings
from optimiser.intervision.venues import ONLINE, Venue, representative_venues, town_venues
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
from road import road_km
from road import travel_limits as road_travel_limits

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # the table's meeting_days keys
SIMILARITY_SCALE = 100  # similarities in [0, 1] become integer points 0..100
FAMILY_ONLY_POINTS = 60  # exact-equality fallback: same function family, different title
LEARNERS = frozenset({"learn", "both"})
GIVERS = frozenset({"give", "both"})

Vectors = np.ndarray | sparse.csr_array | sparse.csr_matrix


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
    dense = n <= settings.dense_max_n
    neighbours = None if dense else _neighbour_pairs(table, function_vectors, settings.neighbours_k)
    if not dense:
        notes.append(
            f"{n} participants: pair scores kept for each person's "
            f"{settings.neighbours_k} most similar others only"
        )

    forbidden = tuple(
        f
        for entry in RULES
        if entry.pairs is not None
        and (f := _forbidden(entry.key, entry.pairs(table, rows), settings)) is not None
    )
    pair_terms: list[PairTerm] = []
    group_rules: list[GroupRule] = []
    function_term = _function_term(table, function_vectors, neighbours, settings, notes)
    goals_term = _goals_term(goal_vectors, neighbours, n, settings, notes)
    style_term = _style_term(table, neighbours, settings)
    pair_terms += [t for t in (function_term, goals_term, style_term) if t is not None]

    moment_rule = _meeting_moment(table, settings)
    if moment_rule is not None:
        group_rules.append(moment_rule)
    day_rule = _meeting_day(table, settings)
    if day_rule is not None:
        group_rules.append(day_rule)
    travel_mode = settings.travel_mode
    if travel_mode == "rotating" and not dense:
        notes.append(
            f"travel mode rotating needs at most {settings.dense_max_n} participants; "
            "using central meeting places"
        )
        travel_mode = "central"
    if travel_mode == "rotating" and settings.level("travel") != Level.OFF:
        pair_terms.append(_rotating_travel(table, settings))
    venue_rule, chosen_venues, venue_km = _meeting_place(
        table, settings, venues, towns, with_cost=travel_mode == "central", notes=notes
    )
    if venue_rule is not None:
        group_rules.append(venue_rule)
    group_rules += _spread_rules(table, settings)
    group_rules += _learn_give(table, settings, notes)

    problem = GroupingProblem(
        n=n,
        sizes=SizeRange(settings.min_size, settings.max_size),
        pair_terms=tuple(pair_terms),
        forbidden=forbidden,
        group_rules=tuple(group_rules),
        pins=_to_rows(pins, rows, "pins"),
        current=_to_rows(current, rows, "current"),
        move_penalty=move_penalty,
        labels=pids,
    )
    return IntervisionProblem(
        problem=problem,
        pids=pids,
        venues=chosen_venues,
        settings=settings,
        notes=tuple(notes),
        table=table,
        venue_km=venue_km,
        venue_key=venue_rule.key if venue_rule is not None else None,
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


def _name(key: str, settings: IntervisionSettings) -> str:
    return rule(key).name(settings.language)


def _forbidden(
    key: str, pairs: set[tuple[int, int]] | None, settings: IntervisionSettings
) -> ForbiddenPairs | None:
    level = settings.level(key)
    if level == Level.OFF or pairs is None:
        return None
    return ForbiddenPairs(key, _name(key, settings), frozenset(pairs), level, settings.weight(key))


def _meeting_moment(table: pd.DataFrame, settings: IntervisionSettings) -> CommonOption | None:
    level = settings.level("meeting_moment")
    if level == Level.OFF or "meeting_moments" not in table.columns:
        return None
    allowed = tuple(
        frozenset(MOMENTS.index(m) for m in moments if m in MOMENTS)
        if isinstance(moments, tuple | list)
        else frozenset()
        for moments in table["meeting_moments"]
    )
    return CommonOption(
        "meeting_moment",
        _name("meeting_moment", settings),
        MOMENTS,
        allowed,
        level,
        settings.weight("meeting_moment"),
    )


def _meeting_day(table: pd.DataFrame, settings: IntervisionSettings) -> CommonOption | None:
    """A weekday every member can make: a group without one cannot be planned (issue 14).
    Left out when nobody named a day, so intakes without days build the same problem."""
    level = settings.level("meeting_day")
    if level == Level.OFF or "meeting_days" not in table.columns:
        return None
    allowed = tuple(
        frozenset(WEEKDAYS.index(d) for d in days if d in WEEKDAYS)
        if isinstance(days, tuple | list)
        else frozenset()
        for days in table["meeting_days"]
    )
    if not any(allowed):
        return None
    return CommonOption(
        "meeting_day",
        _name("meeting_day", settings),
        WEEKDAYS,
        allowed,
        level,
        settings.weight("meeting_day"),
    )


def _coordinates(table: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    if "lat" not in table.columns or "lon" not in table.columns:
        return np.full(len(table), np.nan), np.full(len(table), np.nan)
    return (
        pd.to_numeric(table["lat"], errors="coerce").to_numpy(float),
        pd.to_numeric(table["lon"], errors="coerce").to_numpy(float),
    )


def _meeting_place(
    table: pd.DataFrame,
    settings: IntervisionSettings,
    venues: Sequence[Venue] | None,
    towns: Sequence[Venue] | None,
    *,
    with_cost: bool,
    notes: list[str],
) -> tuple[CommonOption | None, tuple[Venue, ...], np.ndarray | None]:
    """The meeting-place choice: allowed venues per person (travel_limit) and, in central mode,
    the travel cost per person and venue (travel) and the farthest member's cost per venue
    (travel_balance, paid once per group). One CommonOption carries all three. In rotating
    mode the limit still asks for one place every member can reach: a pairwise limit would need
    up to n^2 forbidden pairs, and a reachable common place keeps hosts close together too."""
    limit_level = settings.level("travel_limit")
    cost_on = with_cost and settings.level("travel") != Level.OFF
    balance_on = with_cost and settings.level("travel_balance") != Level.OFF
    if limit_level == Level.OFF and not cost_on and not balance_on:
        return None, (), None
    lat, lon = _coordinates(table)
    if venues is None and towns:
        venues = town_venues(lat, lon, towns, settings.max_venues)
    elif venues is None:
        places = [
            p if isinstance(p, str) else None for p in table.get("place", [None] * len(table))
        ]
        venues = representative_venues(lat, lon, places, settings.max_venues)
    venues = tuple(venues)
    if not venues:
        notes.append("meeting places not considered: no venues and no participant coordinates")
        return None, (), None
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
    cost = _km_cost(cost_km, settings.weight("travel")) if cost_on else None
    max_cost = _km_cost(cost_km, settings.weight("travel_balance")) if balance_on else None
    if limit_level == Level.OFF:
        key, level, weight = ("travel" if cost_on else "travel_balance"), Level.SOFT, 0
    else:
        key, level, weight = "travel_limit", limit_level, settings.weight("travel_limit")
    option = CommonOption(
        key,
        _name(key, settings),
        tuple(v.name for v in venues),
        tuple(allowed),
        level,
        weight,
        cost,
        max_cost,
    )
    return option, venues, km


def online_answers(table: pd.DataFrame) -> list[str | None]:
    """Each person's intake answer on meeting online: "only", "yes", "no" or None (not asked)."""
    column = table["online"] if "online" in table.columns else [None] * len(table)
    return [v if v in ("only", "yes", "no") else None for v in column]


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
    answers = online_answers(table)
    may = {
        "on_request": lambda a: a in ("yes", "only"),
        "everyone": lambda a: a != "no",
    }[settings.online_meetings]
    with_online = []
    for answer, places in zip(answers, allowed, strict=True):
        if answer == "only":
            with_online.append(frozenset({online}))
        elif may(answer):
            with_online.append((places or everywhere) | {online})
        else:
            with_online.append(places or everywhere)
    only = sum(a == "only" for a in answers)
    if only:
        notes.append(f"{only} participant(s) join online only: they are placed in online groups")
    zeros = np.zeros((len(table), 1))
    cost_km = np.hstack([km, zeros + settings.online_cost_km])
    return (*venues, ONLINE), np.hstack([km, zeros]), cost_km, with_online


def _km_cost(km: np.ndarray, weight: int) -> tuple[tuple[int, ...], ...]:
    """Integer cost per person and venue: ``weight`` per road km (0 without coordinates)."""
    return tuple(tuple(int(c) for c in row) for row in np.rint(np.nan_to_num(km, nan=0.0) * weight))


def _rotating_travel(table: pd.DataFrame, settings: IntervisionSettings) -> PairTerm:
    """Members host in turn: every pair costs the road km between their places."""
    lat, lon = _coordinates(table)
    km = road_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
    scores = -np.rint(np.nan_to_num(km, nan=0.0)).astype(np.int32)
    np.fill_diagonal(scores, 0)
    return PairTerm("travel", _name("travel", settings), scores, settings.weight("travel"))


def _neighbour_pairs(
    table: pd.DataFrame, function_vectors: Vectors | None, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs ``(rows, cols)``, ``rows < cols``: each person's ``k`` nearest others by
    function (vectors, else equal function), location breaking ties, so the sparse pair scores
    hold the pairs a good line-up would use."""
    from sklearn import config_context
    from sklearn.neighbors import NearestNeighbors

    n = len(table)
    if function_vectors is not None:
        features = sparse.csr_matrix(function_vectors, dtype=np.float32)
    else:
        codes = pd.factorize(pd.Series([normalised(f) for f in table.get("function", [None] * n)]))[
            0
        ]
        codes = np.where(codes < 0, codes.max() + 1 + np.arange(n), codes)  # unknown: own class
        features = sparse.csr_matrix(
            (np.ones(n, np.float32), (np.arange(n), codes)), shape=(n, int(codes.max()) + 1)
        )
    lat, lon = _coordinates(table)
    lat = np.where(np.isnan(lat), np.nanmean(lat) if np.isfinite(lat).any() else 0.0, lat)
    lon = np.where(np.isnan(lon), np.nanmean(lon) if np.isfinite(lon).any() else 0.0, lon)
    km_per_degree = 111.2  # a degree of latitude: 2 pi x 6371 km / 360 = 111.19 km, rounded
    xy = np.column_stack([lat * km_per_degree, lon * km_per_degree * np.cos(np.radians(lat))])
    location = sparse.csr_matrix((xy / 1000.0).astype(np.float32))  # 100 km adds 0.1
    features = sparse.hstack([features, location], format="csr")
    neighbours = min(k + 1, n)
    with config_context(working_memory=128):
        nn = NearestNeighbors(n_neighbors=neighbours, algorithm="brute").fit(features)
        _, found = nn.kneighbors(features)
    rows = np.repeat(np.arange(n), neighbours)
    cols = found.ravel()
    keep = rows != cols
    lo, hi = np.minimum(rows[keep], cols[keep]), np.maximum(rows[keep], cols[keep])
    pairs = np.unique(lo.astype(np.int64) * n + hi)
    return pairs // n, pairs % n


def _symmetric(n: int, rows: np.ndarray, cols: np.ndarray, values: np.ndarray) -> sparse.csr_array:
    """A symmetric integer CSR matrix from upper-triangle entries, zeros dropped."""
    keep = values != 0
    r, c, v = rows[keep], cols[keep], values[keep].astype(np.int32)
    matrix = sparse.csr_array(
        (np.concatenate([v, v]), (np.concatenate([r, c]), np.concatenate([c, r]))), shape=(n, n)
    )
    matrix.sum_duplicates()
    return matrix


def _similarity_points(
    vectors: Vectors, neighbours: tuple[np.ndarray, np.ndarray] | None
) -> np.ndarray | sparse.csr_array:
    """Dot products of row-normalised vectors as integer points 0..100 (zero diagonal)."""
    n = vectors.shape[0]
    if neighbours is None:
        product = vectors @ vectors.T
        product = product.toarray() if sparse.issparse(product) else np.asarray(product)
        points = np.rint(np.clip((product + product.T) / 2, 0.0, 1.0) * SIMILARITY_SCALE)
        points = points.astype(np.int32)
        np.fill_diagonal(points, 0)
        return points
    rows, cols = neighbours
    values = np.empty(len(rows), np.float64)
    block = 200_000
    for start in range(0, len(rows), block):
        r, c = rows[start : start + block], cols[start : start + block]
        if sparse.issparse(vectors):
            dots = np.asarray(vectors[r].multiply(vectors[c]).sum(axis=1)).ravel()
        else:
            dots = np.einsum("ij,ij->i", vectors[r], vectors[c])
        values[start : start + block] = dots
    points = np.rint(np.clip(values, 0.0, 1.0) * SIMILARITY_SCALE)
    return _symmetric(n, rows, cols, points)


def _equal_points(
    codes: np.ndarray, points: int, neighbours: tuple[np.ndarray, np.ndarray] | None
) -> np.ndarray | sparse.csr_array:
    """``points`` for pairs with the same (known, code >= 0) category, dense or on candidates."""
    n = len(codes)
    if neighbours is None:
        same = (codes[:, None] == codes[None, :]) & (codes[:, None] >= 0)
        matrix = np.where(same, points, 0).astype(np.int32)
        np.fill_diagonal(matrix, 0)
        return matrix
    rows, cols = neighbours
    same = (codes[rows] == codes[cols]) & (codes[rows] >= 0)
    return _symmetric(n, rows, cols, np.where(same, points, 0))


def _function_term(
    table: pd.DataFrame,
    vectors: Vectors | None,
    neighbours: tuple[np.ndarray, np.ndarray] | None,
    settings: IntervisionSettings,
    notes: list[str],
) -> PairTerm | None:
    if settings.level("function") == Level.OFF:
        return None
    if vectors is not None:
        scores = _similarity_points(vectors, neighbours)
    else:
        n = len(table)
        titles = pd.factorize(
            pd.Series([normalised(f) for f in table.get("function", [None] * n)])
        )[0]
        scores = _equal_points(titles, SIMILARITY_SCALE, neighbours)
        if "function_family" in table.columns:
            families = pd.factorize(pd.Series([normalised(f) for f in table["function_family"]]))[0]
            family_scores = _equal_points(families, FAMILY_ONLY_POINTS, neighbours)
            if sparse.issparse(scores):
                scores = sparse.csr_array(scores.maximum(family_scores))
            else:
                scores = np.maximum(scores, family_scores)
        notes.append("function similarity by equal function (no similarity vectors given)")
    return PairTerm("function", _name("function", settings), scores, settings.weight("function"))


def _goals_term(
    vectors: Vectors | None,
    neighbours: tuple[np.ndarray, np.ndarray] | None,
    n: int,
    settings: IntervisionSettings,
    notes: list[str],
) -> PairTerm | None:
    if settings.level("learning_goals") == Level.OFF:
        return None
    if vectors is None:
        notes.append("learning goals similarity off: no vectors given")
        return None
    scores = _similarity_points(vectors, neighbours)
    return PairTerm(
        "learning_goals",
        _name("learning_goals", settings),
        scores,
        settings.weight("learning_goals"),
    )


def _style_term(
    table: pd.DataFrame,
    neighbours: tuple[np.ndarray, np.ndarray] | None,
    settings: IntervisionSettings,
) -> PairTerm | None:
    if settings.level("style_mix") == Level.OFF or "learning_style" not in table.columns:
        return None
    styles = pd.factorize(pd.Series([normalised(s) for s in table["learning_style"]]))[0]
    if neighbours is None:
        known = styles >= 0
        different = (styles[:, None] != styles[None, :]) & known[:, None] & known[None, :]
        scores = different.astype(np.int32)
    else:
        rows, cols = neighbours
        different = (styles[rows] != styles[cols]) & (styles[rows] >= 0) & (styles[cols] >= 0)
        scores = _symmetric(len(styles), rows, cols, different.astype(np.int32))
    return PairTerm("style_mix", _name("style_mix", settings), scores, settings.weight("style_mix"))


def _int_values(column: pd.Series | None, n: int) -> tuple[int | None, ...]:
    if column is None:
        return (None,) * n
    numbers = pd.to_numeric(column, errors="coerce")
    return tuple(None if pd.isna(v) else round(float(v)) for v in numbers)


def _spread_rules(table: pd.DataFrame, settings: IntervisionSettings) -> list[MaxSpread]:
    """Time budget, level and experience as MaxSpread: no n x n matrix, so they scale to any n,
    and the range is what matters (a group meets as often as its least available member)."""
    specs = (
        ("time_budget", "time_budget_h_per_month", settings.time_budget_max_spread_h),
        ("level_spread", "level", settings.level_max_spread),
        ("experience", "experience", settings.experience_max_spread),
    )
    n = len(table)
    spreads = []
    for key, column, max_spread in specs:
        level = settings.level(key)
        if level == Level.OFF or column not in table.columns:
            continue
        values = _int_values(table[column], n)
        spreads.append(
            MaxSpread(key, _name(key, settings), values, max_spread, level, settings.weight(key))
        )
    return spreads


def _learn_give(
    table: pd.DataFrame, settings: IntervisionSettings, notes: list[str]
) -> list[AtLeastCount]:
    level = settings.level("learn_give_mix")
    if level == Level.OFF or "learn_give" not in table.columns:
        return []
    answers = [normalised(a) for a in table["learn_give"]]
    if not any(answers):
        notes.append("learn/give mix off: nobody answered whether they come to learn or give")
        return []
    groups_needed = math.ceil(len(table) / settings.max_size)
    rules = []
    for sub, wanted, word in (("learn", LEARNERS, "learn"), ("give", GIVERS, "give")):
        members = frozenset(i for i, a in enumerate(answers) if a in wanted)
        if level == Level.HARD and len(members) < groups_needed:
            notes.append(
                f"only {len(members)} participant(s) come to {word}, fewer than the "
                f"{groups_needed} groups needed: some groups cannot have one"
            )
        rules.append(
            AtLeastCount(
                f"learn_give_mix:{sub}",
                rule_name(f"learn_give_mix:{sub}", settings.language),
                members,
                1,
                level,
                settings.weight("learn_give_mix"),
            )
        )
    return rules


def travel_limits(table: pd.DataFrame, settings: IntervisionSettings) -> np.ndarray:
    """Each person's maximum one-way road km: their own answer, or the settings' default for
    people who gave none (NaN only when that default is 0, unlimited)."""
    answers = (
        pd.to_numeric(table["max_travel_km"], errors="coerce").to_numpy(float)
        if "max_travel_km" in table.columns
        else np.full(len(table), np.nan)
    )
    return road_travel_limits(answers, settings.default_travel_limit_km)
