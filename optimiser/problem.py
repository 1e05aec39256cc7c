"""The generic grouping problem: people, group bounds, pair scores, rules and pins.

A :class:`GroupingProblem` is frozen and validated on construction; the solver reads it and
never mutates it. It knows nothing of intervision: people are indices ``0..n-1`` with optional
labels, and every rule is named (a stable ``key`` and a display ``name``) so that a score
breakdown, an unplaced person's reasons and an infeasibility explanation can speak the user's
language.

Objective (maximised)::

    sum over pair terms t, over pairs i<j in the same group:  t.weight * t.scores[i, j]
  - sum over soft rules r:                                     r.weight * violation_r
  - unplaced_penalty * (number of unplaced people)

  - move_penalty * (people not in their ``current`` group: non-disruptive repair of a line-up)

All scores and weights are integers, as CP-SAT needs; callers scale real similarities first.
The rule types live with their families in :mod:`optimiser.families` (and are importable from
here too).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from optimiser.families import (
    AtLeastCount,
    CommonOption,
    ForbiddenPairs,
    GroupRule,
    Level,
    MaxSpread,
    family_of,
)


@dataclass(frozen=True)
class SizeRange:
    """Every group holds ``min_size..max_size`` people; the number of groups is free."""

    min_size: int = 5
    max_size: int = 8


@dataclass(frozen=True)
class GroupBounds:
    """A fixed number of groups, group ``g`` holding ``bounds[g][0]..bounds[g][1]`` people."""

    bounds: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class PairTerm:
    """A pair score family, e.g. function similarity: ``weight * scores[i, j]`` per pair together.

    ``scores`` is a symmetric integer matrix with a zero diagonal: a dense numpy array, or for
    large n a ``scipy.sparse`` CSR matrix holding only the pairs that matter (e.g. each
    person's nearest neighbours); absent entries score 0. Negative entries are costs.
    """

    key: str
    name: str
    scores: np.ndarray | sparse.csr_array | sparse.csr_matrix
    weight: int = 1


@dataclass(frozen=True)
class GroupingProblem:
    """A validated, immutable grouping problem. See the module docstring for the objective."""

    n: int
    sizes: SizeRange | GroupBounds = field(default_factory=SizeRange)
    pair_terms: tuple[PairTerm, ...] = ()
    forbidden: tuple[ForbiddenPairs, ...] = ()
    group_rules: tuple[GroupRule, ...] = ()
    together: tuple[frozenset[int], ...] = ()
    pins: Mapping[int, int] = field(default_factory=dict)
    current: Mapping[int, int] = field(default_factory=dict)
    move_penalty: int = 0
    allow_unplaced: bool = True
    unplaced_penalty: int | None = None
    labels: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        problems = list(_validation_problems(self))
        if problems:
            raise ValueError("Invalid grouping problem: " + "; ".join(problems))

    def label(self, person: int) -> str:
        """A person's display label (their id), or ``#i``."""
        return self.labels[person] if self.labels else f"#{person}"

    def active_rules(self) -> tuple[ForbiddenPairs | GroupRule, ...]:
        """Forbidden pairs and group rules that are not switched off."""
        return tuple(r for r in (*self.forbidden, *self.group_rules) if r.level != Level.OFF)


def _validation_problems(p: GroupingProblem):
    """Yield what is wrong with ``p``, in words a developer can act on."""
    if p.n < 0:
        yield "n must be >= 0"
    if isinstance(p.sizes, SizeRange):
        if not 1 <= p.sizes.min_size <= p.sizes.max_size:
            yield f"size range {p.sizes.min_size}..{p.sizes.max_size} is empty"
    else:
        for lo, hi in p.sizes.bounds:
            if not 0 <= lo <= hi:
                yield f"group bounds ({lo}, {hi}) are empty"
    for term in p.pair_terms:
        if term.scores.shape != (p.n, p.n):
            yield f"pair term {term.key!r} has shape {term.scores.shape}, expected {(p.n, p.n)}"
        elif not np.issubdtype(term.scores.dtype, np.integer):
            yield f"pair term {term.key!r} must hold integers"
        elif sparse.issparse(term.scores):
            if (term.scores != term.scores.T).nnz:
                yield f"pair term {term.key!r} is not symmetric"
        elif not np.array_equal(term.scores, term.scores.T):
            yield f"pair term {term.key!r} is not symmetric"
    for rule in (*p.forbidden, *p.group_rules):
        yield from family_of(rule).validate(rule, p.n)
    for person, group in (*p.pins.items(), *p.current.items()):
        if not 0 <= person < p.n or group < 0:
            yield f"pin {person} -> {group} is out of range"
    if p.labels is not None and len(p.labels) != p.n:
        yield "labels must have one entry per person"


__all__ = [
    "AtLeastCount",
    "CommonOption",
    "ForbiddenPairs",
    "GroupBounds",
    "GroupRule",
    "GroupingProblem",
    "Level",
    "MaxSpread",
    "PairTerm",
    "SizeRange",
]
