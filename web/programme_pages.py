"""The programme pages: programmes with their rounds and versions, two versions side by side,
the next round, saving a session's line-up as a version, and forgetting people.

Plain forms (post, then redirect) as on the other pages; every post carries the page's form
token (the session's own, or the app's cookie before there is a session) and the request
guard refuses posts from other sites. Long runs go through the job runner.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from reporting.json_output import dumps
from reporting.labels import RuleNames
from store import StoreError
from web import programmes, service
from web.pages import FORM_COOKIE, FormToken, _check_form_token, _posted, _session, render
from web.programmes import store_of
from web.uploads import save_upload

router = APIRouter(include_in_schema=False)


def _page(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
    """A programme page (no session yet): the app's form token cookie, the chosen language."""
    token = request.cookies.get(FORM_COOKIE) or secrets.token_urlsafe(18)
    response = render(request, template, status_code=status_code, form_token=token, **context)
    response.set_cookie(FORM_COOKIE, token, httponly=True, samesite="strict")
    if request.query_params.get("lang") in ("en", "nl"):
        response.set_cookie("lang", request.query_params["lang"], samesite="strict")
    return response


def _checked(request: Request, token: object) -> None:
    _check_form_token(request, token, request.cookies.get(FORM_COOKIE))


def _lang(request: Request) -> str:
    from web.pages import request_language

    return request_language(request)


# -- programmes ---------------------------------------------------------------------------------
@router.get("/programmes", response_class=HTMLResponse)
def programme_list(request: Request, deleted: str = "") -> Response:
    store = store_of(request.app)
    rows = []
    for programme_id, name in store.programmes():
        versions = store.versions(name)
        rows.append(
            {
                "id": programme_id,
                "name": name,
                "rounds": len(store.round_numbers(name)),
                "versions": len(versions),
            }
        )
    return _page(request, "programmes.html", programmes=rows, deleted=deleted)


@router.post("/programmes")
def create_programme(
    request: Request, name: Annotated[str, Form()] = "", form_token: FormToken = ""
) -> Response:
    _checked(request, form_token)
    try:
        programme_id = store_of(request.app).create_programme(name)
    except StoreError as error:
        raise service.StepError.said(error.message(_lang(request)), 409) from None
    return RedirectResponse(f"/programmes/{programme_id}", status_code=303)


@router.get("/programmes/{programme_id}", response_class=HTMLResponse)
def programme_page(request: Request, programme_id: int, forgotten: int | None = None) -> Response:
    found = programmes.overview(store_of(request.app), programme_id)
    last = found.rounds[-1] if found.rounds and found.rounds[-1].versions else None
    return _page(
        request,
        "programme.html",
        programme=found,
        last_round=last,
        forgotten=forgotten,
        made_by=lambda text: programmes.made_by_words(text, _lang(request)),
    )


@router.post("/programmes/{programme_id}/versions/{version_id}/open")
def open_version(
    request: Request, programme_id: int, version_id: int, form_token: FormToken = ""
) -> Response:
    _checked(request, form_token)
    session = programmes.open_version(
        request.app.state.sessions, store_of(request.app), programme_id, version_id, _lang(request)
    )
    return RedirectResponse(f"/s/{session.id}/groups", status_code=303)


@router.get("/programmes/{programme_id}/compare", response_class=HTMLResponse)
def compare_page(request: Request, programme_id: int, a: int, b: int) -> Response:
    lang = _lang(request)
    store = store_of(request.app)
    comparison = programmes.compare_versions(store, programme_id, a, b, lang)
    return _page(
        request,
        "programme_compare.html",
        programme=programmes.overview(store, programme_id),
        view=_comparison_view(comparison, lang),
        a=a,
        b=b,
    )


def _comparison_view(comparison, lang: str) -> dict[str, Any]:
    """What the side-by-side page shows: totals, group pairs with members, moves, rules."""
    a, b = comparison.a, comparison.b
    names = RuleNames(lang)
    moved_b = {m.pid_b for m in comparison.moved}

    def members(side, group: int | None) -> list[dict[str, Any]]:
        if group is None:
            return []
        return [
            {"name": str(side.table.loc[p, "name"]), "moved": p in moved_b or p in only}
            for p, g in sorted(side.groups.items())
            if g == group
        ]

    only = set(comparison.only_a) | set(comparison.only_b)
    back = {pid_a: pid_b for pid_b, pid_a in comparison.same.items()}
    pairs = []
    for g in comparison.groups:
        rules = sorted(set(g.rules_a) | set(g.rules_b))
        pairs.append(
            {
                "a": g.group_a,
                "b": g.group_b,
                "kept": g.kept,
                "score_a": g.score_a,
                "score_b": g.score_b,
                "difference": None
                if g.score_a is None or g.score_b is None
                else g.score_b - g.score_a,
                "members_a": members(a, g.group_a),
                "members_b": members(b, g.group_b),
                "rules": [
                    (names.get(k, k), g.rules_a.get(k, 0), g.rules_b.get(k, 0))
                    for k in rules
                    if g.rules_a.get(k, 0) != g.rules_b.get(k, 0)
                ],
            }
        )
    return {
        "label_a": a.label,
        "label_b": b.label,
        "objective_a": a.report.objective if a.report else None,
        "objective_b": b.report.objective if b.report else None,
        "hard_a": a.report.hard_violations if a.report else None,
        "hard_b": b.report.hard_violations if b.report else None,
        "kept_groups": len(comparison.kept_groups),
        "moved": [
            {"name": str(b.table.loc[m.pid_b, "name"]), "from": m.group_a, "to": m.group_b}
            for m in comparison.moved
        ],
        "only_a": [str(a.table.loc[p, "name"]) for p in comparison.only_a],
        "only_b": [str(b.table.loc[p, "name"]) for p in comparison.only_b],
        "groups": pairs,
        "rules": [
            (names.get(k, k), va, vb, vb - va) for k, (va, vb) in comparison.rule_scores().items()
        ],
        "pairs_again": [
            {
                "a": str(a.table.loc[p, "name"]),
                "b": str(a.table.loc[q, "name"]),
                "group_a": a.groups.get(p),
                "group_b": b.groups.get(back[p]),
            }
            for p, q in comparison.pairs_again
        ],
    }


