"""One intake file in, one clean participant table out, with every problem reported.

Flow: :func:`intake.reading.read_table` (cells with spreadsheet row numbers) ->
:func:`intake.columns.match_columns` (headers to meaning) -> :mod:`intake.values` and
:mod:`intake.geo` (answers to values) -> duplicates -> references (manager, avoid) -> the
participant table of ``docs/participant_table.md``.

Invariant: every data row of the input is either a row of the table or an
:class:`ExcludedRow` with a reason. Nothing is dropped silently.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

from intake import values as v
from intake.columns import (
    ColumnMatch,
    FormSource,
    detect_source,
    load_mapping_file,
    match_columns,
    multi_value_separator,
)
from intake.geo import Geocoder
from intake.issues import IntakeFileError, Issue, IssueKind, Severity
from intake.reading import RawRow, RawTable, read_table
from intake.table_schema import FLOAT_COLUMNS, INTEGER_COLUMNS, TABLE_COLUMNS
from intake.weekdays import parse_meeting_days

GUESS_CONFIDENCE = 0.8
_COUNTRY_WORDS = {
    "nl": "NL",
    "nederland": "NL",
    "netherlands": "NL",
    "the netherlands": "NL",
    "holland": "NL",
    "be": "BE",
    "belgie": "BE",
    "belgium": "BE",
    "belgique": "BE",
    "vlaanderen": "BE",
}


@dataclass(frozen=True)
class ExcludedRow:
    """An input row that is not in the participant table, and why."""

    row: int
    reason_en: str
    reason_nl: str

    def reason(self, lang: str = "en") -> str:
        """The reason in ``lang``."""
        return self.reason_nl if lang == "nl" else self.reason_en


@dataclass
class IntakeResult:
    """What :func:`read_intake` found: the table, how columns were read, and every issue."""

    file: str
    source: FormSource
    table: pd.DataFrame
    mapping: list[ColumnMatch]
    issues: list[Issue]
    excluded: list[ExcludedRow]
    extra_columns: list[str]
    raw: RawTable = field(repr=False)

    @property
    def n_rows(self) -> int:
        """Data rows in the input file."""
        return len(self.raw.rows)

    def count(self, severity: Severity) -> int:
        """How many issues of ``severity`` were found."""
        return sum(1 for issue in self.issues if issue.severity == severity)


def read_intake(
    path: Path | str,
    *,
    mapping_file: Path | None = None,
    mapping: Mapping[str, str | None] | None = None,
    sheet: str | None = None,
    default_country: str = "NL",
    max_bytes: int = 50_000_000,
    max_rows: int = 100_000,
) -> IntakeResult:
    """Read one intake file into an :class:`IntakeResult`.

    ``mapping`` (header -> field, or None to ignore the column) corrects the column matching
    like a mapping file does, e.g. from the web app's mapping page; it wins over
    ``mapping_file``. Raises :class:`IntakeFileError` only for a file that cannot be used at
    all (unreadable, a bad mapping, or no column that identifies people); everything else is
    an issue in the result.
    """
    path = Path(path)
    overrides = {**(_load_overrides(mapping_file, path.name) or {}), **(mapping or {})}
    raw, issues = read_table(path, sheet=sheet, max_bytes=max_bytes, max_rows=max_rows)
    matches = _matched_columns(raw.headers, overrides, path.name)
    source = detect_source(raw.headers)
    builder = _TableBuilder(raw, matches, source, default_country)
    builder.check_columns()
    builder.build_records()
    builder.drop_duplicates()
    builder.resolve_references()
    return IntakeResult(
        file=raw.file,
        source=source,
        table=builder.to_frame(),
        mapping=matches,
        issues=[*issues, *column_notes(builder.issues)],
        excluded=builder.excluded,
        extra_columns=builder.extra_headers,
        raw=raw,
    )


# One guess repeated in a column this often becomes one note for the column.
COLUMN_NOTE_MIN_ROWS = 3
_QUOTED = re.compile(r'"[^"]*"|\'[^\']*\'')
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def column_notes(issues: list[Issue]) -> list[Issue]:
    """Guesses that repeat down a column ("2,5" read as hours per month, row after row) as one
    note for the column, with its rows; every other issue stays as it is.

    Two guesses are the same when their messages differ only in the quoted answer and its
    numbers. Only guessed answers are merged: an unreadable answer, a postcode, a reference or
    a duplicate is about one person and stays one issue each.
    """
    groups: dict[tuple[str, str | None, str], list[Issue]] = defaultdict(list)
    for issue in issues:
        if issue.code.startswith("guessed_") and issue.kind == IssueKind.ANSWER and issue.row:
            template = _NUMBER.sub("#", _QUOTED.sub("…", issue.message_en))
            groups[(issue.code, issue.column, template)].append(issue)
    merged = {id(i): g for g in groups.values() if len(g) >= COLUMN_NOTE_MIN_ROWS for i in g}
    result: list[Issue] = []
    for issue in issues:
        group = merged.get(id(issue))
        if group is None:
            result.append(issue)
        elif issue is group[0]:
            result.append(_column_note(group))
    return result


def _column_note(group: list[Issue]) -> Issue:
    first = group[0]
    rows = [i.row for i in group if i.row is not None]
    shown = ", ".join(str(r) for r in rows[:12]) + (", …" if len(rows) > 12 else "")
    return Issue(
        Severity.INFO,
        "column_note",
        f"{len(group)} answers in this column were read the same way (rows {shown}); for "
        f"example row {first.row}: {first.message_en}",
        f"{len(group)} antwoorden in deze kolom zijn op dezelfde manier gelezen (rijen {shown}); "
        f"bijvoorbeeld rij {first.row}: {first.message_nl}",
        first.file,
        None,
        first.column,
        first.value,
    )


def _matched_columns(
    headers: list[str], overrides: Mapping[str, str | None], file: str
) -> list[ColumnMatch]:
    try:
        return match_columns(headers, overrides or None)
    except ValueError as error:  # an override naming an unknown field
        raise IntakeFileError(
            Issue(
                Severity.ERROR,
                "bad_mapping",
                f"The column mapping cannot be used: {error}",
                f"De kolomkoppeling is niet bruikbaar: {error}",
                file=file,
            )
        ) from error


def _load_overrides(mapping_file: Path | None, file: str) -> dict[str, str | None] | None:
    if mapping_file is None:
        return None
    try:
        return load_mapping_file(mapping_file)
    except (OSError, ValueError) as error:
        raise IntakeFileError(
            Issue(
                Severity.ERROR,
                "bad_mapping_file",
                f"The mapping file {Path(mapping_file).name} cannot be used: {error}",
                f"Het koppelbestand {Path(mapping_file).name} is niet bruikbaar: {error}",
                file=file,
            )
        ) from error


_BARE_AMOUNT = re.compile(r"\s*\d+(?:[.,]\d+)?(?:\s*[-–]\s*\d+(?:[.,]\d+)?)?\s*")
_HEADER_TRAVEL_UNITS = (
    (re.compile(r"\b(km|kilometers?|kilometres?)\b"), "km"),
    (re.compile(r"\b(min|minuten|minutes|mins)\b"), "minuten"),
    (re.compile(r"\b(miles|mijl)\b"), "miles"),
)
_HEADER_TIME_UNITS = (re.compile(r"\b(uur|uren|hours?)\b"), "uur")
_HEADER_PERIODS = (
    (re.compile(r"per (maand|month)|maandelijks|monthly|/ ?(maand|month|mnd)"), "per maand"),
    (re.compile(r"per (week)|wekelijks|weekly|/ ?week"), "per week"),
    (re.compile(r"per (jaar|year)|jaarlijks|yearly|/ ?(jaar|year)"), "per jaar"),
)


def header_unit(fieldname: str, header: str) -> str | None:
    """The unit a header names for bare numbers below it ("Max. reistijd (minuten)" ->
    "minuten", "Uren per maand" -> "uur per maand"), so "45" is not a guess in that column."""
    folded = _fold(header)
    if fieldname == "max_travel":
        return next(
            (unit for pattern, unit in _HEADER_TRAVEL_UNITS if pattern.search(folded)), None
        )
    if fieldname == "time_budget":
        unit = _HEADER_TIME_UNITS[1] if _HEADER_TIME_UNITS[0].search(folded) else None
        period = next((p for pattern, p in _HEADER_PERIODS if pattern.search(folded)), None)
        if unit and period:
            return f"{unit} {period}"
    return None


def _fold(text: str) -> str:
    """Case-, accent- and whitespace-insensitive form of a name, for matching references."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace(".", " ").split())


