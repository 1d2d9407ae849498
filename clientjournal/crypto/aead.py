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
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class RecordRef:
    """Where a ciphertext lives. Used as associated data, so it must be stable for the record's lifetime."""

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

    __slots__ = ("_aead", "key_version")

    def __init__(self, key: bytes, key_version: int = 1) -> None:
        if len(key) != KEY_SIZE:
            raise ValueError("AES-256-GCM needs a 32-byte key")
        self._aead = AESGCM(key)
        self.key_version = key_version

    def encrypt(self, plaintext: bytes, ref: RecordRef) -> bytes:
        header = _HEADER.pack(LAYOUT_VERSION, self.key_version)
        nonce = os.urandom(NONCE_SIZE)
        return header + nonce + self._aead.encrypt(nonce, plaintext, ref.associated_data(header))

    def decrypt(self, blob: bytes, ref: RecordRef) -> bytes:
        if len(blob) < OVERHEAD:
            raise IntegrityError(f"{ref.describe()} is truncated", (ref.describe(),))
        header = bytes(blob[: _HEADER.size])
        layout, key_version = _HEADER.unpack(header)
        if layout != LAYOUT_VERSION:
            raise IntegrityError(
                f"{ref.describe()} has an unknown layout version {layout}", (ref.describe(),)
            )
        if key_version != self.key_version:
            raise IntegrityError(f"{ref.describe()} was written under another key version", (ref.describe(),))
        nonce = blob[_HEADER.size : _HEADER.size + NONCE_SIZE]
        try:
            return self._aead.decrypt(
                nonce, bytes(blob[_HEADER.size + NONCE_SIZE :]), ref.associated_data(header)
            )
        except InvalidTag:
            raise IntegrityError(
                f"{ref.describe()} failed authentication (tampered or moved)", (ref.describe(),)
            ) from None
