"""Autosaved entries: what the entry editor holds before it is saved.

An autosave belongs to one client (a new entry of it, or the edit of one of its entries), so it is sealed with that
client's data key: deleting the client (which destroys the key) shreds its autosaves even in old copies of the file,
and :meth:`VaultSession.delete_client` drops them first anyway.

All autosaves live in one vault setting, ``draft``: ``{"version": 2, "items": {key: sealed autosave}}``, where
``key`` is :func:`autosave_key` (``"<client id>|<entry id or empty>"``, then ``|told:<ids>`` for a "Log it") and
a sealed autosave is the base64 text of the autosave's JSON encrypted under the client's key, bound to the key by
its associated data. An autosave is any JSON object (the GUI stores the entry dialog's fields plus ``saved_at``).
The setting's name ``draft`` and the table name ``drafts`` in the associated data are older than the word
"autosave" and stay: they are stored data.

Version 1 held the autosaves themselves under the vault-wide key; such autosaves are read, and sealed per client the
next time the setting is written. An autosave that cannot be read (its client is gone, or it was tampered with) is
skipped, never an error: autosaves are transient.
"""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from clientjournal.errors import IntegrityError, NotFoundError

if TYPE_CHECKING:
    from clientjournal.crypto.aead import RecordRef
    from clientjournal.services.journal import JournalService
    from clientjournal.services.settings import VaultSettings

log = logging.getLogger(__name__)

# Stored names: existing vaults hold their autosaves under these, so they keep the old word "draft".
AUTOSAVE_SETTING = "draft"
AUTOSAVE_FORMAT = 2
AUTOSAVE_TABLE = "drafts"
"""The table name in a sealed autosave's associated data (it lives inside the ``draft`` setting, not a table)."""

Autosaves = dict[str, dict[str, Any]]


def autosave_key(client_id: object, entry_id: str | None, *, marks_told: Sequence[str] = ()) -> str:
    """Which autosave: the client's new entry (no ``entry_id``), or the edit of that entry. A new entry whose save
    marks other entries told (the coach's "Log it") has its own (``marks_told``: their ids), so the client's plain
    new entry is never offered it: saved from there, the conversation would leave the setback untold."""
    key = f"{client_id}|{entry_id or ''}"
    return f"{key}|told:{','.join(sorted(marks_told))}" if marks_told else key


def client_of_key(key: str) -> str:
    return key.split("|", 1)[0]


class AutosaveStore:
    """The autosaves of one unlocked vault, each sealed with its client's data key."""

    def __init__(self, settings: VaultSettings, journal: JournalService) -> None:
        self.settings = settings
        self.journal = journal

    def ref(self, key: str) -> RecordRef:
        return self.settings.keys.ref(AUTOSAVE_TABLE, key)

    # ---- reading -------------------------------------------------------------------------------------------------

    def all(self) -> Autosaves:
        """Every readable autosave by key."""
        autosaves: Autosaves = {}
        for key, stored in self._stored().items():
            data = self._open(key, stored)
            if data is not None:
                autosaves[key] = data
        return autosaves

    def get(self, key: str) -> dict[str, Any] | None:
        stored = self._stored().get(key)
        return None if stored is None else self._open(key, stored)

    def latest(self) -> tuple[str, dict[str, Any]] | None:
        """The most recently saved autosave, by its ``saved_at``."""
        return latest_autosave(self.all())

    # ---- writing -------------------------------------------------------------------------------------------------

    def store(self, key: str, data: dict[str, Any]) -> None:
        """Keep ``data`` as the autosave ``key`` (replacing any), sealed with the key's client's data key."""
        items = self._stored()
        items[key] = self._seal(key, data)
        self._write(items)

    def drop(self, key: str) -> None:
        items = self._stored()
        if items.pop(key, None) is not None:
            self._write(items)

    def drop_client(self, client_id: str) -> None:
        """Forget every autosave of ``client_id`` (the client is being deleted)."""
        raw = self.settings.read(AUTOSAVE_SETTING)
        items = self._stored(raw)
        kept = {k: v for k, v in items.items() if client_of_key(k) != client_id}
        if kept != items or self._legacy(raw):
            self._write(kept)

    # ---- the stored form -----------------------------------------------------------------------------------------

    @staticmethod
    def _legacy(raw: Any) -> bool:
        return isinstance(raw, dict) and raw.get("version") != AUTOSAVE_FORMAT

    def _stored(self, raw: Any = ...) -> dict[str, str]:
        """The stored autosaves by key: sealed text; autosaves of the old format are sealed now (in memory)."""
        if raw is ...:
            try:
                raw = self.settings.read(AUTOSAVE_SETTING)
            except IntegrityError as exc:  # unreadable setting: there are no autosaves
                log.warning("autosaves not readable: %s", type(exc).__name__)
                return {}
        if not isinstance(raw, dict) or not isinstance(raw.get("items"), dict):
            return {}
        items: dict[str, str] = {}
        for name, value in raw["items"].items():
            key = str(name)
            if raw.get("version") == AUTOSAVE_FORMAT:
                if isinstance(value, str):
                    items[key] = value
            elif raw.get("version") == 1 and isinstance(value, dict):
                try:
                    items[key] = self._seal(key, value)
                except (NotFoundError, IntegrityError):  # its client is gone: so is the autosave
                    continue
        return items

    def _write(self, items: dict[str, str]) -> None:
        self.settings.write(AUTOSAVE_SETTING, {"version": AUTOSAVE_FORMAT, "items": items} if items else None)

    def _seal(self, key: str, data: dict[str, Any]) -> str:
        cipher = self.journal.client_cipher(client_of_key(key))
        plaintext = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return base64.b64encode(cipher.encrypt(plaintext, self.ref(key))).decode("ascii")

    def _open(self, key: str, stored: str) -> dict[str, Any] | None:
        try:
            cipher = self.journal.client_cipher(client_of_key(key))
            data = json.loads(cipher.decrypt(base64.b64decode(stored, validate=True), self.ref(key)))
        except (NotFoundError, IntegrityError, ValueError) as exc:
            log.warning("an autosave is not readable: %s", type(exc).__name__)
            return None
        return data if isinstance(data, dict) else None


def latest_autosave(autosaves: Autosaves) -> tuple[str, dict[str, Any]] | None:
    if not autosaves:
        return None
    key = max(autosaves, key=lambda k: str(autosaves[k].get("saved_at", "")))
    return key, autosaves[key]
