"""What a line-up holds besides its members: each group's meeting moment and place, and
whether the coordinator made it an online group.

A repair or a re-score of an edited line-up used to choose every group's moment and place
again, so they changed although no rule asked for it (issue 12 point 7). A line-up's choices
are stored with it (the workbook's hidden ``_groups`` sheet, the web session's line-up) and
given back to the problem here: each group keeps its moment and place (choosing another costs
``change_cost``, the price of a move, so only a hard rule changes them), and an online group
needs no common place at all and travels 0 km (issue 12 point 5).

Group numbers are 1-based, as users see them; group ``k`` is the problem's slot ``k - 1``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import NamedTuple

from moments import moment_name
from optimiser.intervision.build import IntervisionProblem
from optimiser.intervision.lineup import LineupReport
from optimiser.problem import CommonOption

MOMENT_KEY = "meeting_moment"


@dataclass(frozen=True)
class GroupChoice:
    """One group's stored moment (a ``moments.MOMENTS`` key) and place (a venue's name), and
    the coordinator's choice to meet online (then the place is not used)."""

    moment: str | None = None
    place: str | None = None
    online: bool = False


Choices = Mapping[int, GroupChoice]


def with_choices(
    ip: IntervisionProblem, choices: Choices | None, change_cost: int
) -> IntervisionProblem:
    """``ip`` whose groups keep their stored moment and place (another costs ``change_cost``
    once per group) and whose online groups need no place. A stored moment or place the
    problem does not offer (a venue no longer among the candidates) is chosen again."""
    if not choices:
        return ip
    rules = tuple(_kept_rule(ip, r, choices, change_cost) for r in ip.problem.group_rules)
    return replace(ip, problem=replace(ip.problem, group_rules=rules))


def _kept_rule(ip: IntervisionProblem, rule: object, choices: Choices, change_cost: int) -> object:
    if not isinstance(rule, CommonOption) or rule.key not in (MOMENT_KEY, ip.venue_key):
        return rule
    is_place = rule.key == ip.venue_key
    slots = max(choices, default=0)
    kept = [-1] * slots
    for group, choice in choices.items():
        wanted = choice.place if is_place else choice.moment
        if wanted in rule.option_labels and not (is_place and choice.online):
            kept[group - 1] = rule.option_labels.index(wanted)
    exempt = frozenset(g - 1 for g, c in choices.items() if c.online) if is_place else frozenset()
    return replace(rule, kept=tuple(kept), change_cost=change_cost, exempt=exempt)


def online_groups(ip: IntervisionProblem) -> frozenset[int]:
    """The 1-based numbers of the groups the coordinator made online."""
    place = next((r for r in ip.problem.group_rules if r.key == ip.venue_key), None)
    exempt = place.exempt if isinstance(place, CommonOption) else frozenset()
    return frozenset(s + 1 for s in exempt)


def stored_choices(ip: IntervisionProblem) -> dict[int, GroupChoice]:
    """The choices ``ip`` keeps (what :func:`with_choices` gave it), by group number."""
    found: dict[int, GroupChoice] = {}
    for rule in ip.problem.group_rules:
        if not isinstance(rule, CommonOption) or rule.key not in (MOMENT_KEY, ip.venue_key):
            continue
        for slot, option in enumerate(rule.kept):
            if option < 0:
                continue
            choice = found.get(slot + 1, GroupChoice())
            label = rule.option_labels[option]
            found[slot + 1] = (
                replace(choice, place=label)
                if rule.key == ip.venue_key
                else replace(choice, moment=label)
            )
    for group in online_groups(ip):
        found[group] = replace(found.get(group, GroupChoice()), online=True)
    return found


def choices_of(report: LineupReport) -> dict[int, GroupChoice]:
    """Each group's moment and place as a line-up shows them: what is stored with it."""
    return {
        g.group: GroupChoice(g.moment, g.venue.name if g.venue else None, g.online)
        for g in report.groups
    }


class GroupChange(NamedTuple):
    """A stored moment or place that a repair had to change, with the reason in words."""

    group: int
    what: str  # "moment" or "place"
    before: str  # a moment key or a place name
    after: str | None
    reason: str


_TEXT = {
    "en": {
        "moment": "group {group}: meeting moment now {after} instead of {before}, as {names} "
        "cannot make {before}",
        "place": "group {group}: meeting place now {after} instead of {before}, as {names} "
        "cannot reach {before} within their travel limit",
        "gone": "group {group} no longer exists",
    },
    "nl": {
        "moment": "groep {group}: vergadermoment nu {after} in plaats van {before}, want {names} "
        "kan niet op {before}",
        "place": "groep {group}: plek nu {after} in plaats van {before}, want {names} kan "
        "{before} niet bereiken binnen de eigen reisgrens",
        "gone": "groep {group} bestaat niet meer",
    },
}


def choice_changes(ip: IntervisionProblem, report: LineupReport) -> list[GroupChange]:
    """The stored moments and places ``report`` (a line-up of ``ip``) does not keep, each with
    the members whose rule forced the change."""
    lang = ip.settings.language
    words = _TEXT[lang]
    shown = {g.group: g for g in report.groups}
    rules = {r.key: r for r in ip.problem.group_rules if isinstance(r, CommonOption)}
    changes = []
    for group, choice in sorted(stored_choices(ip).items()):
        now = shown.get(group)
        for what, before, after, key in (
            ("moment", choice.moment, now.moment if now else None, MOMENT_KEY),
            ("place", choice.place, now.venue.name if now and now.venue else None, ip.venue_key),
        ):
            if before is None or before == after or (what == "place" and choice.online):
                continue
            if now is None:
                reason = words["gone"].format(group=group)
            else:
                rule = rules[key]  # type: ignore[index]
                option = rule.option_labels.index(before)
                cannot = [
                    ip.name(ip.rows[pid])
                    for pid in now.pids
                    if rule.allowed[ip.rows[pid]] and option not in rule.allowed[ip.rows[pid]]
                ]
                named = [moment_name(v, lang) if what == "moment" else v for v in (before, after)]
                reason = words[what].format(
                    group=group, before=named[0], after=named[1] or "-", names=", ".join(cannot)
                )
            changes.append(GroupChange(group, what, before, after, reason))
    return changes
