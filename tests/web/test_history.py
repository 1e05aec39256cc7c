"""Re-solving keeps the line-up, lists what it moved, and every change can be undone.

A re-solve with nothing changed moves nobody; a pin that forces moves lists each with its
reason in words on the groups page; move, pin, re-solve and solve are undone step by step (and
redone) from the groups page's forms, which carry the session's form token like every other.
"""

from __future__ import annotations

import re

from tests.web.conftest import Solved, members, run_job
from tests.web.test_pages import form_token


def _groups_page(solved: Solved) -> str:
    page = solved.client.get(f"/s/{solved.id}/groups")
    assert page.status_code == 200, page.text
    return page.text


def _post(solved: Solved, action: str, token: str | None = None) -> int:
    token = token if token is not None else form_token(solved.client, f"/s/{solved.id}/groups")
    response = solved.client.post(
        f"/s/{solved.id}/{action}", data={"form_token": token}, follow_redirects=False
    )
    return response.status_code


def test_a_resolve_with_nothing_changed_moves_nobody(restored: Solved):
    before = members(restored.lineup())

    job = run_job(restored.client, restored.id, kind="repair")

    assert job["outcome"]["moves"] == []
    assert members(restored.lineup()) == before
    page = _groups_page(restored)
    assert "The re-solve moved nobody" in page


def test_a_pin_lists_every_move_with_its_reason_in_words(restored: Solved):
    client, url = restored.client, restored.url
    before = restored.lineup()
    home, elsewhere = before["groups"][0], before["groups"][1]
    person = home["members"][0]["pid"]
    client.post(f"{url}/lineup/moves", json={"pid": person, "group": elsewhere["group"]})
    assert client.put(f"{url}/lineup/pins/{person}", json={"pinned": True}).status_code == 200
    proposed = members(restored.lineup())

    job = run_job(client, restored.id, kind="repair")

    after = members(restored.lineup())
    moved = {pid for pid, group in proposed.items() if after[pid] != group}
    listed = job["outcome"]["moves"]
    assert {m["pid"] for m in listed} == moved
    assert after[person] == elsewhere["group"]
    assert len(moved) <= 8  # the pin's own groups at most, never half the line-up
    page = _groups_page(restored)
    section = page[page.index('id="moves"') :]
    for move in listed:
        assert f'data-pid="{move["pid"]}"' in section
    reasons = re.findall(r'<div class="hint reason">([^<]*)</div>', section)
    assert len(reasons) == len(listed) and all(reasons)
    assert not any(re.search(r"\(R\d{4}\)|_", reason) for reason in reasons)
    assert restored.lineup()["resolve_moves"] == listed


def test_undo_and_redo_step_through_moves_pins_and_resolves(restored: Solved):
    client, url = restored.client, restored.url
    start = restored.lineup()
    first = members(start)
    person = start["groups"][0]["members"][0]["pid"]
    target = start["groups"][1]["group"]
    assert 'id="undo"' in _groups_page(restored)

    client.post(f"{url}/lineup/moves", json={"pid": person, "group": target})
    moved = members(restored.lineup())
    client.put(f"{url}/lineup/pins/{person}", json={"pinned": True})
    run_job(client, restored.id, kind="repair")
    resolved = restored.lineup()

    assert _post(restored, "undo") == 303  # the re-solve
    assert members(restored.lineup()) == moved and restored.lineup()["pins"] == [person]
    assert _post(restored, "undo") == 303  # the pin
    assert restored.lineup()["pins"] == []
    assert _post(restored, "undo") == 303  # the move
    assert members(restored.lineup()) == first

    assert _post(restored, "redo") == 303
    assert members(restored.lineup()) == moved
    redone = client.post(f"{url}/lineup/redo").json()  # the API does the same
    assert redone["pins"] == [person] and redone["can_redo"]
    assert _post(restored, "redo") == 303
    assert members(restored.lineup()) == members(resolved)
    assert not restored.lineup()["can_redo"]
    # a reload shows the same history: it lives in the session, not in the page
    assert re.search(r'id="redo"[^>]*disabled', _groups_page(restored))
    assert not re.search(r'id="undo"[^>]*disabled', _groups_page(restored))


def test_undo_without_the_form_token_is_refused(restored: Solved):
    client, url = restored.client, restored.url
    lineup = restored.lineup()
    person = lineup["groups"][0]["members"][0]["pid"]
    client.post(f"{url}/lineup/moves", json={"pid": person, "group": lineup["groups"][1]["group"]})
    moved = members(restored.lineup())

    assert _post(restored, "undo", token="forged") == 403
    assert members(restored.lineup()) == moved


def test_undo_takes_back_a_new_solve_too(restored: Solved):
    before = members(restored.lineup())
    session = restored.app.state.sessions.get(restored.id)
    steps = len(session.undo_steps)

    run_job(restored.client, restored.id, kind="solve")

    assert len(session.undo_steps) == steps + 1
    assert _post(restored, "undo") == 303
    assert members(restored.lineup()) == before


def _places(lineup: dict) -> dict[int, tuple[str | None, str | None, bool]]:
    return {
        g["group"]: (g["moment"], g["venue"]["name"] if g["venue"] else None, g["online"])
        for g in lineup["groups"]
    }


def test_a_resolve_keeps_every_groups_moment_and_place_and_a_move_the_others(restored: Solved):
    client, url = restored.client, restored.url
    before = _places(restored.lineup())
    run_job(client, restored.id, kind="repair")
    assert _places(restored.lineup()) == before
    home = restored.lineup()["groups"][0]
    client.post(f"{url}/lineup/moves", json={"pid": home["members"][0]["pid"], "group": 2})
    after = _places(restored.lineup())
    assert {g: p for g, p in after.items() if g not in (1, 2)} == {
        g: p for g, p in before.items() if g not in (1, 2)
    }


def test_a_group_goes_online_at_once_and_undo_brings_its_place_back(restored: Solved):
    client, url = restored.client, restored.url
    before = restored.lineup()
    group = before["groups"][0]
    response = client.put(f"{url}/lineup/online/{group['group']}", json={"online": True})
    assert response.status_code == 200, response.text
    online = next(g for g in response.json()["groups"] if g["group"] == group["group"])
    assert online["online"] and online["venue"]["online"]
    assert online["travel_km_max"] == 0
    assert response.json()["objective"] > before["objective"]  # nobody travels any more
    page = _groups_page(restored)
    card = page[page.index(f'id="g-{group["group"]}"') :]
    assert f'data-online-group="{group["group"]}" checked' in card[: card.index("</article>")]
    assert _post(restored, "undo") == 303
    assert _places(restored.lineup()) == _places(before)
    assert _post(restored, "redo") == 303
    assert _places(restored.lineup())[group["group"]][2] is True
    missing = client.put(f"{url}/lineup/online/99", json={"online": True})
    assert missing.status_code == 404
