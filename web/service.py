"""What the web app does with a session, step by step; the pages and the JSON API both call it.

Every run is composed by ``workflow`` (analysis, problem, solve, repair, outputs), as for the
CLI; this module keeps the session's derived state (analysis, problem, line-up) consistent
when the coordinator changes the mapping, the settings or the line-up.
"""

from __future__ import annotations

import math
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

import pandas as pd

from intake.analysis import Analysis, profile_charts
from intake.columns import CANONICAL_FIELDS
from intake.pipeline import IntakeResult, read_intake
from optimiser.intervision import (
    IntervisionProblem,
    Venue,
    evaluate_lineup,
    explain_person,
)
from optimiser.intervision.choices import GroupChoice, choices_of
from optimiser.intervision.lineup import LineupReport
from optimiser.intervision.settings import InvalidSettings
from optimiser.intervision.why import Alternative, Fit, alternatives, person_fit
from reporting.labels import label
from web.i18n import translate
from web.jobs import Job, JobRunner
from web.sessions import (
    Session,
    SessionStore,
    private_file,
    private_folder,
    safe_file_name,
)
from web.uploads import TableTooLarge, save_upload
from web.worker import WorkerPool
from workflow import (
    Analysed,
    FormOptions,
    IntakeNotes,
    analyse_intake,
    analyse_table,
    groups_of,
    lineup_problem,
    problem_for,
    repair_lineup,
    run_info,
    solve_params,
    solve_problem,
    write_lineup_files,
)

MAX_TIME_LIMIT_S = 600.0
MAX_ROWS = 3000  # rows of one upload: a programme, not a whole country's junk export


# analysis and problem building, whose memory and time grow with the file, never run in the
# server process (issue: a junk file grew the server past 8 GB)
ANALYSIS_WORKERS = WorkerPool()


def use_analysis_workers(count: int) -> None:
    """Serve with ``count`` analysis workers, started now in the background so that the first
    coordinators do not wait for their imports (``intervisie serve --analysis-workers``)."""
    global ANALYSIS_WORKERS
    ANALYSIS_WORKERS.close()
    ANALYSIS_WORKERS = WorkerPool(size=count)
    ANALYSIS_WORKERS.warm()


class StepError(Exception):
    """The request cannot be done in the session's current state (HTTP 409 or 422).

    ``key`` names a text of :mod:`web.refusals` (filled with ``values``): the app says it in the
    language of the session the request is about; ``str(error)`` is the English text.
    """

    def __init__(self, key: str, status: int = 409, /, **values: object) -> None:
        super().__init__(translate(key, "en", **values))
        self.key: str | None = key
        self.status, self.values = status, values

    @classmethod
    def said(cls, message: str, status: int = 409) -> StepError:
        """A refusal already in the coordinator's words (an upload's or the store's message);
        it has no key."""
        error = cls("", status)
        error.args, error.key = (message,), None
        return error

    def message(self, lang: str) -> str:
        """The refusal in ``lang``."""
        if self.key is None:
            return str(self)
        return translate(self.key, lang, **self.values)


# -- intake --------------------------------------------------------------------------------------
def open_session(
    store: SessionStore,
    source: BinaryIO,
    name: str | None,
    lang: str,
    max_bytes: int,
    max_rows: int = MAX_ROWS,
) -> Session:
    """A new session holding an uploaded intake, created only once the file has been read.

    A file that cannot be used raises IntakeFileError or UploadTooLarge and leaves nothing
    behind; in particular it never makes the store end someone else's session to make room.
    """
    staging = Path(tempfile.mkdtemp(dir=store.staging))
    try:
        incoming = save_upload(source, name, staging, max_bytes)
        intake = read_upload(incoming, name, max_rows)
        session = store.create(lang=lang)
        _adopt_upload(session, name, incoming, intake)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return session


def read_upload(path: Path, name: str | None, max_rows: int) -> IntakeResult:
    """Read an uploaded file, refusing more rows than ``max_rows`` (TableTooLarge) before the
    analysis and problem building, whose memory grows with the number of people."""
    intake = read_intake(path)
    if intake.n_rows > max_rows:
        raise TableTooLarge(max_rows, intake.n_rows, safe_file_name(name))
    return intake


def load_upload(
    session: Session, name: str | None, incoming: Path, max_rows: int = MAX_ROWS
) -> None:
    """Read a newly uploaded file and make it the session's intake.

    A file that cannot be used raises IntakeFileError and is deleted; the session keeps its
    earlier file, if any.
    """
    try:
        intake = read_upload(incoming, name, max_rows)
    except BaseException:
        shutil.rmtree(incoming.parent, ignore_errors=True)
        raise
    _adopt_upload(session, name, incoming, intake)


