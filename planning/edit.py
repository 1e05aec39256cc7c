"""A coordinator's change to a plan, checked at once: move a meeting, or give a group another
facilitator.

Each check applies the calendar's and the assignment's hard rules to the one change (public
holidays, the facilitator's unavailable periods and days, double booking, spacing, the
members' weekdays, the facilitator's moments, travel limit, capacity and conflicts of
interest) and returns every rule it breaks in words, in Dutch and English. A change that
breaks none is applied with :func:`move_meeting` / :func:`swap_facilitator`; the web app then
keeps it fixed when it plans again (:func:`planning.plan.make_plan`'s ``fixed``, and the
facilitator's pins).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from intake.weekdays import WEEKDAY_NAMES, WEEKDAYS, day_names
from moments import moment_when
from planning.assign import fit
from planning.diagnose import moment_word
from planning.model import Facilitator, GroupPlan, Meeting, Plan
from planning.periods import Period, monday_of, public_holidays
from planning.schedule import Slot, same_day_ok
from planning.settings import PlanSettings

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
}  # fmt: skip


def day_words(day: date, lang: str) -> str:
    """A date as a coordinator reads it: "Tuesday 9 March 2027" / "dinsdag 9 maart 2027"."""
    key = "nl" if lang == "nl" else "en"
    return f"{WEEKDAY_NAMES[key][day.weekday()]} {day.day} {MONTHS[key][day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Broken:
    """One rule a change would break, in both languages."""

    en: str
    nl: str

    def text(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


def _weekday(day: date) -> str:
    return WEEKDAYS[day.weekday()]


def _weeks_between(a: date, b: date) -> int:
    return (monday_of(b) - monday_of(a)).days // 7


def _group_plan(plan: Plan, group: int) -> GroupPlan:
    found = next((g for g in plan.groups if g.group == group), None)
    if found is None:
        raise KeyError(group)
    return found


def _slot(plan: Plan, gp: GroupPlan, meeting: Meeting) -> Slot:
    return Slot(plan.group_info[gp.group], plan.facilitator(gp.facilitator), (),
                meeting.start, meeting.end)  # fmt: skip


def _clashes(plan: Plan, fid: str, gp: GroupPlan, meeting: Meeting, day: date,
             settings: PlanSettings) -> list[int]:  # fmt: skip
    """The facilitator's other groups that meet on ``day`` at a time (and place) that leaves
    no room for ``meeting``."""
    mine = _slot(plan, gp, meeting)
    found = []
    for other in plan.groups:
        if other.group == gp.group or other.facilitator != fid:
            continue
        for theirs in other.meetings:
            if theirs.day == day and not same_day_ok(mine, _slot(plan, other, theirs), settings):
                found.append(other.group)
    return found


def _day_rules(plan: Plan, gp: GroupPlan, f: Facilitator | None, meeting: Meeting, day: date,
               settings: PlanSettings, blocked: list[Period]) -> list[Broken]:  # fmt: skip
    """The rules about the day itself: period, members' days, holidays, the facilitator."""
    info = plan.group_info[gp.group]
    when_en, when_nl = day_words(day, "en"), day_words(day, "nl")
    broken = []
    if not plan.start <= day <= plan.end:
        broken.append(Broken(
            f"{when_en} is outside the programme ({plan.start} to {plan.end}).",
            f"{when_nl} valt buiten het programma ({plan.start} t/m {plan.end}).",
        ))  # fmt: skip
    if _weekday(day) not in info.weekdays:
        can_en = day_names(info.weekdays, "en") or "no day"
        can_nl = day_names(info.weekdays, "nl") or "geen dag"
        on_en, on_nl = day_names((_weekday(day),), "en"), day_names((_weekday(day),), "nl")
        broken.append(Broken(
            f"Not every member of group {gp.group} can meet on a {on_en}; all of them can on "
            f"{can_en}.",
            f"Niet alle leden van groep {gp.group} kunnen op {on_nl}; allemaal kunnen ze op "
            f"{can_nl}.",
        ))  # fmt: skip
    holidays_en = public_holidays(info.countries, day, day, "en")
    if holidays_en:
        name_nl = public_holidays(info.countries, day, day, "nl")[day]
        broken.append(Broken(
            f"{when_en} is a public holiday ({holidays_en[day]}).",
            f"{when_nl} is een feestdag ({name_nl}).",
        ))  # fmt: skip
    hard_blocked = settings.wishes["blocked_periods"].level == "hard"
    for period in blocked if hard_blocked else []:
        if day in period and (period.country is None or period.country in info.countries):
            what = f" ({period.label})" if period.label else ""
            broken.append(Broken(
                f"{when_en} is in a blocked period{what}, {period.first} to {period.last}.",
                f"{when_nl} valt in een geblokkeerde periode{what}, {period.first} t/m "
                f"{period.last}.",
            ))  # fmt: skip
    if f is not None:
        broken.extend(_facilitator_day(plan, gp, f, meeting, day, settings))
    return broken


