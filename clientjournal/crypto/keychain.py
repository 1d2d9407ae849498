"""The unlocked keys of one vault: the vault key and, lazily, each client's data key.

Python cannot reliably wipe memory; locking drops every reference so the keys become garbage, and the UI layer
drops every decrypted view at the same moment.
"""

from __future__ import annotations

from clientjournal.crypto.aead import RecordCipher, RecordRef
from clientjournal.crypto.keys import expand_key, generate_key, unwrap_key, wrap_key
from clientjournal.errors import IntegrityError, VaultLockedError

CLIENT_KEY_VERSION = 1


class KeyChain:
    def __init__(self, vault_id: str, vault_key: bytes) -> None:
        self.vault_id = vault_id
        self._vault_key: bytes | None = vault_key
        self._client_ciphers: dict[str, RecordCipher] = {}
        self._vault_items_cipher: RecordCipher | None = None

    @property
    def vault_key(self) -> bytes:
        if self._vault_key is None:
            raise VaultLockedError("the vault is locked")
        return self._vault_key

    @property
    def is_locked(self) -> bool:
        return self._vault_key is None

    def lock(self) -> None:
        self._vault_key = None
        self._client_ciphers.clear()
        self._vault_items_cipher = None

    def ref(self, table: str, row: str, field: str = "payload") -> RecordRef:
        return RecordRef(self.vault_id, table, row, field)

    def client_key_ref(self, client_id: str, key_version: int) -> RecordRef:
        return self.ref("clients", client_id, f"data_key/v{key_version}")

    def new_client_key(self, client_id: str) -> tuple[bytes, RecordCipher]:
        """A fresh data key for a new client: (wrapped key to store, cipher to use)."""
        key = generate_key()
        wrapped = wrap_key(self.vault_key, key, self.client_key_ref(client_id, CLIENT_KEY_VERSION))
        cipher = RecordCipher(key, CLIENT_KEY_VERSION)
        self._client_ciphers[client_id] = cipher
        return wrapped, cipher

    def client_cipher(self, client_id: str, wrapped_key: bytes, key_version: int) -> RecordCipher:
        cipher = self._client_ciphers.get(client_id)
        if cipher is None or cipher.key_version != key_version:
            ref = self.client_key_ref(client_id, key_version)
            try:
                key = unwrap_key(self.vault_key, wrapped_key, ref)
            except Exception as exc:  # an unwrap failure under a correct vault key is tampering
                raise IntegrityError(
                    f"the data key of client {client_id} failed authentication", (ref.describe(),)
                ) from exc
            cipher = RecordCipher(key, key_version)
            self._client_ciphers[client_id] = cipher
        return cipher

    def forget_client(self, client_id: str) -> None:
        self._client_ciphers.pop(client_id, None)

    def vault_items_cipher(self) -> RecordCipher:
        if self._vault_items_cipher is None:
            self._vault_items_cipher = RecordCipher(expand_key(self.vault_key, "vault-items", self.vault_id))
        return self._vault_items_cipher
