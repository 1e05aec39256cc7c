"""Tests for intake.samples: the synthetic intake files must be realistic, deterministic and,
when clean, formable into groups."""

from __future__ import annotations

import csv
import io
import itertools
import re
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from intake.samples import (
    MESS_KINDS,
    MOMENTS,
    PLANTED,
    STANDARD_SAMPLES,
    UNRESOLVABLE_LOCATION_MESS,
    SampleSpec,
    generate_sample,
    known_place,
    known_postcode,
    write_sample,
    write_standard_samples,
)
from road import ROAD_FACTOR, haversine_km

REPO = Path(__file__).resolve().parents[3]
STYLE_SPECS = [
    SampleSpec(n=60, seed=11, style="hand", lang="nl"),
    SampleSpec(n=60, seed=12, style="hand", lang="en"),
    SampleSpec(n=60, seed=13, style="msforms", lang="nl"),
    SampleSpec(n=60, seed=14, style="msforms", lang="en"),
    SampleSpec(n=60, seed=15, style="gforms", lang="nl"),
    SampleSpec(n=60, seed=16, style="gforms", lang="en"),
]
TRUTH_COLUMNS = {
    "person_id",
    "family",
    "function_canonical",
    "organisation",
    "team",
    "manager_person_id",
    "level",
    "lat",
    "lon",
    "is_duplicate",
    "planted",
}


def _spec_id(spec: SampleSpec) -> str:
    return f"{spec.style}-{spec.lang}-n{spec.n}-mess{spec.mess}"


def _xlsx_rows(path: Path, sheet_name: str, first_header: str) -> list[list[object]]:
    """Header and data rows of a written workbook, skipping a title row above the header."""
    ws = load_workbook(path)[sheet_name]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows) if r and r[0] == first_header)
    return rows[start:]


def _cells(sheet: pd.DataFrame) -> list[list[object]]:
    return [[None if pd.isna(v) else v for v in row] for row in sheet.itertuples(index=False)]


# --- determinism --------------------------------------------------------------------------


@pytest.mark.parametrize("spec", STYLE_SPECS, ids=_spec_id)
def test_same_spec_gives_equal_frames(spec: SampleSpec) -> None:
    sheet_a, truth_a = generate_sample(spec)
    sheet_b, truth_b = generate_sample(spec)
    pd.testing.assert_frame_equal(sheet_a, sheet_b)
    pd.testing.assert_frame_equal(truth_a, truth_b)


def test_other_seed_gives_other_sample() -> None:
    sheet_a, _ = generate_sample(SampleSpec(n=60, seed=1))
    sheet_b, _ = generate_sample(SampleSpec(n=60, seed=2))
    assert not sheet_a.equals(sheet_b)


@pytest.mark.parametrize(
    ("spec", "suffix"),
    [
        (SampleSpec(n=40), ".csv"),
        (SampleSpec(n=40, style="gforms"), ".csv"),
        (SampleSpec(n=40, style="msforms", lang="en"), ".xlsx"),
        (SampleSpec(n=40), ".xlsx"),
    ],
    ids=["hand-csv", "gforms-csv", "msforms-xlsx", "hand-xlsx"],
)
def test_written_files_are_byte_identical(spec: SampleSpec, suffix: str, tmp_path: Path) -> None:
    first = write_sample(spec, tmp_path / f"a{suffix}").read_bytes()
    second = write_sample(spec, tmp_path / f"b{suffix}").read_bytes()
    assert first == second


# --- formats ------------------------------------------------------------------------------


@pytest.mark.parametrize("spec", STYLE_SPECS, ids=_spec_id)
def test_metadata_columns_per_style(spec: SampleSpec) -> None:
    sheet, _ = generate_sample(spec)
    headers = list(sheet.columns)
    if spec.style == "msforms":
        expected = {
            "nl": ["ID", "Begintijd", "Tijdstip van voltooien", "E-mail", "Naam"],
            "en": ["ID", "Start time", "Completion time", "Email", "Name"],
        }[spec.lang]
        assert headers[:5] == expected
        assert all(isinstance(v, datetime) for v in sheet[expected[2]])
        assert (sheet[expected[2]] > sheet[expected[1]]).all()
        assert list(sheet["ID"]) == list(range(1, len(sheet) + 1))
    elif spec.style == "gforms":
        assert (
            headers[:2]
            == {"nl": ["Tijdstempel", "E-mailadres"], "en": ["Timestamp", "Email Address"]}[
                spec.lang
            ]
        )
        assert sheet[headers[0]].is_monotonic_increasing
    else:
        names = {
            "nl": ["Naam", "E-mail", "Functie", "Postcode", "Woonplaats", "Max. reistijd"],
            "en": ["Name", "Email", "Function", "Postcode", "Place", "Max. travel"],
        }
        assert set(names[spec.lang]) <= set(headers)
        assert headers[-1] in {"Dieetwensen", "Kostenplaats", "Dietary requirements", "Cost centre"}


