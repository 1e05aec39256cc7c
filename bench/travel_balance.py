"""Balanced travel (issue 16): does anyone carry the group's journey, and what does fairness cost?

``python -m bench.travel_balance [--weights 0 8 16 32 64] [--seeds 1 2] [--time-limit 10]
[--quick]``

Intakes: held-out synthetic intakes (``intake.samples`` under seeds and styles the tests do not
use) and one hand-style variation of a generated sheet (a third leave the travel limit blank,
one in ten gave the town of someone from another region: the outliers a real export has). Each
is read and formed exactly as ``intervisie form`` does with default settings, once per weight
of the rule ``travel_balance`` (weight 0 = the rule off = the line-up before issue 16).

Reported per intake and weight, from the line-up's own report (each member's road km to the
group's place):

- ``median_ratio``: the median group's farthest-to-average travel ratio (farthest member's km
  over the group's mean km);
- ``worst_ratio``: the largest such ratio of any group;
- ``median_max_km``: the median group's farthest member's km;
- ``mean_km``: mean travel per person (everyone placed with a known location);
- ``hard_violations``, ``unplaced`` and the other rules' totals (``function``, ...), so a
  fairer line-up that breaks something else shows (per weight: the mean and worst change of
  the function score and the mean change of the learning-goals score against weight 0);
- ``seconds``: wall time of the solve. On an idle machine the search stops on its work budget
  and the groups repeat exactly; on a loaded one the time limit ends it first, and one run's
  figures move by several per cent between runs (function score) or tens of per cent (mean
  km). So the summary pools intakes and solver seeds (``--seeds``): per weight the median of
  each figure and the mean change against weight 0 of the same intake and seed.

The trade-off curve is the list of (weight, mean_km, median_max_km, median_ratio) per intake.
Results go to ``bench/results/travel_balance.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from intake.pipeline import read_intake
from intake.samples import SampleSpec, generate_sample, write_sample
from optimiser.intervision.lineup import LineupReport
from workflow import FormOptions, form_groups

RESULTS = Path(__file__).parent / "results"
BALANCE_KEY = "travel_balance"
TRAVEL_KEYS = ("travel", "travel_limit", BALANCE_KEY)

# held-out intakes: tests use seeds 1-16, 21 and 22
HELD_OUT: tuple[tuple[str, SampleSpec], ...] = (
    ("hand_nl_150_s101", SampleSpec(n=150, seed=101, style="hand", lang="nl")),
    ("msforms_en_180_s202", SampleSpec(n=180, seed=202, style="msforms", lang="en")),
    ("gforms_nl_200_s303", SampleSpec(n=200, seed=303, style="gforms", lang="nl")),
    ("hand_en_120_s404", SampleSpec(n=120, seed=404, style="hand", lang="en")),
)
VARIATION = ("hand_variation_nl_160_s505", SampleSpec(n=160, seed=505, style="hand", lang="nl"))


def write_variation(spec: SampleSpec, path: Path) -> Path:
    """A generated hand-style sheet edited the way real exports differ: a third of the travel
    limits left blank, and one in ten people giving a town from another row of another region
    (no postcode), so some live far from everyone of their function."""
    sheet, truth = generate_sample(spec)
    rng = random.Random(spec.seed)
    rows = list(range(len(sheet)))
    for row in rng.sample(rows, len(rows) // 3):
        sheet.loc[row, "Max. reistijd"] = None
    regions = truth["region"].tolist()
    for row in rng.sample(rows, len(rows) // 10):
        elsewhere = [r for r in rows if regions[r] != regions[row] and sheet.loc[r, "Woonplaats"]]
        if elsewhere:
            sheet.loc[row, "Woonplaats"] = sheet.loc[rng.choice(elsewhere), "Woonplaats"]
            sheet.loc[row, "Postcode"] = None
    sheet.to_excel(path, index=False, sheet_name="Deelnemers")
    return path


def travel_figures(report: LineupReport) -> dict:
    """The issue's figures of one line-up: ratios, farthest km, mean km per person."""
    ratios, farthest, everyone = [], [], []
    for group in report.groups:
        km = list(group.travel_km.values())
        if not km:
            continue
        everyone += km
        mean = statistics.fmean(km)
        farthest.append(max(km))
        if mean > 0:
            ratios.append(max(km) / mean)
    return {
        "groups": len(report.groups),
        "median_ratio": round(statistics.median(ratios), 3) if ratios else None,
        "worst_ratio": round(max(ratios), 3) if ratios else None,
        "median_max_km": round(statistics.median(farthest), 1) if farthest else None,
        "mean_km": round(statistics.fmean(everyone), 2) if everyone else None,
    }


