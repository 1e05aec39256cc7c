"""Programmes in the web app: the store behind the programme pages, and what a session does
with it (save its line-up as a named version, open a version, form the next round).

The store is the CLI's (``--db`` / ``INTERVISIE_DB``, else the user data folder), opened on
first use so an app that never shows a programme never touches it. Every run is composed by
``workflow``, as for ``intervisie next-round``, ``compare`` and ``programme``; this module
only moves things between the store and the web session.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from typing import Any

from fastapi import FastAPI

from store import Store, StoreError
from store.people import PersonInfo, people_of
from store.records import VersionInfo
from web import service
from web.i18n import translate
from web.jobs import Job, JobRunner
from web.sessions import Session, SessionStore
from workflow import (
    FormOptions,
    NextRoundRun,
    compare_lineups,
    form_next_round,
    next_round_data,
    save_lineup_version,
    save_next_round,
    sha256_of,
    stored_intake,
    stored_past_rounds,
    stored_settings,
    version_side,
)

_OPENING = threading.Lock()


def store_of(app: FastAPI) -> Store:
    """The app's store, opened (and migrated) on first use."""
    with _OPENING:
        if getattr(app.state, "store", None) is None:
            app.state.store = Store(app.state.config.db_url)
        return app.state.store


WEB_GROUPS = "web: groups page"  # what made a version, as the store records it
WEB_NEXT_ROUND = "web: next-round"


def made_by_words(made_by: str, lang: str) -> str:
    """What made a version, in the coordinator's language when it was a web page (a command
    line's options stay as typed)."""
    if made_by == WEB_GROUPS:
        return translate("made_by_groups_page", lang)
    if made_by.startswith(WEB_NEXT_ROUND):
        return translate("made_by_next_round", lang) + made_by.removeprefix(WEB_NEXT_ROUND)
    return made_by


@dataclass(frozen=True)
class Origin:
    """Where a session's line-up is kept in the store: saving again adds a version there."""

    programme_id: int
    programme: str
    intake_id: int
    version_id: int
    version: str


@dataclass(frozen=True)
class Round:
    """A round of a programme with its versions, oldest first."""

    number: int
    versions: list[VersionInfo]


@dataclass(frozen=True)
class Overview:
    """What the programme page shows."""

    id: int
    name: str
    rounds: list[Round]
    people: list[PersonInfo]

    @property
    def versions(self) -> list[VersionInfo]:
        return [v for r in self.rounds for v in r.versions]


def overview(store: Store, programme_id: int) -> Overview:
    """A programme's rounds, versions and people."""
    name = store.programme_name(programme_id)
    by_round: dict[int, list[VersionInfo]] = {n: [] for n in store.round_numbers(name)}
    for version in store.versions(name):
        by_round.setdefault(version.round, []).append(version)
    rounds = [Round(n, by_round[n]) for n in sorted(by_round)]
    return Overview(programme_id, name, rounds, people_of(store, name))


def version_of(store: Store, programme_id: int, version_id: int) -> VersionInfo:
    """A version of this programme (404 when it belongs to another or does not exist)."""
    name = store.programme_name(programme_id)
    for version in store.versions(name):
        if version.id == version_id:
            return version
    raise service.StepError("no_version", 404, version=version_id, programme=name)


# -- a session's line-up in and out of the store ------------------------------------------------
def save_session(store: Store, session: Session, programme: str, name: str, made_by: str) -> Origin:
    """Keep the session's line-up as version ``name`` of ``programme`` (made if new): in the
    round it came from when it was opened from that programme, else as a new round."""
    name, programme = name.strip(), programme.strip()
    if not name or not programme:
        raise service.StepError("names_needed", 422)
    intake = service.require_intake(session)
    report = service.lineup_report(session)
    origin = session.origin
    same_round = origin is not None and origin.programme == programme
    try:
        intake_id, version_id = save_lineup_version(
            store,
            programme,
            name,
            session.groups or {},
            report,
            session.settings,
            made_by,
            intake=intake,
            file_sha256=_fingerprint(session),
            intake_id=origin.intake_id if same_round else None,
            pinned=session.pins,
            seed=session.seed,
            status=(session.last_solve or {}).get("status"),
        )
    except StoreError as error:
        raise service.StepError.said(error.message(session.lang), 409) from None
    with store.session() as s:
        programme_id = store.programme_id(s, programme)
    saved = Origin(programme_id, programme, intake_id, version_id, name)
    with session.lock:
        session.origin = saved
    return saved


def _fingerprint(session: Session) -> str:
    if session.upload is not None:
        return sha256_of(session.upload)
    return session.stored_file[1] if session.stored_file else ""


def open_version(
    sessions: SessionStore, store: Store, programme_id: int, version_id: int, lang: str
) -> Session:
    """A new session holding a stored version: its people, groups, pins and settings."""
    info = version_of(store, programme_id, version_id)
    version = store.load_version(info.id)
    session = sessions.create(lang=lang)
    with session.lock:
        session.intake = stored_intake(version.table, version.file_name, version)
        session.file_name = version.file_name
        session.stored_file = (version.file_name, version.file_sha256)
        session.settings = stored_settings(version.settings_toml, lang)
        session.seed = version.seed or 0
        session.groups = dict(version.groups)
        session.pins = set(version.pinned)
        session.origin = Origin(programme_id, info.programme, version.intake_id, info.id, info.name)
    return session


