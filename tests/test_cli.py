"""The ``intervisie`` commands as a user runs them: output, files written and exit codes."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

import workflow
from cli import EXIT_INFEASIBLE, EXIT_INPUT, EXIT_USAGE, app
from tests.budget import work

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
runner = CliRunner()


def run(*args: str):
    """Run the app; stdout and stderr separately, as a shell would see them."""
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def formed(tmp_path_factory) -> tuple[Path, dict]:
    """One short form run on the 40-person sample, shared by the tests that read its output."""
    out = tmp_path_factory.mktemp("form") / "groups.xlsx"
    result = run("form", SAMPLES / "intake_40.xlsx", "-o", out, *work(3), "--json")
    assert result.exit_code == 0, result.stderr
    return out, json.loads(result.stdout)


def test_check_prints_the_mapping_and_the_issues():
    result = run("check", SAMPLES / "msforms_nl_60.xlsx")
    assert result.exit_code == 0
    assert "Columns" in result.stderr and "learn or give" in result.stderr
    assert "learn_give" not in result.stderr  # fields in words, not internal keys
    assert "participants" in result.stderr


def test_check_json_lists_mapping_and_issues_with_rows():
    result = run("check", SAMPLES / "intake_150.xlsx", "--json")
    data = json.loads(result.stdout)
    assert data["participants"] + len(data["excluded"]) == data["rows"] == 150
    assert {"header", "field", "confidence", "how"} <= set(data["mapping"][0])
    assert all("message" in i and "row" in i for i in data["issues"])


@pytest.mark.parametrize(
    ("content", "code_word"),
    [(b"", "empty"), (b"%PDF-1.7 not a sheet", "spreadsheet"), (b"PK\x03\x04broken", "")],
)
def test_bad_files_give_one_clear_message_and_exit_1(tmp_path, content, code_word):
    path = tmp_path / "intake.xlsx"
    path.write_bytes(content)
    result = run("check", path)
    assert result.exit_code == EXIT_INPUT
    assert "intake.xlsx" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert code_word in result.stderr.lower()


def test_a_missing_file_is_an_input_error(tmp_path):
    result = run("check", tmp_path / "nope.xlsx")
    assert result.exit_code == EXIT_INPUT
    assert "nope.xlsx" in result.stderr


def test_check_in_dutch(tmp_path):
    result = run("check", SAMPLES / "intake_40.xlsx", "--lang", "nl")
    assert "deelnemers" in result.stderr


def test_form_writes_a_workbook_with_every_sheet(formed):
    out, data = formed
    book = openpyxl.load_workbook(out)
    groups = [g["group"] for g in data["groups"]]
    expected = ["Overview", *(f"Group {g}" for g in groups)]
    expected += ["Contacts", "Participants", "Unplaced", "Intake issues", "Settings"]
    expected += ["_participants", "_groups", "_settings"]
    assert book.sheetnames == expected
    assert book["_participants"].sheet_state == "hidden"
    overview = book["Overview"]
    assert overview.freeze_panes == "A2" and overview.auto_filter.ref
    participants = book["Participants"]
    header = [c.value for c in participants[1]]
    assert header[:3] == ["ID", "Row", "Name"] and "Group" in header and "Pinned" in header
    assert participants.max_row - 1 == 40
    settings = {r[0]: r[1] for r in book["Settings"].iter_rows(min_row=2, values_only=True)}
    assert settings["Seed (same seed, same groups)"] == 0
    assert len(settings["Fingerprint of the intake file (SHA-256)"]) == 64
    assert "GeoNames" in settings["Place data"]
    assert "ESCO" in settings["Occupation data"]
    toml = "\n".join(str(c.value or "") for c in book["_settings"]["A"])
    assert "min_size = 5" in toml and "[rules.same_team]" in toml
    assert out.with_suffix(".html").exists()


def test_form_json_accounts_for_everyone(formed):
    _, data = formed
    members = [m["pid"] for g in data["groups"] for m in g["members"]]
    unplaced = [u["pid"] for u in data["unplaced"]]
    assert len(members) + len(unplaced) + len(data["excluded"]) == 40
    assert len(set(members)) == len(members)
    assert all(5 <= len(g["members"]) <= 8 for g in data["groups"])
    assert data["hard_violations"] == 0
    assert data["status"] in ("optimal", "feasible")


def test_form_json_gives_verdicts_and_function_purity(formed):
    _, data = formed
    for group in data["groups"]:
        assert group["verdict"] in ("good", "acceptable", "attention")
        assert group["verdict_reasons"] and all(
            isinstance(r, str) for r in group["verdict_reasons"]
        )
        assert group["function_purity"] is None or 0 <= group["function_purity"] <= 1
    shares = [g["function_purity"] for g in data["groups"] if g["function_purity"] is not None]
    assert min(shares) <= data["function_purity"] <= max(shares)  # pooled over the groups


def test_form_json_gives_each_groups_farthest_and_average_travel(formed):
    _, data = formed
    for group in data["groups"]:
        km = [m["travel_km"] for m in group["members"] if m["travel_km"] is not None]
        assert group["travel_km_max"] == max(km)
        assert group["travel_km_mean"] == pytest.approx(sum(km) / len(km), abs=0.051)
        assert group["hosts"] == []  # central mode: nobody hosts
    assert "travel_balance" in data["scores"]


def test_same_seed_gives_the_same_groups(formed, tmp_path):
    _, first = formed
    again = run("form", SAMPLES / "intake_40.xlsx", "-o", tmp_path / "g.xlsx", *work(3), "--json")
    second = json.loads(again.stdout)
    as_sets = [sorted(m["pid"] for m in g["members"]) for g in first["groups"]]
    assert as_sets == [sorted(m["pid"] for m in g["members"]) for g in second["groups"]]


def _edit_groups(path: Path, moves: dict[str, int], pin: str | None = None) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book["Participants"]
    header = [c.value for c in sheet[1]]
    group_col, pin_col = header.index("Group") + 1, header.index("Pinned") + 1
    for row in range(2, sheet.max_row + 1):
        pid = sheet.cell(row, 1).value
        if pid in moves:
            sheet.cell(row, group_col).value = moves[pid]
        if pid == pin:
            sheet.cell(row, pin_col).value = "x"
    book.save(path)


def test_round_trip_form_edit_evaluate_repair(formed, tmp_path):
    out, data = formed
    edited = tmp_path / "edited.xlsx"
    shutil.copy(out, edited)
    first, second = data["groups"][0], data["groups"][1]
    # squeeze all of group 2 into group 1: too big, so something must break
    _edit_groups(edited, {m["pid"]: first["group"] for m in second["members"]})
    evaluated = run("evaluate", edited, "--json")
    assert evaluated.exit_code == 0, evaluated.stderr
    report = json.loads(evaluated.stdout)
    assert report["objective"] != data["objective"]
    assert "Group" in evaluated.stderr

    repaired_path = tmp_path / "repaired.xlsx"
    repaired = run("repair", edited, "-o", repaired_path, *work(3), "--json")
    assert repaired.exit_code == 0, repaired.stderr
    fixed = json.loads(repaired.stdout)
    assert fixed["hard_violations"] == 0
    assert all(5 <= len(g["members"]) <= 8 for g in fixed["groups"])
    assert fixed["moves"], "squeezed people must be moved back out"
    assert all(m["reason"] for m in fixed["moves"])
    assert openpyxl.load_workbook(repaired_path).sheetnames[0] == "Overview"


def test_repair_keeps_a_pinned_person_in_place(formed, tmp_path):
    out, data = formed
    edited = tmp_path / "pinned.xlsx"
    shutil.copy(out, edited)
    person = data["groups"][0]["members"][0]["pid"]
    target = data["groups"][1]["group"]
    _edit_groups(edited, {person: target}, pin=person)
    repaired = run("repair", edited, "-o", tmp_path / "r.xlsx", *work(3), "--json")
    fixed = json.loads(repaired.stdout)
    group_of = {m["pid"]: g["group"] for g in fixed["groups"] for m in g["members"]}
    assert group_of[person] == target


def test_repair_of_an_unchanged_lineup_moves_nobody(formed, tmp_path):
    out, data = formed
    repaired = run("repair", out, "-o", tmp_path / "same.xlsx", "--time-limit", "4", "--json")
    assert repaired.exit_code == 0, repaired.stderr
    fixed = json.loads(repaired.stdout)
    assert fixed["moves"] == []
    assert "Nobody moved" in repaired.stderr
    before = {m["pid"]: g["group"] for g in data["groups"] for m in g["members"]}
    assert {m["pid"]: g["group"] for g in fixed["groups"] for m in g["members"]} == before


def test_repair_lists_each_forced_move_with_row_and_reason(formed, tmp_path):
    out, data = formed
    edited = tmp_path / "pinned.xlsx"
    shutil.copy(out, edited)
    person = data["groups"][0]["members"][0]["pid"]
    _edit_groups(edited, {person: data["groups"][1]["group"]}, pin=person)
    repaired = run("repair", edited, "-o", tmp_path / "r.xlsx", "--time-limit", "4", "--json")
    fixed = json.loads(repaired.stdout)
    for move in fixed["moves"]:
        assert move["reason"]
    lines = [line for line in repaired.stderr.splitlines() if line.startswith("- ")]
    assert len(lines) == len(fixed["moves"])
    assert all("(row " in line and "(R0" not in line for line in lines)
    assert len(fixed["moves"]) <= 8  # the pin's own groups, never half the line-up


def test_explain_says_first_what_the_group_gives_then_the_others_best_first(formed):
    out, data = formed
    member = data["groups"][0]["members"][0]
    result = run("explain", out, member["email"], "--lang", "nl")
    assert result.exit_code == 0, result.stderr
    text = result.stderr
    assert f"Wat groep {data['groups'][0]['group']}" in text
    assert text.index("Wat groep") < text.index("Andere groepen, de beste eerst")
    assert "(R0" not in text and "late_afternoon" not in text


def test_explain_names_the_person_and_each_other_group(formed):
    out, data = formed
    member = data["groups"][0]["members"][0]
    result = run("explain", out, member["email"])
    assert result.exit_code == 0, result.stderr
    assert member["name"] in result.stderr
    assert "To group" in result.stderr
    assert "R, 0" not in result.stderr  # sentences, not spelled-out characters
    assert "Function and fellow members" in result.stderr
    assert "both work as" in result.stderr or "different functions" in result.stderr


def test_analyse_json_lists_each_participants_function_family_and_occupation(tmp_path):
    result = run("analyse", SAMPLES / "intake_40.xlsx", "--json", "--lang", "nl")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    first = data["participants"][0]
    assert set(first) >= {
        "pid",
        "name",
        "source_row",
        "function",
        "function_family",
        "occupation_code",
        "level",
    }
    assert len(data["participants"]) == 40
    assert sum(f["size"] for f in data["families"]) == 40
    nurses = [p for p in data["participants"] if p["occupation_code"] == "nl:wijkverpleegkundige"]
    assert nurses and {p["function_family"] for p in nurses} == {"Wijkverpleegkundige"}


def test_explain_an_unknown_person_is_a_usage_error(formed):
    out, _ = formed
    result = run("explain", out, "Niemand Bekend")
    assert result.exit_code == EXIT_USAGE
    assert "matches 0 participants" in result.stderr


def test_evaluate_a_simple_two_column_sheet_with_the_intake(formed, tmp_path):
    _, data = formed
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["E-mail", "Groep"])
    for group in data["groups"]:
        for member in group["members"]:
            sheet.append([member["email"], group["group"]])
    sheet.append(["onbekend@example.nl", 1])
    path = tmp_path / "simple.xlsx"
    book.save(path)
    without = run("evaluate", path)
    assert without.exit_code == EXIT_INPUT and "--intake" in without.stderr
    result = run("evaluate", path, "--intake", SAMPLES / "intake_40.xlsx", "--json")
    assert result.exit_code == EXIT_INPUT  # the unknown person is reported
    assert "onbekend@example.nl" in result.stderr
    assert json.loads(result.stdout)["hard_violations"] == 0


def test_a_bad_rule_option_is_a_usage_error(tmp_path):
    result = run(
        "form", SAMPLES / "intake_40.xlsx", "-o", tmp_path / "x.xlsx", "--rule", "same_team=maybe"
    )
    assert result.exit_code == EXIT_USAGE
    assert "KEY=hard" in result.stderr


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("travel=soft:100000000000000000000000", "weight must be between 0 and 100000"),
        ("travel=soft:lots", "the weight must be a whole number"),
    ],
)
def test_a_weight_out_of_range_is_a_usage_error_not_a_traceback(tmp_path, rule, words):
    result = run("form", SAMPLES / "intake_40.xlsx", "-o", tmp_path / "x.xlsx", "--rule", rule)
    assert result.exit_code == EXIT_USAGE
    assert words in " ".join(result.stderr.split())  # the terminal may wrap the message
    assert not (tmp_path / "x.xlsx").exists()


def test_an_unknown_settings_key_is_a_usage_error(tmp_path):
    config = tmp_path / "s.toml"
    config.write_text("group_size = 6\n", encoding="utf-8")
    result = run("form", SAMPLES / "intake_40.xlsx", "-o", tmp_path / "x.xlsx", "--config", config)
    assert result.exit_code == EXIT_USAGE
    assert "group_size" in result.stderr


def test_sample_writes_a_file_that_check_reads(tmp_path):
    path = tmp_path / "s.csv"
    assert run("sample", "-o", path, "--n", "30", "--style", "gforms").exit_code == 0
    assert run("check", path).exit_code == 0


def test_sample_with_bad_options_is_a_usage_error(tmp_path):
    result = run("sample", "-o", tmp_path / "s.xlsx", "--n", "3")
    assert result.exit_code == EXIT_USAGE


def test_batch_forms_each_file_and_reports_the_bad_one(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "intake_40.xlsx", folder / "regio_a.xlsx")
    (folder / "kapot.xlsx").write_bytes(b"not a workbook")
    result = run("batch", folder, "-o", tmp_path / "out", *work(2), "--jobs", "2")
    assert result.exit_code == EXIT_INPUT
    assert (tmp_path / "out" / "regio_a_groups.xlsx").exists()
    summary = openpyxl.load_workbook(tmp_path / "out" / "summary.xlsx").active
    rows = {r[0]: r for r in summary.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"kapot.xlsx", "regio_a.xlsx"}
    header = [c.value for c in summary[1]]
    assert rows["kapot.xlsx"][header.index("Result")] == "could not be read"
    assert rows["regio_a.xlsx"][header.index("Result")] in (
        "proven the best",
        "not proven the best",
    )


def test_placing_everyone_when_impossible_exits_3_naming_the_conflicting_rules(tmp_path):
    result = run(
        "form",
        SAMPLES / "intake_problems_60.xlsx",
        "-o",
        tmp_path / "x.xlsx",
        "--place-everyone",
        "--time-limit",
        "5",
    )
    assert result.exit_code == EXIT_INFEASIBLE
    assert "cannot all hold" in result.stderr
    assert "Common meeting moment" in result.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_analyse_names_the_planted_problems_and_writes_report_and_charts(tmp_path):
    report = tmp_path / "analysis.html"
    result = run("analyse", SAMPLES / "intake_problems_60.xlsx", "-o", report)
    assert result.exit_code == 0, result.stderr
    assert "What will not work" in result.stderr
    assert "klinisch perfusionist" in result.stderr.lower()
    assert "(row 27)" in result.stderr and "(row 30)" in result.stderr
    html = report.read_text(encoding="utf-8")
    assert "data:image/png;base64," in html and "GeoNames" in html
    assert "ESCO classification of the European Commission" in html
    assert len(list((tmp_path / "analysis_charts").glob("*.png"))) >= 5


def _without_emails(tmp_path: Path, blank: int = 3) -> Path:
    """intake_40.csv with the first ``blank`` participants' e-mail addresses left empty."""
    text = (SAMPLES / "intake_40.csv").read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Naam;"))
    for i in range(header + 1, header + 1 + blank):
        cells = lines[i].split(";")
        cells[1] = ""
        lines[i] = ";".join(cells)
    path = tmp_path / "no_email.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_every_json_output_is_strict(tmp_path):
    """Participants without an e-mail are null, never NaN, in check/form/evaluate/repair."""
    from tests.reporting.test_json_output import strict_loads

    intake = _without_emails(tmp_path)
    checked = run("check", intake, "--json")
    strict_loads(checked.stdout)
    out = tmp_path / "groups.xlsx"
    formed = run("form", intake, "-o", out, *work(2), "--json")
    assert formed.exit_code == 0, formed.stderr
    data = strict_loads(formed.stdout)
    people = [m for g in data["groups"] for m in g["members"]] + data["unplaced"]
    assert sum(p["email"] is None for p in people) == 3
    strict_loads(run("evaluate", out, "--json").stdout)
    repaired = run("repair", out, "-o", tmp_path / "r.xlsx", *work(2), "--json")
    strict_loads(repaired.stdout)


