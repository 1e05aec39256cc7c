"""Reader for MDGPLIB instances (the Maximally Diverse Grouping Problem) -> GroupingProblem.

Format: line 1 ``n m ss|ds lo_1 hi_1 ... lo_m hi_m``, then one line ``i j d_ij`` per pair
``i < j`` (0-based). Weights are reals with up to three decimals; CP-SAT needs integers, so they
are scaled by ``scale`` (default 1000) and rounded: objective / scale is the literature value.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from optimiser.problem import GroupBounds, GroupingProblem, PairTerm

DEFAULT_SCALE = 1000


def read_mdgp(path: str | Path, scale: int = DEFAULT_SCALE) -> GroupingProblem:
    """Read one instance file: ``m`` groups with their bounds, one pair term ``diversity``."""
    with open(path, encoding="utf-8") as handle:
        header = handle.readline().split()
        n, m = int(header[0]), int(header[1])
        limits = [int(v) for v in header[3 : 3 + 2 * m]]
        body = np.loadtxt(handle, dtype=np.float64, ndmin=2)
    scores = np.zeros((n, n), dtype=np.int64)
    i, j = body[:, 0].astype(np.int64), body[:, 1].astype(np.int64)
    values = np.rint(body[:, 2] * scale).astype(np.int64)
    scores[i, j] = values
    scores[j, i] = values
    bounds = tuple((limits[2 * g], limits[2 * g + 1]) for g in range(m))
    return GroupingProblem(
        n=n,
        sizes=GroupBounds(bounds),
        pair_terms=(PairTerm("diversity", "Diversity", scores),),
        allow_unplaced=False,
    )
