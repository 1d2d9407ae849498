"""Ids longer than the clear id columns are refused at validation, not by the database."""

from __future__ import annotations

import json

import pytest

from clientjournal.errors import ImportValidationError
from clientjournal.exchange import parse_document


def _document(client_id: str, entry_id: str) -> str:
    return json.dumps(
        {
            "format": "clientjournal",
            "version": 1,
            "clients": [
                {
                    "id": client_id,
                    "name": "Kari",
                    "entries": [{"id": entry_id, "occurred_at": "2026-11-02T14:00:00+01:00", "kind": "note"}],
                }
            ],
        }
    )


def test_ids_up_to_64_characters_are_accepted() -> None:
    document = parse_document(_document("c" * 64, "e" * 64))
    assert document.journals[0].entries[0].id == "e" * 64


def test_longer_ids_are_reported_with_their_paths() -> None:
    with pytest.raises(ImportValidationError) as caught:
        parse_document(_document("c" * 65, "e" * 65))
    paths = {problem.path for problem in caught.value.problems}
    assert paths == {"$.clients[0].id", "$.clients[0].entries[0].id"}
