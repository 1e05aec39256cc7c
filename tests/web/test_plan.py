"""The web app's Plan step (issue 14 point 7): facilitator list, plan as a job, moves and swaps
checked at once, planning again around what was fixed, and the downloads."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta

import openpyxl
import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from planning.periods import public_holidays
from tests.web.conftest import (
    BASE_URL,
    SAMPLES,
    new_session,
    run_job,
    set_time_limit,
    wait_for_job,
)
from web.app import WebConfig, create_app
from web.plan_service import MAX_FACILITATORS

FACILITATORS = SAMPLES / "plan" / "facilitators_12.xlsx"
START = "2027-01-11"


class Planned:
    """One session with groups and a plan, shared by the tests of this module."""

    def __init__(self, app, client: TestClient, session_id: str) -> None:
        self.app, self.client, self.id = app, client, session_id

    @property
    def session(self):
        return self.app.state.sessions.get(self.id)

    @property
    def state(self):
        return self.session.plan

    def post(self, path: str, **data: object):
        data.setdefault("form_token", self.session.form_token)
        return self.client.post(f"/s/{self.id}/plan{path}", data=data, follow_redirects=False)

    def page(self) -> str:
        response = self.client.get(f"/s/{self.id}/plan")
        assert response.status_code == 200, response.text
        return response.text

    def plan_and_wait(self, path: str = "/run", **data: object) -> dict:
        response = self.post(path, **data)
        assert response.status_code == 303, response.text
        job_id = response.headers["location"].rsplit("/", 1)[1]
        job = wait_for_job(self.client, self.id, job_id)
        assert job["state"] == "done", job["error"]
        return job


def upload_list(planned: Planned, content: bytes, name: str):
    return planned.client.post(
        f"/s/{planned.id}/plan/facilitators",
        data={"form_token": planned.session.form_token},
        files={"file": (name, content)},
        follow_redirects=False,
    )


@pytest.fixture(scope="module")
def planned(tmp_path_factory) -> Iterator[Planned]:
    app = create_app(WebConfig(data_dir=tmp_path_factory.mktemp("plan")))
    with TestClient(app, base_url=BASE_URL) as client:
        session_id = new_session(client)
        set_time_limit(client, session_id, 3)
        run_job(client, session_id)
        planned = Planned(app, client, session_id)
        assert upload_list(planned, FACILITATORS.read_bytes(), FACILITATORS.name).status_code == 303
        job = planned.plan_and_wait(
            "/programme", start=START, end="", meetings="6", weeks_min="6", weeks_max="8"
        )
        assert job["outcome"]["with_meetings"] >= 1
        yield planned


def a_planned_group(planned: Planned):
    plan = planned.state.plan
    return next(g for g in plan.groups if g.facilitator and len(g.meetings) >= 3)


def test_the_plan_runs_as_a_job_and_the_page_shows_both_calendars(planned) -> None:
    plan = planned.state.plan
    page = planned.page()
    for gp in plan.groups:
        assert f'id="g-{gp.group}"' in page
    for f in plan.facilitators:
        if plan.groups_of(f.fid):
            assert f'id="f-{f.fid}"' in page
    first = a_planned_group(planned).meetings[0]
    assert f'datetime="{first.day.isoformat()}"' in page
    job = next(j for j in planned.session.jobs.values() if j.kind == "plan")
    shown = planned.client.get(f"/api/sessions/{planned.id}/jobs/{job.id}").json()
    assert set(shown["outcome"]) == {"status", "group_count", "with_facilitator", "with_meetings"}


def test_the_page_has_no_internal_keys_in_dutch_or_english(planned) -> None:
    from web.i18n import TEXT

    for lang in ("nl", "en"):
        planned.client.get(f"/s/{planned.id}/lang/{lang}?back=plan")
        page = planned.page()
        text = re.sub(r"<[^>]+>", " ", page)
        # the words' keys all hold an underscore (plan_title): none may show as text
        leaked = [key for key in TEXT if "_" in key and key in text]
        assert leaked == [], (lang, leaked)
    assert "Agenda per begeleider" not in page and "Calendar per facilitator" in page


def test_a_move_onto_a_public_holiday_is_refused_with_the_reason(planned) -> None:
    gp = a_planned_group(planned)
    meeting = gp.meetings[1]
    holidays = public_holidays(("NL",), date(2027, 1, 1), date(2027, 12, 31), "en")
    near = min(holidays, key=lambda d: abs((d - meeting.day).days))
    response = planned.post("/move", group=gp.group, number=meeting.number, day=near.isoformat())
    assert response.status_code == 303
    assert gp.meetings[1].day == meeting.day  # unchanged
    outcome = planned.state.outcome
    assert not outcome.kept
    assert any("public holiday" in b.en and "feestdag" in b.nl for b in outcome.broken)
    planned.client.get(f"/s/{planned.id}/lang/en?back=plan")
    assert "public holiday" in planned.page()


def test_a_move_that_breaks_the_spacing_is_refused_and_says_what_to_do(planned) -> None:
    gp = a_planned_group(planned)
    second = gp.meetings[1]
    day = second.day + timedelta(weeks=3)  # too close to the third meeting
    planned.post("/move", group=gp.group, number=2, day=day.isoformat())
    outcome = planned.state.outcome
    assert not outcome.kept
    assert any("weeks after meeting" in b.en for b in outcome.broken)
    assert gp.meetings[1].day == second.day


def test_a_fitting_move_is_kept_fixed_and_survives_planning_again(planned) -> None:
    gp = a_planned_group(planned)
    last = gp.meetings[-1]
    before = gp.meetings[-2].day
    # one week later, same weekday: still within 6-8 weeks of the previous meeting?
    for shift in (1, -1, 2, -2):
        day = last.day + timedelta(weeks=shift)
        gap = (day - before).days // 7
        if 6 <= gap <= 8:
            break
    planned.post("/move", group=gp.group, number=last.number, day=day.isoformat())
    outcome = planned.state.outcome
    if not outcome.kept:  # a holiday on that day: the reason says so
        assert outcome.broken
        pytest.skip(f"{day} is taken: {outcome.broken[0].en}")
    assert planned.state.fixed[gp.group][last.number] == day
    assert "fixed" in planned.page() or "vast" in planned.page()
    planned.plan_and_wait()
    again = next(g for g in planned.state.plan.groups if g.group == gp.group)
    assert next(m for m in again.meetings if m.number == last.number).day == day


def test_a_swap_to_a_full_facilitator_is_refused_and_a_free_one_is_pinned(planned) -> None:
    plan = planned.state.plan
    gp = a_planned_group(planned)
    full = next(
        (f for f in plan.facilitators
         if f.fid != gp.facilitator and len(plan.groups_of(f.fid)) >= f.capacity), None,
    )  # fmt: skip
    if full is not None:
        planned.post("/swap", group=gp.group, fid=full.fid)
        assert not planned.state.outcome.kept
        assert any("room for" in b.en for b in planned.state.outcome.broken)
    kept = None
    for f in plan.facilitators:
        if f.fid == gp.facilitator:
            continue
        planned.post("/swap", group=gp.group, fid=f.fid)
        if planned.state.outcome.kept:
            kept = f
            break
        assert planned.state.outcome.broken  # every refusal has its reason
    assert kept is not None, "no other facilitator fits any planned group"
    assert planned.state.pinned[gp.group] == kept.fid
    planned.plan_and_wait()
    again = next(g for g in planned.state.plan.groups if g.group == gp.group)
    assert again.facilitator == kept.fid


def test_a_swap_with_the_dates_planned_again_is_kept_and_fitting_ones_come_first(planned) -> None:
    planned.client.get(f"/s/{planned.id}/lang/en?back=plan")
    gp = a_planned_group(planned)
    card = planned.page().split(f'id="g-{gp.group}"', 1)[1].split("</article>", 1)[0]
    labels = re.findall(r"<option [^>]*>([^<]*)</option>", card)
    fitting = [label for label in labels if "does not fit" not in label]
    assert fitting and labels[: len(fitting)] == fitting
    for f in planned.state.plan.facilitators:
        if f.fid == gp.facilitator:
            continue
        response = planned.post("/swap", group=gp.group, fid=f.fid, replan="1")
        assert response.status_code == 303
        if "/jobs/" not in response.headers["location"]:
            assert planned.state.outcome.broken  # refused, with the reason
            continue
        job_id = response.headers["location"].rsplit("/", 1)[1]
        assert wait_for_job(planned.client, planned.id, job_id)["state"] == "done"
        again = next(g for g in planned.state.plan.groups if g.group == gp.group)
        assert planned.state.pinned[gp.group] == f.fid == again.facilitator
        assert len(again.meetings) == len(gp.meetings)
        assert f"Group {gp.group} now has {f.name}" in planned.page()  # the message stays
        return
    raise AssertionError("no facilitator could take a planned group, even with new dates")


def test_the_downloads_hold_the_plan_sheets_and_the_calendars(planned, tmp_path) -> None:
    planned.client.get(f"/s/{planned.id}/lang/nl?back=plan")
    response = planned.client.get(f"/s/{planned.id}/plan/download/workbook")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    path = tmp_path / "plan.xlsx"
    path.write_bytes(response.content)
    book = openpyxl.load_workbook(path)
    assert {"Planning", "Begeleiders"} <= set(book.sheetnames)
    plan = planned.state.plan
    rows = [r for r in book["Planning"].iter_rows(min_row=2, values_only=True) if r[2]]
    assert len(rows) == sum(len(g.meetings) for g in plan.groups)
    response = planned.client.get(f"/s/{planned.id}/plan/download/calendars")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert sum(n.startswith("groep_") for n in names) == sum(1 for g in plan.groups if g.meetings)
    gp = a_planned_group(planned)
    calendar = Calendar.from_ical(archive.read(f"groep_{gp.group:02d}.ics"))
    starts = sorted(e.decoded("dtstart").date() for e in calendar.walk("VEVENT"))
    assert starts == [m.day for m in gp.meetings]
    assert "@" not in archive.read(f"groep_{gp.group:02d}.ics").decode().replace(
        "@intervisie.local", ""
    )  # no e-mail addresses unless asked
    for file in planned.state.folder.rglob("*"):
        assert file.stat().st_mode & 0o077 == 0, file  # personal data: this user only


def test_a_bad_list_is_refused_naming_the_file_and_the_old_list_stays(planned) -> None:
    before = list(planned.state.facilitators)
    response = upload_list(planned, b"\x89PNG\r\n\x1a\n" + bytes(100), "begeleiders.xlsx")
    assert response.status_code == 422
    assert "begeleiders.xlsx" in response.text
    assert planned.state.facilitators == before


def test_list_issues_are_shown_with_row_and_column(planned, tmp_path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Naam", "E-mail", "Postcode", "Groepen per jaar", "Niet beschikbaar"])
    sheet.append(["Fenna Bakker", "fenna@example.org", "7311", "twee", "volgende zomer"])
    sheet.append(["Joost de Wit", "joost@example.org", "3511", 2, None])
    content = io.BytesIO()
    book.save(content)
    try:
        assert upload_list(planned, content.getvalue(), "lijst.xlsx").status_code == 303
        planned.client.get(f"/s/{planned.id}/lang/nl?back=plan")
        page = planned.page()
        assert 'lijst.xlsx, rij 2, kolom "Groepen per jaar"' in page.replace("&#34;", '"')
        assert "2 begeleiders ingelezen" in page
        assert planned.state.plan is None  # a new list: plan again
    finally:
        upload_list(planned, FACILITATORS.read_bytes(), FACILITATORS.name)
        planned.plan_and_wait()


def test_a_list_longer_than_the_web_app_takes_is_refused(planned) -> None:
    rows = "\n".join(f"Begeleider {i};b{i}@example.org" for i in range(MAX_FACILITATORS + 1))
    response = upload_list(planned, f"Naam;E-mail\n{rows}\n".encode(), "groot.csv")
    assert response.status_code == 413
    assert "groot.csv" in response.text


def test_a_post_without_the_form_token_is_refused(planned) -> None:
    response = planned.post("/run", form_token="nope")
    assert response.status_code == 403


def test_the_plan_step_waits_for_groups(make_app) -> None:
    _, client = make_app()
    session_id = new_session(client)
    page = client.get(f"/s/{session_id}/plan").text
    assert 'id="groups-first"' in page


def test_the_plan_words_never_replace_a_word_of_the_other_pages() -> None:
    from web.i18n import translate
    from web.plan_words import PLAN_TEXT

    assert all(key.startswith("plan_") or key == "step_plan" for key in PLAN_TEXT)
    assert all(set(words) == {"en", "nl"} and all(words.values()) for words in PLAN_TEXT.values())
    assert translate("move_to", "nl") == "Verplaats naar"  # the Groups page's own words


# -- blocked periods (school holidays, closures), as --blocked takes them -----------------------
def program(planned: Planned, level: str) -> dict:
    return planned.plan_and_wait(
        "/programme", start=START, end="", meetings="6", weeks_min="6", weeks_max="8",
        blocked_level=level,
    )  # fmt: skip


def in_a_period(planned: Planned) -> list[tuple[int, date]]:
    """Every planned meeting that falls in one of the session's blocked periods for its group."""
    plan, periods = planned.state.plan, planned.state.blocked
    return [
        (gp.group, m.day)
        for gp in plan.groups
        for m in gp.meetings
        for p in periods
        if m.day in p and (p.country is None or p.country in plan.group_info[gp.group].countries)
    ]


