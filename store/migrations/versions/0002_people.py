"""People across rounds (one person per programme, questions for uncertain matches) and a
retention period per programme.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "persons",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "programme_id",
            sa.Integer,
            sa.ForeignKey("programmes.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("email", sa.Text),
        sa.Column("organisation", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("person_id", sa.Integer))
        batch.create_index("ix_participants_person_id", ["person_id"])
        batch.create_foreign_key(
            "fk_participants_person_id", "persons", ["person_id"], ["id"], ondelete="CASCADE"
        )
    op.create_table(
        "identity_questions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "participant_id",
            sa.Integer,
            sa.ForeignKey("participants.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column(
            "candidate_id",
            sa.Integer,
            sa.ForeignKey("persons.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("answer", sa.Boolean),
    )
    with op.batch_alter_table("programmes") as batch:
        batch.add_column(sa.Column("retention_days", sa.Integer))


def downgrade() -> None:
    with op.batch_alter_table("programmes") as batch:
        batch.drop_column("retention_days")
    op.drop_table("identity_questions")
    with op.batch_alter_table("participants") as batch:
        batch.drop_constraint("fk_participants_person_id", type_="foreignkey")
        batch.drop_index("ix_participants_person_id")
        batch.drop_column("person_id")
    op.drop_table("persons")