def _adopt_upload(session: Session, name: str | None, incoming: Path, intake: IntakeResult) -> None:
    """Move a file that was read successfully into the session and start over from it."""
    kept = session.folder / "upload"
    with session.lock:
        shutil.rmtree(kept, ignore_errors=True)
        kept.mkdir(mode=0o700)
        saved = Path(shutil.move(incoming, kept / incoming.name))
        shutil.rmtree(incoming.parent, ignore_errors=True)
        session.file_name = safe_file_name(name)
        session.upload = saved
        session.mapping_overrides = {}
        session.intake = intake
        session.forget_intake_results()


def remap(session: Session, changes: Mapping[str, str | None]) -> None:
    """Apply the coordinator's column corrections (header -> field, None = ignore)."""
    intake = require_intake(session)
    if session.upload is None:
        raise StepError("columns_stored", 409)
    headers = {m.header for m in intake.mapping}
    unknown_headers = sorted(set(changes) - headers)
    if unknown_headers:
        raise StepError("no_column", 422, columns=", ".join(map(repr, unknown_headers)))
    bad_fields = sorted({f for f in changes.values() if f is not None} - set(CANONICAL_FIELDS))
    if bad_fields:
        valid = ", ".join(CANONICAL_FIELDS)
        raise StepError("unknown_field", 422, fields=", ".join(bad_fields), valid=valid)
    overrides = {**session.mapping_overrides, **changes}
    reread = read_intake(session.upload, mapping=overrides)
    with session.lock:
        session.mapping_overrides = overrides
        session.intake = reread
        session.forget_intake_results()


FAMILY_ACTIONS = ("rename", "merge", "split")


def correct_families(
    session: Session,
    action: str,
    family: str,
    *,
    into: str | None = None,
    name: str | None = None,
    titles: Sequence[str] = (),
) -> None:
    """Merge a family into another, split titles off into a new family, or rename one.

    Corrections are family overrides (title as written -> family), the same as a
    ``--families`` file: they change the pair scores the solver uses, so the problem is built
    again (the line-up on screen stays and is scored anew)."""
    current = {row.family: list(row.titles) for row in analysis_of(session).families.itertuples()}
    if family not in current or not current[family]:
        raise StepError("no_family", 404, family=family)
    new_name = (name or "").strip()
    members = current[family]
    if action == "rename":
        if not new_name:
            raise StepError("family_name_needed", 422)
        chosen = dict.fromkeys(members, new_name)
    elif action == "merge":
        if into not in current or into == family:
            raise StepError("no_family_to_merge", 422, family=into)
        chosen = dict.fromkeys(members + current[into], into)
    elif action == "split":
        picked = [t for t in titles if t in members]
        if not new_name or not picked or len(picked) == len(members):
            raise StepError("split_needs", 422)
        # Both sides are named: titles that mean the same occupation would otherwise follow
        # the split titles' normalised form.
        chosen = {t: new_name if t in picked else family for t in members}
    else:
        raise StepError("family_action", 422, action=action, actions=", ".join(FAMILY_ACTIONS))
    with session.lock:
        corrections = {
            **(session.inputs.family_overrides or {}),
            **{title.strip().lower(): value for title, value in chosen.items()},
        }
        session.inputs = replace(session.inputs, family_overrides=corrections)
        session.annotated = session.analysis = session.problem = None
        session.downloads = None


def column_examples(intake: IntakeResult, limit: int = 3) -> list[list[str]]:
    """Up to ``limit`` distinct non-empty values per column, to judge what a column holds."""
    examples: list[list[str]] = [[] for _ in intake.raw.headers]
    for raw_row in intake.raw.rows:
        for index, cell in enumerate(raw_row.cells[: len(examples)]):
            text = "" if cell is None else str(cell).strip()
            if text and len(examples[index]) < limit and text not in examples[index]:
                examples[index].append(text[:60])
        if all(len(found) >= limit for found in examples):
            break
    return examples


def require_intake(session: Session) -> IntakeResult:
    """The session's intake, or a clear 409 when nothing was uploaded yet."""
    if session.intake is None:
        raise StepError("upload_first")
    return session.intake


# -- analysis and problem ------------------------------------------------------------------------
def analysis_of(session: Session) -> Analysis:
    """Function families, goal topics, feasibility findings and answer counts (cached)."""
    intake = require_intake(session)
    with session.lock:
        if session.analysis is None:
            session.analysis = ANALYSIS_WORKERS.call(
                analyse_intake, intake.table, session.settings, session.inputs
            )
        return session.analysis


