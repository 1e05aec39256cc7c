"""The server-rendered pages: upload -> columns -> issues -> analysis -> settings -> groups.

Every page works with plain forms (post, then redirect); ``static/app.js`` adds drag and drop,
the live progress bar and moves without a page load, using the JSON API.
"""

from __future__ import annotations

import math
import re
import secrets
from collections import Counter
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from intake.columns import CANONICAL_FIELDS
from intake.issues import IntakeFileError, IssueKind, ranked
from intake.pipeline import GUESS_CONFIDENCE
from optimiser.intervision.rules import RULES
from optimiser.intervision.settings import ONLINE_MODES
from optimiser.problem import Level
from reporting.labels import RuleNames, counted, field_name, how_read, with_names
from reporting.quality import judge_all, lineup_purity, percent, readable, total_explained, word
from web import service
from web.i18n import translate
from web.jobs import JobState
from web.sessions import Session, SessionsFull
from web.uploads import UploadTooLarge

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")
STEPS = ("mapping", "issues", "analysis", "settings", "groups", "plan")


_SESSION_IN_PATH = re.compile(r"^/(?:api/sessions|s)/([\w-]+)")


def request_language(request: Request, session: Session | None = None) -> str:
    """The language to answer in: the session's (also the one named in the path, so error
    pages and API errors match it), else the ``lang`` query or cookie, else the browser's
    ``Accept-Language``, else English."""
    if session is None:
        found = _SESSION_IN_PATH.match(request.url.path)
        session = request.app.state.sessions.peek(found.group(1)) if found else None
    if session is not None:
        return session.lang
    lang = request.query_params.get("lang") or request.cookies.get("lang")
    if lang in ("en", "nl"):
        return lang
    return browser_language(request.headers.get("accept-language", ""))


def browser_language(header: str) -> str:
    """The first of Dutch or English the browser asks for (``Accept-Language``, by weight)."""
    wanted = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in ("en", "nl") and weight > 0:
            wanted.append((-weight, position, primary))
    return min(wanted)[2] if wanted else "en"


def render(
    request: Request,
    template: str,
    session: Session | None = None,
    status_code: int = 200,
    lang: str | None = None,
    **context: Any,
) -> HTMLResponse:
    """A page with the common context: language, words, session and the step bar."""
    lang = lang or request_language(request, session)
    config = request.app.state.config
    response = templates.TemplateResponse(
        request,
        template,
        {
            "lang": lang,
            "t": lambda key, **values: translate(key, lang, **values),
            # one decimal as the language writes it (Dutch 2,5), and every job state for the words
            "decimal": lambda x: f"{x:.1f}".replace(".", ",") if lang == "nl" else f"{x:.1f}",
            "job_states": [state.value for state in JobState],
            "session": session,
            "steps": STEPS,
            "ttl_hours": round(config.session_ttl_s / 3600),
            "max_mb": round(config.max_upload_bytes / 1e6),
            **context,
        },
        status_code=status_code,
    )
    response.headers["Cache-Control"] = "no-store"  # pages show personal data
    return response


def _session(request: Request, session_id: str) -> Session:
    session = request.app.state.sessions.get(session_id)
    if session is None:
        raise service.StepError("session_gone", 404)
    return session


def _posted(request: Request, session_id: str, form_token: object) -> Session:
    """The session a form was posted to, once the form's token is the session's own."""
    session = _session(request, session_id)
    _check_form_token(request, form_token, session.form_token)
    return session


def _check_form_token(request: Request, posted: object, expected: str | None) -> None:
    """Refuse (403) a form without the token its page was rendered with."""
    if not expected or not secrets.compare_digest(str(posted or ""), expected):
        raise service.StepError("refused_form_token", 403)


FORM_COOKIE = "form_token"  # the upload form's token, before there is a session
FormToken = Annotated[str, Form()]


def error_page(request: Request, status: int, message: str, **extra: object) -> HTMLResponse:
    """A readable error page (the API gets JSON for the same errors)."""
    return render(request, "error.html", status_code=status, message=message, extra=extra)


