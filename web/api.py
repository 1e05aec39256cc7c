"""The JSON API: every step of the web app, for consultants who script it.

The schema is served at ``/openapi.json`` (FastAPI's browsable /docs pages are off: they load
their scripts from a CDN). A session is created by uploading a file; every later call names the
session's token in its path.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import pandas as pd
from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from intake.columns import CANONICAL_FIELDS
from intake.issues import IntakeFileError
from intake.pipeline import GUESS_CONFIDENCE
from optimiser.intervision.rules import RULES
from reporting.json_output import excluded_json, issue_json, lineup_json, strict
from web import service
from web.i18n import translate
from web.jobs import Job
from web.sessions import Session, SessionsFull
from web.uploads import UploadTooLarge, save_upload

router = APIRouter(prefix="/api", tags=["api"])


# -- errors, as documented in the schema ---------------------------------------------------------
class ErrorBody(BaseModel):
    """Every error answer: a message for a person (in the session's language); a refused file
    also says which check refused it (``code``) and where (``where``: file, row and column)."""

    detail: str
    code: str | None = None
    where: str | None = None
    refusal: str | None = None  # which refusal of web.refusals, a stable key ("no_lineup")


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorBody, "description": _ERROR_TEXT[status]} for status in statuses}


_ERROR_TEXT = {
    400: "The body could not be parsed (not JSON, not UTF-8, or broken multipart data)",
    403: "Refused: sent from another web page (Sec-Fetch-Site or Origin not the app's own)",
    404: "No such session (ended, expired, or the app restarted), job, participant or chart",
    408: "The request body stopped arriving",
    409: "Not possible in the session's state (nothing uploaded, no line-up yet, a solve running)",
    413: "The upload is larger than the limit",
    421: "The Host header names another host than the app's own",
    422: "A value that cannot be used: a bad field or setting, or a file that cannot be read",
    503: "Every session slot is in use by sessions in use",
}
READ = _errors(404, 409, 421, 422)
CHANGE = _errors(400, 403, 404, 408, 409, 413, 421, 422)
UPLOAD = _errors(400, 403, 404, 408, 413, 421, 422, 503)


# -- request bodies ------------------------------------------------------------------------------
class MappingChange(BaseModel):
    """Column corrections: header as in the file -> field name, or null to ignore the column."""

    columns: dict[str, str | None]


class RuleChange(BaseModel):
    level: Literal["hard", "soft", "off"] | None = None
    weight: int | None = Field(default=None, ge=0)


class SettingsChange(BaseModel):
    """Any subset of the settings; keys as in the settings TOML file."""

    min_size: int | None = Field(default=None, ge=1)
    max_size: int | None = Field(default=None, ge=1)
    travel_mode: Literal["central", "rotating"] | None = None
    level_max_spread: int | None = Field(default=None, ge=0)
    experience_max_spread: int | None = Field(default=None, ge=0)
    time_budget_max_spread_h: int | None = Field(default=None, ge=0)
    rules: dict[str, RuleChange] | None = None
    time_limit_s: float | None = None
    seed: int | None = None


class JobRequest(BaseModel):
    """``solve`` forms groups from scratch (pins kept); ``repair`` keeps the current line-up as
    far as possible while every hard rule holds and the pins stay."""

    kind: Literal["solve", "repair"] = "solve"


class MoveRequest(BaseModel):
    """Put ``pid`` into ``group`` (1-based; the next unused number opens a new group; null =
    leave them unplaced)."""

    pid: str
    group: int | None


class PinRequest(BaseModel):
    pinned: bool


class OnlineRequest(BaseModel):
    online: bool


class LineupRequest(BaseModel):
    """A complete line-up to score: pid -> group (null = unplaced)."""

    groups: dict[str, int | None]


class LanguageRequest(BaseModel):
    lang: Literal["en", "nl"]


# -- dependencies --------------------------------------------------------------------------------
def get_session(request: Request, session_id: str) -> Session:
    """The session named in the path, or 404 (unknown, ended or expired)."""
    session = request.app.state.sessions.get(session_id)
    if session is None:
        raise service.StepError("no_session", 404)
    return session


SessionDep = Annotated[Session, Depends(get_session)]


# -- sessions and upload -------------------------------------------------------------------------
@router.post("/sessions", status_code=201, response_model=None, responses=UPLOAD)
def create_session(
    request: Request,
    file: Annotated[UploadFile, File(description="The intake: xlsx, xls, ods or csv")],
    lang: Annotated[Literal["en", "nl"], Form()] = "en",
) -> dict[str, Any] | JSONResponse:
    """Upload an intake file; it is read at once. A file that cannot be used gives 422 (413
    when too large) with the same message as the command line, and no session is kept."""
    try:
        session = service.open_session(
            request.app.state.sessions,
            file.file,
            file.filename,
            lang,
            request.app.state.config.max_upload_bytes,
            request.app.state.config.max_rows,
        )
    except (IntakeFileError, UploadTooLarge, SessionsFull) as error:
        return refused_upload(error, lang)
    return session_json(session)


@router.put("/sessions/{session_id}/file", response_model=None, responses=UPLOAD)
def replace_file(
    request: Request, session: SessionDep, file: UploadFile
) -> dict[str, Any] | JSONResponse:
    """Upload a corrected file into the same session (settings are kept, the line-up is not);
    a file that cannot be used is refused and the earlier one stays."""
    try:
        receive_upload(request, session, file)
    except (IntakeFileError, UploadTooLarge) as error:
        return refused_upload(error, session.lang)
    return session_json(session)


def refused_upload(
    error: IntakeFileError | UploadTooLarge | SessionsFull, lang: str
) -> JSONResponse:
    """The refusal in the session's language: the upload form's ``lang`` is not visible to the
    app-wide error handlers, which only see the query string and the cookie."""
    if isinstance(error, UploadTooLarge):
        return error_response(413, error.message(lang))
    if isinstance(error, SessionsFull):
        message = translate("sessions_full", lang, count=error.count, minutes=error.idle_minutes)
        return error_response(503, message)
    issue = error.issue
    return error_response(422, issue.message(lang), code=issue.code, where=issue.where(lang))


def receive_upload(request: Request, session: Session, file: UploadFile) -> None:
    """Save (within the size limit) and read an uploaded file into ``session``."""
    incoming = save_upload(
        file.file, file.filename, session.folder, request.app.state.config.max_upload_bytes
    )
    service.load_upload(session, file.filename, incoming, request.app.state.config.max_rows)


@router.get("/sessions/{session_id}", responses=READ)
def get_session_summary(session: SessionDep) -> dict[str, Any]:
    """What the session holds: file, counts, whether a line-up exists, the running job."""
    return session_json(session)


@router.delete("/sessions/{session_id}", status_code=204, responses=CHANGE)
def end_session(request: Request, session: SessionDep) -> Response:
    """End the session: cancel its job and delete its files."""
    job = session.running_job
    if job is not None:
        request.app.state.runner.cancel(job)
    request.app.state.sessions.end(session.id)
    return Response(status_code=204)


@router.put("/sessions/{session_id}/language", responses=CHANGE)
def set_language(session: SessionDep, body: LanguageRequest) -> dict[str, Any]:
    """Messages, rule names and downloads in English or Dutch."""
    service.set_language(session, body.lang)
    return session_json(session)


# -- mapping, issues, analysis -------------------------------------------------------------------
@router.get("/sessions/{session_id}/mapping", responses=READ)
def get_mapping(session: SessionDep) -> dict[str, Any]:
    """How each column was read, with example values, and the fields a column can be read as."""
    return mapping_json(session)


@router.put("/sessions/{session_id}/mapping", responses=CHANGE)
def put_mapping(session: SessionDep, body: MappingChange) -> dict[str, Any]:
    """Correct columns and read the file again; the line-up is dropped (the table changed)."""
    service.remap(session, body.columns)
    return mapping_json(session)


PAGE, MAX_PAGE = 200, 1000  # issues per page: by default, and at most


@router.get("/sessions/{session_id}/issues", responses=READ)
def get_issues(
    session: SessionDep,
    offset: Annotated[int, Query(ge=0, description="First item of the page")] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Items per page")] = PAGE,
) -> dict[str, Any]:
    """Every issue with file, row (as the spreadsheet shows it) and column; rows left out.

    Paged: ``issues`` and ``excluded`` each hold the items ``offset`` .. ``offset + limit`` of
    their list (a file of junk rows can have tens of thousands); ``total`` counts them all and
    ``next_offset`` is null on the last page."""
    intake = service.require_intake(session)
    lang, end = session.lang, offset + limit
    totals = {"issues": len(intake.issues), "excluded": len(intake.excluded)}
    return {
        "file": session.file_name,
        "issues": [issue_json(i, lang) for i in intake.issues[offset:end]],
        "excluded": [excluded_json(e, lang) for e in intake.excluded[offset:end]],
        "counts": {s: sum(i.severity.value == s for i in intake.issues) for s in _SEVERITIES},
        "total": totals,
        "offset": offset,
        "limit": limit,
        "next_offset": end if end < max(totals.values()) else None,
    }


_SEVERITIES = ("error", "warning", "info")


@router.get("/sessions/{session_id}/analysis", responses=READ)
def get_analysis(session: SessionDep) -> dict[str, Any]:
    """Function families, goal topics, feasibility findings (with suggestions) and answer counts.

    Findings name people by id (``R0012`` = spreadsheet row 12)."""
    analysis = service.analysis_of(session)
    nl = session.lang == "nl"
    return {
        "families": _records(analysis.families),
        "topics": _records(analysis.topics),
        "findings": [
            {
                "code": f.code,
                "severity": f.severity,
                "pids": list(f.pids),
                "message": f.message_nl if nl else f.message_en,
                "suggestion": f.suggestion_nl if nl else f.suggestion_en,
            }
            for f in analysis.diagnosis
        ],
        "profile": {
            aspect: {str(k): int(v) for k, v in counts.items()}
            for aspect, counts in analysis.profile.items()
        },
        "charts": [f"charts/{name}.png" for name in analysis.profile],
    }


class FamilyCorrection(BaseModel):
    """Merge ``family`` into ``into``, split ``titles`` off under ``name``, or rename to
    ``name``."""

    action: str
    family: str
    into: str | None = None
    name: str | None = None
    titles: list[str] = Field(default_factory=list)


@router.post("/sessions/{session_id}/families", responses=CHANGE)
def post_families(session: SessionDep, correction: FamilyCorrection) -> dict[str, Any]:
    """Correct the function families; the solver's function scores follow. Returns the new
    families table and every correction so far (title -> family)."""
    service.correct_families(
        session,
        correction.action,
        correction.family,
        into=correction.into,
        name=correction.name,
        titles=correction.titles,
    )
    return {
        "families": _records(service.analysis_of(session).families),
        "corrections": dict(session.inputs.family_overrides or {}),
    }


@router.get(
    "/sessions/{session_id}/charts/{aspect}.png", response_class=FileResponse, responses=READ
)
def get_chart(session: SessionDep, aspect: str) -> FileResponse:
    """One profile bar chart (PNG), labelled in the session's language."""
    return FileResponse(service.chart_path(session, aspect), media_type="image/png")


# -- settings ------------------------------------------------------------------------------------
@router.get("/sessions/{session_id}/settings", responses=READ)
def get_settings(session: SessionDep) -> dict[str, Any]:
    """The settings in force, with every rule's level, weight and the levels it allows."""
    return settings_json(session)


@router.put("/sessions/{session_id}/settings", responses=CHANGE)
def put_settings(session: SessionDep, body: SettingsChange) -> dict[str, Any]:
    """Change any settings; a rule left out keeps its level and weight."""
    changes = body.model_dump(exclude_none=True, exclude={"time_limit_s", "seed", "rules"})
    if body.rules:
        changes["rules"] = {
            key: rule.model_dump(exclude_none=True) for key, rule in body.rules.items()
        }
    service.update_settings(session, changes, time_limit_s=body.time_limit_s, seed=body.seed)
    return settings_json(session)


# -- jobs ----------------------------------------------------------------------------------------
@router.post("/sessions/{session_id}/jobs", status_code=202, responses=CHANGE)
def start_job(request: Request, session: SessionDep, body: JobRequest) -> dict[str, Any]:
    """Start forming groups in the background; poll the job for progress."""
    job = service.start_job(session, request.app.state.runner, body.kind)
    return job_json(job)


@router.get("/sessions/{session_id}/jobs/{job_id}", responses=READ)
def get_job(session: SessionDep, job_id: str) -> dict[str, Any]:
    """Progress (best score, bound, gap, time) while running; the outcome when finished."""
    return job_json(_job(session, job_id))


@router.delete("/sessions/{session_id}/jobs/{job_id}", status_code=202, responses=CHANGE)
def cancel_job(request: Request, session: SessionDep, job_id: str) -> dict[str, Any]:
    """Stop the job; the best line-up found so far is kept."""
    job = _job(session, job_id)
    request.app.state.runner.cancel(job)
    return job_json(job)


def _job(session: Session, job_id: str) -> Job:
    job = session.jobs.get(job_id)
    if job is None:
        raise service.StepError("no_job", 404, job=job_id)
    return job


# -- line-up -------------------------------------------------------------------------------------
@router.get("/sessions/{session_id}/lineup", responses=READ)
def get_lineup(session: SessionDep) -> dict[str, Any]:
    """The current line-up, scored per group and rule, with pins."""
    return lineup_payload(session, service.lineup_report(session))


@router.post("/sessions/{session_id}/lineup/moves", responses=CHANGE)
def post_move(session: SessionDep, body: MoveRequest) -> dict[str, Any]:
    """Move one person; returns the line-up scored again."""
    return lineup_payload(session, service.move(session, body.pid, body.group))


@router.put("/sessions/{session_id}/lineup/pins/{pid}", responses=CHANGE)
def put_pin(session: SessionDep, pid: str, body: PinRequest) -> dict[str, Any]:
    """Pin a person to their current group (or unpin); a re-solve keeps pinned people."""
    service.pin(session, pid, body.pinned)
    return {"pid": pid, "pinned": pid in session.pins, "pins": sorted(session.pins)}


@router.put("/sessions/{session_id}/lineup/online/{group}", responses=CHANGE)
def put_online(session: SessionDep, group: int, body: OnlineRequest) -> dict[str, Any]:
    """Let a group meet online (no place, no travel) or in person; returns the line-up
    scored again."""
    return lineup_payload(session, service.set_online(session, group, body.online))


@router.post("/sessions/{session_id}/lineup/undo", responses=CHANGE)
def post_undo(session: SessionDep) -> dict[str, Any]:
    """Take back the last change of the line-up (move, pin, solve or re-solve)."""
    service.undo(session)
    return lineup_payload(session, service.lineup_report(session))


@router.post("/sessions/{session_id}/lineup/redo", responses=CHANGE)
def post_redo(session: SessionDep) -> dict[str, Any]:
    """Make the change that was undone last again."""
    service.redo(session)
    return lineup_payload(session, service.lineup_report(session))


@router.post("/sessions/{session_id}/evaluate", responses=CHANGE)
def post_evaluate(session: SessionDep, body: LineupRequest) -> dict[str, Any]:
    """Score any line-up without keeping it."""
    report = service.evaluate(session, body.groups)
    table = service.problem_of(session).table.set_index("pid")
    return lineup_json(table, report, (), None, session.lang)


@router.get("/sessions/{session_id}/explain/{pid}", responses=READ)
def get_explain(session: SessionDep, pid: str) -> dict[str, Any]:
    """What moving ``pid`` to each other group would change, rule by rule."""
    moves = service.explain(session, pid)
    fit, _, _ = service.why(session, pid)
    group = (session.groups or {}).get(pid)
    return {
        "pid": pid,
        "group": group,
        "gives": list(fit.good),
        "unplaced_reason": fit.unplaced,
        "moves": _records(moves),
    }


# -- downloads -----------------------------------------------------------------------------------
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/sessions/{session_id}/download/workbook", response_class=FileResponse, responses=READ)
def download_workbook(session: SessionDep) -> FileResponse:
    """The workbook of the current line-up (groups, per-rule scores, issues, settings)."""
    path = service.write_downloads(session)
    return FileResponse(path, media_type=_XLSX, filename=path.name)


@router.get("/sessions/{session_id}/download/report", response_class=FileResponse, responses=READ)
def download_report(session: SessionDep) -> FileResponse:
    """The self-contained HTML report of the current line-up."""
    path = service.write_downloads(session).with_suffix(".html")
    return FileResponse(path, media_type="text/html", filename=path.name)


# -- JSON shapes ---------------------------------------------------------------------------------
def session_json(session: Session) -> dict[str, Any]:
    """The session's summary; also the answer to an upload."""
    intake = session.intake
    job = session.running_job
    return {
        "session_id": session.id,
        "lang": session.lang,
        "file": session.file_name,
        "rows": intake.n_rows if intake else None,
        "participants": len(intake.table) if intake else None,
        "excluded": len(intake.excluded) if intake else None,
        "issues": (
            {s: sum(i.severity.value == s for i in intake.issues) for s in _SEVERITIES}
            if intake
            else None
        ),
        "has_lineup": session.groups is not None,
        "running_job": job.id if job else None,
        "last_solve": session.last_solve,
    }


def mapping_json(session: Session) -> dict[str, Any]:
    intake = service.require_intake(session)
    examples = service.column_examples(intake)
    return {
        "file": session.file_name,
        "columns": [
            {
                "header": m.header,
                "field": m.field,
                "confidence": round(m.confidence, 3),
                "how": m.how,
                "guessed": m.field is not None and m.confidence < GUESS_CONFIDENCE,
                "examples": examples[m.index],
            }
            for m in intake.mapping
        ],
        "fields": list(CANONICAL_FIELDS),
        "overrides": session.mapping_overrides,
        "participants": len(intake.table),
    }


def settings_json(session: Session) -> dict[str, Any]:
    s = session.settings
    return {
        "min_size": s.min_size,
        "max_size": s.max_size,
        "travel_mode": s.travel_mode,
        "level_max_spread": s.level_max_spread,
        "experience_max_spread": s.experience_max_spread,
        "time_budget_max_spread_h": s.time_budget_max_spread_h,
        "time_limit_s": session.time_limit_s,
        "seed": session.seed,
        "rules": {
            r.key: {
                "name": r.name(session.lang),
                "description": r.description(session.lang),
                "level": s.rules[r.key].level.value,
                "weight": s.rules[r.key].weight,
                "levels": sorted(level.value for level in r.levels),
            }
            for r in RULES
        },
    }


def job_json(job: Job) -> dict[str, Any]:
    outcome = job.outcome or {}
    return {
        "job_id": job.id,
        "kind": job.kind,
        "state": job.state.value,
        "time_limit_s": job.time_limit_s,
        "queued_s": round(job.queued_s, 2),
        "elapsed_s": round(job.elapsed_s, 2),
        "best": job.best,
        "bound": job.bound,
        "gap": job.gap,
        "history": [
            {"time_s": round(t, 3), "objective": o, "bound": b} for t, o, b in job.history[-200:]
        ],
        "error": job.error,
        # the line-up itself is read from the session; a next round's whole run stays inside
        "outcome": {k: v for k, v in outcome.items() if k not in ("groups", "run", "data")} or None,
    }


def lineup_payload(session: Session, report) -> dict[str, Any]:
    table = service.problem_of(session).table.set_index("pid")
    data = lineup_json(table, report, service.require_intake(session).excluded, None, session.lang)
    data["status"] = (session.last_solve or {}).get("status")
    data["pins"] = sorted(session.pins)
    data["can_undo"], data["can_redo"] = bool(session.undo_steps), bool(session.redo_steps)
    data["resolve_moves"] = None if session.moves is None else list(session.moves)
    return data


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """DataFrame rows as strict JSON data (NaN -> null, numpy scalars -> Python)."""
    return strict(frame.to_dict(orient="records"))


def error_response(status: int, message: str, **extra: Any) -> JSONResponse:
    """Errors as ``{"detail": message, ...}``, the same shape FastAPI uses."""
    return JSONResponse({"detail": message, **extra}, status_code=status)
