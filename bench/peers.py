"""Who is a peer, measured: ``python -m bench.peers [--quick]``.

Three ARI figures (adjusted Rand index of the function families against the true functions):

- **held-out ESCO**: a deterministic tenth of the ESCO occupations of ISCO major groups 2-5
  (sha256 of the code) is held out; their alternative labels (Dutch and English) are the titles
  to group, the truth being their ISCO-08 unit group. Labels that the curated table or the
  synonym table contain, or that several ISCO groups share, are dropped first, so no held-out
  title reaches the product's own tuning. Two figures: *noisy titles* (the shipped index, each
  label with intake-form noise: seniority, hours, grade, a typo, case, hyphens) and *unseen
  labels* (the index rebuilt without the held-out labels: generalisation to labels the index
  has never seen, from words alone).
- **real-world titles**: ``bench/data/peer_titles.csv``, titles written as intake forms hold
  them (abbreviations, compounds, gendered forms, hours, teacher forms) in 23 functions.
- **samples**: the bundled generator's intakes (n=150 nl/en, n=2,000), whose titles come from
  the same vocabulary as the synonym table, for comparison.

Speed and memory: analysing 20,000 rows (a generated intake, and 20,000 titles drawn from
ESCO labels so that thousands are distinct) in a fresh process each, and the peak memory the
index adds (RSS after building it minus RSS with every library imported). Writes
``bench/results/peers.json``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import subprocess
import sys
import tempfile
import tomllib
from importlib import resources
from pathlib import Path

import pandas as pd
from sklearn.metrics import adjusted_rand_score

RESULTS = Path(__file__).parent / "results" / "peers.json"
HELD_OUT_SHARE = 10  # one occupation in ten
DOMAIN_MAJOR_GROUPS = ("2", "3", "4", "5")


def _esco_rows() -> list[dict[str, str]]:
    text = (resources.files("intake") / "data" / "esco_occupations.csv").read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def _curated() -> dict:
    text = (resources.files("intake") / "data" / "occupations_curated.toml").read_text("utf-8")
    return tomllib.loads(text)


def held_out_codes(rows: list[dict[str, str]]) -> frozenset[str]:
    """Every tenth occupation of ISCO major groups 2-5, chosen by the hash of its code."""
    return frozenset(
        r["code"]
        for r in rows
        if r["isco"].startswith(DOMAIN_MAJOR_GROUPS)
        and hashlib.sha256(r["code"].encode()).digest()[0] % HELD_OUT_SHARE == 0
    )


def held_out_titles(rows: list[dict[str, str]], codes: frozenset[str]) -> pd.DataFrame:
    """The held-out occupations' alternative labels (title, truth = ISCO unit group), without
    labels the curated or synonym tables know and without labels of several occupations."""
    from intake.analysis.functions import _synonyms
    from intake.analysis.occupations import match_key

    curated = _curated()
    tuned = {match_key(label) for e in curated["occupation"] for label in e["labels"]}
    tuned |= {match_key(e[k]) for e in curated["occupation"] for k in ("nl", "en")}
    _, synonyms = _synonyms()
    tuned |= {match_key(k) for k in synonyms} | {match_key(v) for v in synonyms.values()}
    owners: dict[str, set[str]] = {}
    for row in rows:
        for column in ("nl_labels", "en_labels"):
            for label in filter(None, row[column].split("|")):
                owners.setdefault(match_key(label), set()).add(row["isco"])
    records = []
    for row in rows:
        if row["code"] not in codes:
            continue
        for column in ("nl_labels", "en_labels"):
            for label in filter(None, row[column].split("|")):
                key = match_key(label)
                if key not in tuned and len(owners[key]) == 1:
                    records.append({"title": label, "truth": f"isco:{row['isco']}"})
    return pd.DataFrame(records).drop_duplicates("title", ignore_index=True)


def intake_form_noise(titles: list[str], seed: int = 0) -> list[str]:
    """Each title as an intake form might hold it: seniority, hours, grade, a typo, another
    case or separators, one of them per title (chosen at random, reproducibly)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    noisy = []
    for title in titles:
        kind = rng.integers(6)
        if kind == 0:
            noisy.append(f"Senior {title}")
        elif kind == 1:
            noisy.append(f"{title} (0,8 fte)")
        elif kind == 2 and len(title) >= 12:
            cut = int(rng.integers(3, len(title) - 3))
            noisy.append(title[:cut] + title[cut + 1] + title[cut] + title[cut + 2 :])  # swap
        elif kind == 3:
            noisy.append(title.upper())
        elif kind == 4:
            noisy.append(title.replace(" ", "-") + " niveau 4")
        else:
            noisy.append(title[:1].upper() + title[1:])
    return noisy


