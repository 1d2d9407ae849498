"""AES-256-GCM with a strict, versioned layout and associated data that pins each ciphertext to its place.

Layout of every stored ciphertext (all integers big-endian)::

    0      1            5                 17
    | 0x01 | key version | nonce (12 bytes) | ciphertext ‖ GCM tag (16 bytes) |

The associated data is the layout header plus the record's vault, table, row, field and key version. A ciphertext
copied to another row, field, table or vault, truncated, or edited in any byte fails authentication.
"""

from __future__ import annotations

import os
import struct
from typing import NamedTuple

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from clientjournal.errors import IntegrityError

LAYOUT_VERSION = 1
_HEADER = struct.Struct(">BI")
NONCE_SIZE = 12
TAG_SIZE = 16
KEY_SIZE = 32
OVERHEAD = _HEADER.size + NONCE_SIZE + TAG_SIZE
_AAD_PREFIX = b"clientjournal/aead/v1\x00"


class RecordRef(NamedTuple):
    """Where a ciphertext lives. Used as associated data, so it must be stable for the record's lifetime.

    A NamedTuple rather than a frozen dataclass: one is built per record read, and this is cheaper.
    """

    vault_id: str
    table: str
    row: str
    field: str

    def describe(self) -> str:
        return f"{self.table} {self.row} ({self.field})"

    def associated_data(self, header: bytes) -> bytes:
        text = "\x00".join((self.vault_id, self.table, self.row, self.field))
        return b"".join((_AAD_PREFIX, header, b"\x00", text.encode("utf-8")))


class RecordCipher:
    """Encrypts and decrypts records under one key; holds the AESGCM object so it is built once per key."""

    __slots__ = ("_aead", "_header", "key_version")

    def __init__(self, key: bytes, key_version: int = 1) -> None:
        if len(key) != KEY_SIZE:
            raise ValueError("AES-256-GCM needs a 32-byte key")
        self._aead = AESGCM(key)
        self.key_version = key_version
        self._header = _HEADER.pack(LAYOUT_VERSION, key_version)

    def encrypt(self, plaintext: bytes, ref: RecordRef) -> bytes:
        nonce = os.urandom(NONCE_SIZE)
        return b"".join(
            (self._header, nonce, self._aead.encrypt(nonce, plaintext, ref.associated_data(self._header)))
        )

    def decrypt(self, blob: bytes, ref: RecordRef) -> bytes:
        header = blob[: _HEADER.size]
        if header != self._header or len(blob) < OVERHEAD:
            self._explain_bad_layout(blob, ref)
        try:
            return self._aead.decrypt(
                blob[_HEADER.size : _HEADER.size + NONCE_SIZE],
                blob[_HEADER.size + NONCE_SIZE :],
                ref.associated_data(header),
            )
        except InvalidTag:
            raise IntegrityError(
                f"{ref.describe()} failed authentication (tampered or moved)", (ref.describe(),)
            ) from None

    def rows(self, vault_id: str, table: str, row_prefix: str, field: str) -> RowDecryptor:
        """A decryptor for many rows of ``table`` whose ids start with ``row_prefix`` (one client's entries)."""
        return RowDecryptor(self, vault_id, table, row_prefix, field)

    def _explain_bad_layout(self, blob: bytes, ref: RecordRef) -> None:
        if len(blob) < OVERHEAD:
            raise IntegrityError(f"{ref.describe()} is truncated", (ref.describe(),))
        layout, key_version = _HEADER.unpack(blob[: _HEADER.size])
        if layout != LAYOUT_VERSION:
            raise IntegrityError(
                f"{ref.describe()} has an unknown layout version {layout}", (ref.describe(),)
            )
        raise IntegrityError(
            f"{ref.describe()} was written under another key version ({key_version})", (ref.describe(),)
        )


class RowDecryptor:
    """Decrypts rows of one table and field that share a row-id prefix, such as one client's entries.

    Their associated data differ only in the rest of the row id, so the fixed parts are encoded once instead of
    once per row: bulk readers (export, search, the timeline) decrypt up to 100,000 rows in one go. The result is
    exactly :meth:`RecordCipher.decrypt` with :meth:`ref`; any failure is reported through that slower path, so
    the messages are the same.
    """

    __slots__ = ("_aead", "_cipher", "_field", "_head", "_header", "_prefix", "_table", "_tail", "_vault_id")

    def __init__(self, cipher: RecordCipher, vault_id: str, table: str, row_prefix: str, field: str) -> None:
        self._cipher = cipher
        self._aead = cipher._aead
        self._header = cipher._header
        self._vault_id, self._table, self._prefix, self._field = vault_id, table, row_prefix, field
        head = RecordRef(vault_id, table, row_prefix, "").associated_data(cipher._header)
        self._head = head[: len(head) - 1]  # without the separator before the (empty) field
        self._tail = ("\x00" + field).encode("utf-8")

    def ref(self, row_suffix: str) -> RecordRef:
        return RecordRef(self._vault_id, self._table, self._prefix + row_suffix, self._field)

    def decrypt(self, row_suffix: str, blob: bytes) -> bytes:
        if blob[: _HEADER.size] == self._header and len(blob) >= OVERHEAD:
            try:
                return self._aead.decrypt(
                    blob[_HEADER.size : _HEADER.size + NONCE_SIZE],
                    blob[_HEADER.size + NONCE_SIZE :],
                    b"".join((self._head, row_suffix.encode("utf-8"), self._tail)),
                )
            except InvalidTag:
                pass
        return self._cipher.decrypt(blob, self.ref(row_suffix))  # raises, naming the record
