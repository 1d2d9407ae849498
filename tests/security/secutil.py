"""Helpers of the security tests: the CLI runner of ``tests/cli`` and byte-level file inspection."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

_CLI_TESTS = str(Path(__file__).resolve().parents[1] / "cli")
if _CLI_TESTS not in sys.path:
    sys.path.insert(0, _CLI_TESTS)

from cliutil import (  # noqa: E402
    CLI,
    FAST_KDF,
    NOW,
    PASSPHRASE,
    SPEC_EXAMPLE,
    Result,
    Vault,
    base_env,
    init_vault,
    new_vault,
    run_cli,
    spec_document,
    write_json,
)

__all__ = [
    "CLEAR_COLUMNS",
    "CLI",
    "FAST_KDF",
    "NOW",
    "PASSPHRASE",
    "SPEC_EXAMPLE",
    "Result",
    "Vault",
    "base_env",
    "every_file",
    "files_containing",
    "init_vault",
    "new_vault",
    "run_cli",
    "spec_document",
    "write_json",
]


# Every column a server (or anyone with the SQLite file) reads in clear; SECURITY.md names each table.
CLEAR_COLUMNS: dict[str, frozenset[str]] = {
    "vault_meta": frozenset(
        {"id", "vault_id", "format_version", "kdf_params", "created_at_us", "passphrase_changed_at_us"}
    ),
    "device_unlocks": frozenset({"device_id", "created_at_us"}),
    "vault_items": frozenset({"name", "version"}),
    "clients": frozenset({"id", "key_version", "version"}),
    "projects": frozenset({"client_id", "id", "version"}),
    "entries": frozenset({"client_id", "id", "project_id", "occurred_at_us", "version"}),
    "manifests": frozenset({"kind", "owner", "version"}),
    "alembic_version": frozenset({"version_num"}),
}


def every_file(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def encodings_of(word: str) -> dict[str, bytes]:
    return {
        "utf-8": word.encode("utf-8"),
        "utf-16-le": word.encode("utf-16-le"),
        "utf-16-be": word.encode("utf-16-be"),
    }


def files_containing(folder: Path, needles: Iterable[bytes]) -> list[str]:
    """``path: needle`` for every file under ``folder`` whose raw bytes contain one of ``needles``."""
    needles = list(needles)
    hits = []
    for path in every_file(folder):
        data = path.read_bytes()
        for needle in needles:
            if needle in data:
                hits.append(f"{path.relative_to(folder)}: {needle[:40]!r}")
    return hits
