"""Why a group has no facilitator or no calendar, and what would fix it, in Dutch and English.

"No facilitator can make Tuesday evening within reach of Apeldoorn; Fenna Bakker could if her
limit were 75 km." The fix names the facilitator who misses on one thing only, the nearest
miss first.
"""

from __future__ import annotations

import math

from intake.weekdays import day_names
from moments import moment_names, moment_when
from planning.assign import Fit
from planning.model import Facilitator, PlanGroup

MOMENT_WORDS = {language: moment_names(language) for language in ("en", "nl")}


def moment_word(moment: str | None, lang: str) -> str:
    """A moment key in words."""
    words = MOMENT_WORDS["nl" if lang == "nl" else "en"]
    return words.get(moment or "", "elk moment" if lang == "nl" else "any moment")


WORKDAYS = frozenset(("mon", "tue", "wed", "thu", "fri"))


def _when(group: PlanGroup, lang: str) -> str:
    if set(group.weekdays) >= WORKDAYS:  # five days listed say less than "any workday"
        days = "een werkdag" if lang == "nl" else "any workday"
    else:
        days = day_names(group.weekdays, lang) or ("geen dag" if lang == "nl" else "no day")
    return f"{days} ({moment_word(group.moment, lang)})"


def no_facilitator_reason(
    group: PlanGroup,
    fits: list[Fit],
    facilitators: dict[str, Facilitator],
    full: list[str],
) -> tuple[str, str]:
    """The reason (en, nl) a group got no facilitator; ``full`` are fitting ones at capacity."""
    where = group.venue.name if group.venue else None
    if not group.weekdays:
        return (
            f"Group {group.group} has no weekday every member can make; ask members to widen "
            "their days or move someone to another group.",
            f"Groep {group.group} heeft geen weekdag waarop alle leden kunnen; vraag leden om "
            "meer dagen of verplaats iemand naar een andere groep.",
        )
    if full:
        names = ", ".join(facilitators[fid].name for fid in full)
        first = facilitators[full[0]]
        return (
            f"Every facilitator who fits group {group.group} ({names}) is at their capacity; "
            f"{first.name} could if they took {first.capacity + 1} groups a year (now "
            f"{first.capacity}), or add a facilitator.",
            f"Elke begeleider die bij groep {group.group} past ({names}) zit vol; "
            f"{first.name} zou kunnen met {first.capacity + 1} groepen per jaar (nu "
            f"{first.capacity}), of voeg een begeleider toe.",
        )
    if not fits:
        return (
            "There are no facilitators in the list.",
            "De lijst bevat geen begeleiders.",
        )
    reach_en = f" within reach of {where}" if where else ""
    reach_nl = f" binnen bereik van {where}" if where else ""
    head_en = f"No facilitator can make {_when(group, 'en')}{reach_en}"
    head_nl = f"Geen begeleider kan op {_when(group, 'nl')}{reach_nl}"
    counts = {r: sum(r in f.reasons for f in fits) for r in ("conflict", "moment", "weekday")}
    fix_en, fix_nl = _nearest_fix(group, fits, facilitators)
    why_en = [f"{counts['conflict']} from a member's organisation"] if counts["conflict"] else []
    why_nl = [f"{counts['conflict']} van de organisatie van een lid"] if counts["conflict"] else []
    return (
        head_en + (f" ({'; '.join(why_en)})" if why_en else "") + f"; {fix_en}",
        head_nl + (f" ({'; '.join(why_nl)})" if why_nl else "") + f"; {fix_nl}",
    )


def _nearest_fix(
    group: PlanGroup, fits: list[Fit], facilitators: dict[str, Facilitator]
) -> tuple[str, str]:
    """The smallest change to one facilitator that would let them take the group."""
    only = {
        reason: [f for f in fits if f.reasons == (reason,)]
        for reason in ("distance", "weekday", "moment", "capacity")
    }
    if only["distance"]:
        best = min(only["distance"], key=lambda f: f.km or math.inf)
        f = facilitators[best.fid]
        needed = 5 * math.ceil((best.km or 0) / 5)
        return (
            f"{f.name} could if their limit were {needed} km (now {f.max_travel_km:.0f} km).",
            f"{f.name} zou kunnen met een grens van {needed} km (nu {f.max_travel_km:.0f} km).",
        )
    if only["weekday"]:
        f = facilitators[only["weekday"][0].fid]
        days_en, days_nl = day_names(group.weekdays, "en"), day_names(group.weekdays, "nl")
        return (
            f"{f.name} could if available on {days_en}.",
            f"{f.name} zou kunnen als die op {days_nl} beschikbaar is.",
        )
    if only["moment"]:
        f = facilitators[only["moment"][0].fid]
        return (
            f"{f.name} could if available in the {moment_word(group.moment, 'en')}.",
            f"{f.name} zou kunnen als die {moment_when(group.moment or '', 'nl')} kan.",
        )
    if only["capacity"]:
        f = facilitators[only["capacity"][0].fid]
        return (
            f"{f.name} could if they took at least one group a year.",
            f"{f.name} zou kunnen met minstens één groep per jaar.",
        )
    return (
        "add a facilitator who can, or change the group's moment or meeting place.",
        "voeg een begeleider toe die dat kan, of wijzig het moment of de plaats van de groep.",
    )


def pin_warning(group: int, f: Facilitator, found: Fit) -> tuple[str, str]:
    """A pin kept against a hard rule: say which, so the coordinator can decide."""
    words_en = {
        "conflict": "is from a member's organisation",
        "moment": "cannot make the group's moment",
        "weekday": "cannot make any of the group's weekdays",
        "distance": "lives beyond their travel limit",
        "capacity": "has no capacity",
    }
    words_nl = {
        "conflict": "is van de organisatie van een lid",
        "moment": "kan niet op het moment van de groep",
        "weekday": "kan op geen van de dagen van de groep",
        "distance": "woont verder weg dan de eigen reisgrens",
        "capacity": "heeft geen ruimte",
    }
    return (
        f"{f.name} is pinned to group {group} but "
        + " and ".join(words_en[r] for r in found.reasons)
        + ".",
        f"{f.name} is vastgezet op groep {group} maar "
        + " en ".join(words_nl[r] for r in found.reasons)
        + ".",
    )
