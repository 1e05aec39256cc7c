"""The intervision rules that score pairs: how similar two people's functions and learning
goals are, and whether their learning styles differ.

Each translator turns the table (and the similarity vectors the analysis made) into one
:class:`PairTerm`; its entry in :data:`optimiser.intervision.rules.RULES` names it. Up to
``dense_max_n`` people the scores are dense matrices; above it they are sparse and hold only
each person's nearest neighbours (:func:`neighbour_pairs`), which keeps 20,000 people within
memory. A pair term has nothing to break, so it has no sentences.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import sparse

from optimiser.intervision.group_rules import coordinates
from optimiser.intervision.pair_rules import normalised
from optimiser.problem import Level, PairTerm

if TYPE_CHECKING:
    from optimiser.intervision.build import ProblemPart, RuleSource

SIMILARITY_SCALE = 100  # similarities in [0, 1] become integer points 0..100
FAMILY_ONLY_POINTS = 60  # exact-equality fallback: same function family, different title

Vectors = np.ndarray | sparse.csr_array | sparse.csr_matrix
Neighbours = tuple[np.ndarray, np.ndarray]


def neighbour_pairs(table: pd.DataFrame, function_vectors: Vectors | None, k: int) -> Neighbours:
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
    lat, lon = coordinates(table)
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
    vectors: Vectors, neighbours: Neighbours | None
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
    codes: np.ndarray, points: int, neighbours: Neighbours | None
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


# -- function ------------------------------------------------------------------------------------
def function(source: RuleSource) -> list[ProblemPart]:
    """Function similarity from the analysis's vectors, else equal function (and family)."""
    if source.level("function") == Level.OFF:
        return []
    table, neighbours = source.table, source.neighbours
    if source.function_vectors is not None:
        scores = _similarity_points(source.function_vectors, neighbours)
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
        source.notes.append("function similarity by equal function (no similarity vectors given)")
    return [PairTerm("function", source.name("function"), scores, source.weight("function"))]


# -- learning_goals ------------------------------------------------------------------------------
def learning_goals(source: RuleSource) -> list[ProblemPart]:
    """Learning-goal similarity from the analysis's vectors (off without them)."""
    if source.level("learning_goals") == Level.OFF:
        return []
    if source.goal_vectors is None:
        source.notes.append("learning goals similarity off: no vectors given")
        return []
    scores = _similarity_points(source.goal_vectors, source.neighbours)
    return [
        PairTerm(
            "learning_goals",
            source.name("learning_goals"),
            scores,
            source.weight("learning_goals"),
        )
    ]


# -- style_mix -----------------------------------------------------------------------------------
def style_mix(source: RuleSource) -> list[ProblemPart]:
    """One point for every pair with different (known) Kolb learning styles."""
    table, neighbours = source.table, source.neighbours
    if source.level("style_mix") == Level.OFF or "learning_style" not in table.columns:
        return []
    styles = pd.factorize(pd.Series([normalised(s) for s in table["learning_style"]]))[0]
    if neighbours is None:
        known = styles >= 0
        different = (styles[:, None] != styles[None, :]) & known[:, None] & known[None, :]
        scores = different.astype(np.int32)
    else:
        rows, cols = neighbours
        different = (styles[rows] != styles[cols]) & (styles[rows] >= 0) & (styles[cols] >= 0)
        scores = _symmetric(len(styles), rows, cols, different.astype(np.int32))
    return [PairTerm("style_mix", source.name("style_mix"), scores, source.weight("style_mix"))]
