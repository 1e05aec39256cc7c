"""Build the compact ESCO occupation index shipped in ``intake/data/`` from ``shared/esco/``.

``python scripts/build_esco_index.py [ESCO_DIR]`` (default: ``shared/esco`` beside the repository,
or beside its parent folder for a worktree) writes
``intake/data/esco_occupations.csv`` (one row per occupation: ESCO code, ISCO-08 unit group,
Dutch and English preferred labels, and every alternative and hidden label per language, joined
with ``|``) and ``intake/data/esco_isco_groups.csv`` (ISCO-08 code and English label). The
descriptions, URIs and dates are left out: matching needs only the labels and codes, which keeps
the index at a fraction of the source size. Rows and labels are sorted, so the same source gives
the same bytes (``tests/scripts/test_build_esco_index.py`` rebuilds and compares).

ESCO is © European Union, free reuse with attribution (Commission Decision 2011/833/EU); the
attribution is in the README and the web app's footer.
"""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "intake" / "data"
OCCUPATION_FIELDS = ("code", "isco", "nl", "en", "nl_labels", "en_labels")
LABEL_SEPARATOR = "|"


def _labels(row: dict[str, str] | None) -> list[str]:
    """The alternative and hidden labels of one occupation, without the preferred one."""
    if row is None:
        return []
    cells = (row.get("altLabels") or "") + "\n" + (row.get("hiddenLabels") or "")
    preferred = row["preferredLabel"].strip()
    labels = {" ".join(v.replace(LABEL_SEPARATOR, "/").split()) for v in cells.split("\n")}
    return sorted(label for label in labels if label and label != preferred)


def occupation_rows(esco: Path) -> list[dict[str, str]]:
    """One row per occupation of the Dutch file (it carries the ESCO codes), joined on the URI
    with the English file (three Dutch occupations have no English row)."""
    with (esco / "occupations_nl.csv").open(encoding="utf-8", newline="") as handle:
        dutch = list(csv.DictReader(handle))
    with (esco / "occupations_en.csv").open(encoding="utf-8", newline="") as handle:
        english = {row["conceptUri"]: row for row in csv.DictReader(handle)}
    rows = []
    for nl in dutch:
        en = english.get(nl["conceptUri"])
        rows.append(
            {
                "code": nl["code"].strip(),
                "isco": nl["iscoGroup"].strip(),
                "nl": nl["preferredLabel"].strip(),
                "en": en["preferredLabel"].strip() if en else "",
                "nl_labels": LABEL_SEPARATOR.join(_labels(nl)),
                "en_labels": LABEL_SEPARATOR.join(_labels(en)),
            }
        )
    return sorted(rows, key=lambda r: [int(p) for p in r["code"].split(".")])


def isco_rows(esco: Path) -> list[dict[str, str]]:
    """ISCO-08 groups (1 to 4 digits) with their English labels, sorted by code."""
    with (esco / "ISCOGroups_en.csv").open(encoding="utf-8", newline="") as handle:
        groups = [
            {"code": row["code"].strip(), "en": row["preferredLabel"].strip()}
            for row in csv.DictReader(handle)
        ]
    return sorted(groups, key=lambda r: (len(r["code"]), r["code"]))


def _csv_text(rows: list[dict[str, str]], fields: tuple[str, ...]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def build(esco: Path, out: Path) -> list[Path]:
    """Write both index files into ``out``; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    occupations = out / "esco_occupations.csv"
    groups = out / "esco_isco_groups.csv"
    occupations.write_text(_csv_text(occupation_rows(esco), OCCUPATION_FIELDS), encoding="utf-8")
    groups.write_text(_csv_text(isco_rows(esco), ("code", "en")), encoding="utf-8")
    return [occupations, groups]


def default_source() -> Path | None:
    """``shared/esco`` beside the repository (a clone) or beside its parent (a worktree)."""
    for base in (REPO.parent, REPO.parent.parent):
        if (base / "shared" / "esco" / "occupations_nl.csv").is_file():
            return base / "shared" / "esco"
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("esco", nargs="?", type=Path, default=default_source())
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    for path in build(args.esco, args.out):
        print(f"{path}: {path.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
