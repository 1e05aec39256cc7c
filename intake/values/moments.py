"""Meeting moments: parts of the day, in words and clock times."""

from __future__ import annotations

import re
from collections.abc import Iterable

from intake.values.parsed import (
    Parsed,
    _answer_parser,
    _answer_text,
    _check_note,
    _empty,
    _fold,
    _fuzzy_word,
    _guessed,
    _invalid,
    _ok,
    _quote,
    split_multi,
)
from moments import MOMENTS, moment_names

_MOMENT_NL = moment_names("nl")
_MOMENT_EN = moment_names("en")
_ANY_MOMENT = re.compile(
    r"maakt (mij |me )?(niet|niks) uit|\balles\b|\ballemaal\b|any ?time|any moment|\bany\b$"
    r"|flexib\w*|geen voorkeur|no preference|doesn'?t matter|does not matter|\baltijd\b"
    r"|\balways\b|om het even|whenever|alle (momenten|dagdelen|tijden)|all (of them|times"
    r"|moments|options)|\bmaakt niet uit\b"
)
_WEEKDAYS = re.compile(
    r"(maan|dins|woens|donder|vrij|zater|zon)dag(en|s)?|\b(ma|di|wo|do|vr|za|zo)\b\.?"
    r"|\b(mon|tues|wednes|thurs|fri|satur|sun)days?\b|\b(mon|tue|wed|thu|fri|sat|sun)\b\.?"
    r"|\bdoordeweeks\w*|\bweekdagen|\bweekdays?|\bwerkdagen|\bworkdays?|\bweekends?\b"
)
# Words around a weekday that name no moment: "alleen op dinsdag", "niet op vrijdag".
_DAY_FILLER = re.compile(
    r"\b(alleen|enkel|uitsluitend|only|just|op|on|de|het|elke|iedere|every|each|niet|not|geen"
    r"|no|behalve|except|liefst|bij voorkeur|preferably|en|and|of|or|t/m|tot|to)\b|[-–.,/&]"
)
_NEGATION = re.compile(
    r"\b(liever niet|rather not|maar niet|but not|niet|not|geen|no|behalve"
    r"|except|nooit|never)\b"
)
# Phrases in the order they are tried; a matched phrase is removed before the next is tried,
# so "vroege middag" is afternoon and does not also count as "vroeg" (early = morning).
_MOMENT_PHRASES: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    (
        ("late_afternoon",),
        re.compile(
            r"\b(eind|einde|laatste deel|end|late part)( van| of)?( de| the)? (mid|na)?"
            r"(dag|afternoon)|\b(late|latere|laat in de|later in the) (middag|afternoon)"
            r"|\blate ?afternoon|\b(eind|einde|end)( van| of)?( de| the)? (werk)?(dag|day"
            r"|working day|workday)|\bna (het |mijn )?werk|\bafter work|\bna (werk|kantoor)tijd"
            r"|\bafter (office|working) hours|\beinde? middag|\bborrel\w*"
        ),
    ),
    (("evening",), re.compile(r"\bvroege avond|\bearly evening|\bbegin (van de )?avond")),
    (
        ("afternoon",),
        re.compile(
            r"\b(vroege|begin van de|begin|vroeg in de) middag|\bearly afternoon|\bna de lunch"
            r"|\bafter lunch|\btussen de middag|\blunch\w*|\bnamiddag\w*|\bmiddag\w*|\bs middags"
            r"|\bafternoons?|\bpm\b|\bnoon\b|\bmidday"
        ),
    ),
    (
        ("morning",),
        re.compile(
            r"\bvoormiddag\w*|\bochtend\w*|\bmorgen\w*|\bmornings?|\bbegin van de (werk)?dag"
            r"|\bstart of the (working )?day|\bvoor de lunch|\bbefore lunch|\bvroeg\w*|\bearly\b"
            r"|\bam\b"
        ),
    ),
    (("evening",), re.compile(r"\bavond\w*|\bevenings?|\bnights?\b|\bna het eten|\bafter dinner")),
    (
        ("morning", "afternoon"),
        re.compile(
            r"\boverdag|\bdaytime|\bduring the day|\b(onder|binnen|tijdens) (werk|kantoor)tijd"
            r"|\bduring (office|working) hours|\bhele dag|\ball day"
        ),
    ),
)
_CLOCK = r"(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?"
_TIME_RANGE = re.compile(
    rf"{_CLOCK}\s*(?:uur|u)?\s*(?:-|tot|to|till|until|t/m)\s*{_CLOCK}"
    r"\s*(?:uur|u|h)?"
)
_TIME_AFTER = re.compile(rf"\b(?:na|vanaf|after|from|since|vanaf ca\.?)\s*{_CLOCK}\s*(?:uur|u|h)?")
_TIME_BEFORE = re.compile(rf"\b(?:voor|before|tot|until|till)\s*{_CLOCK}\s*(?:uur|u|h)?")
_TIME_AT = re.compile(
    r"(\d{1,2})[:.](\d{2})\s*(am|pm|a\.m\.|p\.m\.)?"
    r"|(\d{1,2})\s*(am|pm|a\.m\.|p\.m\.|uur|u|h)\b"
)
# "tussen 12 en 14 uur" is one range, not two parts split at "en".
_BETWEEN_TIMES = re.compile(
    r"\b(?:tussen|between)\s+(\d{1,2}(?:[:.]\d{2})?)\s+(?:en|and)\s+(\d{1,2})", re.IGNORECASE
)
_MOMENT_VOCABULARY = {
    "ochtend": "morning", "ochtends": "morning", "morning": "morning",
    "middag": "afternoon", "middags": "afternoon", "afternoon": "afternoon",
    "avond": "evening", "avonds": "evening", "evening": "evening",
}  # fmt: skip


