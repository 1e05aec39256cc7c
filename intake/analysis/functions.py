"""Function families: job titles written in many ways, clustered into the functions they mean.

Intervision groups peers of a similar function, but an intake holds "Wijkverpleegkundige niveau
5", "wijkvpk" and "Community nurse" for one and the same job. Titles are normalised, known
synonyms and abbreviations are mapped to one canonical title (``data/function_synonyms.toml``),
and the unique results are clustered on TF-IDF character n-grams plus words with average-linkage
cosine clustering. Clustering unique titles rather than people keeps 20,000 people fast; people
are mapped back to their title's row, so the person vectors stay sparse.
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
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion
from sklearn.preprocessing import normalize

# Titles closer than this (1 - cosine similarity, average linkage) end up in one family; tuned on
# the generated samples (tests/intake/analysis/test_functions.py checks ARI >= 0.9 there).
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
    """Each person's function family, their title vector and a summary per family.

    ``vectors`` is an n x d CSR matrix with L2-normalised rows (zero rows for people without a
    title), so ``vectors @ vectors.T`` is the cosine similarity of two people's titles.
    """

    labels: tuple[str, ...]
    vectors: sparse.csr_matrix
    families: pd.DataFrame


def normalise_title(title: str | None) -> str:
    """A job title without case, accents, grade, hours or seniority: what the function is.

    Known synonyms and abbreviations become their canonical title. Returns ``""`` for no title.
    """
    if title is None or (isinstance(title, float) and np.isnan(title)):
        return ""
    text = _strip_accents(str(title)).lower()
    core = _plain(_NOISE.sub(" ", text))
    return _apply_synonyms(core or _plain(text))  # "Coördinator" alone is a function


def function_families(
    titles: Sequence[str | None],
    *,
    distance_threshold: float = DEFAULT_DISTANCE_THRESHOLD,
    overrides: Mapping[str, str] | None = None,
) -> FunctionFamilies:
    """Cluster ``titles`` (one per person, table order) into function families.

    ``overrides`` maps a title (as written or normalised, case-insensitive) to a family name a
    coordinator chose; it wins over the clustering, so a reviewed result can be pinned down.
    """
    normalised = [normalise_title(t) for t in titles]
    corrected = _typo_corrections(Counter(t for t in normalised if t))
    normalised = [corrected.get(t, t) for t in normalised]
    unique_titles = sorted({t for t in normalised if t})
    row_of_title = {t: i for i, t in enumerate(unique_titles)}
    people_per_title = Counter(t for t in normalised if t)
    title_vectors = _title_vectors(unique_titles)
    people = np.array([people_per_title[t] for t in unique_titles], dtype=int)
    cluster_of_title = _cluster(title_vectors, people, distance_threshold)
    cluster_names = _cluster_names(unique_titles, cluster_of_title, people_per_title)
    override_lookup = _override_lookup(overrides or {})
    labels = tuple(
        _family_of(raw, norm, override_lookup, cluster_names, cluster_of_title, row_of_title)
        for raw, norm in zip(titles, normalised, strict=True)
    )
    vectors = _person_vectors(normalised, row_of_title, title_vectors)
    return FunctionFamilies(labels, vectors, _family_table(titles, labels))


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


def _typo_corrections(counts: Counter[str]) -> dict[str, str]:
    """Map a title to a known or more common title one typo away (two in long titles).

    Character n-grams of a short word lose most of their overlap to one slip ("huisars"), while
    real neighbours ("verpleegkundige", "wijkverpleegkundige") are several edits apart. Known
    titles are the synonym table's keys and canonical titles; they win over any count. Only
    the most common titles serve as corrections, so 20,000 free-text answers stay fast.
    """
    _, synonyms = _synonyms()
    known = {**{c: c for c in synonyms.values()}, **synonyms}
    rank = {t: (0, 0, t) for t in known} | {
        t: (1, -n, t) for t, n in counts.items() if t not in known
    }
    titles = sorted((t for t in counts if t not in known), key=rank.__getitem__)
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


def _title_vectors(unique_titles: list[str]) -> sparse.csr_matrix:
    """TF-IDF of character n-grams (spelling variants) and words (word order), L2-normalised."""
    if not unique_titles:
        return sparse.csr_matrix((0, 0))
    union = FeatureUnion(
        [
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)),
            ("words", TfidfVectorizer(analyzer="word", token_pattern=r"(?u)\b\w+\b")),
        ]
    )
    matrix = union.fit_transform(unique_titles)
    return normalize(sparse.csr_matrix(matrix, dtype=np.float64))


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


def _cluster_names(
    unique_titles: list[str], cluster_of_title: np.ndarray, people_per_title: Counter[str]
) -> dict[int, str]:
    """Name each cluster after its most common title (ties: the shortest, then alphabetical)."""
    best: dict[int, tuple[int, int, str]] = {}
    for title, cluster in zip(unique_titles, cluster_of_title, strict=True):
        key = (-people_per_title[title], len(title), title)
        if cluster not in best or key < best[cluster]:
            best[int(cluster)] = key
    return {cluster: key[2] for cluster, key in best.items()}


def _override_lookup(overrides: Mapping[str, str]) -> dict[str, str]:
    """Overrides keyed both by the lower-cased title and by its normalised form."""
    lookup: dict[str, str] = {}
    for title, family in overrides.items():
        lookup[title.strip().lower()] = family
        lookup.setdefault(normalise_title(title), family)
    lookup.pop("", None)
    return lookup


def _family_of(
    raw: str | None,
    normalised: str,
    overrides: dict[str, str],
    cluster_names: dict[int, str],
    cluster_of_title: np.ndarray,
    row_of_title: dict[str, int],
) -> str:
    if isinstance(raw, str) and raw.strip().lower() in overrides:
        return overrides[raw.strip().lower()]
    if normalised in overrides:
        return overrides[normalised]
    if not normalised:
        return UNKNOWN_FAMILY
    return cluster_names[int(cluster_of_title[row_of_title[normalised]])]


def _person_vectors(
    normalised: list[str], row_of_title: dict[str, int], title_vectors: sparse.csr_matrix
) -> sparse.csr_matrix:
    """One row per person: their title's row, or zeros without a title."""
    people = [i for i, t in enumerate(normalised) if t]
    pick = sparse.csr_matrix(
        (
            np.ones(len(people)),
            (people, [row_of_title[normalised[i]] for i in people]),
        ),
        shape=(len(normalised), title_vectors.shape[0]),
    )
    return sparse.csr_matrix(pick @ title_vectors)


def _family_table(titles: Sequence[str | None], labels: tuple[str, ...]) -> pd.DataFrame:
    """One row per family: name, size and the distinct titles as written, most common first."""
    written: dict[str, Counter[str]] = {}
    for title, family in zip(titles, labels, strict=True):
        counter = written.setdefault(family, Counter())
        if isinstance(title, str) and title.strip():
            counter[title.strip()] += 1
    sizes = Counter(labels)
    rows = [
        {
            "family": family,
            "size": sizes[family],
            "titles": tuple(t for t, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))),
        }
        for family, counter in written.items()
    ]
    table = pd.DataFrame(rows, columns=["family", "size", "titles"])
    return table.sort_values(["size", "family"], ascending=[False, True], ignore_index=True)
