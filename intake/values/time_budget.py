"""Time budget: hours a month, from any period and effort phrasing."""

from __future__ import annotations

import re

from intake.values.number_words import _amount, _with_digits
from intake.values.parsed import (
    _NUMBER,
    _RANGE_SEPARATOR,
    Parsed,
    _answer_parser,
    _answer_text,
    _check_note,
    _empty,
    _fold,
    _format_number,
    _guessed,
    _invalid,
    _ok,
    _quote,
    _to_float,
)

_WEEKS_PER_MONTH = 52 / 12
_HOURS_PER_DAYPART = 4.0  # a dagdeel: a morning, an afternoon or an evening
_HOURS_PER_DAY = 8.0
_HOURS_PER_SESSION = 4.0  # the seeds: an intervision session takes about 4 hours
_MAX_PLAUSIBLE_HOURS_PER_MONTH = 160.0
_MONTHS_PER_UNIT = {"week": 1 / _WEEKS_PER_MONTH, "month": 1.0, "quarter": 3.0, "year": 12.0}
_PERIOD_UNIT = {
    "weken": "week", "weeks": "week", "week": "week", "wkn": "week", "wk": "week", "w": "week",
    "maanden": "month", "maand": "month", "months": "month", "month": "month", "mnd": "month",
    "mth": "month", "m": "month", "kwartalen": "quarter", "kwartaal": "quarter",
    "quarters": "quarter", "quarter": "quarter", "kw": "quarter", "jaren": "year",
    "jaar": "year", "years": "year", "year": "year", "jr": "year", "yr": "year", "j": "year",
}  # fmt: skip
_PERIOD = re.compile(
    r"(?:\b(?:per|elke|iedere?|each|every|om de|once every|once a|eens per|eens in de|in de"
    r"|in een|in|a|an)\s+|/\s*)"
    rf"(?:(?P<n1>{_NUMBER})\s*(?:{_RANGE_SEPARATOR}\s*(?P<n2>{_NUMBER})\s*)?)?"
    r"(?P<unit>weken|weeks?|wkn?|maanden|maand|months?|mnd|mth|kwartalen|kwartaal|quarters?"
    r"|jaren|jaar|years?|jr|yr)\b"
)
_PERIOD_ABBREVIATION = re.compile(r"\bp\s*[./]?\s*(?P<unit>m|w|j|mnd|wk)\b\.?|/(?P<unit2>[mwj])\b")
_PERIOD_ADJECTIVE = re.compile(
    rf"\b(?:(?P<n>{_NUMBER})[- ]?)?(?P<word>maandelijks|monthly|wekelijks|weekly|jaarlijks"
    r"|yearly|annually|quarterly|driemaandelijks|tweewekelijks|biweekly|fortnightly)\b"
)
_ADJECTIVE_PERIOD = {
    "maandelijks": (1.0, "month"), "monthly": (1.0, "month"), "wekelijks": (1.0, "week"),
    "weekly": (1.0, "week"), "jaarlijks": (1.0, "year"), "yearly": (1.0, "year"),
    "annually": (1.0, "year"), "quarterly": (1.0, "quarter"), "driemaandelijks": (1.0, "quarter"),
    "tweewekelijks": (2.0, "week"), "biweekly": (2.0, "week"), "fortnightly": (2.0, "week"),
}  # fmt: skip
_COUNT = re.compile(
    rf"(?P<n1>{_NUMBER})\s*(?:(?:-|tot|to|a|of)\s*(?P<n2>{_NUMBER})\s*)?"
    r"(?:x|keer|maal|times)\b"
)
_EFFORT = re.compile(
    rf"(?:(?P<n1>{_NUMBER})\s*(?:{_RANGE_SEPARATOR}\s*(?P<n2>{_NUMBER})\s*)?)?"
    r"(?<![a-z])(?P<unit>uren|uur|uurtjes?|u|h|hrs?|hours?|minuten|minuut|mins?|minutes?|dagdelen"
    r"|dagdeel|halve dag(?:en)?|half[- ]?days?|ochtenden|ochtend|middagen|middag|avonden|avond"
    r"|mornings?|afternoons?|evenings?|dagen|dag|days?|sessies?|sessions?|bijeenkomsten"
    r"|bijeenkomst|meetings?)\b"
)
_BARE_NUMBER = re.compile(rf"(?P<n1>{_NUMBER})\s*(?:{_RANGE_SEPARATOR}\s*(?P<n2>{_NUMBER}))?")


