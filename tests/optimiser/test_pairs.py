"""Combined pair weights: the rows the searches read and the blocks the CP-SAT models read are
one combination of pair terms and soft forbidden pairs, dense or sparse."""

from dataclasses import replace

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from optimiser import pairs as pairs_module
from optimiser.pairs import PairMatrix
from optimiser.problem import ForbiddenPairs, Level, PairTerm

from .problems import grouping_problems


def combined_by_hand(problem) -> np.ndarray:
    """Every pair's weight written out: each term's weight x score, minus each soft forbidden
    pair's weight (both ways round)."""
    n = problem.n
    total = np.zeros((n, n), dtype=np.int64)
    for term in problem.pair_terms:
        scores = term.scores.toarray() if sparse.issparse(term.scores) else term.scores
        total += term.weight * np.asarray(scores, dtype=np.int64)
    for rule in problem.forbidden:
        if rule.level == Level.SOFT:
            for i, j in rule.pairs:
                total[i, j] -= rule.weight
                total[j, i] -= rule.weight
    return total


def with_second_soft_rule_and_sparse_term(problem):
    """The problem plus a sparse pair term and a soft rule that repeats a pair of the first, so
    that sparse scores and a pair kept apart by two rules are both combined."""
    n = problem.n
    rng = np.random.default_rng(n)
    upper = np.triu(rng.integers(0, 4, size=(n, n)), 1)
    term = PairTerm("sparse", "Sparse", sparse.csr_array(upper + upper.T), weight=2)
    again = frozenset(list(problem.forbidden[0].pairs)[:1]) | {(0, n - 1)}
    soft = ForbiddenPairs("again", "Again", again, Level.SOFT, weight=5)
    return replace(
        problem,
        pair_terms=(*problem.pair_terms, term),
        forbidden=(*problem.forbidden, soft),
    )


@settings(max_examples=40, deadline=None)
@given(grouping_problems(), st.data(), st.booleans())
def test_rows_and_blocks_are_the_same_combination_dense_or_not(problem, data, dense):
    problem = with_second_soft_rule_and_sparse_term(problem)
    expected = combined_by_hand(problem)
    people = data.draw(st.lists(st.integers(0, problem.n - 1), min_size=1, unique=True))
    original = pairs_module._DENSE_MAX_N
    pairs_module._DENSE_MAX_N = problem.n if dense else 0
    try:
        matrix = PairMatrix(problem)
    finally:
        pairs_module._DENSE_MAX_N = original
    assert (matrix.dense is not None) == dense
    index = np.asarray(people)
    assert np.array_equal(matrix.rows(index), expected[index])
    assert np.array_equal(matrix.among(people), expected[np.ix_(index, index)])
    assert matrix.among(people).dtype == np.int64
