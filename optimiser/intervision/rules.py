"""The intervision rule registry: every rule a coordinator can name, switch and weigh.

Keys are stable (settings files, workbooks and the web app refer to them); display names and
descriptions exist in English and Dutch. The README's rule table is generated from
:data:`RULES` by :func:`rule_table_markdown`, so documentation cannot drift from the code.
Each entry also names the solver family its rule becomes and the functions that translate a
participant table into it and say in words what a group breaks: pair rules in
:mod:`optimiser.intervision.pair_rules`, pair terms in :mod:`optimiser.intervision.pair_terms`,
group rules in :mod:`optimiser.intervision.group_rules`. The settings check every weight
against the entry's ``max_weight``. See ``docs/adding_a_rule.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from optimiser.intervision import group_rules, pair_rules, pair_terms
from optimiser.problem import (
    AtLeastCount,
    CommonOption,
    ForbiddenPairs,
    GroupRule,
    Level,
    MaxSpread,
    PairTerm,
)

if TYPE_CHECKING:
    from optimiser.intervision.build import IntervisionProblem, ProblemPart, RuleSource

# Heavier than any pair or group gain of a realistic line-up, far below what the solver's
# 64-bit objective and the search's hard-rule cost (10^9 per broken rule) can carry: a weight
# of 4e15 made soft rules outweigh hard ones and 1e23 overflowed CP-SAT (issue 11 point 7).
MAX_WEIGHT = 100_000

PairTranslator = Callable[[pd.DataFrame, Mapping[str, int]], "set[tuple[int, int]] | None"]
PairSentence = Callable[["IntervisionProblem", int, int], str]
Translator = Callable[["RuleSource"], "Sequence[ProblemPart]"]
# (problem, the rule as the problem holds it, a group's members, the group's chosen options)
GroupSentences = Callable[
    ["IntervisionProblem", GroupRule, Sequence[int], Mapping[str, int]], list[str]
]
# (problem, the rule, a member, the group's chosen option of the rule) -> what it gives them
FitSentence = Callable[["IntervisionProblem", GroupRule, int, int], "str | None"]

_ALL_LEVELS = frozenset({Level.HARD, Level.SOFT, Level.OFF})
_SOFT_OR_OFF = frozenset({Level.SOFT, Level.OFF})


@dataclass(frozen=True)
class Rule:
    """One rule: stable key, names, descriptions, defaults and the levels it supports; the
    solver family it becomes (``family``), how a table becomes it (``build``, or ``pairs`` for
    a pair rule), and its words: a broken pair (``sentence``), a group's broken units
    (``broken``), and what a group's choice gives a member (``fits``, for "Why?")."""

    key: str
    name_en: str
    name_nl: str
    description_en: str
    description_nl: str
    default_level: Level
    default_weight: int
    levels: frozenset[Level]
    family: type | None = None  # ForbiddenPairs, PairTerm or a group rule type
    build: Translator | None = None  # table -> the rule's parts of the problem
    pairs: PairTranslator | None = None  # a pair rule: table -> pairs that may not share a group
    sentence: PairSentence | None = None  # a pair rule: why two people may not share a group
    broken: GroupSentences | None = None  # a group rule: one sentence per broken unit
    fits: FitSentence | None = None  # a group rule: what the group's choice gives a member
    max_weight: int = MAX_WEIGHT
    # the parts of a rule the problem carries as sub-keys ("learn_give_mix:give"): (part, en, nl)
    parts: tuple[tuple[str, str, str], ...] = ()

    def __post_init__(self) -> None:
        if self.pairs is not None and (self.family is not ForbiddenPairs or self.sentence is None):
            raise ValueError(f"pair rule {self.key!r} needs family=ForbiddenPairs and a sentence")

    def translate(self, source: RuleSource) -> Sequence[ProblemPart]:
        """The rule's parts of the problem: what ``build`` makes, or for a pair rule its pairs
        as one ForbiddenPairs; none when the rule is off or the table lacks its column."""
        if self.build is not None:
            return self.build(source)
        if self.pairs is None:
            return ()
        pairs = self.pairs(source.table, source.rows)
        level = source.level(self.key)
        if level == Level.OFF or pairs is None:
            return ()
        return (
            ForbiddenPairs(
                self.key, source.name(self.key), frozenset(pairs), level, source.weight(self.key)
            ),
        )

    def broken_units(
        self,
        ip: IntervisionProblem,
        found: ForbiddenPairs | GroupRule,
        members: Sequence[int],
        options: Mapping[str, int],
    ) -> list[str]:
        """One sentence per unit of the rule a group breaks: each pair inside it for a pair
        rule (``sentence``), else what ``broken`` says."""
        if isinstance(found, ForbiddenPairs):
            inside = set(members)
            pairs = sorted((i, j) for i, j in found.pairs if i in inside and j in inside)
            return [self.sentence(ip, i, j) for i, j in pairs]  # type: ignore[misc]
        return self.broken(ip, found, members, options) if self.broken is not None else []

    def name(self, language: str = "en") -> str:
        """The display name in ``language`` ("en" or "nl")."""
        return self.name_nl if language == "nl" else self.name_en

    def part_name(self, part: str, language: str = "en") -> str:
        """The display name of one part, "Learners and givers (a giver)", so that two parts
        never show under one name."""
        for key, name_en, name_nl in self.parts:
            if key == part:
                return f"{self.name(language)} ({name_nl if language == 'nl' else name_en})"
        return self.name(language)

    def description(self, language: str = "en") -> str:
        """The description in ``language`` ("en" or "nl")."""
        return self.description_nl if language == "nl" else self.description_en


