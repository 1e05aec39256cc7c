"""The web app: FastAPI serving server-rendered pages and the JSON API, on this machine only.

``create_app`` wires the session store, the job runner and the routes; ``intervisie serve``
runs it with uvicorn on 127.0.0.1. Every asset is served from ``web/static``; nothing is
fetched from elsewhere, and nothing the coordinator uploads leaves the machine.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from intake.issues import IntakeFileError
from store import StoreError
from web import api, pages, plan_pages, programme_pages
from web.guard import LOOPBACK_NAMES, BodyTimeout, BodyTooLarge, RequestGuard
from web.i18n import translate
from web.jobs import JobRunner
from web.service import MAX_ROWS, StepError
from web.sessions import SessionsFull, SessionStore, default_data_dir
from web.uploads import UploadTooLarge
from web.worker import WorkerFailed

STATIC = Path(__file__).resolve().parent / "static"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WebConfig:
    """How the app runs: where session files live, limits, and how many solves at once."""

    data_dir: Path = field(default_factory=default_data_dir)
    max_upload_bytes: int = 20_000_000
    max_rows: int = MAX_ROWS  # rows of one upload: refused up front beyond this
    session_ttl_s: float = 4 * 3600
    max_sessions: int = 50
    evict_idle_s: float = 30 * 60  # a full store ends only sessions idle this long
    body_read_timeout_s: float = 30.0  # a body that sends nothing for this long is given up
    host_names: tuple[str, ...] = LOOPBACK_NAMES  # the Host names the app answers to
    solve_slots: int = 1  # solves running at once; later ones wait (2 cores: one solve each)
    sweep_every_s: float = 60.0
    db_url: str | None = None  # the programmes' store: None = the CLI's (INTERVISIE_DB, ...)


def create_app(config: WebConfig | None = None) -> FastAPI:
    """A new app with its own sessions and job runner (tests make one per test)."""
    config = config or WebConfig()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        stop = threading.Event()
        sweeper = threading.Thread(
            target=_sweep_until, args=(app.state.sessions, stop, config.sweep_every_s), daemon=True
        )
        sweeper.start()
        try:
            yield
        finally:
            stop.set()
            app.state.runner.shutdown()
            app.state.sessions.end_all()  # uploads never outlive the app
            if app.state.store is not None:
                app.state.store.close()

    app = FastAPI(
        title="intervisie",
        summary="Form intervision groups from an intake questionnaire.",
        version="1",
        lifespan=lifespan,
        # the browsable schema pages load their scripts from a CDN: off, so that nothing is
        # fetched from elsewhere; the schema itself is at /openapi.json
        docs_url=None,
        redoc_url=None,
    )
    app.state.config = config
    app.state.sessions = SessionStore(
        config.data_dir, config.session_ttl_s, config.max_sessions, config.evict_idle_s
    )
    app.state.runner = JobRunner(config.solve_slots)
    app.state.store = None  # opened on first use (web.programmes.store_of)

    def refuse(request: Request, status: int, key: str) -> Response:
        """The guard's refusals, in the language of the session named in the path."""
        lang = pages.request_language(request)
        if status == 413:
            return _error(request, 413, UploadTooLarge(config.max_upload_bytes).message(lang))
        return _error(request, status, translate(key, lang))

    app.add_middleware(
        RequestGuard,
        # the multipart wrapping around the file adds a little to the upload's own size
        max_body_bytes=config.max_upload_bytes + 1_000_000,
        read_timeout_s=config.body_read_timeout_s,
        refuse=refuse,
        host_names=config.host_names,
    )

    @app.exception_handler(BodyTooLarge)
    async def body_too_large(request: Request, error: BodyTooLarge) -> Response:
        return refuse(request, 413, "")

    @app.exception_handler(BodyTimeout)
    async def body_stalled(request: Request, error: BodyTimeout) -> Response:
        return refuse(request, 408, "body_stalled")

    @app.exception_handler(SessionsFull)
    async def sessions_full(request: Request, error: SessionsFull) -> Response:
        lang = pages.request_language(request)
        message = translate("sessions_full", lang, count=error.count, minutes=error.idle_minutes)
        return _error(request, 503, message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        """FastAPI's answer, except that a 405 lists every method the path has (each method
        is a route of its own, and Starlette names only the first route's), and that the bare
        "Invalid multipart data." of Starlette's parser, which refuses a part header over 4 KB
        as a long file name makes, says what to do instead."""
        if error.status_code == 400 and str(error.detail).startswith("Invalid multipart"):
            lang = pages.request_language(request)
            return _error(request, 400, _UNREADABLE_UPLOAD[lang if lang == "nl" else "en"])
        if error.status_code == 404 and not request.url.path.startswith("/api/"):
            # a mistyped or stale address in the browser: a page in the session's language
            lang = pages.request_language(request)
            return _error(request, 404, translate("page_not_found", lang))
        response = await http_exception_handler(request, error)
        if error.status_code == 405:
            allowed = {
                method
                for route in app.router.routes
                if isinstance(route, APIRoute) and route.matches(request.scope)[0] != Match.NONE
                for method in route.methods
            }
            response.headers["allow"] = ", ".join(sorted(allowed))
        return response

    @app.exception_handler(WorkerFailed)
    async def worker_failed(request: Request, error: WorkerFailed) -> Response:
        """The analysis worker was stopped; the server and the session go on."""
        message = translate(f"worker_{error.reason}", pages.request_language(request))
        status = 413 if error.reason == "memory" else 503
        return _error(request, status, message.format(limit=error.limit or 0))

    @app.exception_handler(StepError)
    async def step_error(request: Request, error: StepError) -> Response:
        message = error.message(pages.request_language(request))
        if error.key is None:
            return _error(request, error.status, message)
        return _error(request, error.status, message, refusal=error.key)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, error: StoreError) -> Response:
        return _error(request, 404, error.message(pages.request_language(request)))

    @app.exception_handler(IntakeFileError)
    async def bad_file(request: Request, error: IntakeFileError) -> Response:
        issue = error.issue
        lang = pages.request_language(request)
        return _error(request, 422, issue.message(lang), code=issue.code, where=issue.where(lang))

    @app.exception_handler(UploadTooLarge)
    async def too_large(request: Request, error: UploadTooLarge) -> Response:
        return _error(request, 413, error.message(pages.request_language(request)))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        problems = [
            f"{'.'.join(str(p) for p in e['loc'][1:]) or 'body'}: {e['msg']}"
            for e in error.errors()
        ]
        return _error(request, 422, "; ".join(problems))

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(plan_pages.router)
    app.include_router(programme_pages.router)
    return app


_UNREADABLE_UPLOAD = {
    "en": "The upload could not be read. Most often the file name is too long (keep it under "
    "200 characters): rename the file and upload it again.",
    "nl": "De upload kon niet gelezen worden. Meestal is de bestandsnaam te lang (houd die "
    "onder 200 tekens): geef het bestand een kortere naam en upload het opnieuw.",
}


def _error(request: Request, status: int, message: str, **extra: object) -> Response:
    """JSON for the API, a readable page for a browser."""
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": message, **extra}, status_code=status)
    return pages.error_page(request, status, message, **extra)


def _sweep_until(sessions: SessionStore, stop: threading.Event, every_s: float) -> None:
    """End idle sessions (and delete their files) until the app stops."""
    while not stop.wait(every_s):
        ended = sessions.sweep()
        if ended:
            log.info("ended %d idle session(s)", ended)