def chart_path(session: Session, aspect: str) -> Path:
    """The profile chart of ``aspect`` as a PNG in the session's language (drawn once)."""
    analysis = analysis_of(session)
    if aspect not in analysis.profile:
        raise StepError("no_chart", 404, chart=aspect, charts=", ".join(analysis.profile))
    folder = session.folder / "charts" / session.lang
    path = folder / f"profile_{aspect}.png"
    with session.lock:  # the page asks for every chart at once: draw them once, not per request
        if not path.exists():
            private_folder(folder.parent)
            private_folder(folder)
            for chart in profile_charts(analysis.table, folder, lang=session.lang):
                private_file(chart)
    return path


def analysed_of(session: Session) -> Analysed:
    """The table with its analysis columns and similarity vectors (cached)."""
    intake = require_intake(session)
    with session.lock:
        if session.annotated is None:
            session.annotated = ANALYSIS_WORKERS.call(
                analyse_table, intake.table, session.inputs, session.lang
            )
        return session.annotated


def problem_of(session: Session) -> IntervisionProblem:
    """The grouping problem for the current table and settings (cached)."""
    analysed = analysed_of(session)
    with session.lock:
        if session.problem is None:
            session.problem = ANALYSIS_WORKERS.call(
                problem_for, analysed, session.settings, session.inputs
            )
        return session.problem


def update_settings(
    session: Session,
    changes: Mapping[str, Any],
    time_limit_s: float | None = None,
    seed: int | None = None,
) -> None:
    """Change settings (the same keys as the TOML file); invalid values raise StepError 422."""
    changes = {key: value for key, value in changes.items() if key != "language"}
    try:
        settings = session.settings.with_overrides(**changes)
    except InvalidSettings as error:
        raise StepError.said(error.message(session.lang), 422) from error
    except (TypeError, ValueError) as error:  # an unknown key or level: the API's callers
        raise StepError.said(str(error), 422) from error
    if time_limit_s is not None and not 1 <= time_limit_s <= MAX_TIME_LIMIT_S:
        raise StepError("time_limit_range", 422, most=f"{MAX_TIME_LIMIT_S:.0f}")
    with session.lock:
        if settings != session.settings:
            session.settings = settings
            session.forget_problem()
        if time_limit_s is not None:
            session.time_limit_s = float(time_limit_s)
        if seed is not None:
            session.seed = int(seed)


def load_venues(session: Session, source: BinaryIO, name: str | None, max_bytes: int) -> None:
    """The coordinator's own meeting places replace the towns. A file with any row that cannot
    be used is not used at all: its issues are kept to show (file, row, column, message), so
    no venue the coordinator listed silently goes missing."""
    from intake.issues import IntakeFileError
    from intake.venue_file import VenueList, read_venues

    staging = Path(tempfile.mkdtemp(dir=session.folder))
    try:
        incoming = save_upload(source, name, staging, max_bytes)
        found = read_venues(incoming, safe_file_name(name))
    except IntakeFileError as error:
        found = VenueList((), (error.issue,))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    venues = tuple(Venue(v.name, v.lat, v.lon) for v in found.venues) if found.ok else None
    with session.lock:
        session.venues_file = safe_file_name(name)
        session.venue_issues = found.issues
        session.inputs = replace(session.inputs, venues=venues)
        session.forget_problem()


def drop_venues(session: Session) -> None:
    """Back to the towns above the population threshold."""
    with session.lock:
        session.venues_file, session.venue_issues = None, ()
        session.inputs = replace(session.inputs, venues=None)
        session.forget_problem()


def set_language(session: Session, lang: str) -> None:
    """Pages, messages, rule names and the workbook in Dutch or English."""
    if lang not in ("en", "nl"):
        raise StepError("language", 422)
    with session.lock:
        if lang != session.lang:
            session.settings = session.settings.with_overrides(language=lang)
            session.problem = None  # rule explanations are phrased in the settings' language
            session.analysis = None  # family names are in the session's language


# -- solving -------------------------------------------------------------------------------------
def solve_job(payload: dict[str, Any], *, progress, stop) -> dict[str, Any]:
    """Run in the job's own process: a fresh solve (pins honoured)."""
    problem: IntervisionProblem = payload["problem"]
    result = solve_problem(problem, payload["params"], progress, stop)
    return _outcome(problem, result, moves=[], changes=[])