class _TableBuilder:
    """Holds the state of one conversion; each method is one step of :func:`read_intake`."""

    def __init__(
        self, raw: RawTable, mapping: list[ColumnMatch], source: FormSource, country: str
    ) -> None:
        self.raw = raw
        self.mapping = mapping
        self.separator = multi_value_separator(source)
        self.default_country = country
        self.issues: list[Issue] = []
        self.excluded: list[ExcludedRow] = []
        self.records: list[dict[str, object]] = []
        self.field_index = {m.field: m.index for m in mapping if m.field}
        self.extra_headers = [m.header for m in mapping if m.field is None]
        self._header_units = {
            fieldname: unit
            for fieldname, unit in (
                (f, header_unit(f, raw.headers[i])) for f, i in self.field_index.items()
            )
            if unit
        }
        self._extra_index = [m.index for m in mapping if m.field is None]

    # -- helpers -----------------------------------------------------------------------------
    def _issue(
        self,
        severity: Severity,
        code: str,
        en: str,
        nl: str,
        row: int | None = None,
        fieldname: str | None = None,
        value: object = None,
    ) -> None:
        column = self.raw.headers[self.field_index[fieldname]] if fieldname else None
        shown = None if value is None else str(value)[:200]
        self.issues.append(Issue(severity, code, en, nl, self.raw.file, row, column, shown))

    def _cell(self, raw_row: RawRow, fieldname: str) -> object:
        index = self.field_index.get(fieldname)
        return None if index is None else raw_row.cells[index]

    def _note(self, parsed: v.Parsed, raw_row: RawRow, fieldname: str, value: object) -> None:
        """Report a guessed or unreadable answer as a warning naming row and column."""
        if parsed.status == v.ParseStatus.GUESSED:
            self._issue(
                Severity.WARNING,
                f"guessed_{fieldname}",
                parsed.note_en,
                parsed.note_nl,
                raw_row.row,
                fieldname,
                value,
            )
        elif parsed.status == v.ParseStatus.INVALID:
            self._issue(
                Severity.WARNING,
                f"unreadable_{fieldname}",
                parsed.note_en or f'"{value}" could not be read; the answer is ignored.',
                parsed.note_nl or f'"{value}" is niet te lezen; het antwoord wordt genegeerd.',
                raw_row.row,
                fieldname,
                value,
            )

    def _parse(
        self, raw_row: RawRow, fieldname: str, parser: Callable[[object], v.Parsed]
    ) -> object:
        value = self._cell(raw_row, fieldname)
        unit = self._header_units.get(fieldname)
        if unit and _BARE_AMOUNT.fullmatch(str(value if value is not None else "")):
            parsed = parser(f"{value} {unit}")  # "Uren per maand": 2,5 -> 2,5 uur per maand
            self._note(parsed, raw_row, fieldname, value)
            return parsed.value
        parsed = parser(value)
        self._note(parsed, raw_row, fieldname, value)
        return parsed.value

    # -- steps -------------------------------------------------------------------------------
    def check_columns(self) -> None:
        """Refuse a file without a column that identifies people; report guessed mappings."""
        identifying = {"name", "email", "first_name", "last_name"} & self.field_index.keys()
        if not identifying:
            raise IntakeFileError(
                Issue(
                    Severity.ERROR,
                    "no_columns",
                    "No column with names or e-mail addresses was recognised, so participants "
                    "cannot be told apart. Check that the first sheet holds the intake with a "
                    "header row (e.g. 'Naam', 'E-mail'), or map the columns with --mapping.",
                    "Er is geen kolom met namen of e-mailadressen herkend, dus deelnemers zijn "
                    "niet uit elkaar te houden. Controleer dat het blad de intake bevat met een "
                    "kopregel (bijv. 'Naam', 'E-mail'), of koppel de kolommen met --mapping.",
                    file=self.raw.file,
                )
            )
        self._duplicate_headers()
        for match in self.mapping:
            if match.field and match.confidence < GUESS_CONFIDENCE:
                self.issues.append(
                    Issue(
                        Severity.WARNING,
                        "guessed_column",
                        f'Column "{match.header}" was read as {match.field} (a guess, '
                        f"confidence {match.confidence:.0%}); correct it with a mapping file "
                        "if that is wrong.",
                        f'Kolom "{match.header}" is gelezen als {match.field} (een gok, '
                        f"zekerheid {match.confidence:.0%}); corrigeer dit zo nodig met een "
                        "koppelbestand.",
                        self.raw.file,
                        None,
                        match.header,
                    )
                )

    def _duplicate_headers(self) -> None:
        """A header written twice ("Naam", "Naam (2)"): say which column counts, so answers in
        the other one are not carried along unnoticed."""
        by_header = {m.header.casefold(): m for m in self.mapping}
        for match in self.mapping:
            base, _, number = match.header.rpartition(" (")
            first = by_header.get(base.casefold())
            if not (number.endswith(")") and number[:-1].isdigit()) or first is None:
                continue
            if first.field is None or match.field is not None:
                continue
            self.issues.append(
                Issue(
                    Severity.WARNING,
                    "duplicate_column",
                    f'Two columns are headed "{base}": the first is read as {first.field}, the '
                    f'other is kept as "{match.header}" and not used. Remove or rename the '
                    "column that is not meant, or choose with a mapping file.",
                    f'Twee kolommen heten "{base}": de eerste is gelezen als {first.field}, de '
                    f'andere is bewaard als "{match.header}" en wordt niet gebruikt. Verwijder '
                    "of hernoem de kolom die niet bedoeld is, of kies met een koppelbestand.",
                    self.raw.file,
                    None,
                    match.header,
                )
            )

    def build_records(self) -> None:
        """Turn each raw row into a record of normalised values, or exclude it with a reason."""
        geocoder = Geocoder(default_country=self.default_country)
        located: list[tuple[dict[str, object], RawRow, object, str | None, str | None]] = []
        for raw_row in self.raw.rows:
            record = self._record(raw_row)
            if record is None:
                continue
            hint = _COUNTRY_WORDS.get(_fold(str(self._cell(raw_row, "country") or "")))
            place_hint = v.clean_text(self._cell(raw_row, "place_hint"))
            located.append((record, raw_row, record["location"], hint, place_hint))
            self.records.append(record)
        self._locate(geocoder, located)
        if "level" not in self.field_index:
            self._levels_from_titles()

    def _levels_from_titles(self) -> None:
        """Without a level column, a title that names one (teamleider, manager, hoofd,
        directeur, praktijkhouder, senior) gives the level: a guess, said once for the
        column rather than per person."""
        titled = [r for r in self.records if isinstance(r["function"], str)]
        levels = [v.parse_level(r["function"]).value for r in titled]
        guessed = sum(1 for level in levels if level)
        if not guessed:
            return  # no title names a level: unknown for everyone, as the analysis says
        for record, level in zip(titled, levels, strict=True):
            record["level"] = level or 0
        if "function" in self.field_index:
            self._issue(
                Severity.INFO,
                "level_from_title",
                f"No column gives the hierarchy level; for {guessed} participants it was taken "
                "from the function title (teamleider, manager, directeur, senior ...), the "
                "others count as staff. A column such as 'Wat is je positie?' makes it certain.",
                f"Geen kolom geeft het hiërarchisch niveau; voor {guessed} deelnemers is het "
                "afgeleid uit de functietitel (teamleider, manager, directeur, senior ...), de "
                "anderen tellen als medewerker. Een kolom zoals 'Wat is je positie?' maakt het "
                "zeker.",
                None,
                "function",
            )

    def _record(self, raw_row: RawRow) -> dict[str, object] | None:
        name = v.clean_text(self._cell(raw_row, "name"))
        if name is None:
            parts = [v.clean_text(self._cell(raw_row, f)) for f in ("first_name", "last_name")]
            name = " ".join(p for p in parts if p) or None
        email_value = self._cell(raw_row, "email")
        email = v.parse_email(email_value)
        self._note(email, raw_row, "email", email_value)
        if name is None and email.value is None:
            self.excluded.append(
                ExcludedRow(
                    raw_row.row,
                    "no name and no e-mail address: this row cannot be told apart from others",
                    "geen naam en geen e-mailadres: deze rij is niet van andere te onderscheiden",
                )
            )
            self._issue(
                Severity.ERROR,
                "no_identity",
                "This row has neither a name nor an e-mail address and was left out; "
                "fill in one of them.",
                "Deze rij heeft geen naam en geen e-mailadres en is weggelaten; vul er een in.",
                raw_row.row,
            )
            return None
        if name is None:
            name = str(email.value)
        function = v.clean_text(self._cell(raw_row, "function"))
        if function is None and "function" in self.field_index:
            self._issue(
                Severity.WARNING,
                "missing_function",
                f"{name} gave no function; they can only be grouped on the other answers.",
                f"{name} heeft geen functie ingevuld; indeling gebeurt dan op de overige "
                "antwoorden.",
                raw_row.row,
                "function",
            )
        moments_value = self._cell(raw_row, "meeting_moments")
        moments = v.parse_meeting_moments(moments_value, self.separator)
        self._note(moments, raw_row, "meeting_moments", moments_value)
        days = parse_meeting_days(moments_value, self.separator)
        self._note(days, raw_row, "meeting_moments", moments_value)
        travel = self._parse(raw_row, "max_travel", v.parse_max_travel)
        submitted = v.parse_datetime(self._cell(raw_row, "submitted_at"))
        record: dict[str, object] = {
            "pid": f"R{raw_row.row:04d}",
            "source_row": raw_row.row,
            "name": name,
            # an invalid address is kept as typed (and flagged), never blanked; only a valid one
            # identifies a person for duplicates and references
            "email": email.value if email.value is not None else v.clean_text(email_value),
            "email_key": email.value,
            "function": function,
            "organisation": v.clean_text(self._cell(raw_row, "organisation")),
            "team": v.clean_text(self._cell(raw_row, "team")),
            "level": self._parse(raw_row, "level", v.parse_level),
            "manager": v.clean_text(self._cell(raw_row, "manager")),
            "manager_pid": None,
            "learn_give": self._parse(raw_row, "learn_give", v.parse_learn_give),
            "learning_goals": v.clean_text(self._cell(raw_row, "learning_goals")),
            "learning_style": self._parse(raw_row, "learning_style", v.parse_learning_style),
            "time_budget_h_per_month": self._parse(raw_row, "time_budget", v.parse_time_budget),
            "meeting_moments": tuple(moments.value or ()),
            "meeting_days": tuple(days.value or ()),
            "location": v.clean_text(self._cell(raw_row, "location"))
            or v.clean_text(self._cell(raw_row, "place_hint")),
            "place": None,
            "country": None,
            "lat": math.nan,
            "lon": math.nan,
            "max_travel_km": math.nan if travel is None or travel == math.inf else travel,
            "online": self._parse(raw_row, "online", v.parse_online),
            "experience": self._parse(raw_row, "experience", v.parse_experience),
            "avoid": v.clean_text(self._cell(raw_row, "avoid")),
            "avoid_pids": (),
            "facilitator_wish": self._parse(raw_row, "facilitator_wish", v.parse_yes_no),
            "remarks": v.clean_text(self._cell(raw_row, "remarks")),
            "submitted_at": submitted.value,
        }
        if not record["meeting_moments"] and "meeting_moments" in self.field_index:
            self._issue(
                Severity.WARNING,
                "no_moments",
                f"{name} chose no meeting moment; they are treated as available at any moment.",
                f"{name} koos geen moment; we gaan ervan uit dat elk moment kan.",
                raw_row.row,
                "meeting_moments",
            )
        for header, index in zip(self.extra_headers, self._extra_index, strict=True):
            record[f"extra:{header}"] = raw_row.cells[index]
        return record

    def _locate(self, geocoder: Geocoder, located: list) -> None:
        """Geocode locations; a bare code valid in both countries follows the cohort's country."""
        matches = [
            geocoder.locate(text, country_hint=hint, place_hint=place)
            for _, _, text, hint, place in located
        ]
        countries = Counter(m.country for m in matches if m.country and not m.ambiguous)
        cohort = countries.most_common(1)[0][0] if countries else self.default_country
        for (record, raw_row, text, hint, place), match in zip(located, matches, strict=True):
            if match.ambiguous and cohort != match.country and hint is None:
                match = geocoder.locate(text, country_hint=cohort, place_hint=place)
            record["place"], record["country"] = match.place, match.country
            if match.lat is not None:
                record["lat"], record["lon"] = match.lat, match.lon
            fieldname = "location" if "location" in self.field_index else "place_hint"
            if match.status == "empty":
                if fieldname in self.field_index:
                    self._issue(
                        Severity.WARNING,
                        "no_location",
                        f"{record['name']} gave no postcode or place; travel cannot be "
                        "taken into account for them.",
                        f"{record['name']} gaf geen postcode of plaats; met reisafstand kan "
                        "voor hen geen rekening worden gehouden.",
                        raw_row.row,
                        fieldname,
                    )
            elif match.status in ("guessed", "invalid"):
                self._issue(
                    Severity.WARNING,
                    "ambiguous_location" if match.ambiguous else f"{match.status}_location",
                    match.note_en,
                    match.note_nl,
                    raw_row.row,
                    fieldname,
                    text,
                )

    def drop_duplicates(self) -> None:
        """Keep the latest submission per e-mail (else per name + organisation)."""
        groups: dict[tuple[str, ...], list[dict[str, object]]] = defaultdict(list)
        for record in self.records:
            if record["email_key"]:
                key: tuple[str, ...] = ("email", str(record["email_key"]))
            else:
                key = ("name", _fold(str(record["name"])), _fold(str(record["organisation"] or "")))
            groups[key].append(record)
        dropped: set[int] = set()
        for records in groups.values():
            if len(records) < 2:
                continue
            keeper = max(records, key=_submission_order)
            for record in records:
                if record is keeper:
                    continue
                dropped.add(id(record))
                row, kept = record["source_row"], keeper["source_row"]
                self.excluded.append(
                    ExcludedRow(
                        int(row),  # type: ignore[arg-type]
                        f"an earlier submission by the same person; row {kept} counts",
                        f"een eerdere inzending van dezelfde persoon; rij {kept} telt",
                    )
                )
                self.issues.append(
                    Issue(
                        Severity.INFO,
                        "duplicate",
                        f"{record['name']} submitted more than once; the later submission "
                        f"(row {kept}) counts and this one is set aside.",
                        f"{record['name']} heeft meer dan eens ingezonden; de latere inzending "
                        f"(rij {kept}) telt en deze wordt terzijde gelegd.",
                        self.raw.file,
                        int(row),  # type: ignore[arg-type]
                    )
                )
        self.records = [r for r in self.records if id(r) not in dropped]

    def resolve_references(self) -> None:
        """Resolve manager and avoid answers to participants' pids; report what does not."""
        directory = _Directory(self.records)
        managers_elsewhere = 0
        for record in self.records:
            row = int(record["source_row"])  # type: ignore[arg-type]
            if record["manager"]:
                pid, problem = directory.find(str(record["manager"]), record)
                if pid == record["pid"]:
                    pid, problem = None, "self"
                record["manager_pid"] = pid
                if problem == "unknown":
                    managers_elsewhere += 1
                elif problem:
                    self._reference_issue(problem, "manager", row, str(record["manager"]))
            if record["avoid"]:
                record["avoid_pids"] = self._avoid_pids(directory, record, row)
        if managers_elsewhere:
            self.issues.append(
                Issue(
                    Severity.INFO,
                    "managers_not_enrolled",
                    f"{managers_elsewhere} participants name a manager who does not take part; "
                    "nobody needs to be kept apart for those reporting lines.",
                    f"{managers_elsewhere} deelnemers noemen een leidinggevende die niet "
                    "meedoet; voor die lijnen hoeft niemand gescheiden te worden.",
                    self.raw.file,
                )
            )

    def _avoid_pids(
        self, directory: _Directory, record: dict[str, object], row: int
    ) -> tuple[str, ...]:
        """The participants someone would rather not be grouped with, as pids."""
        pids: list[str] = []
        for reference in v.split_multi(record["avoid"], None):
            name = _strip_avoid_phrasing(reference)
            if not name or _fold(name) in _NOBODY:
                continue
            if _TEAM_WORDS & set(_fold(name).split()):
                self._issue(
                    Severity.INFO,
                    "avoid_team",
                    f'"{reference}": colleagues from the same team are never grouped together.',
                    f'"{reference}": collega\'s uit hetzelfde team komen nooit samen in een groep.',
                    row,
                    "avoid",
                    reference,
                )
                continue
            pid, problem = directory.find(name, record)
            if pid and pid != record["pid"]:
                pids.append(pid)
            elif problem:
                self._reference_issue(problem, "avoid", row, reference)
        return tuple(dict.fromkeys(pids))

    def _reference_issue(self, problem: str, fieldname: str, row: int, reference: str) -> None:
        what_en = "manager" if fieldname == "manager" else "person to avoid"
        what_nl = "leidinggevende" if fieldname == "manager" else "te vermijden persoon"
        if problem == "ambiguous":
            severity, en, nl = (
                Severity.WARNING,
                f'The {what_en} "{reference}" matches more than one participant; '
                "use a full name or e-mail address.",
                f'De {what_nl} "{reference}" past bij meer dan een deelnemer; '
                "gebruik een volledige naam of e-mailadres.",
            )
        elif problem == "self":
            severity, en, nl = (
                Severity.WARNING,
                f"This person named themselves as {what_en}; the answer is ignored.",
                f"Deze persoon noemt zichzelf als {what_nl}; het antwoord wordt genegeerd.",
            )
        elif fieldname == "manager":
            severity, en, nl = (
                Severity.INFO,
                f'The manager "{reference}" is not among the participants, so no one else '
                "is kept apart for this reporting line.",
                f'De leidinggevende "{reference}" doet niet mee; voor deze lijn hoeft '
                "niemand anders gescheiden te worden.",
            )
        else:
            severity, en, nl = (
                Severity.WARNING,
                f'"{reference}" could not be found among the participants; this wish cannot '
                "be taken into account.",
                f'"{reference}" is niet gevonden onder de deelnemers; met deze wens kan geen '
                "rekening worden gehouden.",
            )
        self._issue(severity, f"{problem}_{fieldname}", en, nl, row, fieldname, reference)

    def to_frame(self) -> pd.DataFrame:
        """The participant table, columns in contract order, extra columns after them."""
        extra = [f"extra:{h}" for h in self.extra_headers]
        frame = (
            pd.DataFrame.from_records(self.records, columns=[*TABLE_COLUMNS, *extra])
            if self.records
            else pd.DataFrame(columns=[*TABLE_COLUMNS, *extra])
        )
        frame = frame.rename(columns={f"extra:{h}": _extra_name(h) for h in self.extra_headers})
        for column in INTEGER_COLUMNS:
            frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
        frame["facilitator_wish"] = pd.array(frame["facilitator_wish"].tolist(), dtype="boolean")
        for column in FLOAT_COLUMNS:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
        frame["source_row"] = frame["source_row"].astype(int)
        frame["submitted_at"] = pd.to_datetime(frame["submitted_at"], errors="coerce")
        frame.index = pd.Index(frame["pid"].tolist(), name=None)
        return frame


