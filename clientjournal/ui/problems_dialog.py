"""A readable list of problems: an import file's errors (each with its JSON path) or what a vault check found.

A message box cuts long lists and cannot be searched by eye; this dialog shows every problem on its own row,
lets the user copy the whole list (to fix a file in an editor, or to send to someone who can help) and says in
its heading what happened and what did not.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clientjournal.ui.widgets import heading, paragraph


class ProblemsDialog(QDialog):
    """``rows`` are (where, problem) pairs; with ``where_title`` empty the list has just the problem column."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        headline: str,
        explanation: str,
        rows: Sequence[tuple[str, str]],
        where_title: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("problemsDialog")
        self.setWindowTitle(title)
        self.setMinimumSize(640, 380)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(heading(headline, self, level=2))
        layout.addWidget(paragraph(explanation, self))
        self.problems = QTreeWidget(self)
        self.problems.setObjectName("problemList")
        self.problems.setRootIsDecorated(False)
        self.problems.setUniformRowHeights(True)
        self.problems.setAlternatingRowColors(True)
        self.problems.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.problems.setAccessibleName(self.tr("Problems"))
        self._with_where = bool(where_title)
        if self._with_where:
            self.problems.setHeaderLabels([where_title, self.tr("Problem")])
        else:
            self.problems.setHeaderLabels([self.tr("Problem")])
        for where, problem in rows:
            columns = [where, problem] if self._with_where else [problem]
            item = QTreeWidgetItem(columns)
            for column, text in enumerate(columns):
                item.setToolTip(column, text)
            self.problems.addTopLevelItem(item)
        header = self.problems.header()
        header.setStretchLastSection(True)
        if self._with_where:
            self.problems.resizeColumnToContents(0)
            self.problems.setColumnWidth(0, min(self.problems.columnWidth(0) + 24, 360))  # room, but not all
        layout.addWidget(self.problems, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("&Copy the list"), self)
        self.copy_button.setToolTip(self.tr("Copy every problem as text, one per line"))
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        close.setFocus()

    def rows(self) -> list[str]:
        """Every problem as one line of text, as the clipboard gets it."""
        lines = []
        for index in range(self.problems.topLevelItemCount()):
            item = self.problems.topLevelItem(index)
            if item is None:
                continue
            lines.append(f"{item.text(0)}: {item.text(1)}" if self._with_where else item.text(0))
        return lines

    def copy_to_clipboard(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(self.rows()) + "\n")
