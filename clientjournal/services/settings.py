"""Vault-wide settings kept encrypted inside the vault (not in OS settings, which are plaintext).

Each setting is one JSON document in ``vault_items`` under a name, sealed with a key derived from the vault key.
Used for the coach's snoozes and dismissals, user-defined mood tags and the name drafts are signed with.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import Engine, insert, select, update

from clientjournal.coach import CoachState
from clientjournal.crypto.keychain import KeyChain
from clientjournal.domain import MoodTag, Valence
from clientjournal.errors import IntegrityError, ValidationError
from clientjournal.storage.schema import vault_items

COACH_STATE = "coach_state"
MOOD_TAGS = "mood_tags"
SENDER_NAME = "sender_name"


class VaultSettings:
    def __init__(self, engine: Engine, keys: KeyChain) -> None:
        self.engine = engine
        self.keys = keys

    def read(self, name: str) -> Any:
        with self.engine.connect() as connection:
            blob = connection.execute(
                select(vault_items.c.payload).where(vault_items.c.name == name)
            ).scalar()
        if blob is None:
            return None
        plaintext = self.keys.vault_items_cipher().decrypt(blob, self.keys.ref("vault_items", name))
        try:
            return json.loads(plaintext)
        except ValueError:
            raise IntegrityError(f"setting {name} is not readable", (f"vault_items {name}",)) from None

    def write(self, name: str, value: Any) -> None:
        blob = self.keys.vault_items_cipher().encrypt(
            json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
            self.keys.ref("vault_items", name),
        )
        with self.engine.begin() as connection:
            changed = connection.execute(
                update(vault_items)
                .where(vault_items.c.name == name)
                .values(payload=blob, version=vault_items.c.version + 1)
            ).rowcount
            if not changed:
                connection.execute(insert(vault_items).values(name=name, payload=blob, version=1))

    # ---- the coach's memory ----------------------------------------------------------------------------------------

    def coach_state(self) -> CoachState:
        raw = self.read(COACH_STATE) or {}
        return CoachState(
            snoozed={key: date.fromisoformat(day) for key, day in raw.get("snoozed", {}).items()},
            dismissed=frozenset(raw.get("dismissed", ())),
        )

    def save_coach_state(self, state: CoachState) -> None:
        self.write(
            COACH_STATE,
            {
                "snoozed": {key: day.isoformat() for key, day in sorted(state.snoozed.items())},
                "dismissed": sorted(state.dismissed),
            },
        )

    def snooze(self, action_key: str, until: date) -> CoachState:
        state = self.coach_state().snooze(action_key, until)
        self.save_coach_state(state)
        return state

    def dismiss(self, action_key: str) -> CoachState:
        state = self.coach_state().dismiss(action_key)
        self.save_coach_state(state)
        return state

    def forget_client(self, client_id: str) -> None:
        """Drop a deleted client's snoozes and dismissals (their keys start with the client id)."""
        state = self.coach_state()
        prefix = f"{client_id}|"
        self.save_coach_state(
            CoachState(
                snoozed={k: d for k, d in state.snoozed.items() if not k.startswith(prefix)},
                dismissed=frozenset(k for k in state.dismissed if not k.startswith(prefix)),
            )
        )

    # ---- user-defined mood tags ------------------------------------------------------------------------------------

    def mood_tags(self) -> list[MoodTag]:
        raw = self.read(MOOD_TAGS) or []
        return [
            MoodTag(t["name"], Valence(t["valence"]), t["colour"], int(t.get("intensity", 1))) for t in raw
        ]

    def save_mood_tags(self, tags: list[MoodTag]) -> None:
        names = [tag.name.strip() for tag in tags]
        if any(not name for name in names) or len(set(names)) != len(names):
            raise ValidationError("every mood tag needs a name of its own")
        self.write(
            MOOD_TAGS,
            [
                {"name": t.name.strip(), "valence": t.valence, "colour": t.colour, "intensity": t.intensity}
                for t in tags
            ],
        )

    # ---- the sender of the coach's drafts ----------------------------------------------------------------------

    def sender_name(self) -> str:
        """The name the coach signs drafted messages with ("" until the user gives one in Preferences)."""
        raw = self.read(SENDER_NAME)
        return raw.strip() if isinstance(raw, str) else ""

    def save_sender_name(self, name: str) -> None:
        self.write(SENDER_NAME, " ".join(name.split()))