def _facilitator_day(plan: Plan, gp: GroupPlan, f: Facilitator, meeting: Meeting, day: date,
                     settings: PlanSettings) -> list[Broken]:  # fmt: skip
    """Can ``f`` lead ``meeting`` on ``day``: their days, unavailable periods, other groups."""
    broken = _facilitator_free(f, day)
    clashes = _clashes(plan, f.fid, gp, meeting, day, settings)
    if clashes:
        broken.append(_clash_words(f, sorted(set(clashes)), [day]))
    return broken


def _facilitator_free(f: Facilitator, day: date) -> list[Broken]:
    """``f``'s own days and unavailable periods, for one day."""
    broken = []
    if f.weekdays and _weekday(day) not in f.weekdays:
        broken.append(Broken(
            f"{f.name} is only available on {day_names(f.weekdays, 'en')}.",
            f"{f.name} is alleen beschikbaar op {day_names(f.weekdays, 'nl')}.",
        ))  # fmt: skip
    for period in f.unavailable:
        if day in period:
            broken.append(Broken(
                f"{f.name} is unavailable from {period.first} to {period.last}.",
                f"{f.name} is niet beschikbaar van {period.first} t/m {period.last}.",
            ))  # fmt: skip
    return broken


def _clash_words(f: Facilitator, groups: list[int], days: list[date]) -> Broken:
    """One sentence for every day ``f`` already leads another group too close in time or
    place: "already leads group 3 on Wednesday 13 January 2027 and 2 more days"."""
    names = ", ".join(map(str, groups))
    first_en, first_nl = day_words(days[0], "en"), day_words(days[0], "nl")
    more_en = f" and {len(days) - 1} more day(s)" if len(days) > 1 else ""
    more_nl = f" en nog {len(days) - 1} dag(en)" if len(days) > 1 else ""
    return Broken(
        f"{f.name} already leads group {names} on {first_en}{more_en}, too close in time or place.",
        f"{f.name} begeleidt op {first_nl}{more_nl} al groep {names}, te kort erna of te ver weg.",
    )


def _spacing(gp: GroupPlan, number: int, day: date, settings: PlanSettings,
             plan: Plan, only_fixed: set[int] | None) -> list[Broken]:  # fmt: skip
    """Consecutive meetings ``weeks_min``..``weeks_max`` weeks apart, and the kick-off early;
    with ``only_fixed`` (a re-plan follows) only against the meetings that stay where they are."""
    lo, hi = settings.weeks_min, settings.weeks_max
    by_number = {m.number: m for m in gp.meetings}
    broken = []
    for before, after in ((number - 1, number), (number, number + 1)):
        other = after if before == number else before
        if other not in by_number or (only_fixed is not None and other not in only_fixed):
            continue
        first = day if before == number else by_number[before].day
        second = day if after == number else by_number[after].day
        gap = _weeks_between(first, second)
        if not lo <= gap <= hi:
            broken.append(Broken(
                f"Meeting {after} would come {gap} weeks after meeting {before}; meetings are "
                f"{lo}-{hi} weeks apart. Move meeting {other} too, or move this one and plan "
                "the other meetings around it.",
                f"Bijeenkomst {after} zou {gap} weken na bijeenkomst {before} komen; "
                f"bijeenkomsten liggen {lo}-{hi} weken uit elkaar. Verplaats bijeenkomst "
                f"{other} ook, of verplaats deze en plan de andere eromheen.",
            ))  # fmt: skip
    if number == 1 and _weeks_between(plan.start, day) >= settings.kickoff_within_weeks:
        n = settings.kickoff_within_weeks
        broken.append(Broken(
            f"The kick-off must be in the programme's first {n} weeks.",
            f"De startbijeenkomst moet in de eerste {n} weken van het programma vallen.",
        ))  # fmt: skip
    return broken


