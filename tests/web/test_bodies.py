"""Request bodies on a real socket: a chunked upload is counted while it streams and stopped
at the limit, a stalled body is given up after the read timeout, and the issues are paged."""

from __future__ import annotations

import html
import re
import select
import socket
import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import intake_40_csv, live_server, new_session
from web.app import WebConfig, create_app

BOUNDARY = "intervisieboundary"


@pytest.fixture
def small_server(tmp_path) -> Iterator[tuple[str, int]]:
    """An app with a 1 MB upload limit and a 1 s read timeout, on a real port."""
    config = WebConfig(data_dir=tmp_path / "web", max_upload_bytes=1_000_000, body_read_timeout_s=1)
    with live_server(create_app(config)) as url:
        parts = urlsplit(url)
        yield parts.hostname, parts.port


def _status(reply: bytes) -> int:
    return int(reply.split(b" ", 2)[1])


def _read_reply(sock: socket.socket, timeout_s: float) -> bytes:
    """The server's answer (head and body, by its Content-Length); b"" if none came."""
    sock.settimeout(timeout_s)
    reply = b""
    try:
        while True:
            head, found, body = reply.partition(b"\r\n\r\n")
            if found:
                length = re.search(rb"content-length: (\d+)", head, re.I)
                if length and len(body) >= int(length.group(1)):
                    return reply
            block = sock.recv(65536)
            if not block:
                return reply
            reply += block
    except TimeoutError:
        return reply


def test_a_chunked_upload_is_stopped_at_the_limit_while_it_streams(small_server):
    host, port = small_server
    head = (
        f"POST /api/sessions HTTP/1.1\r\nHost: {host}:{port}\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    ).encode()
    part = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n"
    ).encode()
    block = b"x;" * 32768  # 64 kB
    sent, offered = 0, 200_000_000  # a 200 MB file, without a Content-Length
    with socket.create_connection((host, port)) as sock:
        sock.sendall(head)
        sock.sendall(b"%x\r\n%s\r\n" % (len(part), part))
        sock.settimeout(5)
        try:
            # send until the server answers (it may go on reading and dropping the rest)
            while sent < offered and not select.select([sock], [], [], 0)[0]:
                sock.sendall(b"%x\r\n%s\r\n" % (len(block), block))
                sent += len(block)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass  # the server answered and closed
        reply = _read_reply(sock, 10)

    assert _status(reply) == 413, reply
    assert b"larger than 1 MB" in reply
    # the answer came once the body passed the limit (2 MB with the form's wrapping), not
    # after reading all of it; socket buffers on the loopback hold a few megabytes
    assert sent < 20_000_000


def test_a_stalled_body_is_given_up_after_the_read_timeout(small_server):
    host, port = small_server
    head = (
        f"POST /api/sessions HTTP/1.1\r\nHost: {host}:{port}\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        "Content-Length: 900000\r\n\r\n"
    ).encode()
    with socket.create_connection((host, port)) as sock:
        part = (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n'
        ).encode()
        sock.sendall(head + part + b"x;" * 500)  # 1 kB of the 900 kB announced, then nothing
        started = time.monotonic()
        reply = _read_reply(sock, 20)
        waited = time.monotonic() - started

    assert reply, "no answer: the server still waits for the body"
    assert _status(reply) == 408
    assert b"stopped arriving" in reply
    assert waited < 15


def _junk_intake() -> bytes:
    """intake_40 with 500 nameless rows (left out) and 500 rows of nonsense answers: thousands
    of issues, as in a junk export."""
    lines = intake_40_csv().decode().splitlines()
    columns = len(next(line for line in lines if line.startswith("Naam")).split(";"))
    nameless = [";".join(["", "x@", "zz"] + ["?"] * (columns - 3)) for _ in range(500)]
    nonsense = [";".join([f"P{i}", "no-mail", "??"] + ["??"] * (columns - 3)) for i in range(500)]
    return "\r\n".join(lines + nameless + nonsense).encode()


@pytest.fixture
def junk_session(client: TestClient) -> str:
    return new_session(client, _junk_intake(), "junk.csv")


