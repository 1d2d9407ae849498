"""Key hierarchy and authenticated encryption.

passphrase ─Argon2id─▶ key-encryption key ─wraps─▶ vault key ─wraps─▶ one data key per client
recovery key ─HKDF──▶ recovery wrapping key ─wraps─▶ vault key
device key (OS secret store) ─HKDF─▶ device wrapping key ─wraps─▶ vault key
"""

from clientjournal.crypto.aead import RecordCipher, RecordRef
from clientjournal.crypto.kdf import KdfParams, derive_key, tune_kdf
from clientjournal.crypto.keys import (
    RecoveryKey,
    generate_key,
    unwrap_key,
    wrap_key,
)

__all__ = [
    "KdfParams",
    "RecordCipher",
    "RecordRef",
    "RecoveryKey",
    "derive_key",
    "generate_key",
    "tune_kdf",
    "unwrap_key",
    "wrap_key",
]