def repair_job(payload: dict[str, Any], *, progress, stop) -> dict[str, Any]:
    """Run in the job's own process: keep the line-up as far as possible around the pins."""
    repair = repair_lineup(
        payload["problem"], payload["groups"], payload["params"], progress=progress, stop=stop
    )
    moves = [
        {"pid": m.pid, "from_group": m.from_group, "to_group": m.to_group, "reason": m.reason}
        for m in repair.moves
    ]
    return _outcome(repair.problem, repair.result, moves, [c.reason for c in repair.changes])


def _outcome(
    problem: IntervisionProblem, result, moves: list[dict[str, Any]], changes: list[str]
) -> dict[str, Any]:
    gap = result.gap
    groups = groups_of(problem, result)
    return {
        "groups": groups,
        "choices": choices_of(evaluate_lineup(problem, groups)),
        "changes": changes,
        "status": result.status.value,
        "objective": result.objective,
        "gap": None if gap is None or math.isnan(gap) else gap,
        "solve_time_s": result.solve_time_s,
        "cancelled": result.cancelled,
        "moves": moves,
    }


def start_job(session: Session, runner: JobRunner, kind: str) -> Job:
    """Queue a solve ("solve": from scratch around the pins; "repair": keep the line-up)."""
    if kind not in ("solve", "repair"):
        raise StepError("job_kind", 422)
    if session.running_job is not None:
        raise StepError("job_running")
    if kind == "repair" and session.groups is None:
        raise StepError("nothing_to_keep")
    problem = problem_of(session)
    pins = current_pins(session)
    if pins or kind == "repair":
        problem = problem_for(analysed_of(session), session.settings, session.inputs, pins=pins)
    if kind == "repair":
        problem = lineup_problem(problem, session.choices)
    params = solve_params(FormOptions(time_limit_s=session.time_limit_s, seed=session.seed))
    payload: dict[str, Any] = {"problem": problem, "params": params}
    if kind == "repair":
        payload["groups"] = dict(session.groups or {})
    fn = repair_job if kind == "repair" else solve_job

    solved_intake = session.intake

    def take_lineup(job: Job) -> None:
        outcome = job.outcome or {}
        with session.lock:
            if session.intake is not solved_intake or "groups" not in outcome:
                return  # a new file or mapping came in meanwhile: these are other people
            session.remember()
            session.groups = outcome["groups"]
            session.choices = outcome["choices"]
            session.moves = tuple(outcome["moves"]) if job.kind == "repair" else None
            session.last_solve = {k: outcome[k] for k in ("status", "objective", "gap")} | {
                "solve_time_s": outcome["solve_time_s"],
                "kind": job.kind,
                "cancelled": outcome["cancelled"],
                "changes": outcome["changes"],  # stored moments and places a rule changed
            }

    job = runner.submit(kind, fn, payload, session.time_limit_s, on_done=take_lineup)
    with session.lock:
        session.jobs[job.id] = job
    return job


def current_pins(session: Session) -> dict[str, int]:
    """Pinned people with the group they are in now (a pin on an unplaced person is dropped)."""
    groups = session.groups or {}
    return {pid: group for pid in sorted(session.pins) if (group := groups.get(pid)) is not None}


# -- the line-up ---------------------------------------------------------------------------------
def lineup_report(session: Session) -> LineupReport:
    """The current line-up scored rule by rule (what the cards show)."""
    if session.groups is None:
        raise StepError("no_lineup")
    return evaluate_lineup(session_lineup_problem(session), session.groups)


def session_lineup_problem(session: Session) -> IntervisionProblem:
    """The problem with the session's stored moments, places and online groups."""
    return lineup_problem(problem_of(session), session.choices)


def move(session: Session, pid: str, group: int | None) -> LineupReport:
    """Put ``pid`` in ``group`` (an existing group, the next new number, or None = unplaced)."""
    if session.groups is None:
        raise StepError("no_lineup")
    if pid not in session.groups:
        raise StepError("no_participant", 404, pid=pid)
    used = {g for g in session.groups.values() if g is not None}
    if group is not None and group not in used and group != max(used, default=0) + 1:
        raise StepError("no_group", 422, group=group, last=max(used, default=0) + 1)
    with session.lock:
        if session.groups.get(pid) == group:
            return lineup_report(session)  # nothing changes: nothing to undo either
        session.remember()
        session.groups = {**session.groups, pid: group}
        session.moves = None
        if group is None:
            session.pins.discard(pid)
    return lineup_report(session)


def pin(session: Session, pid: str, pinned: bool) -> None:
    """Pin a person to their current group (a re-solve keeps them there), or unpin them."""
    if session.groups is None or pid not in session.groups:
        raise StepError("not_in_lineup", 404, pid=pid)
    if pinned and session.groups[pid] is None:
        raise StepError("pin_unplaced", 409, pid=pid)
    with session.lock:
        if (pid in session.pins) == pinned:
            return
        session.remember()
        session.moves = None
        if pinned:
            session.pins.add(pid)
        else:
            session.pins.discard(pid)


