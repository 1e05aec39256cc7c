"""Reading intake files: finding the table, keeping Excel's row numbers, refusing bad files."""

from __future__ import annotations

import datetime as dt
import importlib.util
import random
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.issues import IntakeFileError, Severity
from intake.reading import RawTable, read_table

HEADER = ["Tijdstempel", "Naam", "E-mailadres", "Functie", "Organisatie", "Postcode"]
PEOPLE = [
    [dt.datetime(2024, 3, 1, 9, 15), "Anna de Vries", "anna@zorg.nl", "Wijkverpleegkundige",
     "Zorg Oost", "3511 AB"],
    [dt.datetime(2024, 3, 1, 10, 2), "Fatima El Amrani", "fatima@zorg.nl", "Praktijkbegeleider",
     "Zorg Oost", "3512 CD"],
    [dt.datetime(2024, 3, 2, 8, 40), "Joost Peeters", "joost@zorg.be", "Teamleider",
     "Zorg West", "2000"],
]  # fmt: skip


def column(table: RawTable, header: str) -> list[object]:
    index = table.headers.index(header)
    return [row.cells[index] for row in table.rows]


def row_of(table: RawTable, header: str, value: object) -> int:
    index = table.headers.index(header)
    return next(row.row for row in table.rows if row.cells[index] == value)


def codes(issues: list) -> list[str]:
    return [issue.code for issue in issues]


# --------------------------------------------------------------------------- workbooks


def test_header_below_title_and_merged_banner_keeps_excel_row_numbers(make_xlsx):
    rows = [
        ["Intake intervisie 2024"],  # banner merged over A1:F1
        ["Ingevuld tot en met 1 maart", None, None, None, None, "versie 2"],
        [],
        HEADER,
        PEOPLE[0],
        [],
        PEOPLE[1],
        PEOPLE[2],
    ]
    path = make_xlsx("intake.xlsx", {"Blad1": rows}, merged={"Blad1": ["A1:F1"]})

    table, issues = read_table(path)

    assert table.header_row == 4
    assert table.headers == tuple(HEADER)
    assert table.sheet == "Blad1"
    assert row_of(table, "Naam", "Fatima El Amrani") == 7
    assert [row.row for row in table.rows] == [5, 7, 8]
    header_issue = next(i for i in issues if i.code == "header_not_on_first_row")
    assert header_issue.severity == Severity.WARNING
    assert header_issue.row == 4
    assert "rows 1-3" in header_issue.message_en


def test_excel_values_keep_dates_and_turn_integral_floats_into_ints(make_xlsx):
    rows = [["Naam", "Postcode", "Uren", "Start", "Akkoord"],
            ["  Anna  ", 3511.0, 2.5, dt.datetime(2024, 3, 1, 9, 15), True],
            ["Bram", "", 4, dt.date(2024, 3, 4), False]]  # fmt: skip
    table, _ = read_table(make_xlsx("waarden.xlsx", {"Blad1": rows}))

    anna, bram = (row.cells for row in table.rows)
    assert anna == ("Anna", 3511, 2.5, dt.datetime(2024, 3, 1, 9, 15), True)
    assert type(anna[1]) is int
    assert bram == ("Bram", None, 4, dt.datetime(2024, 3, 4), False)


def test_blank_and_extra_columns(make_xlsx):
    rows = [
        ["Naam", None, None, "Naam", "  Functie\n(huidig) "],
        ["Anna", None, "x", "Anna de Vries", "Coach", None, "los"],
        ["Bram", None, None, "Bram Bos", "Coach"],
    ]
    table, issues = read_table(make_xlsx("kolommen.xlsx", {"Blad1": rows}))

    # B is blank everywhere and dropped; C and G have values without a header.
    assert table.headers == ("Naam", "Column C", "Naam (2)", "Functie (huidig)", "Column G")
    assert table.rows[0].cells == ("Anna", "x", "Anna de Vries", "Coach", "los")
    assert table.rows[1].cells == ("Bram", None, "Bram Bos", "Coach", None)
    flagged = [i.column for i in issues if i.code == "column_without_header"]
    assert flagged == ["Column C", "Column G"]


