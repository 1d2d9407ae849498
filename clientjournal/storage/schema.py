"""The database tables. Only ids, foreign keys, ordering timestamps and version counters are in clear.

Everything a user writes lives in ``payload`` columns: AES-GCM ciphertexts of compact JSON, bound to their row by
associated data (see :mod:`clientjournal.crypto.aead`). Changing a table here needs a new Alembic revision.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class VaultMeta(Base):
    """One row describing the vault and holding the vault key wrapped for each way of unlocking it."""

    __tablename__ = "vault_meta"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vault_id: Mapped[str] = mapped_column(String(36))
    format_version: Mapped[int] = mapped_column(Integer)
    kdf_params: Mapped[str] = mapped_column(Text)
    wrapped_key_passphrase: Mapped[bytes] = mapped_column(LargeBinary)
    wrapped_key_recovery: Mapped[bytes] = mapped_column(LargeBinary)
    created_at_us: Mapped[int] = mapped_column(BigInteger)
    passphrase_changed_at_us: Mapped[int] = mapped_column(BigInteger)


class DeviceUnlock(Base):
    """The vault key wrapped under a device key that lives in one device's OS secret store."""

    __tablename__ = "device_unlocks"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    wrapped_key: Mapped[bytes] = mapped_column(LargeBinary)
    created_at_us: Mapped[int] = mapped_column(BigInteger)


class VaultItem(Base):
    """Vault-wide encrypted settings (user mood tags, coach preferences), one JSON document per name."""

    __tablename__ = "vault_items"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    version: Mapped[int] = mapped_column(Integer, default=1)


class ClientRow(Base):
    __tablename__ = "clients"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    key_version: Mapped[int] = mapped_column(Integer)
    wrapped_key: Mapped[bytes] = mapped_column(LargeBinary)
    """The client's data key under the vault key; deleting it makes every ciphertext of the client unreadable."""
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    version: Mapped[int] = mapped_column(Integer)


class ProjectRow(Base):
    __tablename__ = "projects"

    client_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    version: Mapped[int] = mapped_column(Integer)


class EntryRow(Base):
    __tablename__ = "entries"
    __table_args__ = (
        ForeignKeyConstraint(
            ["client_id", "project_id"],
            ["projects.client_id", "projects.id"],
            name="fk_entries_project",
        ),
        Index("ix_entries_client_time", "client_id", "occurred_at_us"),
        Index("ix_entries_time", "occurred_at_us"),
    )

    client_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    project_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    occurred_at_us: Mapped[int] = mapped_column(BigInteger)
    """Microseconds since the Unix epoch, UTC: enough to order the timeline without decrypting."""
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    version: Mapped[int] = mapped_column(Integer)


class ManifestRow(Base):
    """A sealed list of record ids and versions (see :mod:`clientjournal.services.manifests`).

    ``kind`` "client" (``owner`` the client id, sealed with the client's data key) or "vault" (``owner`` empty,
    sealed with a key derived from the vault key). A vault row with an empty payload means "not built yet".
    """

    __tablename__ = "manifests"

    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    owner: Mapped[str] = mapped_column(String(64), primary_key=True)
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    version: Mapped[int] = mapped_column(Integer)


clients = cast(Table, ClientRow.__table__)
projects = cast(Table, ProjectRow.__table__)
entries = cast(Table, EntryRow.__table__)
vault_meta = cast(Table, VaultMeta.__table__)
device_unlocks = cast(Table, DeviceUnlock.__table__)
vault_items = cast(Table, VaultItem.__table__)
manifests = cast(Table, ManifestRow.__table__)
