"""``intervisie serve`` as a coordinator runs it: it stops within seconds of SIGTERM, even with a
solve running, and deletes the uploads."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx2 as httpx
import pytest

from tests.web.conftest import INTAKE_40

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_server_stops_soon_after_sigterm_while_solving(tmp_path: Path):
    port, data_dir = _free_port(), tmp_path / "web"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cli",
            "serve",
            "--port",
            str(port),
            "--no-open",
            "--data-dir",
            str(data_dir),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None, "no server"
                time.sleep(0.3)
        created = httpx.post(
            base + "/api/sessions",
            files={"file": (INTAKE_40.name, INTAKE_40.read_bytes())},
            timeout=60,
        ).json()
        url = f"{base}/api/sessions/{created['session_id']}"
        httpx.put(url + "/settings", json={"time_limit_s": 300}, timeout=60)
        job = httpx.post(url + "/jobs", json={"kind": "solve"}, timeout=60).json()
        while httpx.get(f"{url}/jobs/{job['job_id']}", timeout=30).json()["state"] == "queued":
            time.sleep(0.3)

        server.send_signal(signal.SIGTERM)
        started = time.monotonic()
        server.wait(timeout=60)
        stopped_after = time.monotonic() - started
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()

    assert stopped_after < 30  # a 300 s solve was running
    assert list((data_dir / "sessions").iterdir()) == []
