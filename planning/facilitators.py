"""The facilitator list: xlsx/csv/ods with Dutch or English headers, read like an intake.

The file goes through the intake's reader (:func:`intake.reading.read_table`) and its value
parsers (e-mail, travel, moments, weekdays, places), and every problem becomes an
:class:`intake.issues.Issue` naming the file, the row as the spreadsheet shows it and the
column. A row without a name is left out with an error; every other problem is a warning with
what was assumed, so no facilitator is dropped silently.

Languages are read and shown on the Facilitators sheet but not matched with the groups: the
intake asks members no languages (``docs/participant_table.md``), so there is nothing to match
them with; a languages rule needs that intake column first.
"""

from __future__ import annotations

import math
import re
import unicodedata
from pathlib import Path

from intake import values as v
from intake.geo import default_geocoder
from intake.issues import IntakeFileError, Issue, Severity
from intake.reading import RawRow, read_table
from intake.weekdays import parse_meeting_days
from planning.model import Facilitator, Place
from planning.periods import parse_periods
from planning.settings import PlanSettings

# field -> header words (folded); a header is matched exactly first, then by a contained word.
_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("naam", "name", "volledige naam", "full name", "procesbegeleider", "facilitator"),
    "email": ("e-mail", "email", "e-mailadres", "email address", "mail", "e-mail address"),
    "location": (
        "postcode", "plaats", "woonplaats", "place", "location", "locatie", "postcode/plaats",
        "postcode of plaats", "postcode or place", "city", "standplaats",
    ),
    "background": (
        "achtergrond", "discipline", "disciplines", "background", "vakgebied", "beroep",
        "functie", "expertise", "function",
    ),
    "capacity": (
        "groepen per jaar", "aantal groepen", "groups per year", "capacity", "capaciteit",
        "max groepen", "maximum groups", "groups",
    ),
    "availability": (
        "beschikbaarheid", "beschikbaar", "beschikbare dagen", "dagen", "weekdagen", "weekdays",
        "availability", "available", "dagdelen", "moments", "wanneer", "days",
    ),
    "unavailable": (
        "niet beschikbaar", "afwezig", "afwezigheid", "unavailable", "not available",
        "vakantie", "holidays", "absent", "niet beschikbaar van t/m",
    ),
    "max_travel": (
        "maximale reisafstand", "max reisafstand", "reisafstand", "max travel", "travel",
        "maximum travel", "reistijd", "max travel km",
    ),
    "languages": ("talen", "taal", "languages", "language"),
    "organisation": ("organisatie", "organisation", "organization", "werkgever", "employer"),
    "pinned_groups": ("vaste groepen", "vaste groep", "pinned groups", "pinned", "vast"),
    "previous_groups": (
        "vorige groepen", "vorige groep", "previous groups", "previous group", "last round",
        "vorige ronde",
    ),
}  # fmt: skip
_CONTAINED_ORDER = (
    "unavailable", "previous_groups", "pinned_groups", "max_travel", "capacity", "email",
    "availability", "background", "location", "languages", "organisation", "name",
)  # fmt: skip


def _fold(text: object) -> str:
    plain = unicodedata.normalize("NFKD", str(text or ""))
    bare = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[?:*()]", " ", bare).split())


def match_headers(headers: tuple[str, ...]) -> dict[str, int]:
    """field -> column index: exact header words first, then headers containing a word."""
    folded = [_fold(h) for h in headers]
    found: dict[str, int] = {}
    for field_name, words in _HEADERS.items():
        for i, header in enumerate(folded):
            if header in words and i not in found.values():
                found.setdefault(field_name, i)
    for field_name in _CONTAINED_ORDER:
        if field_name in found:
            continue
        for i, header in enumerate(folded):
            if i in found.values():
                continue
            if any(re.search(rf"\b{re.escape(w)}\b", header) for w in _HEADERS[field_name]):
                found[field_name] = i
                break
    return found


