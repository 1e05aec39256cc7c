"""The web app's own refusals (``StepError``) are said in the session's language: each one is
triggered through the app in a Dutch session (or, before there is a session, for a browser that
asks for Dutch) and must come back in Dutch, with no English phrase kept with the translations
(``reporting.labels.NOT_DUTCH``) and none of its own English text.

Every refusal the web package raises is listed here, so a new one without a Dutch text, or
one this test does not trigger, fails ``test_every_refusal_in_the_code_is_triggered_here``.
"""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.reporting.test_dutch import english_in
from tests.store.conftest import chunked_groups
from tests.web.conftest import JOB_DEADLINE_S, upload
from web.i18n import TEXT, translate
from web.refusals import REFUSAL_TEXT

WEB = Path(__file__).resolve().parents[2] / "web"
SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
DUTCH = {"accept-language": "nl"}
# raised only where the app's state cannot be reached through a request in a test of this size
# (a plan job running, a plan made for groups that changed since): checked as texts below
NOT_TRIGGERED = {"plan_job_running", "plan_stale", "no_plan_group", "plan_options_first"}


def raised_keys() -> set[str]:
    """Every refusal key the web package raises: ``StepError("key", ...)``."""
    found = set()
    for path in WEB.glob("*.py"):
        found |= set(re.findall(r'StepError\(\s*"(\w+)"', path.read_text(encoding="utf-8")))
    return found


def english_words(key: str) -> set[str]:
    """The words of the refusal's English text outside its placeholders."""
    text = re.sub(r"\{[^}]*\}", " ", REFUSAL_TEXT.get(key, TEXT[key])["en"])
    return {w for w in re.findall(r"[a-z][a-z-]{3,}", text.lower())}


class Walk:
    """One Dutch session walked through every refusal; ``seen`` collects what came back."""

    def __init__(self, app, client: TestClient) -> None:
        self.app, self.client = app, client
        response = upload(client, SAMPLES / "intake_40.xlsx", lang="nl")
        assert response.status_code == 201, response.text
        self.id = response.json()["session_id"]
        self.seen: dict[str, str] = {}
        self.wrong: list[str] = []

    @property
    def session(self):
        return self.app.state.sessions.get(self.id)

    def api(self, method: str, path: str, **kwargs):
        return self.client.request(method, f"/api/sessions/{self.id}{path}", **kwargs)

    def page(self, method: str, path: str, data: dict | None = None, **kwargs):
        if method == "POST":
            data = {"form_token": self.session.form_token, **(data or {})}
        return self.client.request(
            method, f"/s/{self.id}{path}", data=data, follow_redirects=False, **kwargs
        )

    def expect(self, key: str, response, status: int | None = None) -> None:
        """The response is refusal ``key``, in Dutch."""
        if response.headers.get("content-type", "").startswith("application/json"):
            body = response.json()
            detail, refusal = body.get("detail", ""), body.get("refusal")
        else:  # an error page: the message is in its paragraph
            found = re.search(r'<p id="error-message">(.*?)</p>', response.text, re.S)
            detail, refusal = (html.unescape(found.group(1)) if found else response.text[:200]), key
        problems = []
        if refusal != key:
            problems.append(f"refusal {refusal!r}")
        if status is not None and response.status_code != status:
            problems.append(f"status {response.status_code}")
        if english_in(detail):
            problems.append(f"English {english_in(detail)}")
        leaked = english_words(key) & set(re.findall(r"[a-z][a-z-]{3,}", detail.lower()))
        # Dutch words too, and values the API takes as they are
        leaked -= {"upload", "plan", "online", "solve", "repair", "stable"}
        if leaked:
            problems.append(f"its English words {sorted(leaked)}")
        if problems:
            self.wrong.append(f"{key}: {', '.join(problems)} in {detail!r}")
        self.seen[key] = detail

    def said(self, response, dutch: str, status: int) -> None:
        """The response is a refusal another module worded (the store's), in Dutch."""
        found = re.search(r'<p id="error-message">(.*?)</p>', response.text, re.S)
        detail = html.unescape(found.group(1)) if found else response.text[:200]
        if response.status_code != status or dutch not in detail or english_in(detail):
            self.wrong.append(f"{dutch}: {response.status_code} {detail!r}")


@pytest.fixture
def walk(app_client) -> Walk:
    return Walk(*app_client)