# -- upload --------------------------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
def index(request: Request, ended: bool = False) -> HTMLResponse:
    token = request.cookies.get(FORM_COOKIE) or secrets.token_urlsafe(18)
    response = render(request, "index.html", ended=ended, form_token=token)
    response.set_cookie(FORM_COOKIE, token, httponly=True, samesite="strict")
    if request.query_params.get("lang") in ("en", "nl"):
        response.set_cookie("lang", request.query_params["lang"], samesite="strict")
    return response


@router.post("/upload")
def upload(
    request: Request,
    file: Annotated[UploadFile, File()],
    lang: Annotated[str, Form()] = "en",
    form_token: FormToken = "",
) -> Response:
    lang = lang if lang in ("en", "nl") else "en"
    _check_form_token(request, form_token, request.cookies.get(FORM_COOKIE))
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
        if isinstance(error, IntakeFileError):
            status, message = 422, error.issue.message(lang)
        elif isinstance(error, UploadTooLarge):
            status, message = 413, error.message(lang)
        else:
            status = 503
            message = translate(
                "sessions_full", lang, count=error.count, minutes=error.idle_minutes
            )
        return render(
            request,
            "index.html",
            status_code=status,
            lang=lang,
            refused=message,
            form_token=form_token,
        )
    return RedirectResponse(f"/s/{session.id}/mapping", status_code=303)


@router.post("/s/{session_id}/end")
def end(request: Request, session_id: str, form_token: FormToken = "") -> Response:
    session = request.app.state.sessions.get(session_id)
    if session is not None:
        _check_form_token(request, form_token, session.form_token)
        if session.running_job is not None:
            request.app.state.runner.cancel(session.running_job)
        request.app.state.sessions.end(session_id)
    return RedirectResponse("/?ended=1", status_code=303)


@router.get("/s/{session_id}/lang/{lang}")
def switch_language(request: Request, session_id: str, lang: str, back: str = "mapping"):
    session = _session(request, session_id)
    service.set_language(session, lang)
    page = back if back in STEPS else "mapping"
    response = RedirectResponse(f"/s/{session.id}/{page}", status_code=303)
    # the pages outside a session (programmes) follow the last choice too
    response.set_cookie("lang", session.lang, samesite="strict")
    return response


# -- columns and issues --------------------------------------------------------------------------
@router.get("/s/{session_id}/mapping", response_class=HTMLResponse)
def mapping(request: Request, session_id: str) -> HTMLResponse:
    session = _session(request, session_id)
    intake = service.require_intake(session)
    return render(
        request,
        "mapping.html",
        session,
        step="mapping",
        intake=intake,
        columns=intake.mapping,
        examples=service.column_examples(intake),
        fields=[(f, field_name(f, session.lang)) for f in CANONICAL_FIELDS],
        how_read=lambda how: how_read(how, session.lang),
        guess_below=GUESS_CONFIDENCE,
    )


@router.post("/s/{session_id}/mapping")
async def post_mapping(request: Request, session_id: str) -> Response:
    form = await request.form()
    session = _posted(request, session_id, form.get("form_token"))
    intake = service.require_intake(session)
    changes: dict[str, str | None] = {}
    for match in intake.mapping:
        chosen = form.get(f"column_{match.index}")
        if chosen is None:
            continue
        field = None if chosen == "" else str(chosen)
        if field != match.field:
            changes[match.header] = field
    if changes:
        await run_in_threadpool(service.remap, session, changes)
    return RedirectResponse(f"/s/{session.id}/mapping", status_code=303)


