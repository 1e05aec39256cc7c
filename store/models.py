"""The store's tables (the newest schema; ``migrations/`` builds and upgrades them).

A programme has rounds; a round has the intakes read for it and the line-up versions made from
them. An intake keeps the normalised participant table (one row per participant, the table's
cells as JSON), its issues and rows set aside, and the file's name and SHA-256, not the file.
A version keeps who was in which group, who was pinned, the settings and the scores. Scores
are numbers only: the sentences that name people are made again when a version is shown, so
deleting a person leaves no trace of them in a version. People are matched across rounds to
one :class:`Person` per programme. Every child row cascades from its parent.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def now() -> datetime:
    """Timestamps are UTC."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[object, object]] = {
        dict[str, Any]: JSON,
        list[Any]: JSON,
        datetime: DateTime(timezone=True),
    }


def _cascade(target: str) -> Mapped[int]:
    return mapped_column(ForeignKey(target, ondelete="CASCADE"), index=True)


class Programme(Base):
    __tablename__ = "programmes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=now)
    retention_days: Mapped[int | None] = mapped_column(Integer)  # None: kept until deleted
    rounds: Mapped[list[Round]] = relationship(
        back_populates="programme",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Round.number",
    )


class Round(Base):
    __tablename__ = "rounds"
    __table_args__ = (UniqueConstraint("programme_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = _cascade("programmes.id")
    number: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=now)
    programme: Mapped[Programme] = relationship(back_populates="rounds")
    intakes: Mapped[list[Intake]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="Intake.id"
    )
    versions: Mapped[list[LineupVersion]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="LineupVersion.id"
    )


class Intake(Base):
    __tablename__ = "intakes"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = _cascade("rounds.id")
    file_name: Mapped[str] = mapped_column(String(500))
    file_sha256: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(40))
    n_rows: Mapped[int]
    columns: Mapped[list[Any]]  # the participant table's columns, in order
    mapping: Mapped[list[Any]]  # how each header was read: header, field, confidence, how
    created_at: Mapped[datetime] = mapped_column(default=now)
    participants: Mapped[list[Participant]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="Participant.source_row"
    )
    issues: Mapped[list[IntakeIssue]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="IntakeIssue.id"
    )
    excluded: Mapped[list[ExcludedRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ExcludedRow.source_row"
    )


class Person(Base):
    """One human across the rounds of a programme (matched by e-mail, else name + organisation)."""

    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = _cascade("programmes.id")
    name: Mapped[str] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    organisation: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=now)


class Participant(Base):
    """One row of an intake's participant table."""

    __tablename__ = "participants"
    __table_args__ = (UniqueConstraint("intake_id", "pid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[int] = _cascade("intakes.id")
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), index=True
    )
    pid: Mapped[str] = mapped_column(String(40))
    source_row: Mapped[int]
    cells: Mapped[list[Any]]  # aligned with Intake.columns


class IdentityQuestion(Base):
    """A participant who may be an earlier round's person: for the coordinator to confirm."""

    __tablename__ = "identity_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = _cascade("participants.id")
    candidate_id: Mapped[int] = _cascade("persons.id")
    score: Mapped[float] = mapped_column(Float)
    answer: Mapped[bool | None] = mapped_column(Boolean)  # None: not yet answered


class IntakeIssue(Base):
    __tablename__ = "intake_issues"

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[int] = _cascade("intakes.id")
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    severity: Mapped[str] = mapped_column(String(20))
    code: Mapped[str] = mapped_column(String(80))
    source_row: Mapped[int | None]
    column: Mapped[str | None] = mapped_column(Text)
    value: Mapped[str | None] = mapped_column(Text)
    message_en: Mapped[str] = mapped_column(Text)
    message_nl: Mapped[str] = mapped_column(Text)


class ExcludedRow(Base):
    """An input row that is not in the participant table, and why."""

    __tablename__ = "excluded_rows"

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[int] = _cascade("intakes.id")
    source_row: Mapped[int]
    reason_en: Mapped[str] = mapped_column(Text)
    reason_nl: Mapped[str] = mapped_column(Text)


class LineupVersion(Base):
    """A named line-up of one intake: how it was made and how it scored."""

    __tablename__ = "lineup_versions"
    __table_args__ = (UniqueConstraint("round_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = _cascade("rounds.id")
    intake_id: Mapped[int] = _cascade("intakes.id")
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=now)
    made_by: Mapped[str] = mapped_column(Text)  # the command or page that made it
    settings_toml: Mapped[str] = mapped_column(Text)
    seed: Mapped[int | None]
    status: Mapped[str | None] = mapped_column(String(40))
    objective: Mapped[int]
    hard_violations: Mapped[int]
    scores: Mapped[dict[str, Any]]  # rule key -> total
    group_scores: Mapped[dict[str, Any]]  # group number -> {"score": n, "rules": {key: n}}
    placements: Mapped[list[Placement]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="Placement.id"
    )


class Placement(Base):
    """One participant's group in a version (None: not placed), and whether it was pinned."""

    __tablename__ = "placements"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = _cascade("lineup_versions.id")
    participant_id: Mapped[int] = _cascade("participants.id")
    group_number: Mapped[int | None]
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
