"""People across the rounds of a programme: one :class:`Person` per human, and their history.

Each stored intake's participants are matched to the programme's people by
:func:`rounds.identity.match_people` (e-mail, else name + organisation, fuzzy as a last
resort). An uncertain match makes a new person plus a question; when the coordinator confirms
it, the two are merged, so nobody's history is joined to a stranger's by a guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from rounds.identity import match_people
from store.db import StoreError
from store.models import (
    IdentityQuestion,
    Intake,
    LineupVersion,
    Participant,
    Person,
    Placement,
    Round,
)
from store.records import Store

_IDENTITY = ("name", "email", "organisation")


def _identity(cells: Sequence[object], columns: Sequence[str]) -> dict[str, object]:
    return {k: cells[columns.index(k)] if k in columns else None for k in _IDENTITY}


def assign_people(
    s: Session, programme_id: int, participants: Sequence[Participant], columns: Sequence[str]
) -> None:
    """Give every participant of a new intake its person (existing, new, or new + a question)."""
    persons = {
        str(p.id): p for p in s.scalars(select(Person).where(Person.programme_id == programme_id))
    }
    previous = pd.DataFrame(
        [{k: getattr(p, k) for k in _IDENTITY} for p in persons.values()],
        index=list(persons),
        columns=list(_IDENTITY),
    )
    by_pid = {p.pid: p for p in participants}
    current = pd.DataFrame(
        [_identity(p.cells, columns) for p in participants],
        index=list(by_pid),
        columns=list(_IDENTITY),
    )
    matching = match_people(previous, current)
    for pid, person_id in matching.same.items():
        person = persons[person_id]
        for key, value in _identity(by_pid[pid].cells, columns).items():
            if value:
                setattr(person, key, value)  # the newest answer is the one kept
        by_pid[pid].person_id = person.id
    asked = {q.current: q for q in matching.questions}
    for pid in matching.newcomers:
        identity = _identity(by_pid[pid].cells, columns)
        person = Person(
            programme_id=programme_id,
            name=str(identity["name"] or ""),
            email=identity["email"] or None,
            organisation=identity["organisation"] or None,
        )
        s.add(person)
        s.flush()
        by_pid[pid].person_id = person.id
        if pid in asked:
            question = asked[pid]
            s.add(
                IdentityQuestion(
                    participant_id=by_pid[pid].id,
                    candidate_id=int(question.previous),
                    score=question.score,
                )
            )
    s.flush()


@dataclass(frozen=True)
class OpenQuestion:
    """ "Is this participant the earlier person?" with what the coordinator needs to decide."""

    id: int
    round: int
    participant: dict[str, object]
    candidate: dict[str, object]
    score: float


@dataclass(frozen=True)
class RoundEntry:
    """One round of a person's history: their group and whom they met there."""

    round: int
    version: str
    group: int | None
    met: tuple[int, ...]  # person ids of the other members


def open_questions(store: Store, programme: str) -> list[OpenQuestion]:
    """The uncertain matches not yet answered, oldest first."""
    with store.session() as s:
        programme_id = store.programme_id(s, programme)
        rows = s.execute(
            select(IdentityQuestion, Participant, Intake, Round)
            .join(Participant, IdentityQuestion.participant_id == Participant.id)
            .join(Intake, Participant.intake_id == Intake.id)
            .join(Round, Intake.round_id == Round.id)
            .where(Round.programme_id == programme_id, IdentityQuestion.answer.is_(None))
            .order_by(IdentityQuestion.id)
        ).all()
        found = []
        for question, participant, intake, round_ in rows:
            candidate = s.get(Person, question.candidate_id)
            found.append(
                OpenQuestion(
                    id=question.id,
                    round=round_.number,
                    participant=_identity(participant.cells, intake.columns)
                    | {"pid": participant.pid, "person_id": participant.person_id},
                    candidate={k: getattr(candidate, k) for k in _IDENTITY}
                    | {"person_id": candidate.id},
                    score=question.score,
                )
            )
        return found


