"""The web app's Plan step: the facilitator list, the programme, and the coordinator's changes.

After Groups, a coordinator uploads the facilitator list (the same size guard and reader as the
command line), sets the programme's period, meetings and spacing, and plans; the plan runs as
a job (:mod:`web.jobs`) through ``workflow_plan.plan_groups_of``, the path ``intervisie plan``
takes.
Blocked periods (school holidays, closures) come as a file, read as ``--blocked`` reads it,
and the plan avoids them or, at "never", keeps out of them.
A meeting moved or a facilitator swapped is checked at once (:mod:`planning.edit`) and, when it
breaks no rule, kept fixed: planning again plans the rest around it.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from intake.issues import Issue
from planning.edit import (
    Broken,
    check_facilitator_swap,
    check_meeting_move,
    move_meeting,
    swap_facilitator,
)
from planning.facilitators import read_facilitators
from planning.model import Facilitator, Plan
from planning.periods import Period, read_blocked_periods
from web import service
from web.jobs import Job, JobRunner
from web.plan_words import plan_word
from web.service import StepError
from web.sessions import Session, private_file, private_folder, safe_file_name
from web.uploads import UploadTooLarge, save_upload
from workflow import FormOptions, UsageError
from workflow_plan import (
    PlanOptions,
    plan_end,
    plan_groups_of,
    plan_settings_for,
    write_plan_downloads,
)

MAX_FACILITATORS = 500  # rows of a facilitator list: a programme's pool, not a register
PLAN_TIME_LIMIT_S = 30.0


class ListTooLong(UploadTooLarge):
    """A facilitator list with more rows than the web app takes (HTTP 413)."""

    def __init__(self, rows: int, name: str) -> None:
        self.rows = rows
        super().__init__(0, name)

    def message(self, lang: str = "en") -> str:
        return plan_word("plan_list_too_long", lang, name=self.name, rows=self.rows,
                         most=MAX_FACILITATORS)  # fmt: skip


@dataclass
class Outcome:
    """What the last change did: kept, or refused with every rule it would break."""

    kept: bool
    what: str  # "move" or "swap"
    group: int
    broken: list[Broken] = field(default_factory=list)


@dataclass
class PlanState:
    """One session's Plan step: the list, the programme's options, the plan and what is fixed."""

    folder: Path
    file_name: str | None = None
    facilitators_file: Path | None = None
    facilitators: list[Facilitator] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    start: date | None = None
    end: date | None = None
    meetings: int = 6
    weeks: str = "6-8"
    blocked_name: str | None = None  # the blocked-periods file as uploaded, and what it holds
    blocked_file: Path | None = None
    blocked: list[Period] = field(default_factory=list)
    blocked_level: str = "soft"  # "soft": avoided where possible; "hard": never
    plan: Plan | None = None
    planned_from: dict[str, int | None] | None = None  # the line-up the plan was made for
    planned_around: tuple[str | None, str] | None = None  # (blocked file, level) it avoided
    pinned: dict[int, str] = field(default_factory=dict)  # group -> facilitator id
    fixed: dict[int, dict[int, date]] = field(default_factory=dict)  # group -> number -> day
    outcome: Outcome | None = None
    version: int = 0  # bumped on every change, so downloads are written again
    downloads: tuple[int, Path, Path] | None = None

    def options(self) -> PlanOptions:
        """The plan's options as ``intervisie plan`` takes them, with what is fixed."""
        if self.facilitators_file is None or self.start is None:
            raise StepError("plan_options_first")
        return PlanOptions(
            facilitators=self.facilitators_file,
            start=self.start,
            end=self.end,
            meetings=self.meetings,
            weeks=self.weeks,
            blocked=self.blocked_file,
            blocked_level=self.blocked_level,
            time_limit_s=PLAN_TIME_LIMIT_S,
            pinned=tuple(sorted(self.pinned.items())),
            fixed=tuple(
                (g, n, d) for g, days in sorted(self.fixed.items()) for n, d in sorted(days.items())
            ),
        )

    def changed(self) -> None:
        self.version += 1

    @property
    def periods_key(self) -> tuple[str | None, str]:
        """What the blocked periods are now: a plan made with others is out of date."""
        return (str(self.blocked_file) if self.blocked_file else None, self.blocked_level)


def state_of(session: Session) -> PlanState:
    """The session's Plan step, made on first use (its files in the session's folder)."""
    with session.lock:
        if session.plan is None:
            session.plan = PlanState(private_folder(session.folder / "plan"))
        return session.plan


def stale(session: Session) -> bool:
    """True when the groups changed since the plan was made: plan again before using it."""
    state = session.plan
    return bool(state and state.plan and state.planned_from != session.groups)


def periods_changed(session: Session) -> bool:
    """True when the blocked periods (or their level) changed since the plan was made."""
    state = session.plan
    return bool(state and state.plan and state.planned_around != state.periods_key)