def _effort_hours(unit: str) -> float:
    """Hours one unit of effort stands for."""
    if unit in ("uren", "uur", "uurtje", "uurtjes", "u", "h", "hr", "hrs", "hour", "hours"):
        return 1.0
    if unit.startswith("min"):
        return 1 / 60
    if unit.startswith(("dag", "day")):
        return _HOURS_PER_DAY if unit in ("dag", "dagen", "day", "days") else _HOURS_PER_DAYPART
    if unit.startswith(("sessi", "bijeen", "meeting")):
        return _HOURS_PER_SESSION
    return _HOURS_PER_DAYPART  # dagdeel, halve dag, ochtend, middag, avond and English kin


def _period_months(text: str) -> tuple[float | None, bool, str]:
    """The length of the period in months, whether it was a range, and the rest of the text."""
    found = _PERIOD.search(text)
    if found:
        count, is_range = _amount(found.group("n1"), found.group("n2"))
        months = count * _MONTHS_PER_UNIT[_PERIOD_UNIT[found.group("unit")]]
        return months, is_range, text[: found.start()] + " " + text[found.end() :]
    found = _PERIOD_ADJECTIVE.search(text)
    if found:
        count, unit = _ADJECTIVE_PERIOD[found.group("word")]
        count *= _to_float(found.group("n")) if found.group("n") else 1.0
        return (
            count * _MONTHS_PER_UNIT[unit],
            False,
            text[: found.start()] + " " + text[found.end() :],
        )
    found = _PERIOD_ABBREVIATION.search(text)
    if found:
        unit = _PERIOD_UNIT[found.group("unit") or found.group("unit2")]
        return _MONTHS_PER_UNIT[unit], False, text[: found.start()] + " " + text[found.end() :]
    return None, False, text


@_answer_parser
def parse_time_budget(v: object) -> Parsed[float]:
    """Read the time someone will really make free as hours per month (a month is 52/12 weeks).

    A dagdeel (morning, afternoon, evening, half day) counts 4 hours, a day 8 hours and a
    session 4 hours. Missing period (per month assumed), missing unit (hours assumed), ranges
    (middle taken) and sessions are GUESSED; a bare number such as "2,5" is 2.5 hours per month.
    """
    text = _answer_text(v)
    if text is None:
        return _empty()
    working = _with_digits(_fold(text))
    months, period_range, working = _period_months(working)
    count_match = _COUNT.search(working)
    count, count_range = (1.0, False)
    if count_match:
        count, count_range = _amount(count_match.group("n1"), count_match.group("n2"))
        working = working[: count_match.start()] + " " + working[count_match.end() :]
    effort = next(
        (
            m
            for m in _EFFORT.finditer(working)
            if m.group("n1") or m.group("unit") not in ("u", "h")
        ),
        None,
    )
    reasons: list[tuple[str, str]] = []
    if effort:
        amount, effort_range = _amount(effort.group("n1"), effort.group("n2"))
        unit_hours = _effort_hours(effort.group("unit"))
        if effort.group("unit").startswith(("sessi", "bijeen", "meeting")):
            reasons.append(("a session counted as 4 hours", "een bijeenkomst telt als 4 uur"))
    elif count_match:
        amount, effort_range, unit_hours = 1.0, False, _HOURS_PER_SESSION
        reasons.append(
            ("each time counted as a 4-hour session", "elke keer telt als bijeenkomst van 4 uur")
        )
    else:
        bare = _BARE_NUMBER.search(working)
        if not bare:
            return _invalid(
                f"Could not read {_quote(text)} as an amount of time "
                "(for example 4 hours per month).",
                f"{_quote(text)} is niet te lezen als hoeveelheid tijd "
                "(bijvoorbeeld 4 uur per maand).",
            )
        amount, effort_range = _amount(bare.group("n1"), bare.group("n2"))
        unit_hours = 1.0
        reasons.append(("no unit given, hours assumed", "geen eenheid, uren aangenomen"))
    if months is None:
        months = 1.0
        reasons.append(("no period given, per month assumed", "geen periode, per maand aangenomen"))
    if effort_range or period_range or count_range:
        reasons.append(("a range, the middle taken", "een bereik, het midden genomen"))
    if months <= 0:
        return _invalid(
            f"{_quote(text)} names a period of zero length.",
            f"{_quote(text)} noemt een periode van nul lang.",
        )
    hours = count * amount * unit_hours / months
    if hours > _MAX_PLAUSIBLE_HOURS_PER_MONTH:
        return _invalid(
            f"{_quote(text)} reads as {_format_number(hours, 'en')} hours per month, "
            "which is not plausible; please check.",
            f"{_quote(text)} komt uit op {_format_number(hours, 'nl')} uur per maand; "
            "dat is niet aannemelijk, controleer dit.",
        )
    if not reasons:
        return _ok(hours)
    return _guessed(
        hours,
        *_check_note(
            f"{_format_number(hours, 'en')} hours per month",
            f"{_format_number(hours, 'nl')} uur per maand",
            text,
            "; ".join(r[0] for r in reasons),
            "; ".join(r[1] for r in reasons),
        ),
    )
