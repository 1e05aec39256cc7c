"""Feasibility diagnosis: what in this intake will stop good groups from forming, and what to do.

Before the solver runs, a coordinator wants to know which people cannot be placed with peers
and why, phrased in their terms: a function family too small, someone too far from their
peers, a meeting moment nobody else shares, a manager whose own reports are most of their
peers. Every finding names the people (by ``pid``, never by name) and suggests a concrete fix.

Reach, as the solver's meeting-place rule (``travel_limit``) has it: a group meets at one place
that every member reaches within their own ``max_travel_km`` (road km, :mod:`road`). The
candidate places are the solver's (:class:`CandidatePlaces`: the coordinator's venues or the
towns near the members, and online for who may meet online), handed over by ``workflow`` as
plain arrays; without them every member location is a candidate place. Compatible peers are
people of the same function family or of a family whose centroid is at least
``same_family_threshold`` similar.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.preprocessing import normalize

from intake.analysis.functions import UNKNOWN_FAMILY
from intake.issues import Severity
from moments import MOMENTS, moment_name
from road import cosine_of_road_km, road_km_of_cosine, travel_limits, unit_vectors

if TYPE_CHECKING:
    from intake.analysis import Similarities

DEFAULT_SAME_FAMILY_THRESHOLD = 0.7
# The solver's default limit for people who gave none (optimiser settings,
# default_travel_limit_km; a test keeps the two equal): callers pass the configured one.
DEFAULT_TRAVEL_LIMIT_KM = 60.0
MERGE_MIN_SIMILARITY = 0.2  # below this, suggesting a merge would puzzle the coordinator
_ROWS_PER_CHUNK = 256  # people compared with everyone at once: bounds memory at 20,000 people
_NAMED_AT_MOST = 8  # pids spelled out in one message
_NOBODY = -2.0  # below every cosine: marks oneself and people out of the question


@dataclass(frozen=True)
class CandidatePlaces:
    """Where groups may meet, as the solver offers it: the places' coordinates, and per person
    (row-aligned with the table) whether they may meet online and whether only online."""

    lat: np.ndarray
    lon: np.ndarray
    online: np.ndarray  # bool per person: may meet online
    online_only: np.ndarray  # bool per person: meets online only, at no place


@dataclass(frozen=True)
class Finding:
    """One obstacle to forming groups, the people it concerns and a suggested fix (en + nl)."""

    code: str
    severity: str
    pids: tuple[str, ...]
    message_en: str
    message_nl: str
    suggestion_en: str
    suggestion_nl: str


def diagnose(
    table: pd.DataFrame,
    similarities: Similarities,
    *,
    min_size: int = 5,
    max_size: int = 8,
    same_family_threshold: float = DEFAULT_SAME_FAMILY_THRESHOLD,
    default_travel_limit_km: float = DEFAULT_TRAVEL_LIMIT_KM,
    places: CandidatePlaces | None = None,
) -> list[Finding]:
    """Every feasibility finding for ``table``, in a fixed order (rule, then people).

    People who gave no travel limit are held to ``default_travel_limit_km`` (0: unlimited), as
    the solver holds them. Groups meet at ``places`` (None: at any member's location).
    """
    if len(table) < min_size:
        return [_too_few(len(table), min_size)]
    pids = tuple(str(p) for p in table.index)
    families = _Families.build(similarities, same_family_threshold)
    limits = travel_limits(
        pd.to_numeric(table["max_travel_km"], errors="coerce").to_numpy(dtype=float),
        default_travel_limit_km,
    )
    reach = _reach(table, families, min_size, limits, places)
    findings = [
        *_missing_location(pids, reach.located),
        *_missing_function(pids, families),
        *_small_families(pids, families, min_size),
        *_unsplittable_families(families, min_size, max_size),
        *_managers(table, pids, families, min_size),
        *_no_level(table),
    ]
    findings += _per_person(table, pids, families, reach, min_size)
    return findings


def _no_level(table: pd.DataFrame) -> list[Finding]:
    """Without any level the rule 'Peers in hierarchy' holds trivially; say so rather than
    report it as fine."""
    levels = table["level"] if "level" in table.columns else pd.Series([], dtype="Int64")
    if len(table) == 0 or levels.notna().any():
        return []
    return [
        Finding(
            "no_level",
            "warning",
            (),
            "No hierarchy level is known for anyone (no level or position column, and no "
            "function title that names one), so groups cannot be kept horizontal.",
            "Van niemand is het hiërarchisch niveau bekend (geen kolom voor niveau of positie, "
            "en geen functietitel die het noemt), dus groepen kunnen niet horizontaal gehouden "
            "worden.",
            "Add a column such as 'Wat is je positie?' (medewerker, senior, teamleider, "
            "manager) to the intake.",
            "Voeg een kolom toe zoals 'Wat is je positie?' (medewerker, senior, teamleider, "
            "manager) aan de intake.",
        )
    ]


# ----------------------------------------------------------------------------------------------
# Families and reach


@dataclass(frozen=True)
class _Families:
    """Family per person as codes, family names, sizes and which families count as peers."""

    names: tuple[str, ...]
    codes: np.ndarray  # per person, -1 = unknown function
    sizes: np.ndarray  # per family
    similarity: np.ndarray  # family x family centroid cosine similarity
    compatible: np.ndarray  # family x family boolean

    @classmethod
    def build(cls, similarities: Similarities, threshold: float) -> _Families:
        labels = similarities.function_family
        names = tuple(sorted({f for f in labels if f != UNKNOWN_FAMILY}))
        code_of = {name: i for i, name in enumerate(names)}
        codes = np.array([code_of.get(f, -1) for f in labels], dtype=int)
        sizes = np.bincount(codes[codes >= 0], minlength=len(names))
        similarity = _centroid_similarity(similarities.function_vectors, codes, len(names))
        compatible = (similarity >= threshold) | np.eye(len(names), dtype=bool)
        return cls(names, codes, sizes, similarity, compatible)

    def peers_available(self, family: int) -> int:
        """People in ``family`` and the families compatible with it."""
        return int(self.sizes[self.compatible[family]].sum())

    def most_similar(self, family: int) -> tuple[str, float] | None:
        """The other family whose centroid is closest, for a merge suggestion."""
        if len(self.names) < 2:
            return None
        row = self.similarity[family].copy()
        row[family] = -np.inf
        best = int(np.argmax(row))
        return self.names[best], float(row[best])


def _centroid_similarity(vectors, codes: np.ndarray, family_count: int) -> np.ndarray:
    """Cosine similarity of the family centroids (mean title vector of the members)."""
    if family_count == 0:
        return np.zeros((0, 0))
    known = np.flatnonzero(codes >= 0)
    membership = sparse.csr_matrix(
        (np.ones(len(known)), (codes[known], known)), shape=(family_count, len(codes))
    )
    centroids = normalize(sparse.csr_matrix(membership @ sparse.csr_matrix(vectors)))
    return np.asarray((centroids @ centroids.T).todense())


@dataclass(frozen=True)
class _Reach:
    """Per person: the most others (any / compatible / per moment) who can meet them at one
    place that everyone reaches within their own travel limit."""

    located: np.ndarray
    anyone: np.ndarray
    compatible: np.ndarray
    per_moment: np.ndarray  # person x moment: compatible peers at one place, free then
    needed_km_anyone: np.ndarray  # own travel to the nearest place min_size - 1 others reach
    needed_km_compatible: np.ndarray


def _reach(
    table: pd.DataFrame,
    families: _Families,
    min_size: int,
    limit: np.ndarray,
    candidates: CandidatePlaces | None = None,
) -> _Reach:
    """Count, for every located person, the most others who could meet them at one place.

    The solver's rule (``travel_limit``): a group meets at one place that every member reaches
    within their own travel limit; pairwise distances do not matter. The places are the
    solver's ``candidates`` (every distinct member location without them), and online for
    whoever may meet online: a person's count is, over the places they may meet at (within
    their own limit, or online), the most others who may meet there too (anyone, peers of a
    compatible family, and those peers free at each moment). Distances are compared as central
    angles (:mod:`road`): a block of places against everyone is one matrix product, without an
    n x n matrix at 20,000 people.
    """
    lat = pd.to_numeric(table["lat"], errors="coerce").to_numpy(dtype=float)
    lon = pd.to_numeric(table["lon"], errors="coerce").to_numpy(dtype=float)
    located = ~(np.isnan(lat) | np.isnan(lon))
    points = unit_vectors(lat, lon)
    points[~located] = 0.0
    count = len(table)
    if candidates is None:
        places = np.unique(points[located], axis=0)  # every member location
        online, in_person = np.zeros(count, dtype=bool), np.ones(count, dtype=bool)
    else:
        places = unit_vectors(candidates.lat, candidates.lon).reshape(-1, 3)
        online, in_person = candidates.online, ~candidates.online_only
    min_cosine = cosine_of_road_km(limit) - 1e-12  # inclusive at the limit
    moments = _moment_matrix(table["meeting_moments"])  # person x moment, empty = all
    codes = families.codes
    family_count = len(families.names)
    by_family = _family_moment_indicator(codes, moments, family_count)
    width = len(MOMENTS) + 1
    known = codes >= 0
    # what a person adds to the counts of a place they reach themselves: one peer, free then
    own = np.column_stack([np.ones(count), moments]) * known[:, None]
    compatible = families.compatible.astype(np.float32)
    members_of = [np.flatnonzero(located & (codes == f)) for f in range(family_count)]
    anyone = np.zeros(count, dtype=int)
    peers = np.zeros((count, width), dtype=int)  # compatible others: any moment, per moment

    def meet_at(reaches: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Raise everyone's counts by the places of ``reaches`` (places x people: who may meet
        there); returns per place the people and the compatible peers per family there."""
        nonlocal anyone
        at_place = reaches.sum(axis=1)
        mine = reaches & located[None, :]  # the places each located person may meet at
        anyone = np.maximum(anyone, np.where(mine, at_place[:, None] - 1, 0).max(axis=0))
        peers_at = np.zeros((len(reaches), family_count, width), dtype=np.float32)
        if not family_count:
            return at_place, peers_at
        # people reaching each place per (family, [any, moment...]), then per asking family
        by_place = np.asarray((by_family.T @ reaches.T.astype(np.float32)).T)
        by_place = by_place.reshape(len(reaches), family_count, width)
        peers_at[:] = np.einsum("af,pfm->pam", compatible, by_place)
        for family, people in enumerate(members_of):
            if not len(people):
                continue
            mask = mine[:, people]
            reached = mask.any(axis=0)
            values = np.where(mask[:, :, None], peers_at[:, family][:, None, :], -np.inf)
            values = values.max(axis=0)[reached] - own[people[reached]]
            who = people[reached]
            peers[who] = np.maximum(peers[who], np.rint(values).astype(int))
        return at_place, peers_at

    place_anyone = np.zeros(len(places), dtype=int)
    place_peers = np.zeros((len(places), family_count, width), dtype=np.float32)
    for start in range(0, len(places), _ROWS_PER_CHUNK):
        rows = np.arange(start, min(start + _ROWS_PER_CHUNK, len(places)))
        cosine = places[rows] @ points.T
        # Someone without a location may live anywhere: count them as near, never as far.
        reaches = ((cosine >= min_cosine[None, :]) | ~located[None, :]) & in_person[None, :]
        place_anyone[rows], place_peers[rows] = meet_at(reaches)
    if online.any():
        meet_at(online[None, :])
    k = min_size - 1
    needed_anyone = np.full(count, np.inf)
    needed_peers = np.full(count, np.inf)
    for person in np.flatnonzero(located & ((anyone < k) | (peers[:, 0] < k))):
        cosine = places @ points[person]
        mine = (cosine >= min_cosine[person]) & in_person[person]
        needed_anyone[person] = _nearest_km(cosine, place_anyone - mine >= k)
        if known[person]:
            others = place_peers[:, codes[person], 0] - mine * own[person, 0]
            needed_peers[person] = _nearest_km(cosine, np.rint(others) >= k)
    return _Reach(located, anyone, peers[:, 0], peers[:, 1:], needed_anyone, needed_peers)


