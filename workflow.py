"""The product's pipeline, composed: intake file -> analysis -> problem -> solver -> outputs.

``cli.py`` (and the web app) call these functions; they hold no printing. Each step is one of
the packages' own plain functions; this module only wires them together with the user's
options.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd

from intake.analysis import annotate, load_family_overrides
from intake.pipeline import IntakeResult, read_intake
from optimiser.intervision import (
    IntervisionProblem,
    Venue,
    build_problem,
    evaluate_lineup,
    lineup_from_result,
    load_settings,
    settings_to_toml,
)
from optimiser.intervision.lineup import LineupReport
from optimiser.intervision.rules import RULES
from optimiser.intervision.settings import IntervisionSettings
from optimiser.problem import Level
from optimiser.result import Progress, Result, SolveParams
from optimiser.solve import solve
from reporting.html import write_report
from reporting.labels import RuleNames
from reporting.workbook import RunInfo, write_workbook


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
    time_limit_s: float = 30.0
    seed: int = 0
    workers: int = 2
    lang: str = "en"
    mapping: Path | None = None
    families: Path | None = None
    place_everyone: bool = False  # no one may be left unplaced: infeasible rather than unplaced


def settings_for(options: FormOptions) -> IntervisionSettings:
    """Settings from the TOML file, then the command-line flags on top."""
    overrides: dict[str, object] = {}
    if options.min_size is not None:
        overrides["min_size"] = options.min_size
    if options.max_size is not None:
        overrides["max_size"] = options.max_size
    if options.travel_mode is not None:
        overrides["travel_mode"] = options.travel_mode
    rules: dict[str, dict[str, object]] = {}
    for spec in options.rules:
        key, _, value = spec.partition("=")
        level, _, weight = value.partition(":")
        if not key or level not in {lv.value for lv in Level}:
            raise UsageError(
                f"--rule {spec!r}: write KEY=hard, KEY=off or KEY=soft:WEIGHT; keys: "
                + ", ".join(r.key for r in RULES)
            )
        rules[key] = {"level": level, **({"weight": int(weight)} if weight.isdigit() else {})}
    if rules:
        overrides["rules"] = rules
    overrides["language"] = options.lang
    try:
        return load_settings(options.config, overrides)
    except (OSError, ValueError) as error:
        raise UsageError(str(error)) from error


def load_venues(path: Path | None) -> list[Venue] | None:
    """Venues from a CSV with columns name and either lat/lon or a postcode/place."""
    if path is None:
        return None
    from intake.geo import default_geocoder
    from intake.reading import read_table

    raw, _ = read_table(path)
    headers = [h.casefold() for h in raw.headers]
    venues = []
    for row in raw.rows:
        cells = dict(zip(headers, row.cells, strict=True))
        name = str(cells.get("name") or cells.get("naam") or f"venue {row.row}")
        if cells.get("lat") is not None and cells.get("lon") is not None:
            venues.append(Venue(name, float(cells["lat"]), float(cells["lon"])))
            continue
        where = cells.get("postcode") or cells.get("place") or cells.get("plaats")
        match = default_geocoder().locate(where)
        if match.lat is None:
            raise UsageError(f"{path.name}, row {row.row}: cannot locate venue {where!r}")
        venues.append(Venue(name, match.lat, match.lon))
    return venues


def sha256_of(path: Path) -> str:
    """The input file's fingerprint, so a workbook says exactly which intake it came from."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class Formed:
    """One intake formed into groups: everything the outputs need."""

    intake: IntakeResult
    problem: IntervisionProblem
    result: Result
    report: LineupReport
    table: pd.DataFrame  # the participant table with the analysis columns (function_family, ...)


def annotate_table(table: pd.DataFrame, options: FormOptions):
    """Function families and similarity vectors for the optimiser: (table, similarities)."""
    return annotate(
        table, family_overrides=family_overrides(options.families), language=options.lang
    )


def analysed_problem(
    table: pd.DataFrame, options: FormOptions, settings: IntervisionSettings
) -> tuple[IntervisionProblem, pd.DataFrame]:
    """Analyse the table and build the problem; returns (problem, analysed table)."""
    annotated, similarities = annotate_table(table, options)
    problem = build_problem(
        annotated,
        settings,
        function_vectors=similarities.function_vectors,
        goal_vectors=similarities.goal_vectors,
        venues=load_venues(options.venues),
    )
    if options.place_everyone:
        problem = replace(problem, problem=replace(problem.problem, allow_unplaced=False))
    return problem, annotated


def form_groups(
    file: Path, options: FormOptions, progress: Callable[[Progress], None] | None = None
) -> Formed:
    """Intake file to groups: the pipeline behind ``form`` and ``batch``."""
    intake = read_intake(file, mapping_file=options.mapping)
    settings = settings_for(options)
    problem, table = analysed_problem(intake.table, options, settings)
    params = SolveParams(
        time_limit_s=options.time_limit_s, seed=options.seed, workers=options.workers
    )
    result = solve(problem.problem, params, progress)
    report = evaluate_lineup(problem, groups_of(problem, result))
    return Formed(intake, problem, result, report, table)


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
        intake=formed.intake,
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
) -> RunInfo:
    """How a line-up was made (input fingerprint, seed, settings), for the Settings sheet."""
    return RunInfo(
        input_file=file.name,
        input_sha256=sha256_of(file),
        version=package_version(),
        seed=options.seed,
        time_limit_s=options.time_limit_s,
        workers=options.workers,
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
    intake: IntakeResult,
    run: RunInfo,
    lang: str,
    pinned: Collection[str] = (),
) -> Path:
    """The workbook at ``output`` and the HTML report beside it (same name, ``.html``)."""
    names = RuleNames(lang)
    write_workbook(
        output,
        table=table,
        report=report,
        issues=intake.issues,
        excluded=intake.excluded,
        run=run,
        rule_names=names,
        pinned=pinned,
        lang=lang,
    )
    write_report(
        output.with_suffix(".html"), table=table, lineup=report, rule_names=names, lang=lang
    )
    return output