def test_the_example_periods_are_shown_and_never_planned_in_at_hard(planned) -> None:
    planned.post("/release")  # no date fixed by an earlier test in a blocked period
    planned.client.get(f"/s/{planned.id}/lang/nl?back=plan")
    example = planned.client.get(f"/s/{planned.id}/plan/blocked/example")
    assert example.status_code == 200 and example.text.startswith("start,eind,omschrijving")
    assert 'href="/s/' in planned.page() and "/plan/blocked/example" in planned.page()
    response = planned.client.post(
        f"/s/{planned.id}/plan/blocked",
        data={"form_token": planned.session.form_token},
        files={"file": ("vakanties.csv", example.content)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    page = planned.page()
    assert "vakanties.csv: 3 geblokkeerde periode(s) ingelezen" in page
    assert "maandag 19 juli 2027" in page and "vrijdag 27 augustus 2027" in page
    assert "groepen met een lid in Nederland" in page and "elke groep" in page
    assert 'id="periods-changed"' in page  # the plan on the page was made without them
    program(planned, "hard")
    assert planned.state.plan.planned and in_a_period(planned) == []
    assert 'id="periods-changed"' not in planned.page()
    # a move into the summer closure is refused, naming the period, in Dutch and English
    gp = a_planned_group(planned)
    summer = date(2027, 7, 19)
    day = next(
        summer + timedelta(days=i)
        for i in range(7)
        if (summer + timedelta(days=i)).weekday() == gp.meetings[0].day.weekday()
    )
    planned.post("/move", group=gp.group, number=gp.meetings[-1].number, day=day.isoformat())
    outcome = planned.state.outcome
    assert not outcome.kept
    blocked = [b for b in outcome.broken if "blocked period" in b.en]
    assert blocked and "zomersluiting" in blocked[0].nl.casefold()
    assert "geblokkeerde periode" in planned.page()


def test_a_period_over_the_whole_year_is_avoided_at_soft_and_explained_at_hard(
    planned,
) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Periode", "Wat"])
    book.active.append(["2026-12-01 t/m 2028-12-31", "Verbouwing"])
    content = io.BytesIO()
    book.save(content)
    try:
        response = upload_blocked(planned, content.getvalue(), "verbouwing.xlsx")
        assert response.status_code == 303
        program(planned, "soft")  # avoided where possible: here it is not possible
        plan = planned.state.plan
        assert all(len(g.meetings) == 6 for g in plan.groups if g.facilitator)
        planned.client.get(f"/s/{planned.id}/lang/en?back=plan")
        page = planned.page()
        count = sum(len(g.meetings) for g in plan.groups)
        assert f"{count} meeting(s) fall in one of the 1 blocked period(s)" in page
        assert page.count("in a blocked period: Verbouwing") == count
        program(planned, "hard")  # never: no group can meet, and the reason says why
        plan = planned.state.plan
        assert not plan.planned
        reasons = [g.reason("en") for g in plan.groups]
        assert all("blocked periods (never planned in)" in r for r in reasons if r)
        planned.client.get(f"/s/{planned.id}/lang/nl?back=plan")
        assert "geblokkeerde periodes vermijden in plaats van nooit gebruiken" in planned.page()
    finally:
        planned.post("/blocked/remove")
        program(planned, "soft")
    assert planned.state.blocked == [] and 'id="blocked-periods"' not in planned.page()


def upload_blocked(planned: Planned, content: bytes, name: str):
    return planned.client.post(
        f"/s/{planned.id}/plan/blocked",
        data={"form_token": planned.session.form_token},
        files={"file": (name, content)},
        follow_redirects=False,
    )


def test_a_bad_period_is_refused_with_its_row_and_column_and_the_old_ones_stay(planned) -> None:
    good = "start,end,label\n2027-10-18,2027-10-22,Autumn\n"
    assert upload_blocked(planned, good.encode(), "periods.csv").status_code == 303
    before = list(planned.state.blocked)
    bad = "start,end,label\n2027-10-18,2027-10-22,Autumn\n2027-12-27,27 december,Christmas\n"
    try:
        for lang, where, words in (
            ("nl", 'vakantie.csv, rij 3, kolom "end"', "is geen datum"),
            ("en", 'vakantie.csv, row 3, column "end"', "is not a date"),
        ):
            planned.client.get(f"/s/{planned.id}/lang/{lang}?back=plan")
            response = upload_blocked(planned, bad.encode(), "vakantie.csv")
            assert response.status_code == 422
            text = response.text.replace("&#34;", '"').replace("&#39;", "'")
            assert where in text and f"'27 december' {words}" in text
            assert planned.state.blocked == before
        response = upload_blocked(planned, b"\x89PNG\r\n\x1a\n" + bytes(100), "vakantie.xlsx")
        assert response.status_code == 422 and "vakantie.xlsx" in response.text
    finally:
        planned.post("/blocked/remove")
