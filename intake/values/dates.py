"""Dates and times: Excel serials, numeric, ISO and month-name dates."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from intake.values.parsed import (
    _NUMBER,
    Parsed,
    _answer_parser,
    _answer_text,
    _check_note,
    _empty,
    _fold,
    _guessed,
    _invalid,
    _is_missing,
    _ok,
    _quote,
    _to_float,
)

_EXCEL_EPOCH = datetime(1899, 12, 30)  # Excel's day 0, which absorbs its 1900 leap-year bug
_EXCEL_SERIAL_RANGE = (25569.0, 73051.0)  # 1970-01-01 .. 2100-01-01: plausible form dates
_MONTH_NAMES = {
    "jan": 1, "januari": 1, "january": 1, "feb": 2, "februari": 2, "february": 2, "mrt": 3,
    "maart": 3, "mar": 3, "march": 3, "apr": 4, "april": 4, "mei": 5, "may": 5, "jun": 6,
    "juni": 6, "june": 6, "jul": 7, "juli": 7, "july": 7, "aug": 8, "augustus": 8,
    "august": 8, "sep": 9, "sept": 9, "september": 9, "okt": 10, "oct": 10, "oktober": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_TIME_OF_DAY = (
    r"(?:[t\s,]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[.,]\d+)?\s*(am|pm|a\.m\.|p\.m\.)?)?"
)
_NUMERIC_DATE = re.compile(rf"(\d{{1,2}})([-/.])(\d{{1,2}})\2(\d{{2}}|\d{{4}}){_TIME_OF_DAY}")
_ISO_DATE = re.compile(
    rf"(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){_TIME_OF_DAY}(?:z|[+-]\d{{2}}:?\d{{2}})?"
)
_DAY_MONTH_NAME = re.compile(rf"(?:\w+,?\s+)?(\d{{1,2}})\s+([a-z]+)\.?\s+(\d{{4}}){_TIME_OF_DAY}")
_MONTH_NAME_DAY = re.compile(rf"(?:\w+,?\s+)?([a-z]+)\.?\s+(\d{{1,2}}),?\s+(\d{{4}}){_TIME_OF_DAY}")


def _from_excel_serial(serial: float) -> datetime | None:
    """An Excel serial day number as a datetime, rounded to the second; None if implausible."""
    low, high = _EXCEL_SERIAL_RANGE
    if not low <= serial < high:
        return None
    moment = _EXCEL_EPOCH + timedelta(days=serial)
    return (moment + timedelta(microseconds=500_000)).replace(microsecond=0)


def _build(year: int, month: int, day: int, time_parts: tuple) -> datetime:
    hour, minute, second, meridiem = time_parts
    hour_value = int(hour) if hour else 0
    if meridiem and meridiem.startswith("p") and hour_value < 12:
        hour_value += 12
    elif meridiem and meridiem.startswith("a") and hour_value == 12:
        hour_value = 0
    if year < 100:
        year += 2000
    return datetime(year, month, day, hour_value, int(minute or 0), int(second or 0))


@_answer_parser
def parse_datetime(v: object) -> Parsed[datetime]:
    """Read a timestamp: datetimes, Excel serials, Dutch d-m-y, MS Forms en-US m/d/y, ISO.

    Slashes with AM/PM are month first (MS Forms en-US); dashes and dots are day first (Dutch).
    Slashes without AM/PM are day first unless that is impossible; when both orders are
    possible the day-first reading is GUESSED. Time zones are dropped, keeping the wall-clock
    time as written, because a form's timestamps are all in one local zone.
    """
    if _is_missing(v):  # before the datetime check: pandas' NaT is a datetime too
        return _empty()
    if isinstance(v, datetime):  # also pandas' Timestamp, returned as a plain naive datetime
        return _ok(datetime(v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond))
    if isinstance(v, date):
        return _ok(datetime(v.year, v.month, v.day))
    text = _answer_text(v)
    if text is None:
        return _empty()
    folded = _fold(text)
    invalid = _invalid(
        f"Could not read {_quote(text)} as a date and time.",
        f"{_quote(text)} is niet te lezen als datum en tijd.",
    )
    if re.fullmatch(_NUMBER, folded) and not isinstance(v, bool):
        moment = _from_excel_serial(_to_float(folded))
        return _ok(moment) if moment else invalid
    try:
        if found := _ISO_DATE.fullmatch(folded):
            year, month, day = (int(x) for x in found.groups()[:3])
            return _ok(_build(year, month, day, found.groups()[3:]))
        if found := _NUMERIC_DATE.fullmatch(folded):
            first, separator, second, year = found.groups()[:4]
            time_parts = found.groups()[4:]
            a, b = int(first), int(second)
            month_first = separator == "/" and (bool(time_parts[3]) or a <= 12 < b)
            if separator == "/" and time_parts[3] and b <= 12 < a:
                month_first = False
            day, month = (b, a) if month_first else (a, b)
            moment = _build(int(year), month, day, time_parts)
            if separator == "/" and not time_parts[3] and a <= 12 and b <= 12 and a != b:
                return _guessed(
                    moment,
                    *_check_note(
                        moment.strftime("%Y-%m-%d %H:%M:%S"),
                        moment.strftime("%d-%m-%Y %H:%M:%S"),
                        text,
                        "day first assumed",
                        "dag eerst aangenomen",
                    ),
                )
            return _ok(moment)
        for pattern, day_group, month_group in ((_DAY_MONTH_NAME, 0, 1), (_MONTH_NAME_DAY, 1, 0)):
            if found := pattern.fullmatch(folded):
                month = _MONTH_NAMES.get(found.group(month_group + 1))
                if month:
                    day = int(found.group(day_group + 1))
                    return _ok(_build(int(found.group(3)), month, day, found.groups()[3:]))
    except ValueError:  # a date that does not exist, such as 31-02-2026
        return invalid
    return invalid
