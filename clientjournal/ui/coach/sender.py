"""The name the coach signs drafts with: a field in Preferences, kept as an encrypted vault setting.

It lives in the vault rather than in the OS settings so the command line signs with the same name and nothing
about the user's clients or business sits in a plaintext settings file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from clientjournal.services.changes import VaultChanges

if TYPE_CHECKING:
    from clientjournal.ui.operations import Operations

SENDER_FIELD = "senderName"


def add_sender_name(dialog: QDialog, ops: Operations) -> QLineEdit:
    """Add "Sign drafts as" to ``dialog`` (Preferences) under its main form; saved when the dialog is accepted.

    The current name is read on the worker; the field stays disabled until it arrives, so an early OK cannot
    blank a name it never saw.
    """
    field = QLineEdit(dialog)
    field.setObjectName(SENDER_FIELD)
    field.setAccessibleName(QCoreApplication.translate("SenderName", "Name to sign drafted messages with"))
    field.setPlaceholderText(QCoreApplication.translate("SenderName", "Your name, as clients know you"))
    field.setEnabled(False)
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.addRow(QCoreApplication.translate("SenderName", "Sign &drafts as:"), field)
    hint = QLabel(
        QCoreApplication.translate("SenderName", "The coach's drafted messages end with this name."), dialog
    )
    hint.setObjectName("hint")
    hint.setWordWrap(True)
    form.addRow("", hint)
    layout = dialog.layout()
    if isinstance(layout, QVBoxLayout):
        items = [(i, layout.itemAt(i)) for i in range(layout.count())]
        forms = [i for i, item in items if item is not None and isinstance(item.layout(), QFormLayout)]
        layout.insertLayout(forms[0] + 1 if forms else layout.count(), form)
    loaded: list[str] = []

    def show(name: str) -> None:
        loaded.append(name)
        field.setText(name)
        field.setEnabled(True)

    ops.query(lambda s: s.settings.sender_name(), key=(dialog, SENDER_FIELD)).success(show).run()

    def save() -> None:
        name = " ".join(field.text().split())
        if loaded and name != loaded[0]:
            ops.change(lambda s: s.settings.save_sender_name(name), VaultChanges(settings=True)).run()

    dialog.accepted.connect(save)
    return field
