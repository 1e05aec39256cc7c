"""The objective recomputed from a line-up, without OR-Tools: the reference the solver must match.

This module owns the scoring semantics (see :mod:`optimiser.problem` for the objective):

- pair terms: ``weight * scores[i, j]`` for every pair ``i < j`` inside a group;
- forbidden pairs: hard never together; soft ``-weight`` per pair together;
- at-least-count: hard every non-empty group holds ``>= min_count`` members of the set; soft
  ``-weight`` per missing member per non-empty group;
- max-spread: hard ``max - min <= max_spread`` over members with a value; soft ``-weight`` per
  unit of excess per group;
- common option: each group picks the option with the fewest members who cannot make it (hard) or
  the lowest ``weight * such members + cost`` (soft), costs summed over members plus, once per
  group, the largest ``max_cost`` of a member;
- moves: ``-move_penalty`` per person with a ``current`` group who is not in it (unplaced too);
- unplaced: ``-unplaced_penalty`` per person left out (see :func:`unplaced_penalty`).

Hard rules contribute nothing to the objective; breaking them counts in ``hard_violations``.
Each rule family's part is its object's ``score`` (:mod:`optimiser.families`); this module
adds them up and owns what is not one rule's business (sizes, pins, together, moves).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from optimiser.families import GroupRule, Outcome, family_of
from optimiser.problem import GroupBounds, GroupingProblem, Level, SizeRange
from optimiser.result import Breakdown, GroupScore, RuleScore

SIZES_KEY = "group_sizes"
PINS_KEY = "pins"
TOGETHER_KEY = "together"
MOVES_KEY = "moves"
UNPLACED_KEY = "unplaced_penalty"
STOPPED_KEY = "stopped"  # an unplaced person's reason when the search stopped before placing them

_ROW_CHUNK = 1024  # rows per chunk when summing a dense n x n matrix, to avoid an n x n copy


def score(
    problem: GroupingProblem, groups: Sequence[Sequence[int]], unplaced: Sequence[int] = ()
) -> Breakdown:
    """Explain a line-up: objective, score per rule and per group, hard violations.

    ``groups[g]`` is group index ``g`` (pins and ``current`` refer to these indices; with
    :class:`GroupBounds` group ``g`` is held to ``bounds[g]``). People in neither ``groups`` nor
    ``unplaced`` count as unplaced too.
    """
    placed = [i for members in groups for i in members]
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    left_out = sorted(set(range(problem.n)) - set(group_of) | set(unplaced))
    hard = _global_violations(problem, groups, group_of, len(placed))
    slot_of = np.full(problem.n, -1, dtype=np.int64)
    for i, g in group_of.items():
        slot_of[i] = g
    sums = pair_sums(problem, slot_of, len(groups))
    group_scores = tuple(
        group_score(problem, g, sorted(members), sums[g]) for g, members in enumerate(groups)
    )
    per_rule: dict[str, int] = {}
    for group in group_scores:
        for rule in group.rules:
            per_rule[rule.key] = per_rule.get(rule.key, 0) + rule.score
            if rule.hard:
                hard += rule.violations
    moved_out = sum(1 for i in left_out if i in problem.current)
    if problem.current:
        per_rule[MOVES_KEY] = per_rule.get(MOVES_KEY, 0) - problem.move_penalty * moved_out
    if not problem.allow_unplaced:
        hard += len(left_out)
    penalty = unplaced_penalty(problem) * len(left_out)
    return Breakdown(
        groups=group_scores,
        per_rule=per_rule,
        unplaced_penalty=penalty,
        objective=sum(per_rule.values()) - penalty,
        hard_violations=hard,
    )


def unplaced_penalty(problem: GroupingProblem) -> int:
    """What leaving one person out costs: the given value, or one that makes it a last resort.

    The default is ``1 + 2 * (largest sum over one person of |pair score| * weight)`` plus, per
    soft rule, the most one placement can add to its penalty in a full group, plus the move
    penalty: more than any one placement can gain by leaving that person out.
    """
    if problem.unplaced_penalty is not None:
        return problem.unplaced_penalty
    row_sums = np.zeros(problem.n, dtype=np.int64)
    for term in problem.pair_terms:
        row_sums += abs(term.weight) * _abs_row_sums(term.scores)
    largest = int(row_sums.max()) if problem.n else 0
    cap = max_group_size(problem)
    soft = sum(
        family_of(rule).penalty_bound(rule, problem.n, cap) for rule in problem.active_rules()
    )
    return 1 + 2 * largest + soft + problem.move_penalty


def max_group_size(problem: GroupingProblem) -> int:
    """The largest size any group may have."""
    if isinstance(problem.sizes, SizeRange):
        return problem.sizes.max_size
    return max((hi for _, hi in problem.sizes.bounds), default=0)


def group_score(
    problem: GroupingProblem,
    g: int,
    members: list[int],
    pair_sums: Sequence[int] | None = None,
) -> GroupScore:
    """One group's score per rule; ``pair_sums`` (per pair term, over ordered pairs) when the
    caller computed them for all groups at once."""
    rules: list[RuleScore] = []
    options: dict[str, int] = {}
    for k, term in enumerate(problem.pair_terms):
        index = np.asarray(members, dtype=np.int64)
        value = 0
        if pair_sums is not None:
            value = term.weight * int(pair_sums[k]) // 2
        elif len(members) > 1:
            value = term.weight * int(term.scores[index][:, index].sum(dtype=np.int64)) // 2
        rules.append(RuleScore(term.key, term.name, value))
    for rule in problem.active_rules():
        score_, violations, detail, option = family_of(rule).score_in(problem, rule, members, g)
        if option is not None:
            options[rule.key] = option
        hard = rule.level == Level.HARD
        rules.append(RuleScore(rule.key, rule.name, score_, violations, hard, detail))
    moved = [i for i in members if i in problem.current and problem.current[i] != g]
    if problem.current:
        detail = ", ".join(problem.label(i) for i in moved)
        rules.append(
            RuleScore(
                MOVES_KEY, "Moved", -problem.move_penalty * len(moved), len(moved), False, detail
            )
        )
    return GroupScore(group=g, members=tuple(members), options=options, rules=tuple(rules))


def group_rule_score(problem: GroupingProblem, rule: GroupRule, members: list[int]) -> Outcome:
    """One group rule in one group: ``(score, violated units, detail, chosen option)``."""
    return family_of(rule).score(problem, rule, members)


def _global_violations(
    problem: GroupingProblem,
    groups: Sequence[Sequence[int]],
    group_of: dict[int, int],
    placed_count: int,
) -> int:
    """Hard violations that are not one group's business: sizes, pins, together, duplicates."""
    violations = placed_count - len(group_of)  # someone in two groups
    if isinstance(problem.sizes, GroupBounds):
        bounds = problem.sizes.bounds
        violations += abs(len(groups) - len(bounds))
        for members, (lo, hi) in zip(groups, bounds, strict=False):
            violations += int(not lo <= len(members) <= hi)
    else:
        low, high = problem.sizes.min_size, problem.sizes.max_size
        violations += sum(1 for members in groups if members and not low <= len(members) <= high)
    violations += sum(1 for i, g in problem.pins.items() if group_of.get(i) != g)
    for people in problem.together:
        violations += int(len({group_of.get(i, -1) for i in people}) > 1)
    return violations


