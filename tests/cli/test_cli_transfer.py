"""End-to-end: import, export, clients, search, delete-client and demo through the installed CLI."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from cliutil import (
    CLI,
    NOW,
    SPEC_EXAMPLE,
    base_env,
    new_vault,
    spec_document,
    write_json,
)

SPEC_CLIENT_ID = "optional stable id (uuid); generated on import when absent"


def test_spec_example_imports_and_exports_the_same_data(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    result = vault.ok("import", SPEC_EXAMPLE)
    assert result.stderr == ""
    assert "1 new" in result.stdout
    exported = vault.export()
    assert exported == spec_document()
    # Without --now, only exported_at differs.
    again = json.loads(vault.ok("export").stdout)
    assert again.pop("exported_at") != ""
    expected = spec_document()
    expected.pop("exported_at")
    assert again == expected


def test_export_import_into_a_new_vault_export_is_byte_identical(tmp_path: Path) -> None:
    first = new_vault(tmp_path, "first")
    first.ok("import", SPEC_EXAMPLE)
    first.ok("demo", "--clients", "3", "--entries-per-client", "15", "--seed", "7", "--now", NOW)
    exported = tmp_path / "first.json"
    first.ok("export", "--now", NOW, "--out", exported)
    assert exported.read_text(encoding="utf-8") == first.export_text()

    second = new_vault(tmp_path, "second")
    second.ok("import", exported)
    assert second.export_text().encode("utf-8") == exported.read_bytes()
    out = tmp_path / "second.json"
    second.ok("export", "--now", NOW, "--out", out)
    assert out.read_bytes() == exported.read_bytes()
    assert second.ok("check").stdout.startswith("OK: 4 clients")


def test_import_is_idempotent(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    vault.ok("import", SPEC_EXAMPLE)
    before = vault.export_text()
    again = vault.ok("import", SPEC_EXAMPLE, "--json").json()
    assert again["clients_added"] == again["clients_updated"] == 0
    assert again["projects_added"] == again["projects_updated"] == 0
    assert again["entries_added"] == again["entries_updated"] == 0
    assert again["unchanged"] == 4  # client, project, two entries
    text = vault.ok("import", SPEC_EXAMPLE).stdout
    assert "0 new and 0 updated clients" in text and "0 new and 0 updated entries" in text
    assert vault.export_text() == before


def test_import_updates_by_id(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    vault.ok("import", SPEC_EXAMPLE)
    changed = spec_document()
    changed["clients"][0]["company"] = "Nordlys Holding AS"
    changed["clients"][0]["entries"][1]["promise"]["status"] = "kept_early"
    changed["clients"][0]["entries"][1]["promise"]["resolved_on"] = "2026-11-18"
    changed["clients"][0]["entries"].append(
        {
            "id": "e3",
            "project": None,
            "occurred_at": "2026-11-18T08:00:00+01:00",
            "kind": "delivery",
            "channel": "email",
            "moods": ["satisfied"],
            "text": "Delivered early.",
            "promise": None,
        }
    )
    summary = vault.ok("import", write_json(tmp_path / "changed.json", changed), "--json").json()
    assert summary["clients_added"] == 0 and summary["clients_updated"] == 1
    assert summary["entries_added"] == 1 and summary["entries_updated"] == 1
    assert summary["projects_updated"] == 0
    assert vault.export() == changed


def test_import_from_standard_input(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    vault.ok("import", "-", input=SPEC_EXAMPLE.read_bytes())
    assert vault.export() == spec_document()


def _invalid_document() -> tuple[dict[str, object], list[str]]:
    """A file with one good client and many problems, and the JSON path of each problem."""
    document = spec_document()
    good = copy.deepcopy(document["clients"][0])
    good["id"] = "another"
    good["name"] = "Ola Nordmann"
    bad = {
        "id": "c2",
        "name": "",
        "preferred_channel": "pigeon",
        "tags": ["ok", 5],
        "projects": [{"id": "p1", "title": "T", "status": "finished", "due_on": "2026-13-01"}],
        "entries": [
            {"id": "e1", "project": "p9", "occurred_at": "not a time", "kind": "gossip", "text": "x"},
            {
                "id": "e1",
                "occurred_at": "2026-11-02T14:00:00+01:00",
                "kind": "promise",
                "text": "y",
                "promise": {"due_on": "2026-11-20", "status": "maybe", "resolved_on": None},
            },
        ],
    }
    document["clients"] = [good, bad, {"id": "another", "name": "Dup"}]
    paths = [
        "$.clients[1].name",
        "$.clients[1].preferred_channel",
        "$.clients[1].tags[1]",
        "$.clients[1].projects[0].status",
        "$.clients[1].projects[0].due_on",
        "$.clients[1].entries[0].project",
        "$.clients[1].entries[0].occurred_at",
        "$.clients[1].entries[0].kind",
        "$.clients[1].entries[1].id",
        "$.clients[1].entries[1].promise.status",
        "$.clients[2].id",
    ]
    return document, paths


def test_invalid_import_lists_every_problem_and_changes_nothing(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    vault.ok("import", SPEC_EXAMPLE)
    before = vault.export_text()
    document, paths = _invalid_document()
    result = vault.run("import", write_json(tmp_path / "bad.json", document))
    assert result.returncode == 1, result
    assert result.stdout == ""
    lines = result.stderr_lines
    assert lines[0].startswith("error:") and "nothing was changed" in lines[0]
    problem_paths = [line.strip().split(": ", 1)[0] for line in lines[1:]]
    assert sorted(problem_paths) == sorted(paths), result.stderr
    assert f"{len(paths)} problems" in lines[0]
    assert vault.export_text() == before
    assert vault.client_count() == 1


def test_unparseable_import_files_exit_1_and_change_nothing(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    vault.ok("import", SPEC_EXAMPLE)
    before = vault.export_text()
    cases = {
        "truncated.json": SPEC_EXAMPLE.read_bytes()[:200],
        "list.json": b"[1, 2, 3]",
        "binary.json": bytes(range(256)),
        "empty.json": b"",
        "wrong_format.json": json.dumps({"format": "other", "version": 1, "clients": []}).encode(),
        "future.json": json.dumps({"format": "clientjournal", "version": 99, "clients": []}).encode(),
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        result = vault.run("import", path)
        assert result.returncode == 1, result
        assert result.stderr_lines[0].startswith("error:"), result
        assert all(line.startswith("  $") for line in result.stderr_lines[1:]), result
    missing = vault.run("import", tmp_path / "does-not-exist.json")
    assert missing.returncode == 1 and len(missing.stderr_lines) == 1, missing
    assert vault.export_text() == before


def test_clients_text_and_json(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    assert vault.ok("clients").stdout.strip() == "No clients yet."
    assert vault.ok("clients", "--json").json() == []
    document = spec_document()
    second = copy.deepcopy(document["clients"][0])
    second.update(
        id="c-arch",
        name="Åse Ålesund",
        company="Fjord AS",
        archived=True,
        preferred_channel=None,
        update_every_days=None,
    )
    document["clients"].append(second)
    vault.ok("import", write_json(tmp_path / "two.json", document))

    text = vault.ok("clients").stdout.splitlines()
    assert len(text) == 2
    assert text[0].startswith(SPEC_CLIENT_ID[:36]) and "Kari Nordmann" in text[0] and "Nordlys AS" in text[0]
    assert "Åse Ålesund" in text[1] and "(archived)" in text[1]

    rows = vault.ok("clients", "--json").json()
    assert rows == [
        {
            "id": SPEC_CLIENT_ID,
            "name": "Kari Nordmann",
            "company": "Nordlys AS",
            "preferred_channel": "email",
            "update_every_days": 7,
            "archived": False,
            "language": None,
        },
        {
            "id": "c-arch",
            "name": "Åse Ålesund",
            "company": "Fjord AS",
            "preferred_channel": None,
            "update_every_days": None,
            "archived": True,
            "language": None,
        },
    ]


def test_search_text_and_json(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    vault.ok("import", SPEC_EXAMPLE)
    result = vault.ok("search", "landing PAGE")
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert "Kari Nordmann" in lines[0] and "[Promise]" in lines[0] and "First draft" in lines[0]
    assert lines[0].startswith("2026-11-05 09:30")

    rows = vault.ok("search", "weekly", "--json").json()
    assert rows == [
        {
            "client": SPEC_CLIENT_ID,
            "client_name": "Kari Nordmann",
            "entry": "e1",
            "occurred_at": "2026-11-02T14:00:00+01:00",
            "kind": "contract_signed",
            "text": "Signed; she wants weekly email updates.",
        }
    ]
    # A mood tag is searchable too; newest first; --limit and --client work.
    assert [r["entry"] for r in vault.ok("search", "enthusiastic", "--json").json()] == ["e1"]
    both = vault.ok("search", "e", "--json").json()
    assert [r["entry"] for r in both] == ["e2", "e1"]
    assert len(vault.ok("search", "e", "--limit", "1", "--json").json()) == 1
    assert len(vault.ok("search", "e", "--client", "Kari Nordmann", "--json").json()) == 2
    assert vault.ok("search", "no-such-word").stdout.strip() == "Nothing found."
    assert vault.ok("search", "no-such-word", "--json").json() == []
    unknown = vault.run("search", "e", "--client", "Nobody")
    assert unknown.returncode == 1 and len(unknown.stderr_lines) == 1, unknown


def test_check_reports_ok(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    assert vault.ok("check").stdout.strip() == "OK: 0 clients, 0 projects and 0 entries verified."
    vault.ok("import", SPEC_EXAMPLE)
    result = vault.ok("check")
    assert result.stdout.strip() == "OK: 1 client, 1 project and 2 entries verified."
    assert result.stderr == ""
    assert vault.ok("check", "--json").json() == {
        "ok": True,
        "clients": 1,
        "projects": 1,
        "entries": 2,
        "problems": [],
    }


def test_delete_client_by_name_and_by_id(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    document = spec_document()
    second = copy.deepcopy(document["clients"][0])
    second.update(id="c2", name="Ola Nordmann")
    document["clients"].append(second)
    vault.ok("import", write_json(tmp_path / "two.json", document))
    assert vault.client_count() == 2

    by_name = vault.ok("delete-client", "Kari Nordmann", "--yes")
    assert SPEC_CLIENT_ID in by_name.stdout
    assert [c["id"] for c in vault.ok("clients", "--json").json()] == ["c2"]
    by_id = vault.ok("delete-client", "c2", "--yes", "--json").json()
    assert by_id == {"deleted": "c2", "scrubbed": True, "backups": {"rewritten": [], "failed": []}}
    assert vault.client_count() == 0
    assert vault.ok("check").stdout.startswith("OK: 0 clients, 0 projects and 0 entries")
    assert vault.sql("SELECT count(*) FROM entries") == [(0,)]
    assert vault.sql("SELECT count(*) FROM projects") == [(0,)]

    gone = vault.run("delete-client", "c2", "--yes")
    assert gone.returncode == 1 and len(gone.stderr_lines) == 1, gone


def test_delete_client_with_an_ambiguous_name_needs_the_id(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    document = spec_document()
    twin = copy.deepcopy(document["clients"][0])
    twin["id"] = "twin"
    document["clients"].append(twin)
    vault.ok("import", write_json(tmp_path / "twins.json", document))
    result = vault.run("delete-client", "Kari Nordmann", "--yes")
    assert result.returncode == 1, result
    assert len(result.stderr_lines) == 1 and "twin" in result.stderr
    assert vault.client_count() == 2


def test_demo_then_check_clients_search(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    result = vault.ok("demo", "--clients", "5", "--entries-per-client", "20", "--now", NOW)
    assert result.stderr == ""
    assert "5" in result.stdout and "100" in result.stdout
    assert vault.ok("check").stdout.strip() == (
        f"OK: 5 clients, {vault.ok('check', '--json').json()['projects']} projects and 100 entries verified."
    )
    clients = vault.ok("clients", "--json").json()
    assert len(clients) == 5
    assert len({c["name"] for c in clients}) == 5
    exported = vault.export()
    entries = [e for c in exported["clients"] for e in c["entries"]]
    assert len(entries) == 100
    assert len({e["kind"] for e in entries}) >= 6
    assert any(e["promise"] for e in entries)
    assert any(e["moods"] for e in entries)
    # The same seed gives the same data (ids aside).
    other = new_vault(tmp_path, "other")
    other.ok("demo", "--clients", "5", "--entries-per-client", "20", "--now", NOW)
    assert sorted(c["name"] for c in other.ok("clients", "--json").json()) == sorted(
        c["name"] for c in clients
    )


def test_long_commands_are_quiet_when_piped(tmp_path: Path) -> None:
    """No progress bar (nor anything else) on a piped stderr when a command succeeds."""
    vault = new_vault(tmp_path)
    for args in (
        ("demo", "--clients", "30", "--entries-per-client", "10"),
        ("import", str(SPEC_EXAMPLE)),
        ("export",),
        ("export", "--out", str(tmp_path / "out.json")),
        ("check",),
        ("backup", "--out", str(tmp_path / "backup.sqlite3")),
        ("restore", str(tmp_path / "backup.sqlite3"), "--yes"),
        ("search", "e"),
        ("clients",),
    ):
        result = vault.ok(*args)
        assert result.stderr == "", result
        assert "\r" not in result.stdout and "it/s" not in result.stdout


def test_export_into_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    """``clientjournal-cli export | head`` is normal use: no 'unexpected error' when the reader goes away."""
    vault = new_vault(tmp_path)
    vault.ok("demo", "--clients", "40", "--entries-per-client", "50")
    command = [str(CLI), "--data-dir", str(vault.data_dir), "export"]
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=base_env()
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    assert "unexpected" not in stderr, stderr
    assert "Traceback" not in stderr, stderr


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_progress_is_drawn_on_a_terminal(tmp_path: Path) -> None:
    """The quiet mode above is not just "never": with stderr on a terminal, long commands draw a bar."""
    import fcntl
    import os
    import pty
    import select
    import struct
    import termios

    vault = new_vault(tmp_path)
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    try:
        process = subprocess.Popen(
            [str(CLI), "--data-dir", str(vault.data_dir), "demo", "--clients", "60"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=terminal,
            env=base_env(),
        )
        os.close(terminal)
        drawn = b""
        while True:
            ready, _, _ = select.select([controller], [], [], 120)
            if not ready:
                break
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the terminal closed: the process is done
                break
            if not chunk:
                break
            drawn += chunk
        assert process.wait(timeout=120) == 0
    finally:
        os.close(controller)
    assert b"Creating demo data" in drawn, drawn
    assert b"Traceback" not in drawn
