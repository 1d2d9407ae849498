"""Length-prefixed associated data (issue #14, item 12): no two places share it, and older vaults keep opening.

Layout 2 (every write) length-prefixes the vault id, table and field and ends with the row id; layout 1 (vaults
written before) joined them with NUL and is only read. ``legacy_encrypt`` below is an independent copy of what
layout 1 wrote, and ``tests/core/data/vault_schema_0001.sql`` is a vault the old code really wrote.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from hypothesis import given
from hypothesis import strategies as st

from clientjournal.crypto.aead import LAYOUT_VERSION, LEGACY_LAYOUT_VERSION, RecordCipher, RecordRef
from clientjournal.errors import IntegrityError
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault

KEY = bytes(range(32))
FROZEN = Path(__file__).parents[1] / "core" / "data" / "vault_schema_0001.sql"
FROZEN_PASSPHRASE = "frozen fixture passphrase"
texts = st.text(st.characters(codec="utf-8"), max_size=12)
places = st.builds(RecordRef, texts, texts, texts, texts)


def legacy_encrypt(key: bytes, plaintext: bytes, ref: RecordRef, key_version: int = 1) -> bytes:
    """What layout 1 wrote: the place's parts joined with NUL after a fixed prefix and the header."""
    header = struct.pack(">BI", 1, key_version)
    aad = b"clientjournal/aead/v1\x00" + header + b"\x00" + "\x00".join(ref).encode("utf-8")
    nonce = os.urandom(12)
    return header + nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


# ---- the associated data itself -------------------------------------------------------------------------------


@given(places, places)
def test_two_places_never_share_associated_data(first: RecordRef, second: RecordRef) -> None:
    header = struct.pack(">BI", LAYOUT_VERSION, 1)
    if first != second:
        assert first.associated_data(header) != second.associated_data(header)


NUL_TWINS = [  # pairs of places whose NUL-joined form is the same: layout 1 could not tell them apart
    (RecordRef("v", "entries", "a\x00b", "payload"), RecordRef("v", "entries\x00a", "b", "payload")),
    (RecordRef("v", "entries", "c1", "e1\x00payload"), RecordRef("v", "entries", "c1\x00e1", "payload")),
    (RecordRef("v\x00entries", "c1", "e1", "payload"), RecordRef("v", "entries\x00c1", "e1", "payload")),
]


@pytest.mark.parametrize(("written", "read"), NUL_TWINS)
def test_places_that_only_differ_in_where_a_nul_falls_are_told_apart(
    written: RecordRef, read: RecordRef
) -> None:
    legacy = struct.pack(">BI", LEGACY_LAYOUT_VERSION, 1)
    assert "\x00".join(written) == "\x00".join(read)  # the old ambiguity
    cipher = RecordCipher(KEY)
    with pytest.raises(IntegrityError, match="failed authentication"):
        cipher.decrypt(cipher.encrypt(b"secret", written), read)
    # A layout-1 ciphertext is refused for a place whose NUL-joined form is ambiguous, so the twin cannot open it.
    for place in (written, read):
        if "\x00" in place.vault_id + place.table + place.field:
            with pytest.raises(IntegrityError, match="old layout"):
                place.associated_data(legacy)


def test_every_write_uses_the_new_layout() -> None:
    blob = RecordCipher(KEY, key_version=3).encrypt(b"x", RecordRef("v", "entries", "c1/e1", "payload"))
    assert blob[:5] == struct.pack(">BI", 2, 3)


# ---- layout 1 keeps opening, and stays bound to its place ------------------------------------------------------


@given(st.binary(max_size=200), texts, texts.filter(bool))
def test_old_ciphertexts_open_through_the_cipher_and_the_row_decryptor(
    plaintext: bytes, prefix: str, suffix: str
) -> None:
    ref = RecordRef("vault", "entries", prefix + suffix, "payload")
    blob = legacy_encrypt(KEY, plaintext, ref, key_version=2)
    cipher = RecordCipher(KEY, key_version=2)
    assert cipher.decrypt(blob, ref) == plaintext
    assert cipher.rows("vault", "entries", prefix, "payload").decrypt(suffix, blob) == plaintext