def test_blank_header_is_named_by_its_excel_column_when_the_table_starts_further_right(
    make_xlsx,
):
    rows = [[], [], [None, None, "Naam", "Functie", None], [None, None, "Anna", "Coach", "ja"]]
    table, issues = read_table(make_xlsx("rechts.xlsx", {"Blad1": rows}))

    assert table.header_row == 3
    assert table.headers == ("Naam", "Functie", "Column E")
    assert table.rows[0].row == 4
    assert [(i.code, i.severity) for i in issues] == [
        ("header_not_on_first_row", Severity.INFO),
        ("column_without_header", Severity.WARNING),
    ]


def test_row_of_category_labels_above_the_header_is_passed_over(make_xlsx):
    rows = [
        ["Over jou", None, "Over je werk", None, "Voorkeuren", None],
        HEADER,
        *PEOPLE,
    ]
    table, issues = read_table(make_xlsx("categorieen.xlsx", {"Blad1": rows}))

    assert table.header_row == 2
    assert table.headers == tuple(HEADER)
    assert "header_not_on_first_row" in codes(issues)


def test_chooses_the_data_sheet_among_several(make_xlsx):
    sheets = {
        "Instructies": [["Vul per deelnemer een rij in."], ["Vragen? Mail de coördinator."]],
        "Formulierreacties 1": [HEADER, *PEOPLE],
        "Blad2": [["Organisatie", "Aantal"], ["Zorg Oost", 2], ["Zorg West", 1]],
    }
    table, issues = read_table(make_xlsx("forms.xlsx", sheets))

    assert table.sheet == "Formulierreacties 1"
    assert column(table, "Naam") == ["Anna de Vries", "Fatima El Amrani", "Joost Peeters"]
    note = next(i for i in issues if i.code == "sheet_chosen")
    assert note.severity == Severity.INFO
    assert "'Instructies'" in note.message_en and "'Blad2'" in note.message_en


def test_forced_sheet_is_used_and_unknown_sheet_lists_the_available_ones(make_xlsx):
    sheets = {"Formulierreacties 1": [HEADER, *PEOPLE],
              "Blad2": [["Organisatie", "Aantal"], ["Zorg Oost", 2], ["Zorg West", 1]]}  # fmt: skip
    path = make_xlsx("forms.xlsx", sheets)

    table, _ = read_table(path, sheet="Blad2")
    assert table.sheet == "Blad2"
    assert column(table, "Organisatie") == ["Zorg Oost", "Zorg West"]

    with pytest.raises(IntakeFileError) as raised:
        read_table(path, sheet="Deelnemers")
    assert raised.value.issue.code == "sheet_not_found"
    assert "'Formulierreacties 1'" in raised.value.issue.message_en
    assert "'Blad2'" in raised.value.issue.message_nl


def test_forced_empty_sheet_says_which_sheet(make_xlsx):
    path = make_xlsx("forms.xlsx", {"Leeg": [], "Formulierreacties 1": [HEADER, *PEOPLE]})
    assert read_table(path)[0].sheet == "Formulierreacties 1"
    with pytest.raises(IntakeFileError) as raised:
        read_table(path, sheet="Leeg")
    assert raised.value.issue.code == "empty_file"
    assert "'Leeg'" in raised.value.issue.message_en


def test_trailing_totals_are_skipped_with_a_note(make_xlsx):
    rows = [HEADER, *PEOPLE, [], [None, "Totaal", None, None, None, 3], [3]]
    table, issues = read_table(make_xlsx("totaal.xlsx", {"Blad1": rows}))

    assert [row.row for row in table.rows] == [2, 3, 4]
    skipped = [(i.row, i.severity) for i in issues if i.code == "summary_row_skipped"]
    assert skipped == [(6, Severity.INFO), (7, Severity.INFO)]


