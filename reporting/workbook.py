"""The groups workbook a coordinator sends out, and can edit and feed back to evaluate/repair.

Sheets, in a fixed order: Overview, one sheet per group, Participants (everyone with their
group and a Pinned column, editable), Unplaced (with reasons), Intake issues, Settings (what is
needed to reproduce the run), and a hidden ``_participants`` sheet holding the participant
table itself so that ``evaluate``/``repair`` can re-score an edited workbook exactly.
No timestamps are written into cells, so the same run gives the same cells.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment

from intake.issues import Issue
from intake.pipeline import ExcludedRow
from optimiser.intervision.lineup import GroupReport, LineupReport
from reporting.labels import label
from reporting.sheets import TITLE_FONT, put, write_table
from reporting.table_io import HIDDEN_SHEET, table_rows

_KM = "0.0"


@dataclass(frozen=True)
class RunInfo:
    """How a line-up was made, so that it can be reproduced."""

    input_file: str
    input_sha256: str
    version: str
    seed: int
    time_limit_s: float
    workers: int
    status: str
    objective: int
    gap: float | None
    solve_time_s: float
    settings_toml: str


def write_workbook(
    path: Path,
    *,
    table: pd.DataFrame,
    report: LineupReport,
    issues: Sequence[Issue],
    excluded: Sequence[ExcludedRow],
    run: RunInfo,
    rule_names: Mapping[str, str],
    pinned: Collection[str] = (),
    lang: str = "en",
) -> Path:
    """Write the workbook to ``path`` and return it."""
    book = Workbook()
    overview = book.active
    overview.title = label("overview", lang)
    _overview(overview, table, report, rule_names, lang)
    for group in report.groups:
        _group_sheet(
            book.create_sheet(label("group_sheet", lang, n=group.group)), table, group, lang
        )
    _participants(book.create_sheet(label("participants", lang)), table, report, pinned, lang)
    _unplaced(book.create_sheet(label("unplaced", lang)), table, report, excluded, lang)
    _issues(book.create_sheet(label("issues", lang)), issues, lang)
    _settings(book.create_sheet(label("settings", lang)), run, lang)
    hidden = book.create_sheet(HIDDEN_SHEET)
    headers, rows = table_rows(table)
    write_table(hidden, headers, rows)
    hidden.sheet_state = "hidden"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _words(values: Sequence[object], lang: str) -> str:
    return ", ".join(label(str(v), lang) for v in values)


def _overview(sheet, table, report: LineupReport, rule_names, lang: str) -> None:
    headers = [
        label(k, lang)
        for k in (
            "group",
            "size",
            "functions",
            "moment",
            "venue",
            "avg_travel",
            "max_travel",
            "mix",
            "score",
            "broken",
            "notes",
        )
    ]
    rows = []
    for group in report.groups:
        members = table.loc[list(group.pids)]
        functions = Counter(
            members.get("function_family", members["function"]).dropna().astype(str)
        )
        travel = [km for km in group.travel_km.values() if not math.isnan(km)]
        mix = Counter(members["learn_give"].dropna())
        rows.append(
            [
                group.group,
                len(group.pids),
                ", ".join(f"{f} ({c})" if c > 1 else f for f, c in functions.most_common(4)),
                label(group.moment, lang) if group.moment else "",
                group.venue.name if group.venue else "",
                round(sum(travel) / len(travel), 1) if travel else None,
                round(max(travel), 1) if travel else None,
                ", ".join(
                    f"{mix[k]} {label(k, lang)}" for k in ("learn", "give", "both") if mix[k]
                ),
                group.score,
                ", ".join(rule_names.get(k, k) for k in group.broken_hard),
                "; ".join(
                    r.detail for r in group.rules if r.violations and r.detail and not r.hard
                ),
            ]
        )
    write_table(sheet, headers, rows, number_formats={headers[5]: _KM, headers[6]: _KM})


def _group_sheet(sheet, table, group: GroupReport, lang: str) -> None:
    title = f"{label('group', lang)} {group.group}"
    if group.moment:
        title += f" · {label(group.moment, lang)}"
    if group.venue:
        title += f" · {group.venue.name}"
    put(sheet, 1, 1, title).font = TITLE_FONT
    keys = ("name", "email", "function", "organisation", "team", "learn_give", "style", "place")
    headers = [label(k, lang) for k in keys] + [label("travel_km", lang)]
    rows = []
    for pid in group.pids:
        person = table.loc[pid]
        rows.append(
            [
                person["name"],
                person["email"],
                person["function"],
                person["organisation"],
                person["team"],
                label(person["learn_give"], lang)
                if isinstance(person["learn_give"], str)
                else None,
                label(person["learning_style"], lang)
                if isinstance(person["learning_style"], str)
                else None,
                person["place"],
                _km(group.travel_km.get(pid)),
            ]
        )
    write_table(sheet, headers, rows, start_row=3, number_formats={headers[-1]: _KM})


def _km(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else round(value, 1)


def _participants(sheet, table, report: LineupReport, pinned, lang: str) -> None:
    group_of = {pid: g.group for g in report.groups for pid in g.pids}
    keys = ("id", "row", "name", "email", "function", "organisation", "team", "place")
    headers = [label(k, lang) for k in keys] + [label("group", lang), label("pinned", lang)]
    rows = [
        [
            pid,
            person["source_row"],
            person["name"],
            person["email"],
            person["function"],
            person["organisation"],
            person["team"],
            person["place"],
            group_of.get(pid),
            "x" if pid in pinned else None,
        ]
        for pid, person in table.iterrows()
    ]
    write_table(sheet, headers, rows)


def _unplaced(sheet, table, report: LineupReport, excluded, lang: str) -> None:
    headers = [label(k, lang) for k in ("id", "row", "name", "email", "reason")]
    rows: list[list[object]] = [
        [
            pid,
            table.loc[pid, "source_row"],
            table.loc[pid, "name"],
            table.loc[pid, "email"],
            reason,
        ]
        for pid, reason in report.unplaced
    ]
    rows += [[None, e.row, None, None, e.reason(lang)] for e in excluded]
    write_table(sheet, headers, rows)


def _issues(sheet, issues: Sequence[Issue], lang: str) -> None:
    headers = [label(k, lang) for k in ("severity", "row", "column", "value", "message")]
    rows = [
        [label(i.severity.value, lang), i.row, i.column, i.value, i.message(lang)] for i in issues
    ]
    write_table(sheet, headers, rows)


def _settings(sheet, run: RunInfo, lang: str) -> None:
    gap = f"{run.gap:.2%}" if run.gap is not None else ""
    rows = [
        ("input_file", run.input_file),
        ("input_sha256", run.input_sha256),
        ("version", run.version),
        ("seed", run.seed),
        ("time_limit_s", run.time_limit_s),
        ("workers", run.workers),
        ("status", run.status),
        ("objective", run.objective),
        ("gap", gap),
        ("solve_time_s", round(run.solve_time_s, 1)),
        ("settings", run.settings_toml),
        ("geodata", label("attribution", lang)),
    ]
    write_table(sheet, [label("setting", lang), label("value", lang)], rows)
    for row in range(2, len(rows) + 2):
        sheet.cell(row=row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["B"].width = 90
