"""The JSON API step by step: session, mapping, issues, analysis, settings, line-up, downloads.

Solving itself (jobs, cancel, repair) is in test_jobs.py; the line-up tests here read the one
solved session of the ``solved`` fixture and put back whatever they change.
"""

from __future__ import annotations

import io
import logging
import re
from typing import Any

import openpyxl
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from intake.pipeline import read_intake
from tests.web.conftest import (
    FORMULA_NAME,
    SAMPLES,
    Solved,
    intake_40_csv,
    members,
    new_session,
    upload,
)
from web import api

PROBLEMS_60 = SAMPLES / "intake_problems_60.xlsx"
UNKNOWN_HEADER = "Kolom X"


def _function_renamed() -> bytes:
    """intake_40 as CSV with the function column under a header nobody could recognise."""
    return intake_40_csv().decode().replace(";Functie;", f";{UNKNOWN_HEADER};", 1).encode()


def _fields(mapping: dict[str, Any]) -> dict[str, str | None]:
    return {column["header"]: column["field"] for column in mapping["columns"]}


# -- the session ---------------------------------------------------------------------------------
def test_an_unknown_session_is_404_on_every_step(client: TestClient):
    for path in ("", "/mapping", "/issues", "/analysis", "/settings", "/lineup"):
        response = client.get(f"/api/sessions/no-such-session{path}")
        assert response.status_code == 404, path
        assert "no such session" in response.json()["detail"]


def test_the_summary_says_what_the_session_holds(client: TestClient, session_id: str):
    body = client.get(f"/api/sessions/{session_id}").json()

    assert body["session_id"] == session_id
    assert (body["file"], body["participants"], body["has_lineup"]) == ("intake_40.xlsx", 40, False)


def test_the_language_changes_rule_names(client: TestClient, session_id: str):
    url = f"/api/sessions/{session_id}"

    response = client.put(f"{url}/language", json={"lang": "nl"})

    assert response.status_code == 200 and response.json()["lang"] == "nl"
    assert client.get(f"{url}/settings").json()["rules"]["avoid"]["name"] == "Liever niet samen"
    assert client.put(f"{url}/language", json={"lang": "de"}).status_code == 422


def test_a_step_before_its_input_exists_is_409(client: TestClient, session_id: str):
    url = f"/api/sessions/{session_id}"

    for response in (
        client.get(f"{url}/lineup"),
        client.post(f"{url}/lineup/moves", json={"pid": "R0004", "group": 1}),
        client.get(f"{url}/explain/R0004"),
        client.get(f"{url}/download/workbook"),
        client.post(f"{url}/jobs", json={"kind": "repair"}),
    ):
        assert response.status_code == 409
        assert "solve first" in response.json()["detail"]


# -- mapping -------------------------------------------------------------------------------------
def test_mapping_shows_each_column_with_examples(client: TestClient, session_id: str):
    body = client.get(f"/api/sessions/{session_id}/mapping").json()

    functie = next(c for c in body["columns"] if c["header"] == "Functie")
    assert functie["field"] == "function" and functie["confidence"] == 1.0
    assert len(functie["examples"]) == 3 and all(functie["examples"])
    assert "function" in body["fields"] and body["overrides"] == {}
    assert body["participants"] == 40


def test_fixing_a_column_reads_the_file_again(client: TestClient):
    session_id = new_session(client, _function_renamed(), "renamed.csv")
    url = f"/api/sessions/{session_id}"
    assert _fields(client.get(f"{url}/mapping").json())[UNKNOWN_HEADER] is None

    response = client.put(f"{url}/mapping", json={"columns": {UNKNOWN_HEADER: "function"}})

    assert response.status_code == 200
    body = response.json()
    assert _fields(body)[UNKNOWN_HEADER] == "function"
    assert body["overrides"] == {UNKNOWN_HEADER: "function"}
    titles = {
        t for family in client.get(f"{url}/analysis").json()["families"] for t in family["titles"]
    }
    assert "Wijkverpleegkundige nv 5" in titles  # the table now has the functions


