"""The programme plan of a line-up, composed for ``cli_plan.py``, ``form --facilitators`` and the
web app's Plan step: facilitators and meeting calendars (issue 14).

Beside ``workflow.py``, which composes the line-up itself; the plan starts where it ends.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from optimiser.intervision import IntervisionProblem, evaluate_lineup
from optimiser.intervision.lineup import LineupReport, plan_hosts
from planning.facilitators import read_facilitators
from planning.groups import plan_groups, with_families
from planning.ics import calendars_zip, write_calendars
from planning.model import Facilitator, Place, Plan
from planning.periods import read_blocked_periods
from planning.plan import emails_of, make_plan
from planning.settings import PlanSettings, Wish, load_plan_settings
from reporting.html import write_report
from reporting.labels import RuleNames
from reporting.plan_output import add_plan_sheets, plan_context
from workflow import (
    FormOptions,
    IntakeNotes,
    ReadLineup,
    UsageError,
    read_lineup_problem,
    run_info,
    write_lineup_files,
)


@dataclass(frozen=True)
class PlanOptions:
    """What ``plan`` (and ``form --facilitators``) need besides the line-up."""

    facilitators: Path
    start: date
    end: date | None = None  # default: a year after the start
    meetings: int | None = None
    weeks: str | None = None  # "6-8"
    plan_config: Path | None = None
    blocked: Path | None = None
    blocked_level: str | None = None  # "hard" or "soft" for the blocked periods, over the TOML's
    with_emails: bool = False  # e-mail addresses in the .ics files
    time_limit_s: float | None = None
    # what the coordinator fixed (the web app's Plan step): group -> facilitator id, and
    # (group, meeting number, date); a re-plan keeps them and plans the rest around them
    pinned: tuple[tuple[int, str], ...] = ()
    fixed: tuple[tuple[int, int, date], ...] = ()


def plan_settings_for(options: PlanOptions) -> PlanSettings:
    """Plan settings from the TOML file, then the command-line flags on top."""
    overrides: dict[str, object] = {}
    if options.meetings is not None:
        overrides["meetings"] = options.meetings
    if options.weeks is not None:
        low, _, high = options.weeks.partition("-")
        if not (low.strip().isdigit() and (high or low).strip().isdigit()):
            raise UsageError(f"--weeks {options.weeks!r}: write a range of weeks like 6-8")
        overrides["weeks_min"], overrides["weeks_max"] = int(low), int(high or low)
    if options.time_limit_s is not None:
        overrides["time_limit_s"] = options.time_limit_s
    try:
        settings = load_plan_settings(options.plan_config, **overrides)
        if options.blocked_level is not None:
            weight = settings.wishes["blocked_periods"].weight
            wishes = {**settings.wishes, "blocked_periods": Wish(options.blocked_level, weight)}
            settings = settings.with_overrides(wishes=wishes)
        return settings
    except (OSError, ValueError) as error:
        raise UsageError(str(error)) from error


def plan_end(options: PlanOptions) -> date:
    """The programme's last day: ``--end``, or the day before the start's anniversary."""
    if options.end is not None:
        if options.end <= options.start:
            raise UsageError(f"--end {options.end} must be after --start {options.start}")
        return options.end
    try:
        anniversary = options.start.replace(year=options.start.year + 1)
    except ValueError:  # 29 February
        anniversary = options.start.replace(year=options.start.year + 1, day=28)
    return anniversary - timedelta(days=1)


def plan_groups_of(
    table: pd.DataFrame,
    report: LineupReport,
    options: PlanOptions,
    form: FormOptions,
    problem: IntervisionProblem | None = None,
) -> Plan:
    """The plan step: a scored line-up and the facilitator list in, the programme plan out.
    With the line-up's ``problem``, groups that meet at members' places in turn get who
    hosts which meeting (issue 16 point 2)."""
    settings = plan_settings_for(options)
    facilitators, issues = read_facilitators(options.facilitators, settings)
    facilitators = with_pins(facilitators, options.pinned)
    member_families, facilitators = with_families(table, facilitators, form.lang)
    lineup = [
        (
            g.group,
            g.pids,
            g.moment,
            Place(g.venue.name, g.venue.lat, g.venue.lon) if g.venue else None,
        )
        for g in report.groups
    ]
    groups = plan_groups(table, lineup, settings, member_families)
    blocked = read_blocked_periods(options.blocked) if options.blocked else []
    plan = make_plan(
        groups,
        facilitators,
        settings,
        start=options.start,
        end=plan_end(options),
        blocked=blocked,
        seed=form.seed,
        lang=form.lang,
        member_emails=emails_of(table),
        fixed=fixed_dates(options.fixed),
        hosts=None if problem is None else {
            g.group: plan_hosts(problem, g.pids, settings.meetings) for g in report.groups
        },
        host_places=places_of(table),
    )  # fmt: skip
    plan.issues = issues
    return plan


def places_of(table: pd.DataFrame) -> dict[str, str]:
    """pid -> the place a participant gave (where they host when the group rotates)."""
    if "place" not in table.columns:
        return {}
    return {str(p): str(v) for p, v in table["place"].items() if isinstance(v, str) and v}


def with_pins(
    facilitators: Sequence[Facilitator], pinned: Sequence[tuple[int, str]]
) -> list[Facilitator]:
    """The list with the coordinator's pins (group -> facilitator id) on top of its own: a
    pinned group is the facilitator's alone (another's pin on it, from the file, is dropped)."""
    groups = {group for group, _ in pinned}
    mine: dict[str, list[int]] = {}
    for group, fid in pinned:
        mine.setdefault(fid, []).append(group)
    return [
        replace(
            f,
            pinned_groups=tuple(
                sorted({*(g for g in f.pinned_groups if g not in groups), *mine.get(f.fid, ())})
            ),
        )
        for f in facilitators
    ]


def fixed_dates(fixed: Sequence[tuple[int, int, date]]) -> dict[int, dict[int, date]]:
    """group -> meeting number -> date, from the options' flat list."""
    found: dict[int, dict[int, date]] = {}
    for group, number, day in fixed:
        found.setdefault(group, {})[number] = day
    return found