def test_the_issues_endpoint_is_paged(client: TestClient, junk_session: str):
    url = f"/api/sessions/{junk_session}/issues"
    first = client.get(url).json()
    total = first["total"]
    assert total["issues"] > 2000 and total["excluded"] == 500
    assert len(first["issues"]) == 200 and len(first["excluded"]) == 200  # the default page
    assert (
        first["counts"]["error"] + first["counts"]["warning"] + first["counts"]["info"]
        == (total["issues"])
    )

    seen_issues, seen_excluded, offset = [], [], 0
    while offset is not None:
        page = client.get(url, params={"offset": offset, "limit": 1000}).json()
        assert len(page["issues"]) <= 1000
        seen_issues += page["issues"]
        seen_excluded += page["excluded"]
        offset = page["next_offset"]
    assert len(seen_issues) == total["issues"] and len(seen_excluded) == total["excluded"]
    assert [e["source_row"] for e in seen_excluded] == sorted(
        e["source_row"] for e in seen_excluded
    )
    assert client.get(url, params={"limit": 1001}).status_code == 422
    assert client.get(url, params={"offset": -1}).status_code == 422


def test_the_issues_page_is_paged(client: TestClient, junk_session: str):
    url = f"/s/{junk_session}/issues"
    first = client.get(url)
    last = client.get(url, params={"page": 9999})  # past the end: the last page

    rows = first.text.count('<tr class="sev-')
    assert rows == 200
    assert first.text.count("<tr><td>") == 200  # rows left out, on the same page
    assert 'rel="next"' in first.text and 'rel="prev"' not in first.text
    assert 'rel="next"' not in last.text and 'rel="prev"' in last.text
    assert len(first.content) < 400_000
    total = client.get(f"/api/sessions/{junk_session}/issues").json()["total"]["issues"]
    pages = -(-total // 200)
    assert f"Page {pages} of {pages}" in last.text


@pytest.mark.parametrize(("lang", "words"), [("en", "has 1,040 rows"), ("nl", "heeft 1.040 rijen")])
def test_a_table_over_the_row_limit_is_refused_up_front(make_app, lang: str, words: str):
    app, client = make_app(max_rows=1000)

    response = client.post(
        "/api/sessions", files={"file": ("junk.csv", _junk_intake())}, data={"lang": lang}
    )

    assert response.status_code == 413
    detail = response.json()["detail"]
    assert "junk.csv" in detail and words in detail and "1" in detail
    assert ("up to 1,000 rows" if lang == "en" else "hoogstens 1.000 rijen") in detail
    assert len(app.state.sessions) == 0 and not any(app.state.sessions.staging.iterdir())
    assert (
        client.post("/api/sessions", files={"file": ("i.csv", intake_40_csv())}).status_code == 201
    )


def test_the_issues_page_filters_by_kind_and_column_on_the_server(
    client: TestClient, junk_session: str
):
    session = client.app.state.sessions.get(junk_session)
    issues = session.intake.issues
    kind, column = "email", next(i.column for i in issues if i.kind.value == "email")
    wanted = [i for i in issues if i.kind.value == kind and i.column == column]
    assert len(wanted) > 200  # more than one page of them
    url = f"/s/{junk_session}/issues"

    first = client.get(url, params={"kind": kind, "column": column})
    rows = re.findall(r'<td class="where">([^<]*)</td>', first.text)
    assert len(rows) == 200 and all(html.unescape(r).endswith(f'"{column}"') for r in rows)
    assert "<h2>" not in first.text.split('id="issues"')[1]  # rows left out: only unfiltered
    # the page links keep the filter, and the next page holds the rest of the same issues
    next_link = html.unescape(re.search(r'rel="next" href="\?([^"]+)"', first.text).group(1))
    assert parse_qs(next_link) == {"page": ["2"], "kind": [kind], "column": [column]}
    second = client.get(f"{url}?{next_link}")
    assert len(re.findall(r'<td class="where">', second.text)) == min(200, len(wanted) - 200)
    assert f'<option value="{kind}" selected>' in first.text
    assert f"{len(wanted)} of {len(issues)} issues shown" in first.text


def test_the_issue_filter_speaks_dutch(client: TestClient):
    session_id = new_session(client, _junk_intake(), "junk.csv")
    client.get(f"/s/{session_id}/lang/nl")
    page = client.get(f"/s/{session_id}/issues", params={"kind": "email"}).text
    assert "e-mailadressen (" in page and "alle kolommen" in page and "Filteren" in page
    assert "meldingen getoond" in page
