"""Qt's own user-visible texts that ClientJournal's windows show, listed so lupdate puts them in our catalogue.

PySide6 ships no Norwegian Bokmål catalogue for qtbase (only Nynorsk), so without these the standard buttons
(OK, Cancel, Save…) and the edit menus of text fields would stay English in a Norwegian UI. The contexts and
source texts are exactly Qt's; an installed translator answers for any context. Nothing calls this at run time.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def qt_texts() -> list[str]:
    return [
        QCoreApplication.translate("QPlatformTheme", "OK"),
        QCoreApplication.translate("QPlatformTheme", "Save"),
        QCoreApplication.translate("QPlatformTheme", "Save All"),
        QCoreApplication.translate("QPlatformTheme", "Open"),
        QCoreApplication.translate("QPlatformTheme", "&Yes"),
        QCoreApplication.translate("QPlatformTheme", "Yes to &All"),
        QCoreApplication.translate("QPlatformTheme", "&No"),
        QCoreApplication.translate("QPlatformTheme", "N&o to All"),
        QCoreApplication.translate("QPlatformTheme", "Abort"),
        QCoreApplication.translate("QPlatformTheme", "Retry"),
        QCoreApplication.translate("QPlatformTheme", "Ignore"),
        QCoreApplication.translate("QPlatformTheme", "Close"),
        QCoreApplication.translate("QPlatformTheme", "Cancel"),
        QCoreApplication.translate("QPlatformTheme", "Discard"),
        QCoreApplication.translate("QPlatformTheme", "Help"),
        QCoreApplication.translate("QPlatformTheme", "Apply"),
        QCoreApplication.translate("QPlatformTheme", "Reset"),
        QCoreApplication.translate("QPlatformTheme", "Restore Defaults"),
        QCoreApplication.translate("QLineEdit", "&Undo"),
        QCoreApplication.translate("QLineEdit", "&Redo"),
        QCoreApplication.translate("QLineEdit", "Cu&t"),
        QCoreApplication.translate("QLineEdit", "&Copy"),
        QCoreApplication.translate("QLineEdit", "&Paste"),
        QCoreApplication.translate("QLineEdit", "Delete"),
        QCoreApplication.translate("QLineEdit", "Select All"),
        QCoreApplication.translate("QWidgetTextControl", "&Undo"),
        QCoreApplication.translate("QWidgetTextControl", "&Redo"),
        QCoreApplication.translate("QWidgetTextControl", "Cu&t"),
        QCoreApplication.translate("QWidgetTextControl", "&Copy"),
        QCoreApplication.translate("QWidgetTextControl", "Copy &Link Location"),
        QCoreApplication.translate("QWidgetTextControl", "&Paste"),
        QCoreApplication.translate("QWidgetTextControl", "Delete"),
        QCoreApplication.translate("QWidgetTextControl", "Select All"),
        QCoreApplication.translate("QMessageBox", "Show Details..."),
        QCoreApplication.translate("QMessageBox", "Hide Details..."),
    ]
