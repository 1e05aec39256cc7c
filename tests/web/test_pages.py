"""The HTML pages through plain form posts (what works without JavaScript), in both languages."""

from __future__ import annotations

import re

import numpy as np
from fastapi.testclient import TestClient

from tests.web.conftest import INTAKE_40, Solved, intake_40_csv, members
from web import service

STEPS = ("mapping", "issues", "analysis", "settings", "groups")


def form_token(client: TestClient, url: str) -> str:
    """The token a page's forms carry, read from the page as a browser would get it."""
    page = client.get(url)
    assert page.status_code == 200, page.text
    return re.search(r'name="form_token" value="([^"]+)"', page.text).group(1)


def upload_page(client: TestClient, content: bytes, name: str, lang: str = "en"):
    data = {"lang": lang, "form_token": form_token(client, "/")}
    return client.post(
        "/upload", files={"file": (name, content)}, data=data, follow_redirects=False
    )


def test_an_upload_leads_to_the_mapping_page_and_every_step_renders(client: TestClient):
    response = upload_page(client, INTAKE_40.read_bytes(), "intake_40.xlsx")
    assert response.status_code == 303
    mapping_url = response.headers["location"]
    session_url = mapping_url.removesuffix("/mapping")

    for step in STEPS:
        page = client.get(f"{session_url}/{step}")
        assert page.status_code == 200, step
        assert page.headers["cache-control"] == "no-store"
        assert 'aria-current="page"' in page.text
    assert "40 participants" in client.get(mapping_url).text


def test_a_bad_upload_shows_the_reason_on_the_upload_page_in_dutch(client: TestClient):
    response = upload_page(client, b"\x89PNG\r\n\x1a\n" + bytes(100), "deelnemers.xlsx", "nl")
    assert response.status_code == 422
    assert 'id="refused"' in response.text
    assert "deelnemers.xlsx" in response.text
    assert "Het bestand is niet bruikbaar" in response.text


def test_fixing_a_column_on_the_mapping_page_reads_the_file_again(client: TestClient):
    content = intake_40_csv().replace(b"Functie", b"Wat doe je?", 1)
    mapping_url = upload_page(client, content, "odd.csv").headers["location"]
    page = client.get(mapping_url).text
    index = re.search(r'<select name="column_(\d+)" data-header="Wat doe je\?"', page).group(1)
    session_id = mapping_url.split("/")[2]
    before = client.get(f"/api/sessions/{session_id}/mapping").json()

    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    response = client.post(mapping_url, data={f"column_{index}": "function", "form_token": token})

    assert response.status_code == 200  # followed the redirect back to the mapping page
    after = client.get(f"/api/sessions/{session_id}/mapping").json()
    read_as = {c["header"]: c["field"] for c in after["columns"]}
    assert read_as["Wat doe je?"] == "function"
    assert {c["header"]: c["field"] for c in before["columns"]}["Wat doe je?"] is None


def test_settings_with_a_bad_number_give_an_error_page_and_change_nothing(client: TestClient):
    mapping_url = upload_page(client, INTAKE_40.read_bytes(), "intake_40.xlsx").headers["location"]
    settings_url = mapping_url.replace("/mapping", "/settings")
    form = {"min_size": "9", "max_size": "6", "time_limit_s": "5", "seed": "0"}
    form["travel_mode"] = "central"
    form["form_token"] = form_token(client, settings_url)

    response = client.post(settings_url, data=form)

    assert response.status_code == 422
    assert "group size 9..6 is empty" in response.text
    assert 'name="min_size" min="2" max="20" value="5"' in client.get(settings_url).text


def test_moving_and_pinning_with_plain_forms(restored: Solved):
    client, session_id = restored.client, restored.id
    lineup = restored.lineup()
    person = lineup["groups"][0]["members"][0]["pid"]
    other = lineup["groups"][1]["group"]
    token = form_token(client, f"/s/{session_id}/groups")

    moved = client.post(
        f"/s/{session_id}/move", data={"pid": person, "group": str(other), "form_token": token}
    )
    assert moved.status_code == 200
    assert members(restored.lineup())[person] == other

    client.post(f"/s/{session_id}/pin", data={"pid": person, "pinned": "1", "form_token": token})
    assert person in restored.lineup()["pins"]
    client.post(f"/s/{session_id}/pin", data={"pid": person, "form_token": token})
    assert person not in restored.lineup()["pins"]


