"""End-to-end: passwd and the recovery key, backup and restore."""

from __future__ import annotations

import copy
import sqlite3
from pathlib import Path

from cliutil import PASSPHRASE, SPEC_EXAMPLE, new_vault, spec_document, write_json

NEW = "a brand new passphrase"


def test_passwd_from_environment_then_old_passphrase_is_refused(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    vault.ok("import", SPEC_EXAMPLE)
    before = vault.export_text()
    payloads = vault.sql("SELECT id, payload FROM entries ORDER BY id")
    result = vault.ok("passwd", env={"CLIENTJOURNAL_NEW_PASSPHRASE": NEW})
    assert result.stdout.strip() == "Passphrase changed."
    old = vault.run("check")
    assert old.returncode == 3 and len(old.stderr_lines) == 1, old
    assert vault.export_text(passphrase=NEW) == before
    # Only the key wrapping changed, not the data.
    assert vault.sql("SELECT id, payload FROM entries ORDER BY id") == payloads
    # The recovery key still opens it.
    assert vault.export_text(passphrase=vault.recovery_key) == before


def test_passwd_from_file(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    new_file = tmp_path / "new.txt"
    new_file.write_text(NEW + "\n", encoding="utf-8")
    vault.ok("passwd", "--new-passphrase-file", new_file)
    assert vault.run("check").returncode == 3
    vault.ok("check", passphrase=NEW)


def test_recovery_key_resets_a_forgotten_passphrase(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    vault.ok("import", SPEC_EXAMPLE)
    key = vault.recovery_key
    for typed in (key, key.lower()):
        vault.ok("check", passphrase=typed)
    vault.ok("passwd", passphrase=key.lower(), env={"CLIENTJOURNAL_NEW_PASSPHRASE": NEW})
    assert vault.run("check").returncode == 3
    vault.ok("check", passphrase=NEW)
    assert vault.export(passphrase=NEW) == spec_document()
    # A wrong recovery key is refused like a wrong passphrase.
    wrong = ("ABCD-" * 13)[:-1]
    result = vault.run("check", passphrase=wrong)
    assert result.returncode == 3 and len(result.stderr_lines) == 1, result


def test_recovery_key_typed_with_spaces_or_without_separators(tmp_path: Path) -> None:
    """RecoveryKey.parse ignores dashes, spaces and case; unlocking should accept what it accepts."""
    vault = new_vault(tmp_path)
    key = vault.recovery_key
    for typed in (key.replace("-", " "), key.replace("-", ""), f"  {key}  "):
        vault.ok("check", passphrase=typed)


def test_passwd_needs_a_new_passphrase_and_refuses_a_short_one(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    missing = vault.run("passwd")
    assert missing.returncode == 2 and len(missing.stderr_lines) == 1, missing
    short = vault.run("passwd", env={"CLIENTJOURNAL_NEW_PASSPHRASE": "short"})
    assert short.returncode == 1 and len(short.stderr_lines) == 1, short
    wrong_old = vault.run("passwd", passphrase="wrong passphrase", env={"CLIENTJOURNAL_NEW_PASSPHRASE": NEW})
    assert wrong_old.returncode == 3, wrong_old
    vault.ok("check")  # still the original passphrase


def _second_client_document() -> dict[str, object]:
    document = spec_document()
    other = copy.deepcopy(document["clients"][0])
    other.update(id="c2", name="Ola Nordmann")
    document["clients"] = [other]
    return document


def test_backup_then_restore_gives_the_backed_up_data_back(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    vault.ok("import", SPEC_EXAMPLE)
    backed_up = vault.export_text()
    backup = tmp_path / "backups" / "vault-backup.sqlite3"
    result = vault.ok("backup", "--out", backup)
    assert str(backup) in result.stdout or backup.name in result.stdout
    assert backup.is_file()
    assert not Path(f"{backup}-wal").exists()
    assert list(backup.parent.iterdir()) == [backup]  # no temp file left behind
    # The backup is a complete, standalone vault file.
    with sqlite3.connect(backup) as connection:
        assert connection.execute("SELECT count(*) FROM entries").fetchone() == (2,)

    vault.ok("import", write_json(tmp_path / "c2.json", _second_client_document()))
    vault.ok("delete-client", "Kari Nordmann", "--yes")
    vault.ok("passwd", env={"CLIENTJOURNAL_NEW_PASSPHRASE": NEW})
    assert vault.export_text(passphrase=NEW) != backed_up

    # The backup opens with the passphrase in force when it was made.
    restored = vault.ok("restore", backup, "--yes", "--json").json()
    assert restored["restored"] is True and restored["entries"] == 2
    assert vault.export_text() == backed_up
    vault.ok("check")
    assert vault.run("check", passphrase=NEW).returncode == 3


def test_restore_into_an_empty_data_folder(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    vault.ok("import", SPEC_EXAMPLE)
    backup = tmp_path / "b.sqlite3"
    vault.ok("backup", "--out", backup)
    from cliutil import Vault

    fresh = Vault(tmp_path / "new-machine")
    fresh.ok("restore", backup, "--yes")
    assert fresh.export_text() == vault.export_text()
    fresh.ok("check", passphrase=vault.recovery_key)


def _flip_in_backup(backup: Path) -> None:
    with sqlite3.connect(backup) as connection:
        entry_id, payload = connection.execute("SELECT id, payload FROM entries ORDER BY id").fetchone()
        flipped = bytearray(payload)
        flipped[len(flipped) // 2] ^= 0x01
        connection.execute("UPDATE entries SET payload = ? WHERE id = ?", (bytes(flipped), entry_id))


def test_restore_of_a_tampered_backup_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    vault.ok("import", SPEC_EXAMPLE)
    backup = tmp_path / "b.sqlite3"
    vault.ok("backup", "--out", backup)
    vault.ok("import", write_json(tmp_path / "c2.json", _second_client_document()))
    before = vault.export_text()
    _flip_in_backup(backup)

    result = vault.run("restore", backup, "--yes")
    assert result.returncode == 4, result
    assert result.stderr_lines[0].startswith("error:")
    assert any("e1" in line or "e2" in line for line in result.stderr_lines[1:]), result
    assert vault.export_text() == before
    vault.ok("check")


def test_restore_with_the_wrong_passphrase_or_a_non_backup_changes_nothing(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    vault.ok("import", SPEC_EXAMPLE)
    backup = tmp_path / "b.sqlite3"
    vault.ok("backup", "--out", backup)
    vault.ok("import", write_json(tmp_path / "c2.json", _second_client_document()))
    before = vault.export_text()

    wrong = vault.run("restore", backup, "--yes", passphrase="wrong passphrase")
    assert wrong.returncode == 3 and len(wrong.stderr_lines) == 1, wrong

    missing = vault.run("restore", tmp_path / "nope.sqlite3", "--yes")
    assert missing.returncode == 1 and len(missing.stderr_lines) == 1, missing

    no_yes = vault.run("restore", backup)
    assert no_yes.returncode == 2 and len(no_yes.stderr_lines) == 1, no_yes

    assert vault.export_text() == before
    assert PASSPHRASE  # the live vault still opens with its own passphrase
    vault.ok("check")


def test_restore_of_a_file_that_is_not_a_backup_is_refused_clearly(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    vault.ok("import", SPEC_EXAMPLE)
    before = vault.export_text()
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database at all\n" * 200)
    result = vault.run("restore", junk, "--yes")
    assert result.returncode in (1, 4), result
    assert len(result.stderr_lines) == 1, result
    assert "unexpected" not in result.stderr, result
    assert vault.export_text() == before


def test_restore_leaves_the_backup_file_as_it_was(tmp_path: Path) -> None:
    """A backup is evidence: restoring from it must only read it (no WAL switch, no migration, no -wal file)."""
    vault = new_vault(tmp_path)
    vault.ok("import", SPEC_EXAMPLE)
    backup = tmp_path / "b.sqlite3"
    vault.ok("backup", "--out", backup)
    before = backup.read_bytes()
    vault.ok("restore", backup, "--yes")
    assert backup.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("b.sqlite3")) == ["b.sqlite3"]