def answer_question(store: Store, programme: str, question_id: int, same: bool) -> None:
    """Record the coordinator's answer; "the same person" merges the two people."""
    with store.session() as s:
        question = s.get(IdentityQuestion, question_id)
        candidate = s.get(Person, question.candidate_id) if question else None
        if candidate is None or candidate.programme_id != store.programme_id(s, programme):
            raise StoreError(f"programme {programme!r} has no question {question_id}")
        question.answer = same
        if not same:
            return
        participant = s.get(Participant, question.participant_id)
        merged_away = participant.person_id
        s.query(Participant).filter(Participant.person_id == merged_away).update(
            {Participant.person_id: question.candidate_id}
        )
        s.flush()
        s.execute(delete(Person).where(Person.id == merged_away))


def find_person(store: Store, programme: str, who: str) -> int:
    """A person id from an id, an e-mail address or a full name (unique in the programme)."""
    with store.session() as s:
        programme_id = store.programme_id(s, programme)
        persons = list(s.scalars(select(Person).where(Person.programme_id == programme_id)))
    key = who.strip().casefold()
    hits = [p.id for p in persons if str(p.id) == key]
    hits = hits or [p.id for p in persons if (p.email or "").casefold() == key]
    hits = hits or [p.id for p in persons if p.name.casefold() == key]
    if len(hits) != 1:
        raise StoreError(
            f"{len(hits)} people in programme {programme!r} match; give the e-mail address or id"
        )
    return hits[0]


def history(store: Store, programme: str, person_id: int) -> list[RoundEntry]:
    """Per round (its newest version): the person's group and the people they met."""
    with store.session() as s:
        programme_id = store.programme_id(s, programme)
        person = s.get(Person, person_id)
        if person is None or person.programme_id != programme_id:
            raise StoreError(
                f"no person {person_id} in programme {programme!r}",
                f"geen persoon {person_id} in programma {programme!r}",
            )
        newest: dict[int, LineupVersion] = {}
        rows = s.execute(
            select(LineupVersion, Round.number)
            .join(Round, LineupVersion.round_id == Round.id)
            .where(Round.programme_id == programme_id)
            .order_by(Round.number, LineupVersion.id)
        ).all()
        for version, number in rows:
            newest[number] = version
        entries = []
        for number, version in sorted(newest.items()):
            placed = s.execute(
                select(Participant.person_id, Placement.group_number)
                .join(Participant, Placement.participant_id == Participant.id)
                .where(Placement.version_id == version.id)
            ).all()
            mine = [g for p, g in placed if p == person_id]
            if not mine:
                continue
            group = mine[0]
            met = tuple(
                sorted(p for p, g in placed if group is not None and g == group and p != person_id)
            )
            entries.append(RoundEntry(number, version.name, group, met))
        return entries


@dataclass(frozen=True)
class PersonInfo:
    """A programme's person as the coordinator sees them in a list."""

    id: int
    name: str
    email: str | None
    organisation: str | None
    rounds: tuple[int, ...]  # the rounds with an intake row of theirs


def people_of(store: Store, programme: str) -> list[PersonInfo]:
    """Every person of the programme, by name, with the rounds they took part in."""
    with store.session() as s:
        programme_id = store.programme_id(s, programme)
        persons = list(
            s.scalars(
                select(Person).where(Person.programme_id == programme_id).order_by(Person.name)
            )
        )
        taking_part = s.execute(
            select(Participant.person_id, Round.number)
            .join(Intake, Participant.intake_id == Intake.id)
            .join(Round, Intake.round_id == Round.id)
            .where(Round.programme_id == programme_id)
        ).all()
    rounds: dict[int, set[int]] = {}
    for person_id, number in taking_part:
        rounds.setdefault(person_id, set()).add(number)
    return [
        PersonInfo(p.id, p.name, p.email, p.organisation, tuple(sorted(rounds.get(p.id, ()))))
        for p in persons
    ]