RULES: tuple[Rule, ...] = (
    Rule(
        "reporting_line",
        "Manager and report together",
        "Leidinggevende en medewerker samen",
        "Nobody shares a group with anyone in their reporting line, direct or indirect.",
        "Niemand zit in een groep met iemand uit de eigen lijn, direct of indirect.",
        Level.HARD,
        2000,
        _ALL_LEVELS,
        family=ForbiddenPairs,
        pairs=pair_rules.reporting_line_pairs,
        sentence=pair_rules.reporting_line_sentence,
    ),
    Rule(
        "same_team",
        "Colleagues from the same team",
        "Collega's uit hetzelfde team",
        "Nobody shares a group with someone from the same team of the same organisation.",
        "Niemand zit in een groep met iemand uit hetzelfde team van dezelfde organisatie.",
        Level.HARD,
        1000,
        _ALL_LEVELS,
        family=ForbiddenPairs,
        pairs=pair_rules.same_team_pairs,
        sentence=pair_rules.same_team_sentence,
    ),
    Rule(
        "avoid",
        "Rather not together",
        "Liever niet samen",
        "People someone asked not to be grouped with stay apart (both ways).",
        "Wie iemand liever niet in de groep heeft, komt er niet in (in beide richtingen).",
        Level.HARD,
        1000,
        _ALL_LEVELS,
        family=ForbiddenPairs,
        pairs=pair_rules.avoid_pairs,
        sentence=pair_rules.avoid_sentence,
    ),
    Rule(
        "meeting_moment",
        "Common meeting moment",
        "Gezamenlijk vergadermoment",
        "The group has a meeting moment (morning, afternoon, late afternoon, evening) that "
        "every member can make; no answer counts as available at every moment.",
        "De groep heeft een moment (ochtend, middag, eind van de middag, avond) waarop "
        "ieder lid kan; geen antwoord telt als altijd beschikbaar.",
        Level.HARD,
        500,
        _ALL_LEVELS,
        family=CommonOption,
        build=group_rules.meeting_moment,
        broken=group_rules.meeting_moment_broken,
        fits=group_rules.meeting_moment_fits,
    ),
    Rule(
        "meeting_day",
        "Common weekday",
        "Gezamenlijke weekdag",
        "The group has a weekday every member can meet on, so its meetings can be planned "
        "(the facilitator's days are the planner's part); no day named counts as every day.",
        "De groep heeft een weekdag waarop ieder lid kan, zodat de bijeenkomsten te plannen "
        "zijn (de dagen van de begeleider regelt de planning); geen dag genoemd telt als elke "
        "dag.",
        Level.HARD,
        500,
        _ALL_LEVELS,
        family=CommonOption,
        build=group_rules.meeting_day,
        broken=group_rules.meeting_day_broken,
    ),
    Rule(
        "travel_limit",
        "Meeting place within travel limit",
        "Vergaderplek binnen reisgrens",
        "The group meets at a place every member can reach within their own maximum travel "
        "distance (road km estimated as 1.3 x straight line). Decides which places are "
        "allowed; the travel cost itself is the rule 'Short travel'.",
        "De groep vergadert op een plek die ieder lid binnen de eigen maximale reisafstand "
        "bereikt (wegafstand geschat als 1,3 x hemelsbreed). Bepaalt welke plekken mogen; "
        "de reiskosten zelf zijn de regel 'Korte reistijd'.",
        Level.HARD,
        500,
        _ALL_LEVELS,
        family=CommonOption,
        build=group_rules.meeting_place,  # travel and travel_balance are parts of it
        broken=group_rules.travel_limit_broken,
        fits=group_rules.meeting_place_fits,
    ),
    Rule(
        "function",
        "Similar function",
        "Vergelijkbare functie",
        "Rewards pairs with similar functions, 0-100: same family and occupation score most, "
        "then the same ISCO-08 group, then similar words; managers only with managers.",
        "Beloont paren met een vergelijkbare functie, 0-100: zelfde familie en beroep het "
        "meest, dan dezelfde ISCO-08-groep, dan gelijke woorden; leidinggevenden alleen samen.",
        Level.SOFT,
        10,
        _SOFT_OR_OFF,
        family=PairTerm,
        build=pair_terms.function,
    ),
    Rule(
        "learning_goals",
        "Similar learning questions",
        "Vergelijkbare leervragen",
        "Rewards pairs whose learning goals are alike (text similarity 0-100).",
        "Beloont paren met vergelijkbare leervragen (tekstgelijkenis 0-100).",
        Level.SOFT,
        4,
        _SOFT_OR_OFF,
        family=PairTerm,
        build=pair_terms.learning_goals,
    ),
    Rule(
        "travel",
        "Short travel",
        "Korte reistijd",
        "Costs the weight per road km travelled: to the group's central meeting place "
        "(mode central) or between members who host in turn (mode rotating).",
        "Kost het gewicht per km over de weg: naar de centrale vergaderplek van de groep "
        "(één vaste plek) of tussen leden die om beurten ontvangen.",
        Level.SOFT,
        4,
        _SOFT_OR_OFF,
        family=CommonOption,  # built with travel_limit: the place's cost (rotating: a PairTerm)
        fits=group_rules.meeting_place_fits,
    ),
    Rule(
        "travel_balance",
        "Fair travel",
        "Eerlijk verdeelde reistijd",
        "Costs the weight per road km that the group's farthest member travels to the "
        "central meeting place, on top of 'Short travel', so the place and the group are chosen "
        "with the farthest member in view and nobody carries the group's journey. In mode "
        "rotating it spreads the hosting so that members' travel over the year is about equal.",
        "Kost het gewicht per km over de weg die het verst reizende lid naar de centrale "
        "vergaderplek aflegt, bovenop 'Korte reistijd', zodat plek en groep gekozen worden met het "
        "verst reizende lid in beeld en niemand de reis van de groep draagt. Als leden om "
        "de beurt ontvangen, wordt dat zo verdeeld dat ieders reistijd over het jaar ongeveer "
        "gelijk is.",
        Level.SOFT,
        16,
        _SOFT_OR_OFF,
        family=CommonOption,  # built with travel_limit: the farthest member's cost
        fits=group_rules.meeting_place_fits,
    ),
    Rule(
        "time_budget",
        "Compatible time budgets",
        "Vergelijkbare tijdsinvestering",
        "The hours per month members will make free differ by at most the allowed spread; "
        "the weight is per hour beyond it.",
        "De uren per maand die leden vrijmaken verschillen hooguit de toegestane spreiding; "
        "het gewicht geldt per uur daarboven.",
        Level.SOFT,
        40,
        _ALL_LEVELS,
        family=MaxSpread,
        build=group_rules.time_budget,
        broken=group_rules.spread_broken,
    ),
    Rule(
        "learn_give_mix",
        "Learners and givers",
        "Halers en brengers",
        "Every group has at least one member who comes to learn and one who comes to give "
        "('both' counts for either); the weight is per missing member.",
        "Iedere groep heeft minstens een lid dat komt om te leren en een dat komt om te "
        "geven ('beide' telt voor allebei); het gewicht geldt per ontbrekend lid.",
        Level.SOFT,
        30,
        _ALL_LEVELS,
        family=AtLeastCount,
        build=group_rules.learn_give_mix,
        broken=group_rules.learn_give_mix_broken,
        parts=(("learn", "a learner", "een haler"), ("give", "a giver", "een brenger")),
    ),
    Rule(
        "level_spread",
        "Peers in hierarchy",
        "Gelijken in hiërarchie",
        "Hierarchical levels in a group differ by at most the allowed spread (horizontal "
        "groups); the weight is per level beyond it.",
        "Hiërarchische niveaus in een groep verschillen hooguit de toegestane spreiding "
        "(horizontale groepen); het gewicht geldt per niveau daarboven.",
        Level.SOFT,
        30,
        _ALL_LEVELS,
        family=MaxSpread,
        build=group_rules.level_spread,
        broken=group_rules.spread_broken,
    ),
    Rule(
        "experience",
        "Similar intervision experience",
        "Vergelijkbare intervisie-ervaring",
        "Experience with intervision (none, some, experienced) differs by at most the "
        "allowed spread, so a group can pick a method that suits all.",
        "Ervaring met intervisie (geen, enige, ervaren) verschilt hooguit de toegestane "
        "spreiding, zodat de groep een methode kiest die bij allen past.",
        Level.SOFT,
        10,
        _ALL_LEVELS,
        family=MaxSpread,
        build=group_rules.experience,
        broken=group_rules.spread_broken,
    ),
    Rule(
        "style_mix",
        "Mix of learning styles",
        "Mix van leerstijlen",
        "Rewards pairs with different Kolb learning styles (doer, dreamer, thinker, decider).",
        "Beloont paren met verschillende leerstijlen volgens Kolb (doener, dromer, denker, "
        "beslisser).",
        Level.SOFT,
        3,
        _SOFT_OR_OFF,
        family=PairTerm,
        build=pair_terms.style_mix,
    ),
    Rule(
        "met_before",
        "New faces",
        "Nieuwe gezichten",
        "In a new round, people who were in a group together in an earlier round of the "
        "programme are not grouped again (soft: the weight is per pair that meets again).",
        "In een nieuwe ronde komen wie in een eerdere ronde van het programma al samen in een "
        "groep zaten niet weer samen (zacht: het gewicht geldt per paar dat elkaar weer treft).",
        Level.OFF,
        200,
        _ALL_LEVELS,
        family=ForbiddenPairs,
        pairs=pair_rules.met_before_pairs,
        sentence=pair_rules.met_before_sentence,
    ),
)

