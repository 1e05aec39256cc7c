"""The web app in Dutch is Dutch: every step's page, rendered for a real uploaded sample, holds
no internal key (field keys such as ``learn_give`` or ``place_hint``, rule keys, moments) and
none of the English phrases kept with the translations (``reporting.labels.NOT_DUTCH``), the
same check as ``tests/reporting/test_dutch.py`` makes for the CLI, workbook and report.

What the participants typed and the file's own headers are left out: they are user data.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient

from optimiser.intervision.rules import RULES
from tests.reporting.test_dutch import english_in, visible_text, without_user_data
from tests.store.conftest import chunked_groups
from tests.web.conftest import upload
from web import programmes
from web.i18n import TEXT

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "msforms_nl_60.xlsx"
PAGES = ("mapping", "issues", "analysis", "settings")


def typed(path: Path) -> set[str]:
    """Every cell of the file, headers included: what the coordinator and participants wrote."""
    sheet = openpyxl.load_workbook(path).active
    return {str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None}


@pytest.fixture
def dutch_session(client: TestClient) -> str:
    response = upload(client, SAMPLE, lang="nl")
    assert response.status_code == 201, response.text
    return response.json()["session_id"]


@pytest.mark.parametrize("step", PAGES)
def test_every_step_of_the_web_app_is_dutch(client: TestClient, dutch_session: str, step: str):
    page = client.get(f"/s/{dutch_session}/{step}")
    assert page.status_code == 200
    assert '<html lang="nl">' in page.text
    text = without_user_data(visible_text(page.text), typed(SAMPLE))
    assert english_in(text) == [], step


def test_the_mapping_page_names_fields_and_how_they_were_read_in_words(
    client: TestClient, dutch_session: str
):
    text = visible_text(client.get(f"/s/{dutch_session}/mapping").text)
    assert "halen of brengen" in text and "woonplaats" in text
    assert "bekende kop" in text or "vraagtekst" in text
    for key in ("learn_give", "place_hint", "synonym", "question text"):
        assert key not in text


def test_the_settings_page_explains_weights_in_words(client: TestClient, dutch_session: str):
    text = visible_text(client.get(f"/s/{dutch_session}/settings").text)
    assert "per km die elk lid reist" in text
    assert "2000 punten: evenveel als 500 km reizen voor één lid" in text  # reporting line
    assert "Vergaderplekken" in text and "Samenkomen in plaatsen vanaf (inwoners)" in text


@pytest.fixture
def dutch_lineup(app, client: TestClient, dutch_session: str):
    """The Dutch session with a line-up on screen (groups of 6, no solve needed)."""
    session = app.state.sessions.get(dutch_session)
    with session.lock:
        session.groups = chunked_groups(session.intake.table)
    return session


def test_the_groups_why_plan_and_programme_pages_are_dutch(app, client: TestClient, dutch_lineup):
    session, values = dutch_lineup, typed(SAMPLE)
    first = next(iter(session.groups))
    client.cookies.set("lang", "nl")
    saved = client.post(
        f"/s/{session.id}/versions",
        data={"form_token": session.form_token, "programme": "Noord", "name": "eerste"},
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
    programme = session.origin.programme_id
    reopened = programmes.open_version(
        app.state.sessions, programmes.store_of(app), programme, session.origin.version_id, "nl"
    )
    pages = {
        "groups": f"/s/{session.id}/groups",
        "why": f"/s/{session.id}/explain/{first}",
        "plan": f"/s/{session.id}/plan",
        "programmes": "/programmes",
        "programme": f"/programmes/{programme}",
        "reopened columns": f"/s/{reopened.id}/mapping",
        "reopened issues": f"/s/{reopened.id}/issues",
    }
    for name, url in pages.items():
        page = client.get(url)
        assert page.status_code == 200, (name, page.text[:300])
        assert english_in(without_user_data(visible_text(page.text), values)) == [], name


def test_a_job_page_names_its_state_in_dutch(app, client: TestClient, dutch_session: str):
    started = client.post(f"/api/sessions/{dutch_session}/jobs", json={"kind": "solve"})
    assert started.status_code == 202, started.text
    job = started.json()["job_id"]
    page = client.get(f"/s/{dutch_session}/jobs/{job}")
    text = visible_text(page.text)
    assert any(word in text for word in ("wacht", "bezig", "klaar", "gestopt"))
    assert english_in(text) == []
    assert 'data-state-running="bezig"' in page.text  # the words the page's script shows
    client.delete(f"/api/sessions/{dutch_session}/jobs/{job}")


def test_every_rule_has_its_weight_in_words_in_both_languages():
    """The settings page says what a weight costs per rule; a rule without words showed its
    key ('weight_meeting_day')."""
    for r in RULES:
        assert set(TEXT.get(f"weight_{r.key}", {})) == {"en", "nl"}, r.key
