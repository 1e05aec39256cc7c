"""The product's pipeline, composed: intake file -> analysis -> problem -> solver -> outputs.

The one place a run is composed: ``cli.py`` and ``web/`` call these functions for forming,
evaluating, repairing and explaining; they hold no printing. Each step is one of the packages'
own plain functions, taking what it needs (a table, settings, :class:`ProblemInputs`,
:class:`IntakeNotes`) rather than a whole intake; this module only wires them together.
"""

from __future__ import annotations

import hashlib
import math
import tomllib
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import pandas as pd
from openpyxl import Workbook

from intake.analysis import (
    Analysis,
    CandidatePlaces,
    Similarities,
    analyse,
    annotate,
    load_family_overrides,
)
from intake.columns import ColumnMatch, FormSource
from intake.issues import Issue, Severity
from intake.pipeline import ExcludedRow, IntakeResult, read_intake
from intake.reading import RawTable
from limits import RunClock, check_size, solver_grace
from optimiser.intervision import (
    IntervisionProblem,
    Repair,
    Venue,
    build_problem,
    evaluate_lineup,
    keep_lineup,
    lineup_from_result,
    load_settings,
    repair_moves,
    settings_to_toml,
)
from optimiser.intervision.choices import Choices, choice_changes, with_choices
from optimiser.intervision.group_rules import candidate_venues, online_access
from optimiser.intervision.lineup import LineupReport
from optimiser.intervision.rules import RULES
from optimiser.intervision.settings import IntervisionSettings
from optimiser.problem import Level
from optimiser.result import Progress, ProgressCallback, Result, SolveParams, StopSignal
from optimiser.scoring import unplaced_penalty
from optimiser.solve import solve
from reporting.comparison import write_compare_sheet
from reporting.html import write_report
from reporting.json_output import next_round_json
from reporting.labels import RuleNames
from reporting.lineup_io import Lineup, read_lineup, workbook_settings
from reporting.workbook import RunInfo, write_workbook
from rounds.compare import Comparison, Side, compare
from rounds.next_round import (
    MODES,
    NextRound,
    PastRound,
    RoundPlan,
    groups_that_go_on,
    plan_round,
    round_outcome,
    with_met_before,
    with_met_before_level,
)

if TYPE_CHECKING:
    from store import Store
    from store.records import StoredVersion


class UsageError(Exception):
    """A bad option or settings value: exit code 2 with a message, never a traceback."""


def package_version() -> str:
    """The installed version, for the workbook's Settings sheet."""
    try:
        return version("intervisie")
    except PackageNotFoundError:  # running from a checkout without install
        return "0+unknown"


def family_overrides(path: Path | None) -> dict[str, str] | None:
    """The coordinator's function-family corrections, if a file is given."""
    if path is None:
        return None
    try:
        return load_family_overrides(path)
    except (OSError, ValueError) as error:
        raise UsageError(f"{path}: {error}") from error


@dataclass(frozen=True)
class FormOptions:
    """Everything ``form`` and ``batch`` need besides the file, picklable for worker processes."""

    config: Path | None = None
    min_size: int | None = None
    max_size: int | None = None
    rules: tuple[str, ...] = ()
    travel_mode: str | None = None
    venues: Path | None = None
    min_town_population: int | None = None
    time_limit_s: float = 30.0
    work_limit_s: float | None = None  # reproducible search effort; None: a share of the time
    seed: int = 0
    lang: str = "en"
    mapping: Path | None = None
    families: Path | None = None
    place_everyone: bool = False  # no one may be left unplaced: infeasible rather than unplaced

    def __post_init__(self) -> None:
        if not self.time_limit_s > 0:
            raise UsageError(f"--time-limit must be more than 0 seconds, not {self.time_limit_s:g}")
        if self.work_limit_s is not None and not self.work_limit_s > 0:
            raise UsageError(f"--work-limit must be more than 0 seconds, not {self.work_limit_s:g}")


