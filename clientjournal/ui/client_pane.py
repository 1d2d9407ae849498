"""The main window's left pane: the client search, the client list and "Show archived clients"."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QFrame, QLineEdit, QListView, QVBoxLayout, QWidget

from clientjournal.ui.delegates import ClientDelegate
from clientjournal.ui.models import ClientFilterProxy


class ClientPane(QFrame):
    """Filters ``client_filter`` as the user types or ticks; what selecting a client does is the window's."""

    def __init__(self, client_filter: ClientFilterProxy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clientPane")
        self.setMinimumWidth(230)  # names and badges stay readable however narrow the window
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 6, 10)
        layout.setSpacing(8)

        self.search = QLineEdit(self)
        self.search.setObjectName("clientSearch")
        self.search.setPlaceholderText(QCoreApplication.translate("MainWindow", "Search clients"))
        self.search.setAccessibleName(QCoreApplication.translate("MainWindow", "Search clients"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(client_filter.set_search)
        layout.addWidget(self.search)

        self.view = QListView(self)
        self.view.setObjectName("clientList")
        self.view.setAccessibleName(QCoreApplication.translate("MainWindow", "Clients"))
        self.view.setModel(client_filter)
        self.view.setUniformItemSizes(True)
        self.view.setItemDelegate(ClientDelegate(self.view))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.view, 1)

        self.show_archived = QCheckBox(
            QCoreApplication.translate("MainWindow", "Show &archived clients"), self
        )
        self.show_archived.setAccessibleName(
            QCoreApplication.translate("MainWindow", "Show archived clients")
        )
        self.show_archived.toggled.connect(client_filter.set_show_archived)
        layout.addWidget(self.show_archived)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