@router.get("/s/{session_id}/issues", response_class=HTMLResponse)
def issues(
    request: Request, session_id: str, page: int = 1, kind: str = "", column: str = ""
) -> HTMLResponse:
    """Issues and rows left out, :data:`ISSUES_PER_PAGE` of each per page (a junk file can
    have tens of thousands: one page of all of them was 138 MB of HTML), most important kind
    first. ``kind`` and ``column`` filter the issues on the server, so paging and the page
    links keep working on what the filter leaves; the rows left out show without a filter."""
    session = _session(request, session_id)
    intake = service.require_intake(session)
    every = ranked(list(intake.issues))
    shown = [
        i
        for i in every
        if (not kind or i.kind.value == kind) and (not column or (i.column or "") == column)
    ]
    excluded = intake.excluded if not (kind or column) else ()
    longest = max(len(shown), len(excluded))
    pages = max(1, math.ceil(longest / ISSUES_PER_PAGE))
    page = min(max(1, page), pages)
    start, end = (page - 1) * ISSUES_PER_PAGE, page * ISSUES_PER_PAGE
    kinds = Counter(i.kind for i in every)
    columns = Counter(i.column or "" for i in every)
    lang = session.lang
    return render(
        request,
        "issues.html",
        session,
        step="issues",
        intake=intake,
        issues=shown[start:end],
        excluded=excluded[start:end],
        page=page,
        pages=pages,
        first=start + 1,
        total=len(shown),
        excluded_total=len(excluded),
        kind=kind,
        column=column,
        kinds=[
            {"value": k.value, "label": k.label(lang), "count": kinds[k]}
            for k in IssueKind
            if kinds[k]
        ],
        columns=[
            {"value": c, "label": c, "count": n}
            for c, n in sorted(columns.items(), key=lambda item: (-item[1], item[0]))
            if c
        ],
        page_query=lambda number: urlencode(
            {"page": number}
            | ({"kind": kind} if kind else {})
            | ({"column": column} if column else {})
        ),
    )


ISSUES_PER_PAGE = 200


@router.get("/s/{session_id}/analysis", response_class=HTMLResponse)
def analysis(request: Request, session_id: str) -> HTMLResponse:
    session = _session(request, session_id)
    found = service.analysis_of(session)
    names = _names(session)
    findings = [
        {
            "severity": f.severity,
            "message": with_names(
                f.message_nl if session.lang == "nl" else f.message_en, names, session.lang
            ),
            "suggestion": with_names(
                f.suggestion_nl if session.lang == "nl" else f.suggestion_en, names, session.lang
            ),
        }
        for f in found.diagnosis
    ]
    return render(
        request,
        "analysis.html",
        session,
        step="analysis",
        findings=findings,
        families=found.families.to_dict(orient="records"),
        charts=list(found.profile),
    )


@router.post("/s/{session_id}/families")
async def post_families(request: Request, session_id: str) -> Response:
    """Merge, split or rename a function family from the analysis page."""
    session = _session(request, session_id)
    form = await request.form()
    await run_in_threadpool(
        service.correct_families,
        session,
        str(form.get("action", "")),
        str(form.get("family", "")),
        into=str(form["into"]) if form.get("into") else None,
        name=str(form.get("name", "")),
        titles=[str(t) for t in form.getlist("titles")],
    )
    return RedirectResponse(f"/s/{session.id}/analysis", status_code=303)


def _names(session: Session) -> dict[str, str]:
    table = service.require_intake(session).table
    return {str(pid): str(name) for pid, name in table["name"].items()}


# -- settings and jobs ---------------------------------------------------------------------------
@router.get("/s/{session_id}/settings", response_class=HTMLResponse)
def settings(request: Request, session_id: str) -> HTMLResponse:
    session = _session(request, session_id)
    service.require_intake(session)
    order = (Level.HARD, Level.SOFT, Level.OFF)
    rules = [
        {
            "key": r.key,
            "name": r.name(session.lang),
            "description": r.description(session.lang),
            "levels": [lv.value for lv in order if lv in r.levels],
            "level": session.settings.rules[r.key].level.value,
            "weight": session.settings.rules[r.key].weight,
            "weight_words": _weight_words(r.key, session),
        }
        for r in RULES
    ]
    return render(
        request,
        "settings.html",
        session,
        step="settings",
        rules=rules,
        online_modes=ONLINE_MODES,
        venues=session.inputs.venues or (),
    )