def settings_for(options: FormOptions) -> IntervisionSettings:
    """Settings from the TOML file, then the command-line flags on top."""
    overrides: dict[str, object] = {}
    if options.min_size is not None:
        overrides["min_size"] = options.min_size
    if options.max_size is not None:
        overrides["max_size"] = options.max_size
    if options.travel_mode is not None:
        overrides["travel_mode"] = options.travel_mode
    if options.min_town_population is not None:
        overrides["min_town_population"] = options.min_town_population
    rules: dict[str, dict[str, object]] = {}
    for spec in options.rules:
        key, _, value = spec.partition("=")
        level, _, weight = value.partition(":")
        if not key or level not in {lv.value for lv in Level}:
            raise UsageError(
                f"--rule {spec!r}: write KEY=hard, KEY=off or KEY=soft:WEIGHT; keys: "
                + ", ".join(r.key for r in RULES)
            )
        if weight and not weight.isdigit():
            raise UsageError(f"--rule {spec!r}: the weight must be a whole number >= 0")
        rules[key] = {"level": level, **({"weight": int(weight)} if weight else {})}
    if rules:
        overrides["rules"] = rules
    overrides["language"] = options.lang
    try:
        return load_settings(options.config, overrides)
    except (OSError, ValueError) as error:
        raise UsageError(str(error)) from error


def load_venues(path: Path | None) -> list[Venue] | None:
    """Venues from the coordinator's sheet (intake.venue_file): every row that cannot be
    used is named with its file, row and column, and the run stops rather than go on without
    a venue the coordinator listed."""
    if path is None:
        return None
    from intake.issues import IntakeFileError
    from intake.venue_file import read_venues

    try:
        found = read_venues(path)
    except IntakeFileError as error:
        raise UsageError(error.issue.message_en) from error
    if not found.ok:
        raise UsageError(
            "\n".join(f"{issue.where()}: {issue.message_en}" for issue in found.issues)
        )
    return [Venue(v.name, v.lat, v.lon) for v in found.venues]


@cache
def meeting_towns(min_population: int) -> tuple[Venue, ...] | None:
    """The towns a group may meet in without a venues file (None at threshold 0: members'
    own places). The one home of the candidate towns: the CLI, the web app and every report
    build their problems through :func:`problem_for`."""
    if min_population <= 0:
        return None
    from intake.towns import towns_from

    return tuple(Venue(t.name, t.lat, t.lon) for t in towns_from(min_population))


def sha256_of(path: Path) -> str:
    """The input file's fingerprint, so a workbook says exactly which intake it came from."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class IntakeNotes:
    """What reading the intake found besides the table: the issues and the rows set aside.

    The outputs need these, not the whole intake; a line-up read back from a workbook has none.
    """

    issues: tuple[Issue, ...] = ()
    excluded: tuple[ExcludedRow, ...] = ()

    @classmethod
    def of(cls, intake: IntakeResult) -> IntakeNotes:
        return cls(tuple(intake.issues), tuple(intake.excluded))


@dataclass(frozen=True)
class ProblemInputs:
    """What shapes the problem besides the participant table and the settings."""

    venues: tuple[Venue, ...] | None = None
    family_overrides: Mapping[str, str] | None = None
    place_everyone: bool = False  # no one may be left unplaced: infeasible rather than unplaced


def problem_inputs(options: FormOptions) -> ProblemInputs:
    """The venues and family corrections named in the options, read from their files."""
    venues = load_venues(options.venues)
    return ProblemInputs(
        venues=None if venues is None else tuple(venues),
        family_overrides=family_overrides(options.families),
        place_everyone=options.place_everyone,
    )


class Analysed(NamedTuple):
    """The participant table with the analysis columns (function_family, ...) and the
    similarity vectors the problem is built from."""

    table: pd.DataFrame
    similarities: Similarities


@dataclass
class Formed:
    """One intake formed into groups: everything the outputs need."""

    notes: IntakeNotes
    problem: IntervisionProblem
    result: Result
    report: LineupReport
    table: pd.DataFrame  # the participant table with the analysis columns (function_family, ...)


def analyse_table(table: pd.DataFrame, inputs: ProblemInputs, lang: str) -> Analysed:
    """Function families (named in ``lang``) and similarity vectors for the optimiser."""
    return Analysed(*annotate(table, family_overrides=inputs.family_overrides, language=lang))


def candidate_places(
    table: pd.DataFrame, settings: IntervisionSettings, inputs: ProblemInputs
) -> CandidatePlaces:
    """The meeting places the solver will offer this table (the venues given, else the towns
    above ``min_town_population`` near the members, else member locations; online for who may
    meet online), as plain arrays for the feasibility diagnosis."""
    towns = meeting_towns(settings.min_town_population) if inputs.venues is None else None
    venues = candidate_venues(table, settings, inputs.venues, towns)
    online, only = online_access(table, settings)
    return CandidatePlaces(
        lat=np.array([v.lat for v in venues], dtype=float),
        lon=np.array([v.lon for v in venues], dtype=float),
        online=online,
        online_only=only,
    )


def analyse_intake(
    table: pd.DataFrame, settings: IntervisionSettings, inputs: ProblemInputs
) -> Analysis:
    """Function families, topics, answer counts and the feasibility diagnosis of ``table``,
    judged by the group sizes, travel limits and meeting places the solver will use."""
    return analyse(
        table,
        family_overrides=inputs.family_overrides,
        min_size=settings.min_size,
        max_size=settings.max_size,
        language=settings.language,
        default_travel_limit_km=settings.default_travel_limit_km,
        places=candidate_places(table, settings, inputs),
    )


def problem_for(
    analysed: Analysed,
    settings: IntervisionSettings,
    inputs: ProblemInputs,
    pins: Mapping[str, int] | None = None,
) -> IntervisionProblem:
    """The grouping problem of an analysed table: the one place a problem is built."""
    problem = build_problem(
        analysed.table,
        settings,
        function_vectors=analysed.similarities.function_vectors,
        goal_vectors=analysed.similarities.goal_vectors,
        venues=inputs.venues,
        towns=meeting_towns(settings.min_town_population) if inputs.venues is None else None,
        pins=pins,
    )
    if inputs.place_everyone:
        problem = replace(problem, problem=replace(problem.problem, allow_unplaced=False))
    return problem


def analysed_problem(
    table: pd.DataFrame, options: FormOptions, settings: IntervisionSettings
) -> tuple[IntervisionProblem, pd.DataFrame]:
    """Analyse the table and build the problem; returns (problem, analysed table)."""
    inputs = problem_inputs(options)
    analysed = analyse_table(table, inputs, options.lang)
    return problem_for(analysed, settings, inputs), analysed.table


def solve_params(options: FormOptions) -> SolveParams:
    """The solver's budget and seed from the options."""
    return SolveParams(
        time_limit_s=options.time_limit_s, work_limit_s=options.work_limit_s, seed=options.seed
    )


