"""Realistic intakes: the solver against baselines run in the same script.

``python -m bench.intervision [--n 150 2000] [--time-limit 10] [--long 120] [--work-limit S]
[--large]``

For each size, a synthetic intake is generated (``intake.samples``; its generator plants a
line-up that satisfies every hard rule, the *witness*) and turned into the intervision problem
exactly as ``intervisie form`` does. Then, on the same problem:

- ``random``: a random partition into groups of the allowed sizes (hard rules ignored);
- ``kmeans``: size-constrained k-means on coordinates (nearest centre with room);
- ``greedy``: the solver's own construction heuristic alone;
- ``witness``: the planted line-up;
- ``solver``: ``optimiser.solve`` at ``--time-limit`` seconds, and at ``--long`` seconds
  (the reference "best found in a long run"); with ``--work-limit S`` the first run stops on S
  seconds of counted work instead (the clock a safety net of 10 x S), so that on a busy
  machine two runs of the same code give the same line-up.

Reported per method: objective, ratio to the best objective found, hard-rule violations,
unplaced people and wall time. ``--large`` adds n = 20,000 (600 s; peak memory measured in a
child process). Results go to ``bench/results/intervision_<n>.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans

from intake.pipeline import read_intake
from intake.samples import SampleSpec, generate_sample, write_sample
from optimiser.construction import greedy
from optimiser.intervision import IntervisionProblem
from optimiser.pairs import PairMatrix
from optimiser.result import SolveParams
from optimiser.scoring import score
from optimiser.solve import solve
from workflow import FormOptions, analysed_problem, settings_for

RESULTS = Path(__file__).parent / "results"
_SAFETY_FACTOR = 10  # time limit per second of work limit: the clock must not end the search


def build(n: int, seed: int, folder: Path) -> tuple[IntervisionProblem, list[list[int]]]:
    """The intervision problem of a generated intake, and the generator's witness line-up."""
    spec = SampleSpec(n=n, seed=seed, mess=0.0)
    _, truth = generate_sample(spec)
    path = write_sample(spec, folder / f"intake_{n}.xlsx")
    intake = read_intake(path)
    options = FormOptions()
    problem, _ = analysed_problem(intake.table, options, settings_for(options))
    row_of = {pid: i for i, pid in enumerate(problem.pids)}
    first_row = int(intake.table["source_row"].min())
    witness: dict[object, list[int]] = {}
    for position, group in enumerate(truth["witness_group"]):
        pid = f"R{position + first_row:04d}"
        if group is not None and not (isinstance(group, float) and math.isnan(group)):
            witness.setdefault(group, []).append(row_of[pid])
    return problem, list(witness.values())


def partition_sizes(n: int, low: int, high: int) -> list[int]:
    """Group sizes that cover n as evenly as the bounds allow."""
    groups = math.ceil(n / high)
    while n / groups < low and groups > 1:
        groups -= 1
    base, extra = divmod(n, groups)
    return [base + (1 if g < extra else 0) for g in range(groups)]


def random_lineup(problem: IntervisionProblem, rng: np.random.Generator) -> list[list[int]]:
    settings = problem.settings
    order = rng.permutation(problem.problem.n).tolist()
    groups, start = [], 0
    for size in partition_sizes(len(order), settings.min_size, settings.max_size):
        groups.append(order[start : start + size])
        start += size
    return groups


def kmeans_lineup(problem: IntervisionProblem, seed: int) -> list[list[int]]:
    """Size-constrained k-means on coordinates: nearest centre that still has room."""
    table = problem.table.set_index(problem.table["pid"].astype(str)).loc[list(problem.pids)]
    coords = table[["lat", "lon"]].to_numpy(dtype=float)
    coords = np.where(np.isnan(coords), np.nanmean(coords, axis=0), coords)
    sizes = partition_sizes(len(coords), problem.settings.min_size, problem.settings.max_size)
    centres = KMeans(len(sizes), n_init=3, random_state=seed).fit(coords).cluster_centers_
    distance = np.linalg.norm(coords[:, None, :] - centres[None, :, :], axis=2)
    room = np.array(sizes)
    groups: list[list[int]] = [[] for _ in sizes]
    for person in np.argsort(distance.min(axis=1)):
        for centre in np.argsort(distance[person]):
            if room[centre] > 0:
                groups[centre].append(int(person))
                room[centre] -= 1
                break
    return groups


