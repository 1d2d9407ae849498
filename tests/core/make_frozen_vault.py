"""Writes tests/core/data/vault_schema_0001.sql: a small vault at the first schema, kept frozen.

Run once when a schema version is released (`python tests/core/make_frozen_vault.py`); never regenerate an
existing fixture, since its point is to be what old versions really wrote.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from clientjournal.crypto.kdf import KdfParams
from clientjournal.domain import Channel, Client, Entry, EntryKind, Project, Promise
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault

PASSPHRASE = "frozen fixture passphrase"


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    database = folder / "vault.sqlite3"
    vault, keys, _ = Vault.create(
        f"sqlite:///{database}",
        PASSPHRASE,
        clock=lambda: datetime(2026, 11, 27, tzinfo=UTC),
        kdf=KdfParams.minimum(),
    )
    session = VaultSession(vault, keys)
    session.journal.save_client(
        Client(
            id="c1",
            name="Kari Nordmann",
            company="Nordlys AS",
            email="kari@example.no",
            preferred_channel=Channel.EMAIL,
            update_every_days=7,
            tags=("web",),
        )
    )
    session.journal.save_project(
        Project(id="p1", client_id="c1", title="Ny nettside", contract_signed_on=date(2026, 11, 2))
    )
    session.journal.save_entry(
        Entry(
            id="e1",
            client_id="c1",
            occurred_at=datetime(2026, 11, 2, 14, tzinfo=timezone(timedelta(hours=1))),
            kind=EntryKind.PROMISE,
            channel=Channel.MEETING,
            moods=("enthusiastic",),
            text="Første utkast innen den 20.",
            project_id="p1",
            promise=Promise(date(2026, 11, 20)),
        )
    )
    session.close()
    connection = sqlite3.connect(database)
    target = Path(__file__).with_name("data") / "vault_schema_0001.sql"
    target.write_text("\n".join(connection.iterdump()) + "\n", encoding="utf-8")
    connection.close()
    print(f"wrote {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
