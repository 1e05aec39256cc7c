"""The ``intervisie`` commands for programmes over rounds: ``compare``, ``next-round`` and the
``programme`` commands that keep programmes in the store (``--db URL`` / ``INTERVISIE_DB``).

Registered on :data:`cli.app` when ``cli`` is imported; the exit codes are ``cli``'s.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any

import typer

from cli import (
    EXIT_INFEASIBLE,
    EXIT_INPUT,
    ConfigOpt,
    FamiliesOpt,
    IntakeOpt,
    JsonOpt,
    LangOpt,
    MappingOpt,
    WorkLimitOpt,
    _progress_bar,
    app,
    err,
    user_errors,
)
from optimiser.result import Status
from reporting.comparison import comparison_json, write_compare_workbook
from reporting.json_output import dumps
from rounds.next_round import MODES, PastRound
from store import Store, StoreError
from workflow import (
    FormOptions,
    NextRoundRun,
    UsageError,
    compare_lineups,
    forget_person,
    form_next_round,
    lineup_side,
    next_round_data,
    read_side,
    save_lineup_version,
    save_next_round,
    sha256_of,
    stored_past_rounds,
    version_side,
    write_next_round,
)

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db", help="Store URL (default: INTERVISIE_DB, else a file in the user data folder)."
    ),
]
ProgrammeOpt = Annotated[str | None, typer.Option("--programme", help="Programme in the store.")]


def store_errors(command: Callable[..., None]) -> Callable[..., None]:
    """A store that cannot be opened, or an unknown programme or version: message, exit 1."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except StoreError as error:
            err.print(f"[bold red]{error}[/]")
            raise typer.Exit(EXIT_INPUT) from None

    return wrapper


def _made_by(command: str, *files: Path, **options: object) -> str:
    """The command that made a version, with its files (by name) and options, for the store."""
    words = ["intervisie", *command.split(), *(f.name for f in files)]
    words += [f"--{k.replace('_', '-')}={v}" for k, v in options.items() if v is not None]
    return shlex.join(words)