def test_check_json_gives_kind_row_column_and_message_most_important_first():
    data = json.loads(run("check", SAMPLES / "msforms_nl_60.xlsx", "--json").stdout)
    kinds = [i["kind"] for i in data["issues"]]
    assert kinds and all({"kind", "row", "column", "message"} <= set(i) for i in data["issues"])
    order = list(data["issue_counts"])
    assert kinds == sorted(kinds, key=order.index)
    assert sum(data["issue_counts"].values()) == len(kinds)
    assert "location" in data["issue_counts"]  # the BE/NL postcodes are still reported


def test_check_prints_counts_per_kind():
    result = run("check", SAMPLES / "msforms_nl_60.xlsx", "--lang", "nl")
    assert "Per soort, belangrijkste eerst: postcode of plaats" in " ".join(result.stderr.split())


def test_a_work_limit_gives_the_same_groups_whatever_the_clock(tmp_path):
    """The search stops on counted work, so a busy machine (here: a generous time limit that
    never binds) gives the groups an idle one gives."""
    budget = ("--time-limit", "120", "--work-limit", "1", "--seed", "7")
    runs = [
        run("form", SAMPLES / "intake_40.xlsx", "-o", tmp_path / f"g{i}.xlsx", "--json", *budget)
        for i in range(2)
    ]
    assert [r.exit_code for r in runs] == [0, 0], runs[0].stderr
    first, second = (json.loads(r.stdout)["groups"] for r in runs)
    assert [g["members"] for g in first] == [g["members"] for g in second]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_search_the_time_limit_ends_says_the_groups_may_differ(tmp_path, monkeypatch, lang):
    """When the solver reports that its clock, not its work budget, ended the search (see
    tests/optimiser/test_solve.py for when it does), the line-up is written with a warning."""
    solved = workflow.solve_problem
    monkeypatch.setattr(
        workflow,
        "solve_problem",
        lambda *args, **kwargs: replace(solved(*args, **kwargs), clock_stopped=True),
    )
    out = tmp_path / "g.xlsx"
    result = run("form", SAMPLES / "intake_40.xlsx", "-o", out, *work(0.5), "--lang", lang)
    assert result.exit_code == 0, result.stderr
    said = " ".join(result.stderr.split())
    warning = "kan dan andere groepen geven" if lang == "nl" else "may then give other groups"
    assert warning in said
    assert out.exists()