def test_a_column_can_be_ignored(client: TestClient, session_id: str):
    url = f"/api/sessions/{session_id}/mapping"

    body = client.put(url, json={"columns": {"Opmerkingen": None}}).json()

    assert _fields(body)["Opmerkingen"] is None
    assert body["overrides"] == {"Opmerkingen": None}


@pytest.mark.parametrize(
    ("columns", "words"),
    [
        ({"Nope": "function"}, "no column called 'Nope'"),
        ({"Functie": "job_title"}, "unknown field(s) job_title; use one of name,"),
        ({"Functie": 3}, "columns.Functie"),
    ],
)
def test_a_bad_mapping_is_422_and_changes_nothing(
    client: TestClient, session_id: str, columns: dict[str, Any], words: str
):
    url = f"/api/sessions/{session_id}/mapping"
    before = client.get(url).json()

    response = client.put(url, json={"columns": columns})

    assert response.status_code == 422
    assert words in response.json()["detail"]
    assert client.get(url).json() == before


def test_analysis_without_a_function_column_does_not_fail(client: TestClient):
    session_id = new_session(client, _function_renamed(), "renamed.csv")

    response = client.get(f"/api/sessions/{session_id}/analysis")
    assert response.status_code == 200
    assert "missing_function" in {f["code"] for f in response.json()["findings"]}


# -- issues and analysis -------------------------------------------------------------------------
@pytest.fixture
def problems_session(client: TestClient) -> str:
    return new_session(client, PROBLEMS_60)


def test_issues_name_rows_and_columns_as_the_spreadsheet_shows_them(
    client: TestClient, problems_session: str
):
    body = client.get(f"/api/sessions/{problems_session}/issues").json()

    expected = read_intake(PROBLEMS_60).issues
    assert body["file"] == "intake_problems_60.xlsx"
    assert len(body["issues"]) == len(expected)
    assert body["counts"] == {
        s: sum(i.severity.value == s for i in expected) for s in ("error", "warning", "info")
    }
    sheet = openpyxl.load_workbook(PROBLEMS_60, read_only=True).worksheets[0]
    grid = [list(row) for row in sheet.iter_rows(values_only=True)]
    headers = next(row for row in grid if "Naam" in row)
    located = [i for i in body["issues"] if i["row"] and i["column"] and i["value"]]
    assert located
    for issue in located:
        cell = grid[issue["row"] - 1][headers.index(issue["column"])]
        assert str(cell).strip() == issue["value"], issue


def test_analysis_finds_the_planted_problems(client: TestClient, problems_session: str):
    body = client.get(f"/api/sessions/{problems_session}/analysis").json()

    codes = {f["code"] for f in body["findings"]}
    assert {"small_family", "out_of_reach", "unshared_moment"} <= codes
    assert all(f["message"] and f["suggestion"] and f["pids"] for f in body["findings"])
    assert sum(family["size"] for family in body["families"]) == 60
    assert body["topics"]
    assert sum(body["profile"]["learn_give"].values()) <= 60


def test_analysis_in_dutch(client: TestClient, problems_session: str):
    url = f"/api/sessions/{problems_session}"
    client.put(f"{url}/language", json={"lang": "nl"})

    findings = client.get(f"{url}/analysis").json()["findings"]

    out_of_reach = next(f for f in findings if f["code"] == "out_of_reach")
    assert "deelnemer" in out_of_reach["message"]


def test_every_chart_is_a_png(client: TestClient, session_id: str):
    url = f"/api/sessions/{session_id}"
    charts = client.get(f"{url}/analysis").json()["charts"]
    assert "charts/level.png" in charts

    for chart in charts:
        response = client.get(f"{url}/{chart}")
        assert response.status_code == 200, chart
        assert response.headers["content-type"] == "image/png"
        assert response.content.startswith(b"\x89PNG\r\n\x1a\n")


def test_an_unknown_chart_is_404(client: TestClient, session_id: str):
    response = client.get(f"/api/sessions/{session_id}/charts/shoe_size.png")

    assert response.status_code == 404
    assert "no chart 'shoe_size'" in response.json()["detail"]


