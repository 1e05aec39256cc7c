"""Web sessions: each coordinator's upload, settings and line-up, kept apart and cleaned up.

A session is identified by an unguessable token in the URL (it works the same for the pages
and for scripts using the API). Its files live in their own folder under the store's folder;
the folder is removed when the session is ended, when it has been idle longer than the time
to live, or when the server starts again (uploads in progress are lost on a restart; the
pages say so, and a downloaded workbook is complete on its own).
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import stat
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from optimiser.intervision.choices import GroupChoice
from optimiser.intervision.settings import IntervisionSettings
from workflow import ProblemInputs

if TYPE_CHECKING:
    from intake.analysis import Analysis
    from intake.pipeline import IntakeResult
    from optimiser.intervision import IntervisionProblem
    from web.jobs import Job
    from web.plan_service import PlanState
    from web.programmes import Origin
    from workflow import Analysed


class UnsafeDataFolder(Exception):
    """The data folder is a link, not a folder, or belongs to someone else: personal data
    must not go there."""


class SessionsFull(Exception):
    """Every session slot is in use by a session that is solving or was used recently."""

    def __init__(self, count: int, evict_idle_s: float) -> None:
        super().__init__(f"{count} sessions in use")
        self.count = count
        self.idle_minutes = round(evict_idle_s / 60)


def default_data_dir() -> Path:
    """A folder of this user only: ``$XDG_RUNTIME_DIR`` (a private tmpfs) when there is one,
    else the user's cache folder; never a shared folder such as /tmp."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_dir():
        return Path(runtime) / "intervisie-web"
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "intervisie" / "web"


def private_folder(path: Path) -> Path:
    """``path`` as a folder only this user can enter (0700), made if missing.

    Refuses a link (it could point anywhere, e.g. into another user's reach), something that
    is not a folder, and a folder owned by someone else (they could read what is put there).
    """
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        raise UnsafeDataFolder(f"{path} is a link; use a real folder for the web app's data")
    if not stat.S_ISDIR(info.st_mode):
        raise UnsafeDataFolder(f"{path} is not a folder")
    if info.st_uid != os.getuid():
        raise UnsafeDataFolder(f"{path} belongs to another user; use a folder of your own")
    if stat.S_IMODE(info.st_mode) != 0o700:
        path.chmod(0o700)
    return path


def private_file(path: Path) -> Path:
    """Make a written file readable by this user only (0600)."""
    path.chmod(0o600)
    return path


_SAFE_NAME = re.compile(r"[^\w.\- ()]+")


def safe_file_name(name: str | None) -> str:
    """The uploaded file's own name without any folder part or odd characters.

    The name is only used in messages and download names; the file's type is decided by its
    content (see :mod:`intake.reading`).
    """
    base = re.split(r"[\\/]", name or "")[-1].strip()
    cleaned = _SAFE_NAME.sub("_", base).strip(". ")[:120]
    return cleaned or "intake"


HISTORY_STEPS = 50  # line-up changes a session can undo


@dataclass(frozen=True)
class LineupStep:
    """The line-up as it was before a change: what undo brings back (and redo again)."""

    groups: dict[str, int | None] | None
    pins: frozenset[str]
    last_solve: dict[str, Any] | None
    moves: tuple[dict[str, Any], ...] | None  # the re-solve's moves (None: not a re-solve)
    choices: dict[int, GroupChoice] | None = None