_NOBODY = frozenset(
    {
        "geen",
        "niemand",
        "nee",
        "none",
        "nobody",
        "no one",
        "no",
        "n v t",
        "nvt",
        "geen voorkeur",
        "no preference",
        "maakt niet uit",
        "nee hoor",
        "n/a",
    }
)
_TEAM_WORDS = frozenset(
    {"collega", "collegas", "colleague", "colleagues", "team", "teamgenoten", "afdeling"}
)
_AVOID_PHRASES = re.compile(
    r"^(?:liever\s+niet\s+met|niet\s+met|niet\s+samen\s+met|rather\s+not\s+with|"
    r"not\s+with|not\s+together\s+with)\s+|\s+(?:graag|aub|a\.u\.b\.|please)$",
    re.IGNORECASE,
)


def _strip_avoid_phrasing(reference: str) -> str:
    """'Niet met Inge Verbeek graag' -> 'Inge Verbeek'."""
    previous = None
    text = reference.strip().rstrip(".!")
    while previous != text:
        previous, text = text, _AVOID_PHRASES.sub("", text).strip()
    return text


def _extra_name(header: str) -> str:
    """An extra column keeps its header, unless that would clash with a contract column."""
    return f"{header} (input)" if header in TABLE_COLUMNS else header


def _submission_order(record: Mapping[str, object]) -> tuple[datetime, int]:
    submitted = record["submitted_at"]
    moment = submitted if isinstance(submitted, datetime) else datetime.min
    return (moment.replace(tzinfo=None), int(record["source_row"]))  # type: ignore[arg-type]