# -- settings ------------------------------------------------------------------------------------
def test_settings_changes_are_kept(client: TestClient, session_id: str):
    url = f"/api/sessions/{session_id}/settings"
    change = {
        "min_size": 4,
        "max_size": 7,
        "travel_mode": "rotating",
        "time_limit_s": 12,
        "seed": 7,
        "rules": {"same_team": {"level": "soft", "weight": 7}, "travel": {"level": "off"}},
    }

    response = client.put(url, json=change)

    assert response.status_code == 200
    for body in (response.json(), client.get(url).json()):
        assert (body["min_size"], body["max_size"], body["travel_mode"]) == (4, 7, "rotating")
        assert (body["time_limit_s"], body["seed"]) == (12, 7)
        assert (body["rules"]["same_team"]["level"], body["rules"]["same_team"]["weight"]) == (
            "soft",
            7,
        )
        assert body["rules"]["travel"]["level"] == "off"
        assert body["rules"]["avoid"]["level"] == "hard"  # left out: unchanged


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"min_size": 9}, "group size 9..8 is empty"),
        ({"min_size": 6, "max_size": 5}, "group size 6..5 is empty"),
        ({"min_size": 0}, "min_size"),
        ({"rules": {"function": {"level": "hard"}}}, "rule 'function' cannot be hard"),
        ({"rules": {"function": {"level": "maybe"}}}, "rules.function.level"),
        ({"rules": {"travel": {"weight": -1}}}, "rules.travel.weight"),
        ({"rules": {"shoe_size": {"level": "off"}}}, "unknown rule 'shoe_size'"),
        ({"travel_mode": "teleport"}, "travel_mode"),
        ({"level_max_spread": 10**20}, "level_max_spread must be between 0 and 3"),
        ({"rules": {"travel": {"weight": 4 * 10**15}}}, "weight must be between 0 and 100000"),
        ({"time_limit_s": 0.5}, "time limit must be between 1 and 600 s"),
        ({"time_limit_s": 601}, "time limit must be between 1 and 600 s"),
    ],
)
def test_bad_settings_are_422_and_change_nothing(
    client: TestClient, session_id: str, change: dict[str, Any], words: str
):
    url = f"/api/sessions/{session_id}/settings"
    before = client.get(url).json()

    response = client.put(url, json=change)

    assert response.status_code == 422
    assert words in response.json()["detail"]
    assert client.get(url).json() == before


@pytest.mark.parametrize("seconds", [1, 600])
def test_time_limit_bounds_are_allowed(client: TestClient, session_id: str, seconds: int):
    url = f"/api/sessions/{session_id}/settings"

    assert client.put(url, json={"time_limit_s": seconds}).json()["time_limit_s"] == seconds


# -- the line-up ---------------------------------------------------------------------------------
def test_the_lineup_places_everyone_or_says_why_not(solved: Solved):
    lineup = solved.lineup()

    assert set(members(lineup)) == {f"R{row:04d}" for row in range(4, 44)}
    assert all(u["reason"] for u in lineup["unplaced"])
    assert all(5 <= len(g["members"]) <= 8 for g in lineup["groups"])
    assert lineup["status"] == solved.job["outcome"]["status"]
    assert lineup["objective"] == solved.job["outcome"]["objective"]
    summary = solved.client.get(solved.url).json()
    assert summary["has_lineup"] and summary["last_solve"]["kind"] == "solve"


def _evaluate(solved: Solved, groups: dict[str, int | None]) -> dict[str, Any]:
    response = solved.client.post(f"{solved.url}/evaluate", json={"groups": groups})
    assert response.status_code == 200, response.text
    return response.json()


def test_a_move_scores_the_lineup_as_evaluate_does(restored: Solved):
    before = restored.lineup()
    groups = members(before)
    pid = before["groups"][0]["members"][0]["pid"]
    target = before["groups"][1]["group"]

    response = restored.client.post(
        f"{restored.url}/lineup/moves", json={"pid": pid, "group": target}
    )

    assert response.status_code == 200
    moved = response.json()
    assert members(moved)[pid] == target
    assert moved["objective"] == _evaluate(restored, groups | {pid: target})["objective"]
    assert moved["objective"] != before["objective"]
    assert restored.lineup()["objective"] == moved["objective"]


