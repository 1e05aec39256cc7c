"""A Dutch run is Dutch: the CLI summary, the workbook and the HTML reports carry no internal
key and none of the English phrases kept with the translations (``labels.NOT_DUTCH``).

User data (names, functions, remarks ...) is left out of the check: it is what people typed.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from cli import app
from intake.columns import CANONICAL_FIELDS
from moments import MOMENTS
from optimiser.intervision.rules import RULES
from optimiser.result import Status
from reporting.labels import NOT_DUTCH
from tests.budget import work

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
FORBIDDEN = (
    *NOT_DUTCH,
    *(r.name_en for r in RULES if r.name_en != r.name_nl),
    *(r.key for r in RULES),
    *(f"weight_{r.key}" for r in RULES),
    *(f for f in CANONICAL_FIELDS if "_" in f),
    *MOMENTS,
    *(s.value for s in Status),
    "unplaced_penalty",
)


def english_in(text: str) -> list[str]:
    """Every forbidden phrase that occurs in ``text`` as whole words."""
    return sorted({p for p in FORBIDDEN if re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", text)})


def run(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def dutch_run(tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("nl") / "groepen.xlsx"
    result = run("form", SAMPLES / "intake_40.xlsx", "-o", out, *work(2), "--lang", "nl")
    assert result.exit_code == 0, result.stderr
    return out, result.stderr


def user_values(path: Path) -> set[str]:
    """Everything the participants typed, from the workbook's hidden participant table."""
    sheet = openpyxl.load_workbook(path)["_participants"]
    return {str(v) for row in sheet.iter_rows(min_row=2, values_only=True) for v in row if v}


def without_user_data(text: str, values: set[str]) -> str:
    for value in sorted(values, key=len, reverse=True):
        if len(value) > 2:
            text = text.replace(value, " ")
    return text


def test_the_cli_summary_is_dutch(dutch_run):
    path, stderr = dutch_run
    assert english_in(without_user_data(stderr, user_values(path))) == []
    assert "Oordeel:" in stderr and "Functiezuiverheid" in stderr
    assert not re.search(r"\d\.\d s\b", stderr), "Dutch writes 2,5 s"


def test_every_visible_sheet_of_the_workbook_is_dutch(dutch_run):
    path, _ = dutch_run
    values = user_values(path)
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        text = "\n".join(
            str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None
        )
        assert english_in(without_user_data(sheet.title + "\n" + text, values)) == [], sheet.title


def visible_text(page: str) -> str:
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r'src="data:[^"]*"', " ", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_the_groups_report_is_dutch(dutch_run):
    path, _ = dutch_run
    page = path.with_suffix(".html").read_text(encoding="utf-8")
    assert '<html lang="nl">' in page
    assert english_in(without_user_data(visible_text(page), user_values(path))) == []


def test_the_analysis_report_is_dutch(dutch_run, tmp_path):
    path, _ = dutch_run
    out = tmp_path / "analyse.html"
    result = run("analyse", SAMPLES / "intake_40.xlsx", "-o", out, "--lang", "nl")
    assert result.exit_code == 0, result.stderr
    text = visible_text(out.read_text(encoding="utf-8"))
    assert english_in(without_user_data(text, user_values(path))) == []
    assert english_in(without_user_data(result.stderr, user_values(path))) == []


def test_the_check_catches_english():
    assert english_in("3 groepen, 1 warning; learn_give") == ["learn_give", "warning"]
    assert english_in("Groep 1: leren en geven") == []


def test_the_intake_check_is_dutch():
    result = run("check", SAMPLES / "msforms_nl_60.xlsx", "--lang", "nl", "--max-issues", "200")
    headers = {
        c
        for row in openpyxl.load_workbook(SAMPLES / "msforms_nl_60.xlsx").active.iter_rows(
            min_row=1, max_row=61, values_only=True
        )
        for c in row
        if isinstance(c, str)
    }
    assert english_in(without_user_data(result.stderr, headers)) == []
    assert "Meldingen:" in result.stderr


def test_evaluating_and_explaining_a_lineup_is_dutch(dutch_run):
    path, _ = dutch_run
    values = user_values(path)
    evaluated = run("evaluate", path, "--lang", "nl")
    assert evaluated.exit_code == 0, evaluated.stderr
    assert english_in(without_user_data(evaluated.stderr, values)) == []
    person = openpyxl.load_workbook(path)["Deelnemers"]["C2"].value
    explained = run("explain", path, person, "--lang", "nl")
    assert explained.exit_code == 0, explained.stderr
    assert english_in(without_user_data(explained.stderr, values)) == []
    assert "(rij " in explained.stderr and "(R0" not in explained.stderr
