"""``intervisie sample`` and ``intervisie batch``: synthetic intakes, and many intakes at once.

Kept beside ``cli.py`` (which registers it) so that each module stays one concept; the forming
itself is ``workflow.form_groups``, as for ``form``.
"""

from __future__ import annotations

import logging
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Annotated, Any

import typer
from openpyxl import Workbook

from cli import (
    EXIT_INPUT,
    INTAKE_SUFFIXES,
    ConfigOpt,
    LangOpt,
    WorkLimitOpt,
    app,
    err,
    user_errors,
)
from intake.issues import IntakeFileError
from limits import RunLimitReached, TooManyParticipants
from optimiser.result import Status
from reporting.labels import label
from reporting.sheets import print_setup, write_table
from workflow import FormOptions, UsageError, form_groups, write_outputs

log = logging.getLogger("intervisie")


@app.command()
@user_errors
def sample(
    output: Annotated[
        Path, typer.Option("-o", "--output", help="File to write (.xlsx or .csv).")
    ] = Path("out/sample.xlsx"),
    n: Annotated[int, typer.Option(help="Number of participants.")] = 150,
    style: Annotated[str, typer.Option(help="hand, msforms or gforms.")] = "hand",
    lang: LangOpt = "nl",
    seed: Annotated[int, typer.Option(help="Random seed.")] = 1,
    mess: Annotated[float, typer.Option(help="Share of rows with realistic mess (0-1).")] = 0.05,
    problems: Annotated[bool, typer.Option(help="Plant problems for the analyser.")] = False,
    standard: Annotated[
        Path | None, typer.Option(help="Write the standard sample set into this folder instead.")
    ] = None,
) -> None:
    """Generate a realistic synthetic intake (all people fictional)."""
    from intake.samples import SampleSpec, write_sample, write_standard_samples

    if standard is not None:
        for path in write_standard_samples(standard):
            err.print(str(path))
        return
    try:
        spec = SampleSpec(
            n=n, seed=seed, style=style, lang=lang, mess=mess, plant_problems=problems
        )
        path = write_sample(spec, output)
    except ValueError as error:
        raise UsageError(str(error)) from error
    err.print(str(path))


def _batch_one(file: Path, out_dir: Path, options: FormOptions) -> dict[str, Any]:
    """Form one intake in a worker process; never raises, so one bad file stops nothing."""
    row: dict[str, Any] = {"file": file.name}
    try:
        formed = form_groups(file, options)
        if formed.result.status in (Status.INFEASIBLE, Status.UNKNOWN):
            return {
                **row,
                "status": formed.result.status.value,
                "error": label(f"status_{formed.result.status.value}", options.lang),
            }
        output = out_dir / f"{file.stem}_groups.xlsx"
        write_outputs(formed, file, output, options)
        return {
            **row,
            "status": formed.result.status.value,
            "participants": len(formed.table),
            "groups": len(formed.report.groups),
            "unplaced": len(formed.report.unplaced),
            "set_aside": len(formed.notes.excluded),
            "objective": formed.result.objective,
            "hard_violations": formed.report.hard_violations,
            "output": output.name,
            "error": "",
        }
    except IntakeFileError as error:
        return {**row, "status": "error", "error": error.issue.message(options.lang)}
    except UsageError as error:
        return {**row, "status": "error", "error": str(error)}
    except (TooManyParticipants, RunLimitReached) as error:
        return {**row, "status": "error", "error": error.message(options.lang)}
    except Exception as error:  # noqa: BLE001 - one bad file must not stop a batch
        log.error("batch: %s failed with %s", file.name, type(error).__name__)
        return {**row, "status": "error", "error": f"internal error: {type(error).__name__}"}


@app.command()
@user_errors
def batch(
    folder: Annotated[Path, typer.Argument(help="Folder with intake files.")],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Folder for the workbooks.")
    ] = Path("out/batch"),
    jobs: Annotated[int, typer.Option(help="Files formed at the same time (processes).")] = 2,
    config: ConfigOpt = None,
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Seconds to search per file.")
    ] = 30.0,
    work_limit: WorkLimitOpt = None,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    lang: LangOpt = "en",
) -> None:
    """Form groups for every intake file in a folder, in parallel; a workbook each + a summary."""
    if not folder.is_dir():
        raise UsageError(f"{folder} is not a folder")
    files = sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in INTAKE_SUFFIXES and not p.name.startswith("~$")
    )
    if not files:
        raise UsageError(f"{folder} holds no intake files ({', '.join(INTAKE_SUFFIXES)})")
    output.mkdir(parents=True, exist_ok=True)
    options = FormOptions(
        config=config, time_limit_s=time_limit, work_limit_s=work_limit, seed=seed, lang=lang
    )
    rows = []
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(_batch_one, f, output, options): f for f in files}
        for future in as_completed(futures):
            row = future.result()
            rows.append(row)
            mark = "[green]ok[/]" if not row.get("error") else f"[red]{row['error']}[/]"
            err.print(f"{row['file']}: {mark}")
    rows.sort(key=lambda r: r["file"])
    write_batch_summary(rows, output / "summary.xlsx", lang)
    failed = sum(1 for r in rows if r.get("error"))
    err.print(
        f"{len(rows) - failed}/{len(rows)} ok; "
        + ("overzicht" if lang == "nl" else "summary")
        + f": {output / 'summary.xlsx'}"
    )
    if failed:
        raise typer.Exit(EXIT_INPUT)


_BATCH_COLUMNS = (
    "file", "status", "participants", "groups", "unplaced", "set_aside", "objective",
    "hard_violations", "output", "error",
)  # fmt: skip


def write_batch_summary(rows: list[dict[str, Any]], path: Path, lang: str) -> Path:
    """One row per file, in words: headers and results in the run's language, printable."""
    headers = [label(f"batch_{column}", lang) for column in _BATCH_COLUMNS]
    cells = [
        [
            label(f"short_{row[c]}", lang) if c == "status" and row.get(c) else row.get(c)
            for c in _BATCH_COLUMNS
        ]
        for row in rows
    ]
    book = Workbook()
    sheet = book.active
    sheet.title = label("batch_sheet", lang)
    write_table(sheet, headers, cells, max_widths={headers[-1]: 60})
    print_setup(sheet, landscape=True, title_rows="1:1")
    book.save(path)
    return path