@dataclass
class Session:
    """One coordinator's work: from the uploaded file to the line-up on screen."""

    id: str
    folder: Path
    # sent in every form of the session's pages and checked on every post: a page elsewhere
    # that learnt the session's address still cannot submit its forms
    form_token: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    file_name: str | None = None
    upload: Path | None = None
    mapping_overrides: dict[str, str | None] = field(default_factory=dict)
    intake: IntakeResult | None = None
    settings: IntervisionSettings = field(default_factory=IntervisionSettings)  # language too
    inputs: ProblemInputs = field(default_factory=ProblemInputs)  # venues, family corrections
    venues_file: str | None = None  # the coordinator's venues file, when one was uploaded
    venue_issues: tuple = ()  # what was wrong in it (intake.issues.Issue); its venues unused
    time_limit_s: float = 30.0
    seed: int = 0
    groups: dict[str, int | None] | None = None
    # each group's moment and place as the last solve chose them, and which groups the
    # coordinator made online: kept by moves, re-scoring and re-solves unless a rule forces
    choices: dict[int, GroupChoice] | None = None
    pins: set[str] = field(default_factory=set)
    last_solve: dict[str, Any] | None = None  # status, objective, gap, time of the last job
    # what the re-solve that made this line-up moved, with the reasons (None: made otherwise)
    moves: tuple[dict[str, Any], ...] | None = None
    undo_steps: list[LineupStep] = field(default_factory=list)
    redo_steps: list[LineupStep] = field(default_factory=list)
    jobs: dict[str, Job] = field(default_factory=dict)
    # the programme version the line-up was opened from or saved as (``web.programmes``)
    origin: Origin | None = None
    stored_file: tuple[str, str] | None = None  # (file name, sha256) of a stored version's intake
    round_result: dict[str, Any] | None = None  # a next round's kept pairs, changes and reasons
    last_seen: float = field(default_factory=time.monotonic)
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    # derived, cleared whenever what they depend on changes
    annotated: Analysed | None = field(default=None, repr=False)
    analysis: Analysis | None = field(default=None, repr=False)
    problem: IntervisionProblem | None = field(default=None, repr=False)
    downloads: tuple[tuple, Path] | None = field(default=None, repr=False)  # (state, workbook)
    plan: PlanState | None = field(default=None, repr=False)  # the Plan step (facilitators)

    @property
    def lang(self) -> str:
        """The session's language: the settings' (one source of truth for pages, messages,
        rule explanations and the workbook)."""
        return self.settings.language

    def forget_intake_results(self) -> None:
        """The intake changed: analysis, problem and line-up (and its history: those were
        other people) no longer apply."""
        self.annotated = self.analysis = self.problem = None
        self.groups, self.last_solve, self.choices = None, None, None
        self.pins = set()
        self.plan = None  # other people: the facilitator list stays out of the new intake
        self.origin = self.round_result = None  # other people now: not that version's
        self.moves = None
        self.undo_steps, self.redo_steps = [], []

    def _step(self) -> LineupStep:
        groups = None if self.groups is None else dict(self.groups)
        choices = None if self.choices is None else dict(self.choices)
        return LineupStep(groups, frozenset(self.pins), self.last_solve, self.moves, choices)

    def _restore(self, step: LineupStep) -> None:
        self.groups = None if step.groups is None else dict(step.groups)
        self.pins = set(step.pins)
        self.last_solve, self.moves = step.last_solve, step.moves
        self.choices = None if step.choices is None else dict(step.choices)

    def remember(self) -> None:
        """Keep the line-up as it is now before changing it (a move, a pin, a solve); a new
        change forgets what could be redone. Call with the lock held."""
        self.undo_steps = [*self.undo_steps, self._step()][-HISTORY_STEPS:]
        self.redo_steps = []

    def undo(self) -> bool:
        """Bring back the line-up before the last change; False when there is none."""
        with self.lock:
            if not self.undo_steps:
                return False
            self.redo_steps.append(self._step())
            self._restore(self.undo_steps.pop())
            return True

    def redo(self) -> bool:
        """Make the change that was undone last again; False when there is none."""
        with self.lock:
            if not self.redo_steps:
                return False
            self.undo_steps.append(self._step())
            self._restore(self.redo_steps.pop())
            return True

    def forget_problem(self) -> None:
        """The settings changed: the problem must be built again (the line-up stays)."""
        self.problem = None
        self.analysis = None  # its diagnosis depends on group sizes, limits and places

    @property
    def running_job(self) -> Job | None:
        """The job still queued or running, if any (one at a time per session)."""
        return next((job for job in self.jobs.values() if not job.finished_state), None)


