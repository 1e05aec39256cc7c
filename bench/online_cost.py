"""What an online meeting should cost (issue 12 point 5): how many groups meet online, and how
far the others travel, per ``online_cost_km`` and ``online_meetings`` mode.

``python -m bench.online_cost [--costs 15 30 45 60 90] [--time-limit 20] [--work-limit 4]``

Each bundled sample (``data/samples``) is read and formed as ``intervisie form`` does, with
online meetings "everyone" (a group may meet online unless a member said no; no sample asks,
so every group may) and "on_request" (a group may meet online when every member said they
can), once per cost. For "on_request" the answers are added, as no sample asks the question: a
seeded half of the people say yes, a tenth no, the rest give no answer. An online meeting counts as
``online_cost_km`` road km per member in the objective, so a group goes online when meeting in
person costs its members more km than that in all.

Reported per sample, mode and cost, from the line-up's own report: ``groups``, ``online``
(groups meeting online), ``online_people``, ``mean_km`` and ``max_km`` (road km of the people
who meet in person), ``hard_violations`` and ``unplaced``. Results go to
``bench/results/online_cost.json``. Solves stop on their work budget; on a shared machine the
time limit may end one first, so figures can move by a group between runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path

import numpy as np

from intake.pipeline import read_intake
from optimiser.intervision.lineup import evaluate_lineup
from optimiser.result import SolveParams
from workflow import FormOptions, analysed_problem, groups_of, settings_for, solve_problem

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).parent / "results"
SAMPLES = (
    "intake_40.xlsx",
    "msforms_nl_60.xlsx",
    "msforms_en_60.xlsx",
    "gforms_en_80.xlsx",
    "gforms_nl_80.csv",
    "intake_150.xlsx",
)
MODES = ("on_request", "everyone")


def measure(sample: str, mode: str, cost: int, params: SolveParams) -> dict[str, object]:
    """One line-up of ``sample`` with online meetings ``mode`` at ``cost`` km."""
    options = FormOptions(time_limit_s=params.time_limit_s, work_limit_s=params.work_limit_s)
    settings = settings_for(options).with_overrides(online_meetings=mode, online_cost_km=cost)
    intake = read_intake(ROOT / "data" / "samples" / sample)
    table = intake.table.copy()
    if mode == "on_request":
        draw = np.random.default_rng(7).random(len(table))
        table["online"] = np.where(draw < 0.5, "yes", np.where(draw < 0.6, "no", None))
    problem, _ = analysed_problem(table, options, settings)
    result = solve_problem(problem, params)
    report = evaluate_lineup(problem, groups_of(problem, result))
    online = [g for g in report.groups if g.meets_online]
    in_person = [km for g in report.groups if not g.meets_online for km in g.travel_km.values()]
    answers = table["online"].value_counts().to_dict()
    return {
        "sample": sample,
        "mode": mode,
        "online_cost_km": cost,
        "answers": {str(k): int(v) for k, v in answers.items()},
        "groups": len(report.groups),
        "online": len(online),
        "online_people": sum(len(g.pids) for g in online),
        "mean_km": round(statistics.fmean(in_person), 1) if in_person else None,
        "max_km": round(max(in_person), 1) if in_person else None,
        "hard_violations": report.hard_violations,
        "unplaced": len(report.unplaced),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--costs", type=int, nargs="+", default=[15, 30, 45, 60, 90])
    parser.add_argument("--time-limit", type=float, default=20.0)
    parser.add_argument("--work-limit", type=float, default=4.0)
    args = parser.parse_args()
    params = SolveParams(time_limit_s=args.time_limit, work_limit_s=args.work_limit, seed=1)
    rows = []
    for sample in SAMPLES:
        for mode in MODES:
            for cost in args.costs:
                row = measure(sample, mode, cost, params)
                rows.append(row)
                print(
                    f"{sample:20} {mode:10} {cost:3} km: {row['online']}/{row['groups']} online "
                    f"({row['online_people']} people), in person mean {row['mean_km']} km, "
                    f"max {row['max_km']} km, {row['hard_violations']} hard, "
                    f"{row['unplaced']} unplaced",
                    flush=True,
                )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "online_cost.json").write_text(json.dumps(rows, indent=1) + "\n")


if __name__ == "__main__":
    main()