def _weight_words(key: str, session: Session) -> str:
    """What a rule's weight counts, and what it is worth next to travel, in words: a
    coordinator sees "2000 points: as much as 500 km of travel", not a bare 2000."""
    lang, settings = session.lang, session.settings
    words = translate(f"weight_{key}", lang)
    per_km = settings.weight("travel")
    if key in ("travel", "travel_balance") or per_km == 0:
        return words
    km = settings.weight(key) / per_km
    km_text = f"{km:,.0f}" if km >= 10 else f"{km:,.1f}"
    if lang == "nl":
        km_text = km_text.replace(",", "x").replace(".", ",").replace("x", ".")
    weight = translate("weight_as_travel", lang, weight=settings.weight(key), km=km_text)
    return f"{words}. {weight}"


@router.post("/s/{session_id}/venues")
def post_venues(
    request: Request,
    session_id: str,
    file: Annotated[UploadFile | None, File()] = None,
    action: Annotated[str, Form()] = "upload",
    form_token: FormToken = "",
) -> Response:
    """Upload the coordinator's own meeting places, or go back to the towns."""
    session = _posted(request, session_id, form_token)
    if action == "drop" or file is None or not file.filename:
        service.drop_venues(session)
    else:
        try:
            service.load_venues(
                session, file.file, file.filename, request.app.state.config.max_upload_bytes
            )
        except UploadTooLarge as error:
            raise service.StepError.said(error.message(session.lang), 413) from error
    return RedirectResponse(f"/s/{session.id}/settings#venues", status_code=303)


@router.post("/s/{session_id}/settings")
async def post_settings(request: Request, session_id: str) -> Response:
    form = await request.form()
    session = _posted(request, session_id, form.get("form_token"))
    rules = {}
    for r in RULES:
        level = form.get(f"level_{r.key}")
        weight = str(form.get(f"weight_{r.key}", "")).strip()
        change: dict[str, object] = {}
        if level:
            change["level"] = str(level)
        if weight:
            if not weight.isdigit():
                raise service.StepError("bad_weight", 422, rule=r.name(session.lang), weight=weight)
            change["weight"] = int(weight)
        if change:
            rules[r.key] = change
    changes: dict[str, object] = {"rules": rules, "travel_mode": str(form.get("travel_mode"))}
    if form.get("online_meetings"):
        changes["online_meetings"] = str(form.get("online_meetings"))
    for key in ("min_town_population", "online_cost_km"):
        if form.get(key) is not None:
            changes[key] = _whole_number(form.get(key), key, session.lang)
    for key in ("min_size", "max_size"):
        changes[key] = _whole_number(form.get(key), key, session.lang)
    service.update_settings(
        session,
        changes,
        time_limit_s=float(_whole_number(form.get("time_limit_s"), "time_limit_s", session.lang)),
        seed=_whole_number(form.get("seed"), "seed", session.lang),
    )
    if form.get("action") == "solve":
        job = await run_in_threadpool(service.start_job, session, request.app.state.runner, "solve")
        return RedirectResponse(f"/s/{session.id}/jobs/{job.id}", status_code=303)
    return RedirectResponse(f"/s/{session.id}/settings", status_code=303)


# the settings form's number fields as the page labels them, so a refusal names what was typed in
_NUMBER_LABELS = {
    "min_size": ("group_size", "min"),
    "max_size": ("group_size", "max"),
    "min_town_population": ("min_town_population",),
    "online_cost_km": ("online_cost_km",),
    "time_limit_s": ("time_limit",),
    "seed": ("seed",),
    "group": ("group",),
}


def _whole_number(value: object, name: str, lang: str) -> int:
    text = str(value or "").strip()
    if not text.isdigit():
        field = " ".join(translate(key, lang) for key in _NUMBER_LABELS[name])
        raise service.StepError("not_whole_number", 422, name=field, value=text)
    return int(text)


@router.post("/s/{session_id}/solve")
def post_solve(
    request: Request,
    session_id: str,
    kind: Annotated[str, Form()] = "solve",
    form_token: FormToken = "",
):
    session = _posted(request, session_id, form_token)
    job = service.start_job(session, request.app.state.runner, kind)
    return RedirectResponse(f"/s/{session.id}/jobs/{job.id}", status_code=303)