# -- compare --------------------------------------------------------------------------------------
@app.command()
@user_errors
@store_errors
def compare(
    a: Annotated[str, typer.Argument(help="Line-up A: a workbook, or a version with --programme.")],
    b: Annotated[str, typer.Argument(help="Line-up B: a workbook, or a version with --programme.")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Workbook with a Compare sheet.")
    ] = None,
    programme: ProgrammeOpt = None,
    db: DbOpt = None,
    intake: IntakeOpt = None,
    config: ConfigOpt = None,
    lang: LangOpt = "en",
    mapping: MappingOpt = None,
    families: FamiliesOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Compare two line-ups: who moved where, groups kept, scores per rule and group, pairs
    who meet again. Both are scored with the same settings."""
    options = FormOptions(config=config, lang=lang, mapping=mapping, families=families)
    sides = []
    for ref in (a, b):
        path = Path(ref)
        if path.exists():
            sides.append(read_side(path, options, intake))
        elif programme is not None:
            with Store(db) as store:
                sides.append(version_side(store, store.find_version(programme, ref).id, options))
        else:
            raise UsageError(f"{ref}: no such file (a stored version needs --programme NAME)")
    comparison = compare_lineups(*sides)
    data = comparison_json(comparison, lang)
    if as_json:
        typer.echo(dumps(data))
    _print_comparison(data, lang)
    if output is not None:
        if output.suffix.lower() != ".xlsx":
            raise UsageError("--output must be an .xlsx file")
        write_compare_workbook(output, comparison, lang)
        err.print(("Werkmap" if lang == "nl" else "Workbook") + f": {output}")


def _print_comparison(data: dict[str, Any], lang: str) -> None:
    nl = lang == "nl"
    a, b = data["a"], data["b"]
    err.print(
        f"[bold]A[/] {a['label']}: score {a['objective']}, {a['groups']} "
        + ("groepen" if nl else "groups")
    )
    err.print(
        f"[bold]B[/] {b['label']}: score {b['objective']}, {b['groups']} "
        + ("groepen" if nl else "groups")
    )
    err.print(
        f"{data['kept_groups']} "
        + ("groepen behouden" if nl else "groups kept")
        + f", {len(data['moved'])} "
        + ("verplaatst" if nl else "moved")
        + f", {len(data['pairs_again'])} "
        + ("paren treffen elkaar weer" if nl else "pairs meet again")
    )
    for move in data["moved"]:
        before = move["from"] if move["from"] is not None else "-"
        after = move["to"] if move["to"] is not None else "-"
        err.print(f"- {move['name']}: {before} -> {after}")
    for key, scores in data["rules"].items():
        if scores["difference"]:
            err.print(f"  {key}: {scores['a']} -> {scores['b']} ({scores['difference']:+d})")
    for question in data["uncertain_matches"]:
        err.print(
            "[yellow]"
            + ("Dezelfde persoon?" if nl else "Same person?")
            + f"[/] {question['name_a']} / {question['name_b']} ({question['score']:.0f})"
        )


# -- next-round -----------------------------------------------------------------------------------
@app.command("next-round")
@user_errors
@store_errors
def next_round_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="PREVIOUS.xlsx (the workbook form wrote, possibly edited) and NEW_INTAKE; "
            "with --programme only NEW_INTAKE."
        ),
    ],
    mode: Annotated[str, typer.Option(help="stable (groups go on) or mix (new groups).")] = (
        "stable"
    ),
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Workbook to write (.xlsx).")
    ] = Path("out/next_round.xlsx"),
    met_rounds: Annotated[
        int, typer.Option(help="mix: keep apart pairs who met in this many last rounds.")
    ] = 1,
    programme: ProgrammeOpt = None,
    version_name: Annotated[
        str | None, typer.Option("--version", help="Name of the version saved (--programme).")
    ] = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
    time_limit: Annotated[float, typer.Option("--time-limit", help="Seconds to search.")] = 30.0,
    work_limit: WorkLimitOpt = None,
    seed: Annotated[int, typer.Option(help="Random seed: same seed, same groups.")] = 0,
    lang: LangOpt = "en",
    mapping: MappingOpt = None,
    families: FamiliesOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Form the next round: continuing groups kept (stable) or new groups of people who have
    not met (mix); every change with its reason, drop-outs listed."""
    if mode not in MODES:
        raise UsageError(f"--mode {mode!r}: choose {' or '.join(MODES)}")
    if output.suffix.lower() != ".xlsx":
        raise UsageError("--output must be an .xlsx file")
    if met_rounds < 1:
        raise UsageError("--met-rounds must be at least 1")
    expected = 1 if programme else 2
    if len(files) != expected:
        raise UsageError(
            "give NEW_INTAKE (the previous round comes from --programme)"
            if programme
            else "give PREVIOUS.xlsx and NEW_INTAKE (or --programme NAME and NEW_INTAKE)"
        )
    new_intake = files[-1]
    options = FormOptions(
        config=config,
        time_limit_s=time_limit,
        work_limit_s=work_limit,
        seed=seed,
        lang=lang,
        mapping=mapping,
        families=families,
    )
    store = Store(db) if programme else None
    try:
        if store is not None and programme is not None:
            rounds = stored_past_rounds(store, programme, met_rounds)
        else:
            rounds = [PastRound(*_lineup_of(files[0]))]
        bar, update = _progress_bar(time_limit)
        with bar:
            run = form_next_round(
                rounds, new_intake, options, mode=mode, met_rounds=met_rounds, progress=update
            )
        if run.outcome.result.status in (Status.INFEASIBLE, Status.UNKNOWN):
            err.print(
                "[bold red]"
                + (
                    "Geen indeling mogelijk zoals gevraagd"
                    if lang == "nl"
                    else "No line-up is possible as asked"
                )
                + f"[/] ({run.outcome.result.status.value})."
            )
            raise typer.Exit(EXIT_INFEASIBLE)
        write_next_round(run, new_intake, output, options)
        if store is not None and programme is not None:
            made_by = _made_by(
                "next-round",
                new_intake,
                mode=mode,
                seed=seed,
                time_limit=time_limit,
                met_rounds=met_rounds if mode == "mix" else None,
                config=config,
            )
            name = version_name or f"next-round {mode}"
            save_next_round(store, programme, run, sha256_of(new_intake), name, made_by)
    finally:
        if store is not None:
            store.close()
    if as_json:
        typer.echo(dumps(next_round_data(run, lang)))
    _print_next_round(run, output, lang)


def _lineup_of(workbook: Path):
    """The previous round's people and groups, from the workbook ``form`` wrote."""
    from reporting.lineup_io import read_lineup

    lineup = read_lineup(workbook)
    return lineup.table, lineup.groups


def _print_next_round(run: NextRoundRun, output: Path, lang: str) -> None:
    nl = lang == "nl"
    outcome = run.outcome
    share = outcome.kept_pairs / outcome.continuing_pairs if outcome.continuing_pairs else 1.0
    err.print(
        f"[bold green]{len(run.report.groups)} "
        + ("groepen" if nl else "groups")
        + "[/] ("
        + outcome.mode
        + f"): {outcome.kept_pairs}/{outcome.continuing_pairs} "
        + ("paren behouden" if nl else "continuing pairs kept")
        + f" ({share:.0%}), "
        + f"{outcome.repeated_pairs} "
        + ("paren opnieuw samen" if nl else "pairs meet again")
    )
    names = run.table["name"]
    for change in outcome.changes:
        err.print(f"- {names.get(change.pid, change.pid)}: {change.reason}")
    if outcome.dropouts:
        err.print(f"{len(outcome.dropouts)} " + ("gestopt" if nl else "left the programme"))
    for question in outcome.matching.questions:
        err.print(
            "[yellow]"
            + ("Dezelfde persoon?" if nl else "Same person?")
            + "[/] "
            + f"{names.get(question.current, question.current)} ({question.score:.0f})"
        )
    err.print(("Werkmap" if nl else "Workbook") + f": {output}")


# -- programme: the store -----------------------------------------------------------------------
programme_app = typer.Typer(
    help="Programmes in the store: save line-ups, rounds and versions, people across rounds, "
    "privacy (forget, export, retention).",
    no_args_is_help=True,
)
app.add_typer(programme_app, name="programme")
NameArg = Annotated[str, typer.Argument(help="Programme name.")]
PersonArg = Annotated[str, typer.Argument(help="Person: e-mail address, full name or person id.")]


@programme_app.command("list")
@store_errors
def programme_list(db: DbOpt = None) -> None:
    """The programmes in the store."""
    with Store(db) as store:
        for name in store.programme_names():
            typer.echo(name)


@programme_app.command("show")
@store_errors
def programme_show(name: NameArg, db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """A programme's rounds and versions (id, name, time, score, the command that made it)."""
    with Store(db) as store:
        versions = store.versions(name)
        rounds = store.round_numbers(name)
    rows = [
        {
            "id": v.id,
            "round": v.round,
            "name": v.name,
            "created_at": v.created_at.isoformat(),
            "made_by": v.made_by,
            "objective": v.objective,
            "hard_violations": v.hard_violations,
        }
        for v in versions
    ]
    if as_json:
        typer.echo(dumps({"programme": name, "rounds": rounds, "versions": rows}))
        return
    err.print(f"[bold]{name}[/]: {len(rounds)} round(s)")
    for row in rows:
        err.print(
            f"  round {row['round']}  #{row['id']} {row['name']}  score {row['objective']}"
            f"  ({row['created_at'][:16]}; {row['made_by']})"
        )


@programme_app.command("save")
@user_errors
@store_errors
def programme_save(
    name: NameArg,
    workbook: Annotated[Path, typer.Argument(help="Workbook written by form or next-round.")],
    intake: Annotated[
        Path | None,
        typer.Option(help="The intake file, to keep its issues too (else the workbook's table)."),
    ] = None,
    version: Annotated[str | None, typer.Option(help="Version name (default: the file).")] = None,
    round_number: Annotated[
        int | None, typer.Option("--round", help="Round number (default: a new round).")
    ] = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
    lang: LangOpt = "en",
) -> None:
    """Keep a line-up workbook (possibly edited) as a version of a programme's round."""
    from workflow import lineup_intake, settings_for

    options = FormOptions(config=config, lang=lang)
    read, intake_result, sha = lineup_intake(workbook, intake)
    side = lineup_side(workbook.name, read.table, read.groups, options)
    with Store(db) as store:
        _, version_id = save_lineup_version(
            store,
            name,
            version or workbook.stem,
            read.groups,
            side.report,
            settings_for(options),
            _made_by("programme save", workbook, *([intake] if intake else []), config=config),
            intake=intake_result,
            file_sha256=sha,
            round_number=round_number,
            source=None if intake else "workbook",
            pinned=read.pinned,
        )
    err.print(f"{name}: version #{version_id} ({version or workbook.stem})")


@programme_app.command("history")
@store_errors
def programme_history(
    name: NameArg, person: PersonArg, db: DbOpt = None, as_json: JsonOpt = False
) -> None:
    """One participant's groups per round and the people they met."""
    from store.people import find_person, history

    with Store(db) as store:
        person_id = find_person(store, name, person)
        entries = history(store, name, person_id)
    data = [
        {"round": e.round, "version": e.version, "group": e.group, "met": list(e.met)}
        for e in entries
    ]
    if as_json:
        typer.echo(dumps({"person_id": person_id, "rounds": data}))
        return
    for entry in data:
        err.print(
            f"round {entry['round']} ({entry['version']}): group {entry['group']}, "
            f"met {len(entry['met'])} people (person ids {entry['met']})"
        )


@programme_app.command("questions")
@store_errors
def programme_questions(name: NameArg, db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Participants who may be an earlier round's person: confirm or refuse each."""
    from store.people import open_questions

    with Store(db) as store:
        questions = open_questions(store, name)
    data = [
        {
            "id": q.id,
            "round": q.round,
            "participant": q.participant,
            "candidate": q.candidate,
            "score": q.score,
        }
        for q in questions
    ]
    if as_json:
        typer.echo(dumps(data))
        return
    for q in data:
        a, b = q["participant"], q["candidate"]
        err.print(
            f"#{q['id']} round {q['round']}: {a['name']} <{a['email'] or '-'}> = "
            f"{b['name']} <{b['email'] or '-'}>? ({q['score']:.0f})"
        )


@programme_app.command("confirm")
@store_errors
def programme_confirm(
    name: NameArg,
    question: Annotated[int, typer.Argument(help="Question number (programme questions).")],
    same: Annotated[bool, typer.Option("--same/--different", help="The same person?")] = True,
    db: DbOpt = None,
) -> None:
    """Answer a question: the same person (their histories are joined) or someone else."""
    from store.people import answer_question

    with Store(db) as store:
        answer_question(store, name, question, same)
    err.print(f"#{question}: " + ("the same person" if same else "someone else"))


@programme_app.command("forget")
@store_errors
def programme_forget(name: NameArg, person: PersonArg, db: DbOpt = None) -> None:
    """Delete one person from every round, intake, version and question of the programme
    (the versions that placed them are scored again without them)."""
    from store.people import find_person

    with Store(db) as store:
        rows = forget_person(store, name, find_person(store, name, person))
    err.print(f"forgotten: {rows} intake row(s) and everything linked to them")


@programme_app.command("export")
@store_errors
def programme_export(
    name: NameArg,
    person: PersonArg,
    output: Annotated[Path, typer.Option("-o", "--output", help="JSON file to write.")] = Path(
        "out/person.json"
    ),
    db: DbOpt = None,
) -> None:
    """Everything the store holds about one person, as a JSON file (a subject access request)."""
    from store.people import find_person
    from store.privacy import export_person

    with Store(db) as store:
        data = export_person(store, name, find_person(store, name, person))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(dumps(data), "utf-8")
    err.print(str(output))


@programme_app.command("delete")
@store_errors
def programme_delete(
    name: NameArg,
    yes: Annotated[bool, typer.Option("--yes", help="Really delete it.")] = False,
    db: DbOpt = None,
) -> None:
    """Delete a programme with all its rounds, intakes, versions and people."""
    from store.privacy import delete_programme

    if not yes:
        err.print("[bold red]Add --yes to delete the programme and everything in it.[/]")
        raise typer.Exit(EXIT_INPUT)
    with Store(db) as store:
        delete_programme(store, name)
    err.print(f"deleted: {name}")


@programme_app.command("retention")
@store_errors
def programme_retention(
    name: NameArg,
    days: Annotated[str, typer.Argument(help="Days to keep each round, or 'off'.")],
    db: DbOpt = None,
) -> None:
    """Keep the programme's rounds this many days after they were made (then `purge`)."""
    from store.privacy import set_retention

    if days != "off" and not days.isdigit():
        raise StoreError(f"retention {days!r}: a whole number of days, or 'off'")
    with Store(db) as store:
        set_retention(store, name, None if days == "off" else int(days))


@programme_app.command("purge")
@store_errors
def programme_purge(db: DbOpt = None) -> None:
    """Delete every round older than its programme's retention period."""
    from store.privacy import purge_expired

    with Store(db) as store:
        deleted = purge_expired(store)
    for name, count in deleted.items():
        err.print(f"{name}: {count} round(s) deleted")
    if not deleted:
        err.print("nothing to delete")
