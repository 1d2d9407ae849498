"""The UI language: the Norwegian catalogue is complete, compiles when the .qm is missing, and shows Norwegian."""

from __future__ import annotations

import os
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from support.constants import WAIT_MS, fixed_clock

from clientjournal.ui import i18n
from clientjournal.ui.mainwindow import MainWindow
from clientjournal.ui.preferences import Preferences
from clientjournal.ui.preferences_dialog import PreferencesDialog

TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "clientjournal_nb.ts"


def test_the_norwegian_catalogue_has_no_unfinished_entries():
    root = ET.parse(TS).getroot()
    messages = root.findall("./context/message")
    assert len(messages) > 300
    unfinished = [
        m.findtext("source")
        for m in messages
        if (t := m.find("translation")) is None
        or t.get("type") in ("unfinished", "obsolete", "vanished")
        or not ("".join(t.itertext()).strip())
    ]
    assert unfinished == []


def test_every_translated_text_is_one_the_catalogue_tool_can_find():
    """lupdate sees only ``tr()``/``translate()`` called with literal texts: a text passed through a helper
    (``def _tr(text): return translate("Ctx", text)``) never reaches the catalogue and stays English."""
    import ast

    ui = Path(__file__).resolve().parents[2] / "clientjournal" / "ui"
    hidden = []
    for path in sorted(ui.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            name, args = node.func.attr, node.args
            literal = [isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args]
            context_and_text = name == "translate" and len(args) >= 2 and not all(literal[:2])
            text_only = name == "tr" and bool(args) and not literal[0]
            # lupdate reads plural forms from ``tr(text, "", n)`` only: a counted ``translate()`` is stored as a
            # plain text, and Norwegian or English then show one form for every number.
            counted = name == "translate" and (len(args) >= 4 or any(k.arg == "n" for k in node.keywords))
            if context_and_text or text_only or counted:
                hidden.append(f"{path.name}:{node.lineno}")
    assert hidden == []


def test_language_follows_the_preference_or_the_system():
    assert i18n.resolve_language("nb") == "nb"
    assert i18n.resolve_language("en", ["nb-NO"]) == "en"
    assert i18n.resolve_language("system", ["nb-NO", "en-US"]) == "nb"
    assert i18n.resolve_language("system", ["nn-NO"]) == "nb"
    assert i18n.resolve_language("system", ["de-DE", "en-GB"]) == "en"
    assert i18n.resolve_language("system", ["fr-FR"]) == "en"


def test_lrelease_ships_with_pyside6():
    tool = i18n.find_lrelease()
    assert tool is not None and tool.is_file()


def test_a_missing_or_stale_qm_is_compiled_into_the_cache(tmp_path):
    folder, cache = tmp_path / "translations", tmp_path / "cache"
    folder.mkdir()
    (folder / "clientjournal_nb.ts").write_bytes(TS.read_bytes())
    built = i18n.catalogue("nb", folder=folder, cache=cache)
    assert built is not None and built.parent == cache and built.stat().st_size > 1000
    assert i18n.catalogue("nb", folder=folder, cache=cache) == built  # compiled once per .ts version

    # A current .qm next to the .ts is used as it is.
    qm = folder / "clientjournal_nb.qm"
    qm.write_bytes(built.read_bytes())
    assert i18n.catalogue("nb", folder=folder, cache=cache) == qm
    # One older than the .ts is not.
    old = time.time() - 3600
    os.utime(qm, (old, old))
    assert i18n.catalogue("nb", folder=folder, cache=cache) == built


@pytest.fixture
def norwegian(qapp, tmp_path, monkeypatch) -> Iterator[list[QTranslator]]:
    monkeypatch.setattr(i18n, "_cache_dir", lambda: tmp_path / "cache")  # not the user's real cache
    previous = QLocale()
    translators = i18n.install_translators(qapp, "nb")
    yield translators
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(previous)


def test_with_norwegian_the_windows_speak_norwegian(qtbot, worker, session, norwegian):
    assert norwegian, "no Norwegian catalogue was installed"
    window = MainWindow(session, worker, fixed_clock)
    qtbot.addWidget(window, before_close_func=lambda _w: worker.wait_idle())
    window.show()
    with qtbot.waitSignal(window.timeline_loaded, timeout=WAIT_MS):
        window.reload(select=None)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[:3] == ["&Fil", "R&ediger", "&Klient"]
    assert window.new_entry_action.text() == "&Nytt notat …"
    assert window.title.text() == "Alle klienter"
    dialog = PreferencesDialog(Preferences(), window)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Innstillinger — ClientJournal"
    # Qt's own standard buttons too (PySide6 ships no qtbase_nb; our catalogue covers them).
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Avbryt"
    assert QApplication.translate("Labels", "Progress update") == "Statusoppdatering"
