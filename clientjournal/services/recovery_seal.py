"""`check` verifies the recovery key's wrapping of the vault key without needing the recovery key.

Why a sealed digest: ``vault_meta.wrapped_key_recovery`` is AES-GCM under a key derived from the recovery key,
so only the recovery key can authenticate it; a flipped byte there would pass every check and surface only on the
day the recovery key is needed. So the vault also keeps a SHA-256 digest of that wrapped blob (with the vault id)
sealed under the vault key (a ``vault_items`` row, AES-GCM with associated data like every setting). `check`
recomputes the digest and compares: any change of the blob, or of the sealed digest, is an integrity problem.

Backward compatible: a vault created before this has no such row; its first `check` seals the digest of the blob
as it is then (trust on first check, as it cannot be verified without the recovery key), and every later check
compares against it. New vaults seal it at creation, in the same transaction as the wrapped key.
"""

from __future__ import annotations

import hashlib
import hmac
import json

from sqlalchemy import Connection, Engine, insert, select

from clientjournal.crypto.keychain import KeyChain
from clientjournal.errors import IntegrityError
from clientjournal.storage.schema import vault_items, vault_meta

RECOVERY_DIGEST_ITEM = "recovery_key_wrapping"
_PROBLEM = "the recovery key's wrapping of the vault key (vault_meta recovery key) {what}"


def _digest(vault_id: str, wrapped: bytes) -> str:
    return hashlib.sha256(
        b"clientjournal/recovery-wrapping/v1\x00" + vault_id.encode() + b"\x00" + wrapped
    ).hexdigest()


def seal_recovery_digest(connection: Connection, keys: KeyChain, wrapped_recovery: bytes) -> None:
    """Insert the sealed digest of ``wrapped_recovery`` (a vault without one yet)."""
    plaintext = json.dumps({"sha256": _digest(keys.vault_id, wrapped_recovery)}).encode("utf-8")
    blob = keys.vault_items_cipher().encrypt(plaintext, keys.ref("vault_items", RECOVERY_DIGEST_ITEM))
    connection.execute(insert(vault_items).values(name=RECOVERY_DIGEST_ITEM, payload=blob, version=1))


def recovery_wrapping_problems(engine: Engine, keys: KeyChain) -> list[str]:
    """Problems with the recovery key's wrapping, for `check`; seals the digest on an older vault's first check."""
    with engine.begin() as connection:
        wrapped = connection.execute(select(vault_meta.c.wrapped_key_recovery)).scalar()
        if not isinstance(wrapped, bytes):
            return [_PROBLEM.format(what="is missing or not binary")]
        sealed = connection.execute(
            select(vault_items.c.payload).where(vault_items.c.name == RECOVERY_DIGEST_ITEM)
        ).scalar()
        if sealed is None:
            seal_recovery_digest(connection, keys, wrapped)
            return []
    try:
        plaintext = keys.vault_items_cipher().decrypt(sealed, keys.ref("vault_items", RECOVERY_DIGEST_ITEM))
        expected = json.loads(plaintext)["sha256"]
    except (IntegrityError, ValueError, KeyError, TypeError):
        return [_PROBLEM.format(what="cannot be verified: its sealed digest failed authentication")]
    if not isinstance(expected, str) or not hmac.compare_digest(expected, _digest(keys.vault_id, wrapped)):
        return [
            _PROBLEM.format(what="was changed (tampered): the recovery key would no longer unlock the vault")
        ]
    return []