def test_a_move_to_a_new_group_or_out(restored: Solved):
    groups = members(restored.lineup())
    new_group = max(g for g in groups.values() if g is not None) + 1
    url = f"{restored.url}/lineup/moves"

    opened = restored.client.post(url, json={"pid": "R0005", "group": new_group}).json()
    out = restored.client.post(url, json={"pid": "R0006", "group": None}).json()

    assert members(opened)["R0005"] == new_group
    assert members(out)["R0006"] is None
    assert any(u["pid"] == "R0006" for u in out["unplaced"])


def test_a_bad_move_is_refused(restored: Solved):
    groups = members(restored.lineup())
    too_far = max(g for g in groups.values() if g is not None) + 2
    url = f"{restored.url}/lineup/moves"

    missing_group = restored.client.post(url, json={"pid": "R0005", "group": too_far})
    missing_person = restored.client.post(url, json={"pid": "R9999", "group": 1})

    assert missing_group.status_code == 422
    assert f"no group {too_far}" in missing_group.json()["detail"]
    assert missing_person.status_code == 404
    assert "R9999" in missing_person.json()["detail"]
    assert members(restored.lineup()) == groups


def test_pins(restored: Solved):
    url = f"{restored.url}/lineup/pins"

    pinned = restored.client.put(f"{url}/R0007", json={"pinned": True}).json()
    assert pinned == {"pid": "R0007", "pinned": True, "pins": ["R0007"]}
    assert restored.lineup()["pins"] == ["R0007"]

    assert restored.client.put(f"{url}/R0007", json={"pinned": False}).json()["pins"] == []
    assert restored.client.put(f"{url}/R9999", json={"pinned": True}).status_code == 404


def test_moving_a_pinned_person_out_unpins_them(restored: Solved):
    restored.client.put(f"{restored.url}/lineup/pins/R0007", json={"pinned": True})

    moved = restored.client.post(
        f"{restored.url}/lineup/moves", json={"pid": "R0007", "group": None}
    ).json()

    assert moved["pins"] == []


def test_an_unplaced_person_cannot_be_pinned(restored: Solved):
    restored.client.post(f"{restored.url}/lineup/moves", json={"pid": "R0007", "group": None})

    response = restored.client.put(f"{restored.url}/lineup/pins/R0007", json={"pinned": True})

    assert response.status_code == 409
    assert "not in a group" in response.json()["detail"]
    assert restored.lineup()["pins"] == []


@pytest.mark.parametrize("group", [0, -1])
def test_evaluate_refuses_group_numbers_below_one(solved: Solved, group: int):
    response = solved.client.post(f"{solved.url}/evaluate", json={"groups": {"R0004": group}})

    assert response.status_code == 422
    assert "numbered from 1" in response.json()["detail"]


def test_evaluate_scores_any_lineup_without_keeping_it(solved: Solved):
    lineup = solved.lineup()
    groups = members(lineup)

    same = _evaluate(solved, groups)
    refused = solved.client.post(f"{solved.url}/evaluate", json={"groups": {"R9999": 1}})

    assert same["objective"] == lineup["objective"]
    assert same["hard_violations"] == lineup["hard_violations"]
    assert refused.status_code == 422 and "R9999" in refused.json()["detail"]
    assert solved.lineup() == lineup


def test_explain_has_a_row_for_each_other_group_with_the_true_change(solved: Solved):
    lineup = solved.lineup()
    groups = members(lineup)
    pid = lineup["groups"][0]["members"][0]["pid"]
    home = groups[pid]

    body = solved.client.get(f"{solved.url}/explain/{pid}").json()

    assert (body["pid"], body["group"]) == (pid, home)
    others = {g["group"] for g in lineup["groups"]} - {home}
    assert {row["group"] for row in body["moves"]} == others
    for row in body["moves"]:
        moved = _evaluate(solved, groups | {pid: row["group"]})
        assert row["delta"] == moved["objective"] - lineup["objective"], row
    assert solved.client.get(f"{solved.url}/explain/R9999").status_code == 404


