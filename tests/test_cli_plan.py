"""``intervisie plan`` and ``form --facilitators`` as a user runs them (issue 14)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from cli import EXIT_INFEASIBLE, EXIT_INPUT, EXIT_USAGE, app
from tests.budget import work
from tests.reporting.test_json_output import strict_loads

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
FACILITATORS = SAMPLES / "plan" / "facilitators_12.xlsx"
runner = CliRunner()


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def lineup(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("plan") / "groups.xlsx"
    result = run("form", SAMPLES / "intake_40.xlsx", "-o", out, *work(3))
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def planned(lineup: Path) -> tuple[Path, dict]:
    out = lineup.with_name("plan.xlsx")
    result = run(
        "plan", lineup, "--facilitators", FACILITATORS, "--start", "2027-01-11",
        "-o", out, "--json", "--time-limit", "10", "--lang", "nl",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return out, strict_loads(result.stdout)


def test_plan_json_has_the_issue_shape(planned) -> None:
    _, data = planned
    assert data["groups"] and data["facilitators"]
    for g in data["groups"]:
        assert set(g) >= {"group", "facilitator", "reason", "method", "meetings"}
        assert g["facilitator"] is None or set(g["facilitator"]) == {"name", "email"}
        assert (g["facilitator"] is None) <= (g["reason"] is not None)
        for m in g["meetings"]:
            assert date.fromisoformat(m["date"]) >= date(2027, 1, 11)
            assert len(m["start"]) == 5 and len(m["end"]) == 5
    for f in data["facilitators"]:
        assert set(f) >= {"name", "email", "groups"}
        assert len(f["groups"]) <= f["capacity"]
    planned_groups = sorted(g for f in data["facilitators"] for g in f["groups"])
    assert planned_groups == sorted(g["group"] for g in data["groups"] if g["facilitator"])


def test_plan_workbook_has_schedule_and_facilitators_sheets(planned) -> None:
    out, data = planned
    book = openpyxl.load_workbook(out)
    assert "Planning" in book.sheetnames and "Begeleiders" in book.sheetnames
    assert book.worksheets[-1].sheet_state == "hidden"
    schedule = list(book["Planning"].iter_rows(values_only=True))
    assert schedule[0][:3] == ("Groep", "Bijeenkomst", "Datum")
    meetings = sum(len(g["meetings"]) for g in data["groups"])
    assert len(schedule) - 1 == meetings + sum(not g["meetings"] for g in data["groups"])
    html = out.with_suffix(".html").read_text(encoding="utf-8")
    assert 'id="plan"' in html and "Programmaplanning" in html


def test_calendars_are_written_beside_the_workbook(planned) -> None:
    out, data = planned
    folder = out.with_name("plan_calendars")
    groups = [g for g in data["groups"] if g["meetings"]]
    group_files = sorted(folder.glob("groep_*.ics"))
    assert len(group_files) == len(groups)
    events = list(Calendar.from_ical(group_files[0].read_bytes()).walk("VEVENT"))
    assert [e.decoded("dtstart").date().isoformat() for e in events] == [
        m["date"] for m in groups[0]["meetings"]
    ]


def test_the_plan_workbook_is_still_a_line_up(planned, tmp_path) -> None:
    out, _ = planned
    result = run("evaluate", out)
    assert result.exit_code == 0, result.stderr


def test_form_with_facilitators_does_both(tmp_path) -> None:
    out = tmp_path / "both.xlsx"
    result = run(
        "form", SAMPLES / "intake_40.xlsx", "-o", out, *work(3), "--json",
        "--facilitators", FACILITATORS, "--start", "2027-03-01", "--meetings", "4",
        "--weeks", "5-7",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = strict_loads(result.stdout)
    assert all(len(g["meetings"]) in (0, 4) for g in data["plan"]["groups"])
    assert "Schedule" in openpyxl.load_workbook(out).sheetnames


def test_nothing_plannable_exits_3_with_the_reason(lineup, tmp_path) -> None:
    result = run(
        "plan", lineup, "--facilitators", FACILITATORS, "--start", "2027-01-11",
        "--end", "2027-03-01", "-o", tmp_path / "p.xlsx",
    )  # fmt: skip
    assert result.exit_code == EXIT_INFEASIBLE
    assert "do not fit between 2027-01-11 and 2027-03-01" in result.stderr
    assert "--end" in result.stderr


@pytest.mark.parametrize(
    ("args", "word"),
    [
        (["--start", "11-01-2027"], "YYYY-MM-DD"),
        (["--start", "2027-01-11", "--weeks", "six"], "--weeks"),
        (["--start", "2027-01-11", "--weeks", "8-6"], "weeks"),
        ([], "--start"),
    ],
)
def test_bad_plan_options_are_usage_errors(lineup, tmp_path, args, word) -> None:
    result = run("plan", lineup, "--facilitators", FACILITATORS, *args, "-o", tmp_path / "p.xlsx")
    assert result.exit_code == EXIT_USAGE
    assert word in result.stderr and "Traceback" not in result.stderr


def test_a_bad_facilitator_file_is_an_input_error(lineup, tmp_path) -> None:
    bad = tmp_path / "begeleiders.csv"
    bad.write_text("Kleur,Maat\nrood,3\n", encoding="utf-8")
    result = run("plan", lineup, "--facilitators", bad, "--start", "2027-01-11",
                 "-o", tmp_path / "p.xlsx")  # fmt: skip
    assert result.exit_code == EXIT_INPUT
    assert "begeleiders.csv" in result.stderr
