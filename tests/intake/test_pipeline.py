"""The intake pipeline: one file in, the participant table out, nothing lost on the way."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.issues import IntakeFileError, Severity
from intake.pipeline import TABLE_COLUMNS, read_intake

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


def write_csv(path: Path, headers: list[str], rows: list[list[object]], delimiter=";") -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def accounted_rows(result) -> tuple[set[int], set[int]]:
    placed = set(result.table["source_row"].tolist())
    excluded = {e.row for e in result.excluded}
    return placed, excluded


@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in SAMPLES.glob("*") if p.suffix in (".xlsx", ".csv")),
)
def test_every_sample_row_is_in_the_table_or_excluded_with_a_reason(name):
    result = read_intake(SAMPLES / name)
    placed, excluded = accounted_rows(result)
    assert not placed & excluded
    assert placed | excluded == {row.row for row in result.raw.rows}
    assert all(e.reason_en and e.reason_nl for e in result.excluded)
    assert list(result.table.columns[: len(TABLE_COLUMNS)]) == list(TABLE_COLUMNS)
    assert result.table.index.is_unique


def test_microsoft_forms_export_is_read_into_the_contract_types():
    result = read_intake(SAMPLES / "msforms_nl_60.xlsx")
    table = result.table
    assert result.source.value == "microsoft_forms"
    assert table["email"].str.contains("@").all()
    assert all(isinstance(m, tuple) for m in table["meeting_moments"])
    moments = {m for ms in table["meeting_moments"] for m in ms}
    assert moments <= {"morning", "afternoon", "late_afternoon", "evening"} and moments
    assert table["submitted_at"].notna().all()
    assert table["lat"].notna().mean() > 0.9
    assert set(table["learn_give"].dropna()) <= {"learn", "give", "both"}
    assert str(table["level"].dtype) == "Int64"


def test_unknown_columns_are_carried_along_under_their_header():
    result = read_intake(SAMPLES / "intake_40.xlsx")
    assert "Dieetwensen" in result.extra_columns
    assert "Dieetwensen" in result.table.columns


def test_latest_submission_counts_and_the_earlier_one_is_listed(tmp_path):
    path = write_csv(
        tmp_path / "dup.csv",
        ["Tijdstempel", "E-mailadres", "Naam", "Wat is je functie?"],
        [
            ["3-11-2026 10:00:00", "anna@example.nl", "Anna de Vries", "Wijkverpleegkundige"],
            ["5-11-2026 09:00:00", "piet@example.nl", "Piet Jansen", "Huisarts"],
            ["4-11-2026 12:00:00", "ANNA@example.nl", "Anna de Vries", "Praktijkondersteuner"],
        ],
        delimiter=",",
    )
    result = read_intake(path)
    assert len(result.table) == 2
    anna = result.table[result.table["email"] == "anna@example.nl"].iloc[0]
    assert anna["function"] == "Praktijkondersteuner" and anna["source_row"] == 4
    assert [e.row for e in result.excluded] == [2]
    assert "row 4" in result.excluded[0].reason_en
    assert any(i.code == "duplicate" and i.row == 2 for i in result.issues)


def test_without_timestamps_the_lower_row_counts(tmp_path):
    path = write_csv(
        tmp_path / "dup.csv",
        ["Naam", "Organisatie", "Functie"],
        [["Jan Bos", "Zorg BV", "Fysio"], ["jan  bos", "zorg bv", "Fysiotherapeut"]],
    )
    result = read_intake(path)
    assert result.table["function"].tolist() == ["Fysiotherapeut"]
    assert [e.row for e in result.excluded] == [2]


def test_managers_and_avoid_wishes_resolve_to_participants(tmp_path):
    path = write_csv(
        tmp_path / "refs.csv",
        ["Naam", "E-mail", "Organisatie", "Leidinggevende", "Liever niet met"],
        [
            ["Karin Mulder", "karin@zorg.nl", "Zorg BV", "", ""],
            [
                "Anna de Vries",
                "anna@zorg.nl",
                "Zorg BV",
                "karin@zorg.nl",
                "Niet met Piet Jansen graag",
            ],
            ["Piet Jansen", "piet@zorg.nl", "Zorg BV", "Karin", "Geen voorkeur"],
            ["Bram Smit", "bram@elders.nl", "Elders", "Karin Mulder", "Onbekende Persoon"],
            ["Eva Smit", "eva@zorg.nl", "Zorg BV", "Truus de Boer", ""],
        ],
    )
    result = read_intake(path)
    table = result.table.set_index("email")
    assert table.loc["anna@zorg.nl", "manager_pid"] == "R0002"  # by e-mail
    assert table.loc["piet@zorg.nl", "manager_pid"] == "R0002"  # first name, same organisation
    assert table.loc["bram@elders.nl", "manager_pid"] == "R0002"  # full name
    assert pd.isna(table.loc["eva@zorg.nl", "manager_pid"])  # manager does not take part
    assert table.loc["anna@zorg.nl", "avoid_pids"] == ("R0004",)
    assert table.loc["piet@zorg.nl", "avoid_pids"] == ()
    unknown = [i for i in result.issues if i.code == "unknown_avoid"]
    assert [(i.row, i.column, i.value) for i in unknown] == [
        (5, "Liever niet met", "Onbekende Persoon")
    ]
    assert any(i.code == "managers_not_enrolled" for i in result.issues)


def test_a_first_name_shared_within_the_organisation_is_ambiguous(tmp_path):
    path = write_csv(
        tmp_path / "amb.csv",
        ["Naam", "Organisatie", "Leidinggevende"],
        [["Jan Bos", "Org", ""], ["Jan Smit", "Org", ""], ["Lies Berg", "Org", "Jan"]],
    )
    result = read_intake(path)
    assert pd.isna(result.table.loc["R0004", "manager_pid"])
    issue = next(i for i in result.issues if i.code == "ambiguous_manager")
    assert (issue.row, issue.severity) == (4, Severity.WARNING)


def test_a_row_without_name_or_email_is_excluded_with_an_error(tmp_path):
    path = write_csv(
        tmp_path / "anon.csv",
        ["Naam", "E-mail", "Functie"],
        [["Anna", "anna@x.nl", "Huisarts"], ["", "", "Fysiotherapeut"]],
    )
    result = read_intake(path)
    assert len(result.table) == 1
    assert [(e.row, "no name" in e.reason_en) for e in result.excluded] == [(3, True)]
    error = next(i for i in result.issues if i.severity == Severity.ERROR)
    assert error.row == 3 and error.file == "anon.csv"


def test_guessed_and_unreadable_answers_are_warnings_naming_row_and_column(tmp_path):
    path = write_csv(
        tmp_path / "vals.csv",
        ["Naam", "Postcode", "Hoeveel tijd wil je er echt voor vrijmaken?", "Max reistijd"],
        [
            ["Anna", "Amersfort", "2,5", "45 min"],
            ["Piet", "9999 ZZ", "4 uur per 6 weken", "maakt niet uit"],
        ],
    )
    result = read_intake(path)
    anna, piet = result.table.loc["R0002"], result.table.loc["R0003"]
    assert anna["place"] == "Amersfoort" and anna["max_travel_km"] == 45
    assert anna["time_budget_h_per_month"] == pytest.approx(2.5)
    assert math.isnan(piet["max_travel_km"]) and math.isnan(piet["lat"])
    by_row = {(i.row, i.column): i for i in result.issues if i.severity == Severity.WARNING}
    assert (2, "Postcode") in by_row and "Amersfoort" in by_row[(2, "Postcode")].message_en
    assert (3, "Postcode") in by_row
    assert (2, "Hoeveel tijd wil je er echt voor vrijmaken?") in by_row


def test_a_postcode_in_both_countries_follows_the_cohort(tmp_path):
    rows = [[f"BE {i}", code] for i, code in enumerate(["2000", "B-2018", "9000", "3000"])]
    rows.append(["Dubbel", "3500"])  # Hasselt (BE) and Utrecht area (NL)
    result = read_intake(write_csv(tmp_path / "be.csv", ["Naam", "Postcode"], rows))
    assert result.table.loc["R0006", "country"] == "BE"


def test_a_file_without_identifying_columns_is_refused_clearly(tmp_path):
    path = write_csv(tmp_path / "x.csv", ["Kleur", "Maat"], [["rood", "L"], ["blauw", "M"]])
    with pytest.raises(IntakeFileError) as caught:
        read_intake(path)
    assert caught.value.issue.code == "no_columns"
    assert "x.csv" in caught.value.issue.where()


def test_a_mapping_file_overrides_the_guess(tmp_path):
    path = write_csv(tmp_path / "m.csv", ["Wie", "Rol"], [["Anna", "Huisarts"], ["Piet", "Fysio"]])
    mapping = tmp_path / "map.toml"
    mapping.write_text('[columns]\n"Wie" = "name"\n"Rol" = "function"\n', encoding="utf-8")
    result = read_intake(path, mapping_file=mapping)
    assert result.table["function"].tolist() == ["Huisarts", "Fysio"]


def test_a_mapping_given_in_code_wins_over_the_mapping_file(tmp_path):
    path = write_csv(
        tmp_path / "m.csv",
        ["Wie", "Rol", "Team"],
        [["Anna", "Huisarts", "A"], ["Piet", "Fysio", "B"]],
    )
    mapping_file = tmp_path / "map.toml"
    mapping_file.write_text('[columns]\n"Wie" = "name"\n"Rol" = "team"\n', encoding="utf-8")
    result = read_intake(path, mapping_file=mapping_file, mapping={"Rol": "function", "Team": None})
    assert result.table["function"].tolist() == ["Huisarts", "Fysio"]
    assert result.table["team"].isna().all()
    assert {m.header: m.how for m in result.mapping}["Team"] == "ignored by mapping file"


def test_a_mapping_to_an_unknown_field_is_an_input_error(tmp_path):
    path = write_csv(tmp_path / "m.csv", ["Naam", "Functie"], [["Anna", "Huisarts"]])
    with pytest.raises(IntakeFileError) as caught:
        read_intake(path, mapping={"Functie": "shoe_size"})
    assert caught.value.issue.code == "bad_mapping"
    assert "shoe_size" in caught.value.issue.message_en


def test_a_bad_mapping_file_is_an_input_error(tmp_path):
    path = write_csv(tmp_path / "m.csv", ["Naam", "Functie"], [["Anna", "Huisarts"]])
    mapping = tmp_path / "map.toml"
    mapping.write_text('[columns]\n"Naam" = "shoe_size"\n', encoding="utf-8")
    with pytest.raises(IntakeFileError) as caught:
        read_intake(path, mapping_file=mapping)
    assert caught.value.issue.code == "bad_mapping_file"


_names = st.sampled_from(["Anna de Vries", "Piet Jansen", "Émile Bos", "", "  ", "=1+1", "Jan"])
_emails = st.sampled_from(["anna@x.nl", "ANNA@x.nl", "piet@y.be", "", "geen", "jan@x"])
_functions = st.sampled_from(["Huisarts", "", "POH-GGZ", "wijkvpk", "-", "n.v.t."])
_places = st.sampled_from(
    ["3511 AB", "Amersfort", "B-2000", "", "9999", "xyz", "3500", "Den Bosch"]
)
_moments = st.sampled_from(["ochtend; avond", "", "maakt niet uit", "??", "13:00-17:00"])
_times = st.sampled_from(["2,5", "4 uur per 6 weken", "", "weinig", "één dagdeel per maand"])


@given(
    rows=st.lists(st.tuples(_names, _emails, _functions, _places, _moments, _times), max_size=25)
)
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_nothing_is_lost_on_messy_input(tmp_path, rows):
    headers = ["Naam", "E-mail", "Functie", "Postcode", "Momenten", "Tijd"]
    keep = [list(r) for r in rows] + [["Vaste Deelnemer", "vast@x.nl", "Huisarts", "", "", ""]]
    path = write_csv(tmp_path / "messy.csv", headers, keep)
    result = read_intake(path)
    placed, excluded = accounted_rows(result)
    assert not placed & excluded
    assert placed | excluded == {r.row for r in result.raw.rows}
    assert isinstance(result.table, pd.DataFrame) and result.table.index.is_unique


def test_duplicate_name_and_email_headers_are_reported(tmp_path):
    path = tmp_path / "dubbel.csv"
    path.write_text(
        "Naam;E-mail;Functie;Naam;E-mail\nAnna;a@x.nl;Arts;Bea;b@x.nl\nCees;c@x.nl;Arts;Dirk;d@x.nl\n",
        encoding="utf-8",
    )
    intake = read_intake(path)
    duplicates = [i for i in intake.issues if i.code == "duplicate_column"]
    assert [i.column for i in duplicates] == ["Naam (2)", "E-mail (2)"]
    assert all(i.severity == Severity.WARNING for i in duplicates)
    assert '"Naam"' in duplicates[0].message_en and '"Naam"' in duplicates[0].message_nl


def test_accented_addresses_are_kept_and_broken_ones_kept_as_typed(tmp_path):
    path = tmp_path / "mail.csv"
    path.write_text(
        "Naam;E-mail;Functie\n"
        "Zoë Goossens;zoë.goossens@zorg.nl;Arts\n"
        "Mohamed Özdemir;mohamed.özdemir@zorg.nl;Arts\n"
        "Anna Smit;zie boven;Arts\n"
        "Bram Smit;zie boven;Arts\n"
        "Cees Bol;cees@zorg;Arts\n",
        encoding="utf-8",
    )
    intake = read_intake(path)
    assert intake.table["email"].tolist() == [
        "zoë.goossens@zorg.nl",
        "mohamed.özdemir@zorg.nl",
        "zie boven",
        "zie boven",
        "cees@zorg",
    ]
    flagged = [(i.row, i.kind.value) for i in intake.issues if i.code == "unreadable_email"]
    assert flagged == [(4, "email"), (5, "email"), (6, "email")]
    assert not intake.excluded  # two people without a real address are not one person


def test_units_from_the_header_and_no_preference_are_no_issues(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text(
        "Naam;E-mail;Functie;Uren per maand;Max. reistijd (minuten);Leerstijl;Wat is je positie?\n"
        "Anna;anna@zorg.nl;Arts;2,5;45;geen voorkeur;Medewerker\n"
        "Bram;bram@zorg.nl;Arts;4;maakt niet uit;doener;Teamleider\n"
        "Cees;cees@zorg.nl;Arts;3;30;Maakt niet uit;Senior medewerker\n",
        encoding="utf-8",
    )
    intake = read_intake(path)
    assert intake.table["time_budget_h_per_month"].tolist() == [2.5, 4.0, 3.0]
    assert intake.table["max_travel_km"].tolist()[0] == 45.0
    assert math.isnan(intake.table["max_travel_km"].tolist()[1])  # unlimited: the default applies
    assert intake.table["level"].tolist() == [0, 2, 1]
    assert intake.issues == []


def test_levels_are_taken_from_titles_when_no_column_gives_them(tmp_path):
    path = tmp_path / "titles.csv"
    path.write_text(
        "Naam;E-mail;Functie\n"
        "Anna;anna@zorg.nl;Teamleider wijkzorg\n"
        "Bram;bram@zorg.nl;Wijkverpleegkundige\n"
        "Cees;cees@zorg.nl;Praktijkhouder\n"
        "Dirk;dirk@zorg.nl;Directeur zorg\n",
        encoding="utf-8",
    )
    intake = read_intake(path)
    assert intake.table["level"].tolist() == [2, 0, 2, 3]
    notes = [i for i in intake.issues if i.code == "level_from_title"]
    assert len(notes) == 1 and "3 participants" in notes[0].message_en
