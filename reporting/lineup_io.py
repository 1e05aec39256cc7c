"""Reading a line-up back: the workbook this tool wrote (after edits), or a simple sheet.

A consultant edits the Group (and Pinned) column of the Participants sheet, or hands in a
two-column sheet "name or e-mail" + "group". Both come back as a :class:`Lineup`: who is in
which group, who is pinned, the participant table (from the workbook's hidden data sheet,
or from the intake file given alongside), and each group's stored moment and place (hidden
``_groups`` sheet; a workbook written before it existed has none) and whether the coordinator
made it online (the Overview's Online column).
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from python_calamine import CalamineWorkbook

from intake.issues import IntakeFileError, Issue, Severity
from intake.reading import read_table
from optimiser.intervision.choices import GroupChoice
from reporting.labels import LABELS, label
from reporting.table_io import CHOICES_SHEET, HIDDEN_SHEET, choices_from_rows, table_from_rows

_GROUP_WORDS = {"group", "groep", "groepsnummer", "group number", "intervisiegroep"}
_PIN_WORDS = {"pinned", "vast", "pin", "vastgezet", "locked"}
_ID_WORDS = {"id", "pid"}
_EMAIL_WORDS = {"e-mail", "email", "e-mailadres", "email address", "mail"}
_NAME_WORDS = {"name", "naam", "full name", "volledige naam"}
_YES = {"x", "ja", "yes", "y", "j", "1", "true", "waar", "pinned", "vast"}


@dataclass
class Lineup:
    """A line-up as read: ``groups[pid]`` is a 1-based group number or None (not placed)."""

    file: str
    table: pd.DataFrame
    groups: dict[str, int | None]
    pinned: set[str]
    issues: list[Issue] = field(default_factory=list)
    choices: dict[int, GroupChoice] = field(default_factory=dict)


def _fold(text: object) -> str:
    plain = unicodedata.normalize("NFKD", str(text or ""))
    return " ".join("".join(c for c in plain if not unicodedata.combining(c)).casefold().split())


def read_lineup(path: Path, intake_table: pd.DataFrame | None = None) -> Lineup:
    """Read a line-up; ``intake_table`` is needed when the file is not this tool's workbook."""
    path = Path(path)
    table = _hidden_table(path)
    if table is None:
        table = intake_table
    if table is None:
        raise IntakeFileError(
            Issue(
                Severity.ERROR,
                "lineup_needs_intake",
                "This line-up is not a workbook written by intervisie, so the participants' "
                "answers are not in it. Give the intake file too, with --intake.",
                "Deze indeling is geen werkmap van intervisie, dus de antwoorden van de "
                "deelnemers staan er niet in. Geef ook het intakebestand op, met --intake.",
                file=path.name,
            )
        )
    raw, issues = read_table(path, sheet=_participants_sheet(path))
    headers = [_fold(h) for h in raw.headers]
    group_col = _find(headers, _GROUP_WORDS)
    if group_col is None:
        raise IntakeFileError(
            Issue(
                Severity.ERROR,
                "lineup_no_group_column",
                'No "Group" column was found in the line-up; add one with the group number '
                "of each person.",
                'Er is geen kolom "Groep" gevonden in de indeling; voeg er een toe met het '
                "groepsnummer van iedereen.",
                file=path.name,
            )
        )
    pin_col = _find(headers, _PIN_WORDS)
    finder = _PersonFinder(table)
    columns = (_find(headers, _ID_WORDS), _find(headers, _EMAIL_WORDS), _find(headers, _NAME_WORDS))
    groups: dict[str, int | None] = dict.fromkeys(table.index.astype(str))
    pinned: set[str] = set()
    for raw_row in raw.rows:
        keys = [raw_row.cells[c] if c is not None else None for c in columns]
        pid = finder.find(*keys)
        if pid is None:
            issues.append(
                Issue(
                    Severity.ERROR,
                    "lineup_unknown_person",
                    "This person is not among the participants of the intake; the row is "
                    "ignored. Check the name or e-mail address.",
                    "Deze persoon staat niet tussen de deelnemers van de intake; de rij wordt "
                    "genegeerd. Controleer de naam of het e-mailadres.",
                    path.name,
                    raw_row.row,
                    raw.headers[next(c for c in columns if c is not None)],
                    " / ".join(str(k) for k in keys if k),
                )
            )
            continue
        group = _group_number(raw_row.cells[group_col])
        if group is False:
            issues.append(
                Issue(
                    Severity.ERROR,
                    "lineup_bad_group",
                    "The group must be a whole number (or empty for not placed); the row is "
                    "treated as not placed.",
                    "De groep moet een heel getal zijn (of leeg voor niet ingedeeld); de rij "
                    "telt als niet ingedeeld.",
                    path.name,
                    raw_row.row,
                    raw.headers[group_col],
                    str(raw_row.cells[group_col]),
                )
            )
            group = None
        groups[pid] = group  # type: ignore[assignment]
        if pin_col is not None and _fold(raw_row.cells[pin_col]) in _YES:
            pinned.add(pid)
    return Lineup(path.name, table, groups, pinned, issues, _choices(path))