def test_every_refusal_is_said_in_the_dutch_sessions_language(walk: Walk):
    w, client = walk, walk.client
    # before a session: the browser's language
    w.expect("no_session", client.get("/api/sessions/nope/lineup", headers=DUTCH), 404)
    w.expect("session_gone", client.get("/s/nope/mapping", headers=DUTCH), 404)
    w.expect("refused_form_token", w.page("POST", "/solve", {"form_token": "x"}), 403)
    w.expect("page_not_found", w.page("GET", "/bestaat-niet"), 404)
    # the intake, columns and families
    w.expect("no_column", w.api("PUT", "/mapping", json={"columns": {"Geen kolom": None}}), 422)
    header = w.session.intake.mapping[0].header
    w.expect("unknown_field", w.api("PUT", "/mapping", json={"columns": {header: "x"}}), 422)
    family = w.api("GET", "/analysis").json()["families"][0]["family"]
    families = "/families"
    w.expect("no_family", w.api("POST", families, json={"action": "rename", "family": "?"}), 404)
    w.expect(
        "family_name_needed",
        w.api("POST", families, json={"action": "rename", "family": family}),
        422,
    )
    w.expect(
        "no_family_to_merge",
        w.api("POST", families, json={"action": "merge", "family": family, "into": "?"}),
        422,
    )
    w.expect(
        "split_needs", w.api("POST", families, json={"action": "split", "family": family}), 422
    )
    w.expect(
        "family_action", w.api("POST", families, json={"action": "knip", "family": family}), 422
    )
    w.expect("no_chart", w.api("GET", "/charts/schoenmaat.png"), 404)
    # settings
    w.expect("time_limit_range", w.api("PUT", "/settings", json={"time_limit_s": 0.5}), 422)
    form = {"min_size": "5", "max_size": "8", "time_limit_s": "5", "seed": "0"}
    w.expect(
        "bad_weight", w.page("POST", "/settings", {**form, "weight_function": "veel"}), 422
    )
    w.expect("not_whole_number", w.page("POST", "/settings", {**form, "min_size": "vijf"}), 422)
    w.expect("language", w.page("GET", "/lang/fr"), 422)
    # the line-up, before there is one
    w.expect("no_lineup", w.api("GET", "/lineup"), 409)
    w.expect("nothing_to_keep", w.api("POST", "/jobs", json={"kind": "repair"}), 409)
    w.expect("job_kind", w.page("POST", "/solve", {"kind": "alles"}), 422)
    w.expect("nothing_to_undo", w.api("POST", "/lineup/undo"), 409)
    w.expect("nothing_to_redo", w.api("POST", "/lineup/redo"), 409)
    w.expect("no_job", w.api("GET", "/jobs/0123456789abcdef"), 404)
    w.expect("no_job", w.page("GET", "/jobs/0123456789abcdef"), 404)
    w.expect("unknown_participants", w.api("POST", "/evaluate", json={"groups": {"X": 1}}), 422)
    first = w.session.intake.table.index[0]
    w.expect("groups_from_one", w.api("POST", "/evaluate", json={"groups": {first: 0}}), 422)
    # the plan, before there are groups and a plan
    w.expect("plan_no_groups", w.page("POST", "/plan/run"), 409)
    w.expect("plan_first", w.page("GET", "/plan/download/workbook"), 409)
    w.expect("no_plan_job", w.page("GET", "/plan/jobs/0123"), 404)
    w.expect("plan_bad_date", w.page("POST", "/plan/programme", {"start": "morgen"}), 422)
    plan_form = {"start": "2027-01-11", "meetings": "zes", "weeks_min": "4", "weeks_max": "6"}
    w.expect("plan_bad_number", w.page("POST", "/plan/programme", plan_form), 422)
    # with a line-up
    with w.session.lock:
        w.session.groups = chunked_groups(w.session.intake.table)
    w.expect("plan_list_first", w.page("POST", "/plan/run"), 422)
    listed = w.client.post(
        f"/s/{w.id}/plan/facilitators",
        data={"form_token": w.session.form_token},
        files={"file": ("begeleiders.xlsx", (SAMPLES / "plan/facilitators_12.xlsx").read_bytes())},
        follow_redirects=False,
    )
    assert listed.status_code == 303, listed.text
    w.expect("plan_start_first", w.page("POST", "/plan/run"), 422)
    odd_level = {**plan_form, "meetings": "6", "blocked_level": "soms"}
    w.expect("plan_blocked_level", w.page("POST", "/plan/programme", odd_level), 422)
    w.expect("no_participant", w.api("POST", "/lineup/moves", json={"pid": "X", "group": 1}), 404)
    w.expect(
        "no_group", w.api("POST", "/lineup/moves", json={"pid": first, "group": 99}), 422
    )
    w.expect("no_such_group", w.api("PUT", "/lineup/online/99", json={"online": True}), 404)
    w.expect("not_in_lineup", w.api("PUT", "/lineup/pins/X", json={"pinned": True}), 404)
    w.api("POST", "/lineup/moves", json={"pid": first, "group": None})
    w.expect("pin_unplaced", w.api("PUT", f"/lineup/pins/{first}", json={"pinned": True}), 409)
    started = w.api("POST", "/jobs", json={"kind": "solve"})
    assert started.status_code == 202, started.text
    w.expect("job_running", w.api("POST", "/jobs", json={"kind": "solve"}), 409)
    w.api("DELETE", f"/jobs/{started.json()['job_id']}")
    _wait_until_idle(w)
    # programmes (their pages follow the browser's language; the form token is the cookie's)
    client.cookies.set("lang", "nl")
    client.cookies.set("form_token", "programmes")
    token = {"form_token": "programmes"}
    w.expect("names_needed", w.page("POST", "/versions", {"programme": "", "name": ""}), 422)
    saved = w.page("POST", "/versions", {"programme": "Team 2027", "name": "eerste"})
    assert saved.status_code == 303, saved.text
    programme = w.session.origin.programme_id
    w.expect("no_version", client.post(f"/programmes/{programme}/versions/9/open", data=token), 404)
    w.said(client.get("/programmes/999", headers=DUTCH), "geen programma 999", 404)
    again = w.page("POST", "/versions", {"programme": "Team 2027", "name": "eerste"})
    w.said(again, "al een versie", 409)
    w.said(client.post("/programmes", data={**token, "name": "Team 2027"}), "bestaat al", 409)
    w.said(client.get(f"/programmes/{programme}/people/999/export"), "geen persoon 999", 404)
    w.expect("no_person", client.get(f"/programmes/{programme}/people/999/forget"), 404)
    intake = (SAMPLES / "intake_40.xlsx").read_bytes()
    for key, wrong in (
        ("round_mode", {"mode": "anders"}),
        ("met_rounds_range", {"met_rounds": "11"}),
        ("time_limit_range", {"time_limit_s": "0.1"}),
    ):
        refused = client.post(
            f"/programmes/{programme}/next-round",
            data={**token, **wrong},
            files={"file": ("ronde2.xlsx", intake)},
            follow_redirects=False,
        )
        w.expect(key, refused, 422)
    # a line-up opened from a programme has no file to read again
    with w.session.lock:
        w.session.upload = None
    w.expect("columns_stored", w.api("PUT", "/mapping", json={"columns": {header: None}}), 409)
    with w.session.lock:
        w.session.intake = None
    w.expect("upload_first", w.api("GET", "/mapping"), 409)

    assert w.wrong == [], "\n".join(w.wrong)
    missing = raised_keys() - set(w.seen) - NOT_TRIGGERED
    assert missing == set(), f"not triggered: {sorted(missing)}"


def _wait_until_idle(w: Walk) -> None:
    end = time.monotonic() + JOB_DEADLINE_S
    while w.session.running_job is not None and time.monotonic() < end:
        time.sleep(0.2)


@pytest.mark.parametrize("key", sorted(raised_keys()))
def test_every_refusal_in_the_code_has_a_dutch_text_of_its_own(key: str):
    assert key in TEXT, f"StepError({key!r}) has no text in web.i18n"
    dutch = translate(key, "nl", **_placeholders(key))
    assert TEXT[key].get("nl") and dutch != translate(key, "en", **_placeholders(key))
    assert english_in(dutch) == [], dutch


def _placeholders(key: str) -> dict[str, str]:
    return {name: "X" for name in re.findall(r"\{(\w+)", TEXT[key]["en"])}


def test_the_refusals_left_untriggered_are_still_raised():
    assert raised_keys() >= NOT_TRIGGERED
