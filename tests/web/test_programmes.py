"""Programmes in the web app, against SQLite and a real PostgreSQL server (no database mocks):
save a session's line-up as a version, change it and save again, compare the two, open a
version in a new session, form the next round through the job runner, forget people."""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import openpyxl
import pytest

from store.people import find_person, people_of
from tests.rounds.builders import dropouts_that_force_nothing, write_round_two
from tests.store.conftest import chunked_groups, db_url  # noqa: F401 - db_url is a fixture
from tests.web.conftest import JOB_DEADLINE_S, new_session
from web import programmes, service
from web.i18n import TEXT
from workflow import FormOptions, form_groups, write_outputs

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


@pytest.fixture
def web(make_app, db_url):  # noqa: F811 - the fixture imported above
    """An app whose store is a fresh database of each kind."""
    return make_app(db_url=db_url)


def _lineup_session(app, client):
    """A session holding intake_40 with a simple line-up (groups of 6) on screen."""
    session = app.state.sessions.get(new_session(client))
    session.groups = chunked_groups(session.intake.table)
    return session


def test_save_change_save_again_compare_and_open_a_version(web):
    app, client = web
    store = programmes.store_of(app)
    session = _lineup_session(app, client)
    first = programmes.save_session(store, session, "Noord", "eerste", "test")
    mover = next(p for p, g in session.groups.items() if g == 1)
    service.move(session, mover, 2)
    session.pins = {next(p for p, g in session.groups.items() if g == 3)}
    second = programmes.save_session(store, session, "Noord", "tweede", "test")

    assert second.intake_id == first.intake_id  # the same round, two versions
    assert store.round_numbers("Noord") == [1]
    with pytest.raises(service.StepError, match="already has a version named"):
        programmes.save_session(store, session, "Noord", "tweede", "test")

    comparison = programmes.compare_versions(
        store, first.programme_id, first.version_id, second.version_id, "nl"
    )
    assert [(m.pid_a, m.group_a, m.group_b) for m in comparison.moved] == [(mover, 1, 2)]
    groups = {g for g in session.groups.values() if g is not None}
    assert len(comparison.kept_groups) == len(groups) - 2
    assert comparison.b.report.objective == service.lineup_report(session).objective

    opened = programmes.open_version(
        app.state.sessions, store, first.programme_id, second.version_id, "en"
    )
    assert opened.groups == session.groups and opened.pins == session.pins
    assert opened.origin.version == "tweede"
    workbook = service.write_downloads(opened)  # no uploaded file: the stored fingerprint
    settings = openpyxl.load_workbook(workbook)["Settings"]
    values = {row[0]: row[1] for row in settings.iter_rows(values_only=True) if row[0]}
    assert store.load_version(second.version_id).file_sha256 in values.values()
    with pytest.raises(service.StepError, match="opened from a programme"):
        service.remap(opened, {"Naam": None})


def test_a_version_of_another_programme_is_not_found(web):
    app, client = web
    store = programmes.store_of(app)
    session = _lineup_session(app, client)
    saved = programmes.save_session(store, session, "Noord", "v1", "test")
    other = store.create_programme("Zuid")
    with pytest.raises(service.StepError, match="no version"):
        programmes.open_version(app.state.sessions, store, other, saved.version_id, "en")