def evaluate(problem: IntervisionProblem, groups: list[list[int]], seconds: float) -> dict:
    placed = {i for g in groups for i in g}
    unplaced = [i for i in range(problem.problem.n) if i not in placed]
    breakdown = score(problem.problem, groups, unplaced)
    return {
        "objective": breakdown.objective,
        "hard_violations": breakdown.hard_violations,
        "unplaced": len(unplaced),
        "groups": len(groups),
        "seconds": round(seconds, 2),
    }


def run_size(
    n: int, time_limit: float, long_limit: float, seed: int, work_limit: float | None = None
) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        problem, witness = build(n, seed, Path(folder))
        build_s = time.perf_counter() - start
    rows: dict[str, dict] = {}
    rng = np.random.default_rng(seed)
    start = time.perf_counter()
    rows["random"] = evaluate(problem, random_lineup(problem, rng), time.perf_counter() - start)
    start = time.perf_counter()
    rows["kmeans"] = evaluate(problem, kmeans_lineup(problem, seed), time.perf_counter() - start)
    start = time.perf_counter()
    assign = greedy(problem.problem, PairMatrix(problem.problem), np.random.default_rng(seed))
    slots: dict[int, list[int]] = {}
    for person, slot in enumerate(assign.tolist()):
        if slot >= 0:
            slots.setdefault(slot, []).append(person)
    rows["greedy"] = evaluate(problem, list(slots.values()), time.perf_counter() - start)
    rows["witness"] = evaluate(problem, witness, 0.0)
    first = (f"solver_{time_limit:g}s", time_limit, None)
    if work_limit:
        first = (f"solver_work_{work_limit:g}s", _SAFETY_FACTOR * work_limit, work_limit)
    for label, limit, work in (first, (f"solver_{long_limit:g}s", long_limit, None)):
        if limit <= 0:
            continue
        start = time.perf_counter()
        params = SolveParams(time_limit_s=limit, work_limit_s=work, seed=seed)
        result = solve(problem.problem, params)
        rows[label] = evaluate(
            problem, [list(g) for g in result.groups], time.perf_counter() - start
        )
        rows[label]["status"] = result.status.value
    best = max(r["objective"] for r in rows.values())
    for row in rows.values():
        row["ratio_to_best"] = round(row["objective"] / best, 4) if best > 0 else None
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "n": n,
        "seed": seed,
        "build_s": round(build_s, 1),
        "peak_rss_mb": round(peak_mb),
        "methods": rows,
    }


def print_table(summary: dict) -> None:
    print(
        f"\nn = {summary['n']} (build {summary['build_s']} s, peak RSS {summary['peak_rss_mb']} MB)"
    )
    print(f"{'method':<16}{'objective':>12}{'ratio':>8}{'hard':>6}{'unplaced':>10}{'seconds':>9}")
    for name, row in summary["methods"].items():
        ratio = row["ratio_to_best"] if row["ratio_to_best"] is not None else float("nan")
        print(
            f"{name:<16}{row['objective']:>12}{ratio:>8.4f}{row['hard_violations']:>6}"
            f"{row['unplaced']:>10}{row['seconds']:>9}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, nargs="+", default=[150, 2000])
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--long", type=float, default=120.0, help="reference run; 0 to skip")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--work-limit", type=float, help="seconds of counted work for the first solver run"
    )
    parser.add_argument("--large", action="store_true", help="also n = 20,000 at 600 s, in a child")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    sizes = list(args.n)
    for n in sizes:
        limit = args.time_limit if n <= 2000 else 600.0
        long_limit = args.long if n <= 2000 else 0.0
        summary = run_size(n, limit, long_limit, args.seed, args.work_limit)
        print_table(summary)
        (RESULTS / f"intervision_{n}.json").write_text(json.dumps(summary, indent=2) + "\n")
    if args.large and not args.child:
        subprocess.run(
            [sys.executable, "-m", "bench.intervision", "--n", "20000", "--child", "--long", "0"],
            check=True,
        )


if __name__ == "__main__":
    main()