def _moment_at(hour: float) -> str:
    """The moment a meeting starting at ``hour`` falls in (the spec's start-time bands)."""
    if hour < 12:
        return "morning"
    if hour < 15:
        return "afternoon"
    if hour < 18:
        return "late_afternoon"
    return "evening"


def _clock_hour(hour: str, minute: str | None, meridiem: str | None) -> float | None:
    """A clock reading as a fractional hour; None when it is not a time of day."""
    value = int(hour) + (int(minute) / 60 if minute else 0.0)
    if meridiem and meridiem.startswith("p") and value < 12:
        value += 12
    elif meridiem and meridiem.startswith("a") and value >= 12:
        value -= 12
    elif not meridiem and 1 <= value < 7:
        value += 12  # nobody meets at 3 at night: "3-5" is in the afternoon
    return value if 0 <= value < 24 and (not minute or int(minute) < 60) else None


def _times_in(text: str) -> tuple[set[str], str]:
    """Moments named by clock times, and the text with those times removed."""
    found: set[str] = set()

    def take(match: re.Match[str], hour: float | None) -> str:
        if hour is None:
            return match.group(0)
        found.add(_moment_at(hour))
        return " "

    def from_range(m: re.Match[str]) -> str:
        start_meridiem = m.group(3) or (m.group(6) if int(m.group(1)) < int(m.group(4)) else None)
        return take(m, _clock_hour(m.group(1), m.group(2), start_meridiem))

    def from_before(m: re.Match[str]) -> str:
        end = _clock_hour(m.group(1), m.group(2), m.group(3))
        return take(m, None if end is None else max(end - 1, 0))

    def from_at(m: re.Match[str]) -> str:
        if m.group(1):
            return take(m, _clock_hour(m.group(1), m.group(2), m.group(3)))
        meridiem = m.group(5) if m.group(5) not in ("uur", "u", "h") else None
        return take(m, _clock_hour(m.group(4), None, meridiem))

    text = _TIME_RANGE.sub(from_range, text)
    text = _TIME_AFTER.sub(lambda m: take(m, _clock_hour(m.group(1), m.group(2), m.group(3))), text)
    text = _TIME_BEFORE.sub(from_before, text)
    text = _TIME_AT.sub(from_at, text)
    return found, text


def _moments_in(text: str) -> set[str]:
    """All moments a piece of folded text names, by clock time or by word."""
    found, text = _times_in(text)
    for moments, pattern in _MOMENT_PHRASES:
        if pattern.search(text):
            found.update(moments)
            text = pattern.sub(" ", text)
    return found


