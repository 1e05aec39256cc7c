"""Search budgets for the tests that run the commands: counted work, with a generous clock as
the safety net, so that a busy machine gives the result an idle one gives. (A whole-run
``--time-limit 3`` left the search no time at all when the machine was loaded.)"""

from __future__ import annotations

SAFETY_NET_S = 120


def work(seconds: float) -> tuple[str, ...]:
    """The command-line flags for ``seconds`` of counted search work."""
    return ("--time-limit", str(SAFETY_NET_S), "--work-limit", f"{seconds:g}")
