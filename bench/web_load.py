"""Load test of the web app: ``python -m bench.web_load [--coordinators 20] [--time-limit 2]
[--analysis-workers 1 2]``.

Starts ``intervisie serve`` on a free port of 127.0.0.1 (nothing else is ever addressed) and
lets ``coordinators`` simulated coordinators work at the same moment, each in its own session:
upload an intake, set a short time limit, start a solve (they queue: one solve at a time),
follow it to the end, read the line-up, download the workbook and the report, end the session.
Starting a solve analyses the table and builds the problem in the analysis workers, so that is
where coordinators wait for a free worker. With several ``--analysis-workers`` counts the load
runs once per count, one server each, in the same run (the machine's load is then comparable).

Reports errors (any unexpected status: the run fails), the time each solve waited in line
(the job's ``queued_s``), the time each analysis-worker call waited for a free worker and ran
(from the server's log), request latencies, and memory: the server's peak resident size
(VmHWM), the largest analysis worker and all workers together, and the largest solver process.
Bounded: every request has a timeout, the whole run a deadline, and the server is stopped at
the end. Writes ``bench/results/web_load.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx2 as httpx

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "samples" / "intake_40.xlsx"
RESULTS = ROOT / "bench" / "results" / "web_load.json"
REQUEST_TIMEOUT_S = 60.0
WORKER_NAME = "ivs-analysis"  # web.worker.PROCESS_NAME: analysis workers, not solves
WORKER_LOG = re.compile(r"analysis worker call (\w+): waited ([\d.]+) s .* ran ([\d.]+) s")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    """A /proc figure of ``pid`` in MB (0 when the process is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def process_name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def children(pid: int) -> list[int]:
    """The direct children of ``pid``, whichever of its threads started them (the solves are
    spawned from the job runner's thread)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


class Coordinator:
    """One coordinator's session, timed step by step."""

    def __init__(self, number: int, client: httpx.AsyncClient, time_limit_s: float) -> None:
        self.number, self.client, self.time_limit_s = number, client, time_limit_s
        self.latencies: dict[str, float] = {}
        self.queued_s: float | None = None
        self.errors: list[str] = []
        self.reconnects = 0

    async def call(self, step: str, method: str, url: str, expect: int, **kwargs) -> httpx.Response:
        started = time.perf_counter()
        try:
            response = await self.client.request(method, url, **kwargs)
        except (httpx.ReadError, httpx.RemoteProtocolError):
            if method != "GET":
                raise
            # A kept-alive connection the server closed as it was reused: a reading request is
            # sent again on a new one (counted); a second failure is an error.
            self.reconnects += 1
            response = await self.client.request(method, url, **kwargs)
        self.latencies[step] = time.perf_counter() - started
        if response.status_code != expect:
            self.errors.append(f"{step}: {response.status_code} {response.text[:200]}")
        return response

    async def run_recorded(self) -> None:
        """The coordinator's work; a broken connection is an error of this run, not a crash."""
        try:
            await self.run()
        except httpx.TransportError as error:
            self.errors.append(f"connection: {type(error).__name__} {error}"[:200])

    async def run(self) -> None:
        created = await self.call(
            "upload",
            "POST",
            "/api/sessions",
            201,
            files={"file": (SAMPLE.name, SAMPLE.read_bytes())},
        )
        if created.status_code != 201:
            return
        url = f"/api/sessions/{created.json()['session_id']}"
        await self.call(
            "settings",
            "PUT",
            f"{url}/settings",
            200,
            json={"time_limit_s": self.time_limit_s, "seed": self.number},
        )
        job = await self.call("start solve", "POST", f"{url}/jobs", 202, json={"kind": "solve"})
        if job.status_code != 202:
            return
        job_url = f"{url}/jobs/{job.json()['job_id']}"
        state = job.json()
        while state["state"] in ("queued", "running"):
            await asyncio.sleep(0.5)
            state = (await self.call("poll", "GET", job_url, 200)).json()
        if state["state"] != "done":
            self.errors.append(f"solve ended {state['state']}: {state.get('error')}")
            return
        self.queued_s = state["queued_s"]
        await self.call("lineup", "GET", f"{url}/lineup", 200)
        await self.call("workbook", "GET", f"{url}/download/workbook", 200)
        await self.call("report", "GET", f"{url}/download/report", 200)
        await self.call("end", "DELETE", url, 204)


async def load(base_url: str, server_pid: int, count: int, time_limit_s: float) -> dict:
    memory = {
        "server_peak_mb": 0.0,
        "worker_peak_mb": 0.0,
        "workers_together_peak_mb": 0.0,
        "solver_peak_mb": 0.0,
    }
    stop = asyncio.Event()

    async def watch_memory() -> None:
        while not stop.is_set():
            together = 0.0
            for child in children(server_pid):
                size = rss_mb(child)
                if process_name(child) == WORKER_NAME:
                    together += size
                    memory["worker_peak_mb"] = max(memory["worker_peak_mb"], size)
                else:
                    memory["solver_peak_mb"] = max(memory["solver_peak_mb"], size)
            memory["workers_together_peak_mb"] = max(memory["workers_together_peak_mb"], together)
            await asyncio.sleep(0.2)

    limits = httpx.Limits(max_connections=count)
    async with httpx.AsyncClient(
        base_url=base_url, timeout=REQUEST_TIMEOUT_S, limits=limits
    ) as client:
        coordinators = [Coordinator(n, client, time_limit_s) for n in range(count)]
        watcher = asyncio.create_task(watch_memory())
        started = time.perf_counter()
        await asyncio.gather(*(c.run_recorded() for c in coordinators))
        wall_s = time.perf_counter() - started
        stop.set()
        await watcher
    memory["server_peak_mb"] = rss_mb(server_pid, "VmHWM")
    waits = [c.queued_s for c in coordinators if c.queued_s is not None]

    def spread(step: str) -> dict[str, float]:
        values = sorted(c.latencies[step] for c in coordinators if step in c.latencies)
        if not values:
            return {}
        return {"median_s": round(statistics.median(values), 3), "max_s": round(values[-1], 3)}

    return {
        "coordinators": count,
        "time_limit_s": time_limit_s,
        "wall_s": round(wall_s, 1),
        "errors": [e for c in coordinators for e in c.errors],
        "solved": len(waits),
        "reconnects": sum(c.reconnects for c in coordinators),
        "queue_wait_s": {
            "mean": round(statistics.mean(waits), 1) if waits else None,
            "max": round(max(waits), 1) if waits else None,
        },
        "latency": {
            s: spread(s)
            for s in (
                "upload",
                "settings",
                "start solve",
                "poll",
                "lineup",
                "workbook",
                "report",
                "end",
            )
        },
        **{k: round(v) for k, v in memory.items()},
        "machine": f"{os.cpu_count()} cores, shared",
    }


def worker_calls(log_text: str) -> dict[str, object]:
    """Waits for a free analysis worker and run times, from the server's log lines."""
    calls = [(m[1], float(m[2]), float(m[3])) for m in WORKER_LOG.finditer(log_text)]
    waits = [wait for _, wait, _ in calls]
    runs = [run for _, _, run in calls]
    if not calls:
        return {"calls": 0}
    return {
        "calls": len(calls),
        "wait_s": {"mean": round(statistics.mean(waits), 1), "max": round(max(waits), 1)},
        "run_s": {"median": round(statistics.median(runs), 2), "max": round(max(runs), 2)},
    }


def serve_and_load(args: argparse.Namespace, workers: int) -> dict:
    """One server with ``workers`` analysis workers under the whole load, then stopped."""
    port = free_port()
    with tempfile.TemporaryDirectory() as data_dir, tempfile.TemporaryFile("w+") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "cli",
                "--verbose",  # the analysis workers' waits are logged at INFO
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--no-open",
                "--data-dir",
                data_dir,
                "--analysis-workers",
                str(workers),
            ],
            cwd=ROOT,
            stderr=log,
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise SystemExit("the server did not start") from None
                    time.sleep(0.2)
            result = asyncio.run(
                asyncio.wait_for(
                    load(base_url, server.pid, args.coordinators, args.time_limit), args.deadline
                )
            )
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        log.seek(0)
        return {"analysis_workers": workers, **result, "analysis_worker": worker_calls(log.read())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--coordinators", type=int, default=20)
    parser.add_argument("--time-limit", type=float, default=2.0, help="seconds per solve")
    parser.add_argument("--deadline", type=float, default=900.0, help="seconds per load run")
    parser.add_argument(
        "--analysis-workers",
        type=int,
        nargs="+",
        default=[1, 2],
        help="one load run per count (1: as before the pool; 2: the app's default)",
    )
    args = parser.parse_args()
    load_before = [round(x, 1) for x in os.getloadavg()]
    runs = [serve_and_load(args, workers) for workers in args.analysis_workers]
    summary = {
        "load_average_1_5_15_min": {
            "start": load_before,
            "end": [round(x, 1) for x in os.getloadavg()],
        },
        "runs": runs,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(summary, indent=2) + "\n")
    print(json.dumps(summary, indent=2))
    errors = [e for run in runs for e in run["errors"]]
    if errors:
        raise SystemExit(f"{len(errors)} error(s)")


if __name__ == "__main__":
    main()