def test_a_group_meets_online_and_in_person_again_with_the_plain_form(restored: Solved):
    client, session_id = restored.client, restored.id
    group = restored.lineup()["groups"][0]["group"]
    token = form_token(client, f"/s/{session_id}/groups")

    def online() -> bool:
        cards = restored.lineup()["groups"]
        return next(g["online"] for g in cards if g["group"] == group)

    url = f"/s/{session_id}/online"
    made = client.post(url, data={"group": str(group), "online": "1", "form_token": token})
    assert made.status_code == 200 and online()
    client.post(url, data={"group": str(group), "form_token": token})
    assert not online()
    bad = client.post(url, data={"group": "twee", "form_token": token})
    assert bad.status_code == 422


def test_the_cards_show_every_participant_and_the_total(solved: Solved):
    lineup = solved.lineup()
    cards = solved.client.get(f"/s/{solved.id}/groups/cards").text

    assert f'id="total-score">{lineup["objective"]}<' in cards
    for pid in members(lineup):
        assert f'id="p-{pid}"' in cards
    for group in lineup["groups"]:
        farthest, mean = round(group["travel_km_max"]), round(group["travel_km_mean"])
        assert f"travel: farthest {farthest} km, average {mean} km" in cards


def test_explain_page_lists_each_other_group(solved: Solved):
    lineup = solved.lineup()
    person = lineup["groups"][0]["members"][0]["pid"]

    page = solved.client.get(f"/s/{solved.id}/explain/{person}").text

    rows = re.findall(r'<tr class="alt-(\w+)" data-group="(\d+)" data-delta="(-?\d+)">', page)
    others = {str(g["group"]) for g in lineup["groups"][1:]}
    assert {group for _, group, _ in rows} == others
    assert page.count("group 1: farthest ") == len(others)  # the group they would leave
    # what the group gives them comes first; then the others, best first, hard breaks last
    assert page.index("What group 1 gives") < page.index('id="explain"')
    kinds = [kind for kind, _, _ in rows]
    assert kinds == sorted(kinds, key=lambda kind: kind == "breaks")
    fitting = [int(delta) for kind, _, delta in rows if kind != "breaks"]
    assert fitting == sorted(fitting, reverse=True)
    assert set(kinds) <= {"better", "same", "worse", "breaks"}
    assert "(R0" not in page and "late_afternoon" not in page


def test_switching_to_dutch_translates_the_pages(restored: Solved):
    client = restored.client
    response = client.get(f"/s/{restored.id}/lang/nl?back=groups")
    assert response.status_code == 200
    assert "Totale score" in response.text
    assert "Verplaats naar" in response.text
    client.get(f"/s/{restored.id}/lang/en?back=groups")


def test_ending_the_session_removes_it(client: TestClient):
    mapping_url = upload_page(client, INTAKE_40.read_bytes(), "intake_40.xlsx").headers["location"]
    session_url = mapping_url.removesuffix("/mapping")

    token = form_token(client, mapping_url)
    ended = client.post(f"{session_url}/end", data={"form_token": token}, follow_redirects=False)

    assert ended.headers["location"] == "/?ended=1"
    gone = client.get(mapping_url)
    assert gone.status_code == 404
    assert "no longer exists" in gone.text


def test_an_error_page_in_a_dutch_session_is_in_dutch(client: TestClient):
    mapping_url = upload_page(client, INTAKE_40.read_bytes(), "intake_40.xlsx", "nl").headers[
        "location"
    ]

    page = client.get(mapping_url.replace("/mapping", "/explain/R9999"))

    assert page.status_code == 409  # no line-up yet
    assert '<html lang="nl">' in page.text
    assert "Je gegevens blijven op deze computer" in page.text