def _nearest_km(cosine: np.ndarray, enough: np.ndarray) -> float:
    """Road km to the nearest place where ``enough`` others can come; inf when there is none."""
    if not enough.any():
        return math.inf
    return float(road_km_of_cosine(cosine[enough].max()))


def _family_moment_indicator(codes: np.ndarray, moments: np.ndarray, family_count: int):
    """Sparse people x (family, [any, moment...]): which family a person is in, and when free."""
    people = np.flatnonzero(codes >= 0)
    width = len(MOMENTS) + 1
    availability = np.column_stack([np.ones(len(codes), dtype=np.float32), moments])
    rows = np.repeat(people, width)
    columns = (codes[people, None] * width + np.arange(width)[None, :]).ravel()
    values = availability[people].ravel()
    return sparse.csr_matrix(
        (values, (rows, columns)), shape=(len(codes), max(family_count, 1) * width)
    )


def _moment_matrix(column: pd.Series) -> np.ndarray:
    """Person x moment 0/1 matrix; an unanswered row counts as free at every moment."""
    matrix = np.zeros((len(column), len(MOMENTS)), dtype=np.float32)
    for row, moments in enumerate(column):
        chosen = [MOMENTS.index(m) for m in (moments or ()) if m in MOMENTS]
        matrix[row, chosen or list(range(len(MOMENTS)))] = 1
    return matrix


