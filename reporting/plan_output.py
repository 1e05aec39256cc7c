"""The programme plan in the outputs: Schedule and Facilitators sheets, HTML section, JSON.

The sheets are added to the line-up workbook after it is written, so the workbook stays the one
a coordinator edits and feeds back; every user text goes through :func:`reporting.sheets.put`
(safe against formula injection).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from intake.weekdays import day_names
from planning.diagnose import moment_word
from planning.methods import method_name
from planning.model import Plan
from reporting.sheets import TITLE_FONT, print_setup, put, write_table

_WORDS = {
    "en": {
        "schedule": "Schedule", "facilitators": "Facilitators", "group": "Group",
        "meeting": "Meeting", "kickoff": "kick-off", "date": "Date", "weekday": "Weekday",
        "start": "Start", "end": "End", "venue": "Meeting place", "facilitator": "Facilitator",
        "host": "Host",
        "method": "Method", "why_method": "Why this method", "reason": "Not planned because",
        "name": "Name", "email": "E-mail", "capacity": "Groups per year", "load": "Groups",
        "groups": "Group numbers", "days": "Days", "moments": "Moments",
        "travel": "Max travel (km)", "languages": "Languages (not matched)",
        "home": "Postcode / place", "families": "Function families", "issues": "List issues",
        "where": "Where", "message": "Message", "plan": "Programme plan",
        "period": "Programme period", "figures": "Solved",
        "every_day": "every day", "every_moment": "every moment", "members": "Members",
    },
    "nl": {
        "schedule": "Planning", "facilitators": "Begeleiders", "group": "Groep",
        "meeting": "Bijeenkomst", "kickoff": "start", "date": "Datum", "weekday": "Dag",
        "start": "Begin", "end": "Einde", "venue": "Plek", "facilitator": "Begeleider",
        "host": "Gastheer/-vrouw",
        "method": "Methode", "why_method": "Waarom deze methode", "reason": "Niet gepland omdat",
        "name": "Naam", "email": "E-mail", "capacity": "Groepen per jaar", "load": "Groepen",
        "groups": "Groepsnummers", "days": "Dagen", "moments": "Momenten",
        "travel": "Max reisafstand (km)", "languages": "Talen (niet vergeleken)",
        "home": "Postcode / plaats",
        "families": "Functiefamilies", "issues": "Meldingen bij de lijst", "where": "Waar",
        "message": "Melding", "plan": "Programmaplanning", "period": "Programmaperiode",
        "figures": "Opgelost", "every_day": "elke dag", "every_moment": "elk moment",
        "members": "Leden",
    },
}  # fmt: skip


def words(lang: str) -> dict[str, str]:
    """The plan's labels in ``lang``."""
    return _WORDS["nl" if lang == "nl" else "en"]


def schedule_rows(plan: Plan, lang: str) -> tuple[list[str], list[list[object]]]:
    """One row per meeting; a group without meetings gets one row with the reason."""
    t = words(lang)
    headers = [
        t["group"], t["meeting"], t["date"], t["weekday"], t["start"], t["end"], t["venue"],
        t["host"], t["facilitator"], t["method"], t["reason"],
    ]  # fmt: skip
    rows: list[list[object]] = []
    for gp in plan.groups:
        f = plan.facilitator(gp.facilitator)
        who = f.name if f else None
        method = method_name(gp.method, lang)
        if not gp.meetings:
            rows.append([gp.group, *[None] * 7, who, method, gp.reason(lang)])
        for m in gp.meetings:
            number = f"{m.number} ({t['kickoff']})" if m.kickoff else str(m.number)
            rows.append(
                [
                    gp.group, number, m.day, day_names((_weekday(m.day),), lang),
                    m.start.strftime("%H:%M"), m.end.strftime("%H:%M"), m.venue,
                    plan.host_name(gp.group, m), who, method,
                    gp.reason(lang) if m.kickoff else None,
                ]
            )  # fmt: skip
    return headers, rows


def _weekday(day) -> str:
    return ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[day.weekday()]


def facilitator_rows(plan: Plan, lang: str) -> tuple[list[str], list[list[object]]]:
    """One row per facilitator: their load against their capacity, and when they can."""
    t = words(lang)
    headers = [
        t["name"], t["email"], t["home"], t["families"], t["capacity"], t["load"], t["groups"],
        t["days"], t["moments"], t["travel"], t["languages"],
    ]  # fmt: skip
    rows: list[list[object]] = []
    for f in plan.facilitators:  # languages: the intake asks none, so they are shown only
        groups = plan.groups_of(f.fid)
        rows.append(
            [
                f.name, f.email, f.home.name if f.home else None, "; ".join(f.families),
                f.capacity, len(groups), ", ".join(map(str, groups)),
                day_names(f.weekdays, lang) or t["every_day"],
                ", ".join(moment_word(m, lang) for m in f.moments) or t["every_moment"],
                round(f.max_travel_km), ", ".join(f.languages) or None,
            ]
        )  # fmt: skip
    return headers, rows


