"""Function families: job titles written in many ways, grouped into the functions they mean.

An intake holds "Wijkverpleegkundige niveau 5", "wijkvpk" and "Community nurse" for one and the
same job. Each title is normalised (no grade, hours or seniority; known synonyms and
abbreviations from ``data/function_synonyms.toml`` to one canonical title) and matched to an
occupation (:mod:`intake.analysis.occupations`: a curated Dutch table, then ESCO in Dutch and
English); a matched title joins its occupation's family, named canonically in the session's
language. Titles that match nothing join the nearest matched title's family when their words are
close, and otherwise cluster among themselves (TF-IDF character n-grams plus words, average-linkage
cosine clustering). The similarity vectors are the graded ones of :mod:`intake.analysis.peers`.
Working on distinct titles rather than people keeps 20,000 people fast; people are mapped back to
their title's row, so the person vectors stay sparse.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
from rapidfuzz import process
from rapidfuzz.distance import OSA
from scipy import sparse
from sklearn.cluster import AgglomerativeClustering

from intake.analysis.occupations import (
    Match,
    Occupation,
    OccupationIndex,
    match_key,
    occupation_index,
)
from intake.analysis.peers import Person, TitleFacts, lexical_vectors, title_vectors

# Unmatched titles closer than this (1 - cosine similarity of their words, average linkage) end up
# in one family; tuned on the generated samples (test_functions.py checks ARI >= 0.9 there).
DEFAULT_DISTANCE_THRESHOLD = 0.45
UNKNOWN_FAMILY = "(unknown)"

# Parts of a title that say something about the person, not about the function.
_NOISE_PATTERNS = (
    r"\([^)]*\)",  # "(0,8 fte)", "(interim)"
    r"(?:niveau|level|nivo|nv|schaal|trede)\s*\d+\w*",  # also glued on: "leraarniveau 5"
    r"\b\d+(?:[.,]\d+)?\s*(?:fte|uur|hours|h)\b",
    r"\b(?:sr|jr|senior|junior|medior|coordinerend|coordinator|i\.?o\.?|in opleiding|in training|"
    r"trainee|interim|tijdelijk|waarnemend|ad interim|m/v|v/m|m/v/x)\b\.?",
    r"\b\d+\b",
)
_NOISE = re.compile("|".join(_NOISE_PATTERNS))
_TYPO_ROWS_PER_CHUNK = 1000  # unique titles compared at once when looking for typos
_MAX_CLUSTERED_TITLES = 3000  # most common titles clustered; a dense 3000^2 matrix is ~70 MB
_SEPARATORS = re.compile(r"[\-/_,.;:+|&'\"`]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class FunctionFamilies:
    """Each person's function family, occupation, similarity vector and a summary per family.

    ``vectors`` is an n x d CSR matrix with L2-normalised rows (zero rows for people without a
    title); ``vectors @ vectors.T`` is the graded similarity of :mod:`intake.analysis.peers`.
    ``occupations`` holds each person's matched occupation (None when no title matched).
    """

    labels: tuple[str, ...]
    vectors: sparse.csr_matrix
    families: pd.DataFrame
    occupations: tuple[Occupation | None, ...] = ()


def normalise_title(title: str | None) -> str:
    """A job title without case, accents, grade, hours or seniority: what the function is.

    Known synonyms and abbreviations become their canonical title. Returns ``""`` for no title.
    """
    if title is None or (isinstance(title, float) and np.isnan(title)):
        return ""
    text = _strip_accents(str(title)).lower()
    core = _plain(_NOISE.sub(" ", text))
    return _apply_synonyms(core or _plain(text))  # "Coördinator" alone is a function


def _title_key(title: str | None, index: OccupationIndex) -> str:
    """The title a person is grouped by: :func:`normalise_title`, unless the title as written
    (without grade, hours and seniority) is itself a label of another occupation than the
    synonym table's canonical title ("leerkracht basisonderwijs" is more than "docent")."""
    normalised = normalise_title(title)
    if not isinstance(title, str):
        return normalised
    core = _plain(_NOISE.sub(" ", _strip_accents(title).lower()))
    exact = index.labels.get(match_key(core)) if core and core != normalised else None
    if exact is None:
        return normalised
    canonical = index.match(match_key(normalised))
    return core if canonical is None or canonical.occupation.code != exact else normalised