def run_one(path: Path, weight: int, time_limit: float, seed: int) -> dict:
    """Form ``path`` with default settings and ``travel_balance`` at ``weight`` (0 = off)."""
    rule = f"{BALANCE_KEY}=soft:{weight}" if weight else f"{BALANCE_KEY}=off"
    options = FormOptions(time_limit_s=time_limit, seed=seed, rules=(rule,))
    start = time.perf_counter()
    formed = form_groups(path, options)
    seconds = time.perf_counter() - start
    report = formed.report
    others = {k: v for k, v in sorted(report.per_rule.items()) if k not in TRAVEL_KEYS}
    return {
        "weight": weight,
        **travel_figures(report),
        "hard_violations": report.hard_violations,
        "unplaced": len(report.unplaced),
        "objective": report.objective,
        "other_rules": others,
        "seconds": round(seconds, 1),
    }


def intakes(folder: Path, quick: bool) -> list[tuple[str, Path]]:
    """The held-out intakes as files (the quick run: two of them)."""
    chosen = HELD_OUT[:1] if quick else HELD_OUT
    files = [(name, write_sample(spec, folder / f"{name}.xlsx")) for name, spec in chosen]
    name, spec = VARIATION
    files.append((name, write_variation(spec, folder / f"{name}.xlsx")))
    for _, path in files:  # a file that does not read is a bench defect, not a figure
        read_intake(path)
    return files


def summarise(rows: list[dict]) -> dict:
    """Per weight, the median over intakes and seeds of each figure, and the changes against
    weight 0 (the line-up without the rule) of the same intake and seed."""
    by_weight: dict[int, list[dict]] = {}
    for row in rows:
        by_weight.setdefault(row["weight"], []).append(row)
    baseline = {(row["intake"], row["seed"]): row for row in rows if row["weight"] == 0}

    def change(runs: list[dict], figure) -> list[float]:
        """Relative change of ``figure(row)`` against the same intake and seed at weight 0."""
        pairs = [(r, baseline.get((r["intake"], r["seed"]))) for r in runs]
        return [figure(r) / figure(base) - 1 for r, base in pairs if base and figure(base)]

    summary = {}
    for weight, runs in sorted(by_weight.items()):
        rises = change(runs, lambda r: r["mean_km"])
        function = change(runs, lambda r: r["other_rules"].get("function", 0))
        goals = change(runs, lambda r: r["other_rules"].get("learning_goals", 0))
        summary[str(weight)] = {
            "median_ratio": statistics.median(r["median_ratio"] for r in runs),
            "worst_ratio": max(r["worst_ratio"] for r in runs),
            "median_max_km": statistics.median(r["median_max_km"] for r in runs),
            "mean_km": round(statistics.fmean(r["mean_km"] for r in runs), 2),
            "mean_km_change": round(statistics.fmean(rises), 3) if rises else None,
            "max_mean_km_rise": round(max(rises), 3) if rises else None,
            "function_change": round(statistics.fmean(function), 3) if function else None,
            "worst_function_change": round(min(function), 3) if function else None,
            "goals_change": round(statistics.fmean(goals), 3) if goals else None,
            "hard_violations": sum(r["hard_violations"] for r in runs),
            "unplaced": sum(r["unplaced"] for r in runs),
        }
    return summary


def print_rows(rows: list[dict]) -> None:
    head = f"{'intake':<28}{'seed':>5}{'weight':>7}{'med.ratio':>10}{'worst':>7}{'med.max km':>11}"
    print(head + f"{'mean km':>9}{'hard':>6}{'unpl.':>6}{'function':>10}{'sec':>6}")
    for r in rows:
        print(
            f"{r['intake']:<28}{r['seed']:>5}{r['weight']:>7}{r['median_ratio']:>10.2f}{r['worst_ratio']:>7.2f}"
            f"{r['median_max_km']:>11.1f}{r['mean_km']:>9.2f}{r['hard_violations']:>6}"
            f"{r['unplaced']:>6}{r['other_rules'].get('function', 0):>10}{r['seconds']:>6}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--weights", type=int, nargs="+", default=[0, 8, 16, 32, 64])
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument(
        "--seeds", type=int, nargs="+", default=[1], help="solver seeds: replicates per weight"
    )
    parser.add_argument("--quick", action="store_true", help="one generated intake + variation")
    parser.add_argument("--tag", default="", help="suffix for the result file name")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name, path in intakes(Path(folder), args.quick):
            for seed in args.seeds:
                for weight in args.weights:
                    run = run_one(path, weight, args.time_limit, seed)
                    rows.append({"intake": name, "seed": seed, **run})
                    print_rows(rows[-1:])
    print()
    print_rows(rows)
    summary = summarise(rows)
    print("\nper weight (median over intakes and seeds; changes against weight 0):")
    print(pd.DataFrame(summary).T.to_string())
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"travel_balance{args.tag}.json"
    out.write_text(json.dumps({"runs": rows, "per_weight": summary}, indent=2) + "\n")


if __name__ == "__main__":
    main()
