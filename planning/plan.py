"""One programme plan, composed: groups + facilitators -> assignment -> calendar -> method."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

import pandas as pd

from planning.assign import assign_facilitators
from planning.diagnose import no_facilitator_reason, pin_warning
from planning.methods import suggest_method
from planning.model import Facilitator, GroupPlan, Meeting, Plan, PlanGroup
from planning.periods import Period
from planning.schedule import schedule_meetings, slot_for
from planning.settings import PlanSettings

ASSIGNMENT_SHARE = 0.3  # of the time limit; the calendar's parts get the rest


def make_plan(
    groups: list[PlanGroup],
    facilitators: list[Facilitator],
    settings: PlanSettings,
    *,
    start: date,
    end: date,
    blocked: list[Period] = (),  # type: ignore[assignment]
    seed: int = 0,
    workers: int = 2,
    lang: str = "en",
    member_emails: dict[str, str] | None = None,
    fixed: Mapping[int, Mapping[int, date]] | None = None,
    hosts: Mapping[int, Sequence[str]] | None = None,
    host_places: Mapping[str, str] | None = None,
) -> Plan:
    """Assign facilitators, plan the meetings, suggest a method, and explain what failed.

    ``fixed`` are meetings the coordinator set (group -> meeting number -> date): the
    calendar keeps them and plans the group's other meetings around them. ``hosts`` (group ->
    the pid hosting each meeting, when groups meet at members' places in turn) says who hosts
    which meeting; the meeting is then at the host's place (``host_places``: pid -> place)."""
    limit = settings.time_limit_s
    deadline = time.monotonic() + limit  # the whole plan's wall bound
    assignment = assign_facilitators(
        groups, facilitators, settings, time_limit_s=limit * ASSIGNMENT_SHARE,
        seed=seed, workers=workers,
    )  # fmt: skip
    by_fid = {f.fid: f for f in facilitators}
    load = {f.fid: 0 for f in facilitators}
    for fid in assignment.chosen.values():
        if fid:
            load[fid] += 1
    plans: list[GroupPlan] = []
    slots = []
    for g in groups:
        fid = assignment.chosen[g.group]
        method, why_en, why_nl = suggest_method(g.experience)
        gp = GroupPlan(g.group, fid, method=method, method_reason_en=why_en,
                       method_reason_nl=why_nl)  # fmt: skip
        fits = [assignment.fits[(g.group, f.fid)] for f in facilitators]
        if fid is None:
            full = [
                f.fid for f in facilitators
                if assignment.fits[(g.group, f.fid)].ok and load[f.fid] >= f.capacity
            ]  # fmt: skip
            gp.reason_en, gp.reason_nl = no_facilitator_reason(g, fits, by_fid, full)
            days = g.weekdays
        else:
            found = assignment.fits[(g.group, fid)]
            if not found.ok:
                gp.reason_en, gp.reason_nl = pin_warning(g.group, by_fid[fid], found)
            days = found.days
        plans.append(gp)
        chosen = by_fid.get(fid) if fid else None
        slots.append(slot_for(g, chosen, days, settings, (fixed or {}).get(g.group)))
    calendar = schedule_meetings(
        slots, settings, start, end, list(blocked),
        time_limit_s=limit * (1 - ASSIGNMENT_SHARE), seed=seed, lang=lang, deadline=deadline,
    )  # fmt: skip
    for gp in plans:
        mine = calendar.meetings.get(gp.group, [])
        gp.meetings = hosted(mine, (hosts or {}).get(gp.group), host_places or {})
        gp.weekday = calendar.weekday.get(gp.group)
        if gp.group in calendar.reasons:
            gp.calendar_reason_en, gp.calendar_reason_nl = calendar.reasons[gp.group]
    return Plan(
        start=start,
        end=end,
        groups=plans,
        facilitators=facilitators,
        assignment=assignment.figures,
        calendar=calendar.figures,
        group_info={g.group: g for g in groups},
        member_emails=dict(member_emails or {}),
    )


def hosted(
    meetings: list[Meeting], hosts: Sequence[str] | None, places: Mapping[str, str]
) -> list[Meeting]:
    """Meetings with their host (in meeting order) and, when known, the host's place."""
    if not hosts:
        return meetings
    return [
        replace(m, host=hosts[k], venue=places.get(hosts[k]) or m.venue) if k < len(hosts) else m
        for k, m in enumerate(meetings)
    ]


def emails_of(table: pd.DataFrame) -> dict[str, str]:
    """pid -> e-mail of the participants who gave one."""
    return {str(p): str(e) for p, e in table["email"].items() if isinstance(e, str) and e}
