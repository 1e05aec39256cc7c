"""Weekdays someone can meet, read from the same answer as the meeting moments.

Intakes say "alleen dinsdag en donderdag", "ma-wo ochtend", "niet op vrijdag" or "Tuesday
mornings"; the moment of the day is :func:`intake.values.parse_meeting_moments`' business, the
day is read here. The result is a subset of :data:`WEEKDAYS` in week order; an answer that
names no day means every day (nothing to restrict), and says so by being empty.
"""

from __future__ import annotations

import re
import unicodedata

from intake.values import Parsed, ParseStatus, clean_text, split_multi

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
}
_MAX_ANSWER_CHARS = 300

# Two-letter Dutch abbreviations are words too ("zo vroeg mogelijk", "do"), so they count as a
# day only before the end, a separator, another day or a moment of the day.
_SHORT = (
    r"\b(?:{})\b\.?(?=\s*(?:$|[-–,;/&]|t/m|tot|en\b|of\b|[a-z]*(?:ochtend|middag|avond|dag)"
    r"|(?:ma|di|wo|do|vr|za|zo)\b))"
)
_DAY_WORDS: tuple[tuple[str, str], ...] = (
    # (pattern, day); long forms before abbreviations so "dinsdag" is not read as "di" + rest
    (rf"maandag\w*|mondays?|{_SHORT.format('ma')}|\bmon\b\.?", "mon"),
    (rf"dinsdag\w*|tuesdays?|{_SHORT.format('di')}|\btues?\b\.?", "tue"),
    (rf"woensdag\w*|wednesdays?|{_SHORT.format('wo')}|\bwed\b\.?", "wed"),
    (rf"donderdag\w*|thursdays?|{_SHORT.format('do')}|\bthu(?:rs)?\b\.?", "thu"),
    (rf"vrijdag\w*|fridays?|{_SHORT.format('vr')}|\bfri\b\.?", "fri"),
    (rf"zaterdag\w*|saturdays?|{_SHORT.format('za')}|\bsat\b\.?", "sat"),
    (rf"zondag\w*|sundays?|{_SHORT.format('zo')}|\bsun\b\.?", "sun"),
)
_DAY = re.compile("|".join(f"(?P<{day}>{pattern})" for pattern, day in _DAY_WORDS))
_GROUPS = (
    (
        re.compile(r"doordeweeks\w*|weekdag\w*|weekdays?|werkdag\w*|workdays?|working days"),
        WEEKDAYS[:5],
    ),
    (re.compile(r"\bweekends?\b|\bweekenddag\w*"), WEEKDAYS[5:]),
)
_ANY_DAY = "|".join(f"(?:{pattern})" for pattern, _ in _DAY_WORDS)
_RANGE = re.compile(
    rf"(?P<first>{_ANY_DAY})\s*(?:-|–|t/m|tot en met|tot|to|through|until|till)\s*"
    rf"(?P<last>{_ANY_DAY})"
)
_NEGATION = re.compile(r"\b(niet|not|geen|no|behalve|except|nooit|never|liever niet|rather not)\b")


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in plain if not unicodedata.combining(c)).casefold().split())


def _day_of(match: re.Match[str]) -> str:
    return next(day for day in WEEKDAYS if match.group(day))


def _days_in(text: str) -> set[str]:
    """Every day a piece of folded text names: single days, ranges and groups of days."""
    found: set[str] = set()

    def take_range(match: re.Match[str]) -> str:
        first = _day_of(_DAY.match(match.group("first")))  # type: ignore[arg-type]
        last = _day_of(_DAY.match(match.group("last")))  # type: ignore[arg-type]
        i, j = WEEKDAYS.index(first), WEEKDAYS.index(last)
        found.update(WEEKDAYS[i : j + 1] if i <= j else WEEKDAYS[i:] + WEEKDAYS[: j + 1])
        return " "

    text = _RANGE.sub(take_range, text)
    for pattern, days in _GROUPS:
        if pattern.search(text):
            found.update(days)
            text = pattern.sub(" ", text)
    found.update(_day_of(m) for m in _DAY.finditer(text))
    return found


def parse_meeting_days(v: object, separator: str | None = None) -> Parsed[tuple[str, ...]]:
    """Read the weekdays an answer allows, as a subset of :data:`WEEKDAYS`.

    "alleen dinsdag en donderdag" -> (tue, thu); "ma-wo ochtend" -> (mon, tue, wed);
    "niet op vrijdag" -> (mon, tue, wed, thu, sat, sun) before the planner's own working days
    narrow it; "ochtend" -> EMPTY (no day named: every day). Never raises.
    """
    text = clean_text(v)
    if text is None or len(text) > _MAX_ANSWER_CHARS:
        return Parsed(None, ParseStatus.EMPTY)
    wanted: set[str] = set()
    excluded: set[str] = set()
    for part in split_multi(text, separator):
        folded = _fold(part).replace("'s ", "s ").replace("'", "")
        negation = _NEGATION.search(folded)
        if negation:
            wanted |= _days_in(folded[: negation.start()])
            excluded |= _days_in(folded[negation.end() :])
        else:
            wanted |= _days_in(folded)
    if not (wanted or excluded):
        return Parsed(None, ParseStatus.EMPTY)
    chosen = (wanted or set(WEEKDAYS)) - excluded
    if not chosen:
        return Parsed(
            None,
            ParseStatus.INVALID,
            f'"{text}" excludes every weekday.',
            f'"{text}" sluit elke dag uit.',
        )
    return Parsed(tuple(d for d in WEEKDAYS if d in chosen), ParseStatus.OK)


def day_names(days: tuple[str, ...] | list[str], lang: str = "en") -> str:
    """Days in words, in week order: "Tuesday, Thursday" / "dinsdag, donderdag"."""
    names = WEEKDAY_NAMES["nl" if lang == "nl" else "en"]
    return ", ".join(names[WEEKDAYS.index(d)] for d in WEEKDAYS if d in set(days))
