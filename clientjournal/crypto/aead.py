"""AES-256-GCM with a strict, versioned layout and associated data that pins each ciphertext to its place.

Layout of every stored ciphertext (all integers big-endian)::

    0        1            5                 17
    | layout | key version | nonce (12 bytes) | ciphertext ‖ GCM tag (16 bytes) |

The associated data is the layout header plus the record's place: vault, table, row and field. A ciphertext
copied to another row, field, table or vault, truncated, or edited in any byte fails authentication.

Two layouts, told apart by the first byte (it is part of the associated data, so it cannot be changed either):

- **2**, written by every write: the vault id, table and field, each length-prefixed (4 bytes, then its UTF-8),
  then the row id's UTF-8, which runs to the end (the associated data's length is authenticated too). No two
  places share associated data whatever characters they hold, and a bulk reader adds only the row id per row.
- **1**, read only, so vaults written before keep opening: the parts joined with NUL. That encoding is
  unambiguous only while the vault id, table and field hold no NUL (the first NUL then ends the vault id, the
  second the table, the last begins the field, and the row is what remains), so a layout-1 ciphertext is refused
  for a place that breaks this. Vault ids are UUIDs and tables and fields are names from the code, so no stored
  record is affected. A record moves to layout 2 the next time it is written.
"""

from __future__ import annotations

import os
import struct
from typing import NamedTuple

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from clientjournal.errors import IntegrityError

LAYOUT_VERSION = 2
"""The layout every write uses."""
LEGACY_LAYOUT_VERSION = 1
"""The layout of vaults written before the associated data was length-prefixed; read, never written."""
_HEADER = struct.Struct(">BI")
_LENGTH = struct.Struct(">I")
NONCE_SIZE = 12
TAG_SIZE = 16
KEY_SIZE = 32
OVERHEAD = _HEADER.size + NONCE_SIZE + TAG_SIZE
_LEGACY_PREFIX = b"clientjournal/aead/v1\x00"
_PREFIX = b"clientjournal/aead/v2\x00"
_LEGACY_FIRST_BYTE = bytes([LEGACY_LAYOUT_VERSION])


def _part(text: str) -> bytes:
    data = text.encode("utf-8")
    return _LENGTH.pack(len(data)) + data


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
        """The associated data of a ciphertext with ``header`` (its first five bytes) at this place."""
        if header[:1] == _LEGACY_FIRST_BYTE:
            return self._legacy_associated_data(header)
        return b"".join(
            (
                _PREFIX,
                header,
                _part(self.vault_id),
                _part(self.table),
                _part(self.field),
                self.row.encode("utf-8"),
            )
        )

    def _legacy_associated_data(self, header: bytes) -> bytes:
        if "\x00" in self.vault_id or "\x00" in self.table or "\x00" in self.field:
            raise IntegrityError(
                f"{self.describe()} is in the old layout at a place that layout cannot tell apart",
                (self.describe(),),
            )
        text = "\x00".join(self)
        return b"".join((_LEGACY_PREFIX, header, b"\x00", text.encode("utf-8")))


class RecordCipher:
    """Encrypts and decrypts records under one key; holds the AESGCM object so it is built once per key."""

    __slots__ = ("_aead", "_header", "_legacy_header", "key_version")

    def __init__(self, key: bytes, key_version: int = 1) -> None:
        if len(key) != KEY_SIZE:
            raise ValueError("AES-256-GCM needs a 32-byte key")
        self._aead = AESGCM(key)
        self.key_version = key_version
        self._header = _HEADER.pack(LAYOUT_VERSION, key_version)
        self._legacy_header = _HEADER.pack(LEGACY_LAYOUT_VERSION, key_version)

    def encrypt(self, plaintext: bytes, ref: RecordRef) -> bytes:
        nonce = os.urandom(NONCE_SIZE)
        return b"".join(
            (self._header, nonce, self._aead.encrypt(nonce, plaintext, ref.associated_data(self._header)))
        )

    def decrypt(self, blob: bytes, ref: RecordRef) -> bytes:
        if not isinstance(blob, bytes):  # a damaged row: text or a number where the ciphertext belongs
            raise IntegrityError(f"{ref.describe()} holds no ciphertext (wrong type)", (ref.describe(),))
        header = blob[: _HEADER.size]
        if header not in (self._header, self._legacy_header) or len(blob) < OVERHEAD:
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
        if layout not in (LAYOUT_VERSION, LEGACY_LAYOUT_VERSION):
            raise IntegrityError(
                f"{ref.describe()} has an unknown layout version {layout}", (ref.describe(),)
            )
        raise IntegrityError(
            f"{ref.describe()} was written under another key version ({key_version})", (ref.describe(),)
        )


class RowDecryptor:
    """Decrypts rows of one table and field that share a row-id prefix, such as one client's entries.

    Their associated data differ only in the rest of the row id, so the fixed parts are encoded once instead of
    once per row: bulk readers (export, search, the timeline) decrypt up to 100,000 rows in one go, in either
    layout (a vault written before layout 2 holds mostly layout-1 rows). The result is exactly
    :meth:`RecordCipher.decrypt` with :meth:`ref`; any failure is reported through that slower path, so the
    messages are the same.
    """

    __slots__ = (
        "_aead",
        "_cipher",
        "_field",
        "_head",
        "_header",
        "_legacy_head",
        "_legacy_header",
        "_legacy_tail",
        "_prefix",
        "_table",
        "_vault_id",
    )

    def __init__(self, cipher: RecordCipher, vault_id: str, table: str, row_prefix: str, field: str) -> None:
        self._cipher = cipher
        self._aead = cipher._aead
        self._header = cipher._header
        self._vault_id, self._table, self._prefix, self._field = vault_id, table, row_prefix, field
        self._head = RecordRef(vault_id, table, row_prefix, field).associated_data(cipher._header)
        self._legacy_header = cipher._legacy_header
        if "\x00" in vault_id or "\x00" in table or "\x00" in field:
            self._legacy_header = b""  # no fast path: RecordCipher.decrypt refuses such a place
        legacy_place = "\x00".join((vault_id, table, row_prefix))
        self._legacy_head = b"".join(
            (_LEGACY_PREFIX, cipher._legacy_header, b"\x00", legacy_place.encode("utf-8"))
        )
        self._legacy_tail = ("\x00" + field).encode("utf-8")

    def ref(self, row_suffix: str) -> RecordRef:
        return RecordRef(self._vault_id, self._table, self._prefix + row_suffix, self._field)

    def decrypt(self, row_suffix: str, blob: bytes) -> bytes:
        if len(blob) >= OVERHEAD:
            header = blob[: _HEADER.size]
            if header == self._header:
                associated_data = self._head + row_suffix.encode("utf-8")
            elif header == self._legacy_header:
                associated_data = b"".join((self._legacy_head, row_suffix.encode("utf-8"), self._legacy_tail))
            else:
                associated_data = b""
            if associated_data:
                try:
                    return self._aead.decrypt(
                        blob[_HEADER.size : _HEADER.size + NONCE_SIZE],
                        blob[_HEADER.size + NONCE_SIZE :],
                        associated_data,
                    )
                except InvalidTag:
                    pass
        return self._cipher.decrypt(blob, self.ref(row_suffix))  # raises, naming the record