def _moment_list(moments: Iterable[str], names: dict[str, str]) -> str:
    ordered = [names[m] for m in MOMENTS if m in set(moments)]
    return ", ".join(ordered) if ordered else "-"


@_answer_parser
def parse_meeting_moments(v: object, separator: str | None = None) -> Parsed[tuple[str, ...]]:
    """Read preferred meeting moments as a subset of MOMENTS, in MOMENTS order.

    Works per part of a multi-answer (see :func:`split_multi`). Weekdays ("dinsdagochtend",
    "Tuesday morning", "alleen op maandag") are read by :mod:`intake.weekdays` into
    ``meeting_days``; here only the moment of the day is kept, and an answer naming only days
    allows every moment. Clock times are
    placed by their start ("9:00-13:00" is morning). "niet 's avonds" / "alles behalve avond"
    exclude a moment. Parts that name no moment are listed in the note (GUESSED), unless no part
    names one (INVALID).
    """
    text = _answer_text(v)
    if text is None:
        return _empty()
    wanted: set[str] = set()
    excluded: set[str] = set()
    ignored: list[str] = []
    typos: list[str] = []
    anything = False
    days_only = False
    for part in split_multi(_BETWEEN_TIMES.sub(r"\1-\2", text), separator):
        folded = _fold(part).replace("'s ", "s ").replace("'", "")
        folded = re.sub(r"\bv\.?d\.?(?=\s|$)", "van de", folded)
        without_days = _WEEKDAYS.sub(" ", folded)
        if not re.search(r"[a-z0-9]", _DAY_FILLER.sub(" ", without_days)):
            days_only = days_only or without_days != folded
            continue  # only days: intake.weekdays reads them (see docstring)
        folded = without_days
        part_is_any = bool(_ANY_MOMENT.search(folded))
        folded = _ANY_MOMENT.sub(" ", folded)
        negation = _NEGATION.search(folded)
        positive, negative = (
            (folded[: negation.start()], folded[negation.end() :]) if negation else (folded, "")
        )
        named, unwanted = _moments_in(positive), _moments_in(negative)
        if not (named or unwanted or part_is_any):
            rescued = _fuzzy_word(positive, _MOMENT_VOCABULARY)
            if rescued:
                named = {rescued[1]}
                typos.append(rescued[0])
            else:
                ignored.append(part)
                continue
        anything = anything or part_is_any
        wanted |= named
        excluded |= unwanted
    if not (wanted or excluded or anything) and days_only and not ignored:
        return _ok(MOMENTS)  # "alleen dinsdag": any moment, on the days intake.weekdays reads
    if not (wanted or excluded or anything):
        return _invalid(
            f"Could not read {_quote(text)} as meeting moments "
            "(morning, afternoon, late afternoon, evening).",
            f"{_quote(text)} is niet te lezen als moment "
            "(ochtend, middag, eind van de middag, avond).",
        )
    only_exclusions = not wanted and not anything
    chosen = set(MOMENTS) if anything or only_exclusions else wanted
    result = tuple(m for m in MOMENTS if m in chosen - excluded)
    if not (ignored or typos or only_exclusions):
        return _ok(result)
    reasons_en, reasons_nl = [], []
    if ignored:
        listed = ", ".join(_quote(p) for p in ignored)
        reasons_en.append(f"ignored {listed}")
        reasons_nl.append(f"{listed} genegeerd")
    if typos:
        listed = ", ".join(_quote(t) for t in typos)
        reasons_en.append(f"{listed} looks like a typo")
        reasons_nl.append(f"{listed} lijkt een tikfout")
    if only_exclusions:
        reasons_en.append("only moments to avoid were given")
        reasons_nl.append("alleen momenten om te vermijden genoemd")
    return _guessed(
        result,
        *_check_note(
            _moment_list(result, _MOMENT_EN),
            _moment_list(result, _MOMENT_NL),
            text,
            "; ".join(reasons_en),
            "; ".join(reasons_nl),
        ),
    )