def test_ods_is_read(fresh_dir):
    if importlib.util.find_spec("odf") is None:
        pytest.skip("odfpy is not installed, so no .ods file can be written")
    import pandas as pd

    path = fresh_dir() / "intake.ods"
    pd.DataFrame([p[1:] for p in PEOPLE], columns=HEADER[1:]).to_excel(
        path, engine="odf", index=False
    )
    table, _ = read_table(path)
    assert table.headers == tuple(HEADER[1:])
    assert row_of(table, "Naam", "Joost Peeters") == 4
    assert column(table, "Postcode") == ["3511 AB", "3512 CD", "2000"]


# --------------------------------------------------------------------------- text files


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiters(make_csv, delimiter):
    rows = [
        ["Naam", "Functie", "Wat wil je leren?", "Uren per maand"],
        ["Anna", "Coach", "Feedback geven, grenzen stellen; vooral dat", "2,5"],
        ["Bram", "Verpleegkundige", "Omgaan met\tagressie", "4"],
    ]
    table, _ = read_table(make_csv("intake.csv", rows, delimiter=delimiter))

    assert table.delimiter == delimiter
    assert table.headers == tuple(rows[0])
    assert [row.cells for row in table.rows] == [tuple(rows[1]), tuple(rows[2])]


def test_semicolon_file_with_commas_in_every_line(make_csv):
    rows = [["Naam", "Functie", "Toelichting"],
            ["Anna", "Coach", "leren, geven"],
            ["Bram", "Arts", "vooral leren, soms geven"],
            ["Cas", "Arts", "geven, leren"]]  # fmt: skip
    table, _ = read_table(make_csv("puntkomma.csv", rows, delimiter=";"))
    assert table.delimiter == ";"
    assert column(table, "Toelichting") == [
        "leren, geven",
        "vooral leren, soms geven",
        "geven, leren",
    ]


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"),
     ("utf-16", "utf-16")],
)  # fmt: skip
def test_csv_encodings(make_csv, encoding, reported):
    rows = [["Naam", "Woonplaats", "Opmerkingen"],
            ["Anaïs Noël", "’s-Hertogenbosch", "Café-overleg €5"],
            ["Zoë Brée", "Liège", "geen"]]  # fmt: skip
    table, _ = read_table(make_csv("intake.csv", rows, delimiter=";", encoding=encoding))

    assert table.encoding == reported
    assert table.headers == tuple(rows[0])
    assert [row.cells for row in table.rows] == [tuple(rows[1]), tuple(rows[2])]


def test_csv_quoted_newline_and_blank_lines_keep_line_numbers(make_bytes):
    text = (
        "Naam,Wat wil je leren?,Functie\r\n"
        'Anna,"Feedback geven\r\nen ontvangen",Coach\r\n'
        "\r\n"
        "Bram,Grenzen stellen,Arts\r\n"
        ",,\r\n"
        "Cas,,Arts\r\n"
    )
    table, issues = read_table(make_bytes("intake.csv", text.encode()))

    assert [row.row for row in table.rows] == [2, 5, 7]
    assert table.rows[0].cells == ("Anna", "Feedback geven\r\nen ontvangen", "Coach")
    assert table.rows[2].cells == ("Cas", None, "Arts")
    assert issues == []


def test_csv_title_line_and_count_line(make_bytes):
    text = (
        "Deelnemers intervisie\n"
        "Naam;Functie;Team;Postcode\n"
        "Anna;Coach;A;3511\n"
        "Bram;Arts;B;3512\n"
        "Aantal: 2\n"
    )
    table, issues = read_table(make_bytes("intake.csv", text.encode()))

    assert table.header_row == 2
    assert [row.row for row in table.rows] == [3, 4]
    assert [(i.code, i.row) for i in issues if i.code == "summary_row_skipped"] == [
        ("summary_row_skipped", 5)
    ]


