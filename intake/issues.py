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

    def where(self, lang: str = "en") -> str:
        """Where to look, e.g. ``intake.xlsx, row 12, column "Postcode"``."""
        parts = [self.file] if self.file else []
        if self.row is not None:
            parts.append(f"{'rij' if lang == 'nl' else 'row'} {self.row}")
        if self.column:
            parts.append(f'{"kolom" if lang == "nl" else "column"} "{self.column}"')
        return ", ".join(parts)


class IntakeFileError(Exception):
    """The file as a whole cannot be read; carries one clear, bilingual message.

    Raised for files that are not spreadsheets, empty, encrypted, corrupt or too large. The CLI
    prints ``issue.where()`` and ``issue.message()`` and exits with code 1, never a traceback.
    """

    def __init__(self, issue: Issue) -> None:
        super().__init__(f"{issue.where()}: {issue.message_en}")
        self.issue = issue