def solve_problem(
    problem: IntervisionProblem,
    params: SolveParams,
    progress: ProgressCallback | None = None,
    stop: StopSignal | None = None,
) -> Result:
    """Solve the grouping problem (pins and current groups as the problem holds them)."""
    return solve(problem.problem, params, progress, stop=stop)


def form_groups(
    file: Path,
    options: FormOptions,
    progress: Callable[[Progress], None] | None = None,
    hard_exit: int | None = None,
) -> Formed:
    """Intake file to groups: the pipeline behind ``form`` and ``batch``.

    ``options.time_limit_s`` bounds the whole run, not only the search: reading, analysis and
    problem building come out of it (`RunLimitReached` when it runs out), and an intake larger
    than forming supports is refused before analysis (`TooManyParticipants`). ``hard_exit``
    (the command line's exit code for it) ends the process when a step cannot be interrupted.
    """
    # The command line's form bounds the whole run; callers that pass no hard_exit (batch,
    # rounds) keep the time limit for the search alone.
    whole_run = hard_exit is not None
    clock = RunClock(options.time_limit_s if whole_run else None, hard_exit, options.lang)
    settings = settings_for(options)
    with clock.step("reading"):
        intake = read_intake(file, mapping_file=options.mapping)
    check_size(intake.file, len(intake.table))
    with clock.step("analysis"):
        problem, table = analysed_problem(intake.table, options, settings)
    solver_limit = clock.solver_time() if whole_run else options.time_limit_s
    params = replace(solve_params(options), time_limit_s=solver_limit)
    with clock.step("solving", grace_s=solver_grace(solver_limit)):
        result = solve_problem(problem, params, progress)
    report = evaluate_lineup(problem, groups_of(problem, result))
    return Formed(IntakeNotes.of(intake), problem, result, report, table)


def repair_lineup(
    problem: IntervisionProblem,
    proposed: Mapping[str, int | None],
    params: SolveParams,
    *,
    move_penalty: int | None = None,
    progress: ProgressCallback | None = None,
    stop: StopSignal | None = None,
) -> Repair:
    """Keep a proposed line-up (pid -> 1-based group) as far as possible around the problem's
    pins, placing newcomers; every move listed with its reason (see
    :func:`optimiser.intervision.keep_lineup`). ``stop`` ends the search early."""
    kept = keep_lineup(problem, proposed, move_penalty)
    result = solve_problem(kept, params, progress, stop)
    changes = choice_changes(kept, evaluate_lineup(kept, groups_of(kept, result)))
    return Repair(result, repair_moves(kept, proposed, result), kept, tuple(changes))


