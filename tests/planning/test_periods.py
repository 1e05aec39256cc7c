"""Periods as written, blocked-period files, public holidays from the holidays package."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from intake.issues import IntakeFileError
from planning.periods import (
    EXAMPLE_BLOCKED,
    Period,
    parse_periods,
    public_holidays,
    read_blocked_periods,
)


def test_periods_in_a_cell() -> None:
    periods, unread = parse_periods(
        "2027-07-12 t/m 2027-08-20; 18-10-2027 tot 22-10-2027, 1/3/2027"
    )
    assert [(p.first, p.last) for p in periods] == [
        (date(2027, 7, 12), date(2027, 8, 20)),
        (date(2027, 10, 18), date(2027, 10, 22)),
        (date(2027, 3, 1), date(2027, 3, 1)),
    ]
    assert unread == []
    assert parse_periods("zomer, 2027-08-20 t/m 2027-07-12")[1] == [
        "zomer", "2027-08-20 t/m 2027-07-12"
    ]  # fmt: skip


def test_public_holidays_per_country() -> None:
    nl = public_holidays(("NL",), date(2027, 1, 1), date(2027, 12, 31), "nl")
    be = public_holidays(("BE",), date(2027, 1, 1), date(2027, 12, 31), "nl")
    assert date(2027, 4, 27) in nl and date(2027, 4, 27) not in be  # Koningsdag
    assert date(2027, 7, 21) in be and date(2027, 7, 21) not in nl  # Nationale feestdag
    assert date(2027, 5, 6) in nl and date(2027, 5, 6) in be  # Hemelvaart


def test_the_example_blocked_files_read_alike_in_both_languages() -> None:
    periods = {lang: read_blocked_periods(path) for lang, path in EXAMPLE_BLOCKED.items()}
    assert periods["en"] and all(p.first <= p.last for p in periods["en"])
    assert {p.country for p in periods["en"]} <= {None, "NL", "BE"}
    dates = {lang: [(p.first, p.last, p.country) for p in found] for lang, found in periods.items()}
    assert dates["nl"] == dates["en"]
    assert periods["nl"][0].label.startswith("Voorbeeld")


def test_spreadsheet_dates_a_dutch_country_and_a_day_without_end(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Van", "Tot en met", "Omschrijving", "Land"])
    book.active.append([datetime(2027, 10, 18), datetime(2027, 10, 22), "Herfst", "België"])
    book.active.append(["27-04-2027", None, "Studiedag", None])
    book.save(tmp_path / "vakanties.xlsx")
    periods = read_blocked_periods(tmp_path / "vakanties.xlsx")
    assert periods == [
        Period(date(2027, 10, 18), date(2027, 10, 22), "Herfst", "BE"),
        Period(date(2027, 4, 27), date(2027, 4, 27), "Studiedag", None),
    ]


@pytest.mark.parametrize(
    ("row", "column", "en", "nl"),
    [
        ("2027-02-15,2027-02-31,x,", "end", "is not a date", "is geen datum"),
        ("2027-02-15,2027-02-01,x,", "end", "is before the first day", "ligt voor de eerste dag"),
        ("2027-02-15,2027-02-19,x,noord", "country", "not a country", "geen land"),
        ("volgende week,,x,", "start", "is not a date", "is geen datum"),
    ],
)
def test_every_bad_cell_is_named_with_row_and_column(tmp_path, row, column, en, nl) -> None:
    path = tmp_path / "blocked.csv"
    path.write_text(f"start,end,label,country\n2027-01-04,2027-01-08,ok,\n{row}\n")
    with pytest.raises(IntakeFileError) as caught:
        read_blocked_periods(path)
    issue = caught.value.issue
    assert (issue.row, issue.column) == (3, column)
    assert en in issue.message("en") and nl in issue.message("nl")
    assert issue.where("nl") == f'blocked.csv, rij 3, kolom "{column}"'


def test_a_bad_blocked_period_names_its_row(tmp_path: Path) -> None:
    path = tmp_path / "blocked.csv"
    path.write_text("start,end,label\n2027-02-15,2027-02-19,a\n2027-02-30,2027-03-01,b\n")
    with pytest.raises(IntakeFileError) as caught:
        read_blocked_periods(path)
    assert caught.value.issue.row == 3 and caught.value.issue.column == "start"
