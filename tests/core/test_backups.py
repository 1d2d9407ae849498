"""Automatic backups with an injected clock: when they are taken, which are kept, that each is verified with the
vault's keys, restoring one, and that deleting a client erases it from every managed backup."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from support.constants import PASSPHRASE

from clientjournal.crypto.aead import OVERHEAD, RecordRef
from clientjournal.crypto.kdf import KdfParams
from clientjournal.crypto.keys import expand_key, unwrap_key
from clientjournal.domain import Client, Entry, EntryKind
from clientjournal.errors import ValidationError
from clientjournal.services.backup_files import AUTOMATIC, BEFORE_RESTORE, managed_files
from clientjournal.services.backups import DAMAGED, UNVERIFIED, VERIFIED, BackupPolicy
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault
from clientjournal.storage.database import sqlite_url

OSLO = timezone(timedelta(hours=1))
MONDAY = datetime(2026, 11, 30, 8, 0, tzinfo=OSLO)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(MONDAY)


@pytest.fixture
def session(tmp_path: Path, clock: Clock) -> Iterator[VaultSession]:
    url = sqlite_url(tmp_path / "vault.sqlite3")
    vault, keys, _recovery = Vault.create(url, PASSPHRASE, clock=clock, kdf=KdfParams.minimum())
    unlocked = VaultSession(vault, keys)
    yield unlocked
    unlocked.close()


def add_client(session: VaultSession, client_id: str, name: str, text: str = "Kick-off call") -> None:
    session.journal.save_client(Client(id=client_id, name=name))
    add_entry(session, client_id, f"{client_id}-e1", text)


def add_entry(session: VaultSession, client_id: str, entry_id: str, text: str) -> None:
    session.journal.save_entry(
        Entry(id=entry_id, client_id=client_id, occurred_at=MONDAY, kind=EntryKind.NOTE, text=text)
    )


def files(session: VaultSession) -> list[Path]:
    folder = session.backups.folder()
    assert folder is not None
    return [path for _name, path in managed_files(folder)]


# ---- the schedule -------------------------------------------------------------------------------------------


def test_the_first_change_of_a_day_takes_the_backup_and_later_ones_do_not(session: VaultSession) -> None:
    add_client(session, "c1", "Kari Nordmann")
    first = session.backups.run_if_due(MONDAY)  # no backup yet: the first one is due at once
    assert first is not None and first.verified
    tuesday = MONDAY + timedelta(days=1)
    assert session.backups.run_if_due(tuesday) is None, "nothing changed since Monday's backup"
    add_entry(session, "c1", "e2", "Sent the offer")
    taken = session.backups.run_if_due(tuesday + timedelta(hours=1))
    assert taken is not None and taken.verified and taken.kind == AUTOMATIC
    add_entry(session, "c1", "e3", "Another change the same day")
    assert session.backups.run_if_due(tuesday + timedelta(hours=5)) is None, "one a day"
    assert len(files(session)) == 2


def test_backups_go_beside_the_vault_privately_and_their_names_sort_by_time(
    session: VaultSession, tmp_path: Path
) -> None:
    add_client(session, "c1", "Kari Nordmann")
    one = session.backups.back_up(MONDAY)
    assert one.path.stat().st_mode & 0o777 == 0o600
    two = session.backups.back_up(MONDAY)  # the same second gets a name of its own
    three = session.backups.back_up(MONDAY + timedelta(days=1))
    assert session.backups.folder() == tmp_path / "backups"
    assert (tmp_path / "backups").stat().st_mode & 0o777 == 0o700
    assert {p.stat().st_mode & 0o777 for p in (two.path, three.path)} == {0o600}
    assert one.path.name == "clientjournal-2026-11-30T070000Z.backup.sqlite3"
    assert two.path.name == "clientjournal-2026-11-30T070000Z-2.backup.sqlite3"
    assert files(session) == [three.path, two.path], "newest first; the day's older one rotated away"
    assert not list((tmp_path / "backups").glob("*.part")), "written through a temp file and renamed"


def test_a_weekly_schedule_and_off(session: VaultSession) -> None:
    add_client(session, "c1", "Kari Nordmann")
    session.backups.save_policy(BackupPolicy(interval_days=7))
    assert session.backups.run_if_due(MONDAY) is not None
    add_entry(session, "c1", "e2", "Tuesday's change")
    assert session.backups.run_if_due(MONDAY + timedelta(days=3)) is None
    assert session.backups.run_if_due(MONDAY + timedelta(days=7)) is not None
    session.backups.save_policy(BackupPolicy(enabled=False))
    add_entry(session, "c1", "e3", "Much later")
    assert session.backups.run_if_due(MONDAY + timedelta(days=30)) is None
    with pytest.raises(ValidationError):
        session.backups.save_policy(BackupPolicy(keep_daily=0))


def test_a_chosen_folder_is_used_and_the_policy_lives_encrypted_in_the_vault(
    session: VaultSession, tmp_path: Path
) -> None:
    chosen = tmp_path / "elsewhere" / "journal backups"
    session.backups.save_policy(BackupPolicy(folder=str(chosen), keep_daily=3, keep_weekly=2))
    add_client(session, "c1", "Kari Nordmann")
    backup = session.backups.back_up(MONDAY)
    assert backup.path.parent == chosen
    assert session.backups.policy() == BackupPolicy(folder=str(chosen), keep_daily=3, keep_weekly=2)
    database = (tmp_path / "vault.sqlite3").read_bytes()
    assert b"journal backups" not in database, "the settings are sealed, the folder name is not in clear"


# ---- rotation -----------------------------------------------------------------------------------------------


def test_rotation_keeps_the_newest_of_n_days_and_m_weeks(session: VaultSession) -> None:
    session.backups.save_policy(BackupPolicy(keep_daily=3, keep_weekly=2))
    add_client(session, "c1", "Kari Nordmann")
    for day in range(21):  # three weeks, one change and one backup a day
        add_entry(session, "c1", f"e-{day}", f"Change on day {day}")
        assert session.backups.run_if_due(MONDAY + timedelta(days=day, hours=2)) is not None
    taken = sorted(b.taken_at.astimezone(OSLO).date() for b in session.backups.backups())
    last = (MONDAY + timedelta(days=20)).date()  # a Sunday
    # the last three days, plus the newest of each of the last two ISO weeks (this week's is among the days)
    assert taken == [last - timedelta(days=7), last - timedelta(days=2), last - timedelta(days=1), last]
    assert len(files(session)) == 4


def test_copies_taken_before_a_restore_are_rotated_apart(session: VaultSession) -> None:
    session.backups.save_policy(BackupPolicy(keep_daily=1, keep_weekly=0))
    add_client(session, "c1", "Kari Nordmann")
    for hour in range(5):
        session.backups.back_up(MONDAY + timedelta(hours=hour), kind=BEFORE_RESTORE)
    session.backups.back_up(MONDAY + timedelta(hours=6))
    kinds = [b.kind for b in session.backups.backups()]
    assert kinds == [AUTOMATIC, BEFORE_RESTORE, BEFORE_RESTORE, BEFORE_RESTORE]


# ---- verification -------------------------------------------------------------------------------------------


def _damage_an_entry(path: Path) -> None:
    """Flip one byte in the middle of an entry's ciphertext, in the file itself."""
    with sqlite3.connect(path) as connection:
        payload = bytes(connection.execute("SELECT payload FROM entries LIMIT 1").fetchone()[0])
    connection.close()
    data = bytearray(path.read_bytes())
    at = data.index(payload) + len(payload) // 2
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