def test_each_card_gives_a_verdict_in_words_and_the_function_purity(solved: Solved):
    lineup = solved.lineup()
    cards = solved.client.get(f"/s/{solved.id}/groups/cards").text

    verdicts = re.findall(r'<p class="verdict verdict-(good|acceptable|attention)">', cards)
    assert verdicts == [g["verdict"] for g in lineup["groups"]]
    assert "function purity" in cards and "the groups of the placed people score" in cards
    assert "hard rules broken" in cards or "hard rule broken" in cards
    assert not re.search(r"\b1 hard rules\b|\b1 groups\b", cards)


def test_the_first_page_follows_the_browsers_language(client: TestClient):
    dutch = client.get("/", headers={"Accept-Language": "nl-NL,nl;q=0.9,en;q=0.8"})
    assert '<html lang="nl">' in dutch.text
    english = client.get("/", headers={"Accept-Language": "de-DE,en;q=0.7,nl;q=0.3"})
    assert '<html lang="en">' in english.text
    chosen = client.get("/?lang=en", headers={"Accept-Language": "nl"})
    assert '<html lang="en">' in chosen.text  # an explicit choice wins


def test_the_app_has_a_favicon(client: TestClient):
    page = client.get("/").text
    assert 'rel="icon" href="/static/favicon.svg"' in page
    icon = client.get("/static/favicon.svg")
    assert icon.status_code == 200 and icon.text.startswith("<svg")


def test_browser_language_weighs_the_header():
    from web.pages import browser_language

    assert browser_language("") == "en"
    assert browser_language("fr, nl;q=0.5, en;q=0.4") == "nl"
    assert browser_language("nl;q=0, en") == "en"
    assert browser_language("nl-BE") == "nl"


def test_merging_two_families_on_the_analysis_page_changes_the_function_scores(
    client: TestClient,
):
    mapping_url = upload_page(client, INTAKE_40.read_bytes(), "intake_40.xlsx").headers["location"]
    session_id = mapping_url.split("/")[2]
    session = client.app.state.sessions.get(session_id)
    families = client.get(f"/api/sessions/{session_id}/analysis").json()["families"]
    first, second = families[0]["family"], families[1]["family"]
    table = service.problem_of(session).table
    a = int(table.index[table["function_family"] == first][0])
    b = int(table.index[table["function_family"] == second][0])
    before = _function_score(service.problem_of(session), a, b)

    page = client.post(
        f"/s/{session_id}/families", data={"action": "merge", "family": first, "into": second}
    )

    assert page.status_code == 200  # followed back to the analysis page
    after = client.get(f"/api/sessions/{session_id}/analysis").json()["families"]
    assert first not in {f["family"] for f in after}
    merged = next(f for f in after if f["family"] == second)
    assert merged["size"] == families[0]["size"] + families[1]["size"]
    assert _function_score(service.problem_of(session), a, b) > before + 50


def test_split_and_rename_through_the_api(client: TestClient, session_id: str):
    families = client.get(f"/api/sessions/{session_id}/analysis").json()["families"]
    several = next(f for f in families if len(f["titles"]) > 1)
    split = client.post(
        f"/api/sessions/{session_id}/families",
        json={
            "action": "split",
            "family": several["family"],
            "name": "Apart",
            "titles": several["titles"][:1],
        },
    )
    assert split.status_code == 200, split.text
    names = {f["family"]: f for f in split.json()["families"]}
    assert names["Apart"]["titles"] == several["titles"][:1]
    renamed = client.post(
        f"/api/sessions/{session_id}/families",
        json={"action": "rename", "family": "Apart", "name": "Eigen groep"},
    )
    assert "Eigen groep" in {f["family"] for f in renamed.json()["families"]}
    refused = client.post(
        f"/api/sessions/{session_id}/families", json={"action": "merge", "family": "Nope"}
    )
    assert refused.status_code == 404


def _function_score(problem, i: int, j: int) -> int:
    scores = {t.key: t for t in problem.problem.pair_terms}["function"].scores
    return int(np.asarray(scores)[i, j])


