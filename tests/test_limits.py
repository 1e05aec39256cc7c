"""Every run is bounded: one deadline for the whole run, and a size refused up front."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import limits
from cli import EXIT_INFEASIBLE, EXIT_INPUT, app
from limits import RunClock, RunLimitReached

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
runner = CliRunner()


def test_a_step_still_running_at_the_deadline_is_interrupted():
    clock = RunClock(0.2)
    with pytest.raises(RunLimitReached) as raised, clock.step("analysis"):
        end = time.monotonic() + 30
        while time.monotonic() < end:  # a step that would run far past the limit
            sum(range(1000))
    assert raised.value.step == "analysis"
    assert "0.2 s" in raised.value.message("en") and "tijdgrens" in raised.value.message("nl")


def test_no_time_left_means_no_solve():
    clock = RunClock(0.0)
    with pytest.raises(RunLimitReached):
        clock.solver_time()


def test_without_a_limit_nothing_is_interrupted():
    clock = RunClock(None)
    with clock.step("reading"):
        pass
    assert clock.remaining() == float("inf")


def test_form_time_limit_covers_reading_and_analysis(tmp_path):
    """0.05 s is used up by reading alone: the run stops there, not after a full solve."""
    result = runner.invoke(
        app,
        ["form", str(SAMPLES / "intake_150.xlsx"), "-o", str(tmp_path / "g.xlsx"),
         "--time-limit", "0.05"],
    )  # fmt: skip
    assert result.exit_code == EXIT_INFEASIBLE, result.stderr
    assert "time limit of 0.05 s ran out" in " ".join(result.stderr.split())
    assert not (tmp_path / "g.xlsx").exists()


@pytest.mark.parametrize("command", ["form", "analyse"])
def test_an_intake_larger_than_supported_is_refused_up_front(tmp_path, monkeypatch, command):
    monkeypatch.setattr(limits, "MAX_PARTICIPANTS", 30)
    out = tmp_path / ("g.xlsx" if command == "form" else "a.html")
    result = runner.invoke(app, [command, str(SAMPLES / "intake_40.xlsx"), "-o", str(out)])
    assert result.exit_code == EXIT_INPUT, result.stderr
    said = " ".join(result.stderr.split())  # the console wraps long lines
    assert "40 participants" in said and "at most 30" in said
    assert not out.exists()


def test_a_step_stuck_in_compiled_code_ends_the_process_on_the_command_line():
    """A long call into compiled code (here: a sleep with the alarm signal blocked) never lets
    the signal handler in; the watchdog ends the process with the message and exit 3."""
    import subprocess
    import sys

    code = (
        "import signal, time\n"
        "from limits import RunClock\n"
        "clock = RunClock(0.2, hard_exit=3)\n"
        "with clock.step('analysis'):\n"
        "    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})\n"
        "    time.sleep(60)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.returncode == 3
    assert "time limit of 0.2 s ran out while analysing" in done.stderr
