"""Problems found in an intake file, phrased for the coordinator who has to fix them.

Every issue names the file, the spreadsheet row as the user sees it (1-based, header rows
included) and the column header, so it can be found in Excel without guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How much an issue matters for forming groups."""

    ERROR = "error"  # this person cannot be placed as is (or the file cannot be read)
    WARNING = "warning"  # a value was guessed or ignored; check it
    INFO = "info"  # worth knowing, nothing to do


class IssueKind(StrEnum):
    """What an issue is about, in the order a coordinator should look at them: first what
    changes the groups (errors, where people are, who may not meet whom, who counts twice),
    then what changes a detail, then notes."""

    ERROR = "error"  # a person cannot be placed as is, or the file cannot be used
    LOCATION = "location"  # an ambiguous, unknown or missing postcode, place or country
    REFERENCE = "reference"  # a manager or "rather not with" that is ambiguous or unknown
    DUPLICATE = "duplicate"  # the same person submitted more than once
    EMAIL = "email"  # an e-mail address that is not valid
    ANSWER = "answer"  # an answer read with a guess, or not readable
    COLUMN = "column"  # how a column was read; assumptions that hold for a whole column
    NOTE = "note"  # worth knowing, changes nothing

    def label(self, lang: str = "en") -> str:
        """The kind's name for a coordinator."""
        return _KIND_LABELS[self][1 if lang == "nl" else 0]


_KIND_LABELS = {
    IssueKind.ERROR: ("errors", "fouten"),
    IssueKind.LOCATION: ("postcode or place", "postcode of plaats"),
    IssueKind.REFERENCE: ("manager or avoid wish", "leidinggevende of vermijdwens"),
    IssueKind.DUPLICATE: ("duplicate submissions", "dubbele inzendingen"),
    IssueKind.EMAIL: ("e-mail addresses", "e-mailadressen"),
    IssueKind.ANSWER: ("answers read with a guess", "antwoorden met een aanname"),
    IssueKind.COLUMN: ("columns", "kolommen"),
    IssueKind.NOTE: ("notes", "opmerkingen"),
}
KIND_ORDER = {kind: rank for rank, kind in enumerate(IssueKind)}
_COLUMN_CODES = frozenset(
    {
        "guessed_column",
        "duplicate_column",
        "column_without_header",
        "header_not_on_first_row",
        "column_note",
        "sheet_chosen",
        "level_from_title",
    }
)


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem in the intake, in Dutch and English.

    ``code`` is a stable machine key (``unknown_postcode``); ``row`` is the spreadsheet row
    number as shown by Excel (``None`` for file-level issues); ``column`` the header text as it
    stands in the file.
    """

    severity: Severity
    code: str
    message_en: str
    message_nl: str
    file: str = ""
    row: int | None = None
    column: str | None = None
    value: str | None = None

    def message(self, lang: str = "en") -> str:
        """The message in ``lang`` ("en" or "nl")."""
        return self.message_nl if lang == "nl" else self.message_en

    @property
    def kind(self) -> IssueKind:
        """What the issue is about (see `IssueKind`), from its severity and code."""
        code = self.code
        if self.severity == Severity.ERROR:
            return IssueKind.ERROR
        if code.endswith("_location"):
            return IssueKind.LOCATION
        if code.endswith(("_manager", "_avoid")) or code == "avoid_team":
            return IssueKind.REFERENCE if self.severity == Severity.WARNING else IssueKind.NOTE
        if code == "duplicate":
            return IssueKind.DUPLICATE
        if code.endswith("_email"):
            return IssueKind.EMAIL
        if code in _COLUMN_CODES:
            return IssueKind.COLUMN
        if self.severity == Severity.WARNING:
            return IssueKind.ANSWER
        return IssueKind.NOTE

    def where(self, lang: str = "en") -> str:
        """Where to look, e.g. ``intake.xlsx, row 12, column "Postcode"``."""
        parts = [self.file] if self.file else []
        if self.row is not None:
            parts.append(f"{'rij' if lang == 'nl' else 'row'} {self.row}")
        if self.column:
            parts.append(f'{"kolom" if lang == "nl" else "column"} "{self.column}"')
        return ", ".join(parts)


def ranked(issues: list[Issue]) -> list[Issue]:
    """Issues in the order that matters: by kind (`IssueKind`), then severity, then row."""
    severity = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    return sorted(issues, key=lambda i: (KIND_ORDER[i.kind], severity[i.severity], i.row or 0))


def count_by_kind(issues: list[Issue]) -> dict[IssueKind, int]:
    """How many issues of each kind, most important kind first (kinds without any left out)."""
    counts = {kind: 0 for kind in IssueKind}
    for issue in issues:
        counts[issue.kind] += 1
    return {kind: n for kind, n in counts.items() if n}


class IntakeFileError(Exception):
    """The file as a whole cannot be read; carries one clear, bilingual message.

    Raised for files that are not spreadsheets, empty, encrypted, corrupt or too large. The CLI
    prints ``issue.where()`` and ``issue.message()`` and exits with code 1, never a traceback.
    """

    def __init__(self, issue: Issue) -> None:
        super().__init__(f"{issue.where()}: {issue.message_en}")
        self.issue = issue
