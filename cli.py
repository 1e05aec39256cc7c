"""The ``intervisie`` command: read intakes, form groups, evaluate, explain and repair line-ups.

Exit codes: 0 done; 1 input problems (unreadable file, errors in the intake, unknown person);
2 usage (bad option or settings); 3 no line-up possible as asked (infeasible, or no solution
within --time-limit, which covers the whole run). Messages and progress go to stderr;
``--json`` output alone goes to stdout.
"""

from __future__ import annotations

import logging
import math
import sys
from collections import Counter
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from intake.analysis.functions import peer_person
from intake.analysis.occupations import isco_labels
from intake.analysis.peers import Person, peer_sentence
from intake.analysis.profile import profile_charts
from intake.issues import IntakeFileError, Severity, count_by_kind, ranked
from intake.pipeline import IntakeResult, read_intake
from limits import RunClock, RunLimitReached, TooManyParticipants, check_size
from optimiser.explain import conflicting_rules
from optimiser.intervision import evaluate_lineup
from optimiser.intervision.lineup import LineupReport, Move
from optimiser.intervision.why import alternatives, person_fit
from optimiser.result import Progress as SolveProgress
from optimiser.result import Status
from reporting.html import write_report
from reporting.json_output import analysis_json, dumps, intake_json, lineup_json
from reporting.labels import RuleNames, counted, field_name, how_read, label, with_names
from reporting.plan_output import plan_json
from reporting.quality import (
    VERDICTS,
    family_name,
    judge_all,
    lineup_purity,
    percent,
    readable,
    total_explained,
    word,
)
from web.worker import DEFAULT_WORKERS
from workflow import (
    Formed,
    FormOptions,
    UsageError,
    analyse_intake,
    form_groups,
    problem_inputs,
    read_lineup_problem,
    repair_file,
    settings_for,
    write_outputs,
)
from workflow_plan import plan_groups_of, write_plan_files

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INFEASIBLE = 0, 1, 2, 3
# When the solve ran out of time before it could name the clashing rules, look this long more:
# the search for a minimal clashing set is what tells a coordinator which rule to relax.
CONFLICT_SEARCH_S = 20.0
INTAKE_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv", ".txt")