@pytest.fixture(scope="module")
def round_one_workbook(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("round1") / "round1.xlsx"
    options = FormOptions(time_limit_s=3, seed=1)
    write_outputs(
        form_groups(SAMPLES / "intake_40.csv", options), SAMPLES / "intake_40.csv", out, options
    )
    return out


def _first_round(app, client, store, workbook):
    """Round one of programme Noord: the workbook's line-up, saved from a session."""
    from reporting.lineup_io import read_lineup

    first = app.state.sessions.get(new_session(client, SAMPLES / "intake_40.csv"))
    first.groups = dict(read_lineup(workbook).groups)
    return programmes.save_session(store, first, "Noord", "ronde 1", "test")


def _finished(job):
    end = time.monotonic() + JOB_DEADLINE_S
    while not job.finished_state and time.monotonic() < end:
        time.sleep(0.2)
    assert job.state.value == "done", job.error
    return job


@pytest.mark.slow
def test_the_next_round_runs_as_a_job_and_is_kept_as_a_new_round(web, round_one_workbook, tmp_path):
    app, client = web
    store = programmes.store_of(app)
    saved = _first_round(app, client, store, round_one_workbook)

    new_intake = write_round_two(
        tmp_path / "ronde2.csv", dropouts_that_force_nothing(round_one_workbook), 2
    )
    session = app.state.sessions.get(new_session(client, new_intake))
    job = programmes.start_next_round(
        store,
        app.state.runner,
        session,
        saved.programme_id,
        mode="stable",
        met_rounds=1,
        previous_version=saved.version_id,
        time_limit_s=3,
    )
    _finished(job)

    assert store.round_numbers("Noord") == [1, 2]
    result = session.round_result
    assert result["kept_pairs"] >= 0.95 * result["continuing_pairs"]
    assert len(result["dropouts"]) == 3 and all(d["reason"] for d in result["dropouts"])
    assert all(c["reason"] for c in result["changes"])
    kept = store.load_version(session.origin.version_id)
    assert kept.info.round == 2 and kept.groups == session.groups
    assert service.lineup_report(session).objective == kept.info.objective
    assert len(people_of(store, "Noord")) == 42  # 40, less 3 who left, plus 2 newcomers: all kept

    page = client.get(f"/s/{session.id}/round")
    assert page.status_code == 200 and "continuing pairs kept" in page.text


def _token(page_text: str) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', page_text).group(1)


def test_pages_in_dutch_with_a_confirmed_forget_and_delete(make_app, tmp_path):
    app, client = make_app(db_url=f"sqlite:///{tmp_path / 'store.db'}")
    store = programmes.store_of(app)
    session = _lineup_session(app, client)
    saved = programmes.save_session(store, session, "Noord", "eerste", "test")

    listing = client.get("/programmes?lang=nl")
    assert "Nieuw programma" in listing.text and "Noord" in listing.text
    page = client.get(f"/programmes/{saved.programme_id}")
    assert "Ronde 1" in page.text and "eerste" in page.text
    for key, words in TEXT.items():  # no internal key reaches the coordinator
        assert words["nl"] == key or f">{key}<" not in page.text

    person = find_person(store, "Noord", session.intake.table.iloc[0]["email"])
    name = session.intake.table.iloc[0]["name"]
    confirm = client.get(f"/programmes/{saved.programme_id}/people/{person}/forget")
    assert f"{name} vergeten?" in confirm.text
    refused = client.post(
        f"/programmes/{saved.programme_id}/people/{person}/forget", data={"form_token": "x"}
    )
    assert refused.status_code == 403
    done = client.post(
        f"/programmes/{saved.programme_id}/people/{person}/forget",
        data={"form_token": _token(confirm.text)},
    )
    assert done.status_code == 200 and "Vergeten: 1 intakerijen" in done.text
    assert name not in done.text
    assert person not in {p.id for p in people_of(store, "Noord")}

    other = people_of(store, "Noord")[0]
    exported = client.get(f"/programmes/{saved.programme_id}/people/{other.id}/export")
    assert exported.status_code == 200 and exported.json()["name"] == other.name

    confirm = client.get(f"/programmes/{saved.programme_id}/delete")
    assert "Programma Noord verwijderen?" in confirm.text
    gone = client.post(
        f"/programmes/{saved.programme_id}/delete", data={"form_token": _token(confirm.text)}
    )
    assert "Programma Noord verwijderd." in gone.text
    assert store.programmes() == []


@pytest.mark.slow
def test_a_mixed_next_round_keeps_last_rounds_pairs_apart_in_the_session_too(
    make_app, tmp_path, round_one_workbook
):
    """Mix: nobody meets last round's group-mates again, and the session scores the line-up
    with whom each one met (the stored version's score is the session's)."""
    app, client = make_app(db_url=f"sqlite:///{tmp_path / 'store.db'}")
    store = programmes.store_of(app)
    saved = _first_round(app, client, store, round_one_workbook)
    session = app.state.sessions.get(new_session(client, SAMPLES / "intake_40.csv"))
    job = programmes.start_next_round(
        store,
        app.state.runner,
        session,
        saved.programme_id,
        mode="mix",
        met_rounds=1,
        previous_version=None,
        time_limit_s=3,
    )
    _finished(job)
    assert session.round_result["mode"] == "mix"
    assert session.round_result["repeated_pairs"] == 0
    assert "met_before_pids" in session.intake.table.columns
    report = service.lineup_report(session)
    assert report.objective == store.load_version(session.origin.version_id).info.objective
    assert report.per_rule.get("met_before", 0) == 0


def test_a_reopened_version_shows_its_issues_and_how_its_columns_were_read(make_app, tmp_path):
    app, client = make_app(db_url=f"sqlite:///{tmp_path / 'reopen.db'}")
    store = programmes.store_of(app)
    session = app.state.sessions.get(new_session(client, SAMPLES / "msforms_nl_60.xlsx"))
    session.groups = chunked_groups(session.intake.table)
    saved = programmes.save_session(store, session, "Noord", "eerste", "test")
    opened = programmes.open_version(
        app.state.sessions, store, saved.programme_id, saved.version_id, "nl"
    )
    before, after = session.intake, opened.intake
    assert before.issues, "the sample has issues to bring back"
    assert [(i.code, i.row, i.column, i.message_nl) for i in after.issues] == [
        (i.code, i.row, i.column, i.message_nl) for i in before.issues
    ]
    assert [(m.header, m.field, m.how) for m in after.mapping] == [
        (m.header, m.field, m.how) for m in before.mapping
    ]
    assert [e.row for e in after.excluded] == [e.row for e in before.excluded]

    issues_page = client.get(f"/s/{opened.id}/issues").text
    assert TEXT["no_issues"]["nl"] not in issues_page
    assert before.issues[0].message_nl.split("'")[0] in html.unescape(issues_page)
    mapping_page = client.get(f"/s/{opened.id}/mapping").text
    assert TEXT["mapping_stored_hint"]["nl"] in html.unescape(mapping_page)
    assert 'id="apply-mapping"' not in mapping_page
    assert before.mapping[0].header in html.unescape(mapping_page)
