"""Adding or editing a client's details."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clientjournal.domain import Channel, Client
from clientjournal.domain.models import new_id
from clientjournal.ui.labels import channel_label
from clientjournal.ui.widgets import MessageLabel, heading, mark_primary


class ClientDialog(QDialog):
    """Edits a copy of ``client`` (or a new one); :meth:`client` gives the result, id and version kept."""

    def __init__(self, client: Client | None = None, parent: QWidget | None = None) -> None:  # noqa: PLR0915 - a form, built top to bottom
        super().__init__(parent)
        self._original = client
        self.setObjectName("clientDialog")
        self.setWindowTitle(
            self.tr("New client — ClientJournal")
            if client is None
            else self.tr("Edit client — ClientJournal")
        )
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(
            heading(self.tr("New client") if client is None else self.tr("Edit client"), self, level=2)
        )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        def line(label: str, accessible: str, value: str) -> QLineEdit:
            field = QLineEdit(value, self)
            field.setAccessibleName(accessible)
            form.addRow(label, field)
            return field

        c = client
        self.name = line(self.tr("&Name:"), self.tr("Name"), c.name if c else "")
        self.company = line(self.tr("C&ompany:"), self.tr("Company"), c.company if c else "")
        self.email = line(self.tr("&Email:"), self.tr("Email"), c.email if c else "")
        self.phone = line(self.tr("&Phone:"), self.tr("Phone"), c.phone if c else "")

        self.channel = QComboBox(self)
        self.channel.setAccessibleName(self.tr("Preferred channel"))
        self.channel.addItem(self.tr("Not agreed yet"), None)
        for channel in Channel:
            self.channel.addItem(channel_label(channel), channel)
        if c and c.preferred_channel is not None:
            self.channel.setCurrentIndex(self.channel.findData(c.preferred_channel))
        self.channel.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        form.addRow(self.tr("Preferred &channel:"), self.channel)

        self.cadence = QSpinBox(self)
        self.cadence.setAccessibleName(self.tr("Update every (days)"))
        self.cadence.setRange(0, 365)
        self.cadence.setMinimumWidth(170)
        self.cadence.setSpecialValueText(self.tr("Not agreed yet"))
        self.cadence.setSuffix(self.tr(" days"))
        self.cadence.setValue((c.update_every_days or 0) if c else 0)
        form.addRow(self.tr("&Updates every:"), self.cadence)

        self.temperament = QPlainTextEdit(c.temperament if c else "", self)
        self.temperament.setAccessibleName(self.tr("Temperament"))
        self.temperament.setPlaceholderText(
            self.tr("How they like to be spoken to, what worries them, what delights them…")
        )
        self.temperament.setTabChangesFocus(True)
        self.temperament.setFixedHeight(80)
        form.addRow(self.tr("&Temperament:"), self.temperament)

        self.tags = line(self.tr("Ta&gs:"), self.tr("Tags"), ", ".join(c.tags) if c else "")
        self.tags.setPlaceholderText(self.tr("Comma separated, e.g. web, retainer"))

        self.archived = QCheckBox(self.tr("&Archived (hidden from the list)"), self)
        self.archived.setAccessibleName(self.tr("Archived"))
        self.archived.setChecked(bool(c and c.archived))
        form.addRow("", self.archived)
        layout.addLayout(form)

        self.message = MessageLabel(self)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        mark_primary(self.buttons.button(QDialogButtonBox.StandardButton.Save))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name.setFocus()

    def client(self) -> Client:
        tags = tuple(dict.fromkeys(t.strip() for t in self.tags.text().split(",") if t.strip()))
        values = {
            "name": self.name.text().strip(),
            "company": self.company.text().strip(),
            "email": self.email.text().strip(),
            "phone": self.phone.text().strip(),
            "preferred_channel": self.channel.currentData(),
            "update_every_days": self.cadence.value() or None,
            "temperament": self.temperament.toPlainText().strip(),
            "tags": tags,
            "archived": self.archived.isChecked(),
        }
        if self._original is None:
            return Client(id=new_id(), **values)  # type: ignore[arg-type, unused-ignore]
        return replace(self._original, **values)  # type: ignore[arg-type, unused-ignore]

    def accept(self) -> None:
        if not self.name.text().strip():
            self.message.show_error(self.tr("A client needs a name."))
            self.name.setFocus()
            return
        super().accept()