def function_families(
    titles: Sequence[str | None],
    *,
    distance_threshold: float = DEFAULT_DISTANCE_THRESHOLD,
    overrides: Mapping[str, str] | None = None,
    language: str = "en",
    index: OccupationIndex | None = None,
) -> FunctionFamilies:
    """Group ``titles`` (one per person, table order) into function families.

    A title matched to an occupation joins that occupation's family; an unmatched title joins
    the family of the lexically nearest matched title when it is within ``distance_threshold``
    (1 - cosine), and unmatched titles cluster among themselves otherwise. ``overrides`` maps a
    title (as written or normalised, case-insensitive) to a family name a coordinator chose; it
    wins over everything and changes the similarity vectors too. Family names are canonical
    occupation names in ``language``.
    """
    index = index or occupation_index()
    title_keys: dict[object, str] = {}  # 20,000 people write a few thousand distinct titles
    normalised = [
        title_keys[t] if t in title_keys else title_keys.setdefault(t, _title_key(t, index))
        for t in titles
    ]
    counts = Counter(t for t in normalised if t)
    corrected = _typo_corrections(counts, {t for t in counts if match_key(t) in index.labels})
    normalised = [corrected.get(t, t) for t in normalised]
    override_lookup = _override_lookup(overrides or {})
    chosen = [
        _chosen_family(raw, norm, override_lookup)
        for raw, norm in zip(titles, normalised, strict=True)
    ]
    keys = [(norm, family) for norm, family in zip(normalised, chosen, strict=True)]
    unique = sorted({k for k in keys if k[0]}, key=lambda k: (k[0], k[1] or ""))
    row_of_key = {k: i for i, k in enumerate(unique)}
    people = Counter(k for k in keys if k[0])
    unique_titles = [title for title, _ in unique]
    matches = _matches(index, unique_titles)
    lexical = lexical_vectors(unique_titles)
    family_keys = _family_keys(unique, matches, lexical, people, index, distance_threshold)
    names = _family_names(unique, family_keys, matches, people, index, language)
    facts = [
        TitleFacts(
            family=family_keys[i],
            occupation=None
            if chosen_family
            else (matches[title].occupation if matches[title] else None),
            corrected=chosen_family is not None,
            manager=bool(matches[title] and matches[title].is_manager),
        )
        for i, (title, chosen_family) in enumerate(unique)
    ]
    vectors = _person_vectors(keys, row_of_key, title_vectors(unique_titles, facts))
    labels = tuple(names[family_keys[row_of_key[k]]] if k[0] else UNKNOWN_FAMILY for k in keys)
    occupations = tuple(
        (matches[k[0]].occupation if matches[k[0]] else None) if k[0] else None for k in keys
    )
    return FunctionFamilies(
        labels, vectors, _family_table(titles, labels, occupations), occupations
    )


def peer_person(name: str, title: str | None, family: str | None, language: str = "en") -> Person:
    """One person's function as :func:`intake.analysis.peers.peer_sentence` names it: their
    title's occupation (canonical name in ``language``), ISCO group and whether it is a
    manager's; ``family`` is the family the analysis gave them."""
    index = occupation_index()
    key = _title_key(title, index) if isinstance(title, str) else ""
    match = index.match(match_key(key)) if key else None
    return Person(
        name=name,
        title=title if isinstance(title, str) else None,
        family=family if isinstance(family, str) else None,
        occupation=match.occupation.name(language) if match else None,
        isco=match.occupation.isco if match else None,
        manager=bool(match and match.is_manager),
    )