def _answered_moments(value) -> tuple[str, ...]:
    return tuple(m for m in (value or ()) if m in MOMENTS)


# ----------------------------------------------------------------------------------------------
# Rules


def _too_few(count: int, min_size: int) -> Finding:
    return Finding(
        "too_few_participants",
        Severity.ERROR,
        (),
        f"Only {count} participants; a group needs at least {min_size}.",
        f"Slechts {count} deelnemers; een groep heeft er minstens {min_size} nodig.",
        "Collect more intakes or lower the minimum group size.",
        "Verzamel meer intakes of verlaag de minimale groepsgrootte.",
    )


def _missing_location(pids: tuple[str, ...], located: np.ndarray) -> list[Finding]:
    missing = tuple(p for p, ok in zip(pids, located, strict=True) if not ok)
    if not missing:
        return []
    names, names_nl = _named(missing), _named(missing, "nl")
    return [
        Finding(
            "missing_location",
            Severity.WARNING,
            missing,
            f"{len(missing)} participant(s) have no location that could be found: {names}. "
            "Their travel distance cannot be checked.",
            f"Van {len(missing)} deelnemer(s) is de locatie niet gevonden: {names_nl}. "
            "Hun reisafstand kan niet worden gecontroleerd.",
            "Fill in a postcode or place of work for them.",
            "Vul voor hen een postcode of werkplaats in.",
        )
    ]


