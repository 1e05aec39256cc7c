"""The Plan step's pages: facilitator list, programme, calendars per group and per facilitator,
moves and swaps checked at once, planning again, and the downloads.

Plain forms (post, then redirect) as on every other page; the work is in
:mod:`web.plan_service`. Registered by :func:`web.app.create_app`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from intake.issues import IntakeFileError
from intake.weekdays import day_names
from planning.assign import fit
from planning.diagnose import moment_word
from planning.edit import day_words
from planning.methods import method_name
from planning.model import Plan
from planning.periods import EXAMPLE_BLOCKED, Period
from web import plan_service, service
from web.pages import _posted, _session, render
from web.plan_words import plan_word
from web.sessions import Session
from web.uploads import UploadTooLarge
from workflow_plan import plan_end

router = APIRouter(include_in_schema=False)
FormToken = Annotated[str, Form()]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/s/{session_id}/plan", response_class=HTMLResponse)
def plan_page(request: Request, session_id: str) -> HTMLResponse:
    session = _session(request, session_id)
    service.require_intake(session)
    return _render(request, session)


def _render(request: Request, session: Session, status_code: int = 200, **extra: Any):
    state = plan_service.state_of(session)
    context: dict[str, Any] = {
        "state": state,
        "stale": plan_service.stale(session),
        "periods_changed": plan_service.periods_changed(session),
        "blocked_rows": _blocked_rows(state, session.lang),
    }
    if state.plan is not None:
        context.update(_calendars(session, state.plan, state))
    return render(request, "plan.html", session, status_code, step="plan", **context, **extra)


@router.post("/s/{session_id}/plan/facilitators")
def post_facilitators(
    request: Request,
    session_id: str,
    file: Annotated[UploadFile, File()],
    form_token: FormToken = "",
) -> Response:
    session = _posted(request, session_id, form_token)
    try:
        plan_service.upload_facilitators(
            session, file.file, file.filename, request.app.state.config.max_upload_bytes
        )
    except IntakeFileError as error:
        return _render(request, session, 422, refused=error.issue.message(session.lang),
                       refused_where=error.issue.where(session.lang))  # fmt: skip
    except UploadTooLarge as error:
        return _render(request, session, 413, refused=error.message(session.lang))
    return RedirectResponse(f"/s/{session.id}/plan#list", status_code=303)


@router.post("/s/{session_id}/plan/blocked")
def post_blocked(
    request: Request,
    session_id: str,
    file: Annotated[UploadFile, File()],
    form_token: FormToken = "",
) -> Response:
    session = _posted(request, session_id, form_token)
    try:
        plan_service.upload_blocked(
            session, file.file, file.filename, request.app.state.config.max_upload_bytes
        )
    except IntakeFileError as error:
        return _render(request, session, 422, blocked_refused=error.issue.message(session.lang),
                       blocked_refused_where=error.issue.where(session.lang))  # fmt: skip
    except UploadTooLarge as error:
        return _render(request, session, 413, blocked_refused=error.message(session.lang))
    return RedirectResponse(f"/s/{session.id}/plan#blocked", status_code=303)


@router.post("/s/{session_id}/plan/blocked/remove")
def post_blocked_remove(request: Request, session_id: str, form_token: FormToken = "") -> Response:
    session = _posted(request, session_id, form_token)
    plan_service.remove_blocked(session)
    return RedirectResponse(f"/s/{session.id}/plan#blocked", status_code=303)


@router.get("/s/{session_id}/plan/blocked/example")
def blocked_example(request: Request, session_id: str) -> FileResponse:
    """The bundled example file, with headers and labels in the session's language."""
    session = _session(request, session_id)
    example = EXAMPLE_BLOCKED["nl" if session.lang == "nl" else "en"]
    return FileResponse(example, media_type="text/csv", filename=example.name)


@router.post("/s/{session_id}/plan/programme")
async def post_programme(request: Request, session_id: str) -> Response:
    form = await request.form()
    session = _posted(request, session_id, form.get("form_token"))
    lang = session.lang
    start = _day(form.get("start"), plan_word("plan_start_date", lang), lang)
    end = _day(form.get("end"), plan_word("plan_end_date", lang), lang) if form.get("end") else None
    meetings = _number(form.get("meetings"), plan_word("plan_meetings_label", lang), lang)
    low = _number(form.get("weeks_min"), plan_word("plan_weeks_between", lang), lang)
    high = _number(form.get("weeks_max"), plan_word("plan_weeks_between", lang), lang)
    level = str(form.get("blocked_level") or "soft")
    plan_service.set_programme(session, start, end, meetings, f"{low}-{high}", level)
    job = await run_in_threadpool(plan_service.start_plan, session, request.app.state.runner)
    return RedirectResponse(f"/s/{session.id}/plan/jobs/{job.id}", status_code=303)


