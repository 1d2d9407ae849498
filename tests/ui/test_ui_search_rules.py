"""One set of search rules: the CLI's ``search`` and the window's timeline search find the same entries."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

_CLI_TESTS = str(Path(__file__).resolve().parents[1] / "cli")
if _CLI_TESTS not in sys.path:
    sys.path.insert(0, _CLI_TESTS)

from cliutil import NOW, PASSPHRASE, new_vault, write_json  # noqa: E402

from clientjournal.domain.moods import DEFAULT_MOODS_BY_NAME  # noqa: E402
from clientjournal.services.journal import JournalService  # noqa: E402
from clientjournal.services.search import ENGLISH_LABELS  # noqa: E402
from clientjournal.services.timeline.index import (  # noqa: E402
    TimelineFilter,
    TimelineIndex,
    build_chunk,
    sort_newest_first,
)
from clientjournal.services.timeline.pages import client_index  # noqa: E402
from clientjournal.services.vault import Vault  # noqa: E402
from clientjournal.storage.database import sqlite_url  # noqa: E402
from clientjournal.ui.timeline.loader import search_labels  # noqa: E402

QUERIES = (
    "logo",
    "LOGO kari",
    "change request",
    "request",
    "Contract Signed",
    "problem_solved",
    "solved",
    "ANXIOUS",
    "strasse",  # casefolded ß
    "blå",
    "call",
    "e",
    "nothing-matches-this",
)


def _entry(entry_id: str, at: str, kind: str, text: str, moods: list[str]) -> dict[str, Any]:
    return {"id": entry_id, "occurred_at": at, "kind": kind, "channel": None, "moods": moods, "text": text}


def _document() -> dict[str, Any]:
    return {
        "format": "clientjournal",
        "version": 1,
        "exported_at": NOW,
        "clients": [
            {
                "id": "c1",
                "name": "Kari",
                "entries": [
                    _entry(
                        "e1",
                        "2026-11-02T14:00:00+01:00",
                        "contract_signed",
                        "Kari wants a new LOGO",
                        ["calm"],
                    ),
                    _entry(
                        "e2", "2026-11-03T09:00:00+01:00", "change_request", "Make the logo blå", ["anxious"]
                    ),
                    _entry("e3", "2026-11-04T10:00:00+01:00", "call", "Talked about the Straße sign", []),
                    _entry(
                        "e4", "2026-11-05T10:00:00+01:00", "problem_solved", "Fixed the server", ["satisfied"]
                    ),
                ],
            },
            {
                "id": "c2",
                "name": "Ola",
                "entries": [
                    _entry(
                        "e1", "2026-11-02T14:00:00+01:00", "note", "kari called about a logo", ["my-own-tag"]
                    ),
                    _entry(
                        "e5", "2026-11-06T11:00:00+01:00", "meeting", "Request for a REQUEST form", ["angry"]
                    ),
                ],
            },
        ],
    }


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("search")
    vault = new_vault(folder)
    vault.ok("import", write_json(folder / "in.json", _document()))
    return vault


def _cli_found(vault: Any, query: str, *client: str) -> set[tuple[str, str]]:
    rows = vault.ok("search", query, "--json", "--limit", "1000", *client).json()
    return {(row["client"], row["entry"]) for row in rows}


def _gui_found(index: TimelineIndex, query: str) -> set[tuple[str, str]]:
    return {
        (e.client_id, e.id) for e in (index.entry(r) for r in index.matching(TimelineFilter(query=query)))
    }


def test_the_shown_english_names_are_the_cores(qapp: object) -> None:
    assert search_labels() == ENGLISH_LABELS


def test_cli_and_timeline_search_find_the_same_entries(qapp: object, vault: Any) -> None:
    opened = Vault.open(sqlite_url(vault.file), clock=lambda: datetime.fromisoformat(NOW))
    try:
        journal = JournalService(opened.engine, opened.unlock(PASSPHRASE))
        labels = search_labels()  # what the window searches with
        everything = TimelineIndex(
            build_chunk(sort_newest_first(journal.iter_entries()), DEFAULT_MOODS_BY_NAME, labels)
        )
        kari = client_index(journal, "c1", DEFAULT_MOODS_BY_NAME, labels)
    finally:
        opened.close()
    assert len(everything) == 6
    for query in QUERIES:
        assert _cli_found(vault, query) == _gui_found(everything, query), query
    for query in QUERIES[:4]:
        assert _cli_found(vault, query, "--client", "Kari") == _gui_found(kari, query), query
    # The rules really discriminate (so equal results mean something).
    assert _gui_found(everything, "logo") == {("c1", "e1"), ("c1", "e2"), ("c2", "e1")}
    assert _gui_found(everything, "LOGO kari") == {("c1", "e1"), ("c2", "e1")}
    assert _gui_found(everything, "change request") == {("c1", "e2")}
    assert _gui_found(everything, "strasse") == {("c1", "e3")}
    assert _gui_found(everything, "nothing-matches-this") == set()
