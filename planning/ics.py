"""Calendars (.ics) per group and per facilitator, with the ``icalendar`` package.

An event holds the meeting place, the facilitator and the group members by name; e-mail
addresses only when asked (``with_emails``). Times are Europe/Amsterdam (also Brussels' zone),
with its VTIMEZONE in the file (RFC 5545 asks one per TZID; Outlook shifts times by an hour
without it); UIDs and DTSTAMP are derived from the plan, so the same plan gives the same files.
"""

from __future__ import annotations

import hashlib
import zipfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vText

from planning.model import GroupPlan, Meeting, Plan, PlanGroup

ZONE = ZoneInfo("Europe/Amsterdam")


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//intervisie//programme plan//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    return cal


def _event(
    plan: Plan, gp: GroupPlan, group: PlanGroup, meeting: Meeting, lang: str, with_emails: bool
) -> Event:
    nl = lang == "nl"
    f = plan.facilitator(gp.facilitator)
    what = (
        ("startbijeenkomst" if nl else "kick-off")
        if meeting.kickoff
        else (f"bijeenkomst {meeting.number}" if nl else f"meeting {meeting.number}")
    )
    event = Event()
    event.add("summary", f"{'Intervisiegroep' if nl else 'Intervision group'} {gp.group}: {what}")
    event.add("dtstart", datetime.combine(meeting.day, meeting.start, ZONE))
    event.add("dtend", datetime.combine(meeting.day, meeting.end, ZONE))
    event.add("dtstamp", datetime.combine(plan.start, datetime.min.time(), ZoneInfo("UTC")))
    key = f"{plan.start}|{gp.group}|{meeting.number}|{meeting.day}"
    event.add("uid", hashlib.sha256(key.encode()).hexdigest()[:32] + "@intervisie.local")
    if meeting.venue:
        event.add("location", meeting.venue)
    host = plan.host_name(gp.group, meeting)
    lines = [
        ("Begeleider: " if nl else "Facilitator: ") + (f.name if f else "-"),
        *([("Gastheer/-vrouw: " if nl else "Host: ") + host] if host else []),
        ("Leden: " if nl else "Members: ") + ", ".join(group.names),
    ]
    event.add("description", "\n".join(lines))
    if with_emails:
        for name, email in zip(group.names, _emails(plan, group), strict=True):
            if email:
                attendee = vCalAddress(f"mailto:{email}")
                attendee.params["cn"] = vText(name)
                event.add("attendee", attendee, encode=0)
    return event


def _emails(plan: Plan, group: PlanGroup) -> list[str | None]:
    return [plan.member_emails.get(pid) for pid in group.pids]


def group_calendar(plan: Plan, group: int, lang: str = "en", with_emails: bool = False) -> bytes:
    """The .ics of one group's meetings."""
    gp = next(g for g in plan.groups if g.group == group)
    info = plan.group_info[group]
    nl = lang == "nl"
    cal = _calendar(f"{'Intervisiegroep' if nl else 'Intervision group'} {group}")
    for meeting in gp.meetings:
        cal.add_component(_event(plan, gp, info, meeting, lang, with_emails))
    return _with_zones(cal, plan)


def facilitator_calendar(plan: Plan, fid: str, lang: str = "en", with_emails: bool = False):
    """The .ics of every meeting a facilitator leads."""
    f = plan.facilitator(fid)
    cal = _calendar(f.name if f else fid)
    for gp in plan.groups:
        if gp.facilitator == fid:
            info = plan.group_info[gp.group]
            for meeting in gp.meetings:
                cal.add_component(_event(plan, gp, info, meeting, lang, with_emails))
    return _with_zones(cal, plan)


def _with_zones(cal: Calendar, plan: Plan) -> bytes:
    """The calendar's bytes with the VTIMEZONE of every zone its events use, for the plan's
    period and a year on (a few lines, not every rule change since 1970)."""
    last = plan.end + timedelta(days=366)
    cal.add_missing_timezones(first_date=plan.start.replace(day=1), last_date=last)
    return cal.to_ical()


def calendar_files(plan: Plan, lang: str = "en", with_emails: bool = False) -> dict[str, bytes]:
    """File name -> .ics bytes: one per planned group and one per facilitator with groups."""
    files = {}
    word = "groep" if lang == "nl" else "group"
    for gp in plan.groups:
        if gp.meetings:
            files[f"{word}_{gp.group:02d}.ics"] = group_calendar(plan, gp.group, lang, with_emails)
    for f in plan.facilitators:
        if plan.groups_of(f.fid):
            stem = "".join(c if c.isalnum() else "_" for c in f.name).strip("_") or f.fid
            files[f"{'begeleider' if lang == 'nl' else 'facilitator'}_{stem}_{f.fid}.ics"] = (
                facilitator_calendar(plan, f.fid, lang, with_emails)
            )
    return files


def write_calendars(plan: Plan, folder: Path, lang: str = "en", with_emails: bool = False):
    """Write every calendar into ``folder`` (created); returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in calendar_files(plan, lang, with_emails).items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def calendars_zip(plan: Plan, path: Path, lang: str = "en", with_emails: bool = False) -> Path:
    """Every calendar in one zip, for downloading."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in calendar_files(plan, lang, with_emails).items():
            archive.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data)
    return path
