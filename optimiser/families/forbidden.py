"""Family ``ForbiddenPairs``: pairs that may not share a group (hard) or cost when they do."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from optimiser.families.base import Level, Outcome, RuleFamily

if TYPE_CHECKING:
    from optimiser.model import GroupingModel
    from optimiser.problem import GroupingProblem


@dataclass(frozen=True)
class ForbiddenPairs:
    """Pairs that may not share a group (hard), or cost ``weight`` per pair together (soft)."""

    key: str
    name: str
    pairs: frozenset[tuple[int, int]]
    level: Level = Level.HARD
    weight: int = 0


class ForbiddenPairsFamily(RuleFamily):
    """Soft forbidden pairs are pair costs: the searches read them with the pair terms
    (:class:`optimiser.pairs.PairMatrix`, :func:`optimiser.model.pair_weights`), so this family
    has no per-slot delta; hard ones are clauses, the tabu search's conflict counts and the
    checks below."""

    rule_type = ForbiddenPairs
    group_rule = False

    def validate(self, rule: ForbiddenPairs, n: int) -> Iterator[str]:
        for i, j in rule.pairs:
            if not (0 <= i < n and 0 <= j < n) or i == j:
                yield f"forbidden pair {(i, j)} of {rule.key!r} is out of range"
                break

    def add_to_model(self, gm: GroupingModel, rule: ForbiddenPairs) -> None:
        """Hard pairs never share a slot (soft ones are costs in the pair weights)."""
        if rule.level != Level.HARD:
            return
        inside = set(gm.people)
        enforce = gm.enforce(rule.key)
        for i, j in sorted(rule.pairs):
            if i in inside and j in inside:
                for s in gm.slots:
                    if (i, s) in gm.x and (j, s) in gm.x:
                        gm.model.AddBoolOr([gm.x[i, s].Not(), gm.x[j, s].Not()]).OnlyEnforceIf(
                            enforce
                        )

    def score(
        self, problem: GroupingProblem, rule: ForbiddenPairs, members: Sequence[int]
    ) -> Outcome:
        """Hard: never together (0, the pairs counted); soft: ``-weight`` per pair together."""
        by_person = _pairs_by_person(rule.pairs)
        inside = set(members)
        together = sorted(
            {pair for i in members for pair in by_person.get(i, ()) if set(pair) <= inside}
        )
        detail = ", ".join(f"{problem.label(i)} & {problem.label(j)}" for i, j in together)
        value = 0 if rule.level == Level.HARD else -rule.weight * len(together)
        return value, len(together), detail, None

    def penalty_bound(self, rule: ForbiddenPairs, n: int, cap: int) -> int:
        if rule.level != Level.SOFT:
            return 0
        return rule.weight * max(_pair_degrees(rule.pairs, n), default=0)

    def blocks(
        self,
        problem: GroupingProblem,
        rule: ForbiddenPairs,
        unit: Sequence[int],
        members: Sequence[int],
    ) -> bool:
        joined = [*members, *unit]
        return any((i, j) in rule.pairs or (j, i) in rule.pairs for i in unit for j in joined)

    def join_check(self, n: int, rule: ForbiddenPairs) -> _PairCheck | None:
        if rule.level != Level.HARD or not rule.pairs:
            return None
        return _PairCheck(n, rule.pairs)

    def difficulty(self, rule: ForbiddenPairs, n: int) -> np.ndarray | None:
        """Each hard pair a person is in makes them one harder to place."""
        if rule.level != Level.HARD:
            return None
        difficulty = np.zeros(n)
        for i, j in rule.pairs:
            difficulty[[i, j]] += 1
        return difficulty


class _PairCheck:
    """Candidates who are in a forbidden pair with a member, from a sparse 0/1 matrix."""

    def __init__(self, n: int, pairs: frozenset[tuple[int, int]]) -> None:
        i, j = (np.array(v, dtype=np.int64) for v in zip(*pairs, strict=True))
        data = np.ones(2 * len(i), dtype=np.int32)
        self.matrix = sparse.csr_array(
            (data, (np.concatenate([i, j]), np.concatenate([j, i]))), shape=(n, n)
        )
        self.matrix.data[:] = 1

    def narrow(
        self, members: list[int], candidates: np.ndarray, ok: np.ndarray, gain: np.ndarray
    ) -> None:
        ok &= np.asarray(self.matrix[members].sum(axis=0)).ravel()[candidates] == 0


@functools.lru_cache(maxsize=32)
def _pairs_by_person(pairs: frozenset[tuple[int, int]]) -> dict[int, list[tuple[int, int]]]:
    """Each person's pairs of a forbidden rule (a group looks up its members' pairs only)."""
    index: dict[int, list[tuple[int, int]]] = {}
    for pair in pairs:
        for person in pair:
            index.setdefault(person, []).append(pair)
    return index


def _pair_degrees(pairs: frozenset[tuple[int, int]], n: int) -> list[int]:
    degrees = [0] * n
    for i, j in pairs:
        degrees[i] += 1
        degrees[j] += 1
    return degrees


FORBIDDEN_PAIRS = ForbiddenPairsFamily()