@pytest.mark.parametrize("flag", ["--time-limit", "--work-limit"])
def test_a_budget_of_zero_seconds_is_a_usage_error(tmp_path, flag):
    result = run("form", SAMPLES / "intake_40.xlsx", "-o", tmp_path / "g.xlsx", flag, "0")
    assert result.exit_code == EXIT_USAGE
    assert f"{flag} must be more than 0 seconds" in result.stderr


def test_analyse_judges_reach_by_the_venues_form_would_use(tmp_path):
    """With a venues file of one hall in Maastricht, far from the sample's people, analyse
    says who cannot reach it within their limit: the people the solver's problem allows the
    hall only beyond their limit. Without it they meet in towns near them, and nobody is."""
    from intake.pipeline import read_intake
    from workflow import FormOptions, analysed_problem, settings_for

    venues = tmp_path / "zalen.csv"
    venues.write_text("naam,plaats\nZaal,Maastricht\n", "utf-8")
    file = SAMPLES / "intake_40.xlsx"

    def out_of_reach(*extra: object) -> set[str]:
        result = run("analyse", file, "--json", *extra)
        assert result.exit_code == 0, result.stderr
        findings = json.loads(result.stdout)["findings"]
        return {p for f in findings if f["code"] == "out_of_reach" for p in f["pids"]}

    options = FormOptions(venues=venues)
    problem = analysed_problem(read_intake(file).table, options, settings_for(options))[0]
    note = next(n for n in problem.notes if "can reach no meeting place" in n)
    stretched = set(note.rpartition(": ")[2].split(", "))
    assert len(stretched) > 20
    assert out_of_reach("--venues", venues) == stretched
    assert out_of_reach() == set()