def _missing_function(pids: tuple[str, ...], families: _Families) -> list[Finding]:
    missing = tuple(p for p, code in zip(pids, families.codes, strict=True) if code < 0)
    if not missing:
        return []
    names, names_nl = _named(missing), _named(missing, "nl")
    return [
        Finding(
            "missing_function",
            Severity.WARNING,
            missing,
            f"{len(missing)} participant(s) have no function: {names}. "
            "They cannot be matched with peers of the same function.",
            f"{len(missing)} deelnemer(s) hebben geen functie ingevuld: {names_nl}. "
            "Ze kunnen niet bij collega's met dezelfde functie worden ingedeeld.",
            "Ask them for their job title or discipline.",
            "Vraag hen naar hun functie of discipline.",
        )
    ]


def _small_families(pids: tuple[str, ...], families: _Families, min_size: int) -> list[Finding]:
    findings = []
    # Members gathered in one pass: a junk file has a family per person, and scanning everyone
    # per family made this quadratic.
    by_family: dict[int, list[str]] = {}
    for pid, code in zip(pids, families.codes, strict=True):
        by_family.setdefault(int(code), []).append(pid)
    for family, name in enumerate(families.names):
        size = int(families.sizes[family])
        if size >= min_size:
            continue
        members = tuple(by_family.get(family, ()))
        closest = families.most_similar(family)
        if closest is None or closest[1] < MERGE_MIN_SIMILARITY:
            suggestion_en = (
                "No other function is similar: check the title, accept a group that mixes "
                "functions, or collect more intakes."
            )
            suggestion_nl = (
                "Geen andere functie lijkt erop: controleer de functienaam, sta een groep met "
                "gemengde functies toe of verzamel meer intakes."
            )
        else:
            other, similarity = closest
            suggestion_en = (
                f'Merge "{name}" with the most similar family "{other}" (similarity '
                f"{similarity:.2f}) in the family overrides, or accept mixed groups."
            )
            suggestion_nl = (
                f'Voeg "{name}" samen met de meest verwante functiegroep "{other}" '
                f"(verwantschap {similarity:.2f}) in de functie-overrides, of sta gemengde "
                "groepen toe."
            )
        findings.append(
            Finding(
                "small_family",
                Severity.WARNING,
                members,
                f'Function family "{name}" has {size} participant(s) ({_named(members)}); '
                f"a group needs at least {min_size}.",
                f'Functiegroep "{name}" heeft {size} deelnemer(s) ({_named(members, "nl")}); '
                f"een groep heeft er minstens {min_size} nodig.",
                suggestion_en,
                suggestion_nl,
            )
        )
    return findings