def set_online(session: Session, group: int, online: bool) -> LineupReport:
    """Let a group meet online (no place, no travel) or in person again; re-scored at once."""
    report = lineup_report(session)
    if group not in {g.group for g in report.groups}:
        raise StepError("no_such_group", 404, group=group)
    with session.lock:
        choices = session.choices if session.choices is not None else choices_of(report)
        choice = choices.get(group, GroupChoice())
        if choice.online == online:
            return report
        session.remember()
        session.choices = {**choices, group: replace(choice, online=online)}
        session.moves = None
    return lineup_report(session)


def undo(session: Session) -> None:
    """Bring back the line-up before its last change (move, pin, solve or re-solve)."""
    if not session.undo():
        raise StepError("nothing_to_undo")


def redo(session: Session) -> None:
    """Make the change that was undone last again."""
    if not session.redo():
        raise StepError("nothing_to_redo")


def evaluate(session: Session, groups: Mapping[str, int | None]) -> LineupReport:
    """Score any line-up (pid -> group) against the session's table and settings; its groups
    keep the moments, places and online choices of the session's groups of the same number."""
    problem = session_lineup_problem(session)
    unknown = sorted(set(groups) - set(problem.pids))
    if unknown:
        raise StepError("unknown_participants", 422, pids=", ".join(unknown[:10]))
    not_numbers = sorted(pid for pid, group in groups.items() if group is not None and group < 1)
    if not_numbers:
        raise StepError("groups_from_one", 422, pids=", ".join(not_numbers[:10]))
    return evaluate_lineup(problem, dict(groups))


def explain(session: Session, pid: str) -> pd.DataFrame:
    """What moving ``pid`` to each other group would change, rule by rule."""
    if session.groups is None:
        raise StepError("no_lineup")
    problem = session_lineup_problem(session)
    if pid not in problem.rows:
        raise StepError("no_participant", 404, pid=pid)
    return explain_person(problem, session.groups, pid)


def why(session: Session, pid: str) -> tuple[Fit, list[Alternative], list[str]]:
    """What ``pid``'s group gives them (or why they have none), every other group best first,
    and what the analysis found about them (messages in the session's language, with ids)."""
    if session.groups is None:
        raise StepError("no_lineup")
    problem = session_lineup_problem(session)
    if pid not in problem.rows:
        raise StepError("no_participant", 404, pid=pid)
    fit = person_fit(problem, session.groups, pid)
    others = alternatives(problem, session.groups, pid, fit) if fit.group is not None else []
    nl = session.lang == "nl"
    found = [
        f.message_nl if nl else f.message_en
        for f in analysis_of(session).diagnosis
        if pid in f.pids
    ]
    return fit, others, found


def write_downloads(session: Session) -> Path:
    """Write the workbook and the report for the current line-up; returns the workbook path.

    Both files are written together, so downloading the report after the workbook (or either
    twice) reuses them while nothing they show has changed.
    """
    intake = require_intake(session)
    state = (
        id(intake),
        sorted((session.groups or {}).items()),
        sorted(session.pins),
        sorted((session.choices or {}).items()),
        session.lang,
        session.settings,
        session.seed,
        session.time_limit_s,
        session.last_solve,
    )
    written = session.downloads
    if written is not None and written[0] == state and written[1].exists():
        return written[1]
    report = lineup_report(session)
    problem = problem_of(session)
    solved = session.last_solve or {}
    edited = solved.get("objective") != report.objective
    options = FormOptions(time_limit_s=session.time_limit_s, seed=session.seed, lang=session.lang)
    stored = session.stored_file
    stem = Path(session.file_name or "intake").stem
    output = session.folder / f"{label('download_stem', session.lang)}_{stem}.xlsx"
    run = run_info(
        session.upload or Path(stored[0] if stored else "intake"),
        options,
        problem.settings,
        status="edited" if edited else str(solved.get("status", "edited")),
        objective=report.objective,
        gap=None if edited else solved.get("gap"),
        solve_time_s=float(solved.get("solve_time_s", 0.0)),
        file_sha256=None if session.upload else (stored[1] if stored else "-"),
    )
    write_lineup_files(
        output,
        table=analysed_of(session).table,
        report=report,
        notes=IntakeNotes.of(intake),
        run=run,
        lang=session.lang,
        pinned=session.pins,
    )
    private_file(output)
    private_file(output.with_suffix(".html"))
    session.downloads = (state, output)
    return output