# -- the facilitator list ------------------------------------------------------------------------
def upload_facilitators(
    session: Session, source: BinaryIO, name: str | None, max_bytes: int
) -> None:
    """Read an uploaded facilitator list; a file that cannot be used raises IntakeFileError or
    UploadTooLarge and leaves the earlier list, if any, in place."""
    state = state_of(session)
    incoming = save_upload(source, name, state.folder, max_bytes)
    try:
        settings = plan_settings_for(_bare_options(state, incoming))
        facilitators, issues = read_facilitators(incoming, settings)
        if len(facilitators) > MAX_FACILITATORS:
            raise ListTooLong(len(facilitators), safe_file_name(name))
    except BaseException:
        shutil.rmtree(incoming.parent, ignore_errors=True)
        raise
    with session.lock:
        saved = _keep_upload(incoming, state.folder / "list")
        state.file_name, state.facilitators_file = safe_file_name(name), saved
        state.facilitators, state.issues = facilitators, issues
        state.plan = state.planned_from = state.outcome = None
        state.pinned, state.fixed = {}, {}  # facilitator ids are rows of the old list
        state.changed()


def _keep_upload(incoming: Path, kept: Path) -> Path:
    """Move a read upload into its own private folder ``kept``, replacing what was there, and
    drop its staging folder: the facilitator list and the blocked periods are kept alike."""
    shutil.rmtree(kept, ignore_errors=True)
    private_folder(kept)
    saved = Path(shutil.move(incoming, kept / incoming.name))
    shutil.rmtree(incoming.parent, ignore_errors=True)
    return private_file(saved)


# -- blocked periods -----------------------------------------------------------------------------
def upload_blocked(session: Session, source: BinaryIO, name: str | None, max_bytes: int) -> None:
    """Read an uploaded blocked-periods file as ``--blocked`` does; a file that cannot be used
    raises IntakeFileError (naming the row and column) and leaves the earlier one in place."""
    state = state_of(session)
    incoming = save_upload(source, name, state.folder, max_bytes)
    try:
        periods = read_blocked_periods(incoming)
    except BaseException:
        shutil.rmtree(incoming.parent, ignore_errors=True)
        raise
    with session.lock:
        saved = _keep_upload(incoming, state.folder / "blocked")
        state.blocked_name, state.blocked_file = safe_file_name(name), saved
        state.blocked = periods
        state.changed()


def remove_blocked(session: Session) -> None:
    """Plan without blocked periods again."""
    state = state_of(session)
    with session.lock:
        shutil.rmtree(state.folder / "blocked", ignore_errors=True)
        state.blocked_name = state.blocked_file = None
        state.blocked = []
        state.changed()


def blocked_meetings(state: PlanState) -> dict[tuple[int, int], Period]:
    """(group, meeting number) -> the blocked period a planned meeting falls in."""
    if state.plan is None:
        return {}
    found = {}
    for gp in state.plan.groups:
        countries = state.plan.group_info[gp.group].countries
        for m in gp.meetings:
            period = next(
                (p for p in state.blocked
                 if m.day in p and (p.country is None or p.country in countries)), None,
            )  # fmt: skip
            if period is not None:
                found[gp.group, m.number] = period
    return found


def _bare_options(state: PlanState, facilitators: Path) -> PlanOptions:
    return PlanOptions(facilitators=facilitators, start=state.start or date.today(),
                       meetings=state.meetings, weeks=state.weeks)  # fmt: skip


def set_programme(
    session: Session,
    start: date,
    end: date | None,
    meetings: int,
    weeks: str,
    blocked_level: str = "soft",
) -> None:
    """The programme's period, number of meetings and spacing (checked as the CLI checks them),
    and whether the blocked periods are avoided ("soft") or never used ("hard")."""
    state = state_of(session)
    if blocked_level not in ("soft", "hard"):
        raise StepError("plan_blocked_level", 422, level=blocked_level)
    trial = PlanOptions(facilitators=Path("-"), start=start, end=end, meetings=meetings,
                        weeks=weeks)  # fmt: skip
    try:
        plan_settings_for(trial)
        plan_end(trial)
    except UsageError as error:
        raise StepError.said(str(error), 422) from error
    with session.lock:
        if (state.start, state.end, state.meetings, state.weeks) != (start, end, meetings, weeks):
            state.start, state.end, state.meetings, state.weeks = start, end, meetings, weeks
            state.fixed = {}  # dates fixed in another period or spacing no longer apply
            state.changed()
        if state.blocked_level != blocked_level:
            state.blocked_level = blocked_level
            state.changed()


# -- planning as a job ---------------------------------------------------------------------------
def plan_job(payload: dict[str, Any], *, progress, stop) -> dict[str, Any]:
    """Run in the job's own process: the plan step of ``workflow``, as ``intervisie plan``."""
    plan = plan_groups_of(
        payload["table"], payload["report"], payload["options"], payload["form"], payload["problem"]
    )
    return {"plan": plan}