def read_facilitators(path: Path, settings: PlanSettings) -> tuple[list[Facilitator], list[Issue]]:
    """Every facilitator in the list, and every issue found while reading it."""
    path = Path(path)
    raw, issues = read_table(path)
    columns = match_headers(raw.headers)
    if "name" not in columns and "email" not in columns:
        raise IntakeFileError(
            Issue(
                Severity.ERROR,
                "facilitators_no_name",
                'No "name" or "e-mail" column was found in the facilitator list.',
                'Er is geen kolom "naam" of "e-mail" gevonden in de lijst van begeleiders.',
                file=raw.file,
            )
        )
    for i, header in enumerate(raw.headers):
        if i not in columns.values():
            issues.append(
                Issue(
                    Severity.INFO,
                    "facilitators_column_ignored",
                    "This column is not used for the plan.",
                    "Deze kolom wordt niet gebruikt voor de planning.",
                    raw.file,
                    None,
                    header,
                )
            )
    reader = _RowReader(raw.file, raw.headers, columns, settings, issues)
    facilitators = [f for f in (reader.read(row) for row in raw.rows) if f is not None]
    seen: dict[str, int] = {}
    for f in facilitators:
        key = f.email or _fold(f.name)
        if key in seen:
            issues.append(
                Issue(
                    Severity.WARNING,
                    "facilitators_duplicate",
                    f"{f.name} is also on row {seen[key]}; both rows are used as given.",
                    f"{f.name} staat ook op rij {seen[key]}; beide rijen tellen zoals ze zijn.",
                    raw.file,
                    f.source_row,
                )
            )
        seen.setdefault(key, f.source_row)
    return facilitators, issues