def lineup_problem(problem: IntervisionProblem, choices: Choices | None) -> IntervisionProblem:
    """``problem`` with a line-up's stored moments, places and online groups (see
    :mod:`optimiser.intervision.choices`); changing one costs what a move costs."""
    return with_choices(problem, choices, unplaced_penalty(problem.problem))


@dataclass
class ReadLineup:
    """A line-up file read back with its participants, and the problem to score it against."""

    lineup: Lineup  # groups, pins and the issues found reading it
    problem: IntervisionProblem
    table: pd.DataFrame  # the participant table with the analysis columns


def read_lineup_problem(
    lineup_file: Path, intake_file: Path | None, options: FormOptions, *, pinned: bool = False
) -> ReadLineup:
    """A line-up file with its participants (from the workbook, or from ``intake_file``) and
    its problem: what ``evaluate``, ``explain`` and (``pinned``: with the file's pins as pins
    of the problem) ``repair`` start from."""
    intake_table = (
        read_intake(intake_file, mapping_file=options.mapping).table if intake_file else None
    )
    lineup = read_lineup(lineup_file, intake_table)
    inputs = problem_inputs(options)
    analysed = analyse_table(lineup.table, inputs, options.lang)
    pins = {pid: lineup.groups[pid] for pid in lineup.pinned if lineup.groups.get(pid)}
    problem = problem_for(analysed, settings_for(options), inputs, pins=pins if pinned else None)
    return ReadLineup(lineup, lineup_problem(problem, lineup.choices), analysed.table)


def repair_file(
    read: ReadLineup,
    options: FormOptions,
    progress: Callable[[Progress], None] | None = None,
) -> tuple[Formed, Repair]:
    """Repair a line-up read back from a file: the repaired line-up, ready for the outputs,
    and the repair (every move and forced change of a moment or place, with its reason)."""
    repair = repair_lineup(
        read.problem, read.lineup.groups, solve_params(options), progress=progress
    )
    report = evaluate_lineup(repair.problem, groups_of(repair.problem, repair.result))
    formed = Formed(IntakeNotes(), repair.problem, repair.result, report, read.table)
    return formed, repair


def groups_of(problem: IntervisionProblem, result: Result) -> dict[str, int | None]:
    """pid -> 1-based group (None = unplaced) of a solver result."""
    lineup = lineup_from_result(problem, result)
    return {
        str(r.pid): (None if is_missing(r.group) else int(r.group)) for r in lineup.itertuples()
    }


