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

from tests.reporting.test_dutch import english_in, visible_text, without_user_data
from tests.web.conftest import upload

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
