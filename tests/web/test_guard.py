"""The app accepts requests only from its own pages: Host and Origin checks, form tokens,
security headers on every answer, and pages that need no inline script or style."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.conftest import BASE_URL, INTAKE_40, Solved, members, session_folders
from web.guard import CONTENT_SECURITY_POLICY, split_host

OWN_ORIGIN = BASE_URL
EVIL = "http://evil.example"


def _token(client: TestClient, url: str) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', client.get(url).text).group(1)


@pytest.mark.parametrize(
    "host",
    ["evil.example", "evil.example:8765", "127.0.0.1:9999", "localhost:80", "127.0.0.1", "", "x:y"],
)
def test_a_request_for_another_host_is_refused(app: FastAPI, client: TestClient, host: str):
    page = client.get("/", headers={"Host": host})
    created = client.post(
        "/api/sessions",
        files={"file": ("intake_40.xlsx", INTAKE_40.read_bytes())},
        headers={"Host": host},
    )

    assert page.status_code == 421
    assert "only answers at the address it was started on" in page.text
    assert created.status_code == 421
    assert len(app.state.sessions) == 0


@pytest.mark.parametrize(
    "host", ["127.0.0.1:8765", "localhost:8765", "[::1]:8765", "LOCALHOST:8765"]
)
def test_the_app_answers_to_its_own_names_with_its_port(client: TestClient, host: str):
    assert client.get("/", headers={"Host": host}).status_code == 200


def test_split_host_keeps_ipv6_brackets():
    assert split_host("[::1]:8765") == ("[::1]", "8765")
    assert split_host("[::1]") == ("[::1]", "")
    assert split_host("LocalHost:1") == ("localhost", "1")


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": EVIL},
        {"Origin": "null"},
        {"Origin": "http://127.0.0.1:3000"},  # another local server's page: same site, not us
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": OWN_ORIGIN, "Sec-Fetch-Site": "cross-site"},
        {"Origin": "null", "Sec-Fetch-Site": "cross-site"},  # a sandboxed frame elsewhere
    ],
)
def test_a_state_change_from_another_page_is_refused(
    app: FastAPI, client: TestClient, headers: dict[str, str]
):
    created = client.post(
        "/api/sessions", files={"file": ("i.xlsx", INTAKE_40.read_bytes())}, headers=headers
    )
    page_upload = client.post(
        "/upload", files={"file": ("i.xlsx", INTAKE_40.read_bytes())}, headers=headers
    )

    assert created.status_code == 403
    assert "came from another web page" in created.json()["detail"]
    assert page_upload.status_code == 403
    assert len(app.state.sessions) == 0 and session_folders(app) == []


def test_a_cross_site_change_to_a_session_is_refused_and_changes_nothing(restored: Solved):
    client, url = restored.client, restored.url
    before = members(restored.lineup())
    person = next(iter(before))
    other = next(g for g in set(before.values()) if g not in (None, before[person]))

    moved = client.post(
        f"{url}/lineup/moves", json={"pid": person, "group": other}, headers={"Origin": EVIL}
    )
    ended = client.delete(url, headers={"Sec-Fetch-Site": "cross-site"})

    assert moved.status_code == 403 and ended.status_code == 403
    assert members(restored.lineup()) == before


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": OWN_ORIGIN, "Sec-Fetch-Site": "same-origin"},
        {"Origin": OWN_ORIGIN},  # a browser without Sec-Fetch headers
        # what Chromium sends with the app's own form posts under Referrer-Policy: no-referrer
        {"Origin": "null", "Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "none"},
    ],
)
def test_the_apps_own_pages_and_scripts_may_change_things(
    client: TestClient, headers: dict[str, str]
):
    created = client.post(
        "/api/sessions", files={"file": ("i.xlsx", INTAKE_40.read_bytes())}, headers=headers
    )
    assert created.status_code == 201
    assert client.get("/", headers={"Origin": EVIL}).status_code == 200  # reading changes nothing


def test_the_upload_form_needs_its_token(app: FastAPI, client: TestClient):
    files = {"file": ("i.xlsx", INTAKE_40.read_bytes())}

    without = client.post("/upload", files=files, follow_redirects=False)
    wrong = client.post(
        "/upload", files=files, data={"form_token": "guess"}, follow_redirects=False
    )
    token = _token(client, "/")  # sets the form cookie too, as for a browser
    right = client.post("/upload", files=files, data={"form_token": token}, follow_redirects=False)

    assert without.status_code == 403 and wrong.status_code == 403
    assert "reload the page" in without.text
    assert right.status_code == 303
    assert len(app.state.sessions) == 1


def test_a_session_form_needs_the_sessions_own_token(restored: Solved):
    client, session_id = restored.client, restored.id
    before = members(restored.lineup())
    person = next(iter(before))
    other = next(g for g in set(before.values()) if g not in (None, before[person]))
    other_session = client.post(
        "/api/sessions", files={"file": ("i.xlsx", INTAKE_40.read_bytes())}
    ).json()["session_id"]
    foreign_token = _token(client, f"/s/{other_session}/mapping")
    move = {"pid": person, "group": str(other)}

    refused = [
        client.post(f"/s/{session_id}/move", data=move),
        client.post(f"/s/{session_id}/move", data={**move, "form_token": foreign_token}),
        client.post(f"/s/{session_id}/end", data={"form_token": foreign_token}),
        client.post(f"/s/{session_id}/solve", data={}),
        client.post(f"/s/{session_id}/settings", data={"min_size": "3"}),
    ]

    assert [r.status_code for r in refused] == [403] * len(refused)
    assert members(restored.lineup()) == before
    assert client.get(f"/api/sessions/{session_id}").json()["running_job"] is None
    client.delete(f"/api/sessions/{other_session}")


def _header_set(response) -> dict[str, str]:
    return {k.lower(): v for k, v in response.headers.items()}


def test_every_answer_carries_the_security_headers(solved: Solved):
    client, url = solved.client, solved.url
    answers = {
        "page": client.get(f"/s/{solved.id}/groups"),
        "api": client.get(f"{url}/lineup"),
        "workbook": client.get(f"{url}/download/workbook"),
        "report": client.get(f"{url}/download/report"),
        "chart": client.get(f"{url}/charts/level.png"),
        "api error": client.get("/api/sessions/unknown"),
        "page error": client.get("/s/unknown/groups"),
        "schema": client.get("/openapi.json"),
        "static": client.get("/static/app.js"),
        "refused host": client.get("/", headers={"Host": "evil.example"}),
    }
    for what, response in answers.items():
        headers = _header_set(response)
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY, what
        assert headers["x-content-type-options"] == "nosniff", what
        assert headers["referrer-policy"] == "no-referrer", what
        assert "frame-ancestors 'none'" in headers["content-security-policy"], what
        if what != "static":
            assert headers["cache-control"] == "no-store", what
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert "cache-control" not in _header_set(answers["static"])  # assets may be cached


_INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    "style element": re.compile(r"<style\b", re.I),
    "style attribute": re.compile(r"<[^>]+\sstyle=", re.I),
    "event handler": re.compile(r"<[^>]+\son[a-z]+=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}


def test_no_page_needs_inline_script_or_style(solved: Solved):
    """The policy forbids inline code; every page the app renders must work without it."""
    client, session_id = solved.client, solved.id
    person = next(iter(members(solved.lineup())))
    job_id = solved.job["job_id"]
    urls = [
        "/",
        "/?lang=nl",
        *(f"/s/{session_id}/{step}" for step in ("mapping", "issues", "analysis", "settings")),
        f"/s/{session_id}/groups",
        f"/s/{session_id}/groups/cards",
        f"/s/{session_id}/jobs/{job_id}",
        f"/s/{session_id}/explain/{person}",
        f"/s/{session_id}/explain/R99999",  # an error page
        "/s/unknown/mapping",
    ]
    for url in urls:
        text = client.get(url).text
        for what, pattern in _INLINE.items():
            assert not pattern.search(text), f"{url}: {what}: {pattern.search(text).group(0)}"
