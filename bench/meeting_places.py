"""Meeting places a group can meet in (issue 12 point 5): villages before, towns after.

``python -m bench.meeting_places [--threshold 15000] [--time-limit 10] [--quick]``

Each intake is formed as ``intervisie form`` does with default settings twice: with
``min_town_population = 0`` (meeting places are members' own places: the line-up before this
change) and with the threshold (meeting places are towns of at least that size). Reported per
intake and setting: how many groups meet in a place below the threshold (population as
``intake.towns`` estimates it; a place not in the gazetteer counts as below), the mean and
largest road km per person (``bench.travel_balance.travel_figures`` and the line-up's report),
hard violations and unplaced people, so a line-up that meets in towns at the price of a broken
rule shows.

Intakes: the bundled samples (``data/samples``: the four realistic exports and intake_150) and
the held-out intakes of ``bench.travel_balance`` (generated, plus the hand-made variation).
Timing is not a figure here; on the shared machine a run's km move by a few per cent.
Results go to ``bench/results/meeting_places.json``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
from pathlib import Path

from bench.travel_balance import intakes as held_out_intakes
from bench.travel_balance import travel_figures
from intake.towns import population_of
from workflow import FormOptions, form_groups

RESULTS = Path(__file__).parent / "results"
SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
BUNDLED = (
    "msforms_nl_60.xlsx",
    "msforms_en_60.xlsx",
    "gforms_en_80.xlsx",
    "gforms_nl_80.csv",
    "intake_150.xlsx",
)


def run_one(path: Path, threshold: int, time_limit: float, seed: int) -> dict:
    """Form ``path`` with meeting places from towns of ``threshold`` people (0: own places)."""
    options = FormOptions(time_limit_s=time_limit, seed=seed, min_town_population=threshold)
    report = form_groups(path, options).report
    places = [g.venue.name for g in report.groups if g.venue is not None]
    km = [v for g in report.groups for v in g.travel_km.values()]
    return {
        "min_town_population": threshold,
        "groups": len(report.groups),
        "places": places,
        "mean_km": travel_figures(report)["mean_km"],
        "max_km": round(max(km), 1) if km else None,
        "hard_violations": report.hard_violations,
        "unplaced": len(report.unplaced),
    }


def below(places: list[str], threshold: int) -> int:
    """How many of ``places`` have fewer than ``threshold`` inhabitants (unknown: fewer)."""
    return sum((population_of(name.split(" (")[0]) or 0) < threshold for name in places)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--threshold", type=int, default=15_000)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="two bundled samples only")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        files = [(name.split(".")[0], SAMPLES / name) for name in BUNDLED]
        files = files[:2] if args.quick else files + held_out_intakes(Path(folder), False)
        print(
            f"{'intake':<28}{'threshold':>10}{'groups':>7}{'below':>6}{'mean km':>8}"
            f"{'max km':>8}{'hard':>5}{'unpl.':>6}"
        )
        for name, path in files:
            for threshold in (0, args.threshold):
                run = run_one(path, threshold, args.time_limit, args.seed)
                run["below_threshold"] = below(run["places"], args.threshold)
                rows.append({"intake": name, **run})
                print(
                    f"{name:<28}{threshold:>10}{run['groups']:>7}{run['below_threshold']:>6}"
                    f"{run['mean_km']:>8.2f}{run['max_km']:>8.1f}{run['hard_violations']:>5}"
                    f"{run['unplaced']:>6}"
                )
    summary = {}
    for threshold in (0, args.threshold):
        runs = [r for r in rows if r["min_town_population"] == threshold]
        summary[str(threshold)] = {
            "groups": sum(r["groups"] for r in runs),
            "groups_below_threshold": sum(r["below_threshold"] for r in runs),
            "mean_km": round(statistics.fmean(r["mean_km"] for r in runs), 2),
            "max_km": max(r["max_km"] for r in runs),
            "hard_violations": sum(r["hard_violations"] for r in runs),
            "unplaced": sum(r["unplaced"] for r in runs),
        }
    print(json.dumps(summary, indent=2))
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "meeting_places.json"
    out.write_text(
        json.dumps({"threshold": args.threshold, "summary": summary, "runs": rows}, indent=2),
        encoding="utf-8",
    )
    print(f"written {out}")


if __name__ == "__main__":
    main()
