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
