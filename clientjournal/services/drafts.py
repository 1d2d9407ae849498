"""Autosaved drafts of journal entries: what the entry editor holds before it is saved.

A draft belongs to one client (a new entry of it, or the edit of one of its entries), so it is sealed with that
client's data key: deleting the client (which destroys the key) shreds its drafts even in old copies of the file,
and :meth:`VaultSession.delete_client` drops them first anyway.

All drafts live in one vault setting, ``draft``: ``{"version": 2, "items": {key: sealed draft}}``, where ``key``
is :func:`draft_key` (``"<client id>|<entry id or empty>"``) and a sealed draft is the base64 text of the draft's
JSON encrypted under the client's key, bound to the key by its associated data. A draft is any JSON object (the
GUI stores the entry dialog's fields plus ``saved_at``).

Version 1 held the drafts themselves under the vault-wide key; such drafts are read, and sealed per client the
next time the setting is written. A draft that cannot be read (its client is gone, or it was tampered with) is
skipped, never an error: drafts are transient.
"""

from __future__ import annotations

import base64
import json
import logging
from typing import TYPE_CHECKING, Any

from clientjournal.errors import IntegrityError, NotFoundError

if TYPE_CHECKING:
    from clientjournal.crypto.aead import RecordRef
    from clientjournal.services.journal import JournalService
    from clientjournal.services.settings import VaultSettings

log = logging.getLogger(__name__)

DRAFT_SETTING = "draft"
DRAFT_FORMAT = 2
DRAFT_TABLE = "drafts"
"""The table name in a sealed draft's associated data (it lives inside the ``draft`` setting, not a table)."""

Drafts = dict[str, dict[str, Any]]


def draft_key(client_id: object, entry_id: str | None) -> str:
    """Which draft: the client's new entry (no ``entry_id``), or the edit of that entry."""
    return f"{client_id}|{entry_id or ''}"


def client_of_key(key: str) -> str:
    return key.split("|", 1)[0]


class DraftStore:
    """The drafts of one unlocked vault, each sealed with its client's data key."""

    def __init__(self, settings: VaultSettings, journal: JournalService) -> None:
        self.settings = settings
        self.journal = journal

    def ref(self, key: str) -> RecordRef:
        return self.settings.keys.ref(DRAFT_TABLE, key)

    # ---- reading -------------------------------------------------------------------------------------------------

    def all(self) -> Drafts:
        """Every readable draft by key."""
        drafts: Drafts = {}
        for key, stored in self._stored().items():
            data = self._open(key, stored)
            if data is not None:
                drafts[key] = data
        return drafts

    def get(self, key: str) -> dict[str, Any] | None:
        stored = self._stored().get(key)
        return None if stored is None else self._open(key, stored)

    def latest(self) -> tuple[str, dict[str, Any]] | None:
        """The most recently saved draft, by its ``saved_at``."""
        return latest_draft(self.all())

    # ---- writing -------------------------------------------------------------------------------------------------

    def store(self, key: str, data: dict[str, Any]) -> None:
        """Keep ``data`` as the draft ``key`` (replacing any), sealed with the key's client's data key."""
        items = self._stored()
        items[key] = self._seal(key, data)
        self._write(items)

    def drop(self, key: str) -> None:
        items = self._stored()
        if items.pop(key, None) is not None:
            self._write(items)

    def drop_client(self, client_id: str) -> None:
        """Forget every draft of ``client_id`` (the client is being deleted)."""
        raw = self.settings.read(DRAFT_SETTING)
        items = self._stored(raw)
        kept = {k: v for k, v in items.items() if client_of_key(k) != client_id}
        if kept != items or self._legacy(raw):
            self._write(kept)

    # ---- the stored form -----------------------------------------------------------------------------------------

    @staticmethod
    def _legacy(raw: Any) -> bool:
        return isinstance(raw, dict) and raw.get("version") != DRAFT_FORMAT

    def _stored(self, raw: Any = ...) -> dict[str, str]:
        """The stored drafts by key: sealed text; drafts of the old format are sealed now (in memory)."""
        if raw is ...:
            try:
                raw = self.settings.read(DRAFT_SETTING)
            except IntegrityError as exc:  # unreadable setting: there are no drafts
                log.warning("drafts not readable: %s", type(exc).__name__)
                return {}
        if not isinstance(raw, dict) or not isinstance(raw.get("items"), dict):
            return {}
        items: dict[str, str] = {}
        for name, value in raw["items"].items():
            key = str(name)
            if raw.get("version") == DRAFT_FORMAT:
                if isinstance(value, str):
                    items[key] = value
            elif raw.get("version") == 1 and isinstance(value, dict):
                try:
                    items[key] = self._seal(key, value)
                except (NotFoundError, IntegrityError):  # its client is gone: so is the draft
                    continue
        return items

    def _write(self, items: dict[str, str]) -> None:
        self.settings.write(DRAFT_SETTING, {"version": DRAFT_FORMAT, "items": items} if items else None)

    def _seal(self, key: str, data: dict[str, Any]) -> str:
        cipher = self.journal.client_cipher(client_of_key(key))
        plaintext = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return base64.b64encode(cipher.encrypt(plaintext, self.ref(key))).decode("ascii")

    def _open(self, key: str, stored: str) -> dict[str, Any] | None:
        try:
            cipher = self.journal.client_cipher(client_of_key(key))
            data = json.loads(cipher.decrypt(base64.b64decode(stored, validate=True), self.ref(key)))
        except (NotFoundError, IntegrityError, ValueError) as exc:
            log.warning("a draft is not readable: %s", type(exc).__name__)
            return None
        return data if isinstance(data, dict) else None


def latest_draft(drafts: Drafts) -> tuple[str, dict[str, Any]] | None:
    if not drafts:
        return None
    key = max(drafts, key=lambda k: str(drafts[k].get("saved_at", "")))
    return key, drafts[key]
