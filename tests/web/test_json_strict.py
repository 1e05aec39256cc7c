"""The API's JSON is strict: a participant without an e-mail is null, never NaN."""

from __future__ import annotations

from tests.reporting.test_json_output import strict_loads
from tests.web.conftest import SAMPLES, new_session


def _intake_without_emails() -> bytes:
    text = (SAMPLES / "intake_40.csv").read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Naam;"))
    for i in range(header + 1, header + 4):
        cells = lines[i].split(";")
        cells[1] = ""
        lines[i] = ";".join(cells)
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_api_answers_parse_with_a_strict_parser(client):
    session_id = new_session(client, _intake_without_emails(), "no_email.csv")
    url = f"/api/sessions/{session_id}"
    for path in ("", "/mapping", "/issues", "/analysis", "/settings"):
        response = client.get(url + path)
        assert response.status_code == 200, (path, response.text)
        strict_loads(response.text)
    issues = strict_loads(client.get(url + "/issues").text)
    pids = [f"R{row:04d}" for row in range(4, 44)]
    groups = {pid: 1 + i // 7 for i, pid in enumerate(pids)}
    evaluated = client.post(url + "/evaluate", json={"groups": groups})
    assert evaluated.status_code == 200, evaluated.text
    data = strict_loads(evaluated.text)
    people = [m for g in data["groups"] for m in g["members"]]
    assert sum(p["email"] is None for p in people) == 3, issues
