"""Machine-readable output of the commands (``--json``); the schema is documented in the README.

Every JSON this product writes (CLI ``--json``, the web API, report data) goes through
:func:`strict` and :func:`dumps`: JSON has no NaN or Infinity, and pandas fills missing values
with NaN, NA and NaT, so they become ``null`` here instead of ``NaN`` that strict parsers
(JavaScript's ``JSON.parse``, ``jq``) refuse.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from intake.analysis import Analysis
from intake.issues import Issue, count_by_kind, ranked
from intake.pipeline import ExcludedRow, IntakeResult
from optimiser.intervision.lineup import LineupReport
from optimiser.result import Result
from reporting.quality import judge_all, lineup_purity
from rounds.next_round import NextRound


def strict(value: Any) -> Any:
    """``value`` as plain JSON data: missing numbers and dates become None, numpy scalars and
    tuples their Python forms, dates ISO text. Raises TypeError for anything else unknown."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, Mapping):
        return {str(key): strict(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset | np.ndarray):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return [strict(item) for item in items]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON data: {type(value).__name__}")


def dumps(data: Any, *, indent: int | None = 2) -> str:
    """Strict JSON text of ``data``; ``allow_nan=False`` makes a NaN that slipped through fail."""
    return json.dumps(strict(data), ensure_ascii=False, indent=indent, allow_nan=False)


def intake_json(intake: IntakeResult, lang: str) -> dict[str, Any]:
    """The ``check --json`` object: what was read, how columns were matched, every issue
    (most important first, with counts per kind)."""
    return strict(
        {
            "file": intake.file,
            "source": intake.source.value,
            "rows": intake.n_rows,
            "participants": len(intake.table),
            "mapping": [
                {
                    "header": m.header,
                    "field": m.field,
                    "confidence": round(m.confidence, 3),
                    "how": m.how,
                }
                for m in intake.mapping
            ],
            "excluded": [excluded_json(e, lang) for e in intake.excluded],
            "issues": [issue_json(i, lang) for i in ranked(intake.issues)],
            "issue_counts": {kind.value: n for kind, n in count_by_kind(intake.issues).items()},
        }
    )


def issue_json(issue: Issue, lang: str) -> dict[str, Any]:
    """One issue as in ``check --json`` (also one item of the web API's paged issues)."""
    return {
        "kind": issue.kind.value,
        "severity": issue.severity.value,
        "code": issue.code,
        "row": issue.row,
        "column": issue.column,
        "value": issue.value,
        "message": issue.message(lang),
    }


def excluded_json(excluded: ExcludedRow, lang: str) -> dict[str, Any]:
    """One row left out, with the spreadsheet's row number and the reason."""
    return {"source_row": excluded.row, "reason": excluded.reason(lang)}


def analysis_json(intake: IntakeResult, analysis: Analysis, lang: str) -> dict[str, Any]:
    """``intervisie analyse --json``: each participant's function, family, occupation and level,
    the families table and the findings (schema in the README)."""
    table = analysis.table

    def value(row: Any, column: str) -> Any:
        item = row.get(column) if column in table.columns else None
        if item is None or (not isinstance(item, str) and pd.isna(item)):
            return None
        return int(item) if column in ("source_row", "level") else str(item)

    participants = [
        {
            column: value(row, column)
            for column in (
                "pid",
                "name",
                "source_row",
                "function",
                "function_family",
                "occupation_code",
                "occupation",
                "isco_group",
                "level",
            )
        }
        for _, row in table.iterrows()
    ]
    families = [
        {
            "family": row.family,
            "size": int(row.size),
            "titles": list(row.titles),
            "occupation_code": row.occupation_code,
            "isco": row.isco,
        }
        for row in analysis.families.itertuples(index=False)
    ]
    findings = [
        {
            "code": f.code,
            "severity": str(getattr(f.severity, "value", f.severity)),
            "pids": list(f.pids),
            "message": f.message_nl if lang == "nl" else f.message_en,
            "suggestion": f.suggestion_nl if lang == "nl" else f.suggestion_en,
        }
        for f in analysis.diagnosis
    ]
    return strict(
        {
            "file": intake.file,
            "language": lang,
            "participants": participants,
            "families": families,
            "findings": findings,
        }
    )


def lineup_json(
    table,
    report: LineupReport,
    excluded: Sequence[ExcludedRow],
    result: Result | None,
    lang: str,
) -> dict[str, Any]:
    """A line-up as JSON: groups, rules, unplaced people and the rows the intake set aside."""

    def member(pid: str, travel: float | None = None) -> dict[str, Any]:
        person = table.loc[pid]
        return {
            "pid": pid,
            "name": person["name"],
            "email": person["email"],
            "source_row": int(person["source_row"]),
            **(
                {"travel_km": None if travel is None or math.isnan(travel) else round(travel, 1)}
                if travel is not None
                else {}
            ),
        }

    verdicts = judge_all(table, report, lang)

    def share(value: float | None) -> float | None:
        return None if value is None else round(value, 3)

    return strict(
        {
            "status": result.status.value if result else None,
            "objective": report.objective,
            "function_purity": share(lineup_purity(table, report).share),
            "gap": result.gap if result else None,
            "groups": [
                {
                    "group": g.group,
                    "moment": g.moment,
                    "online": g.meets_online,
                    "venue": None
                    if g.venue is None
                    else {
                        "name": g.venue.name,
                        "lat": None if g.venue.online else g.venue.lat,
                        "lon": None if g.venue.online else g.venue.lon,
                        "online": g.venue.online,
                    },
                    "score": g.score,
                    "verdict": verdicts[g.group].verdict,
                    "verdict_reasons": list(verdicts[g.group].reasons),
                    "function_purity": share(verdicts[g.group].purity.share),
                    "travel_km_max": g.travel_km_max,
                    "travel_km_mean": g.travel_km_mean,
                    "hosts": list(g.hosts),
                    "members": [member(pid, g.travel_km.get(pid, math.nan)) for pid in g.pids],
                    "rules": [
                        {
                            "key": r.key,
                            "score": r.score,
                            "violations": r.violations,
                            "hard": r.hard,
                            "detail": r.detail,
                        }
                        for r in g.rules
                    ],
                    "broken_hard": [{"key": k, "sentence": s} for k, s in g.broken_hard],
                }
                for g in report.groups
            ],
            "unplaced": [{**member(pid), "reason": reason} for pid, reason in report.unplaced],
            "excluded": [{"source_row": e.row, "reason": e.reason(lang)} for e in excluded],
            "scores": report.per_rule,
            "hard_violations": report.hard_violations,
        }
    )


def next_round_json(
    outcome: NextRound,
    table: pd.DataFrame,
    report: LineupReport,
    excluded: Sequence[ExcludedRow],
    previous_table: pd.DataFrame,
    lang: str,
) -> dict[str, Any]:
    """``form``'s JSON plus kept/repeated pairs, each member's previous group, the changes
    with their reasons and the drop-outs (``previous_table``: the previous round's people)."""
    data = lineup_json(table, report, excluded, outcome.result, lang)
    for group in data["groups"]:
        for member in group["members"]:
            member["previous_group"] = outcome.previous_group.get(member["pid"])
    for member in data["unplaced"]:
        member["previous_group"] = outcome.previous_group.get(member["pid"])
    data["mode"] = outcome.mode
    data["continuing_pairs"] = outcome.continuing_pairs
    data["kept_pairs"] = outcome.kept_pairs
    data["repeated_pairs"] = outcome.repeated_pairs
    names = table["name"]
    previous_names = previous_table["name"]
    data["changes"] = [
        {
            "pid": c.pid,
            "name": str(names[c.pid]),
            "from": c.before,
            "to": c.after,
            "reason": c.reason,
        }
        for c in outcome.changes
    ]
    data["dropouts"] = [
        {
            "previous_pid": c.pid,
            "name": str(previous_names[c.pid]),
            "previous_group": c.before,
            "reason": c.reason,
        }
        for c in outcome.dropouts
    ]
    data["uncertain_matches"] = [
        {"pid": q.current, "previous_pid": q.previous, "score": q.score}
        for q in outcome.matching.questions
    ]
    return data
