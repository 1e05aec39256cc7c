"""Random small grouping problems for the optimiser tests (a hypothesis strategy)."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from optimiser.problem import (
    AtLeastCount,
    CommonOption,
    ForbiddenPairs,
    GroupBounds,
    GroupingProblem,
    Level,
    MaxSpread,
    PairTerm,
    SizeRange,
)

LEVELS = st.sampled_from([Level.HARD, Level.SOFT, Level.OFF])


@st.composite
def grouping_problems(draw, max_n: int = 12, min_n: int = 3) -> GroupingProblem:
    """A random problem: pair terms with negatives, every rule family at a random level."""
    n = draw(st.integers(min_n, max_n))
    seed = draw(st.integers(0, 2**31 - 1))
    rng = np.random.default_rng(seed)
    scores = rng.integers(-5, 20, size=(n, n))
    scores = np.triu(scores, 1)
    scores = scores + scores.T
    if draw(st.booleans()):
        sizes = SizeRange(draw(st.integers(2, 3)), draw(st.integers(3, 5)))
    else:
        count = draw(st.integers(1, 3))
        bounds = []
        for _ in range(count):
            lo = draw(st.integers(0, 3))
            bounds.append((lo, lo + draw(st.integers(0, 3))))
        sizes = GroupBounds(tuple(bounds))
    pairs = frozenset(
        (int(i), int(j)) for i, j in rng.integers(0, n, size=(draw(st.integers(0, 4)), 2)) if i < j
    )
    forbidden = (ForbiddenPairs("apart", "Apart", pairs, draw(LEVELS), weight=7),)
    options = draw(st.integers(1, 3))
    allowed = tuple(
        frozenset(int(o) for o in range(options) if rng.random() < 0.6) for _ in range(n)
    )
    cost = None
    if draw(st.booleans()):
        cost = tuple(tuple(int(c) for c in rng.integers(0, 4, size=options)) for _ in range(n))
    max_cost = None  # a once-per-group cost: the largest member value of the chosen option
    if draw(st.booleans()):
        max_cost = tuple(tuple(int(c) for c in rng.integers(0, 9, size=options)) for _ in range(n))
    values = tuple(int(v) if rng.random() < 0.8 else None for v in rng.integers(0, 6, size=n))
    group_rules = (
        AtLeastCount(
            "givers",
            "Givers",
            frozenset(int(i) for i in rng.choice(n, n // 2, replace=False)),
            min_count=1,
            level=draw(LEVELS),
            weight=5,
        ),
        MaxSpread("level", "Level", values, max_spread=2, level=draw(LEVELS), weight=3),
        CommonOption(
            "moment",
            "Moment",
            tuple(f"o{o}" for o in range(options)),
            allowed,
            level=draw(LEVELS),
            weight=4,
            cost=cost,
            max_cost=max_cost,
            # groups of an earlier line-up keep their option (another costs change_cost)
            kept=tuple(int(k) for k in rng.integers(-1, options, size=draw(st.integers(0, 2)))),
            change_cost=draw(st.sampled_from([0, 3, 50])),
            exempt=frozenset({1}) if draw(st.booleans()) else frozenset(),
        ),
    )
    group_rules = tuple(r for r in group_rules if draw(st.booleans()))
    together = ()
    if n >= 4 and draw(st.booleans()):
        together = (frozenset({0, 1}),)
    pins = {}
    if draw(st.booleans()):
        pins = {n - 1: 0}
    current = {}
    if n >= 4 and draw(st.booleans()):
        current = {2: 0, 3: 0}
    return GroupingProblem(
        n=n,
        sizes=sizes,
        pair_terms=(PairTerm("similar", "Similar", scores, weight=draw(st.integers(1, 3))),),
        forbidden=forbidden,
        group_rules=group_rules,
        together=together,
        pins=pins,
        current=current,
        move_penalty=draw(st.integers(0, 6)) if current else 0,
        allow_unplaced=draw(st.booleans()),
        unplaced_penalty=draw(st.sampled_from([None, 3, 40])),
    )
