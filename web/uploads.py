"""Taking an uploaded file in: size limits while streaming, kept under the session's folder.

The file's type is never trusted from its name or the browser's content type: the intake
reader decides by the bytes (zip-based workbook, old Excel, OpenDocument or text), the same
as for the command line, so a renamed or disguised file gets the same clear message.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import BinaryIO

from web.sessions import safe_file_name

CHUNK = 1 << 16


class UploadTooLarge(Exception):
    """The upload is bigger than the configured maximum (HTTP 413)."""

    def __init__(self, max_bytes: int, name: str | None = None) -> None:
        self.max_bytes = max_bytes
        self.name = name  # None when refused on the announced size, before the name is read
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        """Names the file, like the intake reader's messages, in English or Dutch."""
        limit = _size(self.max_bytes)
        if lang == "nl":
            what = f"'{self.name}' is" if self.name else "Het bestand is"
            return (
                f"{what} groter dan {limit}; een intake-export is normaal veel kleiner. "
                "Verwijder andere bladen of afbeeldingen, of exporteer alleen de antwoorden."
            )
        what = f"'{self.name}' is" if self.name else "The file is"
        return (
            f"{what} larger than {limit}; an intake export is normally far smaller. "
            "Remove other sheets or pictures, or export only the answers."
        )


class TableTooLarge(UploadTooLarge):
    """The file has more rows than the web app takes (HTTP 413): refused right after reading,
    before any analysis, so one huge or junk file cannot grow the server past its memory."""

    def __init__(self, max_rows: int, rows: int, name: str | None) -> None:
        self.max_rows, self.rows = max_rows, rows
        super().__init__(0, name)

    def message(self, lang: str = "en") -> str:
        name = self.name or "intake"
        if lang == "nl":
            return (
                f"'{name}' heeft {self.rows:,} rijen; de web-app neemt intakes van hoogstens "
                f"{self.max_rows:,} rijen (één programma). Splits het bestand, bijvoorbeeld per "
                "regio, of gebruik de opdrachtregel (intervisie form) voor grotere bestanden."
            ).replace(",", ".")
        return (
            f"'{name}' has {self.rows:,} rows; the web app takes intakes of up to "
            f"{self.max_rows:,} rows (one programme). Split the file, for instance by region, "
            "or use the command line (intervisie form) for larger files."
        )


def _size(n_bytes: int) -> str:
    return f"{n_bytes / 1e6:.0f} MB" if n_bytes >= 1_000_000 else f"{n_bytes / 1e3:.0f} kB"


def save_upload(source: BinaryIO, name: str | None, folder: Path, max_bytes: int) -> Path:
    """Copy ``source`` to ``folder/incoming/<safe name>``, refusing more than ``max_bytes``.

    The file stays in "incoming" until it has been read successfully (see
    :func:`web.service.load_upload`), so a bad new file never replaces a good earlier one.
    """
    target_folder = folder / "incoming"
    shutil.rmtree(target_folder, ignore_errors=True)
    target_folder.mkdir(mode=0o700)
    target = target_folder / safe_file_name(name)
    written = 0
    # 0600 from the first byte: an intake holds personal data
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        while block := source.read(CHUNK):
            written += len(block)
            if written > max_bytes:
                out.close()
                shutil.rmtree(target_folder, ignore_errors=True)
                raise UploadTooLarge(max_bytes, target.name)
            out.write(block)
    return target
