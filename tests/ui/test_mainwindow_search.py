"""The window's journal search box finds the same entries as ``clientjournal-cli search``, on one vault: the real
window (its paged loading of all clients, its labels and mood tags) against the real CLI in a subprocess."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from support.constants import WAIT_MS, fixed_clock

# The CLI vault helpers come with the rules' own test (it puts tests/cli on the path).
from test_ui_search_rules import NOW, PASSPHRASE, QUERIES, _document, new_vault, write_json

from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault
from clientjournal.ui.mainwindow import MainWindow


@pytest.fixture
def vault(tmp_path) -> Any:
    made = new_vault(tmp_path)
    made.ok("import", write_json(tmp_path / "in.json", _document()))
    return made


@pytest.fixture
def window(qtbot, worker, vault) -> Iterator[MainWindow]:
    opened = Vault.open(f"sqlite:///{vault.file.as_posix()}", clock=lambda: datetime.fromisoformat(NOW))
    session = VaultSession(opened, opened.unlock(PASSPHRASE))
    main = MainWindow(session, worker, fixed_clock)
    qtbot.addWidget(main, before_close_func=lambda _w: worker.wait_idle())
    main.show()
    with qtbot.waitSignal(main.timeline_loaded, timeout=WAIT_MS):
        main.reload(select=None)
    qtbot.waitUntil(lambda: main.timeline.entry_count() == 6, timeout=WAIT_MS)  # every page of all clients
    yield main
    worker.wait_idle()
    main.clear()
    session.close()


def _cli_found(vault: Any, query: str, *client: str) -> set[tuple[str, str]]:
    rows = vault.ok("search", query, "--json", "--limit", "1000", *client).json()
    return {(row["client"], row["entry"]) for row in rows}


def _window_found(window: MainWindow, query: str) -> set[tuple[str, str]]:
    window.timeline_panel.filters.search.setText(query)
    window.timeline_panel.filters.flush()  # no waiting for the typing pause
    model = window.timeline
    entries = (model.entry_at(row) for row in range(model.rowCount()))
    return {(e.client_id, e.id) for e in entries if e is not None}


def test_the_windows_search_finds_what_the_cli_finds(qtbot, window: MainWindow, vault: Any) -> None:
    for query in QUERIES:
        assert _window_found(window, query) == _cli_found(vault, query), query
    # The rules discriminate, so equal results mean something.
    assert _window_found(window, "LOGO kari") == {("c1", "e1"), ("c2", "e1")}
    assert _window_found(window, "nothing-matches-this") == set()

    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        window.select_client("c1")
    for query in QUERIES[:2]:
        assert _window_found(window, query) == _cli_found(vault, query, "--client", "Kari"), query
    assert _window_found(window, "logo") == {("c1", "e1"), ("c1", "e2")}