def add_plan_sheets(path: Path, plan: Plan, lang: str = "en") -> Path:
    """Add the Schedule and Facilitators sheets to the workbook at ``path``."""
    t = words(lang)
    book = load_workbook(path)
    hidden = [s for s in book.worksheets if s.sheet_state == "hidden"]
    schedule = book.create_sheet(t["schedule"])
    headers, rows = schedule_rows(plan, lang)
    write_table(schedule, headers, rows, number_formats={t["date"]: "yyyy-mm-dd"})
    print_setup(schedule, landscape=True, title_rows="1:1")
    sheet = book.create_sheet(t["facilitators"])
    headers, rows = facilitator_rows(plan, lang)
    last = write_table(sheet, headers, rows)
    print_setup(sheet, landscape=True, title_rows="1:1")
    if plan.issues:
        put(sheet, last + 2, 1, t["issues"]).font = TITLE_FONT
        write_table(
            sheet,
            [t["where"], t["message"]],
            [[i.where(lang), i.message(lang)] for i in plan.issues],
            start_row=last + 3,
        )
        sheet.freeze_panes = "A2"
    for s in hidden:  # keep the hidden data sheet last, as the workbook writer leaves it
        book.move_sheet(s, offset=len(book.worksheets) - 1 - book.worksheets.index(s))
    book.save(path)
    return path


def plan_context(plan: Plan, lang: str) -> dict[str, Any]:
    """What the report's plan section shows."""
    t = words(lang)
    groups = []
    for gp in plan.groups:
        f = plan.facilitator(gp.facilitator)
        groups.append(
            {
                "group": gp.group,
                "facilitator": f.name if f else None,
                "method": method_name(gp.method, lang),
                "method_reason": gp.method_reason_nl if lang == "nl" else gp.method_reason_en,
                "weekday": day_names((gp.weekday,), lang) if gp.weekday else None,
                "times": (
                    f"{gp.meetings[0].start:%H:%M}-{gp.meetings[0].end:%H:%M}"
                    if gp.meetings
                    else None
                ),
                "dates": [
                    f"{m.day.isoformat()} ({host})" if host else m.day.isoformat()
                    for m in gp.meetings
                    for host in [plan.host_name(gp.group, m)]
                ],
                "reason": gp.reason(lang),
            }
        )
    _, facilitators = facilitator_rows(plan, lang)
    return {
        "t": t,
        "period": f"{plan.start.isoformat()} – {plan.end.isoformat()}",
        "groups": groups,
        "facilitators": [
            {"name": r[0], "capacity": r[4], "load": r[5], "groups": r[6]} for r in facilitators
        ],
    }


def plan_json(plan: Plan, lang: str = "en") -> dict[str, Any]:
    """The plan as the README's ``--json`` shape."""
    groups = []
    for gp in plan.groups:
        f = plan.facilitator(gp.facilitator)
        groups.append(
            {
                "group": gp.group,
                "facilitator": {"name": f.name, "email": f.email} if f else None,
                "reason": gp.reason(lang),
                "method": gp.method,
                "method_name": method_name(gp.method, lang),
                "method_reason": gp.method_reason_nl if lang == "nl" else gp.method_reason_en,
                "weekday": gp.weekday,
                "meetings": [
                    {
                        "date": m.day.isoformat(),
                        "start": m.start.strftime("%H:%M"),
                        "end": m.end.strftime("%H:%M"),
                        "venue": m.venue,
                        "host": plan.host_name(gp.group, m),
                    }
                    for m in gp.meetings
                ],
            }
        )
    return {
        "start": plan.start.isoformat(),
        "end": plan.end.isoformat(),
        "groups": groups,
        "facilitators": [
            {
                "name": f.name,
                "email": f.email,
                "capacity": f.capacity,
                "groups": plan.groups_of(f.fid),
            }
            for f in plan.facilitators
        ],
        "assignment": _figures(plan.assignment),
        "calendar": _figures(plan.calendar),
        "issues": [
            {
                "severity": i.severity.value,
                "code": i.code,
                "row": i.row,
                "column": i.column,
                "message": i.message(lang),
            }
            for i in plan.issues
        ],
    }


def _figures(figures) -> dict[str, Any]:
    return {
        "status": figures.status,
        "objective": figures.objective,
        "bound": figures.bound,
        "gap": round(figures.gap, 6),
    }
