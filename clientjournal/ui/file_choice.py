"""Choosing the file an action reads or writes, the same way for every action of the window.

The folder of the last file of each kind is remembered (the next dialog starts there). A file that exists is
replaced only after the user agreed: asked here rather than by the file dialog, so it is the same question on
every platform and with every dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def default_folder() -> Path:
    """Documents when the system has such a folder, else the home folder."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


class FileChoice(QObject):
    """File dialogs for one window; ``settings`` keeps the folders (None: the application's settings)."""

    def __init__(self, parent: QWidget, settings: QSettings | None) -> None:
        super().__init__(parent)
        self.window = parent
        self._settings = settings

    def settings(self) -> QSettings:
        return self._settings if self._settings is not None else QSettings()

    def folder(self, key: str) -> Path:
        stored = self.settings().value(key, "", str)
        folder = Path(str(stored)) if stored else default_folder()
        return folder if folder.is_dir() else default_folder()

    def open_path(self, title: str, key: str, file_filter: str) -> Path | None:
        """An existing file to read, or None when the user cancelled."""
        chosen, _filter = QFileDialog.getOpenFileName(self.window, title, str(self.folder(key)), file_filter)
        if not chosen:
            return None
        path = Path(chosen)
        self.settings().setValue(key, str(path.parent))
        return path

    def save_path(self, title: str, key: str, name: str, file_filter: str) -> Path | None:
        """A file to write (``name`` suggested), or None; an existing one only if the user agrees to replace it."""
        chosen, _filter = QFileDialog.getSaveFileName(
            self.window,
            title,
            str(self.folder(key) / name),
            file_filter,
            options=QFileDialog.Option.DontConfirmOverwrite,  # asked below, the same way everywhere
        )
        if not chosen:
            return None
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix(Path(name).suffix)
        if path.is_dir():
            QMessageBox.warning(
                self.window, title, self.tr("%1 is a folder. Choose a file name.").replace("%1", str(path))
            )
            return None
        if path.exists() and not self.agree_to_replace(title, path):
            return None
        self.settings().setValue(key, str(path.parent))
        return path

    def agree_to_replace(self, title: str, path: Path) -> bool:
        answer = QMessageBox.question(
            self.window,
            title,
            self.tr("%1 already exists. Replace it?").replace("%1", path.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def problem(self, title: str, exc: BaseException) -> bool:
        """Say why a file could not be read or written; False (nothing said) for any other error."""
        if not isinstance(exc, OSError):
            return False
        reason = exc.strerror or type(exc).__name__
        where = f" ({exc.filename})" if exc.filename else ""
        QMessageBox.warning(
            self.window, title, self.tr("The file could not be used: %1.").replace("%1", reason + where)
        )
        return True