def load_family_overrides(path: Path) -> dict[str, str]:
    """Read a coordinator's reviewed mapping ``[families] "poh ggz" = "POH-GGZ"`` (title → family).

    Keys are lower-cased so a lookup is case-insensitive.
    """
    with Path(path).open("rb") as handle:
        document = tomllib.load(handle)
    families = document.get("families", {})
    if not isinstance(families, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in families.items()
    ):
        raise ValueError(f"{path}: [families] must map titles to family names (strings)")
    return {key.strip().lower(): value.strip() for key, value in families.items()}


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def _synonyms() -> tuple[re.Pattern[str], dict[str, str]]:
    """The built-in synonym table as one whole-word pattern (longest key first) and its lookup."""
    source = resources.files("intake") / "data" / "function_synonyms.toml"
    table = tomllib.loads(source.read_text(encoding="utf-8"))["synonyms"]
    lookup: dict[str, str] = {}
    for key, canonical in table.items():
        lookup[_plain(key)] = _plain(canonical)
    keys = sorted(lookup, key=lambda k: (-len(k), k))
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in keys) + r")\b")
    return pattern, lookup


def _plain(text: str) -> str:
    """Lower case, no accents, separators as single spaces: the form synonyms are matched in."""
    text = _strip_accents(text).lower()
    return _SPACES.sub(" ", _SEPARATORS.sub(" ", text)).strip()


def _apply_synonyms(text: str) -> str:
    # One pass, so a replacement is never itself rewritten by a shorter key.
    pattern, lookup = _synonyms()
    return pattern.sub(lambda match: lookup[match.group(0)], text)


def _typo_corrections(
    counts: Counter[str], exact: set[str] | frozenset[str] = frozenset()
) -> dict[str, str]:
    """Map a title to a known or more common title one typo away (two in long titles).

    Character n-grams of a short word lose most of their overlap to one slip ("huisars"), while
    real neighbours ("verpleegkundige", "wijkverpleegkundige") are several edits apart. Known
    titles are the synonym table's keys and canonical titles; they win over any count. Only
    the most common titles serve as corrections, so 20,000 free-text answers stay fast.
    Titles in ``exact`` (known occupation labels: "police officer") are never corrected.
    """
    _, synonyms = _synonyms()
    known = {**{c: c for c in synonyms.values()}, **synonyms}
    rank = {t: (0, 0, t) for t in known} | {
        t: (1, -n, t) for t, n in counts.items() if t not in known
    }
    titles = sorted((t for t in counts if t not in known and t not in exact), key=rank.__getitem__)
    anchors = sorted(known, key=rank.__getitem__) + titles[:_MAX_CLUSTERED_TITLES]
    corrections: dict[str, str] = {}
    for start in range(0, len(titles), _TYPO_ROWS_PER_CHUNK):
        chunk = titles[start : start + _TYPO_ROWS_PER_CHUNK]
        distances = process.cdist(
            chunk, anchors, scorer=OSA.distance, dtype=np.int32, workers=1, score_cutoff=2
        )
        for row, title in enumerate(chunk):
            close = np.flatnonzero(distances[row] <= _typos_allowed(title))
            if not close.size:
                continue
            anchor = anchors[close[0]]  # the best ranked: known, then most common
            if rank[anchor] < rank[title] and (anchor in known or counts[anchor] > counts[title]):
                corrections[title] = known.get(anchor) or corrections.get(anchor, anchor)
    return corrections


def _typos_allowed(title: str) -> int:
    """Edits that still count as a typo: none in short titles, where one edit is a new word."""
    if len(title) >= 12:
        return 2
    return 1 if len(title) >= 5 else 0