def _choices(path: Path) -> dict[int, GroupChoice]:
    """Each group's stored moment and place, with the Overview's Online column applied."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return {}
    try:
        book = CalamineWorkbook.from_path(str(path))
        stored = book.get_sheet_by_name(CHOICES_SHEET).to_python()
    except Exception:  # noqa: BLE001 - no such sheet (an older workbook): nothing stored
        stored = []
    choices = choices_from_rows(stored) if stored else {}
    for group, online in _online_column(book if stored else None, path).items():
        choice = choices.get(group, GroupChoice())
        choices[group] = GroupChoice(choice.moment, choice.place, online)
    return choices


def _online_column(book: CalamineWorkbook | None, path: Path) -> dict[int, bool]:
    """Group number -> whether the Overview's Online column is marked (either language)."""
    try:
        book = book or CalamineWorkbook.from_path(str(path))
        wanted = set(LABELS["overview"].values())
        name = next((n for n in book.sheet_names if n in wanted), None)
        rows = book.get_sheet_by_name(name).to_python() if name else []
    except Exception:  # noqa: BLE001 - an unreadable workbook is read_table's to report
        return {}
    if not rows:
        return {}
    headers = [_fold(h) for h in rows[0]]
    group_col = _find(headers, _GROUP_WORDS)
    online_col = _find(headers, {"online"})
    if group_col is None or online_col is None:
        return {}
    found = {}
    for row in rows[1:]:
        group = _group_number(row[group_col]) if group_col < len(row) else None
        if isinstance(group, int) and not isinstance(group, bool) and online_col < len(row):
            found[group] = _fold(row[online_col]) in _YES
    return found


def _hidden_table(path: Path) -> pd.DataFrame | None:
    """The participant table from the workbook's hidden sheet, if this is our workbook."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return None
    try:
        book = CalamineWorkbook.from_path(str(path))
        if HIDDEN_SHEET not in book.sheet_names:
            return None
        rows = book.get_sheet_by_name(HIDDEN_SHEET).to_python()
    except Exception:  # noqa: BLE001 - any unreadable workbook is read_table's to report
        return None
    headers = [str(h) for h in rows[0]]
    data = [[None if c == "" else c for c in row] for row in rows[1:] if any(c != "" for c in row)]
    return table_from_rows(headers, data)


def _participants_sheet(path: Path) -> str | None:
    """The Participants sheet (either language) of our workbook, else let the reader choose."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return None
    try:
        names = CalamineWorkbook.from_path(str(path)).sheet_names
    except Exception:  # noqa: BLE001 - read_table reports unreadable files
        return None
    wanted = set(LABELS["participants"].values())
    return next((n for n in names if n in wanted), None)


def workbook_settings(path: Path) -> dict[str, object]:
    """What the workbook's Settings sheet (either language) records: input file, fingerprint,
    seed, settings TOML; empty for a workbook without one."""
    try:
        book = CalamineWorkbook.from_path(str(path))
        wanted = set(LABELS["settings"].values())
        name = next((n for n in book.sheet_names if n in wanted), None)
        rows = book.get_sheet_by_name(name).to_python() if name else []
    except Exception:  # noqa: BLE001 - an unreadable workbook simply records nothing
        return {}
    keys = {
        label(key, lang): key
        for key in ("input_file", "input_sha256", "seed", "version")
        for lang in ("en", "nl")
    }
    return {
        keys.get(str(row[0]), str(row[0])): row[1]
        for row in rows[1:]
        if len(row) >= 2 and row[0] != ""
    }


def _find(headers: list[str], words: set[str]) -> int | None:
    return next((i for i, h in enumerate(headers) if h in words), None)


def _group_number(value: object) -> int | bool | None:
    """1-based group number, None for empty, False when unreadable."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip().casefold()
    for prefix in ("groep", "group"):
        text = text.removeprefix(prefix).strip()
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return False
    return int(number) if number.is_integer() and number >= 1 else False


class _PersonFinder:
    """Matches a line-up row to a participant by id, e-mail or full name."""

    def __init__(self, table: pd.DataFrame) -> None:
        self.ids = set(table.index.astype(str))
        self.by_email = {
            _fold(e): pid for pid, e in table["email"].items() if isinstance(e, str) and e
        }
        names: dict[str, list[str]] = {}
        for pid, name in table["name"].items():
            names.setdefault(_fold(name), []).append(str(pid))
        self.by_name = {k: v[0] for k, v in names.items() if len(v) == 1}

    def find(self, pid: object, email: object, name: object) -> str | None:
        if pid is not None and str(pid) in self.ids:
            return str(pid)
        if email is not None and _fold(email) in self.by_email:
            return self.by_email[_fold(email)]
        if name is not None:
            return self.by_name.get(_fold(name))
        return None