def pair_sums(
    problem: GroupingProblem, slot: np.ndarray, count: int
) -> list[list[int]] | list[None]:
    """Per group ``0..count-1`` (``slot[i]`` person ``i``'s group, -1 none) and pair term, the
    sum of scores over ordered pairs inside the group, in one pass over the non-zeros of sparse
    terms (slicing each group out of a large sparse matrix took seconds at 20,000 people);
    None per group when a term is dense (then each group is sliced, which is fast)."""
    if not problem.pair_terms or not all(sparse.issparse(t.scores) for t in problem.pair_terms):
        return [None] * count
    sums = np.zeros((count, len(problem.pair_terms)), dtype=np.int64)
    for k, term in enumerate(problem.pair_terms):
        coo = sparse.coo_array(term.scores)
        row_slot, col_slot = slot[coo.row], slot[coo.col]
        inside = (row_slot >= 0) & (row_slot == col_slot)
        data = coo.data[inside].astype(np.int64)
        np.add.at(sums[:, k], row_slot[inside], data)
    return sums.tolist()


def _abs_row_sums(scores: np.ndarray | sparse.csr_array | sparse.csr_matrix) -> np.ndarray:
    """Per-row sum of absolute values, in chunks so a dense matrix is never copied whole."""
    if sparse.issparse(scores):
        return np.asarray(abs(scores).sum(axis=1), dtype=np.int64).ravel()
    sums = np.empty(scores.shape[0], dtype=np.int64)
    for start in range(0, scores.shape[0], _ROW_CHUNK):
        chunk = scores[start : start + _ROW_CHUNK]
        sums[start : start + _ROW_CHUNK] = np.abs(chunk).sum(axis=1, dtype=np.int64)
    return sums
