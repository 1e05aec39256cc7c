"""Who is a peer: graded function similarity of two people, as vectors and in words.

This module is the one place the function similarity is defined. For two people with titles
matched to occupations (:mod:`intake.analysis.occupations`) it is the weighted sum

| part | weight | counts when |
| --- | --- | --- |
| family | 0.35 | same function family (after the coordinator's corrections) |
| occupation | 0.15 | same occupation (ESCO or curated) |
| ISCO unit group | 0.15 | same 4-digit ISCO-08 group ("2264 physiotherapists") |
| ISCO minor group | 0.10 | same 3-digit group ("226 other health professionals") |
| ISCO sub-major group | 0.05 | same 2-digit group ("22 health professionals") |
| ISCO major group | 0.05 | same 1-digit group ("2 professionals", "1 managers") |
| lexical | 0.15 | cosine of the titles' TF-IDF character n-grams and words |

so same occupation > same family > same unit group > same minor group > ... > only similar
words. Each part is a block of one-hot (or TF-IDF) columns scaled by the square root of its
weight, and every row is L2-normalised, so ``vectors[i] @ vectors[j]`` is this sum (scaled up
for a person whose title matched no occupation and so has only the family and lexical parts).
Vectors rather than an n x n matrix keep 20,000 people cheap; the optimiser's function rule
(``optimiser/intervision/build.py``) turns the dot products into 0..100 pair points.

A coordinator's correction (``--families`` or the web analysis page) defines the family of the
titles it names: those titles get the family's own keys in every hierarchy part, so a merge
makes them full peers and a split parts them, and the solver sees the change.

Managers (a manager's title, ISCO major group 1) have their words in a separate lexical space:
"teamleider wijkverpleging" shares no part with "wijkverpleegkundige", so a manager is never
scored as a peer of their staff, and managers are peers of managers (one family).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion
from sklearn.preprocessing import normalize

from intake.analysis.occupations import Occupation

WEIGHTS: dict[str, float] = {
    "family": 0.35,
    "occupation": 0.15,
    "unit": 0.15,
    "minor": 0.10,
    "sub_major": 0.05,
    "major": 0.05,
    "lexical": 0.15,
}
_ISCO_PARTS = (("unit", 4), ("minor", 3), ("sub_major", 2), ("major", 1))


@dataclass(frozen=True)
class TitleFacts:
    """What the similarity needs of one distinct title: its family key, its occupation (None
    when unmatched), whether a correction set its family, and whether it is a manager's."""

    family: str
    occupation: Occupation | None
    corrected: bool
    manager: bool


def hierarchy_keys(facts: TitleFacts) -> dict[str, str]:
    """The key of each hierarchy part for one title (parts it has no key for are absent)."""
    keys = {"family": f"family:{facts.family}"}
    if facts.corrected or facts.occupation is None:
        keys["occupation"] = keys["family"]  # a corrected or unknown title is its own occupation
        if facts.corrected:
            keys |= {part: keys["family"] for part, _ in _ISCO_PARTS}
        return keys
    keys["occupation"] = f"occupation:{facts.occupation.code}"
    isco = facts.occupation.isco
    for part, digits in _ISCO_PARTS:
        if len(isco) >= digits:
            keys[part] = f"isco:{isco[:digits]}"
    return keys


def title_vectors(titles: Sequence[str], facts: Sequence[TitleFacts]) -> sparse.csr_matrix:
    """One L2-normalised row per distinct title: the hierarchy blocks and the lexical block."""
    count = len(titles)
    if count == 0:
        return sparse.csr_matrix((0, 0))
    columns: dict[str, int] = {}
    rows, cols, values = [], [], []
    for row, fact in enumerate(facts):
        for part, key in hierarchy_keys(fact).items():
            rows.append(row)
            cols.append(columns.setdefault(f"{part}|{key}", len(columns)))
            values.append(np.sqrt(WEIGHTS[part]))
    hierarchy = sparse.csr_matrix((values, (rows, cols)), shape=(count, len(columns)))
    lexical = lexical_vectors(titles) * np.sqrt(WEIGHTS["lexical"])
    managers = sparse.diags(np.array([f.manager for f in facts], dtype=float))
    staff = sparse.identity(count) - managers
    blocks = [hierarchy, staff @ lexical, managers @ lexical]  # managers' words apart
    return normalize(sparse.hstack(blocks, format="csr", dtype=np.float64))


def lexical_vectors(titles: Sequence[str]) -> sparse.csr_matrix:
    """TF-IDF of character n-grams (spelling variants) and words, L2-normalised."""
    if not titles:
        return sparse.csr_matrix((0, 0))
    union = FeatureUnion(
        [
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)),
            ("words", TfidfVectorizer(analyzer="word", token_pattern=r"(?u)\b\w+\b")),
        ]
    )
    return normalize(sparse.csr_matrix(union.fit_transform(list(titles)), dtype=np.float64))


_SENTENCES = {
    "en": {
        "same": "both work as {a} (ISCO {isco})",
        "family": "same function family ({family}): {a} and {b}",
        "unit": "related functions in ISCO group {isco}{label}: {a} and {b}",
        "different": "different functions: {a} and {b}",
        "managers": "both are managers: {a} and {b}",
        "manager_staff": "different functions: {a} and {b} (managers are grouped with managers)",
        "unknown": "function unknown for {who}",
    },
    "nl": {
        "same": "beiden werken als {a} (ISCO {isco})",
        "family": "zelfde functiefamilie ({family}): {a} en {b}",
        "unit": "verwante functies in ISCO-groep {isco}: {a} en {b}",
        "different": "verschillende functies: {a} en {b}",
        "managers": "beiden leidinggevend: {a} en {b}",
        "manager_staff": "verschillende functies: {a} en {b} (leidinggevenden komen bij "
        "leidinggevenden)",
        "unknown": "functie onbekend van {who}",
    },
}


@dataclass(frozen=True)
class Person:
    """One person's function as the explanation names it."""

    name: str
    title: str | None
    family: str | None
    occupation: str | None  # canonical occupation name in the session's language
    isco: str | None
    manager: bool


def peer_sentence(
    first: Person, second: Person, language: str = "en", isco_labels: dict[str, str] | None = None
) -> str:
    """Why two people are or are not peers, in words ("both work as physiotherapist (ISCO
    2264)", "different functions: GP and practice nurse")."""
    text = _SENTENCES["nl" if language == "nl" else "en"]
    missing = [p.name for p in (first, second) if not (p.occupation or p.title)]
    if missing:
        return text["unknown"].format(who=" & ".join(missing))
    a, b = first.occupation or first.title, second.occupation or second.title
    if first.manager and second.manager:
        return text["managers"].format(a=a, b=b)
    if first.manager != second.manager:
        return text["manager_staff"].format(a=a, b=b)
    if a == b and first.isco and first.isco == second.isco:
        return text["same"].format(a=a, isco=first.isco)
    if first.family and first.family == second.family:
        return text["family"].format(family=first.family, a=a, b=b)
    shared = _shared_isco(first.isco, second.isco)
    if shared is not None and len(shared) >= 3:
        label = (isco_labels or {}).get(shared)
        return text["unit"].format(isco=shared, label=f" ({label})" if label else "", a=a, b=b)
    return text["different"].format(a=a, b=b)


def _shared_isco(first: str | None, second: str | None) -> str | None:
    """The longest common ISCO prefix of two codes, or None."""
    if not first or not second:
        return None
    length = 0
    while length < min(len(first), len(second)) and first[length] == second[length]:
        length += 1
    return first[:length] or None
