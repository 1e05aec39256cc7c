"""Calendars: one per group and per facilitator, members by name, e-mail only when asked."""

from __future__ import annotations

import zipfile
from datetime import timedelta

from icalendar import Calendar

from planning.ics import calendar_files, calendars_zip, group_calendar
from planning.plan import make_plan
from planning.settings import PlanSettings
from tests.planning.conftest import START, facilitator, group

SETTINGS = PlanSettings(meetings=3, time_limit_s=5.0)


def _plan():
    groups = [group(1), group(2, moment="evening")]
    return make_plan(
        groups,
        [facilitator("F1", name="Fenna Bakker", email="fenna@example.org")],
        SETTINGS,
        start=START,
        end=START + timedelta(weeks=40),
        member_emails={"R10": "p10@example.org"},
        workers=1,
    )


def test_group_calendar_has_every_meeting_with_place_facilitator_and_members() -> None:
    plan = _plan()
    cal = Calendar.from_ical(group_calendar(plan, 1, "nl"))
    events = list(cal.walk("VEVENT"))
    assert len(events) == 3
    assert [e.decoded("dtstart").date() for e in events] == [m.day for m in plan.groups[0].meetings]
    first = events[0]
    assert "startbijeenkomst" in str(first["summary"])
    assert str(first["location"]) == "Utrecht"
    assert "Fenna Bakker" in str(first["description"]) and "Person 1.0" in str(first["description"])
    assert first.decoded("dtstart").hour == 9
    assert b"example.org" not in group_calendar(plan, 1, "nl")


def test_emails_only_when_asked_and_files_are_the_same_each_time() -> None:
    plan = _plan()
    assert b"mailto:p10@example.org" in group_calendar(plan, 1, "en", with_emails=True)
    files = calendar_files(plan, "en")
    assert sorted(files) == ["facilitator_Fenna_Bakker_F1.ics", "group_01.ics", "group_02.ics"]
    facilitator_events = list(
        Calendar.from_ical(files["facilitator_Fenna_Bakker_F1.ics"]).walk("VEVENT")
    )
    assert len(facilitator_events) == 6
    assert calendar_files(_plan(), "en") == files


def test_zip_holds_every_calendar(tmp_path) -> None:
    path = calendars_zip(_plan(), tmp_path / "calendars.zip")
    with zipfile.ZipFile(path) as archive:
        assert len(archive.namelist()) == 3


def test_every_calendar_carries_the_time_zone_its_times_are_in() -> None:
    """RFC 5545 asks a VTIMEZONE for each TZID; without it Outlook shifts times by an hour."""
    plan = _plan()
    for name, data in calendar_files(plan, "nl").items():
        cal = Calendar.from_ical(data)
        assert cal.get_missing_tzids() == set(), name
        zone = cal.walk("VTIMEZONE")[0]
        assert str(zone["tzid"]) == "Europe/Amsterdam"
        assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}
        assert data.count(b"BEGIN:STANDARD") <= 4  # the plan's period and a year, not since 1970
        assert cal.walk("VEVENT")[0].decoded("dtstart").utcoffset() == timedelta(hours=1)
