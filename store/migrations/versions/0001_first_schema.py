"""First schema: programmes, rounds, intakes (table, issues, rows set aside), versions.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _parent(table: str) -> sa.Column:
    return sa.Column(
        f"{table.removesuffix('s')}_id",
        sa.Integer,
        sa.ForeignKey(f"{table}.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


def _created() -> sa.Column:
    return sa.Column("created_at", sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "programmes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        _created(),
    )
    op.create_table(
        "rounds",
        sa.Column("id", sa.Integer, primary_key=True),
        _parent("programmes"),
        sa.Column("number", sa.Integer, nullable=False),
        _created(),
        sa.UniqueConstraint("programme_id", "number"),
    )
    op.create_table(
        "intakes",
        sa.Column("id", sa.Integer, primary_key=True),
        _parent("rounds"),
        sa.Column("file_name", sa.String(500), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("source", sa.String(40), nullable=False),
        sa.Column("n_rows", sa.Integer, nullable=False),
        sa.Column("columns", sa.JSON, nullable=False),
        sa.Column("mapping", sa.JSON, nullable=False),
        _created(),
    )
    op.create_table(
        "participants",
        sa.Column("id", sa.Integer, primary_key=True),
        _parent("intakes"),
        sa.Column("pid", sa.String(40), nullable=False),
        sa.Column("source_row", sa.Integer, nullable=False),
        sa.Column("cells", sa.JSON, nullable=False),
        sa.UniqueConstraint("intake_id", "pid"),
    )
    op.create_table(
        "intake_issues",
        sa.Column("id", sa.Integer, primary_key=True),
        _parent("intakes"),
        sa.Column(
            "participant_id",
            sa.Integer,
            sa.ForeignKey("participants.id", ondelete="CASCADE"),
            index=True,
        ),
        sa.Column("severity", sa.String(20), nullable=False),
        sa.Column("code", sa.String(80), nullable=False),
        sa.Column("source_row", sa.Integer),
        sa.Column("column", sa.Text),
        sa.Column("value", sa.Text),
        sa.Column("message_en", sa.Text, nullable=False),
        sa.Column("message_nl", sa.Text, nullable=False),
    )
    op.create_table(
        "excluded_rows",
        sa.Column("id", sa.Integer, primary_key=True),
        _parent("intakes"),
        sa.Column("source_row", sa.Integer, nullable=False),
        sa.Column("reason_en", sa.Text, nullable=False),
        sa.Column("reason_nl", sa.Text, nullable=False),
    )
    op.create_table(
        "lineup_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        _parent("rounds"),
        _parent("intakes"),
        sa.Column("name", sa.String(200), nullable=False),
        _created(),
        sa.Column("made_by", sa.Text, nullable=False),
        sa.Column("settings_toml", sa.Text, nullable=False),
        sa.Column("seed", sa.Integer),
        sa.Column("status", sa.String(40)),
        sa.Column("objective", sa.Integer, nullable=False),
        sa.Column("hard_violations", sa.Integer, nullable=False),
        sa.Column("scores", sa.JSON, nullable=False),
        sa.Column("group_scores", sa.JSON, nullable=False),
        sa.UniqueConstraint("round_id", "name"),
    )
    op.create_table(
        "placements",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "version_id",
            sa.Integer,
            sa.ForeignKey("lineup_versions.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        _parent("participants"),
        sa.Column("group_number", sa.Integer),
        sa.Column("pinned", sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "placements",
        "lineup_versions",
        "excluded_rows",
        "intake_issues",
        "participants",
        "intakes",
        "rounds",
        "programmes",
    ):
        op.drop_table(table)