@router.get("/s/{session_id}/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, session_id: str, job_id: str) -> HTMLResponse:
    session = _session(request, session_id)
    job = session.jobs.get(job_id)
    if job is None:
        raise service.StepError("no_job", 404, job=job_id)
    return render(request, "job.html", session, step="groups", job=job)


@router.post("/s/{session_id}/jobs/{job_id}/cancel")
def cancel(request: Request, session_id: str, job_id: str, form_token: FormToken = "") -> Response:
    session = _posted(request, session_id, form_token)
    job = session.jobs.get(job_id)
    if job is not None:
        request.app.state.runner.cancel(job)
    return RedirectResponse(f"/s/{session.id}/jobs/{job_id}", status_code=303)


# -- groups --------------------------------------------------------------------------------------
@router.get("/s/{session_id}/groups", response_class=HTMLResponse)
def groups(request: Request, session_id: str) -> HTMLResponse:
    session = _session(request, session_id)
    service.require_intake(session)
    context = _cards_context(session) if session.groups is not None else {}
    return render(request, "groups.html", session, step="groups", **context)


@router.get("/s/{session_id}/groups/cards", response_class=HTMLResponse)
def cards(request: Request, session_id: str) -> HTMLResponse:
    """Just the cards, for the script to swap in after a move."""
    session = _session(request, session_id)
    return render(request, "_cards.html", session, **_cards_context(session))


@router.post("/s/{session_id}/move")
def post_move(
    request: Request,
    session_id: str,
    pid: Annotated[str, Form()],
    group: Annotated[str, Form()],
    form_token: FormToken = "",
) -> Response:
    session = _posted(request, session_id, form_token)
    chosen = None if group in ("", "none") else _whole_number(group, "group", session.lang)
    service.move(session, pid, chosen)
    return RedirectResponse(f"/s/{session.id}/groups#p-{pid}", status_code=303)


@router.post("/s/{session_id}/online")
def post_online(
    request: Request,
    session_id: str,
    group: Annotated[str, Form()],
    online: Annotated[str, Form()] = "",
    form_token: FormToken = "",
) -> Response:
    """Let a group meet online or in person again (the form without the page's script)."""
    session = _posted(request, session_id, form_token)
    number = _whole_number(group, "group", session.lang)
    service.set_online(session, number, online in ("1", "on", "true"))
    return RedirectResponse(f"/s/{session.id}/groups#g-{number}", status_code=303)


@router.post("/s/{session_id}/pin")
def post_pin(
    request: Request,
    session_id: str,
    pid: Annotated[str, Form()],
    pinned: Annotated[str, Form()] = "",
    form_token: FormToken = "",
) -> Response:
    session = _posted(request, session_id, form_token)
    service.pin(session, pid, pinned in ("1", "on", "true"))
    return RedirectResponse(f"/s/{session.id}/groups#p-{pid}", status_code=303)


@router.post("/s/{session_id}/undo")
def post_undo(request: Request, session_id: str, form_token: FormToken = "") -> Response:
    """Take back the last change of the line-up (move, pin, solve or re-solve)."""
    session = _posted(request, session_id, form_token)
    service.undo(session)
    return RedirectResponse(f"/s/{session.id}/groups", status_code=303)


@router.post("/s/{session_id}/redo")
def post_redo(request: Request, session_id: str, form_token: FormToken = "") -> Response:
    """Make the change that was undone last again."""
    session = _posted(request, session_id, form_token)
    service.redo(session)
    return RedirectResponse(f"/s/{session.id}/groups", status_code=303)


def _moves(session: Session, table) -> list[dict[str, Any]]:
    """The last re-solve's moves for people: name, row, from and to, the reason in words."""
    moved = []
    for move in session.moves or ():
        pid = move["pid"]
        if pid not in table.index:
            continue
        moved.append(
            {
                "pid": pid,
                "name": table.loc[pid, "name"],
                "row": int(table.loc[pid, "source_row"]),
                "from_group": move["from_group"],
                "to_group": move["to_group"],
                "reason": readable(move["reason"], session.lang),
            }
        )
    return moved


def _cards_context(session: Session) -> dict[str, Any]:
    report = service.lineup_report(session)
    problem = service.problem_of(session)
    table = problem.table.set_index("pid")
    names = RuleNames(session.lang)
    numbers = [g.group for g in report.groups]
    verdicts = judge_all(table, report, session.lang)
    cards = []
    for g in report.groups:
        quality = verdicts[g.group]
        members = [_member(table, pid, g.travel_km.get(pid), session) for pid in g.pids]
        rules = [
            {
                "name": names.get(r.key, r.name),
                "score": r.score,
                "detail": readable(r.detail, session.lang),
                "flag": "hard" if r.violations and r.hard else ("soft" if r.violations else ""),
            }
            for r in g.rules
            if r.score or r.violations
        ]
        cards.append(
            {
                "group": g.group,
                "score": g.score,
                "moment": g.moment,
                "venue": g.venue.name if g.venue else None,
                "online": g.online,
                "meets_online": g.meets_online,
                "travel_km_max": None if g.travel_km_max is None else round(g.travel_km_max),
                "travel_km_mean": None if g.travel_km_mean is None else round(g.travel_km_mean),
                "hosts": [str(table.loc[pid, "name"]) for pid in g.hosts],
                "broken": [readable(s, session.lang) for s in g.broken_sentences],
                "verdict": quality.verdict,
                "verdict_words": word(quality.verdict, session.lang),
                "reasons": quality.reasons,
                "purity": percent(quality.purity.share, session.lang),
                "members": members,
                "rules": rules,
            }
        )
    unplaced = [
        {**_member(table, pid, None, session), "reason": reason} for pid, reason in report.unplaced
    ]
    purity = lineup_purity(table, report)
    return {
        "report": report,
        "hard_broken": counted(report.hard_violations, "hard_rule_broken", session.lang),
        "group_count": counted(len(cards), "group", session.lang),
        "purity_overall": percent(purity.share, session.lang),
        "total_explained": total_explained(report, names, session.lang),
        "cards": cards,
        "unplaced": unplaced,
        "targets": [*numbers, max(numbers, default=0) + 1],
        "last_solve": session.last_solve,
        "moves": _moves(session, table),
        "changes": [
            readable(c, session.lang) for c in (session.last_solve or {}).get("changes", ())
        ]
        if session.moves is not None
        else [],
        "resolved": session.moves is not None,
        "can_undo": bool(session.undo_steps),
        "can_redo": bool(session.redo_steps),
    }


def _member(table, pid: str, travel: float | None, session: Session) -> dict[str, Any]:
    person = table.loc[pid]
    return {
        "pid": pid,
        "name": person["name"],
        "row": int(person["source_row"]),
        "function": _text(person.get("function")),
        "place": _text(person.get("place")),
        "travel": None if travel is None or math.isnan(travel) else round(travel),
        "pinned": pid in session.pins,
        "group": (session.groups or {}).get(pid),
    }


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


@router.get("/s/{session_id}/explain/{pid}", response_class=HTMLResponse)
def explain(request: Request, session_id: str, pid: str) -> HTMLResponse:
    """Why: what the person's group gives them (or why they have none), then every other
    group, best first, coloured by what the move would do."""
    session = _session(request, session_id)
    fit, others, findings = service.why(session, pid)
    names = RuleNames(session.lang)
    lang = session.lang
    rows = [
        {
            "group": alt.group,
            "delta": alt.delta,
            "kind": alt.kind,
            "breaks": readable(alt.breaks, lang),
            "travel": alt.travel,
            "parts": [f"{names.get(k, k)} {v:+d}" for k, v in alt.per_rule.items()],
        }
        for alt in others
    ]
    table = service.require_intake(session).table
    person = table.loc[pid]
    return render(
        request,
        "explain.html",
        session,
        step="groups",
        pid=pid,
        name=person["name"],
        row=int(person["source_row"]),
        current=fit.group,
        gives=[readable(sentence, lang) for sentence in fit.good],
        unplaced=readable(fit.unplaced, lang) if fit.unplaced else None,
        findings=[with_names(text, _names(session), lang) for text in findings],
        rows=rows,
    )