def compare_versions(store: Store, programme_id: int, a: int, b: int, lang: str):
    """Versions ``a`` and ``b`` compared, both scored with B's settings."""
    first, second = version_of(store, programme_id, a), version_of(store, programme_id, b)
    settings = stored_settings(store.load_version(second.id).settings_toml, lang)
    options = FormOptions(lang=lang)
    return compare_lineups(
        version_side(store, first.id, options, settings),
        version_side(store, second.id, options, settings),
    )


# -- the next round ----------------------------------------------------------------------------
def next_round_job(payload: dict[str, Any], *, progress, stop) -> dict[str, Any]:
    """Run in the job's own process: ``intervisie next-round``'s run on the uploaded intake."""
    options: FormOptions = payload["options"]
    run = form_next_round(
        payload["rounds"],
        payload["file"],
        options,
        mode=payload["mode"],
        met_rounds=payload["met_rounds"],
        progress=progress,
        stop=stop,
    )
    result = run.outcome.result
    return {
        "run": run,
        "data": next_round_data(run, options.lang) | {"lang": options.lang},
        "status": result.status.value,
        "objective": result.objective,
        "gap": None if result.gap is None or result.gap != result.gap else result.gap,
        "solve_time_s": result.solve_time_s,
        "cancelled": result.cancelled,
    }


def start_next_round(
    store: Store,
    runner: JobRunner,
    session: Session,
    programme_id: int,
    *,
    mode: str,
    met_rounds: int,
    previous_version: int | None,
    time_limit_s: float,
    seed: int = 0,
) -> Job:
    """Queue the next round of the programme for the session's uploaded intake; when it is
    done it is kept as a new round (version "next round <mode>"), as the CLI does with
    ``--programme``, and becomes the session's line-up."""
    programme = store.programme_name(programme_id)
    if mode not in ("stable", "mix"):
        raise service.StepError("round_mode", 422)
    if not 1 <= met_rounds <= 10:
        raise service.StepError("met_rounds_range", 422)
    if not 1 <= time_limit_s <= service.MAX_TIME_LIMIT_S:
        raise service.StepError("time_limit_range", 422, most=f"{service.MAX_TIME_LIMIT_S:.0f}")
    try:
        rounds = stored_past_rounds(store, programme, met_rounds, previous_version)
    except StoreError as error:
        raise service.StepError.said(error.message(session.lang), 409) from None
    assert session.upload is not None
    file = session.upload
    options = FormOptions(time_limit_s=time_limit_s, seed=seed, lang=session.lang)
    payload = {
        "rounds": rounds,
        "file": file,
        "options": options,
        "mode": mode,
        "met_rounds": met_rounds,
    }
    uploaded = session.intake

    def keep_round(job: Job) -> None:
        outcome = job.outcome or {}
        run: NextRoundRun | None = outcome.get("run")
        if run is None or session.intake is not uploaded:
            return
        mode_name = translate(f"mode_name_{mode}", session.lang)
        name = translate("next_round_version", session.lang, mode=mode_name)  # a new round
        made_by = f"{WEB_NEXT_ROUND} --mode {mode} --seed {seed} --time-limit {time_limit_s:g}"
        intake_id, version_id = save_next_round(
            store, programme, run, sha256_of(file), name, made_by
        )
        table = run.intake.table
        if "met_before_pids" in run.table.columns:  # mix: the rule needs whom each one met
            table = table.assign(met_before_pids=run.table["met_before_pids"])
        job.outcome = {k: v for k, v in outcome.items() if k != "run"}  # the run is kept now
        with session.lock:
            session.intake = replace(run.intake, table=table)
            session.forget_intake_results()
            session.settings = run.outcome.problem.settings
            session.groups = dict(run.outcome.groups)
            session.round_result = outcome["data"]
            session.origin = Origin(programme_id, programme, intake_id, version_id, name)
            session.last_solve = {
                k: outcome[k] for k in ("status", "objective", "gap", "solve_time_s", "cancelled")
            } | {"kind": "next_round"}

    job = runner.submit("next_round", next_round_job, payload, time_limit_s, on_done=keep_round)
    with session.lock:
        session.jobs[job.id] = job
        session.time_limit_s = time_limit_s
    return job


def export_person(store: Store, programme_id: int, person_id: int) -> dict[str, Any]:
    """Everything held about one person (a subject access request), as the CLI exports it."""
    from store.privacy import export_person as export

    return export(store, store.programme_name(programme_id), person_id)


def forget_person(store: Store, programme_id: int, person_id: int) -> int:
    """Delete one person everywhere in the programme (versions scored again without them)."""
    from workflow import forget_person as forget

    return forget(store, store.programme_name(programme_id), person_id)


def delete_programme(store: Store, programme_id: int) -> str:
    """Delete a programme with all it holds; returns its name."""
    from store.privacy import delete_programme as delete

    name = store.programme_name(programme_id)
    delete(store, name)
    return name


def person_of(store: Store, programme_id: int, person_id: int) -> PersonInfo:
    """One person of the programme (404 when unknown)."""
    for person in people_of(store, store.programme_name(programme_id)):
        if person.id == person_id:
            return person
    raise service.StepError("no_person", 404, person=person_id)