class SessionStore:
    """All live sessions, with an idle time to live and a cap on how many exist at once.

    The folders are private to this user (0700, files 0600); a data folder that is a link or
    belongs to someone else is refused with :class:`UnsafeDataFolder`.
    """

    def __init__(
        self,
        data_dir: Path,
        ttl_s: float = 4 * 3600,
        max_sessions: int = 50,
        evict_idle_s: float = 30 * 60,
    ) -> None:
        data_dir = private_folder(Path(data_dir))
        self.folder = data_dir / "sessions"  # only this sub-folder is ever cleaned
        self.ttl_s = ttl_s
        self.max_sessions = max_sessions
        self.evict_idle_s = evict_idle_s
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()
        # a restart starts clean: no earlier upload lingers on disk
        # uploads being read before they have a session (a refused file never gets one)
        self.staging = data_dir / "staging"
        for folder in (self.folder, self.staging):
            if folder.is_symlink():
                raise UnsafeDataFolder(f"{folder} is a link; use a real folder")
            shutil.rmtree(folder, ignore_errors=True)
            private_folder(folder)

    def create(self, lang: str = "en") -> Session:
        """A new empty session. When the store is full, the least recently used session that
        is not solving and has been idle for ``evict_idle_s`` is ended to make room; if there
        is none, :class:`SessionsFull` (uploads never end a session in use)."""
        self.sweep()
        with self._lock:
            while len(self._sessions) >= self.max_sessions:
                idle = self._eviction_candidates(time.monotonic())
                if not idle:
                    raise SessionsFull(len(self._sessions), self.evict_idle_s)
                self._remove(min(idle, key=lambda s: s.last_seen))
            token = secrets.token_urlsafe(18)
            folder = self.folder / token
            folder.mkdir(mode=0o700)
            # the settings speak the session's language: rule explanations, unplaced reasons
            settings = IntervisionSettings(language=lang)
            session = Session(id=token, folder=folder, settings=settings)
            self._sessions[token] = session
        return session

    def get(self, token: str) -> Session | None:
        """The session, touched, or None when unknown or expired."""
        with self._lock:
            session = self._sessions.get(token)
            if session is None:
                return None
            if self._expired(session, time.monotonic()):
                self._remove(session)
                return None
            session.last_seen = time.monotonic()
            return session

    def peek(self, token: str) -> Session | None:
        """The session if it exists, without counting this as use (for error messages)."""
        with self._lock:
            return self._sessions.get(token)

    def end_all(self) -> None:
        """End every session and delete its files (the app is stopping)."""
        with self._lock:
            for session in list(self._sessions.values()):
                self._remove(session)

    def end(self, token: str) -> bool:
        """End a session and delete its files; False if it did not exist."""
        with self._lock:
            session = self._sessions.get(token)
            if session is None:
                return False
            self._remove(session)
            return True

    def sweep(self) -> int:
        """End every idle session past its time to live; returns how many were ended."""
        now = time.monotonic()
        with self._lock:
            expired = [s for s in self._sessions.values() if self._expired(s, now)]
            for session in expired:
                self._remove(session)
        return len(expired)

    def __len__(self) -> int:
        return len(self._sessions)

    def _eviction_candidates(self, now: float) -> list[Session]:
        """Sessions idle long enough and without a running solve (ending a solving one would
        leave its solve running unseen, holding a solve slot until its time limit)."""
        return [
            s
            for s in self._sessions.values()
            if s.running_job is None and now - s.last_seen >= self.evict_idle_s
        ]

    def _expired(self, session: Session, now: float) -> bool:
        return now - session.last_seen > self.ttl_s and session.running_job is None

    def _remove(self, session: Session) -> None:
        self._sessions.pop(session.id, None)
        shutil.rmtree(session.folder, ignore_errors=True)
