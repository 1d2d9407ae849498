"""Record manifests: each client's sealed list of record ids and versions, and the vault's list of clients.

The vault row starts with an empty payload: "not built yet". The first unlock builds every manifest from the rows
as they are (the keys are not available here).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "manifests",
        sa.Column("kind", sa.String(8), primary_key=True),
        sa.Column("owner", sa.String(64), primary_key=True),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.bulk_insert(table, [{"kind": "vault", "owner": "", "payload": b"", "version": 0}])


def downgrade() -> None:
    op.drop_table("manifests")
