"""Is every command bounded? ``python -m bench.run_bounds [--sizes 5000 20000 40000]``.

For realistic intakes (``intake.samples``, hand-made xlsx) and for junk (a CSV of random
strings: 39,665 rows make about 7 MB, under every upload cap) at each size, runs ``intervisie
check``, ``analyse`` and ``form --time-limit T`` as a user would, each in its own process, and
reports wall time, peak memory (the child's max RSS) and the exit code with the last line of
its message. The bounds checked in the same run: every ``form`` and ``analyse`` ends within its
``--time-limit`` plus ``--slack`` (start-up, writing outputs), and no command's peak memory
passes ``--max-mb``.
Results go to ``bench/results/run_bounds.json`` (``--output`` names another file there).
The machine may be shared: timings vary.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import string
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results"
JUNK_HEADER = ["Naam", "E-mail", "Functie", "Team", "Postcode", "Leervraag", "Momenten"]


def write_junk(path: Path, rows: int, seed: int = 11) -> Path:
    """A CSV with an intake's headers and random strings in every cell (~180 bytes a row)."""
    rng = random.Random(seed)
    alphabet = string.ascii_letters + string.digits + " "

    def word(low: int, high: int) -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(low, high))).strip() or "x"

    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(JUNK_HEADER)
        for _ in range(rows):
            writer.writerow(
                [
                    word(8, 20),
                    f"{word(5, 12).replace(' ', '')}@{word(4, 10).replace(' ', '')}.nl",
                    word(10, 40),
                    word(4, 16),
                    word(4, 7),
                    word(20, 60),
                    word(5, 15),
                ]
            )
    return path


def write_realistic(path: Path, rows: int) -> Path:
    from intake.samples import SampleSpec, write_sample

    return write_sample(SampleSpec(n=rows, seed=5, mess=0.05), path)


def run(command: list[str], timeout_s: float) -> dict[str, object]:
    """One CLI run in a child process: seconds, peak RSS (MB), exit code, last message line.

    The child is reaped with ``os.wait4`` so its own max RSS is read, not that of all children.
    """
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: chunks.append(child.stderr.read()), daemon=True)
    reader.start()
    timer = threading.Timer(timeout_s, child.kill)
    timer.start()
    _, status, usage = os.wait4(child.pid, 0)
    timer.cancel()
    seconds = time.perf_counter() - start
    reader.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    lines = [line for line in b"".join(chunks).decode(errors="replace").splitlines() if line]
    return {
        "seconds": round(seconds, 2),
        "peak_mb": round(usage.ru_maxrss / 1024),  # Linux reports KB
        "exit": child.returncode,
        "message": " ".join(lines[-2:])[:240],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000, 40000])
    parser.add_argument("--kinds", nargs="+", default=["realistic", "junk"])
    parser.add_argument("--time-limit", type=float, default=10.0, help="form --time-limit")
    parser.add_argument("--analyse-limit", type=float, default=120.0, help="analyse --time-limit")
    parser.add_argument("--slack", type=float, default=15.0, help="seconds allowed beyond it")
    parser.add_argument("--max-mb", type=float, default=2500.0, help="peak memory bound")
    parser.add_argument(
        "--output", default="run_bounds.json", help="file in bench/results (one per kind of run)"
    )
    args = parser.parse_args()
    cli = [sys.executable, "-m", "cli"]
    results = []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for kind in args.kinds:
            for n in args.sizes:
                if kind == "junk":
                    path = write_junk(out / f"junk_{n}.csv", n)
                else:
                    path = write_realistic(out / f"realistic_{n}.xlsx", n)
                size_mb = path.stat().st_size / 1e6
                commands = {
                    "check": [*cli, "check", str(path), "--max-issues", "5"],
                    "analyse": [
                        *cli,
                        "analyse",
                        str(path),
                        "-o",
                        str(out / "a.html"),
                        "--time-limit",
                        str(args.analyse_limit),
                    ],
                    "form": [
                        *cli,
                        "form",
                        str(path),
                        "-o",
                        str(out / "g.xlsx"),
                        "--time-limit",
                        str(args.time_limit),
                    ],
                }
                for what, command in commands.items():
                    figures = run(command, timeout_s=600)
                    row = {"kind": kind, "rows": n, "file_mb": round(size_mb, 1), "command": what}
                    row |= figures
                    row["within_memory"] = figures["peak_mb"] <= args.max_mb
                    if what in ("form", "analyse"):
                        limit = args.time_limit if what == "form" else args.analyse_limit
                        row["within_time"] = figures["seconds"] <= limit + args.slack
                    results.append(row)
                    print(json.dumps(row), flush=True)
    summary = {
        "time_limit_s": args.time_limit,
        "analyse_limit_s": args.analyse_limit,
        "slack_s": args.slack,
        "max_mb": args.max_mb,
        "all_within_bounds": all(
            r["within_memory"] and r.get("within_time", True) for r in results
        ),
        "runs": results,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / args.output).write_text(json.dumps(summary, indent=2) + "\n")
    print(json.dumps({k: v for k, v in summary.items() if k != "runs"}))


if __name__ == "__main__":
    main()
