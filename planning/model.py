"""What a plan is made of: groups to plan, facilitators, meetings, and the plan itself."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, time

from intake.issues import Issue
from planning.periods import Period


@dataclass(frozen=True)
class Place:
    """A meeting place (the line-up's venue) or where a facilitator lives."""

    name: str
    lat: float
    lon: float

    @property
    def known(self) -> bool:
        return not (math.isnan(self.lat) or math.isnan(self.lon))


@dataclass(frozen=True)
class Facilitator:
    """One facilitator (procesbegeleider) as read from the list; ``fid`` is row-based."""

    fid: str
    source_row: int
    name: str
    email: str | None = None
    home: Place | None = None
    background: str | None = None
    families: tuple[str, ...] = ()
    capacity: int = 2
    weekdays: tuple[str, ...] = ()  # empty = every day
    moments: tuple[str, ...] = ()  # empty = every moment
    unavailable: tuple[Period, ...] = ()
    max_travel_km: float = 60.0
    languages: tuple[str, ...] = ()
    organisation: str | None = None
    pinned_groups: tuple[int, ...] = ()
    previous_groups: tuple[int, ...] = ()


@dataclass(frozen=True)
class PlanGroup:
    """A group of the line-up, with what the planner needs to know about its members."""

    group: int
    pids: tuple[str, ...]
    names: tuple[str, ...]
    moment: str | None
    venue: Place | None
    weekdays: tuple[str, ...]  # days every member can make, within the plan's weekdays
    countries: tuple[str, ...]  # for public holidays
    organisations: frozenset[str]  # case-folded, for conflicts of interest
    emails: frozenset[str]
    families: frozenset[str]
    experience: tuple[int | None, ...]


@dataclass(frozen=True)
class Meeting:
    """One meeting of a group: number 1 is the kick-off."""

    number: int
    day: date
    start: time
    end: time
    venue: str | None
    host: str | None = None  # the member (pid) who hosts it when the group meets in turn

    @property
    def kickoff(self) -> bool:
        return self.number == 1


@dataclass
class GroupPlan:
    """A group's facilitator (or why none), its method and its meetings (or why none)."""

    group: int
    facilitator: str | None  # fid
    reason_en: str | None = None
    reason_nl: str | None = None
    method: str = "incident"
    method_reason_en: str = ""
    method_reason_nl: str = ""
    weekday: str | None = None
    meetings: list[Meeting] = field(default_factory=list)
    calendar_reason_en: str | None = None
    calendar_reason_nl: str | None = None

    def reason(self, lang: str) -> str | None:
        """Why the group has no facilitator or no meetings, in ``lang``."""
        parts = [
            (self.reason_nl if lang == "nl" else self.reason_en),
            (self.calendar_reason_nl if lang == "nl" else self.calendar_reason_en),
        ]
        found = [p for p in parts if p]
        return " ".join(found) if found else None


@dataclass(frozen=True)
class SolveFigures:
    """How a CP-SAT stage ended: status, objective (a cost, lower is better) and its bound."""

    status: str
    objective: int
    bound: int
    time_s: float

    @property
    def gap(self) -> float:
        """Relative gap of the cost to the solver's lower bound (0 = proven optimal)."""
        if self.objective <= 0:
            return 0.0
        return max(0.0, (self.objective - self.bound) / self.objective)


@dataclass
class Plan:
    """The programme plan: per group and per facilitator, with how it was solved."""

    start: date
    end: date
    groups: list[GroupPlan]
    facilitators: list[Facilitator]
    assignment: SolveFigures
    calendar: SolveFigures
    issues: list[Issue] = field(default_factory=list)  # from reading the facilitator list
    group_info: dict[int, PlanGroup] = field(default_factory=dict)  # members, venue, days
    member_emails: dict[str, str] = field(default_factory=dict)  # pid -> e-mail, for .ics

    def facilitator(self, fid: str | None) -> Facilitator | None:
        """The facilitator with id ``fid``."""
        return next((f for f in self.facilitators if f.fid == fid), None)

    def host_name(self, group: int, meeting: Meeting) -> str | None:
        """The name of the member who hosts ``meeting`` of ``group``, if the group rotates."""
        info = self.group_info.get(group)
        if meeting.host is None or info is None or meeting.host not in info.pids:
            return None
        return info.names[info.pids.index(meeting.host)]

    def groups_of(self, fid: str) -> list[int]:
        """The group numbers a facilitator has."""
        return [g.group for g in self.groups if g.facilitator == fid]

    @property
    def planned(self) -> bool:
        """True when at least one group has meetings: something could be planned as asked."""
        return any(g.meetings for g in self.groups)
