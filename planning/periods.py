"""Dates no meeting may (or should) fall on: public holidays, unavailable and blocked periods.

Public holidays come from the ``holidays`` package, per member country (NL, BE), so no date is
typed in here. School holidays are not shipped: the official table (Rijksoverheid, per region
noord/midden/zuid) could not be sourced reliably for the coming school years, so a coordinator
gives them, or any other blocked period, in a file (``--blocked``, or uploaded on the web app's
Plan step; examples in ``planning/data/``, with English and with Dutch headers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path

import holidays as holiday_tables

from intake.issues import IntakeFileError, Issue, Severity
from intake.reading import RawRow, RawTable, read_table

_DATE = r"(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})"
_PERIOD = re.compile(
    rf"{_DATE}\s*(?:t/m|tm|tot en met|tot|to|until|till|through|-|–|—)\s*{_DATE}", re.I
)
_SINGLE = re.compile(_DATE)
EXAMPLE_BLOCKED = {
    "en": Path(__file__).resolve().parent / "data" / "blocked_periods_example.csv",
    "nl": Path(__file__).resolve().parent / "data" / "geblokkeerde_periodes_voorbeeld.csv",
}


@dataclass(frozen=True)
class Period:
    """A closed range of dates, with what it is (shown in the plan)."""

    first: date
    last: date
    label: str = ""
    country: str | None = None  # None = everyone; "NL"/"BE" = groups with a member there

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last


def parse_date(text: str) -> date | None:
    """A date as written: ISO (2027-07-12) or Dutch day-month-year (12-07-2027, 12/7/2027)."""
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            year, month, day = (int(p) for p in text.split("-"))
        else:
            day, month, year = (int(p) for p in re.split(r"[-/.]", text))
        return date(year, month, day)
    except ValueError:
        return None


def parse_periods(value: object) -> tuple[tuple[Period, ...], list[str]]:
    """Periods in a cell ("2027-07-12 t/m 2027-08-20; 2027-10-18"), and the parts not read."""
    if value is None:
        return (), []
    if isinstance(value, datetime | date):
        day = value.date() if isinstance(value, datetime) else value
        return (Period(day, day),), []
    periods: list[Period] = []
    unread: list[str] = []
    for part in re.split(r"[;\n]|,(?!\d)", str(value)):
        part = part.strip()
        if not part:
            continue
        match = _PERIOD.fullmatch(part)
        if match:
            first, last = parse_date(match.group(1)), parse_date(match.group(2))
            if first and last and first <= last:
                periods.append(Period(first, last))
                continue
        elif _SINGLE.fullmatch(part):
            day = parse_date(part)
            if day:
                periods.append(Period(day, day))
                continue
        unread.append(part)
    return tuple(periods), unread


def public_holidays(countries: tuple[str, ...], first: date, last: date, lang: str) -> dict:
    """Public holidays of ``countries`` between ``first`` and ``last``: date -> name."""
    found: dict[date, str] = {}
    for country in countries:
        found.update(_holidays(country, first.year, last.year, lang))
    return {d: n for d, n in sorted(found.items()) if first <= d <= last}


@cache
def _holidays(country: str, first_year: int, last_year: int, lang: str) -> dict[date, str]:
    language = "nl" if lang == "nl" else "en_US"
    try:
        table = holiday_tables.country_holidays(
            country, years=range(first_year, last_year + 1), language=language
        )
    except NotImplementedError:  # a country the package does not know: no public holidays
        return {}
    return dict(table.items())


COUNTRIES = {
    "nl": "NL", "nederland": "NL", "netherlands": "NL", "the netherlands": "NL",
    "be": "BE", "belgië": "BE", "belgie": "BE", "belgium": "BE",
}  # fmt: skip
MAX_BLOCKED_ROWS = 1000  # a programme's closures and holidays, not a calendar of every day


def read_blocked_periods(path: Path) -> list[Period]:
    """Blocked periods from a file with columns start, end (or period), label, country.

    Every row is a period or the file is refused with the row as the spreadsheet shows it,
    the column and what to write (an unread period or country is never dropped silently)."""
    raw, _ = read_table(path, max_rows=MAX_BLOCKED_ROWS)
    headers = [h.strip().casefold() for h in raw.headers]

    def column(*names: str) -> int | None:
        return next((i for i, h in enumerate(headers) if h in names), None)

    start = column("start", "begin", "van", "from", "eerste dag", "first")
    end = column("end", "eind", "einde", "tot en met", "t/m", "until", "laatste dag", "last")
    period = column("period", "periode", "dates", "data")
    label = column("label", "name", "naam", "omschrijving", "description", "wat")
    country = column("country", "land")
    if period is None and start is None:
        raise IntakeFileError(
            Issue(
                Severity.ERROR,
                "blocked_no_dates",
                'No "start" (and "end") or "period" column was found.',
                'Er is geen kolom "start" (en "eind") of "periode" gevonden.',
                file=raw.file,
            )
        )
    return [
        p for row in raw.rows for p in _blocked_row(raw, row, start, end, period, label, country)
    ]


def _blocked_row(
    raw: RawTable,
    row: RawRow,
    start: int | None,
    end: int | None,
    period: int | None,
    label: int | None,
    country: int | None,
) -> list[Period]:
    """The periods of one row of a blocked-periods file, or the error naming its cell."""
    cells = row.cells

    def refuse(at: int, en: str, nl: str) -> IntakeFileError:
        value = _text(cells[at])
        return IntakeFileError(Issue(Severity.ERROR, "blocked_bad_period", f"{value!r} {en}",
                                     f"{value!r} {nl}", raw.file, row.row, raw.headers[at],
                                     value))  # fmt: skip

    if period is not None:
        found, unread = parse_periods(cells[period])
        if unread or not found:
            raise refuse(period, "is not a period; write 2027-07-12 t/m 2027-08-20.",
                         "is geen periode; schrijf 2027-07-12 t/m 2027-08-20.")  # fmt: skip
    else:
        first = _day(cells[start])
        if first is None:
            raise refuse(start, "is not a date; write the first day, like 2027-07-12.",
                         "is geen datum; schrijf de eerste dag, zoals 2027-07-12.")  # fmt: skip
        last = first if end is None or cells[end] in (None, "") else _day(cells[end])
        if last is None:
            raise refuse(end, "is not a date; write the last day, like 2027-08-20.",
                         "is geen datum; schrijf de laatste dag, zoals 2027-08-20.")  # fmt: skip
        if last < first:
            raise refuse(end, f"is before the first day, {first}; write the last day.",
                         f"ligt voor de eerste dag, {first}; schrijf de laatste dag.")  # fmt: skip
        found = (Period(first, last),)
    what = _text(cells[label]) if label is not None else ""
    where = None
    if country is not None and _text(cells[country]):
        where = COUNTRIES.get(_text(cells[country]).casefold())
        if where is None:
            raise refuse(
                country,
                "is not a country the plan knows; write NL or BE, or leave it empty for a "
                "period that holds for everyone.",
                "is geen land dat de planning kent; schrijf NL of BE, of laat het leeg voor "
                "een periode die voor iedereen geldt.",
            )
    return [Period(p.first, p.last, what, where) for p in found]


def _day(value: object) -> date | None:
    """One date from a cell: a spreadsheet date or text as :func:`parse_date` reads it."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date(str(value)) if value not in (None, "") else None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def monday_of(day: date) -> date:
    """The Monday of ``day``'s week: week 0 of a programme starts there."""
    return day - timedelta(days=day.weekday())