def test_content_decides_the_format_not_the_extension(make_bytes, make_xlsx):
    csv_named_xlsx = make_bytes("export.xlsx", b"Naam,Functie\nAnna,Coach\n")
    table, _ = read_table(csv_named_xlsx)
    assert table.delimiter == "," and table.rows[0].cells == ("Anna", "Coach")

    workbook = make_xlsx("echt.xlsx", {"Blad1": [["Naam", "Functie"], ["Anna", "Coach"]]})
    xlsx_named_csv = make_bytes("export.csv", workbook.read_bytes())
    table, _ = read_table(xlsx_named_csv)
    assert table.sheet == "Blad1" and table.rows[0].cells == ("Anna", "Coach")


# --------------------------------------------------------------------------- bad files


def assert_refused(path: Path, code: str, **options: object) -> IntakeFileError:
    with pytest.raises(IntakeFileError) as raised:
        read_table(path, **options)
    issue = raised.value.issue
    assert issue.code == code
    assert issue.severity == Severity.ERROR
    assert issue.file == path.name
    assert path.name in issue.message_en and path.name in issue.message_nl
    return raised.value


def test_missing_file(fresh_dir):
    assert_refused(fresh_dir() / "weg.xlsx", "not_found")


@pytest.mark.parametrize("content", [b"", b"\r\n \r\n\r\n"])
def test_empty_file(make_bytes, content):
    assert_refused(make_bytes("leeg.csv", content), "empty_file")


def test_random_bytes(make_bytes):
    noise = random.Random(7).randbytes(4000)
    assert_refused(make_bytes("intake.xlsx", noise), "not_a_spreadsheet")


def test_pdf_names_the_accepted_formats(make_bytes):
    error = assert_refused(make_bytes("intake.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj"),
                           "not_a_spreadsheet")  # fmt: skip
    assert ".xlsx" in error.issue.message_en and ".csv" in error.issue.message_nl


def test_word_document(make_bytes, fresh_dir):
    path = fresh_dir() / "intake.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert_refused(path, "not_a_spreadsheet")


def test_truncated_xlsx(make_xlsx, make_bytes):
    whole = make_xlsx("heel.xlsx", {"Blad1": [HEADER, *PEOPLE]}).read_bytes()
    assert_refused(make_bytes("half.xlsx", whole[: len(whole) // 2]), "corrupt")


def test_xlsx_with_broken_workbook_part(fresh_dir):
    path = fresh_dir() / "kapot.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook><sheets><sheet name=")
    assert_refused(path, "corrupt")


def test_csv_with_a_quote_that_never_closes(make_bytes):
    text = 'Naam,Functie\nAnna,"Coach\n' + "lange tekst " * 20_000 + "\nBram,Arts\n"
    error = assert_refused(make_bytes("quote.csv", text.encode()), "corrupt")
    assert "quote" in error.issue.message_en


def test_bytes_undefined_in_windows_1252_are_replaced_with_a_warning(make_bytes):
    content = "Naam;Plaats\nAnaïs;Liège\nBram;Gent\x81\n".encode("latin-1")
    table, issues = read_table(make_bytes("oud.csv", content))
    assert table.encoding == "cp1252"
    assert table.rows[0].cells == ("Anaïs", "Liège")
    assert table.rows[1].cells == ("Bram", "Gent\ufffd")
    assert [i.severity for i in issues if i.code == "unreadable_characters"] == [Severity.WARNING]


def test_encrypted_workbook(make_bytes):
    fake_ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1200) + "EncryptionInfo".encode(
        "utf-16-le"
    ) + bytes(500)  # fmt: skip
    error = assert_refused(make_bytes("geheim.xlsx", fake_ole2), "encrypted")
    assert "File > Info > Protect Workbook" in error.issue.message_en


def test_unreadable_legacy_xls(make_bytes):
    fake_ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000)
    assert_refused(make_bytes("oud.xls", fake_ole2), "legacy_xls_unreadable")


