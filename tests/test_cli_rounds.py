"""``compare`` and ``next-round`` as a user runs them: files written, JSON and exit codes."""

from __future__ import annotations

import pandas as pd
from openpyxl import load_workbook
from typer.testing import CliRunner

from cli import EXIT_INPUT, EXIT_USAGE, app
from tests.budget import work
from tests.reporting.test_json_output import strict_loads
from tests.rounds.builders import (
    SAMPLES,
    dropouts_that_force_nothing,
    round_one,
    write_round_two,
)

__all__ = ["round_one"]  # the fixture

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_next_round_from_files_writes_groups_with_a_compare_sheet_and_json(round_one, tmp_path):
    new = write_round_two(tmp_path / "round2.csv", dropouts_that_force_nothing(round_one), 3)
    out = tmp_path / "round2.xlsx"
    result = run(
        "next-round",
        round_one,
        new,
        "--mode",
        "stable",
        "-o",
        out,
        "--json",
        "--time-limit",
        "120",
        "--work-limit",
        "4",  # counted work: the same on a busy machine
    )
    assert result.exit_code == 0, result.stderr
    data = strict_loads(result.stdout)
    assert data["mode"] == "stable"
    assert data["kept_pairs"] >= 0.95 * data["continuing_pairs"]
    assert data["repeated_pairs"] == data["kept_pairs"]  # K = 1: repeats are the kept pairs
    members = [m for g in data["groups"] for m in g["members"]]
    assert all("previous_group" in m for m in members)
    assert sum(m["previous_group"] is None for m in members) + len(data["unplaced"]) >= 3
    assert len(data["dropouts"]) == 3 and all(d["reason"] for d in data["dropouts"])
    assert all(c["reason"] for c in data["changes"])
    book = load_workbook(out)
    assert "Compare" in book.sheetnames and "Participants" in book.sheetnames
    assert "continuing pairs kept" in result.stderr


def test_compare_two_workbooks_json_and_sheet(round_one, tmp_path):
    new = write_round_two(tmp_path / "round2.csv", dropouts_that_force_nothing(round_one), 2)
    second = tmp_path / "round2.xlsx"
    assert run("next-round", round_one, new, "-o", second, *work(2)).exit_code == 0
    out = tmp_path / "cmp.xlsx"
    result = run("compare", round_one, second, "--json", "-o", out, "--lang", "nl")
    assert result.exit_code == 0, result.stderr
    data = strict_loads(result.stdout)
    assert len(data["only_a"]) == 3 and len(data["only_b"]) == 2
    assert data["kept_groups"] >= 1
    assert {"a", "b", "moved", "groups", "rules", "pairs_again", "uncertain_matches"} <= set(data)
    assert load_workbook(out).sheetnames == ["Vergelijking"]


def test_bad_arguments_exit_with_a_message(round_one, tmp_path):
    assert run("next-round", round_one, "--mode", "stable").exit_code == EXIT_USAGE
    result = run("next-round", round_one, round_one, "--mode", "shuffle")
    assert result.exit_code == EXIT_USAGE and "stable or mix" in result.stderr
    result = run("compare", round_one, tmp_path / "missing.xlsx")
    assert result.exit_code == EXIT_USAGE and "missing.xlsx" in result.stderr
    result = run(
        "compare",
        "v1",
        "v2",
        "--programme",
        "nothing",
        "--db",
        f"sqlite:///{tmp_path / 'db.sqlite'}",
    )
    assert result.exit_code == EXIT_INPUT and "no programme 'nothing'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_programme_in_the_store_from_first_round_to_forgetting_someone(round_one, tmp_path):
    db = f"sqlite:///{tmp_path / 'store.db'}"
    intake = SAMPLES / "intake_40.csv"
    result = run(
        "programme",
        "save",
        "North",
        round_one,
        "--intake",
        intake,
        "--version",
        "round 1",
        "--db",
        db,
    )
    assert result.exit_code == 0, result.stderr
    new = write_round_two(tmp_path / "round2.csv", dropouts_that_force_nothing(round_one), 2)
    out = tmp_path / "round2.xlsx"
    result = run(
        "next-round",
        new,
        "--programme",
        "North",
        "--db",
        db,
        "-o",
        out,
        "--time-limit",
        "3",
        "--version",
        "round 2",
    )
    assert result.exit_code == 0, result.stderr
    shown = strict_loads(run("programme", "show", "North", "--db", db, "--json").stdout)
    assert shown["rounds"] == [1, 2]
    assert [v["name"] for v in shown["versions"]] == ["round 1", "round 2"]
    assert "next-round" in shown["versions"][1]["made_by"]
    compared = run("compare", "round 1", "round 2", "--programme", "North", "--db", db, "--json")
    assert compared.exit_code == 0, compared.stderr
    assert len(strict_loads(compared.stdout)["only_a"]) == 3

    email = next(e for e in pd.read_csv(new, sep=";", skiprows=2)["E-mail"] if isinstance(e, str))
    history = strict_loads(run("programme", "history", "North", email, "--db", db, "--json").stdout)
    assert [r["round"] for r in history["rounds"]] == [1, 2]
    exported = tmp_path / "person.json"
    assert run("programme", "export", "North", email, "--db", db, "-o", exported).exit_code == 0
    assert email.casefold() in exported.read_text(encoding="utf-8").casefold()
    assert run("programme", "forget", "North", email, "--db", db).exit_code == 0
    gone = run("programme", "history", "North", email, "--db", db)
    assert gone.exit_code == EXIT_INPUT and "0 people" in gone.stderr
    assert run("programme", "delete", "North", "--db", db).exit_code == EXIT_INPUT  # no --yes
    assert run("programme", "delete", "North", "--yes", "--db", db).exit_code == 0
    assert run("programme", "list", "--db", db).stdout == ""


def test_programme_save_without_the_intake_keeps_the_workbooks_table(round_one, tmp_path):
    db = f"sqlite:///{tmp_path / 'store.db'}"
    assert run("programme", "save", "South", round_one, "--db", db).exit_code == 0
    from store import Store
    from store.models import Intake

    with Store(db) as store, store.session() as s:
        intake = s.query(Intake).one()
        assert (intake.file_name, intake.source) == ("intake_40.csv", "workbook")
        assert len(intake.file_sha256) == 64 and len(intake.participants) == 40
