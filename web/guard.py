"""What the web app accepts from a browser: only its own pages, bounded bodies, safe headers.

The app listens on 127.0.0.1, but every page open in the coordinator's browser can send it
requests. :class:`RequestGuard` is the ASGI middleware that keeps other sites out:

- the ``Host`` header must name the app itself (``127.0.0.1``, ``localhost`` or ``[::1]`` with
  the port it listens on), so a page served from a name that resolves to 127.0.0.1 (DNS
  rebinding) gets nothing;
- a request that changes anything (every method but GET, HEAD and OPTIONS) is refused when
  the browser says it comes from elsewhere (``Sec-Fetch-Site`` other than ``same-origin`` or
  ``none``; from a browser without it, an ``Origin`` other than the app's own); scripts that
  send neither still work;
- a body is counted while it streams (chunked uploads have no Content-Length) and refused past
  the limit, and a body that stalls is given up after a read timeout;
- every answer carries a strict Content-Security-Policy (no inline script or style, no
  framing) and ``nosniff``/``no-referrer``; everything but the static files is ``no-store``,
  since pages, API answers and downloads hold personal data.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SAME_ORIGIN_FETCH = frozenset({"same-origin", "none"})  # "none": typed in, or a bookmark

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)


class BodyTooLarge(HTTPException):
    """The request body grew past the limit while streaming (HTTP 413)."""

    def __init__(self) -> None:
        super().__init__(status_code=413, detail="body too large")


class BodyTimeout(HTTPException):
    """The client stopped sending the body it announced (HTTP 408)."""

    def __init__(self) -> None:
        super().__init__(status_code=408, detail="body stalled")


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused before the app sees it: an HTTP status and a message key."""

    status: int
    key: str


ErrorResponder = Callable[[Request, int, str], Response]
"""``(request, status, message key) -> response``: the app's own error page or JSON."""


class RequestGuard:
    """ASGI middleware: Host and Origin checks, body limits and security headers."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int,
        read_timeout_s: float,
        refuse: ErrorResponder,
        host_names: tuple[str, ...] = LOOPBACK_NAMES,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.read_timeout_s = read_timeout_s
        self.refuse = refuse
        self.host_names = frozenset(name.lower() for name in host_names)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_headers(send, no_store=not scope["path"].startswith("/static/"))
        refusal = self.refusal(scope)
        if refusal is not None:
            response = self.refuse(Request(scope, receive), refusal.status, refusal.key)
            await response(scope, receive, send)
            return
        await self.app(scope, self._bounded(receive), send)

    def refusal(self, scope: Scope) -> Refusal | None:
        """Why this request must not reach the app, or None."""
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        if not self._own_host(host, scope):
            return Refusal(421, "refused_host")
        if scope["method"] not in SAFE_METHODS:
            # the browser's own word first: under ``Referrer-Policy: no-referrer`` Chromium
            # sends ``Origin: null`` with the app's own form posts
            fetch_site = headers.get("sec-fetch-site")
            origin = headers.get("origin")
            if fetch_site is not None:
                if fetch_site not in SAME_ORIGIN_FETCH:
                    return Refusal(403, "refused_cross_site")
            elif origin is not None and origin.lower() != f"{scope['scheme']}://{host}".lower():
                return Refusal(403, "refused_cross_site")
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_body_bytes:
            return Refusal(413, "refused_too_large")
        return None

    def _own_host(self, host: str, scope: Scope) -> bool:
        """``host`` is one of the app's names, with the port it listens on."""
        name, port = split_host(host)
        if name not in self.host_names:
            return False
        server = scope.get("server")
        if not server or server[1] is None:
            return True  # a Unix socket: no port to compare
        if not port:
            return server[1] == (443 if scope["scheme"] == "https" else 80)
        return port.isdigit() and int(port) == server[1]

    def _bounded(self, receive: Receive) -> Receive:
        """``receive`` that counts the body and times out a stalled one."""
        received = 0
        body_done = False

        async def bounded() -> Message:
            nonlocal received, body_done
            if body_done:
                return await receive()  # e.g. waiting for a disconnect: no timeout
            try:
                message = await asyncio.wait_for(receive(), self.read_timeout_s)
            except TimeoutError:
                raise BodyTimeout() from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise BodyTooLarge()
                body_done = not message.get("more_body", False)
            return message

        return bounded


def split_host(host: str) -> tuple[str, str]:
    """``("127.0.0.1", "8765")`` from ``127.0.0.1:8765``; IPv6 names keep their brackets."""
    host = host.strip().lower()
    if host.startswith("["):
        name, _, rest = host.partition("]")
        return name + "]", rest.removeprefix(":")
    name, _, port = host.partition(":")
    return name, port


def _with_headers(send: Send, *, no_store: bool) -> Send:
    """``send`` that adds the security headers (and ``no-store``) to the response."""

    async def send_with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [
                (name, value)
                for name, value in message.get("headers", [])
                if name.lower() not in _REPLACED
            ]
            headers.extend(SECURITY_HEADERS)
            if no_store:
                headers.append((b"cache-control", b"no-store"))
            message = {**message, "headers": headers}
        await send(message)

    return send_with_headers


_REPLACED = frozenset(
    {name for name, _ in SECURITY_HEADERS} | {b"cache-control", b"x-frame-options"}
)
