"""Reading the facilitator list: NL/EN headers, every problem with its row and column."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from intake.issues import IntakeFileError, Severity
from planning.facilitators import read_facilitators
from planning.settings import PlanSettings

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples" / "plan"
SAMPLE = SAMPLES / "facilitators_12.xlsx"
SETTINGS = PlanSettings(default_max_travel_km=55, default_capacity=2)


def test_the_bundled_sample_reads_cleanly() -> None:
    facilitators, issues = read_facilitators(SAMPLE, SETTINGS)
    assert len(facilitators) == 12
    assert [i for i in issues if i.severity != Severity.INFO] == []
    fenna = facilitators[0]
    assert fenna.name == "Fenna Bakker" and fenna.fid == "F0002" and fenna.source_row == 2
    assert fenna.weekdays == ("tue", "thu") and fenna.moments == ("morning",)
    assert fenna.unavailable[0].first == date(2027, 7, 12)
    assert fenna.unavailable[0].last == date(2027, 8, 20)
    assert fenna.home.name == "Apeldoorn" and fenna.max_travel_km == 50
    ruud = facilitators[1]
    assert ruud.max_travel_km == 55, "'maakt niet uit' is the default limit"
    assert ruud.weekdays == ("mon", "tue", "wed", "thu") and ruud.capacity == 3


def test_english_csv_with_problems_names_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "facilitators.csv"
    path.write_text(
        "Name,Email,Location,Background,Groups per year,Availability,Unavailable,Max travel\n"
        "Eva Jansen,eva@example.org,Qwertyville,Nurse,lots,Tuesday evening,"
        "2027-13-01 to 2027-14-01,far\n"
        ",,Utrecht,Nurse,2,,,\n"
        "Bo Li,bo@example.org,3511,Psychologist,2 or 3,mon-wed,2027-03-01 t/m 2027-03-05,40 km\n",
        encoding="utf-8",
    )
    facilitators, issues = read_facilitators(path, SETTINGS)
    assert [f.name for f in facilitators] == ["Eva Jansen", "Bo Li"]
    by_code = {(i.code, i.row): i for i in issues}
    assert by_code[("facilitators_unknown_location", 2)].column == "Location"
    assert by_code[("facilitators_bad_capacity", 2)].column == "Groups per year"
    assert by_code[("facilitators_bad_period", 2)].column == "Unavailable"
    assert by_code[("facilitators_bad_travel", 2)].column == "Max travel"
    assert by_code[("facilitators_no_name", 3)].severity == Severity.ERROR
    assert by_code[("facilitators_capacity_range", 4)].row == 4
    eva, bo = facilitators
    assert eva.capacity == 2 and eva.home is None and eva.max_travel_km == 55
    assert eva.weekdays == ("tue",) and eva.moments == ("evening",)
    assert bo.capacity == 3 and bo.weekdays == ("mon", "tue", "wed") and bo.max_travel_km == 40
    assert all(i.file == "facilitators.csv" for i in issues)


def test_a_list_without_names_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Colour,Size\nred,3\n", encoding="utf-8")
    with pytest.raises(IntakeFileError) as caught:
        read_facilitators(path, SETTINGS)
    assert caught.value.issue.code == "facilitators_no_name"