def ari_held_out(*, unseen: bool) -> dict[str, float | int]:
    """ARI on the held-out occupations' labels. ``unseen``: the index is rebuilt without them
    (can matching generalise to labels it never saw?); otherwise the shipped index is used and
    the labels carry intake-form noise (are labels the tuning never saw matched?)."""
    from intake.analysis.functions import function_families
    from intake.analysis.occupations import build_index

    rows = _esco_rows()
    codes = held_out_codes(rows)
    titles = held_out_titles(rows, codes)
    index = build_index(rows, _curated(), hold_out=codes if unseen else frozenset())
    written = list(titles["title"]) if unseen else intake_form_noise(list(titles["title"]))
    labels = function_families(written, index=index).labels
    return {
        "occupations": len(codes),
        "titles": len(titles),
        "true_groups": int(titles["truth"].nunique()),
        "families_found": len(set(labels)),
        "ari": round(adjusted_rand_score(titles["truth"], labels), 4),
    }


def ari_real_world() -> dict[str, float | int]:
    from intake.analysis.functions import function_families

    titles = pd.read_csv(Path(__file__).parent / "data" / "peer_titles.csv")
    labels = function_families(list(titles["title"])).labels
    return {
        "titles": len(titles),
        "true_functions": int(titles["function"].nunique()),
        "families_found": len(set(labels)),
        "ari": round(adjusted_rand_score(titles["function"], labels), 4),
    }


def ari_samples(quick: bool) -> dict[str, float]:
    from intake.analysis.functions import function_families
    from intake.pipeline import read_intake
    from intake.samples import SampleSpec, generate_sample, write_sample

    specs = [
        SampleSpec(n=150, seed=1, lang="nl", style="hand"),
        SampleSpec(n=150, seed=2, lang="en", style="msforms"),
    ]
    if not quick:
        specs.append(SampleSpec(n=2000, seed=3, lang="nl", style="gforms"))
    figures = {}
    with tempfile.TemporaryDirectory() as folder:
        for spec in specs:
            intake = read_intake(write_sample(spec, Path(folder) / "sample.xlsx"))
            _, truth = generate_sample(spec)
            rows = intake.table["source_row"].to_numpy() - intake.raw.header_row - 1
            labels = function_families(list(intake.table["function"])).labels
            score = adjusted_rand_score(truth.iloc[rows]["family"], labels)
            figures[f"n{spec.n}_{spec.lang}_{spec.style}"] = round(score, 4)
    return figures


_CHILD = r"""
import json, resource, sys, time
what, n, source = sys.argv[1], int(sys.argv[2]), sys.argv[3]
import numpy, pandas, scipy, sklearn, rapidfuzz  # the libraries, before the index
from intake.analysis import analyse
from intake.analysis.functions import function_families
def rss_mb():
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize() / 2**20
if what == "index":
    import tracemalloc
    from intake.analysis.occupations import occupation_index
    before_mb = rss_mb()
    start = time.perf_counter()
    occupation_index()
    seconds = time.perf_counter() - start
    after_mb = rss_mb()
    tracemalloc.start()  # a second build, traced: the Python memory it needs at its peak
    occupation_index.__wrapped__()
    traced_peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(json.dumps({"seconds": seconds, "index_adds_rss_mb": after_mb - before_mb,
                      "index_peak_python_mb": traced_peak_mb, "rss_before_mb": before_mb}))
    sys.exit()
table = pandas.read_pickle(source)
start = time.perf_counter()
if what == "analyse":
    result = analyse(table)
    families = len(result.families)
else:
    families = len(set(function_families(list(table["function"])).labels))
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "families": families, "distinct_titles":
                  int(table["function"].nunique()), "peak_mb": peak}))
"""


def _child(what: str, n: int, source: Path | None) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, "-c", _CHILD, what, str(n), str(source or "")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def speed(n: int) -> dict[str, dict[str, float]]:
    """Analyse ``n`` rows of a generated intake, and ``n`` titles drawn from ESCO labels."""
    import numpy as np

    from intake.pipeline import read_intake
    from intake.samples import SampleSpec, write_sample

    figures: dict[str, dict[str, float]] = {"index": _child("index", 0, None)}
    with tempfile.TemporaryDirectory() as folder:
        sample = read_intake(
            write_sample(SampleSpec(n=n, seed=5, mess=0.05), Path(folder) / "s.xlsx")
        )
        path = Path(folder) / "sample.pkl"
        sample.table.to_pickle(path)
        figures["analyse_sample"] = _child("analyse", n, path)
        figures["families_sample"] = _child("families", n, path)
        labels = [
            label
            for row in _esco_rows()
            for label in [row["nl"], row["en"], *row["nl_labels"].split("|")[:3]]
            if label
        ]
        rng = np.random.default_rng(0)
        table = sample.table.copy()
        table["function"] = rng.choice(np.array(labels, dtype=object), size=len(table))
        path = Path(folder) / "esco.pkl"
        table.to_pickle(path)
        figures["families_esco_titles"] = _child("families", n, path)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="no n=2,000 sample, 2,000 rows")
    parser.add_argument("--n", type=int, default=20_000, help="rows for the speed run")
    args = parser.parse_args()
    n = 2000 if args.quick else args.n
    summary = {
        "held_out_esco_noisy_titles": ari_held_out(unseen=False),
        "held_out_esco_unseen_labels": ari_held_out(unseen=True),
        "real_world_titles": ari_real_world(),
        "samples": ari_samples(args.quick),
        f"speed_{n}": speed(n),
    }
    print(json.dumps(summary, indent=2))
    if not args.quick:
        RESULTS.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