def _cluster(
    title_vectors: sparse.csr_matrix, people: np.ndarray, distance_threshold: float
) -> np.ndarray:
    """Cluster label per unique title (``people``: how many people wrote each).

    Average linkage needs a dense title x title matrix, so only the most common titles are
    clustered; each rarer one joins the cluster of its most similar common title when that is
    within the threshold, and is a family of its own otherwise.
    """
    count = title_vectors.shape[0]
    if count < 2:
        return np.zeros(count, dtype=int)
    order = np.lexsort((np.arange(count), -people))  # most common first, then by title
    common, rare = order[:_MAX_CLUSTERED_TITLES], order[_MAX_CLUSTERED_TITLES:]
    labels = np.zeros(count, dtype=int)
    labels[common] = _average_linkage(title_vectors[common], distance_threshold)
    next_label = labels[common].max() + 1
    for start in range(0, len(rare), _TYPO_ROWS_PER_CHUNK):
        chunk = rare[start : start + _TYPO_ROWS_PER_CHUNK]
        similarity = (title_vectors[chunk] @ title_vectors[common].T).toarray()
        nearest = similarity.argmax(axis=1)
        close = 1.0 - similarity[np.arange(len(chunk)), nearest] <= distance_threshold
        labels[chunk[close]] = labels[common[nearest[close]]]
        alone = chunk[~close]
        labels[alone] = next_label + np.arange(len(alone))
        next_label += len(alone)
    return labels


def _average_linkage(title_vectors: sparse.csr_matrix, distance_threshold: float) -> np.ndarray:
    count = title_vectors.shape[0]
    if count < 2:
        return np.zeros(count, dtype=int)
    similarity = (title_vectors @ title_vectors.T).toarray()
    distance = np.clip(1.0 - similarity, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    model = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=distance_threshold,
    )
    return model.fit_predict(distance)


def _override_lookup(overrides: Mapping[str, str]) -> dict[str, str]:
    """Overrides keyed both by the lower-cased title and by its normalised form."""
    lookup: dict[str, str] = {}
    for title, family in overrides.items():
        lookup[title.strip().lower()] = family
        lookup.setdefault(normalise_title(title), family)
    lookup.pop("", None)
    return lookup


def _chosen_family(raw: str | None, normalised: str, overrides: dict[str, str]) -> str | None:
    """The family a coordinator chose for this title, or None."""
    if isinstance(raw, str) and raw.strip().lower() in overrides:
        return overrides[raw.strip().lower()]
    return overrides.get(normalised) if normalised else None


def _matches(index: OccupationIndex, titles: list[str]) -> dict[str, Match | None]:
    """Each distinct normalised title's occupation: the title after the synonym table first,
    then as written (without grade and hours), so both the table and ESCO's labels count."""
    return {title: index.match(match_key(title)) for title in titles}


def _family_keys(
    unique: list[tuple[str, str | None]],
    matches: dict[str, Match | None],
    lexical: sparse.csr_matrix,
    people: Counter,
    index: OccupationIndex,
    distance_threshold: float,
) -> list[str]:
    """The family key of each distinct (title, chosen family): the coordinator's choice, the
    occupation's family, the nearest matched title's family, or a lexical cluster."""
    keys: list[str | None] = []
    for title, chosen in unique:
        match = matches[title]
        keys.append(f"chosen:{chosen}" if chosen else (match.family if match else None))
    known = np.array([k is not None for k in keys], dtype=bool)
    loose = np.flatnonzero(~known)
    if loose.size and known.any():
        anchors = np.flatnonzero(known)
        similarity = (lexical[loose] @ lexical[anchors].T).toarray()
        nearest = similarity.argmax(axis=1)
        close = 1.0 - similarity[np.arange(len(loose)), nearest] <= distance_threshold
        for row, anchor, is_close in zip(loose, anchors[nearest], close, strict=True):
            # Never into a coordinator's own family, and a generic title ("officer") says too
            # little to join anyone's.
            if is_close and not unique[anchor][1] and not index.is_generic(unique[row][0]):
                keys[row] = keys[anchor]
    loose = np.array([i for i, k in enumerate(keys) if k is None], dtype=int)
    if loose.size:
        counts = np.array([people[unique[i]] for i in loose], dtype=int)
        clusters = _cluster(lexical[loose], counts, distance_threshold)
        for row, cluster in zip(loose, clusters, strict=True):
            keys[row] = f"words:{cluster}"
    return [str(k) for k in keys]


