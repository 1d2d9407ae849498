"""Random keys, key wrapping and the human-readable recovery key."""

from __future__ import annotations

import base64
import os
import re
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from clientjournal.crypto.aead import KEY_SIZE, RecordCipher, RecordRef
from clientjournal.errors import AuthenticationError, IntegrityError


def generate_key() -> bytes:
    return os.urandom(KEY_SIZE)


def wrap_key(wrapping_key: bytes, key: bytes, ref: RecordRef) -> bytes:
    return RecordCipher(wrapping_key).encrypt(key, ref)


def unwrap_key(wrapping_key: bytes, wrapped: bytes, ref: RecordRef) -> bytes:
    """Unwrap, or raise :class:`AuthenticationError`: for wrapped keys a failure means the wrong secret."""
    try:
        key = RecordCipher(wrapping_key).decrypt(wrapped, ref)
    except IntegrityError:
        raise AuthenticationError("wrong passphrase or key") from None
    if len(key) != KEY_SIZE:
        raise IntegrityError(f"{ref.describe()} holds a key of the wrong size", (ref.describe(),))
    return key


def expand_key(secret: bytes, purpose: str, vault_id: str) -> bytes:
    """A 256-bit key for one purpose from a high-entropy secret (recovery or device key)."""
    info = f"clientjournal/{purpose}/v1/{vault_id}".encode()
    return HKDF(algorithm=hashes.SHA256(), length=KEY_SIZE, salt=None, info=info).derive(secret)


_GROUP = 4
_ALLOWED = re.compile(r"[^A-Z2-7]")


@dataclass(frozen=True, slots=True)
class RecoveryKey:
    """256 random bits shown once as base32 in groups of four, e.g. ``ABCD-EFGH-…``.

    Base32 avoids characters that are easy to misread; dashes, spaces and case are ignored when it is typed.
    """

    secret: bytes

    @classmethod
    def generate(cls) -> RecoveryKey:
        return cls(generate_key())

    def display(self) -> str:
        text = base64.b32encode(self.secret).decode("ascii").rstrip("=")
        return "-".join(text[i : i + _GROUP] for i in range(0, len(text), _GROUP))

    @classmethod
    def parse(cls, text: str) -> RecoveryKey:
        cleaned = _ALLOWED.sub("", text.upper().replace("0", "O").replace("1", "I"))
        padded = cleaned + "=" * (-len(cleaned) % 8)
        try:
            secret = base64.b32decode(padded)
        except ValueError:
            raise AuthenticationError("that is not a valid recovery key") from None
        if len(secret) != KEY_SIZE:
            raise AuthenticationError("that is not a valid recovery key (wrong length)")
        return cls(secret)

    @staticmethod
    def looks_like(text: str) -> bool:
        """Whether typed text is probably a recovery key rather than a passphrase (any grouping or case)."""
        return bool(re.fullmatch(r"[A-Za-z2-7]{52}", re.sub(r"[\s-]", "", text)))