@router.post("/s/{session_id}/plan/run")
def post_run(request: Request, session_id: str, form_token: FormToken = "") -> Response:
    session = _posted(request, session_id, form_token)
    job = plan_service.start_plan(session, request.app.state.runner)
    return RedirectResponse(f"/s/{session.id}/plan/jobs/{job.id}", status_code=303)


@router.get("/s/{session_id}/plan/jobs/{job_id}", response_class=HTMLResponse)
def plan_job_page(request: Request, session_id: str, job_id: str) -> HTMLResponse:
    session = _session(request, session_id)
    job = session.jobs.get(job_id)
    if job is None or job.kind != "plan":
        raise service.StepError("no_plan_job", 404, job=job_id)
    return render(request, "job.html", session, step="plan", job=job)


@router.post("/s/{session_id}/plan/move")
def post_move(
    request: Request,
    session_id: str,
    group: Annotated[int, Form()],
    number: Annotated[int, Form()],
    day: Annotated[str, Form()],
    replan: Annotated[str, Form()] = "",
    form_token: FormToken = "",
) -> Response:
    session = _posted(request, session_id, form_token)
    chosen = _day(day, plan_word("plan_move_to", session.lang), session.lang)
    again = replan in ("1", "on", "true")
    outcome = plan_service.move(session, group, number, chosen, replan=again)
    if outcome.kept and again:
        job = plan_service.start_plan(session, request.app.state.runner, after_change=True)
        return RedirectResponse(f"/s/{session.id}/plan/jobs/{job.id}", status_code=303)
    return RedirectResponse(f"/s/{session.id}/plan#outcome", status_code=303)


@router.post("/s/{session_id}/plan/swap")
def post_swap(
    request: Request,
    session_id: str,
    group: Annotated[int, Form()],
    fid: Annotated[str, Form()],
    replan: Annotated[str, Form()] = "",
    form_token: FormToken = "",
) -> Response:
    session = _posted(request, session_id, form_token)
    again = replan in ("1", "on", "true")
    outcome = plan_service.swap(session, group, fid, replan=again)
    if outcome.kept and again:
        job = plan_service.start_plan(session, request.app.state.runner, after_change=True)
        return RedirectResponse(f"/s/{session.id}/plan/jobs/{job.id}", status_code=303)
    return RedirectResponse(f"/s/{session.id}/plan#outcome", status_code=303)


@router.post("/s/{session_id}/plan/release")
def post_release(request: Request, session_id: str, form_token: FormToken = "") -> Response:
    session = _posted(request, session_id, form_token)
    plan_service.release(session)
    return RedirectResponse(f"/s/{session.id}/plan#result", status_code=303)


@router.get("/s/{session_id}/plan/download/workbook")
def download_workbook(request: Request, session_id: str) -> FileResponse:
    session = _session(request, session_id)
    workbook, _ = plan_service.write_downloads(session)
    return FileResponse(workbook, media_type=XLSX, filename=workbook.name)


@router.get("/s/{session_id}/plan/download/calendars")
def download_calendars(request: Request, session_id: str) -> FileResponse:
    session = _session(request, session_id)
    _, archive = plan_service.write_downloads(session)
    return FileResponse(archive, media_type="application/zip", filename=archive.name)


def _day(value: object, field: str, lang: str) -> date:
    text = str(value or "").strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise service.StepError("plan_bad_date", 422, field=field, value=text) from None


def _number(value: object, field: str, lang: str) -> int:
    text = str(value or "").strip()
    if not text.isdigit():
        raise service.StepError("plan_bad_number", 422, field=field, value=text)
    return int(text)


# -- what the page shows -------------------------------------------------------------------------
def _blocked_rows(state: plan_service.PlanState, lang: str) -> list[dict[str, str]]:
    """The blocked periods as read, in words: from, to, what, for whom."""
    return [
        {
            "first": day_words(p.first, lang),
            "last": day_words(p.last, lang),
            "label": p.label,
            "who": _period_who(p, lang),
        }
        for p in sorted(state.blocked, key=lambda p: (p.first, p.last))
    ]


def _swap_choices(plan: Plan, group: int, loads: dict[str, str], lang: str) -> list[dict[str, str]]:
    """The facilitators to swap to, those who fit the group's fixed rules (moment, days,
    travel, organisation, room) first; the others say they do not fit, and the check on
    swapping says why."""
    info = plan.group_info[group]
    current = next(g.facilitator for g in plan.groups if g.group == group)
    rows = []
    for f in plan.facilitators:
        room = f.fid == current or len(plan.groups_of(f.fid)) < f.capacity
        fits = fit(info, f).ok and room
        label = f"{f.name} ({loads[f.fid]})"
        if not fits:
            label += " – " + plan_word("plan_does_not_fit", lang)
        rows.append((not fits, f.name, {"fid": f.fid, "label": label}))
    return [row for *_, row in sorted(rows, key=lambda r: (r[0], r[1]))]


