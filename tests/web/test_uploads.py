"""Uploads: good files become sessions; bad ones are refused like the CLI refuses them, and
leave nothing behind (no session, no file)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from intake.issues import IntakeFileError, Severity
from intake.pipeline import read_intake
from tests.web.conftest import INTAKE_40, SAMPLES, AppFactory, new_session, session_folders, upload
from web.sessions import safe_file_name
from web.uploads import UploadTooLarge, save_upload


def _xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _zip_without_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")
    return out.getvalue()


BAD_FILES: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "empty": ("empty.xlsx", lambda: b"", "empty_file"),
    "png named xlsx": (
        "photo.xlsx",
        lambda: b"\x89PNG\r\n\x1a\n" + bytes(200),
        "not_a_spreadsheet",
    ),
    "zip, no workbook": ("archive.xlsx", _zip_without_workbook, "not_a_spreadsheet"),
    "truncated xlsx": ("cut.xlsx", lambda: INTAKE_40.read_bytes()[:3000], "corrupt"),
    "no header": (
        "numbers.xlsx",
        lambda: _xlsx([[i, i * 2, i * 3] for i in range(6)]),
        "no_header",
    ),
    "headers, no people": (
        "headers.csv",
        lambda: b"Naam;E-mail;Functie;Organisatie\r\n",
        "no_data",
    ),
}


def _cli_message(tmp_path: Path, name: str, content: bytes, lang: str) -> str:
    """What ``intervisie check`` says about the same file."""
    path = tmp_path / "cli" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)
    with pytest.raises(IntakeFileError) as refused:
        read_intake(path)
    return refused.value.issue.message(lang)


def _nothing_kept(app: FastAPI) -> None:
    assert len(app.state.sessions) == 0
    assert session_folders(app) == []


# -- good uploads --------------------------------------------------------------------------------
def test_upload_summary_counts_are_those_of_read_intake(client: TestClient):
    response = upload(client, INTAKE_40)

    assert response.status_code == 201
    body = response.json()
    expected = read_intake(INTAKE_40)
    assert body["file"] == "intake_40.xlsx"
    assert body["rows"] == expected.n_rows
    assert body["participants"] == len(expected.table)
    assert body["excluded"] == len(expected.excluded)
    assert body["issues"] == {
        s.value: sum(i.severity is s for i in expected.issues)
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    }
    assert body["has_lineup"] is False and body["running_job"] is None


def test_upload_in_dutch_keeps_the_language(client: TestClient):
    body = upload(client, INTAKE_40, lang="nl").json()

    assert body["lang"] == "nl"
    settings = client.get(f"/api/sessions/{body['session_id']}/settings").json()
    assert settings["rules"]["same_team"]["name"] == "Collega's uit hetzelfde team"


def test_a_dutch_session_explains_its_groups_in_dutch(app: FastAPI, client: TestClient):
    session_id = upload(client, INTAKE_40, lang="nl").json()["session_id"]
    pids = app.state.sessions.get(session_id).intake.table.index
    everyone_together = {str(pid): 1 for pid in pids}

    report = client.post(f"/api/sessions/{session_id}/evaluate", json={"groups": everyone_together})

    details = " ".join(r["detail"] for r in report.json()["groups"][0]["rules"])
    assert "zitten in dezelfde groep" in details


def test_the_file_name_loses_any_folder_part(app: FastAPI, client: TestClient):
    session_id = new_session(client, INTAKE_40, name="../../elsewhere/intake 40.xlsx")

    assert client.get(f"/api/sessions/{session_id}").json()["file"] == "intake 40.xlsx"
    session = app.state.sessions.get(session_id)
    assert session.upload.is_relative_to(session.folder)


def test_a_file_exactly_at_the_limit_is_taken(make_app: AppFactory):
    _, client = make_app(max_upload_bytes=INTAKE_40.stat().st_size)

    assert upload(client, INTAKE_40).status_code == 201


# -- bad uploads ---------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_a_bad_file_is_refused_with_the_cli_message_and_leaves_nothing(
    app: FastAPI, client: TestClient, tmp_path: Path, case: str, lang: str
):
    name, make, code = BAD_FILES[case]
    content = make()

    response = upload(client, content, name, lang=lang)

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == code
    assert body["where"] == name
    assert name in body["detail"]
    assert body["detail"] == _cli_message(tmp_path, name, content, lang)
    _nothing_kept(app)


def test_an_upload_announced_over_the_limit_is_refused_before_it_is_read(make_app: AppFactory):
    app, client = make_app(max_upload_bytes=1000)

    response = upload(client, bytes(1_100_000), "huge.xlsx")

    assert response.status_code == 413
    assert "larger than" in response.json()["detail"]
    _nothing_kept(app)


@pytest.mark.parametrize(("lang", "words"), [("en", "is larger than"), ("nl", "is groter dan")])
def test_an_upload_over_the_limit_is_stopped_while_streaming(
    make_app: AppFactory, lang: str, words: str
):
    app, client = make_app(max_upload_bytes=1000)

    response = upload(client, INTAKE_40, lang=lang)  # ~10 kB: below the announced-size check

    assert response.status_code == 413
    detail = response.json()["detail"]
    assert "intake_40.xlsx" in detail and words in detail
    _nothing_kept(app)


def test_a_bad_replacement_keeps_the_earlier_file(app: FastAPI, client: TestClient, session_id):
    url = f"/api/sessions/{session_id}"

    response = client.put(f"{url}/file", files={"file": ("empty.csv", b"")})

    assert response.status_code == 422
    assert "empty.csv" in response.json()["detail"]
    summary = client.get(url).json()
    assert summary["file"] == "intake_40.xlsx" and summary["participants"] == 40
    folder = app.state.sessions.get(session_id).folder
    assert sorted(p.name for p in folder.iterdir()) == ["upload"]
    assert [p.name for p in (folder / "upload").iterdir()] == ["intake_40.xlsx"]


def test_a_replacement_keeps_the_settings_and_reads_the_new_file(client: TestClient, session_id):
    url = f"/api/sessions/{session_id}"
    client.put(f"{url}/settings", json={"min_size": 4, "max_size": 6})
    other = SAMPLES / "msforms_en_60.xlsx"

    response = client.put(f"{url}/file", files={"file": (other.name, other.read_bytes())})

    assert response.status_code == 200
    assert response.json()["file"] == other.name
    assert response.json()["participants"] == len(read_intake(other).table)
    settings = client.get(f"{url}/settings").json()
    assert (settings["min_size"], settings["max_size"]) == (4, 6)


# -- the pieces ----------------------------------------------------------------------------------
def test_save_upload_copies_within_the_limit(tmp_path: Path):
    content = bytes(range(256)) * 1000

    saved = save_upload(io.BytesIO(content), "a/b/intake.csv", tmp_path, max_bytes=len(content))

    assert saved == tmp_path / "incoming" / "intake.csv"
    assert saved.read_bytes() == content


def test_save_upload_over_the_limit_removes_what_it_wrote(tmp_path: Path):
    with pytest.raises(UploadTooLarge) as refused:
        save_upload(io.BytesIO(bytes(300_000)), "big.xlsx", tmp_path, max_bytes=200_000)

    assert "big.xlsx" in str(refused.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("intake.xlsx", "intake.xlsx"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\Intake 2026 (v2).xlsx", "Intake 2026 (v2).xlsx"),
        ("bad<>|name?.csv", "bad_name_.csv"),
        ("..", "intake"),
        ("", "intake"),
        (None, "intake"),
    ],
)
def test_safe_file_name_keeps_only_a_plain_name(name: str | None, safe: str):
    assert safe_file_name(name) == safe


def test_a_refused_upload_never_ends_another_session_to_make_room(make_app: AppFactory):
    app, client = make_app(max_sessions=1)
    kept = new_session(client)

    refused = upload(client, b"", "empty.xlsx")

    assert refused.status_code == 422
    assert client.get(f"/api/sessions/{kept}").status_code == 200
    assert not any(app.state.sessions.staging.iterdir())  # nothing of the refused file is left


def test_a_very_long_file_name_gets_a_message_that_says_so(client):
    response = upload(client, INTAKE_40, name="a" * 5000 + ".xlsx")
    assert response.status_code == 400
    assert "file name is too long" in response.json()["detail"]
    assert "Invalid multipart" not in response.text
