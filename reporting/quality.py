"""What a line-up means to a coordinator: a verdict per group in words, function purity, and the
total score split into what placed people bring and what penalties take.

Raw scores are sums of weighted rule scores, which say little to a coordinator (a total of
-8,977 while every group is positive, because leaving someone out costs a large penalty). The
workbook, the report, the CLI and the web cards therefore show a verdict first and keep the
scores for whoever wants to check them.

Verdicts, from worst to best:

* ``attention`` (needs attention): a hard rule is broken in the group (also a size outside the
  limits or a pinned person missing), or a member travels beyond their own limit.
* ``acceptable``: every hard rule holds, but a soft rule is not met (someone cannot make the
  moment, nobody comes to learn, levels too far apart ...), or few members share a function
  family (purity below :data:`LOW_PURITY`) while the similar-function rule counts.
* ``good``: everything holds.

Function purity is the share of pairs of members (with a known family) that share a function
family; overall it is pooled over all groups' pairs, so large groups weigh as they do for the
solver.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from intake.analysis.functions import UNKNOWN_FAMILY
from optimiser.intervision.lineup import GroupReport, LineupReport
from optimiser.scoring import MOVES_KEY, UNPLACED_KEY

VERDICTS = ("good", "acceptable", "attention")
LOW_PURITY = 1 / 3  # below this share of same-family pairs, similar-function groups are weak
_FAMILY_COLUMN = "function_family"
PENALTY_KEYS = (UNPLACED_KEY, MOVES_KEY)  # scores outside every group
_WORDS = {
    "en": {
        "good": "good",
        "acceptable": "acceptable",
        "attention": "needs attention",
        "all_hold": "every rule holds",
        "purity": "{same} of {pairs} pairs share a function family ({share})",
        "low_purity": "few members share a function family ({share} of pairs)",
        "worst_travel": "longest trip {km:.0f} km",
        "total": "Total {total}: the groups of the placed people score {placed}{penalties}",
        "penalty": "{score} for {count} {people} not placed",
        "person": "person",
        "people": "people",
        "other_penalty": "{score} for {what}",
    },
    "nl": {
        "good": "goed",
        "acceptable": "acceptabel",
        "attention": "vraagt aandacht",
        "all_hold": "alle regels kloppen",
        "purity": "{same} van {pairs} paren delen een functiefamilie ({share})",
        "low_purity": "weinig leden delen een functiefamilie ({share} van de paren)",
        "worst_travel": "langste reis {km:.0f} km",
        "total": "Totaal {total}: de groepen van de ingedeelde mensen scoren {placed}{penalties}",
        "penalty": "{score} voor {count} niet ingedeelde {people}",
        "person": "persoon",
        "people": "personen",
        "other_penalty": "{score} voor {what}",
    },
}


@dataclass(frozen=True)
class Purity:
    """Pairs of members with a known function family, and how many of them share one."""

    same: int
    pairs: int

    @property
    def share(self) -> float | None:
        """The share of same-family pairs; None when there is no pair to judge."""
        return self.same / self.pairs if self.pairs else None


@dataclass(frozen=True)
class GroupQuality:
    """One group judged: verdict key (one of :data:`VERDICTS`), reasons in words, purity."""

    verdict: str
    reasons: tuple[str, ...]
    purity: Purity


def family_name(family: object, lang: str) -> str:
    """A function family as shown: the unknown family in the user's language."""
    if family == UNKNOWN_FAMILY:
        return "(onbekend)" if lang == "nl" else "(unknown)"
    return str(family)


def word(key: str, lang: str) -> str:
    """A word of this module (verdict names) in ``lang``."""
    return _WORDS.get(lang, _WORDS["en"])[key]


def percent(share: float | None, lang: str, decimals: int = 0) -> str:
    """A share as a percentage in the language's style (``67%``; Dutch ``67 %``, ``1,5 %``)."""
    if share is None:
        return ""
    text = f"{share:.{decimals}%}"
    return text.replace("%", " %").replace(".", ",") if lang == "nl" else text


