"""How fast and lean is reading a large intake? ``python -m bench.intake_speed [--n 5000]``.

Writes a synthetic hand-made intake of ``n`` rows as xlsx, then measures in fresh child
processes (so peak memory is per run): the full ``read_intake`` pipeline, and as a baseline
in the same run plain ``pandas.read_excel`` (openpyxl engine) of the same file, which only
reads cells. Reports seconds, peak RSS and the ratio pipeline / baseline.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
path, what = Path(sys.argv[1]), sys.argv[2]
start = time.perf_counter()
if what == "pipeline":
    from intake.pipeline import read_intake
    result = read_intake(path)
    rows = len(result.table) + len(result.excluded)
else:
    import pandas as pd
    rows = len(pd.read_excel(path, engine="openpyxl", header=2))
seconds = time.perf_counter() - start
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"what": what, "rows": rows, "seconds": seconds, "peak_mb": peak_mb}))
"""


def measure(path: Path, what: str) -> dict[str, float]:
    """Run one measurement in a fresh interpreter and return its figures."""
    output = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), what],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=5000, help="rows in the generated intake")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best kept)")
    args = parser.parse_args()
    from intake.samples import SampleSpec, write_sample

    with tempfile.TemporaryDirectory() as folder:
        path = write_sample(SampleSpec(n=args.n, seed=5, mess=0.05), Path(folder) / "big.xlsx")
        size_mb = path.stat().st_size / 1e6
        runs = {
            what: min((measure(path, what) for _ in range(args.repeat)), key=lambda r: r["seconds"])
            for what in ("baseline", "pipeline")
        }
    ratio = runs["pipeline"]["seconds"] / runs["baseline"]["seconds"]
    summary = {
        "n": args.n,
        "file_mb": round(size_mb, 2),
        **{f"{k}_{m}": round(v[m], 2) for k, v in runs.items() for m in ("seconds", "peak_mb")},
        "pipeline_rows": runs["pipeline"]["rows"],
        "time_ratio_pipeline_vs_pandas_read": round(ratio, 2),
    }
    print(json.dumps(summary, indent=2))
    out = Path(__file__).parent / "results" / f"intake_speed_{args.n}.json"
    out.write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
