"""A fuzz test over import (issue #14): mutations of a valid document never break the vault.

Each example mutates the spec example (wrong types, huge numbers, NaN and Infinity, deep nesting, duplicate ids,
bad dates, control characters, binary garbage) and imports it through the core, as the CLI does. It must either
be refused with :class:`ImportValidationError` with nothing written, or be imported, after which the vault passes
`check` and every record reads back (export). A few documents, and one 20 MB file, go through the real CLI.
Bounded: about 150 examples, no deadline per example.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from secutil import new_vault, spec_document, write_json
from sqlalchemy import func, select

from clientjournal.crypto.kdf import KdfParams
from clientjournal.errors import ImportValidationError
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault
from clientjournal.storage.database import sqlite_url
from clientjournal.storage.schema import clients, entries, projects, vault_items

BASE = spec_document()


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VaultSession]:
    folder = tmp_path_factory.mktemp("fuzz")
    vault, keys, _ = Vault.create(
        sqlite_url(folder / "vault.sqlite3"),
        "correct horse battery staple",
        clock=lambda: datetime.now(UTC),
        kdf=KdfParams.minimum(),
    )
    opened = VaultSession(vault, keys)
    yield opened
    opened.close()


def _counts(session: VaultSession) -> tuple[int, ...]:
    with session.vault.engine.connect() as connection:
        return tuple(
            connection.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (clients, projects, entries, vault_items)
        )


def _deep(depth: int) -> object:
    value: object = 1
    for _ in range(depth):
        value = [value]
    return value


VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**300, max_value=10**4000),
    st.integers(min_value=2**63, max_value=2**70).map(lambda n: -n),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([math.nan, math.inf, -math.inf, 1e308, -0.0]),
    st.text(max_size=20),
    st.sampled_from(
        [
            "",
            " ",
            "e\x001",
            "2026-02-30",
            "2026-13-01T00:00:00",
            "9999-12-31T23:59:59+00:00",
            "0001-01-01",
            "not a date",
            "\ud800",
            "x" * 300,
        ]
    ),
    st.integers(min_value=0, max_value=120).map(_deep),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def _paths(value: object, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


PATHS = _paths(BASE)


def _set(document: Any, path: tuple[Any, ...], value: object) -> None:
    holder = _get(document, path[:-1])  # None when an earlier mutation replaced a container on the path
    if isinstance(holder, dict) or (
        isinstance(holder, list) and isinstance(path[-1], int) and path[-1] < len(holder)
    ):
        holder[path[-1]] = value


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    document = copy.deepcopy(BASE)
    kind = draw(st.sampled_from(["replace", "replace", "add-field", "duplicate-id", "garbage"]))
    if kind == "garbage":
        return draw(st.binary(max_size=200))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        if kind == "replace":
            _set(document, draw(st.sampled_from(PATHS)), draw(VALUES))
        elif kind == "add-field":
            target = draw(st.sampled_from([p for p in PATHS if isinstance(_get(document, p), dict)] or [()]))
            holder = _get(document, target) if target else document
            if isinstance(holder, dict):
                holder[draw(st.sampled_from(["x_new", "x_deep", "zz"]))] = draw(VALUES)
        else:
            client = document["clients"][0]
            if client.get("entries"):
                client["entries"].append(copy.deepcopy(client["entries"][0]))
            else:
                document["clients"].append(copy.deepcopy(client))
    text = json.dumps(document, allow_nan=True)  # NaN and Infinity become JSON's forbidden tokens
    return text.encode("utf-8", "surrogatepass")


def _get(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        try:
            document = document[step]
        except (KeyError, IndexError, TypeError):
            return None
    return document


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=mutated())
def test_import_of_a_mutated_document_is_refused_cleanly_or_leaves_a_sound_vault(
    session: VaultSession, data: bytes
) -> None:
    before = _counts(session)
    try:
        document = session.transfer.read_document(data)
        session.transfer.import_document(document)
    except ImportValidationError as exc:
        assert exc.problems and all(p.path.startswith("$") for p in exc.problems)
        assert _counts(session) == before  # nothing written
        return
    report = session.check()
    assert report.ok, report.problems
    assert "".join(session.transfer.export_chunks(exported_at=datetime.now(UTC)))
    session.journal.list_clients()


def test_a_few_mutations_through_the_real_cli(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    documents: list[bytes] = [
        b"\xff\xfe\x00garbage",
        json.dumps({**BASE, "clients": [{**BASE["clients"][0], "x": float("nan")}]}, allow_nan=True).encode(),
        json.dumps({**BASE, "clients": [{**BASE["clients"][0], "x": _deep(200)}]}).encode(),
        json.dumps({**BASE, "clients": [{**BASE["clients"][0], "x": int("7" * 1000)}]}).encode(),
    ]
    for index, data in enumerate(documents):
        path = tmp_path / f"m{index}.json"
        path.write_bytes(data)
        result = vault.run("import", path)
        assert result.returncode in (0, 1), result
        vault.ok("check")


def test_a_20_mb_file_is_refused_or_imported_cleanly(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    document = copy.deepcopy(BASE)
    document["clients"][0]["x_padding"] = "A" * (20 * 1024 * 1024)
    path = write_json(tmp_path / "big.json", document)
    assert path.stat().st_size >= 20 * 1024 * 1024
    result = vault.run("import", path)
    assert result.returncode in (0, 1), result
    vault.ok("check")
