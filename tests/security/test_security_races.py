"""Lost races on PostgreSQL (issue #14, item 12): the loser exits with the documented code and one clear line.

Two CLI processes start at the same moment on the throwaway cluster (tests/conftest.py). Whichever wins, the other
reports what happened in one line (exit 1, never "unexpected", never a traceback: ``run_cli`` checks that), and
the vault is whole afterwards.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from secutil import FAST_KDF, Result, Vault, run_cli, spec_document, write_json
from support.pg_cluster import PgServer

pytestmark = [pytest.mark.postgresql, pytest.mark.slow]  # CLI processes racing, several rounds

ROUNDS = 2


def _at_once(*runs: Callable[[], Result]) -> list[Result]:
    """Run each callable in its own thread, all released together; their results in order."""
    barrier = threading.Barrier(len(runs))
    results: list[Result | BaseException] = [RuntimeError("did not run")] * len(runs)

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = runs[index]()
        except BaseException as exc:
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(runs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return [result for result in results if isinstance(result, Result)]


def _one_clear_line(result: Result) -> str:
    lines = [line for line in result.stderr_lines if not line.startswith(("note:", "warning:"))]
    assert len(lines) == 1 and lines[0].startswith("error:"), result
    assert "unexpected" not in result.stderr, result
    return lines[0]


@pytest.fixture
def empty_databases(pg_server: PgServer) -> Iterator[Callable[[], str]]:
    """Makes empty databases on the session's server (init needs a new one each round); drops them after."""
    names: list[str] = []

    def make() -> str:
        names.append(pg_server.create_database("cj_race"))
        return pg_server.url(names[-1])

    yield make
    for name in names:
        pg_server.drop_database(name)


def test_two_inits_racing_for_one_database(tmp_path: Path, empty_databases: Callable[[], str]) -> None:
    for round_ in range(ROUNDS):
        url = empty_databases()
        folders = [tmp_path / f"round{round_}-{i}" for i in range(2)]
        results = _at_once(
            *(
                lambda folder=folder, url=url: run_cli("init", *FAST_KDF, data_dir=folder, database_url=url)
                for folder in folders
            )
        )
        codes = sorted(result.returncode for result in results)
        assert codes == [0, 1], [str(r) for r in results]
        loser = next(result for result in results if result.returncode == 1)
        assert "already" in _one_clear_line(loser), loser
        winner = next(result for result in results if result.returncode == 0)
        assert "Recovery key:" in winner.stdout
        Vault(tmp_path / "check", url).ok("check")


def test_two_imports_racing_into_one_vault(tmp_path: Path, postgresql_url: str) -> None:
    vault = Vault(tmp_path / "data", postgresql_url)
    vault.ok("init", *FAST_KDF)
    document = write_json(tmp_path / "d.json", spec_document())
    for _ in range(ROUNDS):
        results = _at_once(*(lambda: vault.run("import", document) for _ in range(2)))
        for result in results:
            assert result.returncode in (0, 1), result
            if result.returncode == 1:
                _one_clear_line(result)
        vault.ok("check")
    assert vault.client_count() == len(spec_document()["clients"])
    exported = vault.export()
    assert [c["name"] for c in exported["clients"]] == [c["name"] for c in spec_document()["clients"]]
