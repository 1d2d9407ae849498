"""Clean edges of issue #14: findings 2, 11 and 12 each give the right exit code and one clear line.

Every CLI run here also asserts (in ``run_cli``) that stderr holds no traceback.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from secutil import CLI, PASSPHRASE, Result, Vault, base_env, new_vault, spec_document, write_json

from clientjournal.exchange.payload import decode_payload, encode_payload, round_trips


def _one_line_error(result) -> str:  # type: ignore[no-untyped-def]
    lines = [line for line in result.stderr_lines if not line.startswith("note:")]
    assert lines and lines[0].startswith("error:"), result
    assert "unexpected" not in result.stderr, result
    return "\n".join(lines)


def _reads_everywhere(vault: Vault) -> None:
    """`check`, `export`, `search` and `clients` all work on the vault."""
    vault.ok("check")
    vault.export()
    vault.ok("search", "website")
    vault.ok("clients")


# ---- finding 2: what an import keeps is readable -----------------------------------------------------------


@pytest.mark.parametrize("digits", [20, 309, 400, 4_300])
def test_an_import_of_huge_integers_in_unknown_fields_leaves_the_vault_readable(
    tmp_path: Path, digits: int
) -> None:
    vault = new_vault(tmp_path)
    document = spec_document()
    huge = int("9" * digits)
    client = document["clients"][0]
    client["x_huge"] = huge
    client["x_nested"] = {"a": [-huge, 1.5, {"b": huge}]}
    client["entries"][0]["x_huge"] = huge
    client["projects"][0]["x_huge"] = -huge
    path = tmp_path / "huge.json"
    path.write_text(__import__("json").dumps(document), encoding="utf-8")
    vault.ok("import", path)
    _reads_everywhere(vault)
    exported = vault.export()["clients"][0]
    assert exported["x_huge"] == huge and exported["entries"][0]["x_huge"] == huge


def test_an_integer_beyond_pythons_limit_is_refused_cleanly(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    text = write_json(tmp_path / "d.json", spec_document()).read_text(encoding="utf-8")
    path = tmp_path / "over.json"
    path.write_text(
        text.replace('"archived": false', '"archived": false, "x": ' + "9" * 5000, 1), encoding="utf-8"
    )
    result = vault.run("import", path, expect=1)
    assert "$" in _one_line_error(result)
    assert vault.client_count() == 0


def test_the_import_check_uses_the_readers_decoder() -> None:
    for value in (int("9" * 400), -(2**80), 1e308, {"a": [None, True, "x"]}, "\u2603"):
        assert round_trips(value)
        assert decode_payload(encode_payload({"extra": {"v": value}})) == {"extra": {"v": value}}


def test_nul_in_an_imported_id_is_refused_with_its_path(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    document = spec_document()
    document["clients"][0]["entries"][0]["id"] = "e\x001"
    result = vault.run("import", write_json(tmp_path / "nul.json", document), expect=1)
    assert "$.clients[0].entries[0].id" in _one_line_error(result)
    assert "NUL character" in result.stderr
    assert vault.client_count() == 0


# ---- finding 11: check verifies the recovery key's wrapping -----------------------------------------------


def _flip_recovery_byte(vault: Vault) -> None:
    (blob,) = vault.sql("SELECT wrapped_key_recovery FROM vault_meta")[0]
    changed = bytearray(blob)
    changed[20] ^= 0x01
    vault.sql("UPDATE vault_meta SET wrapped_key_recovery = ?", (bytes(changed),))


def test_check_reports_a_flipped_byte_of_the_recovery_wrapping(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    vault.ok("check")
    _flip_recovery_byte(vault)
    result = vault.run("check", expect=4)
    assert "recovery key" in result.stderr
    assert "unexpected" not in result.stderr


def test_an_older_vault_seals_the_digest_on_its_first_check(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    vault.sql("DELETE FROM vault_items WHERE name = 'recovery_key_wrapping'")  # as before this change
    vault.ok("check")  # trusts what is there, and seals it
    assert vault.sql("SELECT count(*) FROM vault_items WHERE name = 'recovery_key_wrapping'") == [(1,)]
    vault.ok("check")
    _flip_recovery_byte(vault)
    assert "recovery key" in vault.run("check", expect=4).stderr


# ---- finding 12: passphrase files ---------------------------------------------------------------------------


def test_a_passphrase_file_that_is_not_utf8_is_refused_in_one_line(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    secret = tmp_path / "pass.txt"
    secret.write_bytes(b"\xff\xfe" + PASSPHRASE.encode("utf-16-le"))
    result = vault.run("--passphrase-file", secret, "clients", passphrase=None, expect=1)
    assert _one_line_error(result) == "error: the passphrase file is not UTF-8 text"


def test_a_byte_order_mark_in_the_passphrase_file_is_not_part_of_the_passphrase(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    secret = tmp_path / "pass.txt"
    secret.write_bytes(b"\xef\xbb\xbf" + PASSPHRASE.encode() + b"\r\n")
    vault.run("--passphrase-file", secret, "clients", passphrase=None, expect=0)


# ---- finding 12: stale temp files of export and restore ------------------------------------------------------


def test_export_removes_a_stale_plaintext_part_file_of_a_killed_run(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    vault.ok("import", write_json(tmp_path / "d.json", spec_document()))
    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".export.json.k2j3h4.part"
    stale.write_text('{"clients": [{"name": "Kari Nordmann"', encoding="utf-8")
    unrelated = out / ".other.json.abc.part"
    unrelated.write_text("not ours", encoding="utf-8")
    vault.ok("export", "--out", out / "export.json")
    assert sorted(p.name for p in out.iterdir()) == [".other.json.abc.part", "export.json"]


def test_restore_works_in_the_data_folder_not_the_system_temp_folder(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    vault.ok("import", write_json(tmp_path / "d.json", spec_document()))
    backup = tmp_path / "backup.sqlite3"
    vault.ok("backup", "--out", backup)
    system_temp = tmp_path / "systemp"
    system_temp.mkdir()
    stale = vault.data_dir / ".clientjournal-restore-killed"
    stale.mkdir()
    (stale / "backup.sqlite3").write_bytes(b"ciphertext of a killed run")
    env = {"TMPDIR": str(system_temp), "TEMP": str(system_temp), "TMP": str(system_temp)}
    vault.run("restore", backup, "--yes", env=env, expect=0)
    assert list(system_temp.iterdir()) == []
    assert not [p for p in vault.data_dir.iterdir() if p.name.startswith(".clientjournal-restore-")]
    vault.ok("check")


# ---- finding 12: damaged vault_meta and schema ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("damage", "codes"),
    [
        ('UPDATE vault_meta SET kdf_params = \'{"memory_kib": {"nested": 1}}\'', (4,)),
        ("UPDATE vault_meta SET kdf_params = X'00ff'", (4,)),
        ("UPDATE vault_meta SET wrapped_key_passphrase = 'text, not bytes'", (3, 4)),
        ("UPDATE vault_meta SET format_version = 'one'", (1, 4)),
        (
            "INSERT INTO vault_meta SELECT 2, vault_id, format_version, kdf_params, wrapped_key_passphrase, "
            "wrapped_key_recovery, created_at_us, passphrase_changed_at_us FROM vault_meta",
            (4,),
        ),
        ("DROP TABLE alembic_version", (1, 4)),
    ],
    ids=[
        "nested-kdf-params",
        "binary-kdf-params",
        "text-wrapped-key",
        "text-format-version",
        "second-vault-meta-row",
        "no-alembic-version",
    ],
)
def test_a_damaged_vault_meta_or_schema_is_one_clear_line(
    tmp_path: Path, damage: str, codes: tuple[int, ...]
) -> None:
    vault = new_vault(tmp_path)
    try:
        vault.sql(damage)
    except sqlite3.Error as exc:  # the schema may forbid the damage outright (a CHECK constraint)
        pytest.skip(f"the schema refuses it: {exc}")
    result = vault.run("clients")
    assert result.returncode in codes, result
    _one_line_error(result)


# ---- finding 12: a backup onto a full disk -------------------------------------------------------------------


def test_a_backup_onto_a_full_disk_leaves_nothing_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    from datetime import UTC, datetime

    from clientjournal.services import maintenance
    from clientjournal.services.vault import Vault as CoreVault
    from clientjournal.storage.database import sqlite_url

    vault = new_vault(tmp_path)
    vault.ok("import", write_json(tmp_path / "d.json", spec_document()))
    real_backup = maintenance._sqlite_backup

    def full_disk(source: Path, target: Path, progress: object) -> None:
        real_backup(source, target, None)  # some pages are written, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(maintenance, "_sqlite_backup", full_disk)
    opened = CoreVault.open(sqlite_url(vault.file), clock=lambda: datetime.now(UTC))
    out = tmp_path / "backups"
    try:
        with pytest.raises(OSError) as caught:
            maintenance.backup_vault(opened.engine, out / "b.sqlite3")
    finally:
        opened.close()
    assert caught.value.errno == errno.ENOSPC
    assert list(out.iterdir()) == []  # no backup, no .part, no -wal/-shm


# ---- finding 12: delete-client on a nearly full disk -----------------------------------------------------------


def _with_file_size_limit(limit: int, *argv: str, env: dict[str, str] | None = None) -> Result:
    """Run ``argv`` with writes beyond ``limit`` bytes of any file refused by the kernel, as on a full disk."""
    import resource
    import subprocess

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

    completed = subprocess.run(
        argv,
        capture_output=True,
        env={**base_env(), **(env or {})},
        preexec_fn=limited,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    result = Result(argv[1:], completed.returncode, completed.stdout.decode(), completed.stderr.decode())
    assert "Traceback" not in result.stderr, result
    return result


def _vault_with_two_clients(tmp_path: Path) -> tuple[Vault, str]:
    vault = new_vault(tmp_path)
    document = spec_document()
    first = document["clients"][0]
    first["id"] = "c-gone"
    second = __import__("copy").deepcopy(first)
    second["id"] = "c-kept"
    for index, entry in enumerate(second["entries"]):
        entry["id"] = f"kept-{index}"
    second["entries"] += [
        {**second["entries"][0], "id": f"bulk-{i}", "text": f"bulk {i} " + "words " * 300} for i in range(150)
    ]
    for index, project in enumerate(second["projects"]):
        project["id"] = f"kept-p{index}"
    for entry in second["entries"]:
        if entry.get("project"):
            entry["project"] = "kept-p0"
    document["clients"].append(second)
    vault.ok("import", write_json(tmp_path / "two.json", document))
    return vault, "c-gone"


@pytest.mark.slow  # five CLI runs over a vault big enough to outgrow the limit
def test_delete_client_without_room_to_scrub_says_it_is_deleted_and_why_not_scrubbed(tmp_path: Path) -> None:
    vault, client = _vault_with_two_clients(tmp_path)
    limit = vault.file.stat().st_size // 4  # room for the deletion, not for rebuilding the file without it
    result = _with_file_size_limit(
        limit, str(CLI), "--data-dir", str(vault.data_dir), "delete-client", client, "--yes"
    )
    assert result.returncode == 1, result
    line = _one_line_error(result)
    assert f"client {client} is deleted" in line and "disk is too full to scrub" in line, line
    assert "another program" not in line and "destroyed" not in result.stdout
    assert client not in {c["id"] for c in vault.ok("clients", "--json").json()}  # deleted, as it said
    vault.ok("check")
    assert vault.ok("delete-client", "c-kept", "--yes", "--json").json()["scrubbed"] is True  # room again


@pytest.mark.slow  # five CLI runs over a vault big enough to outgrow the limit
def test_delete_client_that_cannot_write_at_all_says_nothing_was_deleted(tmp_path: Path) -> None:
    vault, client = _vault_with_two_clients(tmp_path)
    (vault.data_dir / "logs" / "clientjournal.log").unlink()
    result = _with_file_size_limit(
        2048, str(CLI), "--data-dir", str(vault.data_dir), "delete-client", client, "--yes"
    )
    assert result.returncode == 1, result
    line = _one_line_error(result)
    assert "not saved" in line and "disk" in line, line
    assert "destroyed" not in result.stdout
    assert client in {c["id"] for c in vault.ok("clients", "--json").json()}  # nothing was deleted
    vault.ok("check")


# ---- finding 12: wrong SQLite types in a vault with data -------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE clients SET key_version = 'two'",
        "UPDATE clients SET wrapped_key = 'not bytes'",
        "UPDATE clients SET payload = 42",
        "UPDATE entries SET occurred_at_us = 'noon'",
        "UPDATE entries SET version = 1.5",
        "UPDATE entries SET payload = 'text, not bytes'",
        "UPDATE projects SET payload = NULL",
        "UPDATE vault_meta SET created_at_us = 'yesterday'",
    ],
    ids=[
        "text-key-version",
        "text-wrapped-key",
        "integer-payload",
        "text-entry-time",
        "real-version",
        "text-payload",
        "null-payload",
        "text-created-at",
    ],
)
def test_wrong_sqlite_types_in_rows_are_one_clear_line(tmp_path: Path, damage: str) -> None:
    vault = new_vault(tmp_path)
    vault.ok("import", write_json(tmp_path / "d.json", spec_document()))
    try:
        vault.sql(damage)
    except sqlite3.Error as exc:  # the schema may forbid the damage outright (NOT NULL, a CHECK constraint)
        pytest.skip(f"the schema refuses it: {exc}")
    for command in ("check", "export", "search"):
        args = ("search", "website") if command == "search" else (command,)
        result = vault.run(*args)
        if result.returncode == 0:
            continue  # the damaged column is not read by this command, or is harmless to it
        assert result.returncode in (1, 4), result
        _one_line_error(result)
    assert vault.run("check").returncode == 4 or damage.startswith("UPDATE vault_meta"), "check must notice"


@pytest.mark.slow  # three CLI runs over a vault big enough to outgrow the limit
def test_a_backup_onto_a_full_disk_is_one_clear_line_and_leaves_no_file(tmp_path: Path) -> None:
    vault, _client = _vault_with_two_clients(tmp_path)
    out = tmp_path / "stick"
    out.mkdir()
    limit = vault.file.stat().st_size // 2  # the backup outgrows the disk half way
    result = _with_file_size_limit(
        limit, str(CLI), "--data-dir", str(vault.data_dir), "backup", "--out", str(out / "b.sqlite3")
    )
    assert result.returncode == 1, result
    line = _one_line_error(result)
    assert "\n" not in line and "no backup was written" in line and "disk" in line, line
    assert list(out.iterdir()) == []  # no backup, no .part, no -wal/-shm
    vault.ok("check")
