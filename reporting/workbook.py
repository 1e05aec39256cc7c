"""The groups workbook a coordinator sends out, and can edit and feed back to evaluate/repair.

Sheets, in a fixed order: Overview (a verdict per group in words, function purity, the total
explained), one sheet per group, Contacts (per group: names, e-mail addresses to paste into
Outlook, remarks and an invitation text), Participants (everyone with their group and a Pinned
column, editable), Unplaced (with reasons), Intake issues, Settings (the run in words), and
hidden ``_participants`` (the participant table itself, so that ``evaluate``/``repair`` can
re-score an edited workbook exactly), ``_groups`` (each group's moment and place, which they
keep) and ``_settings`` (the settings as TOML, to reproduce the run) sheets. The Overview's
Online column is editable too: an "x" makes that group meet online. Every visible sheet prints
on A4 one page wide with its header row repeated; a group sheet prints on one page, and the
Contacts sheet one page per group.
No timestamps are written into cells, so the same run gives the same cells.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.pagebreak import Break

from intake.issues import Issue
from intake.pipeline import ExcludedRow
from optimiser.intervision.lineup import GroupReport, LineupReport
from optimiser.intervision.settings import IntervisionSettings
from reporting.labels import label
from reporting.quality import (
    GroupQuality,
    family_name,
    judge_all,
    lineup_purity,
    percent,
    total_explained,
    word,
)
from reporting.sheets import TITLE_FONT, print_setup, put, wrapped_text, write_table
from reporting.table_io import CHOICES_SHEET, HIDDEN_SHEET, choice_rows, table_rows

_KM = "0.0"
_PERCENT = "0%"
SETTINGS_SHEET = "_settings"


@dataclass(frozen=True)
class RunInfo:
    """How a line-up was made, so that it can be reproduced."""

    input_file: str
    input_sha256: str
    version: str
    seed: int
    time_limit_s: float
    status: str
    objective: int
    gap: float | None
    solve_time_s: float
    settings_toml: str
    settings: IntervisionSettings | None = None  # shown in words on the Settings sheet


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
    extra_sheets: Sequence[Callable[[Workbook], None]] = (),
) -> Path:
    """Write the workbook to ``path`` and return it; ``extra_sheets`` add their sheets after
    the Settings sheet (e.g. a next round's Compare sheet)."""
    book = Workbook()
    overview = book.active
    overview.title = label("overview", lang)
    verdicts = judge_all(table, report, lang)
    _overview(overview, table, report, verdicts, rule_names, lang)
    for group in report.groups:
        _group_sheet(
            book.create_sheet(label("group_sheet", lang, n=group.group)),
            table,
            group,
            verdicts[group.group],
            lang,
        )
    if report.groups:
        _contacts(book.create_sheet(label("contacts", lang)), table, report, run.settings, lang)
    _participants(book.create_sheet(label("participants", lang)), table, report, pinned, lang)
    _unplaced(book.create_sheet(label("unplaced", lang)), table, report, excluded, lang)
    _issues(book.create_sheet(label("issues", lang)), issues, lang)
    _settings(book.create_sheet(label("settings", lang)), run, rule_names, lang)
    for add_sheet in extra_sheets:
        add_sheet(book)
    hidden = book.create_sheet(HIDDEN_SHEET)
    headers, rows = table_rows(table)
    write_table(hidden, headers, rows)
    hidden.sheet_state = "hidden"
    choices = book.create_sheet(CHOICES_SHEET)
    write_table(choices, *choice_rows(report))
    choices.sheet_state = "hidden"
    reproduce = book.create_sheet(SETTINGS_SHEET)
    for row, line in enumerate(run.settings_toml.splitlines(), start=1):
        put(reproduce, row, 1, line)
    reproduce.sheet_state = "hidden"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _title(group: GroupReport, lang: str) -> str:
    title = f"{label('group', lang)} {group.group}"
    if group.moment:
        title += f" · {label(group.moment, lang)}"
    if group.venue:
        title += f" · {group.venue.name}"
    return title


def _verdict_line(quality: GroupQuality, lang: str) -> str:
    return f"{label('verdict', lang)}: {word(quality.verdict, lang)} — " + "; ".join(
        quality.reasons
    )


def _overview(sheet, table, report: LineupReport, verdicts, rule_names, lang: str) -> None:
    keys = (
        "group",
        "size",
        "verdict",
        "reasons",
        "functions",
        "function_purity",
        "moment",
        "venue",
        "online",
        "avg_travel",
        "max_travel",
        "mix",
        "score",
    )
    headers = [label(k, lang) for k in keys]
    rows = []
    for group in report.groups:
        members = table.loc[list(group.pids)]
        functions = Counter(
            members.get("function_family", members["function"]).dropna().astype(str)
        )
        travel = [km for km in group.travel_km.values() if not math.isnan(km)]
        mix = Counter(members["learn_give"].dropna())
        quality = verdicts[group.group]
        rows.append(
            [
                group.group,
                len(group.pids),
                word(quality.verdict, lang),
                "; ".join(quality.reasons),
                ", ".join(
                    f"{family_name(f, lang)} ({c})" if c > 1 else family_name(f, lang)
                    for f, c in functions.most_common(4)
                ),
                quality.purity.share,
                label(group.moment, lang) if group.moment else "",
                group.venue.name if group.venue else "",
                "x" if group.meets_online else None,
                round(sum(travel) / len(travel), 1) if travel else None,
                round(max(travel), 1) if travel else None,
                ", ".join(
                    f"{mix[k]} {label(k, lang)}" for k in ("learn", "give", "both") if mix[k]
                ),
                group.score,
            ]
        )
    caps = dict(zip(headers, (7, 7, 14, 45, 30, 12, 12, 18, 7, 10, 10, 16, 9), strict=True))
    last = write_table(
        sheet,
        headers,
        rows,
        number_formats={headers[5]: _PERCENT, headers[9]: _KM, headers[10]: _KM},
        max_widths=caps,
    )
    overall = lineup_purity(table, report)
    notes = [total_explained(report, rule_names, lang)]
    if overall.share is not None:
        notes.append(
            label("purity_overall", lang, share=percent(overall.share, lang), pairs=overall.pairs)
        )
    notes.append(label("purity_means", lang))
    for offset, note in enumerate(notes, start=2):
        wrapped_text(sheet, last + offset, 1, len(headers), note)
    print_setup(sheet, landscape=True, title_rows="1:1")


def _group_sheet(sheet, table, group: GroupReport, quality: GroupQuality, lang: str) -> None:
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
                _word(person["learn_give"], lang),
                _word(person.get("learning_style"), lang),
                person["place"],
                _km(group.travel_km.get(pid)),
            ]
        )
    caps = dict(zip(headers, (24, 36, 26, 22, 14, 10, 14, 16, 11), strict=True))
    write_table(
        sheet, headers, rows, start_row=4, number_formats={headers[-1]: _KM}, max_widths=caps
    )
    put(sheet, 1, 1, _title(group, lang)).font = TITLE_FONT
    wrapped_text(sheet, 2, 1, len(headers), _verdict_line(quality, lang))
    print_setup(sheet, landscape=True, one_page=True)


