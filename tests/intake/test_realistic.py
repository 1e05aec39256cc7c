"""On realistic exports the code has never seen, few issues per person, and the real ones."""

from __future__ import annotations

import pytest

from intake.issues import IssueKind
from intake.pipeline import read_intake
from tests.intake.realistic import BUILDERS

# Target of issue 12: at most 0.3 reported issues (of any kind) per participant.
MAX_ISSUES_PER_PARTICIPANT = 0.3


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_few_issues_per_participant_and_every_real_problem_reported(tmp_path, name):
    intake = read_intake(BUILDERS[name](tmp_path / name))
    per_participant = len(intake.issues) / len(intake.table)
    assert per_participant <= MAX_ISSUES_PER_PARTICIPANT, [i.message_en for i in intake.issues]
    codes = {i.code for i in intake.issues}
    assert "ambiguous_location" in codes  # the bare 3512, Dutch and Belgian
    assert "ambiguous_manager" in codes  # a manager name two participants have
    assert "duplicate" in codes  # the second submission
    kinds = {i.kind for i in intake.issues}
    assert IssueKind.EMAIL in kinds  # the address without a top-level domain, kept as typed
    broken = [i for i in intake.issues if i.kind == IssueKind.EMAIL]
    assert all(intake.table.loc[f"R{i.row:04d}", "email"] for i in broken)
    assert len(intake.table) + len(intake.excluded) == intake.n_rows


def test_accented_addresses_in_realistic_files_are_valid(tmp_path):
    intake = read_intake(BUILDERS["gforms_en.xlsx"](tmp_path / "g.xlsx"))
    accented = [e for e in intake.table["email"] if any(ord(c) > 127 for c in str(e))]
    assert accented  # Zoë, Özdemir
    flagged = {f"R{i.row:04d}" for i in intake.issues if i.kind == IssueKind.EMAIL}
    assert not flagged & set(intake.table.index[intake.table["email"].isin(accented)])