RULE_KEYS: tuple[str, ...] = tuple(r.key for r in RULES)
_BY_KEY = {r.key: r for r in RULES}


def rule(key: str) -> Rule:
    """The registry entry for ``key``; sub-keys such as ``learn_give_mix:give`` map to their
    family, so every key the problem carries can be named."""
    family = key.split(":", 1)[0]
    if family not in _BY_KEY:
        raise KeyError(f"unknown rule {key!r}; valid rules: {', '.join(RULE_KEYS)}")
    return _BY_KEY[family]


def find_rule(key: str) -> Rule | None:
    """The registry entry for any key the problem carries, None for the solver's own keys
    (group sizes, pins, ...)."""
    return _BY_KEY.get(key.split(":", 1)[0])


def rule_name(key: str, language: str = "en") -> str:
    """The display name of any key the problem carries, sub-keys named by their part."""
    family, _, part = key.partition(":")
    return rule(family).part_name(part, language) if part else rule(family).name(language)


def rule_table_markdown(lang: str = "en") -> str:
    """The rule table for the README, generated so it cannot drift from the registry."""
    nl = lang == "nl"
    header = (
        "| sleutel | regel | standaard | gewicht | niveaus | uitleg |"
        if nl
        else "| key | rule | default | weight | levels | description |"
    )
    lines = [header, "| --- | --- | --- | --- | --- | --- |"]
    order = (Level.HARD, Level.SOFT, Level.OFF)
    for r in RULES:
        levels = "/".join(level.value for level in order if level in r.levels)
        lines.append(
            f"| `{r.key}` | {r.name(lang)} | {r.default_level.value} | {r.default_weight} "
            f"| {levels} | {r.description(lang)} |"
        )
    return "\n".join(lines) + "\n"
