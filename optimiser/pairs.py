"""Pair weights as the solver reads them: pair terms and soft forbidden pairs combined (the one
place they are combined: the searches read rows, the CP-SAT models a block among their
people), and the hard forbidden pairs."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from optimiser.problem import (
    GroupingProblem,
    Level,
)

_DENSE_MAX_N = 3000  # combine pair terms into one dense matrix up to this n (72 MB of int64)
class PairMatrix:
    """All pair terms and soft forbidden pairs combined, read a block of rows at a time.

    Never copies an n x n matrix when n is large: :meth:`rows` and :meth:`among` combine only
    the rows (and columns) asked for.
    """

    def __init__(self, problem: GroupingProblem) -> None:
        self.problem = problem
        self.n = problem.n
        soft = [
            (i, j, -rule.weight)
            for rule in problem.forbidden
            if rule.level == Level.SOFT
            for i, j in rule.pairs
        ]
        self._soft = None
        if soft:
            i, j, w = (np.array(v, dtype=np.int64) for v in zip(*soft, strict=True))
            self._soft = sparse.csr_array(
                (np.concatenate([w, w]), (np.concatenate([i, j]), np.concatenate([j, i]))),
                shape=(self.n, self.n),
            )
        self.dense: np.ndarray | None = None
        if self.n <= _DENSE_MAX_N:
            self.dense = self._combine(np.arange(self.n))

    def rows(self, index: np.ndarray) -> np.ndarray:
        """Combined weights of the given rows, dense ``(len(index), n)`` int64."""
        if self.dense is not None:
            return self.dense[index]
        return self._combine(index)

    def among(self, people: Sequence[int]) -> np.ndarray:
        """Combined weights among ``people``, dense ``(len(people), len(people))`` int64: what a
        CP-SAT model of those people rewards or costs per pair together."""
        index = np.asarray(people, dtype=np.int64)
        if self.dense is not None:
            return self.dense[np.ix_(index, index)]
        return self._combine(index, index)

    def _combine(self, index: np.ndarray, columns: np.ndarray | None = None) -> np.ndarray:
        """The combined rows ``index``, of every column or only of ``columns``."""
        width = self.n if columns is None else len(columns)
        block = np.zeros((len(index), width), dtype=np.int64)
        for term in self.problem.pair_terms:
            part = term.scores[index] if columns is None else term.scores[index][:, columns]
            part = part.toarray() if sparse.issparse(part) else part
            block += term.weight * part.astype(np.int64)
        if self._soft is not None:
            soft = self._soft[index] if columns is None else self._soft[index][:, columns]
            block += soft.toarray()
        return block


def hard_forbidden_matrix(problem: GroupingProblem) -> sparse.csr_array | None:
    """Symmetric 0/1 sparse matrix of hard forbidden pairs, or None when there are none."""
    pairs = {
        (i, j) for rule in problem.forbidden if rule.level == Level.HARD for i, j in rule.pairs
    }
    if not pairs:
        return None
    i, j = (np.array(v, dtype=np.int64) for v in zip(*pairs, strict=True))
    data = np.ones(2 * len(i), dtype=np.int32)
    matrix = sparse.csr_array(
        (data, (np.concatenate([i, j]), np.concatenate([j, i]))), shape=(problem.n, problem.n)
    )
    matrix.data[:] = 1
    return matrix