# -- downloads -----------------------------------------------------------------------------------
def _workbook(solved: Solved) -> openpyxl.Workbook:
    response = solved.client.get(f"{solved.url}/download/workbook")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert 'filename="groups_intake_40.xlsx"' in response.headers["content-disposition"]
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _table(sheet, first_header: str) -> tuple[list[Any], list[tuple[Any, ...]]]:
    """Headers and rows below the first row that starts with ``first_header``."""
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] == first_header)
    return list(rows[start]), [row for row in rows[start + 1 :] if any(row)]


def test_the_workbook_has_everyone_in_their_group(solved: Solved):
    lineup = solved.lineup()
    book = _workbook(solved)

    for group in lineup["groups"]:
        headers, rows = _table(book[f"Group {group['group']}"], "Name")
        assert [row[0] for row in rows] == [m["name"] for m in group["members"]]
    headers, rows = _table(book["Participants"], "ID")
    assert {row[0]: row[headers.index("Group")] for row in rows} == members(lineup)


def test_downloads_are_written_again_only_when_the_lineup_changed(restored: Solved):
    session = restored.app.state.sessions.get(restored.id)
    _workbook(restored)
    written = session.downloads[1]
    first_write = written.stat().st_mtime_ns
    restored.client.get(f"{restored.url}/download/report")
    _workbook(restored)
    assert written.stat().st_mtime_ns == first_write  # nothing changed: the files are reused

    lineup = restored.lineup()
    person = lineup["groups"][0]["members"][0]["pid"]
    other = lineup["groups"][1]["group"]
    restored.client.post(f"{restored.url}/lineup/moves", json={"pid": person, "group": other})

    headers, rows = _table(_workbook(restored)["Participants"], "ID")
    assert {row[0]: row[headers.index("Group")] for row in rows}[person] == other


def test_a_name_like_a_formula_is_stored_as_text(solved: Solved):
    book = _workbook(solved)

    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value]
    formula_like = [c for c in cells if c.value == FORMULA_NAME]
    assert formula_like  # in its group sheet and in Participants
    assert all(c.data_type == "s" for c in formula_like)
    assert not [c for c in cells if c.data_type == "f"]


def test_the_report_is_html(solved: Solved):
    response = solved.client.get(f"{solved.url}/download/report")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.text.lstrip().lower().startswith("<!doctype html")
    assert (
        "=HYPERLINK(&#34;x&#34;)" in response.text or "=HYPERLINK(&quot;x&quot;)" in response.text
    )


# -- the schema ----------------------------------------------------------------------------------
def test_openapi_lists_every_api_route(app: FastAPI, client: TestClient):
    schema = client.get("/openapi.json").json()

    routes = {
        (route.path, method.lower()) for route in api.router.routes for method in route.methods
    }
    listed = {(path, method) for path, item in schema["paths"].items() for method in item}
    assert routes <= listed
    assert all(path.startswith("/api/") for path, _ in listed)  # pages stay out of the schema


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_schema_pages_load_nothing_from_elsewhere(client: TestClient, path: str):
    response = client.get(path)

    assert response.status_code == 404 or not re.search(r"(src|href)=[\"']https?://", response.text)


def test_no_personal_data_in_the_logs(solved: Solved, caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.DEBUG)
    lineup = solved.lineup()
    person = lineup["groups"][0]["members"][1]
    client, url = solved.client, solved.url

    for path in ("", "/mapping", "/issues", "/analysis", "/download/workbook", "/download/report"):
        assert client.get(f"{url}{path}").status_code == 200
    client.get(f"{url}/explain/{person['pid']}")
    client.post(f"{url}/evaluate", json={"groups": members(lineup)})
    upload(client, b"", "empty.xlsx")

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert logged  # the requests are logged, so the check below looks at something
    assert person["name"] not in logged and person["email"] not in logged
    assert "@" not in logged