@dataclass
class PlannedLineup:
    """A line-up read back from a workbook, scored, with its plan."""

    file: Path
    read: ReadLineup
    report: LineupReport
    plan: Plan


def plan_lineup(lineup_file: Path, options: PlanOptions, form: FormOptions) -> PlannedLineup:
    """``intervisie plan``: read the (edited) line-up workbook, score it, plan it."""
    read = read_lineup_problem(lineup_file, None, form)
    report = evaluate_lineup(read.problem, read.lineup.groups)
    plan = plan_groups_of(read.table, report, options, form, read.problem)
    return PlannedLineup(lineup_file, read, report, plan)


def write_planned_lineup(
    planned: PlannedLineup, output: Path, form: FormOptions, with_emails: bool = False
) -> Path:
    """The line-up workbook (re-scored) with the plan sheets, the report and the calendars."""
    read = planned.read
    run = run_info(
        planned.file,
        form,
        read.problem.settings,
        status="evaluated",
        objective=planned.report.objective,
        gap=None,
        solve_time_s=0.0,
    )
    write_lineup_files(
        output,
        table=read.table,
        report=planned.report,
        notes=IntakeNotes(issues=tuple(read.lineup.issues)),
        run=run,
        lang=form.lang,
        pinned=read.lineup.pinned,
    )
    return write_plan_files(
        output, read.table, planned.report, planned.plan, form.lang, with_emails
    )


def write_plan_files(
    output: Path,
    table: pd.DataFrame,
    report: LineupReport,
    plan: Plan,
    lang: str,
    with_emails: bool = False,
) -> Path:
    """Add the plan to a written workbook and report; calendars in ``<stem>_calendars/``."""
    add_plan_sheets(output, plan, lang)
    write_report(
        output.with_suffix(".html"),
        table=table,
        lineup=report,
        rule_names=RuleNames(lang),
        lang=lang,
        plan=plan_context(plan, lang),
    )
    write_calendars(plan, calendars_folder(output), lang, with_emails)
    return output


def write_plan_downloads(
    workbook: Path, table: pd.DataFrame, report: LineupReport, plan: Plan, lang: str
) -> tuple[Path, Path]:
    """The line-up workbook at ``workbook`` (already written) with the plan sheets and report,
    and every calendar in one zip beside it: what the web app offers to download."""
    write_plan_files(workbook, table, report, plan, lang)
    archive = workbook.with_name(f"{calendars_folder(workbook).name}.zip")
    return workbook, calendars_zip(plan, archive, lang)


def calendars_folder(output: Path) -> Path:
    """Where a plan's .ics files go: beside the workbook."""
    return output.with_name(f"{output.stem}_calendars")