def test_zip_bomb_is_refused_before_unpacking(fresh_dir):
    path = fresh_dir() / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            zeros = bytes(1 << 20)
            for _ in range(200):
                member.write(zeros)
    assert path.stat().st_size < 2_000_000
    assert_refused(path, "zip_bomb")


def test_size_limits(make_xlsx, make_csv):
    path = make_xlsx("groot.xlsx", {"Blad1": [HEADER, *PEOPLE]})
    error = assert_refused(path, "too_large", max_bytes=1000)
    assert "limit" in error.issue.message_en

    many = [["Naam", "Functie"]] + [[f"Persoon {i}", "Coach"] for i in range(60)]
    error = assert_refused(make_csv("veel.csv", many), "too_large", max_rows=50)
    assert "50" in error.issue.message_en
    assert_refused(make_csv("veel.csv", many[:12]), "too_large", max_rows=10)
    table, _ = read_table(make_csv("genoeg.csv", many[:11]), max_rows=10)
    assert len(table.rows) == 10


def test_no_header(make_xlsx):
    notes = [["Deelnemerslijst volgt."], [None], ["Groet, de coördinator"]]
    assert_refused(make_xlsx("notities.xlsx", {"Blad1": notes}), "no_header")


def test_no_data(make_xlsx):
    only_header = [HEADER, [], [None, "Totaal", None, None, None, 0]]
    error = assert_refused(make_xlsx("leeg.xlsx", {"Blad1": only_header}), "no_data")
    assert "row 1" in error.issue.message_en


# --------------------------------------------------------------------------- property

HEADER_POOL = ["Naam", "E-mailadres", "Functie", "Organisatie", "Team", "Postcode",
               "Woonplaats", "Leidinggevende", "Wat wil je leren?", "Tijdstempel", "Start time",
               "Kom je om te leren of te geven?", "ID", "Name", "Email", "Manager"]  # fmt: skip
VALUE_POOL = ["Anna de Vries", "anna@zorg.nl", "Wijkverpleegkundige, niveau 5", "Team Noord",
              "3511 AB", "’s-Hertogenbosch", "Zoë", 'zei "ja"', "leren; geven", "a\tb",
              "regel 1\nregel 2", "  ruimte  ", "Ja", "Nee", "Manager zorg"]  # fmt: skip
# Characters a cp1252 file can hold without the bytes also forming valid UTF-8.
SAFE_CP1252 = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 .,;:-@'\"\téëïöüÉ\n"
SUMMARY_LIKE = re.compile(r"^\s*(sub|tot|som|sum|aant|count|gem|aver)", re.IGNORECASE)


def value_strategy(encoding: str) -> st.SearchStrategy[str]:
    if encoding == "cp1252":
        free = st.text(alphabet=SAFE_CP1252, max_size=12)
        pool = [v for v in VALUE_POOL if "’" not in v]
    else:
        free = st.text(
            alphabet=st.characters(
                categories=("L", "N", "P", "S", "Zs"), include_characters=',;\t\n"'
            ),
            max_size=12,
        )
        pool = VALUE_POOL
    text = st.one_of(st.sampled_from(pool), free).filter(
        lambda v: any(c.isalpha() for c in v) and not SUMMARY_LIKE.match(v)
    )
    return st.one_of(st.just(""), st.just("   "), text)