def check_meeting_move(
    plan: Plan,
    settings: PlanSettings,
    group: int,
    number: int,
    day: date,
    *,
    blocked: list[Period] | None = None,
    fixed: set[int] | None = None,
) -> list[Broken]:
    """Every rule that moving meeting ``number`` of ``group`` to ``day`` would break.

    ``fixed`` (the group's fixed meeting numbers) says a re-plan follows the move: spacing is
    then checked only against the fixed meetings, the others will be planned around it."""
    gp = _group_plan(plan, group)
    meeting = next((m for m in gp.meetings if m.number == number), None)
    if meeting is None:
        return [Broken(f"Group {group} has no meeting {number}.",
                       f"Groep {group} heeft geen bijeenkomst {number}.")]  # fmt: skip
    f = plan.facilitator(gp.facilitator)
    broken = _day_rules(plan, gp, f, meeting, day, settings, list(blocked or []))
    taken = [m.number for m in gp.meetings if m.number != number and m.day == day]
    if taken:
        broken.append(Broken(
            f"Group {group} already meets on {day_words(day, 'en')}.",
            f"Groep {group} komt op {day_words(day, 'nl')} al bijeen.",
        ))  # fmt: skip
    return broken + _spacing(gp, number, day, settings, plan, fixed)


def check_facilitator_swap(
    plan: Plan, settings: PlanSettings, group: int, fid: str, *, fixed: set[int] | None = None
) -> list[Broken]:
    """Every rule that giving ``group`` the facilitator ``fid`` would break.

    ``fixed`` (the group's fixed meeting numbers) says the group's dates are planned again
    with the new facilitator: their days and other groups then count for the fixed meetings
    only, and one weekday both can make is enough."""
    gp = _group_plan(plan, group)
    f = plan.facilitator(fid)
    if f is None:
        return [Broken(f"No facilitator {fid!r} in the list.",
                       f"Geen begeleider {fid!r} in de lijst.")]  # fmt: skip
    info = plan.group_info[group]
    found = fit(info, f)
    broken = []
    if "conflict" in found.reasons:
        broken.append(Broken(
            f"{f.name} is from the organisation of a member of group {group}.",
            f"{f.name} is van de organisatie van een lid van groep {group}.",
        ))  # fmt: skip
    if "moment" in found.reasons:
        broken.append(Broken(
            f"{f.name} cannot make the {moment_word(info.moment, 'en')}, when group {group} meets.",
            f"{f.name} kan niet {moment_when(info.moment or '', 'nl')}, als groep {group} "
            "bijeenkomt.",
        ))  # fmt: skip
    if "distance" in found.reasons and found.km is not None:
        where = info.venue.name if info.venue else ""
        broken.append(Broken(
            f"{f.name} would travel about {found.km:.0f} km to {where}; their limit is "
            f"{f.max_travel_km:.0f} km.",
            f"{f.name} zou ongeveer {found.km:.0f} km naar {where} reizen; de eigen grens is "
            f"{f.max_travel_km:.0f} km.",
        ))  # fmt: skip
    others = [g for g in plan.groups_of(fid) if g != group]
    if len(others) + 1 > f.capacity:
        broken.append(Broken(
            f"{f.name} has room for {f.capacity} group(s) a year and already has "
            f"{', '.join(map(str, others)) or 'none'}.",
            f"{f.name} heeft ruimte voor {f.capacity} groep(en) per jaar en heeft al "
            f"{', '.join(map(str, others)) or 'geen'}.",
        ))  # fmt: skip
    if (not gp.meetings or fixed is not None) and "weekday" in found.reasons:
        broken.append(Broken(
            f"{f.name} cannot make any day every member of group {group} can make.",
            f"{f.name} kan op geen enkele dag waarop alle leden van groep {group} kunnen.",
        ))  # fmt: skip
    kept = [m for m in gp.meetings if fixed is None or m.number in fixed]
    seen: set[str] = set()
    clash_groups: set[int] = set()
    clash_days: list[date] = []
    for meeting in kept:
        for b in _facilitator_free(f, meeting.day):
            if b.en not in seen:  # "only on Tuesday" once, not once per meeting
                seen.add(b.en)
                broken.append(b)
        clashes = _clashes(plan, f.fid, gp, meeting, meeting.day, settings)
        if clashes:
            clash_groups.update(clashes)
            clash_days.append(meeting.day)
    if clash_days:
        broken.append(_clash_words(f, sorted(clash_groups), clash_days))
    return broken


def move_meeting(plan: Plan, group: int, number: int, day: date) -> None:
    """Put meeting ``number`` of ``group`` on ``day`` (at its own times); checked before."""
    gp = _group_plan(plan, group)
    gp.meetings = sorted(
        (replace(m, day=day) if m.number == number else m for m in gp.meetings),
        key=lambda m: m.number,
    )


def swap_facilitator(plan: Plan, group: int, fid: str) -> None:
    """Give ``group`` the facilitator ``fid``; the reason it had none no longer applies."""
    gp = _group_plan(plan, group)
    gp.facilitator = fid
    gp.reason_en = gp.reason_nl = None