def _word(value: object, lang: str) -> str | None:
    return label(value, lang) if isinstance(value, str) else None


def _contacts(sheet, table, report: LineupReport, settings, lang: str) -> None:
    """Per group what a coordinator needs to mail it: one printed page per group."""
    keys = ("name", "email", "function", "facilitator_wish", "remarks")
    headers = [label(k, lang) for k in keys]
    widths = (24, 36, 26, 12, 42)
    template = _invitation_template(settings, lang)
    row = 1
    for group in report.groups:
        members = table.loc[list(group.pids)]
        put(sheet, row, 1, _title(group, lang)).font = TITLE_FONT
        emails = [e for e in members["email"] if isinstance(e, str) and e.strip()]
        put(sheet, row + 1, 1, label("emails_for_outlook", lang)).font = Font(bold=True)
        people = [
            [
                person["name"],
                person["email"],
                person["function"],
                _yes_no(person.get("facilitator_wish"), lang),
                person.get("remarks"),
            ]
            for _, person in members.iterrows()
        ]
        end = write_table(
            sheet, headers, people, start_row=row + 4, widths=widths, filter_and_freeze=False
        )
        wrapped_text(sheet, row + 2, 1, len(headers), "; ".join(emails))
        if template:
            put(sheet, end + 2, 1, label("invitation", lang)).font = Font(bold=True)
            wrapped_text(
                sheet, end + 3, 1, len(headers), _invitation(template, group, members, lang)
            )
            end += 3
        sheet.row_breaks.append(Break(id=end))
        row = end + 1
    print_setup(sheet, landscape=False)


def _yes_no(value: object, lang: str) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return label("yes" if bool(value) else "no", lang)