def splittable(size: int, min_size: int, max_size: int) -> bool:
    """Whether ``size`` people fit exactly into groups of ``min_size..max_size`` (0 does)."""
    return (
        any(
            groups * min_size <= size <= groups * max_size
            for groups in range(math.ceil(size / max_size), size // min_size + 1)
        )
        or size == 0
    )


def _unsplittable_families(families: _Families, min_size: int, max_size: int) -> list[Finding]:
    findings = []
    for family, name in enumerate(families.names):
        size = int(families.sizes[family])
        if size < min_size or splittable(size, min_size, max_size):
            continue
        fewer = next(s for s in range(size - 1, -1, -1) if splittable(s, min_size, max_size))
        more = next(s for s in range(size + 1, 2 * size + 1) if splittable(s, min_size, max_size))
        findings.append(
            Finding(
                "unsplittable_family",
                Severity.INFO,
                (),
                f'Function family "{name}" has {size} participants: that cannot be split into '
                f"groups of {min_size} to {max_size}.",
                f'Functiegroep "{name}" heeft {size} deelnemers: dat is niet te verdelen in '
                f"groepen van {min_size} tot {max_size}.",
                f"{size - fewer} of them will join a group of another function, or "
                f"{more - size} participant(s) of a similar function can join them.",
                f"{size - fewer} van hen komen in een groep met een andere functie, of "
                f"{more - size} deelnemer(s) met een verwante functie kunnen aansluiten.",
            )
        )
    return findings


def _managers(
    table: pd.DataFrame, pids: tuple[str, ...], families: _Families, min_size: int
) -> list[Finding]:
    """Managers whose own reporting line takes away so many peers that too few are left."""
    if "manager_pid" not in table.columns:
        return []
    position = {pid: i for i, pid in enumerate(pids)}
    reports: dict[str, list[str]] = {}
    for pid, manager in zip(pids, table["manager_pid"], strict=True):
        if isinstance(manager, str) and manager in position and manager != pid:
            reports.setdefault(manager, []).append(pid)
    findings = []
    for manager in sorted(reports):
        family = int(families.codes[position[manager]])
        if family < 0 or families.sizes[family] < min_size:
            continue  # no family, or already reported as a small family
        line = _reporting_line(manager, reports)
        same_family = tuple(p for p in line if families.codes[position[p]] == family)
        left = int(families.sizes[family]) - 1 - len(same_family)
        if left >= min_size - 1:
            continue
        name = families.names[family]
        closest = families.most_similar(family)
        other = f' "{closest[0]}"' if closest else ""
        findings.append(
            Finding(
                "manager_reporting_line",
                Severity.WARNING,
                (manager, *same_family),
                f"{manager} manages {len(same_family)} of the other members of function family "
                f'"{name}" ({_named(same_family)}); without their reporting line {left} peer(s) '
                f"are left, fewer than the {min_size - 1} a group needs.",
                f"{manager} is leidinggevende van {len(same_family)} van de andere leden van "
                f'functiegroep "{name}" ({_named(same_family, "nl")}); zonder die lijn blijven '
                f"{left} collega('s) over, minder dan de {min_size - 1} die een groep nodig heeft.",
                f"Place {manager} in a group of a similar family{other} or with peers from "
                "other organisations.",
                f"Deel {manager} in bij een verwante functiegroep{other} of bij collega's van "
                "andere organisaties.",
            )
        )
    return findings


def _reporting_line(manager: str, reports: dict[str, list[str]]) -> tuple[str, ...]:
    """Everyone below ``manager``, directly or indirectly (cycles are cut)."""
    seen: list[str] = []
    todo = list(reports.get(manager, ()))
    while todo:
        pid = todo.pop(0)
        if pid in seen or pid == manager:
            continue
        seen.append(pid)
        todo.extend(reports.get(pid, ()))
    return tuple(sorted(seen))


def _per_person(
    table: pd.DataFrame,
    pids: tuple[str, ...],
    families: _Families,
    reach: _Reach,
    min_size: int,
) -> list[Finding]:
    """Out of reach of anyone, of their peers, or at a moment no peer in reach shares (the
    suggestions speak of a person's own answer: without one, the others are asked)."""
    needed = min_size - 1
    limits = pd.to_numeric(table["max_travel_km"], errors="coerce").to_numpy(dtype=float)
    findings = []
    for i, pid in enumerate(pids):
        family = int(families.codes[i])
        if not reach.located[i]:
            continue
        if reach.anyone[i] < needed:
            findings.append(
                _out_of_reach(pid, reach.anyone[i], limits[i], reach.needed_km_anyone[i], needed)
            )
        elif (
            family >= 0
            and families.peers_available(family) > needed
            and (reach.compatible[i] < needed)
        ):
            findings.append(
                _no_peers(
                    pid,
                    families.names[family],
                    reach.compatible[i],
                    limits[i],
                    reach.needed_km_compatible[i],
                    needed,
                )
            )
        elif family >= 0 and reach.compatible[i] >= needed:
            moments = _answered_moments(table["meeting_moments"].iloc[i])
            if moments and max(reach.per_moment[i, MOMENTS.index(m)] for m in moments) < needed:
                findings.append(_unshared_moment(pid, moments, reach.per_moment[i], needed))
    return findings


def _widen(pid: str, limit: float, needed_km: float) -> tuple[str, str]:
    """The suggestion to widen ``pid``'s travel limit, or to look elsewhere if that won't do."""
    if np.isfinite(needed_km) and np.isfinite(limit) and needed_km > limit:
        target = int(math.ceil(needed_km / 5.0) * 5)
        extra = target - int(limit)
        return (
            f"Ask {pid} to accept {target} km instead of {limit:g} km (+{extra} km).",
            f"Vraag {pid} om {target} km te accepteren in plaats van {limit:g} km (+{extra} km).",
        )
    return (
        f"The others near {pid} do not travel that far: ask peers in the region to widen their "
        "travel limit, choose a meeting place near them, or meet online.",
        f"De anderen in de buurt van {pid} reizen niet zo ver: vraag collega's in de regio hun "
        "reisafstand te verruimen, kies een locatie bij hen in de buurt of kom online samen.",
    )


def _out_of_reach(pid: str, count: int, limit: float, needed_km: float, needed: int) -> Finding:
    suggestion_en, suggestion_nl = _widen(pid, limit, needed_km)
    return Finding(
        "out_of_reach",
        Severity.ERROR,
        (pid,),
        f"{pid} can reach only {count} other participant(s) within the travel limits; a group "
        f"needs {needed} others.",
        f"{pid} kan binnen de reisafstanden maar {count} andere deelnemer(s) bereiken; een groep "
        f"heeft er {needed} andere nodig.",
        suggestion_en,
        suggestion_nl,
    )


def _no_peers(
    pid: str, family: str, count: int, limit: float, needed_km: float, needed: int
) -> Finding:
    suggestion_en, suggestion_nl = _widen(pid, limit, needed_km)
    return Finding(
        "no_peers_in_reach",
        Severity.WARNING,
        (pid,),
        f'{pid} has {count} peer(s) of function family "{family}" within the travel limits; '
        f"a group of peers needs {needed} others.",
        f'{pid} heeft {count} collega(\'s) uit functiegroep "{family}" binnen de reisafstanden; '
        f"een groep heeft er {needed} andere nodig.",
        suggestion_en,
        suggestion_nl,
    )


def _unshared_moment(
    pid: str, moments: tuple[str, ...], per_moment: np.ndarray, needed: int
) -> Finding:
    best = MOMENTS[int(np.argmax(per_moment))]
    chosen_en = ", ".join(moment_name(m, "en") for m in moments)
    chosen_nl = ", ".join(moment_name(m, "nl") for m in moments)
    best_count = int(per_moment.max())
    return Finding(
        "unshared_moment",
        Severity.WARNING,
        (pid,),
        f"{pid} can only meet in the {chosen_en}; fewer than {needed} peers within reach can "
        "then too.",
        f"{pid} kan alleen op deze momenten: {chosen_nl}; minder dan {needed} collega's binnen "
        "bereik kunnen dan ook.",
        f"Ask {pid} to allow the {moment_name(best, 'en')} as well ({best_count} peers within "
        "reach can meet then).",
        f"Vraag {pid} of ook dit moment kan: {moment_name(best, 'nl')} ({best_count} collega's "
        "binnen bereik kunnen dan).",
    )


def _named(pids: tuple[str, ...], lang: str = "en") -> str:
    """Up to a few pids spelled out, the rest counted."""
    shown = ", ".join(pids[:_NAMED_AT_MOST])
    rest = len(pids) - _NAMED_AT_MOST
    if rest <= 0:
        return shown
    return f"{shown} {'en' if lang == 'nl' else 'and'} {rest} {'meer' if lang == 'nl' else 'more'}"
