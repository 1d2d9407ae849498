"""The first schema: vault metadata, device unlocks, vault items, clients, projects, entries.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vault_meta",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("vault_id", sa.String(36), nullable=False),
        sa.Column("format_version", sa.Integer(), nullable=False),
        sa.Column("kdf_params", sa.Text(), nullable=False),
        sa.Column("wrapped_key_passphrase", sa.LargeBinary(), nullable=False),
        sa.Column("wrapped_key_recovery", sa.LargeBinary(), nullable=False),
        sa.Column("created_at_us", sa.BigInteger(), nullable=False),
        sa.Column("passphrase_changed_at_us", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "device_unlocks",
        sa.Column("device_id", sa.String(36), primary_key=True),
        sa.Column("wrapped_key", sa.LargeBinary(), nullable=False),
        sa.Column("created_at_us", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "vault_items",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_table(
        "clients",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("key_version", sa.Integer(), nullable=False),
        sa.Column("wrapped_key", sa.LargeBinary(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_table(
        "projects",
        sa.Column(
            "client_id",
            sa.String(64),
            sa.ForeignKey("clients.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_table(
        "entries",
        sa.Column(
            "client_id",
            sa.String(64),
            sa.ForeignKey("clients.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("project_id", sa.String(64), nullable=True),
        sa.Column("occurred_at_us", sa.BigInteger(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id", "project_id"],
            ["projects.client_id", "projects.id"],
            name="fk_entries_project",
        ),
    )
    op.create_index("ix_entries_client_time", "entries", ["client_id", "occurred_at_us"])
    op.create_index("ix_entries_time", "entries", ["occurred_at_us"])


def downgrade() -> None:
    op.drop_table("entries")
    op.drop_table("projects")
    op.drop_table("clients")
    op.drop_table("vault_items")
    op.drop_table("device_unlocks")
    op.drop_table("vault_meta")
