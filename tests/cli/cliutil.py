"""Run the installed ``clientjournal-cli`` console script in a subprocess, as a user would.

Test modules in ``tests/cli`` import this as ``from cliutil import ...`` (pytest's default "prepend" import
mode puts a test module's own folder on ``sys.path``); ``tests/security`` reaches it through ``secutil``.

Every run checks that stderr holds no traceback, whatever the exit code.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

CLI = Path(sys.executable).with_name("clientjournal-cli")
DATA = Path(__file__).parent / "data"
SPEC_EXAMPLE = DATA / "spec_example.json"

PASSPHRASE = "correct horse battery staple"
NOW = "2026-11-27T10:00:00+00:00"
FAST_KDF = ("--kdf-memory-mib", "64", "--kdf-passes", "3")
VAULT_FILE = "vault.sqlite3"


@dataclass(frozen=True)
class Result:
    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    @property
    def stderr_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]

    def json(self) -> Any:
        return json.loads(self.stdout)

    def __str__(self) -> str:
        return (
            f"clientjournal-cli {' '.join(self.args)} -> {self.returncode}\n"
            f"--- stdout ---\n{self.stdout[-3000:]}\n--- stderr ---\n{self.stderr[-3000:]}"
        )


def base_env(passphrase: str | None = PASSPHRASE) -> dict[str, str]:
    """The environment of a CLI run: no inherited ClientJournal settings, no real secret store."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLIENTJOURNAL_")}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env["PYTHONUNBUFFERED"] = "1"
    env.pop("COLUMNS", None)
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):  # the CLI speaks the locale's language: English here
        env.pop(name, None)
    env["LANG"] = "C.UTF-8"
    if passphrase is not None:
        env["CLIENTJOURNAL_PASSPHRASE"] = passphrase
    return env


def assert_no_traceback(result: Result) -> None:
    assert "Traceback" not in result.stderr, str(result)
    assert 'File "' not in result.stderr, str(result)


def run_cli(
    *args: str | os.PathLike[str],
    data_dir: Path | None = None,
    database_url: str | None = None,
    passphrase: str | None = PASSPHRASE,
    env: dict[str, str] | None = None,
    input: bytes | str | None = None,
    expect: int | None = None,
    timeout: float = 300,
) -> Result:
    """Run ``clientjournal-cli [--data-dir D] [--database-url U] ARGS`` with stdin not a terminal.

    ``env`` entries are added to :func:`base_env`; a value of ``""`` removes the variable. ``expect`` checks the
    exit code. stderr never holds a traceback.
    """
    command: list[str] = [str(CLI)]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    if database_url is not None:
        command += ["--database-url", database_url]
    command += [str(a) for a in args]
    full_env = base_env(passphrase)
    for key, value in (env or {}).items():
        if value == "":
            full_env.pop(key, None)
        else:
            full_env[key] = value
    data = input.encode("utf-8") if isinstance(input, str) else input
    completed = subprocess.run(
        command,
        input=data,
        stdin=None if data is not None else subprocess.DEVNULL,
        capture_output=True,
        env=full_env,
        timeout=timeout,
        check=False,
    )
    result = Result(
        tuple(command[1:]),
        completed.returncode,
        completed.stdout.decode("utf-8"),
        completed.stderr.decode("utf-8"),
    )
    assert_no_traceback(result)
    if expect is not None:
        assert result.returncode == expect, str(result)
    return result


class Vault:
    """A vault reached through the CLI: a data folder and, optionally, a database URL."""

    def __init__(self, data_dir: Path, database_url: str | None = None, recovery_key: str = "") -> None:
        self.data_dir = data_dir
        self.database_url = database_url
        self.recovery_key = recovery_key

    @property
    def file(self) -> Path:
        return self.data_dir / VAULT_FILE

    def run(self, *args: str | os.PathLike[str], **kwargs: Any) -> Result:
        return run_cli(*args, data_dir=self.data_dir, database_url=self.database_url, **kwargs)

    def ok(self, *args: str | os.PathLike[str], **kwargs: Any) -> Result:
        return self.run(*args, expect=0, **kwargs)

    def export_text(self, **kwargs: Any) -> str:
        return self.ok("export", "--now", NOW, **kwargs).stdout

    def export(self, **kwargs: Any) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.export_text(**kwargs))
        return data

    def client_count(self) -> int:
        return len(self.ok("clients", "--json").json())

    def sql(self, statement: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Run SQL directly on the (closed) SQLite vault file, committing any change."""
        connection = sqlite3.connect(self.file)
        try:
            rows = connection.execute(statement, parameters).fetchall()
            connection.commit()
        finally:
            connection.close()
        return rows


def recovery_key_from(output: str) -> str:
    for line in output.splitlines():
        if line.startswith("Recovery key:"):
            return line.split(":", 1)[1].strip()
    raise AssertionError(f"no recovery key in {output!r}")


def init_vault(data_dir: Path, database_url: str | None = None, passphrase: str = PASSPHRASE) -> Vault:
    result = run_cli(
        "init", *FAST_KDF, data_dir=data_dir, database_url=database_url, passphrase=passphrase, expect=0
    )
    return Vault(data_dir, database_url, recovery_key_from(result.stdout))


@cache
def _template() -> Vault:
    """One empty SQLite vault per test process, created through the CLI; tests get copies of it."""
    folder = Path(tempfile.mkdtemp(prefix="cj-template-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return init_vault(folder / "data")


def new_vault(tmp_path: Path, name: str = "data") -> Vault:
    """A fresh, empty SQLite vault (a copy of a template made by ``init``) in ``tmp_path / name``."""
    template = _template()
    target = tmp_path / name
    shutil.copytree(template.data_dir, target)
    (target / "logs" / "clientjournal.log").unlink(missing_ok=True)
    return Vault(target, None, template.recovery_key)


def write_json(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def spec_document() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SPEC_EXAMPLE.read_text(encoding="utf-8"))
    return data