OTHER_PLACES = [
    RecordRef("other-vault", "entries", "c1/e1", "payload"),
    RecordRef("vault", "projects", "c1/e1", "payload"),
    RecordRef("vault", "entries", "c1/e2", "payload"),
    RecordRef("vault", "entries", "c2/e1", "payload"),
    RecordRef("vault", "entries", "c1/e1", "data_key/v1"),
    RecordRef("vault", "entries", "c1", "e1/payload"),
]


@pytest.mark.parametrize("other", OTHER_PLACES, ids=lambda ref: f"{ref.table}|{ref.row}|{ref.field}")
def test_an_old_ciphertext_moved_elsewhere_fails(other: RecordRef) -> None:
    ref = RecordRef("vault", "entries", "c1/e1", "payload")
    blob = legacy_encrypt(KEY, b"secret", ref)
    cipher = RecordCipher(KEY)
    with pytest.raises(IntegrityError, match="failed authentication"):
        cipher.decrypt(blob, other)
    rows = cipher.rows(other.vault_id, other.table, other.row[:3], other.field)
    with pytest.raises(IntegrityError, match="failed authentication"):
        rows.decrypt(other.row[3:], blob)


def test_changing_the_layout_byte_is_detected_both_ways() -> None:
    ref = RecordRef("vault", "entries", "c1/e1", "payload")
    cipher = RecordCipher(KEY)
    new, old = cipher.encrypt(b"secret", ref), legacy_encrypt(KEY, b"secret", ref)
    for blob, other_layout in ((new, 1), (old, 2)):
        with pytest.raises(IntegrityError, match="failed authentication"):
            cipher.decrypt(bytes([other_layout]) + blob[1:], ref)


# ---- a vault the old code wrote ---------------------------------------------------------------------------------


def _layouts(database: Path) -> Iterator[tuple[str, str, int]]:
    """(table, column, layout byte) of every ciphertext column value in the file."""
    connection = sqlite3.connect(database)
    try:
        tables = [
            name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        for table in tables:
            cursor = connection.execute(f'SELECT * FROM "{table}"')
            columns = [d[0] for d in cursor.description]
            for row in cursor:
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, bytes):
                        yield table, column, value[0]
    finally:
        connection.close()


@pytest.fixture
def frozen_vault(tmp_path: Path) -> Path:
    database = tmp_path / "old.sqlite3"
    connection = sqlite3.connect(database)
    connection.executescript(FROZEN.read_text(encoding="utf-8"))
    connection.close()
    return database


def _open(database: Path) -> VaultSession:
    vault = Vault.open(f"sqlite:///{database}", clock=lambda: datetime(2027, 1, 1, tzinfo=UTC))
    return VaultSession(vault, vault.unlock(FROZEN_PASSPHRASE))


def test_a_vault_written_in_the_old_layout_opens_and_new_writes_use_the_new_one(frozen_vault: Path) -> None:
    before = {(table, column) for table, column, layout in _layouts(frozen_vault)}
    assert before and {layout for *_, layout in _layouts(frozen_vault)} == {1}

    session = _open(frozen_vault)
    try:
        journal = session.journal.journal("c1")
        assert journal.entries[0].text == "Første utkast innen den 20."
        assert session.check().ok
        entry = journal.entries[0]
        session.journal.save_entry(replace(entry, text="Første utkast innen den 21."))
        assert session.journal.journal("c1").entries[0].text == "Første utkast innen den 21."
        assert session.check().ok  # the old client and project records beside the new entry
    finally:
        session.close()

    layouts = {(table, column): layout for table, column, layout in _layouts(frozen_vault)}
    assert layouts[("entries", "payload")] == 2
    assert layouts[("clients", "payload")] == 1  # untouched records stay as they were until written
    session = _open(frozen_vault)
    try:
        assert session.check().ok
    finally:
        session.close()


def test_an_old_record_swapped_into_another_place_is_detected(frozen_vault: Path) -> None:
    connection = sqlite3.connect(frozen_vault)
    try:
        (project_blob,) = connection.execute("SELECT payload FROM projects").fetchone()
        assert project_blob[0] == 1
        connection.execute("UPDATE entries SET payload = ?", (project_blob,))
        connection.commit()
    finally:
        connection.close()
    session = _open(frozen_vault)
    try:
        report = session.check()
        assert not report.ok
        assert any("entries c1/e1" in problem for problem in report.problems)
    finally:
        session.close()
