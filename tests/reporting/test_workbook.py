"""The groups workbook: fixed structure, safe cells, golden dump of a small hand-made line-up.

Regenerate the golden file after an intended change with ``UPDATE_GOLDEN=1 pytest <this file>``.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import replace
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from intake.issues import Issue, Severity
from intake.pipeline import ExcludedRow
from optimiser.intervision.lineup import GroupReport, LineupReport
from optimiser.intervision.settings import IntervisionSettings
from optimiser.intervision.venues import ONLINE, Venue
from optimiser.result import RuleScore
from reporting.labels import RuleNames
from reporting.lineup_io import read_lineup
from reporting.workbook import RunInfo, _invitation, write_workbook

GOLDEN = Path(__file__).parent / "golden"


def small_table() -> pd.DataFrame:
    people = [
        ("R0002", 2, "Anna de Vries", "anna@zorg.nl", "Wijkverpleegkundige", "learn", "Utrecht"),
        ("R0003", 3, "=Piet Jansen", "piet@zorg.nl", "Wijkvpk", "give", "Zeist"),
        ("R0004", 4, "Émile Bos", None, "wijkverpleegkundige", "both", "Utrecht"),
        ("R0005", 5, "Sara Smit", "sara@elders.nl", "Huisarts", "learn", None),
    ]
    frame = pd.DataFrame(
        people, columns=["pid", "source_row", "name", "email", "function", "learn_give", "place"]
    )
    frame["organisation"] = ["Zorg", "Zorg", "Thuis", "Praktijk"]
    frame["team"] = ["A", "B", None, None]
    frame["learning_style"] = ["diverging", None, "converging", None]
    frame["meeting_moments"] = [("morning",), ("morning", "evening"), (), ("evening",)]
    frame["function_family"] = ["wijkverpleging", "wijkverpleging", "wijkverpleging", "huisarts"]
    frame["facilitator_wish"] = pd.array([True, None, False, None], dtype="boolean")
    frame["remarks"] = [None, "wil graag met begeleider", None, "twijfelt nog"]
    frame["lat"] = [52.09, 52.08, 52.09, math.nan]
    frame["lon"] = [5.12, 5.23, 5.12, math.nan]
    frame.index = pd.Index(frame["pid"].tolist())
    return frame


def small_report() -> LineupReport:
    rules = (
        RuleScore("function", "Similar function", 2800),
        RuleScore("travel", "Short travel", -120, detail="Short travel: 30 km in all"),
        RuleScore("same_team", "Colleagues from the same team", 0, violations=0, hard=True),
    )
    group = GroupReport(
        group=1,
        pids=("R0002", "R0003", "R0004"),
        moment="morning",
        venue=Venue("Utrecht", 52.09, 5.12),
        travel_km={"R0002": 0.0, "R0003": 9.7, "R0004": 0.0},
        score=2680,
        rules=rules,
        broken_hard=(),
    )
    return LineupReport(
        groups=(group,),
        unplaced=(("R0005", "No one else can meet in the evening"),),
        objective=2680 - 100000,
        per_rule={"function": 2800, "travel": -120, "unplaced_penalty": -100000},
        hard_violations=0,
    )


def write(tmp_path: Path, lang: str = "en") -> Path:
    settings = IntervisionSettings(language=lang)
    run = RunInfo(
        "intake.xlsx", "0" * 64, "0.1.0", 7, 10.0, "feasible", 2680, None, 1.5, "x", settings
    )
    issues = [
        Issue(Severity.WARNING, "guessed_location", "Read it.", "Gelezen.", "i.xlsx", 4, "PC", "=2")
    ]
    excluded = [ExcludedRow(6, "an earlier submission", "een eerdere inzending")]
    return write_workbook(
        tmp_path / f"groups_{lang}.xlsx",
        table=small_table(),
        report=small_report(),
        issues=issues,
        excluded=excluded,
        run=run,
        rule_names=RuleNames(lang),
        pinned={"R0003"},
        lang=lang,
    )


def dump(path: Path) -> dict[str, list[list[object]]]:
    book = openpyxl.load_workbook(path)
    return {
        sheet.title: [[c for c in row] for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    }


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_workbook_matches_the_golden_dump(tmp_path, lang):
    cells = json.loads(json.dumps(dump(write(tmp_path, lang)), default=str))
    golden = GOLDEN / f"workbook_small_{lang}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(cells, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert cells == json.loads(golden.read_text(encoding="utf-8"))


def test_user_text_is_never_a_formula(tmp_path):
    book = openpyxl.load_workbook(write(tmp_path))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}"
    assert book["Group 1"]["A6"].value == "=Piet Jansen"


def test_the_participants_sheet_reads_back_as_the_same_line_up(tmp_path):
    lineup = read_lineup(write(tmp_path))
    assert lineup.groups == {"R0002": 1, "R0003": 1, "R0004": 1, "R0005": None}
    assert lineup.pinned == {"R0003"}
    assert lineup.table.loc["R0002", "meeting_moments"] == ("morning",)
    assert lineup.table.loc["R0003", "name"] == "=Piet Jansen"


def test_each_groups_moment_and_place_read_back_and_online_is_editable(tmp_path):
    """The hidden _groups sheet keeps what each group meets with; an "x" in the Overview's
    Online column (the coordinator's edit) makes a group online."""
    from optimiser.intervision.choices import GroupChoice

    path = write(tmp_path, "nl")
    assert read_lineup(path).choices == {1: GroupChoice("morning", "Utrecht", False)}
    book = openpyxl.load_workbook(path)
    overview = book["Overzicht"]
    column = [c.value for c in overview[1]].index("Online") + 1
    assert overview.cell(2, column).value is None
    overview.cell(2, column, "x")
    book.save(path)
    assert read_lineup(path).choices == {1: GroupChoice("morning", "Utrecht", True)}


def test_a_workbook_without_stored_choices_still_reads(tmp_path):
    """A workbook written before the _groups sheet existed: the groups choose again."""
    path = write(tmp_path)
    book = openpyxl.load_workbook(path)
    del book["_groups"]
    overview = book["Overview"]
    overview.delete_cols([c.value for c in overview[1]].index("Online") + 1)
    book.save(path)
    lineup = read_lineup(path)
    assert lineup.choices == {}
    assert lineup.groups == {"R0002": 1, "R0003": 1, "R0004": 1, "R0005": None}


def test_the_html_report_names_rules_and_escapes_user_text(tmp_path):
    from reporting.html import write_report

    table = small_table()
    table.loc["R0002", "name"] = "<script>alert(1)</script>"
    path = write_report(
        tmp_path / "r.html", table=table, lineup=small_report(), rule_names=RuleNames("nl")
    )
    html = path.read_text(encoding="utf-8")
    assert f"<td>{RuleNames('nl')['function']}</td>" in html
    assert "<td>function</td>" not in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "GeoNames" in html


def test_every_sheet_prints_one_page_wide_with_its_header_repeated(tmp_path):
    book = openpyxl.load_workbook(write(tmp_path))
    visible = [sheet for sheet in book.worksheets if sheet.sheet_state == "visible"]
    for sheet in visible:
        setup = sheet.page_setup
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert setup.fitToWidth == 1 and int(setup.paperSize) == int(sheet.PAPERSIZE_A4), (
            sheet.title
        )
    assert book["Group 1"].page_setup.fitToHeight == 1  # a group sheet is one page
    assert book["Overview"].page_setup.fitToHeight == 0  # as many pages tall as needed
    for title in ("Overview", "Participants", "Unplaced", "Intake issues", "Settings"):
        assert book[title].print_title_rows == "$1:$1", title
    cell = book["Intake issues"]["E2"]
    assert cell.alignment.wrap_text  # long text wraps instead of running into the next column


def test_the_overview_gives_a_verdict_purity_and_explains_the_total(tmp_path):
    book = openpyxl.load_workbook(write(tmp_path))
    rows = list(book["Overview"].iter_rows(values_only=True))
    header, group = rows[0], rows[1]
    assert group[header.index("Verdict")] == "good"
    assert group[header.index("Function purity")] == 1.0  # all three in one family
    notes = [row[0] for row in rows[2:] if row[0]]
    assert notes[0] == (
        "Total -97320: the groups of the placed people score 2680, -100000 for 1 person not placed"
    )
    assert "3 pairs" in notes[1]


def test_the_contacts_sheet_is_what_a_coordinator_mails_from(tmp_path):
    sheet = openpyxl.load_workbook(write(tmp_path, "nl"))["Contacten"]
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "anna@zorg.nl; piet@zorg.nl" in cells  # a missing address is left out, not blank
    assert "wil graag met begeleider" in cells and "ja" in cells
    invitation = next(c for c in cells if isinstance(c, str) and c.startswith("Beste "))
    assert invitation.startswith("Beste Anna, =Piet en Émile,")
    assert "in Utrecht (ochtend)" in invitation
    assert [b.id for b in sheet.row_breaks.brk]  # each group prints on its own page


def test_without_an_invitation_template_there_is_no_invitation(tmp_path):
    settings = IntervisionSettings(invitation_en="")
    run = RunInfo("i.xlsx", "0" * 64, "0.1.0", 7, 10.0, "feasible", 0, None, 1.5, "", settings)
    path = write_workbook(
        tmp_path / "g.xlsx",
        table=small_table(),
        report=small_report(),
        issues=[],
        excluded=[],
        run=run,
        rule_names=RuleNames("en"),
    )
    cells = [
        c for r in openpyxl.load_workbook(path)["Contacts"].iter_rows(values_only=True) for c in r
    ]
    assert "Invitation" not in cells


def test_the_settings_sheet_is_in_words_and_the_toml_is_kept_hidden(tmp_path):
    book = openpyxl.load_workbook(write(tmp_path, "nl"))
    rows = dict(book["Instellingen"].iter_rows(min_row=2, values_only=True))
    assert rows["Uitkomst"] == "een indeling die alle harde regels houdt (niet bewezen de beste)"
    assert rows["Regel: Collega's uit hetzelfde team"] == "moet gelden"
    assert rows["Groepsgrootte"] == "5–8"
    assert not any(isinstance(v, str) and "[rules." in v for v in rows.values())
    assert book["_settings"].sheet_state == "hidden" and book["_settings"]["A1"].value == "x"


@pytest.mark.parametrize(
    ("venue", "lang", "sentence"),
    [
        (Venue("Utrecht", 52.09, 5.12), "nl", "Jullie komen samen in Utrecht (ochtend)."),
        (ONLINE, "nl", "Jullie komen samen online (ochtend)."),
        (ONLINE, "en", "You will meet online (morning)."),
        (None, "en", "You will meet at a place you choose together (morning)."),
    ],
)
def test_the_invitation_says_where_the_group_meets_in_a_sentence(venue, lang, sentence):
    """An online group is not invited to "meet in Online"."""
    report = small_report()
    group = replace(report.groups[0], venue=venue)
    template = IntervisionSettings(language=lang)
    text = _invitation(
        template.invitation_nl if lang == "nl" else template.invitation_en,
        group,
        small_table().loc[list(group.pids)],
        lang,
    )
    assert sentence in text
