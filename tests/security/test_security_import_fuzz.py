"""A fuzz test over import (issue #14): mutations of a valid document never break the vault.

Each example mutates the spec example — wrong types, huge numbers (up to and past Python's 4,300 digits, as JSON
text), NaN and Infinity, deep nesting (also far past the parser's recursion limit), duplicate ids and duplicate
keys, bad dates, control characters, non-UTF-8 bytes inside the text and binary garbage — and imports it.

- Through the core, as the CLI does (150 examples): refused with :class:`ImportValidationError` naming JSON paths,
  with not one stored byte changed; or imported, after which the vault passes `check` and every record reads back.
- Through the real CLI entry point, ``clientjournal.cli.main`` (slow, 40 examples): exit 0 or 1, no traceback
  and no "unexpected" in the output, one ``error:`` line first on a refusal with the vault's every row unchanged,
  and `check` exits 0 after every successful import. A few fixed documents, and 20 MB files, go through the
  installed ``clientjournal-cli`` in a subprocess.
"""

from __future__ import annotations

import copy
import json
import math
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from secutil import PASSPHRASE, new_vault, spec_document, write_json
from secutil import Vault as CliVault
from sqlalchemy import func, select

from clientjournal.cli import main as cli_main
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


def _stored(file: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the SQLite file as stored (committed), to prove a refusal wrote nothing."""
    connection = sqlite3.connect(file)
    try:
        names = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            name: sorted(connection.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr) for name in names
        }
    finally:
        connection.close()


class Raw(str):
    """JSON text put in the document as it is: what ``json.dumps`` will not write (integers past 4,300 digits,
    nesting past the parser's recursion limit, duplicate keys, out-of-range floats)."""


RAW = st.sampled_from(
    [
        Raw("9" * 4_301),
        Raw("-" + "9" * 5_000),
        Raw("1e400"),
        Raw("-1e99999"),
        Raw("1" + "0" * 400 + ".5"),
        Raw("[" * 2_000 + "]" * 2_000),
        Raw("[" * 100_000 + "]" * 100_000),
        Raw('{"a":' * 5_000 + "1" + "}" * 5_000),
        Raw('{"id": "x1", "id": 7}'),
        Raw('"dup", "id": "dup", "id": null'),
        Raw("NaN"),
        Raw("-Infinity"),
        Raw('"\\ud800\\udc00\\udfff"'),  # lone surrogates, as JSON escapes
    ]
)

HUGE = st.sampled_from(
    [10**308, 10**309 - 1, -(10**309), int("9" * 4_300), -int("7" * 4_300), int("1" * 2_000)]
)

BAD_DATES = st.sampled_from(
    [
        "2026-02-30",
        "2026-11-05T25:00:00+01:00",
        "2026-11-05T09:30:00",
        "2026-11-05T09:30:00+25:00",
        "2026-11-05T09:30:00.123456789+01:00",
        "+10000-01-01",
        "0000-01-01",
        "-0001-01-01",
        "2026-W45-1",
        "２０２６-１１-０５",
        "2026-11-05\x00",
        "",
        20261105,
        1.7e9,
        None,
        ["2026-11-05"],
        {"date": "2026-11-05"},
    ]
)

NON_UTF8 = st.sampled_from([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\x80"])


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
    HUGE,
    RAW,
    BAD_DATES,
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
DATE_PATHS = [p for p in PATHS if isinstance(p[-1], str) and p[-1].endswith(("_at", "_on"))]


def _set(document: Any, path: tuple[Any, ...], value: object) -> None:
    holder = _get(document, path[:-1])  # None when an earlier mutation replaced a container on the path
    if isinstance(holder, dict) or (
        isinstance(holder, list) and isinstance(path[-1], int) and path[-1] < len(holder)
    ):
        holder[path[-1]] = value


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    document = copy.deepcopy(BASE)
    kind = draw(
        st.sampled_from(
            ["replace", "replace", "add-field", "duplicate-id", "bad-date", "non-utf8", "deep", "garbage"]
        )
    )
    if kind == "garbage":
        return draw(st.binary(max_size=200))
    if kind == "deep":  # the whole document inside arrays, past any sane depth
        depth = draw(st.sampled_from([50, 1_000, 100_000]))
        return b"[" * depth + json.dumps(document).encode() + b"]" * depth
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        if kind == "replace":
            _set(document, draw(st.sampled_from(PATHS)), draw(VALUES))
        elif kind == "add-field":
            target = draw(st.sampled_from([p for p in PATHS if isinstance(_get(document, p), dict)] or [()]))
            holder = _get(document, target) if target else document
            if isinstance(holder, dict):
                holder[draw(st.sampled_from(["x_new", "x_deep", "zz"]))] = draw(VALUES)
        elif kind == "bad-date":
            _set(document, draw(st.sampled_from(DATE_PATHS)), draw(BAD_DATES))
        elif kind == "duplicate-id":
            _duplicate(
                document, draw(st.sampled_from(["entry", "project", "client", "entry-in-other-client"]))
            )
    raws: list[str] = []

    def placeholder(value: object) -> object:
        if isinstance(value, Raw):
            raws.append(str(value))
            return f"__raw_{len(raws) - 1}__"
        raise TypeError(value)

    text = json.dumps(
        _with_placeholders(document, placeholder), allow_nan=True
    )  # NaN, Infinity: forbidden tokens
    for index, raw in enumerate(raws):
        text = text.replace(f'"__raw_{index}__"', raw)
    data = text.encode("utf-8", "surrogatepass")
    if kind == "non-utf8":  # bytes that are not UTF-8, inside a string value (after an opening quote)
        quotes = [i for i, byte in enumerate(data) if byte == ord('"')]
        at = draw(st.sampled_from(quotes)) + 1
        data = data[:at] + draw(NON_UTF8) + data[at:]
    return data


def _with_placeholders(value: object, placeholder: Any) -> object:
    if isinstance(value, Raw):
        return placeholder(value)
    if isinstance(value, dict):
        return {key: _with_placeholders(item, placeholder) for key, item in value.items()}
    if isinstance(value, list):
        return [_with_placeholders(item, placeholder) for item in value]
    return value


def _duplicate(document: Any, what: str) -> None:
    """The same id twice: two entries, two projects, two clients, or one entry id in two clients."""
    clients_ = document.get("clients")
    if not isinstance(clients_, list) or not clients_ or not isinstance(clients_[0], dict):
        return
    client = clients_[0]
    key = {"entry": "entries", "entry-in-other-client": "entries", "project": "projects"}.get(what)
    if what == "client":
        clients_.append(copy.deepcopy(client))
    elif isinstance(client.get(key), list) and client[key]:
        twin = copy.deepcopy(client[key][0])
        if what == "entry-in-other-client":
            other = copy.deepcopy(client)
            other["id"], other["projects"], other["entries"] = "other-client", [], [twin]
            if isinstance(twin, dict):
                twin.pop("project", None)
            clients_.append(other)
        else:
            client[key].append(twin)


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
    file = Path(session.vault.engine.url.database or "")
    before, counts = _stored(file), _counts(session)
    try:
        document = session.transfer.read_document(data)
        session.transfer.import_document(document)
    except ImportValidationError as exc:
        assert exc.problems and all(p.path.startswith("$") for p in exc.problems)
        assert _counts(session) == counts
        assert _stored(file) == before  # nothing written: not one row, not one byte of one
        event("refused")
        return
    event("imported")
    report = session.check()
    assert report.ok, report.problems
    assert "".join(session.transfer.export_chunks(exported_at=datetime.now(UTC)))
    session.journal.list_clients()


@pytest.fixture(scope="module")
def cli_vault(tmp_path_factory: pytest.TempPathFactory) -> CliVault:
    return new_vault(tmp_path_factory.mktemp("fuzz-cli"))


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The environment of an in-process CLI run; the CLI's logging set-up is undone afterwards."""
    import logging

    monkeypatch.setenv("CLIENTJOURNAL_PASSPHRASE", PASSPHRASE)
    root = logging.getLogger("clientjournal")
    saved = (root.handlers[:], root.level, root.propagate)
    yield
    for handler in root.handlers:
        if handler not in saved[0]:
            handler.close()
    root.handlers[:], root.level, root.propagate = saved


def _run_main(capsys: pytest.CaptureFixture[str], vault: CliVault, *args: str) -> tuple[int, str, str]:
    code = cli_main(["--data-dir", str(vault.data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _assert_clean(code: int, out: str, err: str) -> None:
    assert code in (0, 1), (code, err[-2000:])
    for text in (out, err):
        assert "Traceback" not in text and 'File "' not in text, text[-2000:]
    assert "unexpected" not in err, err[-2000:]  # the CLI's catch-all: an error nobody meant


@pytest.mark.slow  # each example unlocks the vault (Argon2id) once or twice
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=mutated())
def test_the_real_cli_refuses_a_mutated_document_cleanly_or_leaves_a_sound_vault(
    cli_vault: CliVault, cli_env: None, capsys: pytest.CaptureFixture[str], data: bytes
) -> None:
    path = cli_vault.data_dir.parent / "mutated.json"
    path.write_bytes(data)
    before = _stored(cli_vault.file)
    code, out, err = _run_main(capsys, cli_vault, "import", str(path))
    _assert_clean(code, out, err)
    if code == 1:
        first = next(line for line in err.splitlines() if line.strip() and not line.startswith("note:"))
        assert first.startswith("error:"), err
        assert _stored(cli_vault.file) == before  # nothing written
        event("refused")
        return
    event("imported")
    check = _run_main(capsys, cli_vault, "check")
    assert check[0] == 0, check


FIXED: dict[str, bytes] = {
    "binary": b"\xff\xfe\x00garbage",
    "nan": json.dumps(
        {**BASE, "clients": [{**BASE["clients"][0], "x": float("nan")}]}, allow_nan=True
    ).encode(),
    "deep-200": json.dumps({**BASE, "clients": [{**BASE["clients"][0], "x": _deep(200)}]}).encode(),
    "deep-100000": b"[" * 100_000 + b"]" * 100_000,
    "1000-digits": json.dumps({**BASE, "clients": [{**BASE["clients"][0], "x": int("7" * 1000)}]}).encode(),
    "4300-digits": json.dumps({**BASE, "clients": [{**BASE["clients"][0], "x": int("7" * 4300)}]}).encode(),
    "4301-digits": json.dumps(BASE)
    .replace('"archived": false', '"archived": false, "x": ' + "7" * 4301)
    .encode(),
    "bad-date": json.dumps(BASE).replace("2026-11-02T14:00:00+01:00", "2026-02-30T14:00:00+01:00").encode(),
    "duplicate-entry-id": json.dumps(BASE).replace('"id": "e2"', '"id": "e1"').encode(),
    "non-utf8-in-text": json.dumps(BASE).encode().replace(b"Signed;", b"Signed\xff\xfe;"),
}


@pytest.mark.parametrize("name", list(FIXED))
def test_fixed_mutations_through_the_cli_entry_point(
    cli_vault: CliVault, cli_env: None, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    path = cli_vault.data_dir.parent / f"{name}.json"
    path.write_bytes(FIXED[name])
    before = _stored(cli_vault.file)
    code, out, err = _run_main(capsys, cli_vault, "import", str(path))
    _assert_clean(code, out, err)
    if code == 1:
        assert _stored(cli_vault.file) == before
    assert _run_main(capsys, cli_vault, "check")[0] == 0


@pytest.mark.slow  # one subprocess per document, as a user runs it
def test_a_few_mutations_through_the_installed_cli(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    for name, data in FIXED.items():
        path = tmp_path / f"{name}.json"
        path.write_bytes(data)
        before = _stored(vault.file)
        result = vault.run("import", path)  # run_cli: no traceback on stderr
        _assert_clean(result.returncode, result.stdout, result.stderr)
        if result.returncode == 1:
            assert _stored(vault.file) == before, name
    vault.ok("check")


@pytest.mark.slow  # 20 MB read, parsed, sealed, checked and exported
@pytest.mark.parametrize("kind", ["one-huge-field", "binary"])
def test_a_20_mb_file_is_refused_or_imported_cleanly(tmp_path: Path, kind: str) -> None:
    vault = new_vault(tmp_path)
    path = tmp_path / "big.json"
    if kind == "binary":
        path.write_bytes(bytes(range(256)) * (20 * 1024 * 1024 // 256))
    else:
        document = copy.deepcopy(BASE)
        document["clients"][0]["x_padding"] = "A" * (20 * 1024 * 1024)
        write_json(path, document)
    assert path.stat().st_size >= 20 * 1024 * 1024
    before = _stored(vault.file)
    result = vault.run("import", path)
    _assert_clean(result.returncode, result.stdout, result.stderr)
    if result.returncode == 1:
        assert _stored(vault.file) == before
    else:
        assert kind != "binary"
    vault.ok("check")