def purity_of(families: Iterable[object]) -> Purity:
    """Pairs among ``families`` (missing and unknown ones left out: two people whose function
    was not recognised are not peers for that) and how many share a family."""
    counts = Counter(
        f for f in families if isinstance(f, str) and f.strip() and f != UNKNOWN_FAMILY
    )
    known = sum(counts.values())
    return Purity(sum(c * (c - 1) // 2 for c in counts.values()), known * (known - 1) // 2)


def group_purity(table: pd.DataFrame, group: GroupReport) -> Purity:
    """The function purity of one group (no pairs when the table has no families)."""
    if _FAMILY_COLUMN not in table:
        return Purity(0, 0)
    return purity_of(table.loc[list(group.pids), _FAMILY_COLUMN])


def lineup_purity(table: pd.DataFrame, report: LineupReport) -> Purity:
    """All groups' pairs pooled: the line-up's overall function purity."""
    parts = [group_purity(table, g) for g in report.groups]
    return Purity(sum(p.same for p in parts), sum(p.pairs for p in parts))


_NAME_ID = re.compile(r"\(R0*(\d+)\)")


def readable(sentence: str, lang: str) -> str:
    """A rule sentence with "Anna (R0012)" shown as "Anna (row 12)", as everywhere else."""
    row = "rij" if lang == "nl" else "row"
    return _NAME_ID.sub(lambda m: f"({row} {m.group(1)})", sentence)


def judge(table: pd.DataFrame, group: GroupReport, lang: str) -> GroupQuality:
    """The verdict on one group with the reasons a coordinator can act on."""
    words = _WORDS.get(lang, _WORDS["en"])
    purity = group_purity(table, group)
    share = purity.share
    problems = list(group.broken_sentences)
    problems += [
        r.detail for r in group.rules if r.violations and r.hard and r.detail not in problems
    ]
    over_limit = [r.detail for r in group.rules if r.key == "travel_limit" and r.violations]
    problems += [d for d in over_limit if d not in problems]
    if problems:
        found = (readable(p, lang) for p in problems if p)
        return GroupQuality("attention", tuple(dict.fromkeys(found)), purity)
    soft = [readable(r.detail or r.name, lang) for r in group.rules if r.violations and not r.hard]
    function_counts = any(r.key == "function" for r in group.rules)
    if function_counts and share is not None and share < LOW_PURITY:
        soft.append(words["low_purity"].format(share=percent(share, lang)))
    if soft:
        return GroupQuality("acceptable", tuple(dict.fromkeys(soft)), purity)
    reasons = [words["all_hold"]]
    if share is not None:
        reasons.append(
            words["purity"].format(same=purity.same, pairs=purity.pairs, share=percent(share, lang))
        )
    travel = [km for km in group.travel_km.values() if not math.isnan(km)]
    if travel:
        reasons.append(words["worst_travel"].format(km=max(travel)))
    return GroupQuality("good", tuple(reasons), purity)


def judge_all(table: pd.DataFrame, report: LineupReport, lang: str) -> dict[int, GroupQuality]:
    """Group number -> its verdict."""
    return {g.group: judge(table, g, lang) for g in report.groups}


def total_explained(report: LineupReport, rule_names: Mapping[str, str], lang: str) -> str:
    """The total as the groups' own score plus the penalties outside any group, one sentence."""
    words = _WORDS.get(lang, _WORDS["en"])
    penalties = []
    outside = 0
    for key in PENALTY_KEYS:
        value = report.per_rule.get(key, 0)
        if not value:
            continue
        outside += value
        if key == UNPLACED_KEY:
            count = len(report.unplaced)
            people = words["person"] if count == 1 else words["people"]
            penalties.append(words["penalty"].format(score=value, count=count, people=people))
        else:
            penalties.append(words["other_penalty"].format(score=value, what=rule_names.get(key)))
    return words["total"].format(
        total=report.objective,
        placed=report.objective - outside,
        penalties="".join(f", {p}" for p in penalties),
    )


def merged_rule_totals(
    per_rule: Mapping[str, int], rule_names: Mapping[str, str]
) -> list[tuple[str, str, int]]:
    """Totals per rule as (key, name, score), sub-rules (``learn_give_mix:learn``/``:give``)
    summed into their rule so that no name appears twice."""
    totals: dict[str, int] = {}
    for key, value in per_rule.items():
        family = key.split(":", 1)[0]
        totals[family] = totals.get(family, 0) + value
    return [(key, rule_names.get(key, key), value) for key, value in totals.items()]


def purity_cells(purities: Sequence[Purity]) -> list[float | None]:
    """Shares rounded for a table cell (3 decimals), None where there are no pairs."""
    return [None if p.share is None else round(p.share, 3) for p in purities]
