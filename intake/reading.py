"""Read any intake file into a raw table of cells, robustly and safely.

Coordinators upload whatever they have: a Forms export, a hand-made workbook with a title
banner and an instructions sheet, a CSV saved by Excel in Windows-1252 with semicolons. This
module finds the table in it (which sheet, which header row, which rows are data) and keeps
every cell at the row number Excel shows, so later messages can point at it. It never
interprets cell meaning; that is the normaliser's job.

The file type is decided by content, not by extension, and every size is checked before the
file is parsed, so a hostile or broken upload ends in one clear bilingual `IntakeFileError`
instead of a traceback or an exhausted machine.

Error codes: not_found, cannot_open, empty_file, not_a_spreadsheet, encrypted, corrupt,
too_large, zip_bomb, sheet_not_found, no_header, no_data, legacy_xls_unreadable.
Note codes: sheet_chosen, header_not_on_first_row, summary_row_skipped, column_without_header,
unreadable_characters.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import python_calamine

from intake.formulas import has_formulas, valueless_formulas
from intake.issues import IntakeFileError, Issue, Severity

Cell = str | int | float | bool | dt.datetime | None

ACCEPTED_FORMATS = ".xlsx, .xlsm, .xls, .ods, .csv, .tsv, .txt"

# The header is looked for among this many non-blank rows at the top of a sheet.
_HEADER_SEARCH_ROWS = 30
# Rows after a header candidate whose width tells whether the candidate spans the table.
_WIDTH_PROBE_ROWS = 5
# Words that make a row look like the header of an intake (lower case, whole words).
# fmt: off
_HEADER_HINTS = (
    "naam", "name", "voornaam", "achternaam", "e-mail", "email", "e-mailadres", "mail",
    "functie", "function", "rol", "role", "organisatie", "organisation", "organization",
    "team", "afdeling", "department", "postcode", "woonplaats", "plaats", "locatie",
    "location", "leidinggevende", "manager", "leren", "learn", "geven", "give",
    "tijdstempel", "timestamp", "id", "start time", "begintijd", "completion time",
    "tijd van voltooien", "opmerkingen", "remarks", "niveau", "level", "ervaring",
)
# fmt: on
# A trailing line that starts with one of these words summarises the table, it is no person.
_SUMMARY_START = re.compile(
    r"^\s*(sub)?(totaal|totalen|total|totals|som|sum|aantal|count|gemiddelde|average)\b",
    re.IGNORECASE,
)
# Strings made only of digits and separators are numbers or dates, not header words.
_NUMBER_OR_DATE_TEXT = re.compile(r"^[\d\s.,:;/\\+\-€%()]+$")

_CSV_DELIMITERS = (",", ";", "\t")
_CSV_SNIFF_CHARS = 65_536
_CSV_SNIFF_RECORDS = 50

_ZIP_TOTAL_FACTOR = 20  # uncompressed members may sum to at most this many times max_bytes
_ZIP_ABSURD_RATIO = 200  # ordinary xlsx parts compress 5-30x; deflate bombs reach ~1000x
_ZIP_RATIO_MIN_BYTES = 16_000_000  # below this size a high ratio is harmless

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
_NOT_SPREADSHEET_MAGIC = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"RIFF", "media file"),
    (b"\x1f\x8b", "gzip archive"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"{\\rtf", "RTF document"),
)


@dataclass(frozen=True)
class RawRow:
    """One data row, its cells aligned with `RawTable.headers`.

    ``row`` is the spreadsheet row number as Excel shows it (for CSV the line on which the
    record starts, header line = 1), so every later message can say where to look.
    """

    row: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class RawTable:
    """The table found in an intake file: headers as written, data rows, where it came from."""

    file: str
    sheet: str | None
    header_row: int
    headers: tuple[str, ...]
    rows: tuple[RawRow, ...]
    encoding: str | None = None
    delimiter: str | None = None


@dataclass(frozen=True)
class _Grid:
    """The non-blank rows of one sheet or CSV, with their spreadsheet row numbers."""

    rows: list[tuple[int, list[Cell]]]


@dataclass(frozen=True)
class _SheetCandidate:
    """A worksheet with its header guess and how much it looks like the intake data."""

    name: str
    grid: _Grid
    header_index: int | None
    score: float


def read_table(
    path: Path,
    *,
    sheet: str | None = None,
    max_bytes: int = 50_000_000,
    max_rows: int = 100_000,
) -> tuple[RawTable, list[Issue]]:
    """Read the intake table in ``path`` (xlsx, xlsm, xls, ods, csv, tsv or txt).

    ``sheet`` forces a worksheet (ignored for text files); otherwise the sheet that looks most
    like intake data is used. Raises `IntakeFileError` when the file cannot be read at all; the
    returned issues are notes on what was skipped or guessed.
    """
    path = Path(path)
    name = path.name
    size = _file_size(path, name)
    if size == 0:
        raise _empty_file(name)
    if size > max_bytes:
        raise _fail(
            "too_large",
            name,
            f"'{name}' is {size / 1e6:.1f} MB, more than the limit of {max_bytes / 1e6:.1f} MB. "
            "Remove sheets or columns that are not needed, or split the file.",
            f"'{name}' is {size / 1e6:.1f} MB, meer dan de grens van {max_bytes / 1e6:.1f} MB. "
            "Verwijder bladen of kolommen die niet nodig zijn, of splits het bestand.",
        )
    head = _read_head(path, name)
    kind = _sniff_kind(path, name, head, max_bytes)
    if kind == "text":
        if path.suffix.lower() in _WORKBOOK_SUFFIXES:
            return _read_text_named_as_workbook(path, name, max_rows)
        return _read_text(path, name, max_rows)
    return _read_workbook(path, name, kind, sheet, max_rows)


# --------------------------------------------------------------------------- file type

_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


def _read_text_named_as_workbook(
    path: Path, name: str, max_rows: int
) -> tuple[RawTable, list[Issue]]:
    """A CSV saved under an Excel name is read; plain text that holds no table is called what
    it is, not a spreadsheet without a header or without rows."""
    try:
        return _read_text(path, name, max_rows)
    except IntakeFileError as error:
        if error.issue.code not in ("no_header", "no_data"):
            raise
        suffix = path.suffix.lower()
        raise _fail(
            "not_a_spreadsheet",
            name,
            f"'{name}' is named like a spreadsheet ({suffix}) but holds plain text without a "
            "table of answers. Choose the exported intake itself, or open it in Excel and save "
            "it as .xlsx.",
            f"'{name}' heeft de naam van een spreadsheet ({suffix}) maar bevat platte tekst "
            "zonder tabel met antwoorden. Kies de geëxporteerde intake zelf, of open het in "
            "Excel en sla het op als .xlsx.",
        ) from error


def _file_size(path: Path, name: str) -> int:
    if not path.is_file():
        what = "is a folder, not a file" if path.is_dir() else "does not exist"
        wat = "is een map, geen bestand" if path.is_dir() else "bestaat niet"
        raise _fail(
            "not_found",
            name,
            f"'{name}' {what}. Check the path and the file name.",
            f"'{name}' {wat}. Controleer het pad en de bestandsnaam.",
        )
    return path.stat().st_size


def _read_head(path: Path, name: str) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(512)
    except OSError as exc:
        raise _cannot_open(name) from exc


def _sniff_kind(path: Path, name: str, head: bytes, max_bytes: int) -> str:
    """The kind ("xlsx", "ods", "xls" or "text") judged from the bytes; raises for others."""
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(path, name, max_bytes)
    if head.startswith(_OLE2_MAGIC):
        if _contains(path, _ENCRYPTION_STREAM):
            raise _encrypted(name)
        return "xls"
    for magic, what in _NOT_SPREADSHEET_MAGIC:
        if head.startswith(magic):
            raise _not_a_spreadsheet(name, what)
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<html", b"<!doctype", b"<?xml", b"<table")):
        raise _not_a_spreadsheet(name, "HTML or XML export")
    return "text"


def _zip_kind(path: Path, name: str, max_bytes: int) -> str:
    """Look inside the zip's central directory before any part is inflated."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            mimetype = _ods_mimetype(archive, members)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise _corrupt(name) from exc
    _check_zip_bomb(name, members, max_bytes)
    names = {member.filename for member in members}
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "xlsx"
    if mimetype == "application/vnd.oasis.opendocument.spreadsheet":
        return "ods"
    if any(n.startswith("word/") for n in names) or mimetype.endswith(".text"):
        raise _not_a_spreadsheet(name, "Word document")
    raise _not_a_spreadsheet(name, "zip archive")