class _Directory:
    """Finds a participant by e-mail, full name, or a first name unique within an organisation."""

    def __init__(self, records: list[dict[str, object]]) -> None:
        self.by_email: dict[str, str] = {}
        self.by_name: dict[str, list[str]] = defaultdict(list)
        self.by_first: dict[tuple[str, str], list[str]] = defaultdict(list)
        for record in records:
            pid = str(record["pid"])
            if record.get("email_key"):
                self.by_email[str(record["email_key"])] = pid
            full = _fold(str(record["name"]))
            self.by_name[full].append(pid)
            first = full.split(" ")[0] if full else ""
            self.by_first[(first, _fold(str(record["organisation"] or "")))].append(pid)

    def find(self, reference: str, asker: Mapping[str, object]) -> tuple[str | None, str | None]:
        """(pid, None) when found; (None, "ambiguous" | "unknown") otherwise."""
        text = reference.strip().strip("<>").removeprefix("mailto:")
        if "@" in text:
            pid = self.by_email.get(text.lower())
            return (pid, None) if pid else (None, "unknown")
        folded = _fold(text)
        candidates = self.by_name.get(folded, [])
        if len(candidates) == 1:
            return candidates[0], None
        if len(candidates) > 1:
            return None, "ambiguous"
        if " " not in folded:
            organisation = _fold(str(asker["organisation"] or ""))
            candidates = self.by_first.get((folded, organisation), [])
            if len(candidates) == 1:
                return candidates[0], None
            if len(candidates) > 1:
                return None, "ambiguous"
        return None, "unknown"
