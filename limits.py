"""Bounds on one run: the wall clock (``--time-limit`` covers reading, analysis, problem building
and solving) and the size of intake that analysis and forming accept.

Why: a 7 MB file of 39,665 junk rows ran 223 s under ``--time-limit 5`` and grew past 8 GB,
because only the solver looked at the clock and nothing looked at the size. Now the size is
refused up front with a message that says what is supported, and every step runs against one
deadline; a step still running at the deadline is interrupted (SIGALRM, on the main thread), and
on the command line a step stuck in compiled code ends the process shortly after.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

# Analysis and forming keep per-person vectors and per-group candidate lists; measured with
# bench/run_bounds.py, 10,000 participants stay under ~2 GB (the machine was shared).
MAX_PARTICIPANTS = 10_000
# The solver stops itself at its limit; this much later the clock interrupts it anyway.
_SOLVER_GRACE_S = 5.0
# A step the signal could not interrupt ends the process this long after its deadline.
_HARD_STOP_S = 3.0

_STEP_NAMES = {
    "reading": ("reading the file", "het lezen van het bestand"),
    "analysis": ("analysing the answers", "het analyseren van de antwoorden"),
    "building": ("building the problem", "het opbouwen van het probleem"),
    "solving": ("searching for groups", "het zoeken naar groepen"),
}


class RunLimitReached(BaseException):
    """The run hit the time limit in ``step``; carries a message in both languages.

    A BaseException, like KeyboardInterrupt, so that code that turns any ``Exception`` into a
    warning (the answer parsers never raise) cannot swallow the deadline.
    """

    def __init__(self, step: str, limit_s: float, elapsed_s: float) -> None:
        en, nl = _STEP_NAMES.get(step, (step, step))
        self.message_en = (
            f"The time limit of {limit_s:g} s ran out while {en} ({elapsed_s:.1f} s so far). "
            "Allow more time with --time-limit."
        )
        self.message_nl = (
            f"De tijdgrens van {limit_s:g} s was op tijdens {nl} ({elapsed_s:.1f} s tot nu "
            "toe). Geef meer tijd met --time-limit."
        )
        super().__init__(self.message_en)
        self.step = step

    def message(self, lang: str = "en") -> str:
        return self.message_nl if lang == "nl" else self.message_en


class TooManyParticipants(Exception):
    """More participants than analysis and forming support; said before any of that starts."""

    def __init__(self, file: str, count: int, limit: int) -> None:
        self.message_en = (
            f"'{file}' holds {count:,} participants; groups can be formed and analysed for at "
            f"most {limit:,} at a time. Split the file (for example per region or organisation) "
            "and form each part on its own; 'intervisie check' reads files of any supported size."
        )
        self.message_nl = (
            f"'{file}' bevat {count:,} deelnemers; groepen vormen en analyseren kan voor "
            f"hoogstens {limit:,} tegelijk. Splits het bestand (bijvoorbeeld per regio of "
            "organisatie) en vorm elk deel apart; 'intervisie check' leest bestanden van elke "
            "ondersteunde grootte."
        )
        super().__init__(self.message_en)

    def message(self, lang: str = "en") -> str:
        return self.message_nl if lang == "nl" else self.message_en


def check_size(file: str, count: int, limit: int | None = None) -> None:
    """Refuse an intake too large to analyse or form, before memory grows with it."""
    limit = MAX_PARTICIPANTS if limit is None else limit
    if count > limit:
        raise TooManyParticipants(file, count, limit)


class RunClock:
    """One deadline for a whole run; ``step`` runs a part of it against what is left.

    With ``hard_exit`` (the command line), a step that a signal cannot interrupt, because it
    is inside a long call into compiled code, ends the process: the message goes to stderr and
    the process exits with ``hard_exit`` once the deadline is ``_HARD_STOP_S`` past.
    """

    def __init__(
        self, limit_s: float | None, hard_exit: int | None = None, lang: str = "en"
    ) -> None:
        self.limit_s = limit_s
        self.start = time.monotonic()
        self.hard_exit = hard_exit
        self.lang = lang

    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def remaining(self) -> float:
        """Seconds left (infinite without a limit)."""
        if self.limit_s is None:
            return float("inf")
        return self.limit_s - self.elapsed()

    def solver_time(self) -> float:
        """The time the solver may take: what is left; none left ends the run here."""
        left = self.remaining()
        if left <= 0:
            raise RunLimitReached("solving", float(self.limit_s or 0), self.elapsed())
        return left

    @contextmanager
    def step(self, name: str, grace_s: float = 0.0) -> Iterator[None]:
        """Run the block; at the deadline (plus ``grace_s``) it is interrupted with
        `RunLimitReached`. Off the main thread (where signals cannot be used) the deadline is
        checked when the block ends."""
        left = self.remaining()
        if left <= 0:
            raise RunLimitReached(name, float(self.limit_s or 0), self.elapsed())
        use_alarm = left != float("inf") and threading.current_thread() is threading.main_thread()
        if not use_alarm:
            yield
            if self.remaining() + grace_s < 0:
                raise RunLimitReached(name, float(self.limit_s or 0), self.elapsed())
            return

        def expire(_signum: int, _frame: object) -> None:
            raise RunLimitReached(name, float(self.limit_s or 0), self.elapsed())

        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, left + grace_s)
        watchdog = self._watchdog(name, left + grace_s + _HARD_STOP_S)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            if watchdog is not None:
                watchdog.cancel()

    def _watchdog(self, name: str, after_s: float) -> threading.Timer | None:
        if self.hard_exit is None:
            return None
        code = self.hard_exit

        def stop() -> None:
            reached = RunLimitReached(name, float(self.limit_s or 0), self.elapsed())
            sys.stderr.write(reached.message(self.lang) + "\n")
            sys.stderr.flush()
            os._exit(code)

        timer = threading.Timer(after_s, stop)
        timer.daemon = True
        timer.start()
        return timer


def solver_grace(limit_s: float) -> float:
    """How long past its own limit the solver may run before the clock interrupts it."""
    return _SOLVER_GRACE_S + 0.1 * limit_s
