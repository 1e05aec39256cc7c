"""``intervisie plan`` and the plan options of ``form``: the programme plan on the command line.

Kept beside ``cli.py`` (which registers it) so that each module stays one concept. The work
is ``workflow_plan.plan_lineup`` / ``plan_groups_of``; this module parses options and prints.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from cli import (
    EXIT_INFEASIBLE,
    ConfigOpt,
    FamiliesOpt,
    JsonOpt,
    LangOpt,
    MappingOpt,
    app,
    err,
    user_errors,
)
from intake.weekdays import day_names
from planning.model import Plan
from reporting.json_output import dumps
from reporting.plan_output import plan_json
from workflow import FormOptions, UsageError
from workflow_plan import PlanOptions, calendars_folder, plan_lineup, write_planned_lineup

FacilitatorsOpt = Annotated[
    Path | None,
    typer.Option("--facilitators", help="Facilitator list (xlsx, ods, csv): plan the programme."),
]
StartOpt = Annotated[
    str | None, typer.Option("--start", help="First day of the programme, YYYY-MM-DD.")
]
EndOpt = Annotated[
    str | None, typer.Option("--end", help="Last day, YYYY-MM-DD (default: a year on).")
]
MeetingsOpt = Annotated[
    int | None, typer.Option("--meetings", help="Meetings per group incl. the kick-off (6).")
]
WeeksOpt = Annotated[str | None, typer.Option("--weeks", help="Weeks between meetings (6-8).")]
BlockedOpt = Annotated[
    Path | None,
    typer.Option("--blocked", help="File of blocked periods (school holidays): start, end."),
]
PlanConfigOpt = Annotated[
    Path | None, typer.Option("--plan-config", help="Plan settings TOML file.")
]
EmailsOpt = Annotated[
    bool, typer.Option("--with-emails", help="Put e-mail addresses in the .ics files.")
]


def parse_day(text: str | None, option: str) -> date | None:
    """A YYYY-MM-DD option, or a usage error naming the option."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option} {text!r}: write the date as YYYY-MM-DD") from None


def plan_options(
    facilitators: Path | None,
    start: str | None,
    end: str | None,
    meetings: int | None,
    weeks: str | None,
    blocked: Path | None,
    plan_config: Path | None,
    with_emails: bool,
    time_limit: float | None,
) -> PlanOptions:
    """The plan's options from the flags; --facilitators needs --start."""
    if facilitators is None:
        raise UsageError("--facilitators FILE is needed to plan the programme")
    first = parse_day(start, "--start")
    if first is None:
        raise UsageError("--start YYYY-MM-DD is needed to plan the programme")
    return PlanOptions(
        facilitators=facilitators,
        start=first,
        end=parse_day(end, "--end"),
        meetings=meetings,
        weeks=weeks,
        plan_config=plan_config,
        blocked=blocked,
        with_emails=with_emails,
        time_limit_s=time_limit,
    )


def print_plan(plan: Plan, output: Path, lang: str) -> None:
    """What was planned, and in words what could not be."""
    nl = lang == "nl"
    for issue in plan.issues:
        if issue.severity.value != "info":
            err.print(f"[yellow]{issue.where(lang)}[/]: {issue.message(lang)}")
    for gp in plan.groups:
        f = plan.facilitator(gp.facilitator)
        when = day_names((gp.weekday,), lang) if gp.weekday else "-"
        first = gp.meetings[0].day.isoformat() if gp.meetings else "-"
        err.print(
            f"[bold]{'Groep' if nl else 'Group'} {gp.group}[/]: {f.name if f else '-'}, {when}"
            f", {len(gp.meetings)} "
            + ("bijeenkomsten vanaf" if nl else "meetings from")
            + f" {first}"
        )
        reason = gp.reason(lang)
        if reason:
            err.print(f"  [yellow]{reason}[/]")
    with_f = sum(1 for g in plan.groups if g.facilitator)
    err.print(
        f"{with_f}/{len(plan.groups)} "
        + ("groepen met begeleider" if nl else "groups with a facilitator")
        + f" ({plan.assignment.status}, gap {plan.assignment.gap:.1%}); "
        + ("rooster" if nl else "calendar")
        + f" {plan.calendar.status}, gap {plan.calendar.gap:.1%}"
    )
    err.print(("Werkmap" if nl else "Workbook") + f": {output}")
    err.print(("Agenda's" if nl else "Calendars") + f": {calendars_folder(output)}")


def finish_plan(plan: Plan, output: Path, lang: str, as_json: bool) -> None:
    """Print the plan (and JSON); exit 3 when nothing could be planned as asked."""
    if as_json:
        typer.echo(dumps(plan_json(plan, lang)))
    print_plan(plan, output, lang)
    if not plan.planned:
        err.print(
            "[bold red]"
            + ("Niets kon worden gepland zoals gevraagd" if lang == "nl" else
               "Nothing could be planned as asked")
            + "[/]."
        )  # fmt: skip
        raise typer.Exit(EXIT_INFEASIBLE)


@app.command("plan")
@user_errors
def plan_command(
    lineup: Annotated[Path, typer.Argument(help="Workbook written by form (possibly edited).")],
    facilitators: FacilitatorsOpt = None,
    start: StartOpt = None,
    end: EndOpt = None,
    meetings: MeetingsOpt = None,
    weeks: WeeksOpt = None,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Workbook to write (.xlsx).")
    ] = Path("out/plan.xlsx"),
    blocked: BlockedOpt = None,
    plan_config: PlanConfigOpt = None,
    with_emails: EmailsOpt = False,
    time_limit: Annotated[
        float | None, typer.Option("--time-limit", help="Seconds for the plan (30).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    config: ConfigOpt = None,
    lang: LangOpt = "en",
    mapping: MappingOpt = None,
    families: FamiliesOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Plan a line-up's programme: a facilitator per group and every meeting, as calendars."""
    if output.suffix.lower() != ".xlsx":
        raise UsageError("--output must be an .xlsx file")
    options = plan_options(
        facilitators, start, end, meetings, weeks, blocked, plan_config, with_emails, time_limit
    )
    form = FormOptions(config=config, seed=seed, lang=lang, mapping=mapping, families=families)
    planned = plan_lineup(lineup, options, form)
    write_planned_lineup(planned, output, form, with_emails)
    finish_plan(planned.plan, output, lang, as_json)