def is_missing(value: object) -> bool:
    """True for None, pandas NA and NaN: a person without a group."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def write_outputs(
    formed: Formed,
    file: Path,
    output: Path,
    options: FormOptions,
    pinned: Collection[str] = (),
) -> Path:
    """Write the workbook and, beside it, the HTML report."""
    result = formed.result
    run = run_info(
        file,
        options,
        formed.problem.settings,
        status=result.status.value,
        objective=result.objective,
        gap=result.gap,
        solve_time_s=result.solve_time_s,
    )
    return write_lineup_files(
        output,
        table=formed.table,
        report=formed.report,
        notes=formed.notes,
        run=run,
        lang=options.lang,
        pinned=pinned,
    )


def run_info(
    file: Path,
    options: FormOptions,
    settings: IntervisionSettings,
    *,
    status: str,
    objective: int,
    gap: float | None,
    solve_time_s: float,
    file_sha256: str | None = None,
) -> RunInfo:
    """How a line-up was made (input fingerprint, seed, settings), for the Settings sheet;
    ``file_sha256`` when the file itself is not at hand (a line-up from the store)."""
    return RunInfo(
        input_file=file.name,
        input_sha256=file_sha256 or sha256_of(file),
        version=package_version(),
        seed=options.seed,
        time_limit_s=options.time_limit_s,
        status=status,
        objective=objective,
        gap=gap,
        solve_time_s=solve_time_s,
        settings_toml=settings_to_toml(settings),
        settings=settings,
    )


def write_lineup_files(
    output: Path,
    *,
    table: pd.DataFrame,
    report: LineupReport,
    notes: IntakeNotes,
    run: RunInfo,
    lang: str,
    pinned: Collection[str] = (),
    extra_sheets: Sequence[Callable[[Workbook], None]] = (),
) -> Path:
    """The workbook at ``output`` and the HTML report beside it (same name, ``.html``)."""
    names = RuleNames(lang)
    write_workbook(
        output,
        table=table,
        report=report,
        issues=notes.issues,
        excluded=notes.excluded,
        run=run,
        rule_names=names,
        pinned=pinned,
        lang=lang,
        extra_sheets=extra_sheets,
    )
    write_report(
        output.with_suffix(".html"), table=table, lineup=report, rule_names=names, lang=lang
    )
    return output


# -- programmes over rounds: compare two line-ups, form a next round ---------------------------
def lineup_side(
    label: str,
    table: pd.DataFrame,
    groups: Mapping[str, int | None],
    options: FormOptions,
    settings: IntervisionSettings | None = None,
) -> Side:
    """A line-up scored with ``settings`` (default: ``options``' settings), ready to compare
    with another scored with the same."""
    problem, _ = analysed_problem(table, options, settings or settings_for(options))
    return Side(label, table, dict(groups), evaluate_lineup(problem, groups))


def read_side(path: Path, options: FormOptions, intake_file: Path | None = None) -> Side:
    """A line-up file (our workbook, possibly edited) as one side of a comparison."""
    intake_table = (
        read_intake(intake_file, mapping_file=options.mapping).table if intake_file else None
    )
    lineup = read_lineup(path, intake_table)
    return lineup_side(path.name, lineup.table, lineup.groups, options)


def lineup_intake(
    workbook: Path, intake_file: Path | None = None
) -> tuple[Lineup, IntakeResult, str]:
    """A line-up workbook with the intake to keep beside it, and that intake's fingerprint:
    the intake file when given (its issues too), else the workbook's own participant table
    with the file name and fingerprint its Settings sheet records."""
    if intake_file is not None:
        intake = read_intake(intake_file)
        lineup = read_lineup(workbook, intake.table)
        unknown = set(lineup.groups) - set(intake.table.index)
        if unknown:
            raise UsageError(
                f"{workbook.name}: {len(unknown)} people in the line-up are not in "
                f"{intake_file.name}; is it the intake this line-up was made from?"
            )
        return lineup, intake, sha256_of(intake_file)
    lineup = read_lineup(workbook)
    recorded = workbook_settings(workbook)
    file = str(recorded.get("input_file") or workbook.name)
    intake = stored_intake(lineup.table, file)
    return lineup, intake, str(recorded.get("input_sha256") or sha256_of(workbook))


def stored_intake(
    table: pd.DataFrame, file_name: str, stored: StoredVersion | None = None
) -> IntakeResult:
    """A participant table kept in the store (or a workbook) as an intake to work on: its
    people without the file's raw rows; a stored version brings back how its columns were
    read, its issues and the rows set aside."""
    if stored is None:
        return IntakeResult(
            file_name, FormSource.HAND, table, [], [], [], [], RawTable(file_name, None, 1, (), ())
        )
    mapping = [
        ColumnMatch(index, m["header"], m["field"], float(m["confidence"]), m["how"])
        for index, m in enumerate(stored.mapping)
    ]
    issues = [
        Issue(
            Severity(i["severity"]),
            i["code"],
            i["message_en"],
            i["message_nl"],
            file=file_name,
            row=i["row"],
            column=i["column"],
            value=i["value"],
        )
        for i in stored.issues
    ]
    excluded = [ExcludedRow(row, en, nl) for row, en, nl in stored.excluded]
    extra = [m.header for m in mapping if m.field is None]
    raw = RawTable(file_name, None, 1, tuple(m.header for m in mapping), ())
    return IntakeResult(file_name, FormSource.HAND, table, mapping, issues, excluded, extra, raw)


def compare_lineups(a: Side, b: Side) -> Comparison:
    """Who moved, groups kept, score differences and repeated pairs between two line-ups."""
    return compare(a, b)


@dataclass
class NextRoundRun:
    """A next round formed from a new intake: the outcome and what the outputs need."""

    intake: IntakeResult
    outcome: NextRound
    report: LineupReport
    table: pd.DataFrame
    comparison: Comparison


def form_next_round(
    rounds: Sequence[PastRound],
    new_intake: Path,
    options: FormOptions,
    *,
    mode: str,
    met_rounds: int = 1,
    progress: Callable[[Progress], None] | None = None,
    stop: StopSignal | None = None,
) -> NextRoundRun:
    """The next round's groups for ``new_intake`` after ``rounds`` (the last is the previous):
    stable repairs the previous line-up around the groups that can go on, mix solves anew
    with the pairs who met kept apart."""
    if mode not in MODES:
        raise UsageError(f"mode {mode!r} is not one of {', '.join(MODES)}")
    intake = read_intake(new_intake, mapping_file=options.mapping)
    settings = with_met_before_level(settings_for(options), mode)
    plan = plan_round(rounds, intake.table, met_rounds=met_rounds)
    inputs = problem_inputs(options)
    params = solve_params(options)
    if mode == "mix":
        analysed = analyse_table(with_met_before(intake.table, plan.met), inputs, options.lang)
        problem = problem_for(analysed, settings, inputs)
        result = solve_problem(problem, params, progress, stop)
    else:
        analysed = analyse_table(intake.table, inputs, options.lang)
        problem, result = _stable_round(analysed, settings, inputs, plan, params, progress, stop)
    groups = groups_of(problem, result)
    why = {str(r.pid): r.reason for r in lineup_from_result(problem, result).itertuples()}
    outcome = round_outcome(
        plan, mode, problem, result, groups, {p: w for p, w in why.items() if w}, rounds[-1]
    )
    plain = replace(problem.problem, pins={}, current={}, move_penalty=0)
    report = evaluate_lineup(replace(problem, problem=plain), groups)
    comparison = compare(
        Side("previous", rounds[-1].table, dict(rounds[-1].groups)),
        Side(new_intake.name, analysed.table, groups, report),
        same=plan.matching.same,
    )
    return NextRoundRun(intake, outcome, report, analysed.table, comparison)


def _stable_round(
    analysed: Analysed,
    settings: IntervisionSettings,
    inputs: ProblemInputs,
    plan: RoundPlan,
    params: SolveParams,
    progress: Callable[[Progress], None] | None,
    stop: StopSignal | None = None,
) -> tuple[IntervisionProblem, Result]:
    """Groups that can go on are pinned and the rest repaired around them. If that leaves a
    continuing member out, a repair that may move anyone (each move still costing) wins when
    it places more people without breaking more hard rules."""
    free = problem_for(analysed, settings, inputs)
    pins = groups_that_go_on(free, plan.proposed)
    pinned = {free.rows[pid]: group - 1 for pid, group in pins.items()}
    first = repair_lineup(
        replace(free, problem=replace(free.problem, pins=pinned)),
        plan.proposed,
        params,
        progress=progress,
        stop=stop,
    )
    left_out = {first.problem.pids[u.person] for u in first.result.unplaced}
    if not pins or not left_out & set(plan.proposed):  # newcomers fill vacancies if they fit
        return first.problem, first.result
    placed = {p: g for p, g in groups_of(first.problem, first.result).items() if g is not None}
    second = repair_lineup(free, {**placed, **plan.proposed}, params, progress=progress, stop=stop)
    hard_first = evaluate_lineup(free, groups_of(first.problem, first.result)).hard_violations
    hard_second = evaluate_lineup(free, groups_of(second.problem, second.result)).hard_violations
    if len(second.result.unplaced) < len(first.result.unplaced) and hard_second <= hard_first:
        return second.problem, second.result
    return first.problem, first.result


def next_round_data(run: NextRoundRun, lang: str) -> dict[str, Any]:
    """The next round as ``next-round --json`` prints it and the web page shows it."""
    outcome, excluded = run.outcome, run.intake.excluded
    return next_round_json(outcome, run.table, run.report, excluded, run.comparison.a.table, lang)


def write_next_round(run: NextRoundRun, file: Path, output: Path, options: FormOptions) -> Path:
    """The next round's workbook (with a Compare sheet giving every change its reason) and the
    HTML report beside it."""
    result = run.outcome.result
    reasons = {c.pid: c.reason for c in (*run.outcome.changes, *run.outcome.dropouts)}
    info = run_info(
        file,
        options,
        run.outcome.problem.settings,
        status=result.status.value,
        objective=result.objective,
        gap=result.gap,
        solve_time_s=result.solve_time_s,
    )
    write_lineup_files(
        output,
        table=run.table,
        report=run.report,
        notes=IntakeNotes.of(run.intake),
        run=info,
        lang=options.lang,
        extra_sheets=[
            lambda book: write_compare_sheet(book, run.comparison, options.lang, reasons)
        ],
    )
    return output


# -- programmes in the store: the CLI's --programme and the web app's programme pages -----------
def stored_settings(settings_toml: str, lang: str) -> IntervisionSettings:
    """The settings a version was made with (the defaults when it recorded none), in ``lang``."""
    try:
        recorded = tomllib.loads(settings_toml) if settings_toml.strip() else {}
        return load_settings(None, {**recorded, "language": lang})
    except (tomllib.TOMLDecodeError, ValueError) as error:
        raise UsageError(f"the version's settings cannot be read: {error}") from error


def version_side(
    store: Store,
    version_id: int,
    options: FormOptions,
    settings: IntervisionSettings | None = None,
) -> Side:
    """A stored version as one side of a comparison, labelled "programme: name (round)"."""
    version = store.load_version(version_id)
    info = version.info
    label = f"{info.programme}: {info.name} ({info.round})"
    return lineup_side(label, version.table, version.groups, options, settings)


def stored_past_rounds(
    store: Store, programme: str, met_rounds: int = 1, previous_version: int | None = None
) -> list[PastRound]:
    """The programme's last ``met_rounds`` rounds (each its newest version, or
    ``previous_version`` for the last round), oldest first: what a next round starts from."""
    from store import StoreError

    stored = store.round_lineups(programme)
    if not stored:
        raise StoreError(
            f"programme {programme!r} has no line-up yet; save one first",
            f"programma {programme!r} heeft nog geen indeling; bewaar er eerst een",
        )
    if previous_version is not None:
        chosen = store.load_version(previous_version)
        if chosen.info.programme != programme or chosen.info.round != stored[-1].info.round:
            raise StoreError(
                f"version {previous_version} is not one of the last round's",
                f"versie {previous_version} hoort niet bij de laatste ronde",
            )
        stored[-1] = chosen
    return [PastRound(v.table, v.groups) for v in stored[-met_rounds:]]


def save_lineup_version(
    store: Store,
    programme: str,
    name: str,
    groups: Mapping[str, int | None],
    report: LineupReport,
    settings: IntervisionSettings,
    made_by: str,
    *,
    intake: IntakeResult | None = None,
    file_sha256: str = "",
    intake_id: int | None = None,
    round_number: int | None = None,
    source: str | None = None,
    pinned: Collection[str] = (),
    status: str | None = None,
    seed: int | None = None,
) -> tuple[int, int]:
    """Keep a line-up as a named version: of an intake already stored (``intake_id``), or of
    ``intake``, stored first in round ``round_number`` (None: a new round). Returns
    (intake id, version id)."""
    if intake_id is None:
        if intake is None:
            raise ValueError("a version needs its intake, or the id of a stored one")
        intake_id = store.save_intake(
            programme, intake, file_sha256, round_number=round_number, source=source
        )
    version_id = store.save_version(
        intake_id,
        name,
        groups,
        report,
        settings_toml=settings_to_toml(settings),
        made_by=made_by,
        pinned=pinned,
        seed=seed,
        status=status,
    )
    return intake_id, version_id


def save_next_round(
    store: Store, programme: str, run: NextRoundRun, file_sha256: str, name: str, made_by: str
) -> tuple[int, int]:
    """Keep a next round as a new round of the programme: its intake and its line-up."""
    return save_lineup_version(
        store,
        programme,
        name,
        run.outcome.groups,
        run.report,
        run.outcome.problem.settings,
        made_by,
        intake=run.intake,
        file_sha256=file_sha256,
        status=run.outcome.result.status.value,
    )


def forget_person(store: Store, programme: str, person_id: int) -> int:
    """Delete one person from every table and version of the programme, and score the versions
    that placed them again without them, with each version's own settings (their stored scores
    were computed with that person in a group). Returns the intake rows removed."""
    from store.privacy import forget_person as forget
    from store.privacy import versions_holding

    held = versions_holding(store, programme, person_id)
    removed = forget(store, programme, person_id)
    for version_id in held:
        version = store.load_version(version_id)
        settings = stored_settings(version.settings_toml, "en")
        problem, _ = analysed_problem(version.table, FormOptions(), settings)
        store.update_scores(version_id, evaluate_lineup(problem, version.groups))
    return removed
