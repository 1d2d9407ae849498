"""Client → Export summary PDF…: the dialog, the work on the worker with progress, replacing, errors, the result."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QMessageBox
from support.constants import NOW, WAIT_MS, fixed_clock

from clientjournal.domain import Channel, Client, Entry, EntryKind
from clientjournal.reports import Audience, ReportOptions
from clientjournal.ui import i18n, report_export, report_fields
from clientjournal.ui.mainwindow import MainWindow
from clientjournal.ui.report_dialog import ReportDialog
from clientjournal.ui.report_fields import safe_file_name

NAME = "Kari Ærlig Østbø"
TEMPERAMENT = "Worries when dates move; prefers a phone call to long emails."


@pytest.fixture
def window(qtbot, worker, session) -> Iterator[MainWindow]:
    session.journal.save_client(
        Client(
            "c1",
            NAME,
            "Fjordlys AS",
            "kari@fjordlys.no",
            "+47 412 34 567",
            Channel.PHONE,
            14,
            TEMPERAMENT,
            language="nb",
        )
    )
    session.journal.save_client(Client("c2", "Zoë Hart", "Hart & Co"))
    session.journal.save_entry(
        Entry("e1", "c1", NOW - timedelta(days=3), EntryKind.CALL, "Agreed the launch date.", moods=("calm",))
    )
    main = MainWindow(session, worker, fixed_clock)
    qtbot.addWidget(main, before_close_func=lambda _w: worker.wait_idle())
    main.show()
    with qtbot.waitSignal(main.clients_loaded, timeout=WAIT_MS):
        main.reload(select="c1")
    yield main
    worker.wait_idle()


def _dialog(qtbot, window: MainWindow) -> ReportDialog:
    dialog = window.client_manager.export_report()
    assert isinstance(dialog, ReportDialog)
    qtbot.waitExposed(dialog)
    return dialog


def _export(qtbot, dialog: ReportDialog) -> None:
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
        dialog.export_button.click()


def _text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return re.sub(r"\s+", " ", out.stdout.decode("utf-8")).replace("\u200b", "")


def test_the_current_client_is_ticked_and_the_file_named_after_it(qtbot, window: MainWindow):
    dialog = _dialog(qtbot, window)
    assert dialog.chosen() == ["c1"]
    assert dialog.path.text().endswith(f"{NAME} – summary.pdf")
    assert dialog.for_self.isChecked()
    assert dialog.language.currentData() is None
    assert dialog.language.currentText() == "The client's language (Norsk bokmål)"  # her own, not a guess
    assert dialog.start.value() is None
    assert dialog.end.value() is None  # all time
    dialog.set_chosen(["c1", "c2"])
    assert dialog.path.text().endswith("Client summaries.pdf")
    assert dialog.language.currentText() == "Each client's language"
    for widget in (dialog.client_list, dialog.path, dialog.language, dialog.export_button, dialog.choose):
        assert widget.accessibleName()


def test_export_writes_the_pdf_with_progress_then_offers_open(
    qtbot, window: MainWindow, tmp_path, monkeypatch
):
    target = tmp_path / "kari.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_args, **_kw: (str(target), "PDF files (*.pdf)")
    )
    dialog = _dialog(qtbot, window)
    dialog.choose.click()
    assert dialog.path.text() == str(target)
    seen: list[int] = []
    dialog.progress.valueChanged.connect(seen.append)

    _export(qtbot, dialog)
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert NAME in _text(target)
    assert max(seen) == 3  # the builder's progress reached the bar, from the worker thread
    assert not dialog.running
    assert not dialog.progress.isVisible()
    assert dialog.result_row.isVisible()
    assert "kari.pdf" in dialog.result_label.text()
    assert "page" in dialog.result_label.text()
    assert dialog.export_button.isEnabled()  # the form is usable again

    opened: list[QUrl] = []
    answers = [False, True]
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or answers.pop(0))
    dialog.open_button.click()
    assert opened[-1].toLocalFile() == str(target)
    assert dialog.message.isVisible()
    assert "No PDF viewer opened" in dialog.message.text()
    dialog.open_button.click()
    assert not dialog.message.isVisible()
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog.folder_button.click()
    assert opened[-1].toLocalFile() == str(tmp_path)


def test_an_existing_file_is_replaced_only_when_the_user_agrees(
    qtbot, window: MainWindow, tmp_path, monkeypatch
):
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"old")
    asked: list[QMessageBox] = []
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box) or answers.pop(0))
    dialog = _dialog(qtbot, window)
    dialog.path.setText(str(target))

    dialog.export_button.click()
    assert len(asked) == 1
    assert "summary.pdf" in asked[0].text()
    assert "Replace" in asked[0].text()
    assert not dialog.running
    window._worker.wait_idle()
    assert target.read_bytes() == b"old"  # declined: untouched
    assert "Nothing was written" in dialog.message.text()

    _export(qtbot, dialog)
    assert len(asked) == 2
    assert target.read_bytes().startswith(b"%PDF")


def test_a_folder_that_cannot_be_written_gets_one_message_and_keeps_the_form(
    qtbot, window: MainWindow, tmp_path, monkeypatch
):
    dialog = _dialog(qtbot, window)
    dialog.for_client.setChecked(True)
    dialog.confidential.setChecked(True)
    missing = tmp_path / "nowhere" / "summary.pdf"
    dialog.path.setText(str(missing))
    dialog.export_button.click()
    assert dialog.message.isVisible()
    assert "does not exist" in dialog.message.text()
    assert not missing.parent.exists()

    locked = tmp_path / "locked"
    locked.mkdir()
    target = locked / "summary.pdf"
    dialog.path.setText(str(target))
    if os.geteuid() == 0:  # root writes anywhere: let the folder look read-only to the dialog
        monkeypatch.setattr(report_fields.os, "access", lambda _path, _mode: False)
    else:
        locked.chmod(0o500)
    try:
        dialog.export_button.click()
    finally:
        locked.chmod(0o700)
    assert "cannot save files in" in dialog.message.text()
    assert not target.exists()
    # Nothing the user chose is lost.
    assert dialog.path.text() == str(target)
    assert dialog.for_client.isChecked()
    assert dialog.confidential.isChecked()
    assert dialog.chosen() == ["c1"]


def test_a_write_that_fails_on_the_worker_shows_why(qtbot, window: MainWindow, tmp_path, monkeypatch):
    def refuse(path: Path, _pdf: bytes, *, replace: bool = False) -> Path:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(report_export, "write_report", refuse)
    dialog = _dialog(qtbot, window)
    dialog.path.setText(str(tmp_path / "summary.pdf"))
    with qtbot.waitSignal(dialog.failed, timeout=WAIT_MS) as failed:
        dialog.export_button.click()
    assert "Could not write" in failed.args[0]
    assert "Permission denied" in failed.args[0]
    assert dialog.export_button.isEnabled()
    assert not dialog.progress.isVisible()


def test_a_client_deleted_meanwhile_gets_a_clear_message(qtbot, window: MainWindow, session, tmp_path):
    dialog = _dialog(qtbot, window)
    dialog.path.setText(str(tmp_path / "summary.pdf"))
    session.delete_client("c1")
    with qtbot.waitSignal(dialog.failed, timeout=WAIT_MS) as failed:
        dialog.export_button.click()
    assert "no longer exists" in failed.args[0]
    assert not (tmp_path / "summary.pdf").exists()


def test_for_the_client_reaches_the_report(qtbot, window: MainWindow, tmp_path, monkeypatch):
    built: list[ReportOptions] = []
    real = report_export.build_report
    monkeypatch.setattr(
        report_export,
        "build_report",
        lambda s, options, now, progress: built.append(options) or real(s, options, now, progress),
    )
    dialog = _dialog(qtbot, window)
    dialog.for_client.setChecked(True)
    assert not dialog.include_private.isEnabled()
    dialog.mask_contacts.setChecked(True)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.path.setText(str(tmp_path / "for-kari"))  # .pdf is added
    _export(qtbot, dialog)
    assert built[-1].audience is Audience.CLIENT
    assert built[-1].mask_contacts
    assert built[-1].language == "en"
    text = _text(tmp_path / "for-kari.pdf")
    assert "For the client" in text
    assert "For my records" not in text
    assert TEMPERAMENT not in text
    assert "kari@fjordlys.no" not in text  # masked

    dialog.for_self.setChecked(True)
    dialog.language.setCurrentIndex(dialog.language.findData("nb"))
    dialog.path.setText(str(tmp_path / "til-meg.pdf"))
    _export(qtbot, dialog)
    assert built[-1].audience is Audience.SELF
    assert built[-1].language == "nb"
    assert "Til eget bruk" in _text(tmp_path / "til-meg.pdf")


def test_the_menu_action_and_the_context_menu_open_the_dialog(qtbot, window: MainWindow):
    manager = window.client_manager
    action = manager.report_action
    assert action in window.client_menu.actions()
    assert action.shortcut().toString() == "Ctrl+Shift+P"
    assert action.isEnabled()
    action.trigger()
    dialogs = window.findChildren(ReportDialog)
    assert len(dialogs) == 1
    assert dialogs[0].isVisible()
    assert dialogs[0].chosen() == ["c1"]
    dialogs[0].close()

    menu = manager.context_menu()
    entry = next(a for a in menu.actions() if a.text().replace("&", "") == "Export summary PDF…")
    entry.trigger()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ReportDialog)), timeout=WAIT_MS)


def test_on_all_clients_every_active_client_is_ticked(qtbot, window: MainWindow):
    window.select_client(None)
    dialog = _dialog(qtbot, window)
    assert dialog.chosen() == [c.id for c in window.clients.clients()]
    dialog.select_none.click()
    assert dialog.chosen() == []
    dialog.export_button.click()
    assert "Tick at least one client" in dialog.message.text()


def test_a_period_that_ends_before_it_starts_is_refused(qtbot, window: MainWindow, tmp_path):
    dialog = _dialog(qtbot, window)
    dialog.path.setText(str(tmp_path / "summary.pdf"))
    dialog.start.set_value(NOW.date())
    dialog.end.set_value(NOW.date() - timedelta(days=1))
    dialog.export_button.click()
    assert "starts after it ends" in dialog.message.text()
    assert not dialog.running


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("Kari Ærlig – summary.pdf", "Kari Ærlig – summary.pdf"),
        ('A/B: "C"? <D>|E*.pdf', "A B C D E.pdf"),
        ("..\\..\\evil.pdf", "evil.pdf"),
        ("CON.pdf", "_CON.pdf"),
        ("  . .pdf", "summary.pdf"),
        ("x" * 300 + ".pdf", "x" * 120 + ".pdf"),
    ],
)
def test_file_names_are_made_safe(name: str, safe: str):
    assert safe_file_name(name) == safe


@pytest.fixture(params=["en", "nb"])
def language(request, qapp, tmp_path, monkeypatch) -> Iterator[str]:
    """The UI in English or Norwegian, as the app installs it."""
    monkeypatch.setattr(i18n, "_cache_dir", lambda: tmp_path / "cache")  # not the user's real cache
    previous = QLocale()
    translators = i18n.install_translators(qapp, request.param)
    yield request.param
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(previous)


def test_every_field_has_its_own_shortcut_and_the_keyboard_works(qtbot, language, window: MainWindow):
    dialog = _dialog(qtbot, window)
    texts = [w.text() for w in dialog.findChildren(QAbstractButton) if w.isVisibleTo(dialog)]
    texts += [label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    keys = [m.group(1).casefold() for t in texts if (m := re.search(r"&([^&\s])", t))]
    assert len(keys) >= 14
    assert len(keys) == len(set(keys)), sorted(keys)
    if language == "nb":
        assert dialog.windowTitle() == "Eksporter sammendrag som PDF — ClientJournal"
        assert dialog.path.text().endswith(f"{NAME} – sammendrag.pdf")

    dialog.client_list.setFocus()
    dialog.client_list.setCurrentRow(1)
    qtbot.keyClick(dialog.client_list, Qt.Key.Key_Space)
    assert dialog.chosen() == ["c1", "c2"]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT_MS)
    key = Qt.Key.Key_I if language == "en" else Qt.Key.Key_U  # For the cl&ient / Til k&unden
    qtbot.keyClick(dialog.focusWidget(), key, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.for_client.isChecked, timeout=WAIT_MS)  # a mnemonic clicks (animated)
    assert dialog.focusWidget() is dialog.for_client


def test_closing_or_locking_while_exporting_drops_the_result_quietly(qtbot, window: MainWindow, tmp_path):
    dialog = _dialog(qtbot, window)
    dialog.path.setText(str(tmp_path / "summary.pdf"))
    results: list[str] = []
    dialog.exported.connect(results.append)
    dialog.failed.connect(results.append)
    dialog.export_button.click()
    assert dialog.running
    assert dialog.progress.isVisible()
    assert not dialog.export_button.isEnabled()
    dialog.close()  # deleted on close
    assert window._worker.wait_idle(WAIT_MS)
    qtbot.wait(50)
    assert results == []
    assert not any(d.isVisible() for d in window.findChildren(ReportDialog))

    again = _dialog(qtbot, window)
    window.editor.prepare_lock()  # what locking does to open dialogs
    assert not again.isVisible()


def test_the_client_list_rows_fit_their_check_boxes(qtbot, window: MainWindow, qapp):
    from clientjournal.ui import theme

    theme.apply_theme(qapp)  # the app's style sheet, whose check boxes are 14 px plus a 1 px border
    try:
        dialog = _dialog(qtbot, window)
        rows = [dialog.client_list.visualItemRect(dialog.client_list.item(i)) for i in range(2)]
        box = 16
        assert all(row.height() >= box + 4 for row in rows), [row.height() for row in rows]
        dialog.close()
    finally:
        qapp.setStyleSheet("")
