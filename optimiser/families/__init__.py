"""The rule families of the solver core, each one object registered in :data:`FAMILIES`.

Every part of a family (validation, CP-SAT model, scorer, incremental delta, join checks) is a
method of its object (see :mod:`optimiser.families.base`); the solver's modules look a rule's
family up with :func:`family_of` instead of testing its type. A new family is a module here
with its rule type and its object, one line in :data:`FAMILIES` and its tests
(``docs/adding_a_rule.md``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from optimiser.families.at_least import AT_LEAST_COUNT, AtLeastCount
from optimiser.families.base import INFEASIBLE_COST, Level, Outcome, RuleFamily
from optimiser.families.forbidden import FORBIDDEN_PAIRS, ForbiddenPairs
from optimiser.families.option import COMMON_OPTION, CommonOption
from optimiser.families.spread import MAX_SPREAD, MaxSpread

if TYPE_CHECKING:
    from optimiser.problem import GroupingProblem

FAMILIES: tuple[RuleFamily, ...] = (FORBIDDEN_PAIRS, AT_LEAST_COUNT, MAX_SPREAD, COMMON_OPTION)

# A rule judged per group: what ``GroupingProblem.group_rules`` holds.
GroupRule = AtLeastCount | MaxSpread | CommonOption

_BY_TYPE: dict[type, RuleFamily] = {family.rule_type: family for family in FAMILIES}


def family_of(rule: object) -> RuleFamily:
    """The family object of ``rule``."""
    try:
        return _BY_TYPE[type(rule)]
    except KeyError:
        raise TypeError(f"{type(rule).__name__} is not a registered rule family") from None


def broken_by_joining(
    problem: GroupingProblem, unit: Sequence[int], members: Sequence[int]
) -> Iterator[str]:
    """Keys of the hard rules that ``unit`` joining a group of ``members`` would break (more
    than the group already does): the one answer to "can these people join this group" that
    the greedy starts and the unplaced reasons share (group sizes and pins are the callers')."""
    for rule in problem.active_rules():
        if rule.level == Level.HARD and family_of(rule).blocks(problem, rule, unit, members):
            yield rule.key


__all__ = [
    "FAMILIES",
    "INFEASIBLE_COST",
    "AtLeastCount",
    "CommonOption",
    "ForbiddenPairs",
    "GroupRule",
    "Level",
    "MaxSpread",
    "Outcome",
    "RuleFamily",
    "broken_by_joining",
    "family_of",
]