@st.composite
def csv_tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]], str, str]:
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    headers = draw(st.lists(st.sampled_from(HEADER_POOL), min_size=2, max_size=6, unique=True))
    row = st.lists(value_strategy(encoding), min_size=len(headers), max_size=len(headers))
    rows = draw(st.lists(row, min_size=1, max_size=8))
    if all(not v.strip() for r in rows for v in r):
        rows[0][0] = "Anna"
    return headers, rows, delimiter, encoding


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(csv_tables())
def test_csv_round_trip_keeps_every_non_blank_row(make_csv, generated):
    headers, rows, delimiter, encoding = generated
    path = make_csv("intake.csv", [headers, *rows], delimiter=delimiter, encoding=encoding)

    table, _ = read_table(path)

    expected, line = [], 2
    for values in rows:
        cells = tuple(v.strip() or None for v in values)
        if any(cells):
            expected.append((line, cells))
        line += 1 + sum(v.count("\n") for v in values)
    assert table.delimiter == delimiter
    assert table.headers == tuple(headers)
    assert [(row.row, row.cells) for row in table.rows] == expected


# --------------------------------------------------------------------------- formulas


def test_formula_cells_without_a_stored_value_are_worked_out_and_reported(make_xlsx):
    """openpyxl writes formulas without their results, as scripts and web tools do."""
    rows = [
        ["Naam", "Functie", "Team", "Afdeling"],
        ["Anna", "Coach", '=HYPERLINK("https://intra.example/noord", "Team Noord")', "Noord"],
        ["Bram", "Arts", "=D3", "Zuid"],
        ["Cees", "Arts", "=VLOOKUP(A4,Teams!A:B,2,FALSE)", "West"],
        ["Dirk", "Arts", "Team Oost", "Oost"],
    ]
    table, issues = read_table(make_xlsx("formules.xlsx", {"Blad1": rows}))
    assert column(table, "Team") == ["Team Noord", "Zuid", None, "Team Oost"]
    formula_issues = [i for i in issues if i.code == "formula_without_value"]
    assert [(i.row, i.column, i.severity) for i in formula_issues] == [
        (2, "Team", Severity.WARNING),
        (3, "Team", Severity.WARNING),
        (4, "Team", Severity.WARNING),
    ]
    assert "unknown" in formula_issues[2].message_en
    assert "onbekend" in formula_issues[2].message_nl
    assert "Team Noord" in formula_issues[0].message_en


def test_a_team_formula_keeps_the_same_team_rule_informed(make_xlsx):
    """The pipeline reads the worked-out team, so two colleagues of one team stay known."""
    from intake.pipeline import read_intake

    rows = [
        ["Naam", "E-mail", "Organisatie", "Team"],
        ["Anna", "anna@zorg.nl", "Zorg", '=HYPERLINK("https://x.example","Noord")'],
        ["Bram", "bram@zorg.nl", "Zorg", "Noord"],
    ]
    intake = read_intake(make_xlsx("team.xlsx", {"Blad1": rows}))
    assert intake.table["team"].tolist() == ["Noord", "Noord"]
    assert [i.row for i in intake.issues if i.code == "formula_without_value"] == [2]


# --------------------------------------------------------------------------- real causes


def test_a_very_long_csv_cell_is_called_too_long_not_an_unclosed_quote(make_bytes):
    text = "Naam,Functie,Opmerking\nAnna,Arts," + "x" * 1_000_000 + "\nBram,Arts,kort\n"
    error = assert_refused(make_bytes("lang.csv", text.encode()), "cell_too_long")
    assert "quote" not in error.issue.message_en
    assert "line 2" in error.issue.message_en and "regel 2" in error.issue.message_nl


@pytest.mark.parametrize("content", [b"hello, this is a note\n", b"Naam,E-mail\n"])
def test_plain_text_named_xlsx_says_it_is_text(make_bytes, content):
    error = assert_refused(make_bytes("intake.xlsx", content), "not_a_spreadsheet")
    assert "plain text" in error.issue.message_en and "platte tekst" in error.issue.message_nl
    assert "no data rows" not in error.issue.message_en


def test_a_header_only_csv_still_says_no_data(make_bytes):
    assert_refused(make_bytes("leeg.csv", b"Naam,E-mail\n"), "no_data")