def start_plan(session: Session, runner: JobRunner, *, after_change: bool = False) -> Job:
    """Plan the programme for the current groups, keeping what the coordinator fixed.
    ``after_change``: the re-plan follows a kept move or swap, whose message stays shown."""
    state = state_of(session)
    if session.groups is None:
        raise StepError("plan_no_groups")
    if state.facilitators_file is None:
        raise StepError("plan_list_first", 422)
    if state.start is None:
        raise StepError("plan_start_first", 422)
    if session.running_job is not None:
        raise StepError("plan_job_running")
    payload = {
        "table": service.analysed_of(session).table,
        "report": service.lineup_report(session),
        "options": state.options(),
        "form": FormOptions(seed=session.seed, lang=session.lang),
        "problem": service.problem_of(session),  # who hosts, when groups meet in turn
    }
    groups, intake, around = dict(session.groups), session.intake, state.periods_key

    def take_plan(job: Job) -> None:
        plan = (job.outcome or {}).get("plan")
        if isinstance(plan, Plan):
            with session.lock:
                if session.intake is intake and session.plan is state:
                    kept = state.outcome if after_change else None
                    state.plan, state.planned_from, state.outcome = plan, groups, kept
                    state.planned_around = around
                    state.changed()
            job.outcome = summary(plan)  # the job's JSON keeps figures, not people

    job = runner.submit("plan", plan_job, payload, PLAN_TIME_LIMIT_S, on_done=take_plan)
    with session.lock:
        session.jobs[job.id] = job
    return job


def summary(plan: Plan) -> dict[str, Any]:
    """How a plan came out, in figures (the job's outcome)."""
    return {
        "status": plan.calendar.status,
        "group_count": len(plan.groups),
        "with_facilitator": sum(1 for g in plan.groups if g.facilitator),
        "with_meetings": sum(1 for g in plan.groups if g.meetings),
    }


# -- the coordinator's changes -------------------------------------------------------------------
def _planned(session: Session) -> tuple[PlanState, Plan]:
    state = state_of(session)
    if state.plan is None:
        raise StepError("plan_first")
    return state, state.plan


def move(session: Session, group: int, number: int, day: date, *, replan: bool = False) -> Outcome:
    """Move a meeting to ``day`` if that breaks no rule; it is then fixed. With ``replan`` the
    group's meetings that are not fixed are planned again around it (the caller starts it)."""
    state, plan = _planned(session)
    if group not in plan.group_info:
        raise StepError("no_plan_group", 404, group=group)
    settings = plan_settings_for(state.options())
    fixed = set(state.fixed.get(group, {})) if replan else None
    broken = check_meeting_move(
        plan, settings, group, number, day, blocked=state.blocked, fixed=fixed
    )
    with session.lock:
        if not broken:
            move_meeting(plan, group, number, day)
            state.fixed.setdefault(group, {})[number] = day
            state.changed()
        state.outcome = Outcome(not broken, "move", group, broken)
    return state.outcome


def swap(session: Session, group: int, fid: str, *, replan: bool = False) -> Outcome:
    """Give a group another facilitator if that breaks no rule; the choice is then pinned.
    With ``replan`` the group's dates that are not fixed are planned again with the new
    facilitator (the caller starts it), so their days and other groups count for the fixed
    dates only."""
    state, plan = _planned(session)
    if group not in plan.group_info:
        raise StepError("no_plan_group", 404, group=group)
    fixed = set(state.fixed.get(group, {})) if replan else None
    settings = plan_settings_for(state.options())
    broken = check_facilitator_swap(plan, settings, group, fid, fixed=fixed)
    with session.lock:
        if not broken:
            swap_facilitator(plan, group, fid)
            state.pinned[group] = fid
            state.changed()
        state.outcome = Outcome(not broken, "swap", group, broken)
    return state.outcome


def release(session: Session) -> None:
    """Forget every pin and fixed date: planning again starts from the rules alone."""
    state = state_of(session)
    with session.lock:
        state.pinned, state.fixed, state.outcome = {}, {}, None
        state.changed()


# -- downloads -----------------------------------------------------------------------------------
def write_downloads(session: Session) -> tuple[Path, Path]:
    """The line-up workbook with the Schedule and Facilitators sheets, and the calendars zip."""
    state, plan = _planned(session)
    if stale(session):
        raise StepError("plan_stale")
    if state.downloads and state.downloads[0] == state.version and state.downloads[1].exists():
        return state.downloads[1], state.downloads[2]
    lineup = service.write_downloads(session)  # the Groups step's workbook, as it downloads
    folder = state.folder / "download"
    shutil.rmtree(folder, ignore_errors=True)
    private_folder(folder)
    stem = Path(session.file_name or "intake").stem
    workbook = folder / f"{plan_word('plan_download_stem', session.lang)}_{stem}.xlsx"
    shutil.copyfile(lineup, workbook)
    table = service.analysed_of(session).table
    workbook, archive = write_plan_downloads(
        workbook, table, service.lineup_report(session), plan, session.lang
    )
    for path in folder.rglob("*"):
        if path.is_dir():
            private_folder(path)
        else:
            private_file(path)
    state.downloads = (state.version, workbook, archive)
    return workbook, archive
