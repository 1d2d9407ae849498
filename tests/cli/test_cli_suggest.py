"""End-to-end: ``suggest`` gives what the desktop app's coach gives for the same vault and moment."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from cliutil import NOW, PASSPHRASE, new_vault

from clientjournal.domain import Entry, EntryKind, MoodTag, Valence
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault
from clientjournal.storage.database import sqlite_url


def _open(file: Path) -> VaultSession:
    now = datetime.fromisoformat(NOW)
    vault = Vault.open(sqlite_url(file), clock=lambda: now)
    return VaultSession(vault, vault.unlock_with_secret(PASSPHRASE))


def _core_today(file: Path, language: str) -> list[dict[str, object]]:
    """What the app's "Today" list shows, computed in this process by the core."""
    session = _open(file)
    try:
        today = session.coaching.today(datetime.fromisoformat(NOW), language)
        return [{**a.to_json(), "client_language": today.languages[a.client]} for a in today.actions]
    finally:
        session.close()


def test_suggest_over_the_vault_and_for_one_client_matches_the_core(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    vault.ok("demo", "--clients", "12", "--entries-per-client", "30", "--now", NOW)
    every = vault.ok("--json", "--now", NOW, "suggest", "--lang", "nb").json()
    assert every, "the demo vault should need some attention"
    assert every == _core_today(vault.file, "nb")
    assert {row["client_language"] for row in every} <= {"en", "nb"}

    client = every[0]["client"]
    one = vault.ok("--json", "--now", NOW, "suggest", "--client", client, "--lang", "nb").json()
    assert one == [row for row in every if row["client"] == client]

    text = vault.ok("--now", NOW, "suggest").stdout
    assert "step" in text and len(text.splitlines()) == 2 * len(every)


def test_suggest_honours_the_vaults_own_mood_tags(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    vault.ok("demo", "--clients", "6", "--entries-per-client", "20", "--now", NOW)
    session = _open(vault.file)
    try:
        client = next(c for c in session.journal.list_clients() if not c.archived)
        noted = Entry(
            "furious-note",
            client.id,
            datetime.fromisoformat(NOW) - timedelta(minutes=1),
            EntryKind.NOTE,
            text="Shouted at me",
            moods=("furious",),
        )
        session.journal.save_entry(noted)
    finally:
        session.close()

    def mirrored() -> list[dict[str, object]]:
        rows = vault.ok("--json", "--now", NOW, "suggest").json()
        assert rows == _core_today(vault.file, "en")
        return [r for r in rows if r["action"] == "mirror_feelings" and "furious-note" in r["evidence"]]

    assert mirrored() == []  # "furious" is no mood tag the vault knows yet
    session = _open(vault.file)
    try:
        session.settings.save_mood_tags([MoodTag("furious", Valence.NEGATIVE, "#990000", 2)])
    finally:
        session.close()
    assert [r["client"] for r in mirrored()] == [client.id]