def _family_names(
    unique: list[tuple[str, str | None]],
    family_keys: list[str],
    matches: dict[str, Match | None],
    people: Counter,
    index: OccupationIndex,
    language: str,
) -> dict[str, str]:
    """A display name per family key: the coordinator's name, the curated family's name, the
    most common matched occupation's canonical name, or the most common title; a name two
    families would share gets its ISCO group or a number."""
    members: dict[str, list[tuple[int, str, str | None]]] = {}
    for (title, chosen), family in zip(unique, family_keys, strict=True):
        members.setdefault(family, []).append((people[(title, chosen)], title, chosen))
    names: dict[str, str] = {}
    for family, rows in members.items():
        if family.startswith("chosen:"):
            names[family] = family.removeprefix("chosen:")
            continue
        curated = index.family_names.get(family)
        if curated is not None:
            names[family] = curated.name(language)
            continue
        matched = Counter()
        for count, title, _ in rows:
            if matches[title] is not None:
                matched[matches[title].occupation] += count
        if matched:
            best = min(matched, key=lambda o: (-matched[o], o.code.count("."), o.code))
            names[family] = best.name(language)
        else:
            names[family] = min(rows, key=lambda r: (-r[0], len(r[1]), r[1]))[1]
    return _distinct(names, index)


def _distinct(names: dict[str, str], index: OccupationIndex) -> dict[str, str]:
    """Keep family names unique: a name two keys share gets the ISCO group or a number."""
    by_name: dict[str, list[str]] = {}
    for family in sorted(names):
        by_name.setdefault(names[family].casefold(), []).append(family)
    for families in by_name.values():
        if len(families) < 2:
            continue
        for number, family in enumerate(families[1:], start=2):
            suffix = family.removeprefix("isco:") if family.startswith("isco:") else str(number)
            names[family] = f"{names[family]} ({suffix})"
    return names


def _person_vectors(
    keys: list[tuple[str, str | None]],
    row_of_key: dict[tuple[str, str | None], int],
    title_vectors: sparse.csr_matrix,
) -> sparse.csr_matrix:
    """One row per person: their title's row, or zeros without a title."""
    people = [i for i, k in enumerate(keys) if k[0]]
    pick = sparse.csr_matrix(
        (np.ones(len(people)), (people, [row_of_key[keys[i]] for i in people])),
        shape=(len(keys), title_vectors.shape[0]),
    )
    return sparse.csr_matrix(pick @ title_vectors)


def _family_table(
    titles: Sequence[str | None],
    labels: tuple[str, ...],
    occupations: tuple[Occupation | None, ...],
) -> pd.DataFrame:
    """One row per family: name, size, the distinct titles as written (most common first) and
    the family's most common occupation code and ISCO group (None when unmatched)."""
    written: dict[str, Counter[str]] = {}
    matched: dict[str, Counter[Occupation]] = {}
    for title, family, occupation in zip(titles, labels, occupations, strict=True):
        counter = written.setdefault(family, Counter())
        if isinstance(title, str) and title.strip():
            counter[title.strip()] += 1
        if occupation is not None:
            matched.setdefault(family, Counter())[occupation] += 1
    sizes = Counter(labels)
    rows = []
    for family, counter in written.items():
        common = matched.get(family)
        best = min(common, key=lambda o: (-common[o], o.code)) if common else None
        rows.append(
            {
                "family": family,
                "size": sizes[family],
                "titles": tuple(
                    t for t, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
                ),
                "occupation_code": best.code if best else None,
                "isco": best.isco if best else None,
            }
        )
    columns = ["family", "size", "titles", "occupation_code", "isco"]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["size", "family"], ascending=[False, True], ignore_index=True)