def _ods_mimetype(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> str:
    for member in members:
        if member.filename == "mimetype" and member.file_size < 200:
            return archive.read(member).decode("ascii", errors="replace").strip()
    return ""


def _check_zip_bomb(name: str, members: list[zipfile.ZipInfo], max_bytes: int) -> None:
    total = sum(member.file_size for member in members)
    absurd = any(
        member.file_size > _ZIP_RATIO_MIN_BYTES
        and member.file_size > _ZIP_ABSURD_RATIO * max(member.compress_size, 1)
        for member in members
    )
    if total > _ZIP_TOTAL_FACTOR * max_bytes or absurd:
        raise _fail(
            "zip_bomb",
            name,
            f"'{name}' would unpack to {total / 1e6:.0f} MB, far more than a spreadsheet of this "
            "size can hold; it was not opened. Open it in Excel and save it again, or export "
            "the data as CSV.",
            f"'{name}' zou uitpakken tot {total / 1e6:.0f} MB, veel meer dan een spreadsheet van "
            "deze grootte kan bevatten; het is niet geopend. Open het in Excel en sla het "
            "opnieuw op, of exporteer de gegevens als CSV.",
        )


def _contains(path: Path, needle: bytes, chunk_size: int = 1 << 20) -> bool:
    """Whether ``needle`` occurs in the file, read in chunks so memory stays small."""
    overlap = b""
    with path.open("rb") as handle:
        while chunk := handle.read(chunk_size):
            if needle in overlap + chunk:
                return True
            overlap = chunk[-len(needle) :]
    return False


# --------------------------------------------------------------------------- workbooks


def _read_workbook(
    path: Path, name: str, kind: str, sheet: str | None, max_rows: int
) -> tuple[RawTable, list[Issue]]:
    try:
        with python_calamine.CalamineWorkbook.from_path(str(path)) as workbook:
            chosen, issues = _choose_sheet(workbook, name, sheet, max_rows)
    except IntakeFileError:
        raise
    except BaseException as exc:
        if not _is_calamine_failure(exc):
            raise
        raise _workbook_failure(name, kind, exc) from exc
    if kind == "xlsx" and has_formulas(path):
        issues += _fill_formulas(path, name, chosen)
    table, table_issues = _build_table(
        chosen.grid, chosen.header_index, name, chosen.name, max_rows
    )
    return table, issues + table_issues


def _fill_formulas(path: Path, name: str, chosen: _SheetCandidate) -> list[Issue]:
    """Put the worked-out value of each formula without a stored value in its cell; one
    warning per cell either way, so no answer turns silently empty."""
    by_number = {number: cells for number, cells in chosen.grid.rows}

    def stored(row: int, column: int) -> Cell:
        cells = by_number.get(row)
        return cells[column] if cells is not None and column < len(cells) else None

    header_cells = (
        chosen.grid.rows[chosen.header_index][1] if chosen.header_index is not None else []
    )
    issues = []
    for cell in valueless_formulas(path, chosen.name, stored):
        cells = by_number.get(cell.row)
        if cells is not None and cell.value is not None:
            cells.extend([None] * (cell.column + 1 - len(cells)))
            cells[cell.column] = _clean_cell(cell.value)
        header = _header_text(_at(header_cells, cell.column))
        header = header or f"Column {_column_letter(cell.column)}"
        shown = cell.formula[:80]
        if cell.value is not None:
            en = (
                f"the cell holds a formula ({shown}) without a stored value; read as "
                f"'{cell.value}'. Open the file in Excel and save it so the values are stored."
            )
            nl = (
                f"de cel bevat een formule ({shown}) zonder opgeslagen waarde; gelezen als "
                f"'{cell.value}'. Open het bestand in Excel en sla het op, dan worden de "
                "waarden bewaard."
            )
        else:
            en = (
                f"the cell holds a formula ({shown}) without a stored value, so the answer is "
                "unknown, not empty: rules that need it (such as keeping colleagues of one team "
                "apart) cannot be checked for this person. Open the file in Excel and save it, "
                "or type the value."
            )
            nl = (
                f"de cel bevat een formule ({shown}) zonder opgeslagen waarde, dus het antwoord "
                "is onbekend, niet leeg: regels die het nodig hebben (zoals collega's uit één "
                "team scheiden) zijn voor deze persoon niet te controleren. Open het bestand in "
                "Excel en sla het op, of typ de waarde in."
            )
        issues.append(
            Issue(
                Severity.WARNING,
                "formula_without_value",
                en,
                nl,
                file=name,
                row=cell.row,
                column=header,
                value=shown,
            )
        )
    return issues


def _is_calamine_failure(exc: BaseException) -> bool:
    """Calamine reports broken files as exceptions, or as a Rust panic (a BaseException)."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def _workbook_failure(name: str, kind: str, exc: BaseException) -> IntakeFileError:
    if isinstance(exc, python_calamine.PasswordError):
        return _encrypted(name)
    if kind == "xls":
        return _fail(
            "legacy_xls_unreadable",
            name,
            f"'{name}' is an old-style Excel file (.xls) that could not be read. Open it in "
            "Excel and save it as .xlsx (File > Save As), or export it as CSV.",
            f"'{name}' is een oud Excel-bestand (.xls) dat niet gelezen kon worden. Open het in "
            "Excel en sla het op als .xlsx (Bestand > Opslaan als), of exporteer het als CSV.",
        )
    return _corrupt(name)


def _choose_sheet(
    workbook: python_calamine.CalamineWorkbook, name: str, forced: str | None, max_rows: int
) -> tuple[_SheetCandidate, list[Issue]]:
    names = list(workbook.sheet_names)
    if forced is not None:
        sheet_name = _match_sheet_name(forced, names, name)
        grid = _sheet_grid(workbook, sheet_name, name, max_rows)
        header = _find_header(grid)
        return _SheetCandidate(sheet_name, grid, header, 0.0), []

    visible = [
        meta.name
        for meta in workbook.sheets_metadata
        if meta.visible == python_calamine.SheetVisibleEnum.Visible
        and meta.typ == python_calamine.SheetTypeEnum.WorkSheet
    ]
    candidates = [
        _sheet_candidate(workbook, sheet_name, name, max_rows) for sheet_name in visible or names
    ]
    if all(not candidate.grid.rows for candidate in candidates):
        raise _empty_file(name)
    best = max(candidates, key=lambda candidate: candidate.score)  # first wins a tie
    if best.header_index is None:
        best = next(candidate for candidate in candidates if candidate.grid.rows)
    issues = []
    if len(names) > 1:
        ignored = ", ".join(f"'{other}'" for other in names if other != best.name)
        issues.append(
            Issue(
                Severity.INFO,
                "sheet_chosen",
                f"sheet '{best.name}' used; sheets {ignored} ignored",
                f"blad '{best.name}' gebruikt; bladen {ignored} genegeerd",
                file=name,
            )
        )
    return best, issues


def _match_sheet_name(forced: str, names: list[str], file_name: str) -> str:
    if forced in names:
        return forced
    folded = [candidate for candidate in names if candidate.casefold() == forced.casefold()]
    if folded:
        return folded[0]
    available = ", ".join(f"'{candidate}'" for candidate in names)
    raise _fail(
        "sheet_not_found",
        file_name,
        f"'{file_name}' has no sheet '{forced}'. Available sheets: {available}.",
        f"'{file_name}' heeft geen blad '{forced}'. Beschikbare bladen: {available}.",
    )


def _sheet_candidate(
    workbook: python_calamine.CalamineWorkbook, sheet_name: str, file_name: str, max_rows: int
) -> _SheetCandidate:
    """Score a sheet by how much intake-like data it holds under a recognisable header."""
    grid = _sheet_grid(workbook, sheet_name, file_name, max_rows)
    header = _find_header(grid)
    if header is None:
        return _SheetCandidate(sheet_name, grid, None, -1.0)
    header_cells = grid.rows[header][1]
    filled = sum(cell is not None for cell in header_cells)
    data_rows = len(grid.rows) - header - 1
    score = data_rows * filled * (1 + _hint_hits(header_cells))
    return _SheetCandidate(sheet_name, grid, header, float(score))


def _sheet_grid(
    workbook: python_calamine.CalamineWorkbook, sheet_name: str, file_name: str, max_rows: int
) -> _Grid:
    sheet = workbook.get_sheet_by_name(sheet_name)
    start = sheet.start
    # iter_rows starts at row 1 but at the first used column; pad so indexes match Excel.
    left_pad: list[object] = [""] * (start[1] if start else 0)
    numbered = (
        (number, left_pad + values) for number, values in enumerate(sheet.iter_rows(), start=1)
    )
    return _collect_grid(numbered, file_name, max_rows, sheet_name)


def _collect_grid(
    numbered_rows: Iterable[tuple[int, list[object]]],
    file_name: str,
    max_rows: int,
    sheet_name: str | None,
) -> _Grid:
    """Keep the non-blank rows, cleaned, and stop as soon as there are too many."""
    limit = max_rows + _HEADER_SEARCH_ROWS
    rows: list[tuple[int, list[Cell]]] = []
    for number, values in numbered_rows:
        cells = [_clean_cell(value) for value in values]
        if any(cell is not None for cell in cells):
            rows.append((number, cells))
            if len(rows) > limit:
                raise _too_many_rows(file_name, max_rows, sheet_name)
    return _Grid(rows)


def _clean_cell(value: object) -> Cell:
    """Strip text, make "" None, integral floats int, dates datetimes, times text."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    return str(value).strip() or None


# --------------------------------------------------------------------------- text files


def _read_text(path: Path, name: str, max_rows: int) -> tuple[RawTable, list[Issue]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _cannot_open(name) from exc
    text, encoding, issues = _decode(data, name)
    if not text.strip():
        raise _empty_file(name)
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        grid = _collect_grid(_numbered_records(reader), name, max_rows, None)
    except csv.Error as exc:
        # An odd number of quotes means one never closes (and swallows the rest of the file
        # into one field); with the quotes paired, the field limit was hit by a long cell.
        if "field larger than field limit" in str(exc) and text.count('"') % 2 == 0:
            raise _cell_too_long(name, reader.line_num) from exc
        raise _fail(
            "corrupt",
            name,
            f"'{name}' cannot be read near line {reader.line_num}: probably a quote (\") that "
            "is never closed. Open the file in Excel and save it again as CSV.",
            f"'{name}' kan niet gelezen worden rond regel {reader.line_num}: waarschijnlijk een "
            'aanhalingsteken (") dat niet gesloten wordt. Open het bestand in Excel en sla het '
            "opnieuw op als CSV.",
        ) from exc
    table, table_issues = _build_table(grid, _find_header(grid), name, None, max_rows)
    table = dataclasses.replace(table, encoding=encoding, delimiter=delimiter)
    return table, issues + table_issues


def _cell_too_long(name: str, line: int) -> IntakeFileError:
    limit = csv.field_size_limit()
    return _fail(
        "cell_too_long",
        name,
        f"'{name}' has a cell near line {line} longer than {limit:,} characters, the most "
        "one answer may hold. Shorten that cell (or remove the column) and save the file again.",
        f"'{name}' heeft rond regel {line} een cel van meer dan {limit:,} tekens, het maximum "
        "voor één antwoord. Maak die cel korter (of verwijder de kolom) en sla het bestand "
        "opnieuw op.",
    )


def _numbered_records(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[object]]]:
    """Each record with the line it starts on; quoted newlines make records span lines."""
    first_line = 1
    for record in reader:
        yield first_line, list(record)
        first_line = reader.line_num + 1  # type: ignore[attr-defined]


def _decode(data: bytes, name: str) -> tuple[str, str, list[Issue]]:
    """Decode as the BOM says, else UTF-8 if it is valid, else Windows-1252."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise _corrupt(name) from exc
            _reject_binary_text(text, name)
            return text, encoding, []
    if b"\x00" in data:
        raise _not_a_spreadsheet(name, "binary file")
    issues: list[Issue] = []
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        encoding = "cp1252"
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            text = data.decode(encoding, errors="replace")
            issues.append(
                Issue(
                    Severity.WARNING,
                    "unreadable_characters",
                    "some characters could not be read and show as '\ufffd'; "
                    "save the file as 'CSV UTF-8' in Excel",
                    "sommige tekens konden niet gelezen worden en staan er als '\ufffd'; "
                    "sla het bestand op als 'CSV UTF-8' in Excel",
                    file=name,
                )
            )
    _reject_binary_text(text, name)
    return text, encoding, issues


def _reject_binary_text(text: str, name: str) -> None:
    """Text full of control characters is a binary file whatever its extension."""
    sample = text[:_CSV_SNIFF_CHARS]
    controls = sum(
        1 for char in sample if char not in "\t\r\n" and unicodedata.category(char) == "Cc"
    )
    if controls > max(2, len(sample) // 100):
        raise _not_a_spreadsheet(name, "binary file")


def _sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first records into the most consistent column count.

    `csv.Sniffer` is fooled by commas inside free text; counting fields per record with a
    real csv parse, and preferring the most consistent width, is not.
    """
    sample = text[:_CSV_SNIFF_CHARS]
    truncated = len(text) > len(sample)
    best: tuple[float, int, int] | None = None
    best_delimiter = _CSV_DELIMITERS[0]
    for order, delimiter in enumerate(_CSV_DELIMITERS):
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        try:
            records = [record for record in reader if any(field.strip() for field in record)]
        except csv.Error:
            continue
        if truncated and len(records) > 1:
            records = records[:-1]  # the sample may cut the last record in two
        widths = [len(record) for record in records[:_CSV_SNIFF_RECORDS]]
        if not widths:
            continue
        counts = Counter(widths)
        frequency, width = max((freq, width) for width, freq in counts.items())
        if width < 2:
            continue
        key = (frequency / len(widths), width, -order)
        if best is None or key > best:
            best, best_delimiter = key, delimiter
    return best_delimiter


# --------------------------------------------------------------------------- the table


def _find_header(grid: _Grid) -> int | None:
    """Index in ``grid.rows`` of the header: the first header-like row near the top.

    Title rows, notes and merged banners above the header are skipped because they fill too
    few cells compared with the rows below them. When the first header-like row holds no known
    header word but a later one holds several, the later one wins (a row of category labels
    above the real header).
    """
    top = grid.rows[:_HEADER_SEARCH_ROWS]
    qualifying = [
        index
        for index in range(len(top))
        if _looks_like_header(
            top[index][1],
            [cells for _, cells in grid.rows[index + 1 : index + 1 + _WIDTH_PROBE_ROWS]],
        )
    ]
    if not qualifying:
        return None
    first = qualifying[0]
    if _hint_hits(top[first][1]) == 0:
        hinted = [index for index in qualifying if _hint_hits(top[index][1]) >= 2]
        if hinted:
            return hinted[0]
    return first


def _looks_like_header(cells: list[Cell], following: list[list[Cell]]) -> bool:
    values = [cell for cell in cells if cell is not None]
    if len(values) < 2:
        return False
    texts = sum(1 for value in values if _is_text(value))
    if texts < 0.6 * len(values):
        return False
    if len({str(value).casefold() for value in values}) < 0.6 * len(values):
        return False
    if following:
        filled = sorted(sum(cell is not None for cell in row) for row in following)
        if len(values) < 0.5 * filled[len(filled) // 2]:
            return False
    return True


def _is_text(value: Cell) -> bool:
    return isinstance(value, str) and not _NUMBER_OR_DATE_TEXT.match(value)


def _extent(cells: list[Cell]) -> int:
    """Number of columns up to and including the last filled one."""
    for index in range(len(cells) - 1, -1, -1):
        if cells[index] is not None:
            return index + 1
    return 0


def _hint_hits(cells: list[Cell]) -> int:
    """How many cells contain a known intake header word, as a whole word."""
    hits = 0
    for cell in cells:
        if not isinstance(cell, str):
            continue
        words = " " + " ".join(re.findall(r"[\w-]+", cell.casefold())) + " "
        if any(f" {hint} " in words for hint in _HEADER_HINTS):
            hits += 1
    return hits


def _build_table(
    grid: _Grid, header_index: int | None, file_name: str, sheet_name: str | None, max_rows: int
) -> tuple[RawTable, list[Issue]]:
    if not grid.rows:
        raise _empty_file(file_name, sheet_name)
    if header_index is None:
        where = f" (sheet '{sheet_name}')" if sheet_name else ""
        waar = f" (blad '{sheet_name}')" if sheet_name else ""
        raise _fail(
            "no_header",
            file_name,
            f"No header row found in '{file_name}'{where}: the first rows should hold column "
            "titles such as 'Naam', 'E-mail', 'Functie'. Add a header row above the data.",
            f"Geen kopregel gevonden in '{file_name}'{waar}: de eerste rijen moeten "
            "kolomtitels bevatten zoals 'Naam', 'E-mail', 'Functie'. Voeg een kopregel toe "
            "boven de gegevens.",
        )
    header_row, header_cells = grid.rows[header_index]
    issues = _header_position_issues(grid, header_index, file_name)
    data = grid.rows[header_index + 1 :]
    if len(data) > max_rows:
        raise _too_many_rows(file_name, max_rows, sheet_name)
    data, summary_issues = _drop_trailing_summaries(data, header_cells, file_name)
    issues += summary_issues
    if not data:
        raise _fail(
            "no_data",
            file_name,
            f"'{file_name}' has a header on row {header_row} but no data rows below it.",
            f"'{file_name}' heeft een kopregel op rij {header_row} maar geen gegevens eronder.",
        )

    width = max([len(header_cells)] + [_extent(cells) for _, cells in data])
    kept_columns = [
        index
        for index in range(width)
        if _at(header_cells, index) is not None
        or any(_at(cells, index) is not None for _, cells in data)
    ]
    headers = _header_texts([_at(header_cells, index) for index in kept_columns], kept_columns)
    for index, header in zip(kept_columns, headers, strict=True):
        if _at(header_cells, index) is None:
            issues.append(
                Issue(
                    Severity.WARNING,
                    "column_without_header",
                    f"column {_column_letter(index)} has values but no header; kept as '{header}'",
                    f"kolom {_column_letter(index)} heeft waarden maar geen kopje; "
                    f"bewaard als '{header}'",
                    file=file_name,
                    row=header_row,
                    column=header,
                )
            )
    rows = tuple(
        RawRow(number, tuple(_at(cells, index) for index in kept_columns)) for number, cells in data
    )
    table = RawTable(file_name, sheet_name, header_row, tuple(headers), rows)
    return table, issues


def _at(cells: list[Cell], index: int) -> Cell:
    return cells[index] if index < len(cells) else None


def _header_position_issues(grid: _Grid, header_index: int, file_name: str) -> list[Issue]:
    header_row = grid.rows[header_index][0]
    if header_row == 1:
        return []
    if header_index == 0:
        return [
            Issue(
                Severity.INFO,
                "header_not_on_first_row",
                f"header found on row {header_row} (the rows above it are empty)",
                f"kopregel gevonden op rij {header_row} (de rijen erboven zijn leeg)",
                file=file_name,
                row=header_row,
            )
        ]
    return [
        Issue(
            Severity.WARNING,
            "header_not_on_first_row",
            f"header found on row {header_row}; rows 1-{header_row - 1} above it were ignored",
            f"kopregel gevonden op rij {header_row}; rijen 1-{header_row - 1} erboven zijn "
            "genegeerd",
            file=file_name,
            row=header_row,
        )
    ]


def _drop_trailing_summaries(
    data: list[tuple[int, list[Cell]]], header_cells: list[Cell], file_name: str
) -> tuple[list[tuple[int, list[Cell]]], list[Issue]]:
    """Remove totals and counts at the bottom of the table; they describe people, not one."""
    header_width = sum(cell is not None for cell in header_cells)
    issues: list[Issue] = []
    end = len(data)
    while end > 0 and _is_summary(data[end - 1][1], header_width):
        end -= 1
        row = data[end][0]
        issues.append(
            Issue(
                Severity.INFO,
                "summary_row_skipped",
                f"row {row} skipped: looks like a totals line",
                f"rij {row} overgeslagen: lijkt een totaalregel",
                file=file_name,
                row=row,
            )
        )
    issues.reverse()
    return data[:end], issues


def _is_summary(cells: list[Cell], header_width: int) -> bool:
    values = [cell for cell in cells if cell is not None]
    if isinstance(values[0], str) and _SUMMARY_START.match(values[0]):
        return len(values) <= max(3, header_width // 2)
    numeric = all(_is_number(value) for value in values)
    return numeric and len(values) <= 2 and header_width >= 4


def _is_number(value: Cell) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    return isinstance(value, str) and re.fullmatch(r"[\d.,\s€%-]+", value) is not None


def _header_texts(cells: list[Cell], columns: list[int]) -> list[str]:
    """Whitespace-normalised header texts; blanks named by column letter, repeats numbered."""
    texts = []
    seen: Counter[str] = Counter()
    for cell, column in zip(cells, columns, strict=True):
        base = _header_text(cell) or f"Column {_column_letter(column)}"
        seen[base.casefold()] += 1
        text = base if seen[base.casefold()] == 1 else f"{base} ({seen[base.casefold()]})"
        texts.append(text)
    return texts


def _header_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime):
        cell = cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(" ")
    return " ".join(str(cell).split())


def _column_letter(index: int) -> str:
    """Excel's column letter for a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


# --------------------------------------------------------------------------- errors


def _fail(code: str, file_name: str, message_en: str, message_nl: str) -> IntakeFileError:
    return IntakeFileError(Issue(Severity.ERROR, code, message_en, message_nl, file=file_name))


def _empty_file(name: str, sheet_name: str | None = None) -> IntakeFileError:
    if sheet_name is not None:
        return _fail(
            "empty_file",
            name,
            f"Sheet '{sheet_name}' in '{name}' is empty. Choose the sheet that holds the intake.",
            f"Blad '{sheet_name}' in '{name}' is leeg. Kies het blad met de intake.",
        )
    return _fail(
        "empty_file",
        name,
        f"'{name}' is empty. Check that you chose the right file and that it was saved.",
        f"'{name}' is leeg. Controleer of u het juiste bestand koos en of het is opgeslagen.",
    )


def _cannot_open(name: str) -> IntakeFileError:
    return _fail(
        "cannot_open",
        name,
        f"'{name}' cannot be opened. Close it in Excel or any other program and try again.",
        f"'{name}' kan niet geopend worden. Sluit het in Excel of een ander programma en "
        "probeer het opnieuw.",
    )


def _not_a_spreadsheet(name: str, what: str) -> IntakeFileError:
    return _fail(
        "not_a_spreadsheet",
        name,
        f"'{name}' is not a spreadsheet ({what}). Accepted formats: {ACCEPTED_FORMATS}. "
        "Save or export the intake from Excel or Forms in one of these.",
        f"'{name}' is geen spreadsheet ({what}). Geaccepteerde formaten: {ACCEPTED_FORMATS}. "
        "Sla de intake in Excel of Forms op in een van deze formaten.",
    )


def _encrypted(name: str) -> IntakeFileError:
    return _fail(
        "encrypted",
        name,
        f"'{name}' is protected with a password. Remove the password in Excel: "
        "File > Info > Protect Workbook > Encrypt with Password, clear it, and save.",
        f"'{name}' is beveiligd met een wachtwoord. Verwijder het wachtwoord in Excel: "
        "Bestand > Info > Werkmap beveiligen > Versleutelen met wachtwoord, maak het leeg en "
        "sla op.",
    )


def _corrupt(name: str) -> IntakeFileError:
    return _fail(
        "corrupt",
        name,
        f"'{name}' is damaged or incomplete and cannot be read. Open and save it again in "
        "Excel, or export it as CSV.",
        f"'{name}' is beschadigd of onvolledig en kan niet gelezen worden. Open het in Excel "
        "en sla het opnieuw op, of exporteer het als CSV.",
    )


def _too_many_rows(name: str, max_rows: int, sheet_name: str | None) -> IntakeFileError:
    where = f" (sheet '{sheet_name}')" if sheet_name else ""
    waar = f" (blad '{sheet_name}')" if sheet_name else ""
    return _fail(
        "too_large",
        name,
        f"'{name}'{where} has more than {max_rows:,} rows, the limit. Split the file or remove "
        "rows that are not participants.",
        f"'{name}'{waar} heeft meer dan {max_rows:,} rijen, de grens. Splits het bestand of "
        "verwijder rijen die geen deelnemers zijn.",
    )
