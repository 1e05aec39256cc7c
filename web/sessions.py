"""Web sessions: each coordinator's upload, settings and line-up, kept apart and cleaned up.

A session is identified by an unguessable token in the URL (it works the same for the pages
and for scripts using the API). Its files live in their own folder under the store's folder;
the folder is removed when the session is ended, when it has been idle longer than the time
to live, or when the server starts again (uploads in progress are lost on a restart; the
pages say so, and a downloaded workbook is complete on its own).
"""

from __future__ import annotations

import re
import secrets
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from optimiser.intervision.settings import IntervisionSettings
from workflow import ProblemInputs

if TYPE_CHECKING:
    from intake.analysis import Analysis
    from intake.pipeline import IntakeResult
    from optimiser.intervision import IntervisionProblem
    from web.jobs import Job
    from workflow import Analysed

_SAFE_NAME = re.compile(r"[^\w.\- ()]+")


def safe_file_name(name: str | None) -> str:
    """The uploaded file's own name without any folder part or odd characters.

    The name is only used in messages and download names; the file's type is decided by its
    content (see :mod:`intake.reading`).
    """
    base = re.split(r"[\\/]", name or "")[-1].strip()
    cleaned = _SAFE_NAME.sub("_", base).strip(". ")[:120]
    return cleaned or "intake"


@dataclass
class Session:
    """One coordinator's work: from the uploaded file to the line-up on screen."""

    id: str
    folder: Path
    file_name: str | None = None
    upload: Path | None = None
    mapping_overrides: dict[str, str | None] = field(default_factory=dict)
    intake: IntakeResult | None = None
    settings: IntervisionSettings = field(default_factory=IntervisionSettings)  # language too
    inputs: ProblemInputs = field(default_factory=ProblemInputs)  # venues, family corrections
    time_limit_s: float = 30.0
    seed: int = 0
    groups: dict[str, int | None] | None = None
    pins: set[str] = field(default_factory=set)
    last_solve: dict[str, Any] | None = None  # status, objective, gap, time of the last job
    jobs: dict[str, Job] = field(default_factory=dict)
    last_seen: float = field(default_factory=time.monotonic)
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    # derived, cleared whenever what they depend on changes
    annotated: Analysed | None = field(default=None, repr=False)
    analysis: Analysis | None = field(default=None, repr=False)
    problem: IntervisionProblem | None = field(default=None, repr=False)
    downloads: tuple[tuple, Path] | None = field(default=None, repr=False)  # (state, workbook)

    @property
    def lang(self) -> str:
        """The session's language: the settings' (one source of truth for pages, messages,
        rule explanations and the workbook)."""
        return self.settings.language

    def forget_intake_results(self) -> None:
        """The intake changed: analysis, problem and line-up no longer apply."""
        self.annotated = self.analysis = self.problem = None
        self.groups, self.last_solve = None, None
        self.pins = set()

    def forget_problem(self) -> None:
        """The settings changed: the problem must be built again (the line-up stays)."""
        self.problem = None
        self.analysis = None  # its feasibility diagnosis depends on the group sizes

    @property
    def running_job(self) -> Job | None:
        """The job still queued or running, if any (one at a time per session)."""
        return next((job for job in self.jobs.values() if not job.finished_state), None)


class SessionStore:
    """All live sessions, with an idle time to live and a cap on how many exist at once."""

    def __init__(self, data_dir: Path, ttl_s: float = 4 * 3600, max_sessions: int = 50) -> None:
        self.folder = Path(data_dir) / "sessions"  # only this sub-folder is ever cleaned
        self.ttl_s = ttl_s
        self.max_sessions = max_sessions
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()
        # a restart starts clean: no earlier upload lingers on disk
        # uploads being read before they have a session (a refused file never gets one)
        self.staging = Path(data_dir) / "staging"
        for folder in (self.folder, self.staging):
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True, exist_ok=True)

    def create(self, lang: str = "en") -> Session:
        """A new empty session; the least recently used one (not solving, if possible) is ended
        if the store is full."""
        self.sweep()
        with self._lock:
            while len(self._sessions) >= self.max_sessions:
                self._remove(min(self._eviction_candidates(), key=lambda s: s.last_seen))
            token = secrets.token_urlsafe(18)
            folder = self.folder / token
            folder.mkdir()
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

    def _eviction_candidates(self) -> list[Session]:
        """Sessions without a running solve, if any: ending one would leave its solve running
        unseen, holding a solve slot until its time limit."""
        sessions = list(self._sessions.values())
        return [s for s in sessions if s.running_job is None] or sessions

    def _expired(self, session: Session, now: float) -> bool:
        return now - session.last_seen > self.ttl_s and session.running_job is None

    def _remove(self, session: Session) -> None:
        self._sessions.pop(session.id, None)
        shutil.rmtree(session.folder, ignore_errors=True)