@pytest.mark.parametrize("spec", STYLE_SPECS[2:], ids=_spec_id)
def test_multi_select_moments_are_joined_as_the_form_does(spec: SampleSpec) -> None:
    sheet, truth = generate_sample(spec)
    column = next(c for c in sheet.columns if c.startswith(("Op welke momenten", "Which times")))
    for written, moments in zip(sheet[column], truth["moments"], strict=True):
        if not moments:
            assert written is None
        elif spec.style == "msforms":
            assert written.endswith(";") and written.count(";") == len(moments)
        else:
            assert written.count(", ") == len(moments) - 1 and ";" not in written


def test_hand_csv_is_semicolon_utf8_with_bom_and_title(tmp_path: Path) -> None:
    spec = SampleSpec(n=40, seed=1)
    sheet, _ = generate_sample(spec)
    raw = write_sample(spec, tmp_path / "hand.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    header_at = next(i for i, r in enumerate(rows) if r[0] == sheet.columns[0])
    assert rows[header_at] == list(sheet.columns)
    assert len(rows) - header_at - 1 == len(sheet)
    expected = [["" if v is None else str(v) for v in row] for row in _cells(sheet)]
    assert rows[header_at + 1 :] == expected


@pytest.mark.parametrize(
    ("lang", "pattern"),
    [
        ("nl", r"^\d{1,2}-\d{1,2}-2026 \d\d:\d\d:\d\d$"),
        ("en", r"^2026/\d\d/\d\d \d\d:\d\d:\d\d [AP]M CET$"),
    ],
)
def test_gforms_csv_is_comma_utf8_with_form_timestamps(
    lang: str, pattern: str, tmp_path: Path
) -> None:
    spec = SampleSpec(n=40, seed=3, style="gforms", lang=lang)
    sheet, _ = generate_sample(spec)
    raw = write_sample(spec, tmp_path / "g.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
    assert rows[0] == list(sheet.columns)
    assert len(rows) == len(sheet) + 1
    assert all(re.match(pattern, r[0]) for r in rows[1:])
    assert [r[1] for r in rows[1:]] == list(sheet.iloc[:, 1])


@pytest.mark.parametrize("spec", STYLE_SPECS, ids=_spec_id)
def test_xlsx_reads_back_as_the_sheet(spec: SampleSpec, tmp_path: Path) -> None:
    sheet, _ = generate_sample(spec)
    path = write_sample(spec, tmp_path / "sample.xlsx")
    expected_name = {
        "hand": {"nl": "Deelnemers", "en": "Participants"},
        "msforms": {"nl": "Form1", "en": "Form1"},
        "gforms": {"nl": "Formulierreacties 1", "en": "Form Responses 1"},
    }[spec.style][spec.lang]
    rows = _xlsx_rows(path, expected_name, sheet.columns[0])
    assert list(rows[0]) == list(sheet.columns)
    assert rows[1:] == _cells(sheet)


def test_write_sample_rejects_other_suffixes(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.xlsx or \.csv"):
        write_sample(SampleSpec(n=40), tmp_path / "sample.ods")


# --- truth --------------------------------------------------------------------------------


@pytest.mark.parametrize("spec", STYLE_SPECS, ids=_spec_id)
def test_truth_aligns_with_sheet(spec: SampleSpec) -> None:
    sheet, truth = generate_sample(spec)
    assert len(sheet) == len(truth) == spec.n
    assert set(truth.columns) >= TRUTH_COLUMNS
    email_column = next(c for c in sheet.columns if c.lower().startswith("e"))
    by_person: dict[str, str] = {}
    for email, pid in zip(sheet[email_column], truth["person_id"], strict=True):
        assert by_person.setdefault(pid, email.lower()) == email.lower()
    assert truth["person_id"].duplicated().sum() == truth["is_duplicate"].sum()


def test_duplicates_are_later_submissions_of_the_same_person() -> None:
    spec = SampleSpec(n=120, seed=5, style="gforms", mess=0.3)
    sheet, truth = generate_sample(spec)
    duplicates = truth.index[truth["is_duplicate"]]
    assert len(duplicates) >= 2
    for row in duplicates:
        original = truth.index[
            (truth["person_id"] == truth.at[row, "person_id"]) & ~truth["is_duplicate"]
        ]
        assert len(original) == 1 and original[0] < row
        assert sheet.iloc[row, 0] > sheet.iloc[original[0], 0]


def test_mess_rate_and_kinds() -> None:
    spec = SampleSpec(n=240, seed=7, mess=0.1)
    _, truth = generate_sample(spec)
    assert truth["mess"].notna().sum() == round(spec.n * spec.mess)
    assert set(truth["mess"].dropna()) == set(MESS_KINDS)


@pytest.mark.parametrize("mess", [0.0, 0.05, 0.5, 1.0])
def test_every_mess_level_keeps_n_rows(mess: float) -> None:
    sheet, truth = generate_sample(SampleSpec(n=48, seed=3, mess=mess, plant_problems=True))
    assert len(sheet) == len(truth) == 48
    assert truth["planted"].notna().sum() == 3
    assert truth.loc[truth["planted"].notna(), "mess"].isna().all()


@pytest.mark.parametrize("bad", [{"style": "excel"}, {"lang": "de"}, {"mess": 1.5}, {"n": 10}])
def test_spec_rejects_what_it_cannot_generate(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        SampleSpec(**bad)


# --- clean samples are formable -----------------------------------------------------------


def _witness_problems(truth: pd.DataFrame) -> list[str]:
    """Everything that stops a witness group from being a valid intervision group."""
    problems = []
    members = truth[truth["witness_group"].notna() & ~truth["is_duplicate"]]
    for gid, group in members.groupby("witness_group"):
        if not 5 <= len(group) <= 8:
            problems.append(f"group {gid}: size {len(group)}")
        if group["family"].nunique() != 1:
            problems.append(f"group {gid}: mixed functions")
        if group[["organisation", "team"]].duplicated().any():
            problems.append(f"group {gid}: same team")
        if group["manager_person_id"].isin(set(group["person_id"])).any():
            problems.append(f"group {gid}: manager with own staff")
        if not set.intersection(*(set(m) or set(MOMENTS) for m in group["moments"])):
            problems.append(f"group {gid}: no shared moment")
        for (_, a), (_, b) in itertools.permutations(group.iterrows(), 2):
            road = ROAD_FACTOR * haversine_km(a["lat"], a["lon"], b["lat"], b["lon"])
            if road > a["max_travel_km"]:
                problems.append(f"group {gid}: {road:.0f} km beyond a limit")
    return problems


CLEAN_SPECS = [
    SampleSpec(n=40, seed=1, mess=0.0),
    SampleSpec(n=150, seed=1, mess=0.0),
    SampleSpec(n=150, seed=8, style="msforms", lang="en", mess=0.0),
    SampleSpec(n=500, seed=9, style="gforms", mess=0.0),
]


@pytest.mark.parametrize("spec", CLEAN_SPECS, ids=_spec_id)
def test_clean_sample_has_valid_witness_groups(spec: SampleSpec) -> None:
    _, truth = generate_sample(spec)
    assert truth["witness_group"].notna().all()
    assert _witness_problems(truth) == []


@pytest.mark.parametrize("spec", CLEAN_SPECS, ids=_spec_id)
def test_clean_sample_families_are_big_enough_and_without_mess(spec: SampleSpec) -> None:
    _, truth = generate_sample(spec)
    sizes = truth["family"].value_counts()
    assert sizes.min() >= 8
    assert (4 <= len(sizes) <= 5) if spec.n <= 40 else (len(sizes) >= 12)
    assert truth["planted"].isna().all() and truth["mess"].isna().all()
    assert not truth["is_duplicate"].any()


def test_managers_enrol_with_their_staff() -> None:
    _, truth = generate_sample(SampleSpec(n=150, seed=1, mess=0.0))
    managers = truth[truth["person_id"].isin(truth["manager_person_id"].dropna())]
    assert len(managers) >= 3
    assert (managers["level"] >= 2).all()
    team_sizes = truth.groupby(["organisation", "team"]).size()
    assert team_sizes.max() <= 10


# --- planted problems ---------------------------------------------------------------------


def test_planted_problems_are_exactly_the_three() -> None:
    spec = SampleSpec(n=60, seed=6, mess=0.0, plant_problems=True)
    _, truth = generate_sample(spec)
    planted = truth.set_index("planted").loc[list(PLANTED)]
    assert truth["planted"].notna().sum() == 3

    lonely = planted.loc["lonely_function"]
    assert (truth["function_canonical"] == lonely["function_canonical"]).sum() == 1
    assert (truth["family"] == lonely["family"]).sum() == 1

    with_evening = truth[truth["moments"].map(lambda m: "evening" in m)]
    assert list(with_evening["planted"]) == ["unshared_moment"]
    assert planted.loc["unshared_moment", "moments"] == ("evening",)

    far = planted.loc["far_away"]
    others = truth[truth["planted"] != "far_away"]
    nearest = min(
        ROAD_FACTOR * haversine_km(far["lat"], far["lon"], lat, lon)
        for lat, lon in zip(others["lat"], others["lon"], strict=True)
    )
    assert nearest > far["max_travel_km"] == 30.0

    assert _witness_problems(truth) == []


# --- geography ----------------------------------------------------------------------------


def _written_locations(sheet: pd.DataFrame, truth: pd.DataFrame):
    """(postcode-or-place text, country, mess) for every location cell in the sheet."""
    columns = [
        c
        for c in sheet.columns
        if c in {"Postcode", "Woonplaats", "Place"} or "postcode" in c.lower()
    ]
    for column in columns:
        for value, country, mess in zip(
            sheet[column], truth["country"], truth["mess"], strict=True
        ):
            if value is not None:
                yield str(value), country, mess


@pytest.mark.parametrize(
    "spec",
    [
        SampleSpec(n=400, seed=21, mess=0.1),
        SampleSpec(n=200, seed=22, style="msforms", mess=0.1),
        SampleSpec(n=2000, seed=1),
    ],
    ids=_spec_id,
)
def test_written_postcodes_and_places_are_in_the_geo_data(spec: SampleSpec) -> None:
    sheet, truth = generate_sample(spec)
    unresolvable = 0
    for text, country, mess in _written_locations(sheet, truth):
        code = re.match(r"^(?:B-)?(\d{4})(?:\s?[A-Za-z]{2})?(?:\s(.+))?$", text)
        if code:
            resolvable = known_postcode(code[1], country) and (
                code[2] is None or known_place(code[2], country)
            )
        else:
            resolvable = known_place(text, country)
        if mess in UNRESOLVABLE_LOCATION_MESS:
            unresolvable += not resolvable
        else:
            assert resolvable, (text, country)
    expected = truth["mess"].isin(["place_typo", "postcode_typo"]).sum()
    assert unresolvable == expected


@pytest.mark.parametrize("spec", STYLE_SPECS, ids=_spec_id)
def test_every_row_without_location_mess_states_a_location(spec: SampleSpec) -> None:
    sheet, truth = generate_sample(spec)
    columns = [
        c
        for c in sheet.columns
        if c in {"Postcode", "Woonplaats", "Place"}
        or c.startswith(("Wat is de postcode", "Postcode of"))
    ]
    stated = sheet[columns].notna().any(axis=1)
    assert (stated | truth["mess"].isin(UNRESOLVABLE_LOCATION_MESS)).all()


def test_locations_are_written_in_several_ways() -> None:
    sheet, truth = generate_sample(SampleSpec(n=2000, seed=1))
    postcodes = [v for v in sheet["Postcode"] if v is not None]
    assert any(isinstance(v, int) for v in postcodes)
    assert any(isinstance(v, str) and re.fullmatch(r"\d{4} [A-Z]{2}", v) for v in postcodes)
    assert any(isinstance(v, str) and re.fullmatch(r"\d{4}[a-z]{2}", v) for v in postcodes)
    assert any(isinstance(v, str) and v.startswith("B-") for v in postcodes)
    place_only = sheet["Postcode"].isna() & sheet["Woonplaats"].notna() & truth["mess"].isna()
    assert place_only.sum() > 0
    assert "Den Bosch" in set(sheet["Woonplaats"])


# --- the committed set --------------------------------------------------------------------


def test_standard_samples_match_the_committed_files(tmp_path: Path) -> None:
    written = write_standard_samples(tmp_path)
    assert [p.name for p in written] == [name for name, _ in STANDARD_SAMPLES]
    committed = REPO / "data" / "samples"
    for path in written:
        assert path.read_bytes() == (committed / path.name).read_bytes(), path.name
    total_mb = sum(p.stat().st_size for p in written) / 1e6
    assert total_mb < 3.0