def test_a_corrupted_backup_is_reported_and_never_the_last_good_one(session: VaultSession) -> None:
    add_client(session, "c1", "Kari Nordmann", "A long entry " * 40)
    good = session.backups.back_up(MONDAY)
    add_entry(session, "c1", "e2", "Tuesday's change")
    newer = session.backups.back_up(MONDAY + timedelta(days=1))
    assert session.backups.last_good() == newer

    _damage_an_entry(newer.path)
    listed = {b.path: b for b in session.backups.backups()}
    assert listed[newer.path].status == UNVERIFIED, "changed since it was verified"
    assert session.backups.last_good() == good

    checked = session.backups.verify(newer.path, MONDAY + timedelta(days=1, hours=1))
    assert checked.status == DAMAGED and checked.problem
    assert session.backups.last_good() == good
    assert session.backups.status().last_good == good


def test_a_backup_that_fails_its_verification_is_recorded_as_the_last_failure(
    session: VaultSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clientjournal.services import backups as module

    add_client(session, "c1", "Kari Nordmann", "A long entry " * 40)
    good = session.backups.back_up(MONDAY)
    real_copy = module.copy_vault_file

    def damaging_copy(source, destination, progress=None):  # type: ignore[no-untyped-def]
        real_copy(source, destination, progress)
        _damage_an_entry(destination)

    monkeypatch.setattr(module, "copy_vault_file", damaging_copy)
    add_entry(session, "c1", "e2", "Tuesday's change")
    bad = session.backups.run_if_due(MONDAY + timedelta(days=1))
    assert bad is not None and bad.status == DAMAGED
    status = session.backups.status()
    assert status.last_good == good
    assert status.last_failure is not None and status.last_failure.path == str(bad.path)
    assert bad.path.exists(), "kept while it is the newest, so the failure can be looked at"


def test_a_foreign_file_with_a_backup_name_is_damaged(session: VaultSession) -> None:
    folder = session.backups.folder()
    assert folder is not None
    folder.mkdir()
    (folder / "clientjournal-2026-11-29T070000Z.backup.sqlite3").write_bytes(b"not a database at all" * 100)
    (folder / "notes.txt").write_text("not a backup")
    [listed] = session.backups.backups()
    assert listed.status == DAMAGED
    assert session.backups.last_good() is None


@pytest.mark.postgresql
def test_a_postgresql_vault_has_no_automatic_backups(postgresql_url: str, clock: Clock) -> None:
    """Without a vault file there is no folder beside it; the service says so instead of failing."""
    vault, keys, _recovery = Vault.create(postgresql_url, PASSPHRASE, clock=clock, kdf=KdfParams.minimum())
    session = VaultSession(vault, keys)
    try:
        add_client(session, "c1", "Kari Nordmann")
        status = session.backups.status()
        assert not status.supported and status.folder is None and status.last_good is None
        assert session.backups.run_if_due(MONDAY) is None
        with pytest.raises(ValidationError):
            session.backups.back_up(MONDAY)
        with pytest.raises(ValidationError):
            session.backups.restore(Path("anything.sqlite3"), MONDAY)
        deletion = session.delete_client("c1")
        assert deletion.backups.supported is False and deletion.backups.complete
    finally:
        session.close()


# ---- restore ------------------------------------------------------------------------------------------------


def test_restore_keeps_the_current_vault_first_and_lists_what_each_backup_holds(
    session: VaultSession,
) -> None:
    add_client(session, "c1", "Kari Nordmann")
    monday = session.backups.back_up(MONDAY)
    add_client(session, "c2", "Ola Nordmann")
    add_entry(session, "c2", "c2-e2", "Second entry")
    listed = {b.path: b for b in session.backups.backups()}
    assert (listed[monday.path].clients, listed[monday.path].entries) == (1, 1)

    result = session.backups.restore(monday.path, MONDAY + timedelta(days=1))
    assert result.same_vault and result.report.ok
    assert result.kept.kind == BEFORE_RESTORE and result.kept.verified
    assert (result.kept.clients, result.kept.entries) == (2, 3)
    session.lock()
    reopened = Vault.open(str(session.vault.engine.url), clock=session.vault.clock)
    again = VaultSession(reopened, reopened.unlock(PASSPHRASE))
    try:
        assert [c.id for c in again.journal.list_clients()] == ["c1"]
        assert again.check().ok
        # The record of backups survived the restore: both files are still known as verified.
        assert {b.path: b.status for b in again.backups.backups()} == {
            monday.path: VERIFIED,
            result.kept.path: VERIFIED,
        }
        restored_back = again.backups.restore(result.kept.path, MONDAY + timedelta(days=1, hours=1))
        assert restored_back.report.clients == 2
    finally:
        again.close()


def test_restoring_a_damaged_backup_changes_nothing(session: VaultSession) -> None:
    from clientjournal.errors import IntegrityError

    add_client(session, "c1", "Kari Nordmann", "A long entry " * 40)
    backup = session.backups.back_up(MONDAY)
    _damage_an_entry(backup.path)
    add_client(session, "c2", "Ola Nordmann")
    with pytest.raises(IntegrityError):
        session.backups.restore(backup.path, MONDAY + timedelta(days=1))
    assert [c.id for c in session.journal.list_clients()] == ["c1", "c2"]


# ---- deleting a client erases it from every managed backup --------------------------------------------------


def _blobs(path: Path) -> list[tuple[str, str, bytes]]:
    """(table, text values of the row joined, ciphertext) for every binary value in the file."""
    connection = sqlite3.connect(path)
    try:
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        found = []
        for table in tables:
            cursor = connection.execute(f'SELECT * FROM "{table}"')
            columns = [c[0] for c in cursor.description]
            for row in cursor:
                values = dict(zip(columns, row, strict=True))
                texts = "|".join(str(v) for v in values.values() if isinstance(v, str))
                found.extend((table, texts, bytes(v)) for v in values.values() if isinstance(v, bytes))
        return found
    finally:
        connection.close()


def _opens(key: bytes, blob: bytes, vault_id: str, rows: set[str]) -> bytes | None:
    if len(blob) < OVERHEAD:
        return None
    aead = AESGCM(key)
    for table in ("clients", "projects", "entries", "vault_items", "manifests", "autosaves"):
        for row in rows:
            for field in ("payload", "data_key/v1"):
                try:
                    aad = RecordRef(vault_id, table, row, field).associated_data(blob[:5])
                    return aead.decrypt(blob[5:17], blob[17:], aad)
                except InvalidTag:
                    continue
    return None


def test_deleting_a_client_leaves_nothing_of_it_readable_in_any_rotated_backup(session: VaultSession) -> None:
    secret = "Qvxz-the-gone-clients-secret"
    add_client(session, "c-gone", "Gone Client", f"Signed. {secret}")
    add_client(session, "c-stays", "Ola Nordmann", "Stays")
    session.autosave.store("c-gone|", {"client_id": "c-gone", "entry_id": None, "text": secret})
    for day in range(3):
        add_entry(session, "c-stays", f"e{day}", f"day {day}")
        session.backups.run_if_due(MONDAY + timedelta(days=day))
    session.backups.back_up(MONDAY + timedelta(days=3), kind=BEFORE_RESTORE)
    backups = files(session)
    assert len(backups) == 4
    keys = session.keys
    with sqlite3.connect(backups[0]) as connection:
        wrapped, version = connection.execute(
            "SELECT wrapped_key, key_version FROM clients WHERE id = 'c-gone'"
        ).fetchone()
    dead_key = unwrap_key(keys.vault_key, bytes(wrapped), keys.client_key_ref("c-gone", version))

    deletion = session.delete_client("c-gone")

    assert deletion.scrubbed and deletion.backups.complete
    assert sorted(deletion.backups.rewritten) == sorted(backups)
    every_key = {
        "vault": keys.vault_key,
        "settings": expand_key(keys.vault_key, "vault-items", keys.vault_id),
        "dead": dead_key,
    }
    for backup in backups:
        assert secret.encode() not in backup.read_bytes()
        with sqlite3.connect(backup) as connection:
            left = connection.execute("SELECT id, wrapped_key, key_version FROM clients").fetchall()
        assert [row[0] for row in left] == ["c-stays"]
        keys_left = every_key | {
            cid: unwrap_key(keys.vault_key, bytes(w), keys.client_key_ref(cid, v)) for cid, w, v in left
        }
        blobs = _blobs(backup)
        rows = {part for _t, texts, _b in blobs for part in texts.split("|")} | {
            "c-gone", "c-gone/c-gone-e1", "c-gone|", "client/c-gone", "vault", "c-stays/c-stays-e1",
        }  # fmt: skip
        opened = [
            p
            for name, key in keys_left.items()
            for _t, _x, b in blobs
            if (p := _opens(key, b, keys.vault_id, rows))
        ]
        assert any(b"Stays" in p for p in opened), "the survey really opens what is left"
        assert not [p for p in opened if secret.encode() in p or b"Gone Client" in p or b"c-gone|" in p]
        assert not [b for _t, _x, b in blobs if _opens(dead_key, b, keys.vault_id, rows)]
    for backup in session.backups.backups():
        assert backup.verified, "each rewritten backup was verified again"


def test_a_backup_that_cannot_be_rewritten_is_named_and_a_damaged_one_still_loses_the_client(
    session: VaultSession, tmp_path: Path, clock: Clock
) -> None:
    add_client(session, "c1", "Kari Nordmann", "A long entry " * 40)
    add_client(session, "c2", "Ola Nordmann", "Another long entry " * 40)
    damaged = session.backups.back_up(MONDAY)
    with sqlite3.connect(damaged.path) as connection:  # damage Ola's entry, not Kari's
        payload = bytes(
            connection.execute("SELECT payload FROM entries WHERE client_id = 'c2'").fetchone()[0]
        )
    connection.close()
    data = bytearray(damaged.path.read_bytes())
    data[data.index(payload) + len(payload) // 2] ^= 0x01
    damaged.path.write_bytes(bytes(data))
    other, other_keys, _recovery = Vault.create(
        sqlite_url(tmp_path / "other.sqlite3"), PASSPHRASE, clock=clock, kdf=KdfParams.minimum()
    )
    foreign_session = VaultSession(other, other_keys)
    add_client(foreign_session, "c1", "Someone Else")
    foreign = damaged.path.parent / "clientjournal-2026-11-01T070000Z.backup.sqlite3"
    foreign_session.backup(foreign)
    foreign_session.close()

    deletion = session.delete_client("c1")

    assert deletion.backups.rewritten == (damaged.path,)
    [(path, why)] = deletion.backups.failed
    assert path == foreign and "another vault" in why
    assert not deletion.backups.complete
    with sqlite3.connect(damaged.path) as connection:
        assert [r[0] for r in connection.execute("SELECT id FROM clients")] == ["c2"]
    connection.close()
    listed = {b.path: b for b in session.backups.backups()}
    assert listed[damaged.path].status == DAMAGED, "rewritten without Kari, and still reported as damaged"


def test_restoring_the_oldest_kept_copy_is_not_rotated_away_by_the_copy_taken_first(
    session: VaultSession,
) -> None:
    add_client(session, "c1", "Kari Nordmann")
    oldest = session.backups.back_up(MONDAY, kind=BEFORE_RESTORE)
    for hour in (1, 2):
        session.backups.back_up(MONDAY + timedelta(hours=hour), kind=BEFORE_RESTORE)
    add_client(session, "c2", "Ola Nordmann")
    result = session.backups.restore(oldest.path, MONDAY + timedelta(hours=3))
    assert result.report.clients == 1
    assert oldest.path.exists()


# ---- taking a backup beside the session ---------------------------------------------------------------------


class _HeldCopy:
    """The backup copy, held at a chosen moment until released (the real copy around it)."""

    def __init__(self, module: object, *, copy_first: bool) -> None:
        self.real = module.copy_vault_file  # type: ignore[attr-defined]
        self.copy_first = copy_first
        self.reached = threading.Event()
        self.release = threading.Event()

    def __call__(self, source: Path, destination: Path, progress=None) -> None:  # type: ignore[no-untyped-def]
        if not self.copy_first:
            self.reached.set()
            assert self.release.wait(30)
            self.real(source, destination, progress)
            return
        # The snapshot is taken now; the file appears in the folder only when released.
        aside = destination.with_name("aside.sqlite3")
        self.real(source, aside, progress)
        self.reached.set()
        assert self.release.wait(30)
        aside.replace(destination)


def test_the_session_writes_while_a_backup_is_copied_and_checked_beside_it(
    session: VaultSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clientjournal.services import backups as module

    add_client(session, "c1", "Kari Nordmann")
    held = _HeldCopy(module, copy_first=False)
    monkeypatch.setattr(module, "copy_vault_file", held)
    job = session.backups.prepare_if_due(MONDAY)
    assert job is not None
    taken: list[object] = []
    beside = threading.Thread(target=lambda: taken.append(session.backups.take(job)))
    beside.start()
    assert held.reached.wait(30)

    add_entry(session, "c1", "e2", "Saved while the backup runs")  # not queued behind the copy
    held.release.set()
    beside.join(30)
    assert not beside.is_alive()
    backup = session.backups.record(taken[0])  # type: ignore[arg-type]
    assert backup.verified and (backup.clients, backup.entries) == (1, 2)  # copied after the save
    assert job.keys.is_locked, "the backup's own key chain is dropped once it is checked"
    assert session.backups.last_good() == backup


def test_deleting_a_client_while_a_backup_is_copied_erases_it_from_that_backup_too(
    session: VaultSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy read the vault with the client in it, and its file lands only after the deletion began: the
    deletion waits for it, then rewrites it without the client."""
    from clientjournal.services import backups as module
    from clientjournal.services.backup_checks import holds_client

    add_client(session, "c1", "Kari Nordmann")
    add_client(session, "c2", "Ola Nordmann")
    held = _HeldCopy(module, copy_first=True)
    monkeypatch.setattr(module, "copy_vault_file", held)
    job = session.backups.prepare_if_due(MONDAY)
    assert job is not None
    taken: list[object] = []
    beside = threading.Thread(target=lambda: taken.append(session.backups.take(job)))
    beside.start()
    assert held.reached.wait(30)  # the snapshot holds c1

    deletion = threading.Thread(target=lambda: session.delete_client("c1"))
    deletion.start()
    deletion.join(2)  # it waits for the backup being copied (without waiting, it would be done by now)
    held.release.set()
    beside.join(30)
    deletion.join(30)
    assert not beside.is_alive() and not deletion.is_alive()

    (path,) = files(session)
    assert not holds_client(path, "c1")
    backup = session.backups.record(taken[0])  # type: ignore[arg-type]
    assert backup.path == path
    listed = {b.path: b for b in session.backups.backups()}
    assert listed[path].verified and listed[path].clients == 1, "the rewrite's own check is what counts"