def _invitation_template(settings: IntervisionSettings | None, lang: str) -> str:
    settings = settings or IntervisionSettings()
    return settings.invitation_nl if lang == "nl" else settings.invitation_en


def _invitation(template: str, group: GroupReport, members: pd.DataFrame, lang: str) -> str:
    """The invitation for one group (the settings check that it names only known fields)."""
    names = [str(n).split()[0] for n in members["name"] if isinstance(n, str) and n.strip()]
    joined = ", ".join(names[:-1]) + f" {label('and', lang)} {names[-1]}" if len(names) > 1 else ""
    return template.format(
        group=group.group,
        names=joined or "".join(names),
        count=len(group.pids),
        moment=label(group.moment, lang) if group.moment else label("moment_to_agree", lang),
        place=group.venue.name if group.venue else label("place_to_agree", lang),
        where=_where(group, lang),
    )


def _where(group: GroupReport, lang: str) -> str:
    """Where the group meets as the invitation's sentence needs it: "in Utrecht", "online"."""
    if group.venue is None:
        return label("where_to_agree", lang)
    if group.venue.online:
        return label("where_online", lang)
    return f"{label('where_in', lang)} {group.venue.name}"


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
    caps = dict(zip(headers, (8, 6, 24, 30, 26, 22, 14, 16, 7, 6), strict=True))
    write_table(sheet, headers, rows, max_widths=caps)
    print_setup(sheet, landscape=True, title_rows="1:1")


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
    caps = dict(zip(headers, (8, 6, 24, 30, 60), strict=True))
    write_table(sheet, headers, rows, max_widths=caps)
    print_setup(sheet, landscape=True, title_rows="1:1")


def _issues(sheet, issues: Sequence[Issue], lang: str) -> None:
    headers = [label(k, lang) for k in ("severity", "row", "column", "value", "message")]
    rows = [
        [label(i.severity.value, lang), i.row, i.column, i.value, i.message(lang)] for i in issues
    ]
    caps = dict(zip(headers, (12, 6, 28, 24, 70), strict=True))
    write_table(sheet, headers, rows, max_widths=caps)
    print_setup(sheet, landscape=True, title_rows="1:1")


def _settings(sheet, run: RunInfo, rule_names, lang: str) -> None:
    """The run in words: where it came from, how it was solved, and every setting."""
    gap = f"{run.gap:.2%}" if run.gap is not None else ""
    rows: list[tuple[str, object]] = [
        (label("input_file", lang), run.input_file),
        (label("input_sha256", lang), run.input_sha256),
        (label("version", lang), run.version),
        (label("seed", lang), run.seed),
        (label("time_limit_s", lang), run.time_limit_s),
        (label("status", lang), label(f"status_{run.status}", lang)),
        (label("objective", lang), run.objective),
        (label("gap", lang), gap),
        (label("solve_time_s", lang), round(run.solve_time_s, 1)),
    ]
    if run.settings is not None:
        rows += _settings_in_words(run.settings, rule_names, lang)
    rows.append((label("reproduce", lang), label("reproduce_how", lang)))
    rows.append((label("geodata", lang), label("attribution", lang)))
    rows.append((label("occupation_data", lang), label("esco_attribution", lang)))
    write_table(
        sheet,
        [label("setting", lang), label("value", lang)],
        rows,
        max_widths={label("setting", lang): 40, label("value", lang): 90},
    )
    print_setup(sheet, landscape=False, title_rows="1:1")


def _settings_in_words(
    settings: IntervisionSettings, rule_names, lang: str
) -> list[tuple[str, object]]:
    rows: list[tuple[str, object]] = [
        (label("group_sizes", lang), f"{settings.min_size}–{settings.max_size}"),
        (label("travel_mode", lang), label(f"travel_{settings.travel_mode}", lang)),
        (label("level_max_spread", lang), settings.level_max_spread),
        (label("experience_max_spread", lang), settings.experience_max_spread),
        (label("time_budget_max_spread_h", lang), settings.time_budget_max_spread_h),
    ]
    for key, setting in settings.rules.items():
        level = label(f"level_{setting.level.value}", lang)
        value = (
            level
            if setting.level.value != "soft"
            else (f"{level}, {label('weight', lang)} {setting.weight}")
        )
        rows.append((f"{label('rule', lang)}: {rule_names.get(key)}", value))
    template = _invitation_template(settings, lang)
    rows.append((label("invitation", lang), template or label("none", lang)))
    return rows