def test_own_venues_uploaded_on_the_settings_page_replace_the_towns(client: TestClient):
    mapping_url = upload_page(client, INTAKE_40.read_bytes(), "intake_40.xlsx", "nl").headers[
        "location"
    ]
    session_id = mapping_url.split("/")[2]
    settings_url = mapping_url.replace("/mapping", "/settings")
    venues_url = f"/s/{session_id}/venues"
    token = form_token(client, settings_url)
    session = client.app.state.sessions.get(session_id)
    towns = service.problem_of(session).venues
    assert towns and "Utrecht" in {v.name for v in towns}

    bad = b"naam;plaats\nZaal Noord;Amersfoort\nZaal Zuid;Qwxzyvlk\n"
    page = client.post(venues_url, files={"file": ("zalen.csv", bad)}, data={"form_token": token})
    assert page.status_code == 200
    assert 'id="venue-issues"' in page.text
    assert "zalen.csv, rij 3, kolom &#34;plaats&#34;" in page.text
    assert "Qwxzyvlk" in page.text and "wordt niet gebruikt" in page.text
    assert service.problem_of(session).venues == towns  # a bad file changes nothing

    good = b"naam;plaats\nZaal Noord;Amersfoort\nZaal Zuid;Utrecht\n"
    page = client.post(venues_url, files={"file": ("zalen.csv", good)}, data={"form_token": token})
    assert "2 locaties uit zalen.csv in gebruik" in page.text
    assert [v.name for v in service.problem_of(session).venues] == ["Zaal Noord", "Zaal Zuid"]

    client.post(venues_url, data={"form_token": token, "action": "drop"})
    assert service.problem_of(session).venues == towns


def test_the_analysis_judges_reach_by_the_uploaded_venues(client: TestClient):
    """A hall in Maastricht, far from the sample's people: the analysis step says who cannot
    reach it, the people the problem allows it only beyond their limit (as the CLI does);
    dropping the file brings back the towns, and nobody is out of reach."""
    mapping_url = upload_page(client, INTAKE_40.read_bytes(), "intake_40.xlsx").headers[
        "location"
    ]
    session_id = mapping_url.split("/")[2]
    token = form_token(client, mapping_url.replace("/mapping", "/settings"))
    session = client.app.state.sessions.get(session_id)

    def out_of_reach() -> set[str]:
        findings = client.get(f"/api/sessions/{session_id}/analysis").json()["findings"]
        return {p for f in findings if f["code"] == "out_of_reach" for p in f["pids"]}

    assert out_of_reach() == set()
    far = b"naam;plaats\nZaal;Maastricht\n"
    client.post(
        f"/s/{session_id}/venues", files={"file": ("zalen.csv", far)}, data={"form_token": token}
    )
    note = next(n for n in service.problem_of(session).notes if "can reach no meeting" in n)
    assert out_of_reach() == set(note.rpartition(": ")[2].split(", "))
    client.post(f"/s/{session_id}/venues", data={"form_token": token, "action": "drop"})
    assert out_of_reach() == set()


def test_the_town_threshold_and_online_meetings_are_settings(client: TestClient):
    mapping_url = upload_page(client, INTAKE_40.read_bytes(), "intake_40.xlsx").headers["location"]
    settings_url = mapping_url.replace("/mapping", "/settings")
    form = {"min_size": "5", "max_size": "8", "time_limit_s": "5", "seed": "0"}
    form |= {"travel_mode": "central", "min_town_population": "50000"}
    form |= {"online_meetings": "everyone", "online_cost_km": "40"}
    form["form_token"] = form_token(client, settings_url)
    client.post(settings_url, data=form)
    session = client.app.state.sessions.get(mapping_url.split("/")[2])
    assert session.settings.min_town_population == 50_000
    assert session.settings.online_meetings == "everyone"
    venues = service.problem_of(session).venues
    assert venues[-1].online and len(venues) > 1
    page = client.get(settings_url).text
    assert '<option value="everyone" selected>' in page