app = typer.Typer(
    name="intervisie",
    help="Read intervision intakes and form peer-consultation groups.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)
log = logging.getLogger("intervisie")


def user_errors(command: Callable[..., None]) -> Callable[..., None]:
    """Turn user errors into a clear message and an exit code instead of a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        lang = kwargs.get("lang", "en")
        try:
            command(*args, **kwargs)
        except IntakeFileError as error:
            issue = error.issue
            err.print(f"[bold red]{issue.where(lang)}[/]: {issue.message(lang)}")
            raise typer.Exit(EXIT_INPUT) from None
        except UsageError as error:
            err.print(f"[bold red]{error}[/]")
            raise typer.Exit(EXIT_USAGE) from None
        except TooManyParticipants as error:
            err.print(f"[bold red]{error.message(lang)}[/]")
            raise typer.Exit(EXIT_INPUT) from None
        except RunLimitReached as error:
            err.print(f"[bold red]{error.message(lang)}[/]")
            raise typer.Exit(EXIT_INFEASIBLE) from None

    return wrapper


# -- shared option types ------------------------------------------------------------------------
FileArg = Annotated[Path, typer.Argument(help="Intake file: .xlsx, .xlsm, .ods or .csv.")]
LangOpt = Annotated[str, typer.Option("--lang", help="Language of messages and output: en or nl.")]
MappingOpt = Annotated[
    Path | None, typer.Option("--mapping", help="TOML file mapping column headers to fields.")
]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="Settings TOML file.")]
VenuesOpt = Annotated[
    Path | None,
    typer.Option(help="Your own meeting places (csv/xlsx): name + postcode, place or lat/lon."),
]
MinTownOpt = Annotated[
    int | None,
    typer.Option(help="Without --venues: meet in towns of at least this size (15000; 0 any)."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON on stdout.")]
IntakeOpt = Annotated[
    Path | None,
    typer.Option("--intake", help="The intake file, for a line-up not written by intervisie."),
]
FamiliesOpt = Annotated[
    Path | None, typer.Option("--families", help="TOML file overriding function families.")
]
WorkLimitOpt = Annotated[
    float | None,
    typer.Option(
        "--work-limit",
        help="Search effort in counted seconds, the same on every machine: same seed, same "
        "groups even on a busy one (default 90% of --time-limit, which stays the safety net).",
    ),
]


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log solver progress.")] = False,
) -> None:
    """Configure logging once, at the edge. Logs never hold names or e-mail addresses."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


# -- check ----------------------------------------------------------------------------------------
@app.command()
@user_errors
def check(
    file: FileArg,
    mapping: MappingOpt = None,
    sheet: Annotated[str | None, typer.Option(help="Sheet to read (default: found).")] = None,
    lang: LangOpt = "en",
    max_issues: Annotated[int, typer.Option(help="Show at most this many issues.")] = 60,
    as_json: JsonOpt = False,
) -> None:
    """Read and validate an intake: the column mapping used, and every issue found.

    Exits 1 when the intake holds errors (people who cannot be placed as they are).
    """
    intake = read_intake(file, mapping_file=mapping, sheet=sheet)
    if as_json:
        typer.echo(dumps(intake_json(intake, lang)))
    else:
        _print_intake(intake, lang, max_issues)
    if intake.count(Severity.ERROR):
        raise typer.Exit(EXIT_INPUT)


def _print_intake(intake: IntakeResult, lang: str, max_issues: int) -> None:
    nl = lang == "nl"
    raw = intake.raw
    err.print(
        f"[bold]{intake.file}[/] ({label('source_' + intake.source.value, lang)}"
        + (f", {'blad' if nl else 'sheet'} '{raw.sheet}'" if raw.sheet else "")
        + f", {'kopregel' if nl else 'header row'} {raw.header_row}): {intake.n_rows} "
        + ("rijen, " if nl else "rows, ")
        + f"{counted(len(intake.table), 'participant', lang)}, "
        + f"{len(intake.excluded)} "
        + ("niet meegenomen" if nl else "set aside")
    )
    mapping = Table(title="Kolommen" if nl else "Columns", title_justify="left")
    for heading in (
        ("Kolom", "Veld", "Zekerheid", "Hoe") if nl else ("Column", "Field", "Conf.", "How")
    ):
        mapping.add_column(heading)
    for match in intake.mapping:
        field = field_name(match.field, lang) if match.field else label("carried_along", lang)
        confidence = percent(match.confidence, lang)
        mapping.add_row(match.header[:60], field, confidence, how_read(match.how, lang))
    err.print(mapping)
    err.print(
        ("Meldingen: " if nl else "Issues: ")
        + ", ".join(counted(intake.count(s), s.value, lang) for s in Severity)
    )
    if not intake.issues:
        return
    err.print(
        ("Per soort, belangrijkste eerst: " if nl else "By kind, most important first: ")
        + ", ".join(f"{kind.label(lang)} {n}" for kind, n in count_by_kind(intake.issues).items())
    )
    issues = Table(show_lines=False)
    for heading in (
        "",
        "Soort" if nl else "Kind",
        "Rij" if nl else "Row",
        "Kolom" if nl else "Column",
        "Melding" if nl else "Message",
    ):
        issues.add_column(heading, overflow="fold")
    ordered = ranked(intake.issues)
    colour = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
    for issue in ordered[:max_issues]:
        issues.add_row(
            f"[{colour[issue.severity]}]{label(issue.severity.value, lang)}[/]",
            issue.kind.label(lang),
            str(issue.row or ""),
            (issue.column or "")[:30],
            issue.message(lang),
        )
    err.print(issues)
    if len(ordered) > max_issues:
        more = len(ordered) - max_issues
        err.print(
            f"... {more} " + ("meer; gebruik --max-issues" if nl else "more; use --max-issues")
        )


# -- analyse --------------------------------------------------------------------------------------
@app.command("analyse")
@user_errors
def analyse_command(
    file: FileArg,
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML report to write.")] = Path(
        "out/analysis.html"
    ),
    mapping: MappingOpt = None,
    families: FamiliesOpt = None,
    config: ConfigOpt = None,
    min_size: Annotated[int | None, typer.Option(help="Smallest group size (default 5).")] = None,
    max_size: Annotated[int | None, typer.Option(help="Largest group size (default 8).")] = None,
    venues: VenuesOpt = None,
    min_town_population: MinTownOpt = None,
    lang: LangOpt = "en",
    as_json: JsonOpt = False,
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Seconds for reading and analysis.")
    ] = 300.0,
) -> None:
    """Analyse an intake: function families, learning topics, what cannot work and why (the
    meeting places, group sizes and travel limits as ``form`` would use them)."""
    clock = RunClock(time_limit, hard_exit=EXIT_INFEASIBLE, lang=lang)
    options = FormOptions(
        config=config,
        min_size=min_size,
        max_size=max_size,
        venues=venues,
        min_town_population=min_town_population,
        lang=lang,
        families=families,
    )
    settings = settings_for(options)
    inputs = problem_inputs(options)
    with clock.step("reading"):
        intake = read_intake(file, mapping_file=mapping)
    check_size(intake.file, len(intake.table))
    with clock.step("analysis"):
        analysis = analyse_intake(intake.table, settings, inputs)
    if as_json:
        data = analysis_json(intake, analysis, lang)
        typer.echo(dumps(data))
        return
    nl = lang == "nl"
    err.print(
        f"[bold]{intake.file}[/]: {len(intake.table)} " + ("deelnemers" if nl else "participants")
    )
    families_table = Table(
        title="Functiefamilies" if nl else "Function families", title_justify="left"
    )
    for heading in ("Familie", "Aantal", "Titels") if nl else ("Family", "Size", "Titles"):
        families_table.add_column(heading, overflow="fold")
    for row in analysis.families.itertuples(index=False):
        families_table.add_row(
            family_name(row.family, lang), str(row.size), ", ".join(list(row.titles)[:5])
        )
    err.print(families_table)
    if analysis.diagnosis:
        err.print("[bold]" + ("Wat niet gaat werken" if nl else "What will not work") + "[/]")
    people = dict(zip(analysis.table["pid"], analysis.table["name"].astype(str), strict=True))
    for finding in analysis.diagnosis:
        message = with_names(finding.message_nl if nl else finding.message_en, people, lang)
        suggestion = with_names(
            finding.suggestion_nl if nl else finding.suggestion_en, people, lang
        )
        err.print(
            f"- [{'red' if finding.severity == 'error' else 'yellow'}]{message}[/] {suggestion}"
        )
    path = write_report(output, table=analysis.table, analysis=analysis, lang=lang)
    charts = profile_charts(analysis.table, output.with_name(f"{output.stem}_charts"), lang=lang)
    err.print(("Rapport: " if nl else "Report: ") + str(path))
    if charts:
        err.print(("Grafieken: " if nl else "Charts: ") + str(charts[0].parent))


