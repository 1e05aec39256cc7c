"""A programme's next round at scale: ``next-round`` on 2,000 people, stable and mix.

``python -m bench.next_round [--n 2000] [--time-limit 10] [--modes stable mix]``

Round one is a generated intake (``intake.samples``, no mess) with the generator's planted
line-up as its groups (every hard rule holds in it). Round two is the same intake without 5%
of the people (drop-outs, chosen with a fixed seed) plus 5% newcomers from another generated
intake. Each mode runs as ``intervisie next-round`` does (read the new intake, analyse, match
people, solve, write the workbook with its Compare sheet), timed end to end. Reported: wall
time (and its parts: forming the round, writing the workbook), kept / continuing pairs,
repeated pairs, hard-rule violations, unplaced people. The issue's targets: within 60 s;
stable keeps >= 95% of continuing pairs when no rule forces a change; mix repeats no pair
when that is possible. Results go to
``bench/results/next_round_<n>.json``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from intake.pipeline import read_intake
from intake.samples import SampleSpec, generate_sample
from rounds.next_round import PastRound
from workflow import FormOptions, form_next_round, write_next_round

RESULTS = Path(__file__).parent / "results"


def rounds(n: int, folder: Path) -> tuple[PastRound, Path, int]:
    """Round one (table + planted groups), round two's intake file, and the drop-out count."""
    sheet, truth = generate_sample(SampleSpec(n=n, seed=1, mess=0.0))
    first = folder / "round1.xlsx"
    sheet.to_excel(first, index=False)
    intake = read_intake(first)
    by_row = {int(r): str(p) for p, r in intake.table["source_row"].items()}
    groups = {
        by_row[k + 2]: (None if pd.isna(g) else int(g) + 1)
        for k, g in enumerate(truth["witness_group"])
        if k + 2 in by_row
    }
    rng = np.random.default_rng(7)
    leaving = set(rng.choice(len(sheet), size=n // 20, replace=False).tolist())
    newcomers, _ = generate_sample(SampleSpec(n=n // 20, seed=2, mess=0.0))
    second_sheet = pd.concat(
        [sheet.drop(index=sorted(leaving)), newcomers.reindex(columns=sheet.columns)],
        ignore_index=True,
    )
    second = folder / "round2.xlsx"
    second_sheet.to_excel(second, index=False)
    return PastRound(intake.table, groups), second, len(leaving)


def run(n: int, time_limit: float, modes: list[str]) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        previous, new_intake, leaving = rounds(n, folder)
        figures: dict[str, object] = {"n": n, "dropouts": leaving, "time_limit_s": time_limit}
        for mode in modes:
            options = FormOptions(time_limit_s=time_limit, seed=0)
            start = time.perf_counter()
            result = form_next_round([previous], new_intake, options, mode=mode)
            formed = time.perf_counter() - start
            write_next_round(result, new_intake, folder / f"{mode}.xlsx", options)
            wall = time.perf_counter() - start
            outcome = result.outcome
            figures[mode] = {
                "wall_s": round(wall, 1),
                "formed_s": round(formed, 1),  # read, analyse, match, solve, explain
                "written_s": round(wall - formed, 1),  # the workbook and report
                "status": outcome.result.status.value,
                "continuing_pairs": outcome.continuing_pairs,
                "kept_pairs": outcome.kept_pairs,
                "kept_share": round(outcome.kept_pairs / max(1, outcome.continuing_pairs), 4),
                "repeated_pairs": outcome.repeated_pairs,
                "changes": len(outcome.changes),
                "hard_violations": result.report.hard_violations,
                "unplaced": len(result.report.unplaced),
                "groups": len(result.report.groups),
            }
            print(mode, json.dumps(figures[mode]), flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--modes", nargs="+", default=["stable", "mix"])
    args = parser.parse_args()
    figures = run(args.n, args.time_limit, args.modes)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"next_round_{args.n}.json"
    out.write_text(json.dumps(figures, indent=2) + "\n")
    print(out)


if __name__ == "__main__":
    main()
