"""Issues grouped by kind, in the order that changes the groups, and repeated guesses merged."""

from __future__ import annotations

from intake.issues import Issue, IssueKind, Severity, count_by_kind, ranked
from intake.pipeline import column_notes


def issue(code: str, severity: Severity = Severity.WARNING, row: int | None = 5, **kw) -> Issue:
    message = kw.pop("message", f"{code} at {row}")
    return Issue(severity, code, message, message, "f.xlsx", row, kw.pop("column", "C"), None)


def test_kinds_follow_what_changes_the_groups():
    issues = [
        issue("guessed_time_budget", row=2),
        issue("duplicate", Severity.INFO, row=9),
        issue("ambiguous_manager", row=3),
        issue("ambiguous_location", row=8),
        issue("no_identity", Severity.ERROR, row=20),
        issue("unreadable_email", row=1),
        issue("managers_not_enrolled", Severity.INFO, row=None),
    ]
    assert [i.kind for i in ranked(issues)] == [
        IssueKind.ERROR,
        IssueKind.LOCATION,
        IssueKind.REFERENCE,
        IssueKind.DUPLICATE,
        IssueKind.EMAIL,
        IssueKind.ANSWER,
        IssueKind.NOTE,
    ]
    assert list(count_by_kind(issues)) == [i.kind for i in ranked(issues)]
    assert IssueKind.LOCATION.label("nl") == "postcode of plaats"


def test_a_guess_repeated_down_a_column_becomes_one_column_note():
    repeated = [
        issue(
            "guessed_time_budget",
            row=row,
            column="Tijd",
            message=f'Read "{n}" as {n} hours per month (no unit given, hours assumed).',
        )
        for row, n in ((3, "2"), (4, "2,5"), (7, "4"), (9, "3"))
    ]
    other = issue("guessed_learning_style", row=5, column="Leerstijl")
    location = issue("ambiguous_location", row=6, column="Postcode")
    merged = column_notes([*repeated, other, location])
    assert [i.code for i in merged] == [
        "column_note",
        "guessed_learning_style",
        "ambiguous_location",
    ]
    note = merged[0]
    assert note.kind == IssueKind.COLUMN and note.column == "Tijd" and note.row is None
    assert "4 answers" in note.message_en and "rows 3, 4, 7, 9" in note.message_en
    assert "rijen 3, 4, 7, 9" in note.message_nl


def test_two_repeats_stay_separate_issues():
    pair = [
        issue("guessed_time_budget", row=r, message=f'Read "{r}" as {r} hours.') for r in (3, 4)
    ]
    assert column_notes(pair) == pair
