"""What every rule family of the solver core provides, in one object per family.

A *rule family* is a kind of rule the generic solver understands (pairs kept apart, at least
so many of a set per group, a bounded spread of values, one common option per group). Its
object holds every part the solver needs, so a family is written in one module and registered
in one list (:data:`optimiser.families.FAMILIES`) instead of being spread over the validator,
the CP-SAT model, the scorer, the searches and the unplaced reasons, joined by ``isinstance``:

=====================  =========================================================================
``validate``           what is wrong with a rule of this family for ``n`` people
``add_to_model``       its CP-SAT constraints (hard) or objective terms (soft)
``score``              the pure scorer: one group's ``(score, violated units, detail, option)``
``score_in``           the same for a group at a known slot (a rule that remembers a slot's choice)
``penalty_bound``      the most one placement can add to its penalty (sizes ``unplaced_penalty``)
``delta``              its incremental values per slot for the tabu search (or None)
``blocks``             whether people joining a group break it (more): greedy and unplaced reasons
``join_check``         the same question for many candidates at once, for growing groups
``difficulty``         how hard each person is to place under it (the greedy places them first)
``quota``              members a group needs so many of (a hard rule the greedy steers towards)
``width``              units of one check of one member (the construction's work count)
=====================  =========================================================================

The modules of a family import nothing of the solver at run time (the model and the problem
are passed in), so :mod:`optimiser.problem` can import them without a cycle.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

import numpy as np

if TYPE_CHECKING:
    from optimiser.model import GroupingModel
    from optimiser.problem import GroupingProblem

INFEASIBLE_COST = 10**9  # what each broken hard rule costs inside the search

# One group under one rule: (score, violated units, detail for people, chosen option or None).
Outcome = tuple[int, int, str, int | None]


class Level(StrEnum):
    """How a rule counts: must hold, costs when broken, or ignored."""

    HARD = "hard"
    SOFT = "soft"
    OFF = "off"


class GroupDelta(Protocol):
    """A group rule's share of the tabu search's value, kept per slot so that what a move or a
    swap changes is one numpy expression over all candidates (see
    :class:`optimiser.group_deltas.GroupRules`, which sums the deltas of every rule).

    Swap candidates are ``batch[b]`` (in slot ``g_b[b]``) with ``others[j]`` (in ``g_o[j]``);
    the work attributes are its counted work in the tabu search's units.
    """

    swap_units: int  # per candidate swap
    valid_swap_units: int  # per candidate swap no rule marked impossible
    move_units: int  # per candidate move

    def rebuild(self, placed: np.ndarray, slot: np.ndarray, slots: int) -> None:
        """Recount from scratch: ``placed`` people sit in ``slot`` (of ``slots``)."""
        ...

    def relocate(self, i: int, source: int, target: int) -> None:
        """Person ``i`` moves from slot ``source`` to ``target``."""
        ...

    def values(self, size: np.ndarray) -> np.ndarray:
        """The rule's value per slot (minus its costs); ``size`` members per slot."""
        ...

    def move_gain(self, people: np.ndarray, source: np.ndarray, size: np.ndarray) -> np.ndarray:
        """``(len(people), slots)``: the gain when ``people[b]`` leaves ``source[b]`` and joins
        slot ``s``."""
        ...

    def mark_impossible(
        self,
        batch: np.ndarray,
        g_b: np.ndarray,
        others: np.ndarray,
        g_o: np.ndarray,
        invalid: np.ndarray,
    ) -> None:
        """Mark (in place) swaps after which the hard rule cannot hold; most rules mark none."""
        ...

    def add_swap_gain(
        self,
        gain: np.ndarray,
        batch: np.ndarray,
        g_b: np.ndarray,
        others: np.ndarray,
        g_o: np.ndarray,
        size: np.ndarray,
        valid: tuple[np.ndarray, np.ndarray],
    ) -> None:
        """Add the swaps' gains to ``gain`` (``(len(batch), len(others))``); a rule that is dear
        to evaluate adds them only at ``valid`` (rows, cols), the swaps not marked impossible."""
        ...


class JoinCheck(Protocol):
    """Who of many candidates can join one group without breaking a hard rule, and what the
    rule's cost (travel) changes, for all candidates at once."""

    def narrow(
        self, members: list[int], candidates: np.ndarray, ok: np.ndarray, gain: np.ndarray
    ) -> None:
        """Clear ``ok`` for candidates who would break the rule; add their cost change to
        ``gain`` (where still ``ok``)."""
        ...


class RuleFamily:
    """One rule family; see the module docstring. Defaults suit a family that has no part
    of that kind (no delta, never blocks, no join check, adds no difficulty)."""

    rule_type: ClassVar[type]
    #: whether the rule is judged per group (a group rule) rather than per pair
    group_rule: ClassVar[bool] = True

    def validate(self, rule: Any, n: int) -> Iterator[str]:
        """What is wrong with ``rule`` for ``n`` people, in words a developer can act on."""
        return iter(())

    def add_to_model(self, gm: GroupingModel, rule: Any) -> None:
        """Add the rule's constraints or penalty terms to ``gm`` (never called when off)."""
        raise NotImplementedError

    def score(self, problem: GroupingProblem, rule: Any, members: Sequence[int]) -> Outcome:
        """One group's score under the rule (``members`` ascending)."""
        raise NotImplementedError

    def score_in(
        self, problem: GroupingProblem, rule: Any, members: Sequence[int], slot: int
    ) -> Outcome:
        """:meth:`score` of the group in ``slot``; rules that treat every slot alike need no
        more than their scorer."""
        return self.score(problem, rule, members)

    def penalty_bound(self, rule: Any, n: int, cap: int) -> int:
        """The most one placement in a group of at most ``cap`` can add to the rule's penalty
        and costs (0 when off)."""
        return 0

    def delta(self, n: int, rule: Any, weight: int) -> GroupDelta | None:
        """The incremental values for the tabu search, each violated unit costing ``weight``."""
        return None

    def blocks(
        self, problem: GroupingProblem, rule: Any, unit: Sequence[int], members: Sequence[int]
    ) -> bool:
        """Whether ``unit`` joining ``members`` breaks the (hard) rule more than before."""
        return False

    def join_check(self, n: int, rule: Any) -> JoinCheck | None:
        """The vectorised :meth:`blocks` of a hard rule for growing groups, or None."""
        return None

    def difficulty(self, rule: Any, n: int) -> np.ndarray | None:
        """Per person, how much the (hard) rule restricts where they can go."""
        return None

    def quota(self, rule: Any) -> tuple[frozenset[int], int] | None:
        """``(members, count)`` when the hard rule needs ``count`` of ``members`` in every
        group: no single join breaks it, so the greedy steers those members instead."""
        return None

    def width(self, rule: Any) -> int:
        """Units of one check of one member against the rule."""
        return 1
