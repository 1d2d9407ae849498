"""``delete-client`` checks its scrub (issue #14, finding 7).

Another connection holding a read transaction keeps SQLite's truncating checkpoint from finishing, so the WAL
still holds the deleted client's old pages (its wrapped data key and ciphertexts). The delete must then say so:
the client is deleted, but its old data may remain until the other program closes the vault (exit 1), and it
must not claim "its data key is destroyed".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from secutil import PASSPHRASE, new_vault, spec_document, write_json

from clientjournal.services import maintenance
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault
from clientjournal.storage.database import sqlite_url

CLIENT = "c-gone"


@contextmanager
def reader_holding_a_snapshot(file: Path) -> Iterator[None]:
    """A second program with the vault open, in the middle of a read transaction."""
    other = sqlite3.connect(file, isolation_level=None)
    try:
        other.execute("BEGIN")
        other.execute("SELECT count(*) FROM clients").fetchall()
        yield
    finally:
        other.execute("COMMIT")
        other.close()


@pytest.fixture(autouse=True)
def _short_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(maintenance, "SCRUB_WAIT_MS", 200)


def _vault_with_a_client(tmp_path: Path):  # type: ignore[no-untyped-def]
    vault = new_vault(tmp_path)
    document = spec_document()
    document["clients"][0]["id"] = CLIENT
    vault.ok("import", write_json(tmp_path / "one.json", document))
    return vault


def test_cli_delete_reports_an_incomplete_scrub(tmp_path: Path) -> None:
    vault = _vault_with_a_client(tmp_path)
    with reader_holding_a_snapshot(vault.file):
        # The CLI subprocess waits its own (default) time for the reader, then reports honestly.
        result = vault.run("delete-client", CLIENT, "--yes", expect=1)
    assert len(result.stderr_lines) == 1, result
    line = result.stderr_lines[0]
    assert "is deleted" in line and "another program has the vault open" in line
    assert "destroyed" not in result.stdout + result.stderr
    assert "unexpected" not in line
    assert vault.client_count() == 0
    vault.ok("check")
    # With the other program gone, the next delete scrubs completely again.
    document = spec_document()
    document["clients"][0]["id"] = "c-two"
    vault.ok("import", write_json(tmp_path / "two.json", document))
    done = vault.ok("delete-client", "c-two", "--yes", "--json").json()
    assert done == {"deleted": "c-two", "scrubbed": True, "backups": {"rewritten": [], "failed": []}}


def test_core_scrub_reports_false_while_a_reader_holds_the_wal(tmp_path: Path) -> None:
    vault = _vault_with_a_client(tmp_path)
    opened = Vault.open(sqlite_url(vault.file), clock=lambda: datetime.now(UTC))
    session = VaultSession(opened, opened.unlock(PASSPHRASE))
    try:
        with reader_holding_a_snapshot(vault.file):
            # The GUI's delete path calls this same core.
            assert session.delete_client(CLIENT).scrubbed is False
        assert maintenance.scrub_freed_data(opened.engine) is True
        assert session.check().ok
    finally:
        session.close()
    wal = Path(f"{vault.file}-wal")
    assert not wal.exists() or wal.stat().st_size == 0


@pytest.mark.postgresql
def test_delete_on_postgresql_vacuums_the_tables_the_client_leaves_dead_rows_in(
    tmp_path: Path, postgresql_url: str
) -> None:
    """The most the app may do on a server: a plain VACUUM, so the dead row versions' space is reused sooner."""
    from secutil import FAST_KDF
    from secutil import Vault as CliVault
    from sqlalchemy import create_engine, text

    vault = CliVault(tmp_path / "data", postgresql_url)
    vault.ok("init", *FAST_KDF)
    document = spec_document()
    document["clients"][0]["id"] = CLIENT
    vault.ok("import", write_json(tmp_path / "one.json", document))
    engine = create_engine(postgresql_url.replace("postgresql://", "postgresql+psycopg://", 1))
    query = text("SELECT relname, last_vacuum FROM pg_stat_user_tables WHERE relname = ANY(:names)")
    names = [table.name for table in maintenance.SCRUBBED_TABLES]
    try:
        with engine.connect() as connection:
            assert all(at is None for _, at in connection.execute(query, {"names": names}))
        done = vault.ok("delete-client", CLIENT, "--yes", "--json").json()
        assert done["scrubbed"] is True
        with engine.connect() as connection:
            vacuumed = {name: at for name, at in connection.execute(query, {"names": names})}
    finally:
        engine.dispose()
    assert sorted(vacuumed) == sorted(names) and all(at is not None for at in vacuumed.values())
