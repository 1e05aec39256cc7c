"""The intervision scoring layer: participant table + settings -> a generic grouping problem,
and a solver's groups back to a line-up the coordinator can read, check and repair.

``optimiser`` never imports ``intake``: the participant table (docs/participant_table.md) is
the whole interface.
"""

from optimiser.intervision.build import IntervisionProblem, build_problem
from optimiser.intervision.lineup import (
    GroupReport,
    LineupReport,
    Move,
    Repair,
    evaluate_lineup,
    explain_person,
    keep_lineup,
    lineup_from_result,
    repair_moves,
)
from optimiser.intervision.rules import RULES, Rule, rule_table_markdown
from optimiser.intervision.settings import (
    IntervisionSettings,
    RuleSetting,
    load_settings,
    settings_to_toml,
)
from optimiser.intervision.venues import Venue

__all__ = [
    "RULES",
    "GroupReport",
    "IntervisionProblem",
    "IntervisionSettings",
    "LineupReport",
    "Move",
    "Repair",
    "Rule",
    "RuleSetting",
    "Venue",
    "build_problem",
    "evaluate_lineup",
    "explain_person",
    "keep_lineup",
    "lineup_from_result",
    "load_settings",
    "repair_moves",
    "rule_table_markdown",
    "settings_to_toml",
]