class _RowReader:
    """Turns one row of the list into a :class:`Facilitator`, reporting what it assumes."""

    def __init__(self, file, headers, columns, settings: PlanSettings, issues: list[Issue]):
        self.file, self.headers, self.columns = file, headers, columns
        self.settings, self.issues = settings, issues

    def cell(self, row: RawRow, field_name: str) -> object:
        index = self.columns.get(field_name)
        return None if index is None else row.cells[index]

    def warn(self, row: RawRow, field_name: str, code: str, en: str, nl: str) -> None:
        value = self.cell(row, field_name)
        self.issues.append(
            Issue(
                Severity.WARNING,
                code,
                en,
                nl,
                self.file,
                row.row,
                self.headers[self.columns[field_name]] if field_name in self.columns else None,
                None if value is None else str(value),
            )
        )

    def read(self, row: RawRow) -> Facilitator | None:
        email = v.parse_email(self.cell(row, "email"))
        if email.status == v.ParseStatus.INVALID:
            self.warn(row, "email", "facilitators_bad_email", email.note_en, email.note_nl)
        name = v.clean_text(self.cell(row, "name")) or email.value
        if name is None:
            self.issues.append(
                Issue(
                    Severity.ERROR,
                    "facilitators_no_name",
                    "This row has no name or e-mail address; it is left out of the plan.",
                    "Deze rij heeft geen naam of e-mailadres; ze telt niet mee in de planning.",
                    self.file,
                    row.row,
                    self.headers[self.columns.get("name", self.columns.get("email", 0))],
                )
            )
            return None
        return Facilitator(
            fid=f"F{row.row:04d}",
            source_row=row.row,
            name=str(name),
            email=email.value,
            home=self._home(row),
            background=v.clean_text(self.cell(row, "background")),
            capacity=self._capacity(row),
            weekdays=self._weekdays(row),
            moments=self._moments(row),
            unavailable=self._unavailable(row),
            max_travel_km=self._travel(row),
            languages=tuple(p.casefold() for p in v.split_multi(self.cell(row, "languages"))),
            organisation=v.clean_text(self.cell(row, "organisation")),
            pinned_groups=self._groups(row, "pinned_groups"),
            previous_groups=self._groups(row, "previous_groups"),
        )

    def _home(self, row: RawRow) -> Place | None:
        text = v.clean_text(self.cell(row, "location"))
        if text is None:
            if "location" in self.columns:
                self.warn(
                    row, "location", "facilitators_no_location",
                    "No postcode or place: travel to the groups cannot be checked.",
                    "Geen postcode of plaats: de reisafstand naar de groepen is niet te "
                    "controleren.",
                )  # fmt: skip
            return None
        match = default_geocoder().locate(text)
        if match.lat is None or match.lon is None:
            self.warn(
                row, "location", "facilitators_unknown_location",
                f"{text!r} was not found as a postcode or place: travel cannot be checked.",
                f"{text!r} is niet gevonden als postcode of plaats: de reisafstand is niet "
                "te controleren.",
            )  # fmt: skip
            return None
        if match.status == "guessed":
            self.warn(
                row, "location", "facilitators_guessed_location", match.note_en, match.note_nl
            )
        return Place(match.place or text, float(match.lat), float(match.lon))

    def _capacity(self, row: RawRow) -> int:
        value = self.cell(row, "capacity")
        default = self.settings.default_capacity
        if value is None:
            return default
        text = str(value).strip()
        numbers = [int(n) for n in re.findall(r"\d+", text)]
        if not numbers or (isinstance(value, float) and not value.is_integer()):
            self.warn(
                row, "capacity", "facilitators_bad_capacity",
                f"Groups per year must be a whole number; {default} is used.",
                f"Groepen per jaar moet een heel getal zijn; {default} wordt gebruikt.",
            )  # fmt: skip
            return default
        if len(numbers) > 1:  # "2 a 3", "2-3": the upper end is what they have room for
            self.warn(
                row, "capacity", "facilitators_capacity_range",
                f"Read {text!r} as at most {max(numbers)} groups; please check.",
                f"{text!r} gelezen als hoogstens {max(numbers)} groepen; controleer dit.",
            )  # fmt: skip
        return max(numbers)

    def _weekdays(self, row: RawRow) -> tuple[str, ...]:
        value = self.cell(row, "availability")
        days = parse_meeting_days(value)
        if days.status == v.ParseStatus.INVALID:
            self.warn(row, "availability", "facilitators_bad_days", days.note_en, days.note_nl)
        return tuple(days.value or ())

    def _moments(self, row: RawRow) -> tuple[str, ...]:
        value = self.cell(row, "availability")
        if value is None:
            return ()
        moments = v.parse_meeting_moments(value)
        if moments.status == v.ParseStatus.INVALID and parse_meeting_days(value).value:
            return ()  # only days: every moment on those days
        if moments.status in (v.ParseStatus.INVALID, v.ParseStatus.GUESSED):
            self.warn(
                row, "availability", f"facilitators_{moments.status.value}_moments",
                moments.note_en or "This availability could not be read; every moment is assumed.",
                moments.note_nl or "Deze beschikbaarheid is niet te lezen; elk moment telt.",
            )  # fmt: skip
        return tuple(moments.value or ())

    def _unavailable(self, row: RawRow):
        periods, unread = parse_periods(self.cell(row, "unavailable"))
        if unread:
            listed = ", ".join(repr(u) for u in unread)
            self.warn(
                row, "unavailable", "facilitators_bad_period",
                f"{listed} is not a period and is ignored; write 2027-07-12 t/m 2027-08-20.",
                f"{listed} is geen periode en wordt genegeerd; schrijf 2027-07-12 t/m "
                "2027-08-20.",
            )  # fmt: skip
        return periods

    def _travel(self, row: RawRow) -> float:
        travel = v.parse_max_travel(self.cell(row, "max_travel"))
        default = float(self.settings.default_max_travel_km)
        if travel.status == v.ParseStatus.INVALID:
            self.warn(
                row, "max_travel", "facilitators_bad_travel",
                f"{travel.note_en} The default limit of {default:.0f} km is used.",
                f"{travel.note_nl} De standaardgrens van {default:.0f} km wordt gebruikt.",
            )  # fmt: skip
        if travel.value is None or math.isinf(travel.value):
            return default  # "maakt niet uit" = the default limit (issue 14)
        return float(travel.value)

    def _groups(self, row: RawRow, field_name: str) -> tuple[int, ...]:
        value = self.cell(row, field_name)
        if value is None:
            return ()
        if isinstance(value, float) and value.is_integer():
            return (int(value),)
        text = str(value)
        numbers = tuple(int(n) for n in re.findall(r"\d+", text))
        if not numbers or re.search(r"[^\d\s,;/en&and groupe]", text.casefold()):
            self.warn(
                row, field_name, f"facilitators_bad_{field_name}",
                f"Read {text!r} as groups {', '.join(map(str, numbers)) or 'none'}; please check.",
                f"{text!r} gelezen als groepen {', '.join(map(str, numbers)) or 'geen'}; "
                "controleer dit.",
            )  # fmt: skip
        return numbers