# -- the next round ---------------------------------------------------------------------------
@router.post("/programmes/{programme_id}/next-round")
async def post_next_round(
    request: Request,
    programme_id: int,
    file: Annotated[UploadFile, File()],
    mode: Annotated[str, Form()] = "stable",
    met_rounds: Annotated[int, Form()] = 1,
    previous_version: Annotated[int | None, Form()] = None,
    time_limit_s: Annotated[float, Form()] = 30.0,
    form_token: FormToken = "",
) -> Response:
    _checked(request, form_token)
    state = request.app.state
    sessions = state.sessions
    staging = Path(tempfile.mkdtemp(dir=sessions.staging))
    try:
        incoming = await run_in_threadpool(
            save_upload, file.file, file.filename, staging, state.config.max_upload_bytes
        )
        session = sessions.create(lang=_lang(request))
        try:
            await run_in_threadpool(
                service.load_upload, session, file.filename, incoming, state.config.max_rows
            )
            job = await run_in_threadpool(
                programmes.start_next_round,
                store_of(request.app),
                state.runner,
                session,
                programme_id,
                mode=mode,
                met_rounds=met_rounds,
                previous_version=previous_version,
                time_limit_s=time_limit_s,
            )
        except BaseException:
            sessions.end(session.id)
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return RedirectResponse(f"/s/{session.id}/jobs/{job.id}", status_code=303)


@router.get("/s/{session_id}/round", response_class=HTMLResponse)
def round_page(request: Request, session_id: str) -> Response:
    session = _session(request, session_id)
    if session.round_result is None:
        return RedirectResponse(f"/s/{session.id}/groups", status_code=303)
    data = session.round_result
    continuing = data["continuing_pairs"]
    share = data["kept_pairs"] / continuing if continuing else 1.0
    return render(
        request,
        "programme_round.html",
        session,
        # the reasons were written in the run's language: the page speaks it too
        lang=data.get("lang", session.lang),
        step="groups",
        data=data,
        share=f"{share:.0%}",
    )


# -- saving a session's line-up -----------------------------------------------------------------
@router.post("/s/{session_id}/versions")
def save_version(
    request: Request,
    session_id: str,
    programme: Annotated[str, Form()] = "",
    name: Annotated[str, Form()] = "",
    form_token: FormToken = "",
) -> Response:
    session = _posted(request, session_id, form_token)
    saved = programmes.save_session(
        store_of(request.app), session, programme, name, programmes.WEB_GROUPS
    )
    return RedirectResponse(f"/s/{session.id}/groups?saved={saved.version_id}", status_code=303)


# -- privacy: people and the programme itself ---------------------------------------------------
@router.get("/programmes/{programme_id}/people/{person_id}/export")
def export_person(request: Request, programme_id: int, person_id: int) -> Response:
    data = programmes.export_person(store_of(request.app), programme_id, person_id)
    return Response(
        dumps(data),
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="person_{person_id}.json"'},
    )


@router.get("/programmes/{programme_id}/people/{person_id}/forget", response_class=HTMLResponse)
def confirm_forget(request: Request, programme_id: int, person_id: int) -> Response:
    store = store_of(request.app)
    person = programmes.person_of(store, programme_id, person_id)
    name = store.programme_name(programme_id)
    return _page(
        request,
        "programme_confirm.html",
        title=("forget_title", {"name": person.name}),
        explained=("forget_explained", {"name": person.name}),
        confirm="forget_confirm",
        action=f"/programmes/{programme_id}/people/{person_id}/forget",
        back=f"/programmes/{programme_id}",
        programme_name=name,
    )


@router.post("/programmes/{programme_id}/people/{person_id}/forget")
def forget_person(
    request: Request, programme_id: int, person_id: int, form_token: FormToken = ""
) -> Response:
    _checked(request, form_token)
    store = store_of(request.app)
    programmes.person_of(store, programme_id, person_id)
    rows = programmes.forget_person(store, programme_id, person_id)
    return RedirectResponse(f"/programmes/{programme_id}?forgotten={rows}", status_code=303)


@router.get("/programmes/{programme_id}/delete", response_class=HTMLResponse)
def confirm_delete(request: Request, programme_id: int) -> Response:
    name = store_of(request.app).programme_name(programme_id)
    return _page(
        request,
        "programme_confirm.html",
        title=("delete_title", {"name": name}),
        explained=("delete_explained", {}),
        confirm="delete_confirm",
        action=f"/programmes/{programme_id}/delete",
        back=f"/programmes/{programme_id}",
        programme_name=name,
    )


@router.post("/programmes/{programme_id}/delete")
def delete_programme(request: Request, programme_id: int, form_token: FormToken = "") -> Response:
    _checked(request, form_token)
    name = programmes.delete_programme(store_of(request.app), programme_id)
    return RedirectResponse(f"/programmes?deleted={quote(name)}", status_code=303)