# -- form -----------------------------------------------------------------------------------------
def _progress_bar(time_limit_s: float, lang: str = "en"):
    """A rich progress bar over the time limit showing the best score and gap."""
    nl = lang == "nl"
    bar = Progress(
        TextColumn("[bold]" + ("indelen" if nl else "solving")),
        BarColumn(),
        TextColumn("{task.fields[score]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    task = bar.add_task("solve", total=time_limit_s, score="")

    def update(point: SolveProgress) -> None:
        gap = (
            f" {'afstand tot grens' if nl else 'gap'} {percent(point.gap, lang, 1)}"
            if point.gap is not None
            else ""
        )
        best = "beste" if nl else "best"
        bar.update(
            task, completed=min(point.time_s, time_limit_s), score=f"{best} {point.objective}{gap}"
        )

    return bar, update


@app.command()
@user_errors
def form(
    file: FileArg,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Workbook to write (.xlsx).")
    ] = Path("out/groups.xlsx"),
    config: ConfigOpt = None,
    min_size: Annotated[int | None, typer.Option(help="Smallest group size (default 5).")] = None,
    max_size: Annotated[int | None, typer.Option(help="Largest group size (default 8).")] = None,
    rule: Annotated[
        list[str] | None,
        typer.Option(
            help="Rule level and weight, e.g. same_team=hard, travel=soft:20, style_mix=off."
        ),
    ] = None,
    travel_mode: Annotated[str | None, typer.Option(help="central or rotating.")] = None,
    venues: VenuesOpt = None,
    min_town_population: MinTownOpt = None,
    time_limit: Annotated[
        float,
        typer.Option(
            "--time-limit", help="Seconds for the whole run: reading, analysis and search."
        ),
    ] = 30.0,
    work_limit: WorkLimitOpt = None,
    seed: Annotated[int, typer.Option(help="Random seed: same seed, same groups.")] = 0,
    lang: LangOpt = "en",
    mapping: MappingOpt = None,
    families: FamiliesOpt = None,
    place_everyone: Annotated[
        bool,
        typer.Option(help="Place everyone or fail (exit 3) naming the rules that conflict."),
    ] = False,
    as_json: JsonOpt = False,
    facilitators: Annotated[
        Path | None,
        typer.Option(help="Facilitator list: also plan the programme (needs --start)."),
    ] = None,
    start: Annotated[str | None, typer.Option(help="Programme start, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option(help="Programme end (default a year on).")] = None,
    meetings: Annotated[int | None, typer.Option(help="Meetings per group (6).")] = None,
    weeks: Annotated[str | None, typer.Option(help="Weeks between meetings (6-8).")] = None,
    blocked: Annotated[Path | None, typer.Option(help="File of blocked periods.")] = None,
    plan_config: Annotated[Path | None, typer.Option(help="Plan settings TOML.")] = None,
    with_emails: Annotated[bool, typer.Option(help="E-mail addresses in the .ics.")] = False,
) -> None:
    """Form groups from an intake and write the workbook (and an HTML report beside it);
    with --facilitators and --start also plan facilitators and meetings."""
    if output.suffix.lower() != ".xlsx":
        raise UsageError("--output must be an .xlsx file")
    from cli_plan import finish_plan, plan_options

    planning = (
        plan_options(
            facilitators, start, end, meetings, weeks, blocked, plan_config, with_emails, None
        )
        if facilitators is not None or start is not None
        else None
    )
    options = FormOptions(
        config=config,
        min_size=min_size,
        max_size=max_size,
        rules=tuple(rule or ()),
        travel_mode=travel_mode,
        venues=venues,
        min_town_population=min_town_population,
        time_limit_s=time_limit,
        work_limit_s=work_limit,
        seed=seed,
        lang=lang,
        mapping=mapping,
        families=families,
        place_everyone=place_everyone,
    )
    bar, update = _progress_bar(time_limit, lang)
    with bar:
        formed = form_groups(file, options, update, hard_exit=EXIT_INFEASIBLE)
    if formed.result.status in (Status.INFEASIBLE, Status.UNKNOWN):
        _print_no_lineup(formed, lang)
        raise typer.Exit(EXIT_INFEASIBLE)
    write_outputs(formed, file, output, options)
    plan = None
    if planning is not None:
        plan = plan_groups_of(formed.table, formed.report, planning, options, formed.problem)
        write_plan_files(output, formed.table, formed.report, plan, lang, with_emails)
    if as_json:
        data = lineup_json(formed.table, formed.report, formed.notes.excluded, formed.result, lang)
        if plan is not None:
            data["plan"] = plan_json(plan, lang)
        typer.echo(dumps(data))
    _print_summary(formed, output, lang)
    if plan is not None:
        finish_plan(plan, output, lang, as_json=False)


def _print_no_lineup(formed: Formed, lang: str) -> None:
    """Say that no line-up exists, and which rules conflict, in the user's words."""
    nl = lang == "nl"
    names = RuleNames(lang)
    conflict = formed.result.conflicts or conflicting_rules(
        formed.problem.problem, time_limit_s=CONFLICT_SEARCH_S
    )
    err.print(
        "[bold red]"
        + ("Geen indeling mogelijk zoals gevraagd" if nl else "No line-up is possible as asked")
        + "[/]."
    )
    if not conflict:
        err.print(
            "Binnen de tijd is geen indeling gevonden; geef meer tijd (--time-limit)."
            if nl
            else "None was found within the time limit; allow more time (--time-limit)."
        )
        return
    err.print(
        ("Deze regels gaan niet samen: " if nl else "These rules cannot all hold: ")
        + ", ".join(names[k] for k in conflict)
        + (
            ". Zet er een op zacht of uit (--rule KEY=soft:GEWICHT)."
            if nl
            else ". Make one of them soft or switch it off (--rule KEY=soft:WEIGHT)."
        )
    )


def _print_summary(formed: Formed, output: Path, lang: str) -> None:
    """What was formed, in the coordinator's words: verdicts first, raw scores explained."""
    nl = lang == "nl"
    report, result, table = formed.report, formed.result, formed.table
    travel = [km for g in report.groups for km in g.travel_km.values() if not math.isnan(km)]
    gap = (
        f", {'afstand tot grens' if nl else 'gap'} {percent(result.gap, lang, 1)}"
        if result.gap is not None
        else ""
    )
    seconds = f"{result.solve_time_s:.1f}".replace(".", "," if nl else ".")
    err.print(
        f"[bold green]{counted(len(report.groups), 'group', lang)}[/] "
        + ("gevormd uit" if nl else "formed from")
        + f" {counted(len(table), 'participant', lang)}"
        + f" ({label('short_' + result.status.value, lang)}{gap}, {seconds} s)"
    )
    if result.clock_stopped:
        err.print(
            "[yellow]"
            + (
                "De tijdslimiet stopte het zoeken voordat het geplande rekenwerk klaar was: "
                "hetzelfde bestand met dezelfde instellingen en seed kan dan andere groepen "
                "geven. Geef meer tijd (--time-limit) voor telkens dezelfde groepen."
                if nl
                else "The time limit stopped the search before its planned work was done: the "
                "same file, settings and seed may then give other groups. Allow more time "
                "(--time-limit) for the same groups every time."
            )
            + "[/]"
        )
    _print_verdicts(table, report, lang)
    err.print(counted(report.hard_violations, "hard_rule_broken", lang))
    if travel:
        err.print(("Langste reis" if nl else "Longest trip") + f": {max(travel):.0f} km")
    for pid, reason in report.unplaced:
        err.print(
            "[yellow]"
            + ("Niet ingedeeld" if nl else "Unplaced")
            + f"[/]: {table.loc[pid, 'name']} ({'rij' if nl else 'row'} "
            + f"{int(table.loc[pid, 'source_row'])}): {reason}"
        )
    if formed.notes.excluded:
        err.print(
            f"{len(formed.notes.excluded)} "
            + (
                "rijen niet meegenomen (zie het blad Niet ingedeeld)"
                if nl
                else "rows set aside (see the Unplaced sheet)"
            )
        )
    err.print(("Werkmap" if nl else "Workbook") + f": {output}")


def _print_verdicts(table: pd.DataFrame, report: LineupReport, lang: str) -> None:
    """Verdict counts, the groups that need attention with why, purity and the total."""
    nl = lang == "nl"
    verdicts = judge_all(table, report, lang)
    counts = Counter(q.verdict for q in verdicts.values())
    err.print(
        ("Oordeel: " if nl else "Verdict: ")
        + ", ".join(f"{counts[v]} {word(v, lang)}" for v in VERDICTS if counts[v])
    )
    for number, quality in verdicts.items():
        if quality.verdict == "attention":
            err.print(f"  [red]{label('group', lang)} {number}[/]: " + "; ".join(quality.reasons))
    purity = lineup_purity(table, report)
    if purity.share is not None:
        err.print(
            f"{label('function_purity', lang)}: {percent(purity.share, lang)} "
            + (f"van {purity.pairs} paren" if nl else f"of {purity.pairs} pairs")
        )
    err.print(total_explained(report, RuleNames(lang), lang))


# -- evaluate / explain / repair ------------------------------------------------------------------
def _print_issues(issues, lang: str) -> None:
    for issue in issues:
        value = f" ({issue.value})" if issue.value else ""
        err.print(f"[yellow]{issue.where(lang)}[/]{value}: {issue.message(lang)}")


def _print_report(table: pd.DataFrame, report: LineupReport, lang: str) -> None:
    nl = lang == "nl"
    names = RuleNames(lang)
    verdicts = judge_all(table, report, lang)
    colour = {"good": "green", "acceptable": "yellow", "attention": "red"}
    for group in report.groups:
        quality = verdicts[group.group]
        purity = (
            f", {label('function_purity', lang).lower()} {percent(quality.purity.share, lang)}"
            if quality.purity.share is not None
            else ""
        )
        err.print(
            f"[bold]{label('group', lang)} {group.group}[/] ({len(group.pids)}): "
            f"[{colour[quality.verdict]}]{word(quality.verdict, lang)}[/] — "
            + "; ".join(quality.reasons)
            + f" (score {group.score}{purity})"
        )
        err.print("  " + ", ".join(str(table.loc[p, "name"]) for p in group.pids))
        for rule in group.rules:
            if rule.score or rule.violations:
                flag = (
                    "[red]x[/]"
                    if rule.violations and rule.hard
                    else ("[yellow]![/]" if rule.violations else " ")
                )
                err.print(
                    f"  {flag} {names.get(rule.key, rule.name)}: {rule.score:+d}"
                    + (f"  {readable(rule.detail, lang)}" if rule.detail else "")
                )
    for pid, reason in report.unplaced:
        err.print(
            f"[yellow]{'Niet ingedeeld' if nl else 'Unplaced'}[/]: "
            f"{table.loc[pid, 'name']}: {reason}"
        )
    _print_verdicts(table, report, lang)
    err.print(counted(report.hard_violations, "hard_rule_broken", lang))


@app.command()
@user_errors
def evaluate(
    lineup: Annotated[
        Path,
        typer.Argument(help="Workbook written by form (edited), or a name/e-mail + group sheet."),
    ],
    intake: IntakeOpt = None,
    config: ConfigOpt = None,
    lang: LangOpt = "en",
    mapping: MappingOpt = None,
    families: FamiliesOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Score a line-up and explain it: per group, per rule, what holds and what it costs."""
    options = FormOptions(config=config, lang=lang, mapping=mapping, families=families)
    read = read_lineup_problem(lineup, intake, options)
    problem, table = read.problem, read.table
    _print_issues(read.lineup.issues, lang)
    report = evaluate_lineup(problem, read.lineup.groups)
    if as_json:
        typer.echo(dumps(lineup_json(table, report, (), None, lang)))
    _print_report(table, report, lang)
    if any(i.severity == Severity.ERROR for i in read.lineup.issues):
        raise typer.Exit(EXIT_INPUT)


@app.command()
@user_errors
def explain(
    lineup: Annotated[
        Path, typer.Argument(help="Workbook written by form, or a name/e-mail + group sheet.")
    ],
    person: Annotated[str, typer.Argument(help="Name, e-mail address or ID of the person.")],
    intake: IntakeOpt = None,
    config: ConfigOpt = None,
    lang: LangOpt = "en",
    mapping: MappingOpt = None,
    families: FamiliesOpt = None,
) -> None:
    """Why this person is in this group, and what moving them to each other group would cost."""
    options = FormOptions(config=config, lang=lang, mapping=mapping, families=families)
    read = read_lineup_problem(lineup, intake, options)
    problem, table = read.problem, read.table
    pid = _find_person(table, person)
    nl = lang == "nl"
    current = read.lineup.groups.get(pid)
    row = int(table.loc[pid, "source_row"])
    err.print(
        f"[bold]{table.loc[pid, 'name']}[/] ({'rij' if nl else 'row'} {row}): "
        + (
            (f"groep {current}" if nl else f"group {current}")
            if current
            else ("niet ingedeeld" if nl else "not placed")
        )
    )
    fit = person_fit(problem, read.lineup.groups, pid)
    name = table.loc[pid, "name"]
    if fit.group is None:
        err.print(
            ("Waarom niet ingedeeld" if nl else "Why not placed")
            + f": {readable(fit.unplaced or '', lang)}"
        )
        return
    err.print(
        (f"Wat groep {fit.group} {name} geeft" if nl else f"What group {fit.group} gives {name}")
        + ":"
    )
    for sentence in fit.good or [
        "Geen regel scoort hier in het voordeel van deze persoon."
        if nl
        else "No rule scores in this person's favour here."
    ]:
        err.print(f"- {readable(sentence, lang)}")
    _print_peers(table, read.lineup.groups, pid, lang)
    others = alternatives(problem, read.lineup.groups, pid, fit)
    names = RuleNames(lang)
    shown = Table(
        title=("Andere groepen, de beste eerst" if nl else "Other groups, best first"),
        title_justify="left",
    )
    for heading in (
        ("Naar groep", "Verschil", "Breekt", "Per regel", "Reizen")
        if nl
        else ("To group", "Change", "Breaks", "Per rule", "Travel")
    ):
        shown.add_column(heading, overflow="fold")
    colour = {"better": "green", "same": "dim", "worse": "yellow", "breaks": "red"}
    for alt in others:
        parts = [f"{names.get(k, k)} {v:+d}" for k, v in alt.per_rule.items()]
        shown.add_row(
            f"[{colour[alt.kind]}]{alt.group}[/]",
            f"[{colour[alt.kind]}]{_KIND_WORDS[lang][alt.kind]} ({alt.delta:+d})[/]",
            readable(alt.breaks or "-", lang),
            "; ".join(parts),
            alt.travel or "-",
        )
    err.print(shown)
    if others:
        best = others[0]
        err.print(
            (
                f"Beste alternatief: groep {best.group} ({best.delta:+d})."
                if nl
                else f"Best alternative: group {best.group} ({best.delta:+d})."
            )
            + (
                (" Blijven is beter." if nl else " Staying is better.")
                if best.kind != "better"
                else (" Verplaatsen verbetert de score." if nl else " Moving improves the score.")
            )
        )


_KIND_WORDS = {
    "en": {"better": "better", "same": "about the same", "worse": "worse", "breaks": "breaks"},
    "nl": {"better": "beter", "same": "ongeveer gelijk", "worse": "slechter", "breaks": "breekt"},
}


def _print_peers(table: pd.DataFrame, groups: dict[str, int | None], pid: str, lang: str) -> None:
    """Whether each fellow member is a peer of ``pid`` by function, in words."""
    group = groups.get(pid)
    members = [p for p, g in groups.items() if group is not None and g == group and p != pid]
    if not members:
        return
    labels = isco_labels() if lang != "nl" else None

    def person(who: str) -> Person:
        row = table.loc[who]
        return peer_person(str(row["name"]), row.get("function"), row.get("function_family"), lang)

    me = person(pid)
    err.print(("Functie en groepsgenoten" if lang == "nl" else "Function and fellow members") + ":")
    for other in members:
        err.print(f"- {table.loc[other, 'name']}: {peer_sentence(me, person(other), lang, labels)}")


def _find_person(table: pd.DataFrame, person: str) -> str:
    key = person.strip().casefold()
    if person in table.index:
        return person
    hits = [
        pid
        for pid, email in table["email"].items()
        if isinstance(email, str) and email.casefold() == key
    ]
    hits = hits or [pid for pid, name in table["name"].items() if str(name).casefold() == key]
    hits = hits or [pid for pid, name in table["name"].items() if key in str(name).casefold()]
    if len(hits) != 1:
        raise UsageError(
            f"{person!r} matches {len(hits)} participants; "
            "give the full name, e-mail address or ID."
        )
    return str(hits[0])


@app.command()
@user_errors
def repair(
    lineup: Annotated[
        Path,
        typer.Argument(help="Workbook written by form (edited), or a name/e-mail + group sheet."),
    ],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Repaired workbook to write.")
    ] = Path("out/repaired.xlsx"),
    intake: IntakeOpt = None,
    config: ConfigOpt = None,
    time_limit: Annotated[float, typer.Option("--time-limit", help="Seconds to search.")] = 20.0,
    work_limit: WorkLimitOpt = None,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    lang: LangOpt = "en",
    mapping: MappingOpt = None,
    families: FamiliesOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Keep a line-up as far as possible: fix hard rules, place newcomers, list every move."""
    options = FormOptions(
        config=config,
        time_limit_s=time_limit,
        work_limit_s=work_limit,
        seed=seed,
        lang=lang,
        mapping=mapping,
        families=families,
    )
    read = read_lineup_problem(lineup, intake, options, pinned=True)
    _print_issues(read.lineup.issues, lang)
    bar, update = _progress_bar(time_limit, lang)
    with bar:
        formed, repair = repair_file(read, options, update)
    moves = repair.moves
    result, report, table = formed.result, formed.report, formed.table
    if result.status in (Status.INFEASIBLE, Status.UNKNOWN):
        err.print(
            f"[bold red]{'Herstel niet mogelijk' if lang == 'nl' else 'No repair possible'}[/]"
            f" ({result.status.value})."
        )
        raise typer.Exit(EXIT_INFEASIBLE)
    write_outputs(formed, lineup, output, options, pinned=read.lineup.pinned)
    nl = lang == "nl"
    _print_moves(table, moves, lang)
    for change in repair.changes:
        err.print(f"- {readable(change.reason, lang)}")
    if as_json:
        data = lineup_json(table, report, (), result, lang)
        data["moves"] = [{"pid": p, "from": b, "to": a, "reason": r} for p, b, a, r in moves]
        data["changes"] = [
            {"group": c.group, "what": c.what, "from": c.before, "to": c.after, "reason": c.reason}
            for c in repair.changes
        ]
        typer.echo(dumps(data))
    err.print(("Werkmap" if nl else "Workbook") + f": {output}")


def _print_moves(table: pd.DataFrame, moves: list[Move], lang: str) -> None:
    """Every move of a repair, with the person's row and the reason in words."""
    nl = lang == "nl"
    if not moves:
        err.print(
            "[bold green]"
            + (
                "Niemand verplaatst: elke groep blijft zoals hij was."
                if nl
                else "Nobody moved: every group stays as it was."
            )
            + "[/]"
        )
        return
    err.print(f"[bold]{len(moves)} " + ("verplaatst" if nl else "moved") + "[/]")
    unplaced = "niet ingedeeld" if nl else "not placed"
    group = "groep" if nl else "group"
    for pid, before, after, reason in moves:
        row = int(table.loc[pid, "source_row"])
        err.print(
            f"- {table.loc[pid, 'name']} ({'rij' if nl else 'row'} {row}): "
            f"{f'{group} {before}' if before else unplaced} -> "
            f"{f'{group} {after}' if after else unplaced}: {readable(reason, lang)}"
        )


@app.command()
def serve(
    host: Annotated[
        str,
        typer.Option(
            help="Address to listen on; keep 127.0.0.1 so only this computer can reach it."
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8765,
    open_browser: Annotated[
        bool, typer.Option("--open/--no-open", help="Open the app in the browser.")
    ] = True,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            help="Folder for session files, private to you (default: XDG_RUNTIME_DIR or "
            "~/.cache/intervisie/web)."
        ),
    ] = None,
    max_upload_mb: Annotated[int, typer.Option(help="Largest upload accepted, in MB.")] = 20,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Store of the programmes, as for `intervisie programme` (default: "
            "INTERVISIE_DB, else a file in the user data folder).",
        ),
    ] = None,
    analysis_workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=8,
            help="Processes that analyse uploads and build problems, each capped at "
            "1.5 GB; more let more coordinators start at once on a machine with more cores.",
        ),
    ] = DEFAULT_WORKERS,
) -> None:
    """Start the web app on this computer: upload, review, form, adjust and download; keep
    programmes with their rounds and versions, compare them, form the next round."""
    import dataclasses
    import threading
    import webbrowser

    import uvicorn

    from web import service
    from web.app import WebConfig, create_app
    from web.guard import LOOPBACK_NAMES
    from web.sessions import UnsafeDataFolder

    service.use_analysis_workers(analysis_workers)

    config = WebConfig(
        max_upload_bytes=max_upload_mb * 1_000_000,
        # the app answers only to the names it serves (a page elsewhere cannot reach it)
        host_names=tuple(dict.fromkeys((*LOOPBACK_NAMES, host.lower()))),
        db_url=db,
    )
    if data_dir is not None:
        config = dataclasses.replace(config, data_dir=data_dir)
    try:
        web_app = create_app(config)
    except UnsafeDataFolder as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from error
    url = f"http://{host}:{port}/"
    err.print(f"intervisie: {url}  (Ctrl+C stops; uploads are deleted when the app stops)")
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    # a stop signal ends the server within seconds even while a request is still busy
    uvicorn.run(web_app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=5)


# the other commands live beside this module and register themselves on ``app``
import cli_batch  # noqa: E402, F401 - sample and batch
import cli_plan  # noqa: E402, F401 - plan
import cli_rounds  # noqa: E402, F401 - compare, next-round and programme

if __name__ == "__main__":  # python -m cli: the modules above registered on ``cli.app``
    import cli

    cli.app()