def _blocked_note(period: Period | None, lang: str) -> str | None:
    """A planned meeting in a blocked period (allowed at "avoid"): say which one."""
    if period is None:
        return None
    dates = f"{day_words(period.first, lang)} – {day_words(period.last, lang)}"
    what = f"{period.label}, {dates}" if period.label else dates
    return plan_word("plan_in_blocked", lang, what=what)


def _period_who(period: Period, lang: str) -> str:
    if period.country is None:
        return plan_word("plan_blocked_everyone", lang)
    country = plan_word(f"plan_country_{period.country.lower()}", lang)
    return plan_word("plan_blocked_country", lang, country=country)


def _calendars(session: Session, plan: Plan, state: plan_service.PlanState) -> dict[str, Any]:
    """Cards per group (with the move and swap forms) and per facilitator, in words."""
    lang = session.lang
    times = lambda m: f"{m.start:%H:%M}–{m.end:%H:%M}"  # noqa: E731
    load = {f.fid: len(plan.groups_of(f.fid)) for f in plan.facilitators}
    loads = {
        f.fid: plan_word("plan_load", lang, groups=load[f.fid], capacity=f.capacity)
        for f in plan.facilitators
    }
    in_blocked = plan_service.blocked_meetings(state)
    groups = []
    for gp in plan.groups:
        info = plan.group_info[gp.group]
        f = plan.facilitator(gp.facilitator)
        fixed = state.fixed.get(gp.group, {})
        groups.append({
            "group": gp.group,
            "facilitator": f.name if f else None,
            "fid": gp.facilitator,
            "pinned": state.pinned.get(gp.group) == gp.facilitator and gp.facilitator is not None,
            "when": plan_word(
                "plan_meets_on", lang,
                day=day_names((gp.weekday,), lang) if gp.weekday else "–",
                moment=moment_word(info.moment, lang) if info.moment
                else plan_word("plan_any_moment", lang),
            ),
            "venue": info.venue.name if info.venue else None,
            "members": ", ".join(info.names),
            "choices": _swap_choices(plan, gp.group, loads, lang),
            "method": method_name(gp.method, lang),
            "method_reason": gp.method_reason_nl if lang == "nl" else gp.method_reason_en,
            "reason": gp.reason(lang),
            "meetings": [
                {
                    "number": m.number,
                    "what": plan_word("plan_kickoff", lang) if m.kickoff
                    else plan_word("plan_meeting_n", lang, n=m.number),
                    "day": m.day.isoformat(),
                    "words": day_words(m.day, lang),
                    "times": times(m),
                    "venue": m.venue,
                    "host": plan.host_name(gp.group, m),
                    "fixed": fixed.get(m.number) == m.day,
                    "blocked": _blocked_note(in_blocked.get((gp.group, m.number)), lang),
                }
                for m in gp.meetings
            ],
        })  # fmt: skip
    people = []
    for f in plan.facilitators:
        mine = plan.groups_of(f.fid)
        if not mine:
            continue
        meetings = sorted(
            (m.day, gp.group, m) for gp in plan.groups if gp.facilitator == f.fid
            for m in gp.meetings
        )  # fmt: skip
        people.append({
            "fid": f.fid,
            "name": f.name,
            "load": plan_word("plan_load", lang, groups=len(mine), capacity=f.capacity),
            "meetings": [
                {"group": g, "words": day_words(day, lang), "times": times(m), "venue": m.venue,
                 "day": day.isoformat(), "host": plan.host_name(g, m)}
                for day, g, m in meetings
            ],
        })  # fmt: skip
    outcome = state.outcome
    message = None
    if outcome is not None:
        if outcome.kept and outcome.what == "swap":
            gp = next(g for g in plan.groups if g.group == outcome.group)
            name = plan.facilitator(gp.facilitator).name  # type: ignore[union-attr]
            message = plan_word("plan_kept_swap", lang, group=outcome.group, name=name)
        elif outcome.kept:
            message = plan_word("plan_kept_move", lang, group=outcome.group)
        else:
            message = plan_word("plan_refused_change", lang, group=outcome.group)
    return {
        "groups": groups,
        "people": people,
        "outcome": outcome,
        "outcome_message": message,
        "broken": [b.text(lang) for b in outcome.broken] if outcome else [],
        "summary": plan_word(
            "plan_summary",
            lang,
            groups=len(plan.groups),
            with_f=sum(1 for g in plan.groups if g.facilitator),
            with_m=sum(1 for g in plan.groups if g.meetings),
            start=day_words(plan.start, lang),
            end=day_words(plan.end, lang),
        ),
        "blocked_summary": plan_word(
            "plan_blocked_summary", lang, periods=len(state.blocked), meetings=len(in_blocked)
        )
        if state.blocked
        else None,
        "fixed_count": plan_word(
            "plan_fixed_count",
            lang,
            dates=sum(len(d) for d in state.fixed.values()),
            pins=len(state.pinned),
        ),
        "period_end": plan_end(state.options()).isoformat(),
    }
