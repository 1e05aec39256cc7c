"""Reading and writing programmes, rounds, intakes and line-up versions.

:class:`Store` is the one door to the database: the CLI and the web app ask it to keep an
intake or a version and to give them back as the plain objects the rest of the product uses
(a participant table, ``pid -> group``), so no other module writes SQL or sees the ORM.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from store.cells import table_cells, table_from_cells
from store.db import StoreError, default_url, make_engine, migrate, normalised_url
from store.models import (
    ExcludedRow,
    Intake,
    IntakeIssue,
    LineupVersion,
    Participant,
    Placement,
    Programme,
    Round,
)

if TYPE_CHECKING:
    from intake.pipeline import IntakeResult
    from optimiser.intervision.lineup import LineupReport


@dataclass(frozen=True)
class VersionInfo:
    """A version as listed: where it belongs and how it scored."""

    id: int
    programme: str
    round: int
    name: str
    created_at: datetime
    made_by: str
    objective: int
    hard_violations: int


@dataclass(frozen=True)
class StoredVersion:
    """A version read back: its people (the intake's table), groups, pins, settings, scores."""

    info: VersionInfo
    table: pd.DataFrame
    groups: dict[str, int | None]
    pinned: set[str]
    settings_toml: str
    seed: int | None
    scores: dict[str, int]
    group_scores: dict[str, Any]
    file_name: str
    file_sha256: str
    person_ids: dict[str, int | None]  # pid -> the programme's person id
    intake_id: int  # the stored intake it places: another version of it joins the same round
    # how the file was read when it was kept: each header's reading (header, field, confidence,
    # how), its issues (severity, code, row, column, value, message_en, message_nl) and the
    # rows set aside (row, reason_en, reason_nl), so a reopened version shows them again
    mapping: list[dict[str, Any]] = field(default_factory=list)
    issues: list[dict[str, Any]] = field(default_factory=list)
    excluded: list[tuple[int, str, str]] = field(default_factory=list)


class Store:
    """A database of programmes; opening it migrates the schema to the newest revision."""

    def __init__(self, url: str | None = None) -> None:
        self.url = normalised_url(url or default_url())
        self.engine = make_engine(self.url)
        try:
            migrate(self.engine)
        except OperationalError as error:
            raise StoreError(f"cannot open the store: {error.orig}") from None
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back on an error."""
        with self._sessions.begin() as session:
            yield session

    # -- programmes and rounds -----------------------------------------------------------------
    def programme_names(self) -> list[str]:
        """Every programme, by name."""
        with self.session() as s:
            return list(s.scalars(select(Programme.name).order_by(Programme.name)))

    def programmes(self) -> list[tuple[int, str]]:
        """Every programme as (id, name), by name: the web app addresses them by id."""
        with self.session() as s:
            return [
                tuple(row)
                for row in s.execute(select(Programme.id, Programme.name).order_by(Programme.name))
            ]

    def programme_name(self, programme_id: int) -> str:
        """The name of programme ``programme_id``; a clear error when there is none."""
        with self.session() as s:
            found = s.get(Programme, programme_id)
            if found is None:
                raise StoreError(
                    f"no programme {programme_id} in the store",
                    f"geen programma {programme_id} in de opslag",
                )
            return found.name

    def create_programme(self, name: str, retention_days: int | None = None) -> int:
        """A new programme; its name must be free."""
        name = name.strip()
        if not name:
            raise StoreError("a programme needs a name", "geef het programma een naam")
        try:
            with self.session() as s:
                programme = Programme(name=name, retention_days=retention_days)
                s.add(programme)
                s.flush()
                return programme.id
        except IntegrityError:
            raise StoreError(
                f"programme {name!r} exists already", f"programma {name!r} bestaat al"
            ) from None

    def programme_id(self, session: Session, name: str, *, create: bool = False) -> int:
        """The id of programme ``name`` (made when ``create``); a clear error otherwise."""
        found = session.scalar(select(Programme.id).where(Programme.name == name.strip()))
        if found is not None:
            return found
        if not create:
            names = ", ".join(self.programme_names())
            raise StoreError(
                f"no programme {name!r} in the store (programmes: {names or 'none yet'})",
                f"geen programma {name!r} in de opslag (programma's: {names or 'nog geen'})",
            )
        programme = Programme(name=name.strip())
        session.add(programme)
        session.flush()
        return programme.id

    def round_numbers(self, programme: str) -> list[int]:
        """The programme's rounds, oldest first."""
        with self.session() as s:
            pid = self.programme_id(s, programme)
            return list(
                s.scalars(select(Round.number).where(Round.programme_id == pid).order_by("number"))
            )

    def _round(self, s: Session, programme_id: int, number: int | None) -> Round:
        """Round ``number`` of the programme, made if new; None means a new last round."""
        if number is None:
            last = s.scalar(
                select(func.max(Round.number)).where(Round.programme_id == programme_id)
            )
            number = (last or 0) + 1
        found = s.scalar(
            select(Round).where(Round.programme_id == programme_id, Round.number == number)
        )
        if found is None:
            found = Round(programme_id=programme_id, number=number)
            s.add(found)
            s.flush()
        return found

    # -- intakes -------------------------------------------------------------------------------
    def save_intake(
        self,
        programme: str,
        intake: IntakeResult,
        file_sha256: str,
        *,
        round_number: int | None = None,
        create: bool = True,
        source: str | None = None,
    ) -> int:
        """Keep an intake (its normalised table, issues, rows set aside) in a round; returns its
        id. Its participants are matched to the programme's people (see ``store.people``).
        ``source`` overrides where the table came from (e.g. "workbook")."""
        from store.people import assign_people

        with self.session() as s:
            programme_id = self.programme_id(s, programme, create=create)
            round_ = self._round(s, programme_id, round_number)
            columns, rows = table_cells(intake.table)
            record = Intake(
                round_id=round_.id,
                file_name=intake.file,
                file_sha256=file_sha256,
                source=source or intake.source.value,
                n_rows=intake.n_rows if source is None else len(intake.table),
                columns=columns,
                mapping=[
                    {"header": m.header, "field": m.field, "confidence": m.confidence, "how": m.how}
                    for m in intake.mapping
                ],
            )
            s.add(record)
            s.flush()
            by_row: dict[int, Participant] = {}
            pid_at = columns.index("pid")
            row_at = columns.index("source_row")
            for cells in rows:
                participant = Participant(
                    intake_id=record.id,
                    pid=str(cells[pid_at]),
                    source_row=int(cells[row_at]),
                    cells=cells,
                )
                s.add(participant)
                by_row[participant.source_row] = participant
            s.flush()
            for issue in intake.issues:
                owner = by_row.get(issue.row) if issue.row is not None else None
                s.add(
                    IntakeIssue(
                        intake_id=record.id,
                        participant_id=owner.id if owner else None,
                        severity=issue.severity.value,
                        code=issue.code,
                        source_row=issue.row,
                        column=issue.column,
                        value=issue.value,
                        message_en=issue.message_en,
                        message_nl=issue.message_nl,
                    )
                )
            for excluded in intake.excluded:
                s.add(
                    ExcludedRow(
                        intake_id=record.id,
                        source_row=excluded.row,
                        reason_en=excluded.reason_en,
                        reason_nl=excluded.reason_nl,
                    )
                )
            s.flush()
            assign_people(s, programme_id, list(by_row.values()), columns)
            return record.id

    def intake_table(self, intake_id: int) -> pd.DataFrame:
        """A stored intake's participant table, as it was read from the file."""
        with self.session() as s:
            record = s.get(Intake, intake_id)
            if record is None:
                raise StoreError(f"no intake {intake_id} in the store")
            return table_from_cells(record.columns, [p.cells for p in record.participants])

    # -- versions ------------------------------------------------------------------------------
    def save_version(
        self,
        intake_id: int,
        name: str,
        groups: Mapping[str, int | None],
        report: LineupReport,
        *,
        settings_toml: str,
        made_by: str,
        pinned: Collection[str] = (),
        seed: int | None = None,
        status: str | None = None,
    ) -> int:
        """Keep a line-up of a stored intake under ``name`` (unique within its round)."""
        with self.session() as s:
            intake = s.get(Intake, intake_id)
            if intake is None:
                raise StoreError(f"no intake {intake_id} in the store")
            taken = s.scalar(
                select(LineupVersion.id).where(
                    LineupVersion.round_id == intake.round_id, LineupVersion.name == name
                )
            )
            if taken is not None:
                raise StoreError(
                    f"this round already has a version named {name!r}",
                    f"deze ronde heeft al een versie met de naam {name!r}",
                )
            version = LineupVersion(
                round_id=intake.round_id,
                intake_id=intake_id,
                name=name,
                made_by=made_by,
                settings_toml=settings_toml,
                seed=seed,
                status=status,
                objective=int(report.objective),
                hard_violations=int(report.hard_violations),
            )
            version.scores, version.group_scores = _scores(report)
            s.add(version)
            s.flush()
            participants = {p.pid: p.id for p in intake.participants}
            unknown = sorted(set(groups) - set(participants))
            if unknown:
                raise StoreError(f"the line-up names {len(unknown)} people not in the intake")
            for pid, participant_id in participants.items():
                group = groups.get(pid)
                s.add(
                    Placement(
                        version_id=version.id,
                        participant_id=participant_id,
                        group_number=None if group is None else int(group),
                        pinned=pid in pinned,
                    )
                )
            return version.id

    def update_scores(self, version_id: int, report: LineupReport) -> None:
        """Replace a version's scores (after someone was forgotten: they held that person)."""
        with self.session() as s:
            version = s.get(LineupVersion, version_id)
            if version is None:
                raise StoreError(
                    f"no version {version_id} in the store",
                    f"geen versie {version_id} in de opslag",
                )
            version.objective = int(report.objective)
            version.hard_violations = int(report.hard_violations)
            version.scores, version.group_scores = _scores(report)

    def versions(self, programme: str) -> list[VersionInfo]:
        """Every version of the programme, oldest round and version first."""
        with self.session() as s:
            programme_id = self.programme_id(s, programme)
            rows = s.execute(
                select(LineupVersion, Round.number)
                .join(Round, LineupVersion.round_id == Round.id)
                .where(Round.programme_id == programme_id)
                .order_by(Round.number, LineupVersion.id)
            ).all()
            return [_info(v, programme, number) for v, number in rows]

    def find_version(self, programme: str, ref: str | None = None) -> VersionInfo:
        """A version by id or name (the newest with that name); None = the newest of all."""
        found = self.versions(programme)
        if ref is not None:
            found = [v for v in found if v.name == ref or str(v.id) == ref.strip()]
        if not found:
            about = f"named {ref!r} " if ref else ""
            about_nl = f" met de naam {ref!r}" if ref else ""
            raise StoreError(
                f"programme {programme!r} has no version {about}yet",
                f"programma {programme!r} heeft nog geen versie{about_nl}",
            )
        return found[-1]

    def load_version(self, version_id: int) -> StoredVersion:
        """A version with its people, groups and pins."""
        with self.session() as s:
            version = s.get(LineupVersion, version_id)
            if version is None:
                raise StoreError(
                    f"no version {version_id} in the store",
                    f"geen versie {version_id} in de opslag",
                )
            intake = s.get(Intake, version.intake_id)
            round_ = s.get(Round, version.round_id)
            programme = s.get(Programme, round_.programme_id)
            participants = {p.id: p for p in intake.participants}
            table = table_from_cells(intake.columns, [p.cells for p in participants.values()])
            groups: dict[str, int | None] = {}
            pinned: set[str] = set()
            for placement in version.placements:
                pid = participants[placement.participant_id].pid
                groups[pid] = placement.group_number
                if placement.pinned:
                    pinned.add(pid)
            return StoredVersion(
                info=_info(version, programme.name, round_.number),
                table=table,
                groups=groups,
                pinned=pinned,
                settings_toml=version.settings_toml,
                seed=version.seed,
                scores=dict(version.scores),
                group_scores=dict(version.group_scores),
                file_name=intake.file_name,
                file_sha256=intake.file_sha256,
                person_ids={p.pid: p.person_id for p in participants.values()},
                intake_id=intake.id,
                mapping=[dict(m) for m in intake.mapping],
                issues=[
                    {
                        "severity": i.severity,
                        "code": i.code,
                        "row": i.source_row,
                        "column": i.column,
                        "value": i.value,
                        "message_en": i.message_en,
                        "message_nl": i.message_nl,
                    }
                    for i in intake.issues
                ],
                excluded=[(e.source_row, e.reason_en, e.reason_nl) for e in intake.excluded],
            )

    def round_lineups(self, programme: str) -> list[StoredVersion]:
        """Each round's line-up (its newest version), oldest round first: the programme's
        history, for who met whom."""
        newest: dict[int, VersionInfo] = {}
        for info in self.versions(programme):
            newest[info.round] = info
        return [self.load_version(newest[r].id) for r in sorted(newest)]


def _info(version: LineupVersion, programme: str, round_number: int) -> VersionInfo:
    return VersionInfo(
        id=version.id,
        programme=programme,
        round=round_number,
        name=version.name,
        created_at=version.created_at,
        made_by=version.made_by,
        objective=version.objective,
        hard_violations=version.hard_violations,
    )


def _scores(report: LineupReport) -> tuple[dict[str, int], dict[str, Any]]:
    """A line-up's scores as stored: per rule, and per group (its score, rules, hard breaks)."""
    per_rule = {k: int(v) for k, v in report.per_rule.items()}
    per_group = {
        str(g.group): {
            "score": int(g.score),
            "rules": {r.key: int(r.score) for r in g.rules},
            "hard_broken": len(g.broken_hard),
        }
        for g in report.groups
    }
    return per_rule, per_group
