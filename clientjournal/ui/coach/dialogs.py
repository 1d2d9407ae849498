"""The coach's small dialogs: a drafted message to send or copy, and "snooze until"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from urllib.parse import quote

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clientjournal.coach import Draft
from clientjournal.domain import Channel
from clientjournal.ui.date_fields import fit_weekday_header
from clientjournal.ui.widgets import MessageLabel, fit_window_title, heading, mark_primary, ok_cancel_buttons


def mailto_url(address: str, subject: str, body: str) -> QUrl:
    """A ``mailto:`` URL (RFC 6068) with the subject and body percent-encoded, line breaks as CRLF."""
    crlf = "\r\n".join(body.splitlines())
    query = f"subject={quote(subject, safe='')}&body={quote(crlf, safe='')}"
    return QUrl.fromEncoded(f"mailto:{quote(address.strip(), safe='@.+-_')}?{query}".encode("ascii"))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DraftDialog(QDialog):
    """A message drafted from the playbook, editable, to open in the mail app or copy."""

    def __init__(
        self,
        draft: Draft,
        *,
        client_name: str,
        email: str,
        language: str,
        redraft: Callable[[str], Draft] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("coachDraftDialog")
        self.setWindowTitle(self.tr("Draft a message — ClientJournal"))
        self.setMinimumSize(540, 460)
        self._email = email.strip()
        self._redraft = redraft
        self._channel = draft.channel
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        title = (
            self.tr("Message to %1") if not draft.channel.is_live else self.tr("Talking points for %1")
        ).replace("%1", client_name)
        layout.addWidget(heading(title, self, level=2))
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)

        form = QFormLayout()
        self.language = QComboBox(self)
        self.language.setAccessibleName(self.tr("Language of the message"))
        self.language.addItem("English", "en")  # language names are written in their own language
        self.language.addItem("Norsk bokmål", "nb")
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.language.setEnabled(redraft is not None)
        self.language.currentIndexChanged.connect(self._language_changed)
        form.addRow(self.tr("&Language:"), self.language)
        self.subject = QLineEdit(self)
        self.subject.setAccessibleName(self.tr("Subject"))
        form.addRow(self.tr("&Subject:"), self.subject)
        layout.addLayout(form)
        self.body = QPlainTextEdit(self)
        self.body.setAccessibleName(self.tr("Message text"))
        self.body.setTabChangesFocus(True)
        layout.addWidget(self.body, 1)
        self.message = MessageLabel(self)
        layout.addWidget(self.message)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_mail = QPushButton(self.tr("&Open in mail app"), self)
        self.open_mail.setAccessibleName(self.tr("Open in mail app"))
        self.copy_button = QPushButton(self.tr("&Copy"), self)
        self.copy_button.setAccessibleName(self.tr("Copy the message"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_mail, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.open_mail.clicked.connect(self.open_in_mail_app)
        self.copy_button.clicked.connect(self.copy)
        layout.addWidget(buttons)
        self._show(draft)

    def _show(self, draft: Draft) -> None:
        self._channel = draft.channel
        self.subject.setText(draft.subject)
        self.body.setPlainText(draft.body)
        can_mail = draft.channel is Channel.EMAIL and bool(self._email)
        self.open_mail.setVisible(draft.channel is Channel.EMAIL)
        self.open_mail.setEnabled(can_mail)
        if can_mail:
            mark_primary(self.open_mail)
        else:
            mark_primary(self.copy_button)
        if draft.channel is Channel.EMAIL and not self._email:
            self.hint.setText(self.tr("No email address on the client's card: copy the text instead."))
        else:
            self.hint.setText(self._hint(draft.channel))

    def _hint(self, channel: Channel) -> str:
        # Whole sentences rather than a channel name dropped into one: its form, article and case differ by
        # language, and some names ("In person", "Other") make no sense mid-sentence.
        hints = {
            Channel.PHONE: self.tr("Points to cover in the phone call — adapt them to the conversation."),
            Channel.VIDEO: self.tr("Points to cover in the video call — adapt them to the conversation."),
            Channel.MEETING: self.tr("Points to cover in the meeting — adapt them to the conversation."),
            Channel.EMAIL: self.tr("A starting point for the email — adapt it so it sounds like you."),
            Channel.MESSAGE: self.tr("A starting point for the message — adapt it so it sounds like you."),
        }
        return hints.get(channel) or self.tr("A starting point — adapt it so it sounds like you.")

    def _language_changed(self) -> None:
        if self._redraft is not None:
            self._show(self._redraft(str(self.language.currentData())))

    def text(self) -> str:
        """What "Copy" puts on the clipboard: the message, or the subject and talking points."""
        body = self.body.toPlainText().strip()
        if self._channel in (Channel.EMAIL, Channel.MESSAGE, Channel.OTHER):
            return body + "\n"
        return f"{self.subject.text().strip()}\n\n{body}\n"

    def mailto(self) -> QUrl:
        return mailto_url(self._email, self.subject.text().strip(), self.body.toPlainText().strip() + "\n")

    def open_in_mail_app(self) -> None:
        if not QDesktopServices.openUrl(self.mailto()):
            self.message.show_error(self.tr("No mail app could be opened. Copy the text instead."))
            return
        self.message.show_info(self.tr("Opened in your mail app."))

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
        self.message.show_info(self.tr("Copied to the clipboard."))


class SnoozeDialog(QDialog):
    """Pick the day an action comes back: tomorrow, next week, or any later date."""

    def __init__(self, today: date, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coachSnoozeDialog")
        self.setWindowTitle(self.tr("Snooze — ClientJournal"))
        fit_window_title(self)
        self._today = today
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(heading(self.tr("Snooze until…"), self, level=2))
        what = QLabel(title, self)
        what.setObjectName("hint")
        what.setWordWrap(True)
        layout.addWidget(what)
        quick = QHBoxLayout()
        self.tomorrow = QPushButton(self.tr("&Tomorrow"), self)
        self.next_week = QPushButton(self.tr("&Next week"), self)
        self.tomorrow.setAccessibleName(self.tr("Snooze until tomorrow"))
        self.next_week.setAccessibleName(self.tr("Snooze for a week"))
        self.tomorrow.clicked.connect(lambda: self._choose(today + timedelta(days=1)))
        self.next_week.clicked.connect(lambda: self._choose(today + timedelta(days=7)))
        quick.addWidget(self.tomorrow)
        quick.addWidget(self.next_week)
        quick.addStretch(1)
        layout.addLayout(quick)
        self.calendar = QCalendarWidget(self)
        self.calendar.setAccessibleName(self.tr("Snooze until date"))
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        fit_weekday_header(self.calendar)
        self.calendar.setMinimumDate(_qdate(today + timedelta(days=1)))
        self.calendar.setSelectedDate(_qdate(today + timedelta(days=1)))
        self.calendar.activated.connect(lambda _day: self.accept())
        layout.addWidget(self.calendar)
        buttons = ok_cancel_buttons(self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Snooze"))
        layout.addWidget(buttons)

    def _choose(self, day: date) -> None:
        self.calendar.setSelectedDate(_qdate(day))
        self.accept()

    def until(self) -> date:
        chosen = self.calendar.selectedDate().toPython()
        assert isinstance(chosen, date)
        return max(chosen, self._today + timedelta(days=1))
