"""Personal data in the store (GDPR): forget a programme or one person, export all held about
one person, and a retention period after which a programme's old rounds are deleted.

Forgetting a person deletes their person record, and with it (cascading) their intake rows,
their issues, their placements in every version and the questions about them; it then removes
what other rows say about them: a manager or "rather not with" answer naming them, and any
issue that quotes their name or e-mail address. The versions that placed them keep scores
computed with them in the groups: ``workflow.forget_person`` scores those versions again
without them (:func:`versions_holding` names them).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, select

from store.db import StoreError
from store.models import (
    IdentityQuestion,
    Intake,
    IntakeIssue,
    LineupVersion,
    Participant,
    Person,
    Placement,
    Programme,
    Round,
)
from store.records import Store

_REFERENCE_TEXT = ("manager", "avoid")
_REFERENCE_IDS = ("manager_pid", "avoid_pids")
_REMOVED = "[removed]"


def delete_programme(store: Store, programme: str) -> None:
    """Delete a programme with every round, intake, version and person in it."""
    with store.session() as s:
        s.execute(delete(Programme).where(Programme.id == store.programme_id(s, programme)))


def forget_person(store: Store, programme: str, person_id: int) -> int:
    """Delete one person from every table and version; returns the intake rows removed."""
    with store.session() as s:
        person = _person(s, store, programme, person_id)
        own = list(s.scalars(select(Participant).where(Participant.person_id == person.id)))
        words = {w.casefold() for w in (person.name, person.email) if w}
        for p in own:
            intake = s.get(Intake, p.intake_id)
            for key in ("name", "email"):
                value = p.cells[intake.columns.index(key)] if key in intake.columns else None
                if isinstance(value, str) and value:
                    words.add(value.casefold())
        pids_by_intake: dict[int, set[str]] = {}
        for p in own:
            pids_by_intake.setdefault(p.intake_id, set()).add(p.pid)
        s.execute(delete(Person).where(Person.id == person.id))
        s.flush()
        for intake_id, pids in pids_by_intake.items():
            _scrub_references(s, intake_id, pids, words)
        _scrub_issues(s, programme_id=person.programme_id, words=words)
        return len(own)


def versions_holding(store: Store, programme: str, person_id: int) -> list[int]:
    """The versions that place the person: their scores count them (see ``forget_person``)."""
    with store.session() as s:
        person = _person(s, store, programme, person_id)
        return list(
            s.scalars(
                select(Placement.version_id)
                .join(Participant, Placement.participant_id == Participant.id)
                .where(Participant.person_id == person.id)
                .distinct()
                .order_by(Placement.version_id)
            )
        )


def _person(s, store: Store, programme: str, person_id: int) -> Person:
    person = s.get(Person, person_id)
    if person is None or person.programme_id != store.programme_id(s, programme):
        raise StoreError(
            f"no person {person_id} in programme {programme!r}",
            f"geen persoon {person_id} in programma {programme!r}",
        )
    return person


def _mentions(value: object, words: set[str]) -> bool:
    return isinstance(value, str) and any(w in value.casefold() for w in words)


def _scrub_references(s, intake_id: int, pids: set[str], words: set[str]) -> None:
    """Other rows of the intake that name the forgotten person lose that answer."""
    intake = s.get(Intake, intake_id)
    columns = intake.columns
    for participant in intake.participants:
        cells = list(participant.cells)
        for key in _REFERENCE_TEXT:
            if key in columns and _mentions(cells[columns.index(key)], words):
                cells[columns.index(key)] = None
        if "manager_pid" in columns and cells[columns.index("manager_pid")] in pids:
            cells[columns.index("manager_pid")] = None
        if "avoid_pids" in columns and isinstance(cells[columns.index("avoid_pids")], list):
            at = columns.index("avoid_pids")
            cells[at] = [p for p in cells[at] if p not in pids]
        if cells != participant.cells:
            participant.cells = cells


def _scrub_issues(s, *, programme_id: int, words: set[str]) -> None:
    """Issues of other rows that quote the person: the quote goes, the issue stays."""
    issues = s.scalars(
        select(IntakeIssue)
        .join(Intake, IntakeIssue.intake_id == Intake.id)
        .join(Round, Intake.round_id == Round.id)
        .where(Round.programme_id == programme_id)
    )
    for issue in issues:
        for attr in ("value", "message_en", "message_nl"):
            text = getattr(issue, attr)
            if _mentions(text, words):
                for word in words:
                    text = _replace_folded(text, word)
                setattr(issue, attr, text)


def _replace_folded(text: str, word: str) -> str:
    """``text`` with every case-insensitive occurrence of ``word`` replaced."""
    out, lower, start = [], text.casefold(), 0
    while (at := lower.find(word, start)) >= 0:
        out += [text[start:at], _REMOVED]
        start = at + len(word)
    return "".join([*out, text[start:]])


def export_person(store: Store, programme: str, person_id: int) -> dict[str, Any]:
    """Everything the store holds about one person, as strict JSON-ready data."""
    with store.session() as s:
        person = _person(s, store, programme, person_id)
        rows = []
        for participant in s.scalars(
            select(Participant).where(Participant.person_id == person.id).order_by(Participant.id)
        ):
            intake = s.get(Intake, participant.intake_id)
            round_ = s.get(Round, intake.round_id)
            placements = s.execute(
                select(LineupVersion.name, Placement.group_number, Placement.pinned)
                .join(LineupVersion, Placement.version_id == LineupVersion.id)
                .where(Placement.participant_id == participant.id)
                .order_by(LineupVersion.id)
            ).all()
            issues = s.scalars(
                select(IntakeIssue).where(IntakeIssue.participant_id == participant.id)
            )
            rows.append(
                {
                    "round": round_.number,
                    "file": intake.file_name,
                    "source_row": participant.source_row,
                    "answers": dict(zip(intake.columns, participant.cells, strict=True)),
                    "issues": [
                        {
                            "code": i.code,
                            "column": i.column,
                            "value": i.value,
                            "message": i.message_en,
                        }
                        for i in issues
                    ],
                    "versions": [
                        {"version": name, "group": group, "pinned": pinned}
                        for name, group, pinned in placements
                    ],
                }
            )
        questions = s.scalars(
            select(IdentityQuestion).where(IdentityQuestion.candidate_id == person.id)
        )
        return {
            "programme": programme,
            "person_id": person.id,
            "name": person.name,
            "email": person.email,
            "organisation": person.organisation,
            "created_at": person.created_at.isoformat(),
            "intake_rows": rows,
            "possible_matches": [{"score": q.score, "answer": q.answer} for q in questions],
        }


def set_retention(store: Store, programme: str, days: int | None) -> None:
    """Keep the programme's rounds for ``days`` after they were made (None: until deleted)."""
    if days is not None and days < 1:
        raise StoreError("the retention period is a whole number of days, at least 1")
    with store.session() as s:
        s.get(Programme, store.programme_id(s, programme)).retention_days = days


def purge_expired(store: Store, now: datetime | None = None) -> dict[str, int]:
    """Delete rounds older than their programme's retention period, and the people left with
    no intake row; returns the rounds deleted per programme."""
    now = now or datetime.now(UTC)
    deleted: dict[str, int] = {}
    with store.session() as s:
        for programme in s.scalars(select(Programme).where(Programme.retention_days.is_not(None))):
            cutoff = now - timedelta(days=programme.retention_days)
            old = [r.id for r in programme.rounds if _aware(r.created_at) < cutoff]
            if old:
                s.execute(delete(Round).where(Round.id.in_(old)))
                deleted[programme.name] = len(old)
        s.flush()
        s.execute(
            delete(Person).where(
                ~select(Participant.id).where(Participant.person_id == Person.id).exists()
            )
        )
    return deleted


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were stored as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
