"""The coach sidebar's quiet panels: the "all clear" state and the promise ledger."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from clientjournal.coach import PromiseLedger
from clientjournal.ui.coach.cards import coach_label, restyle
from clientjournal.ui.coach.icons import line_pixmap
from clientjournal.ui.coach.style import good_colour


class EmptyState(QFrame):
    """A friendly "all clear": a check mark, a title and a line of text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coachEmpty")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 22, 18, 22)
        layout.setSpacing(6)
        self.icon = QLabel(self)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.icon)
        self.title = coach_label("", "emptyTitle", self, wrap=True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title)
        self.text = coach_label("", "emptyText", self, wrap=True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.text)

    def show_message(self, title: str, text: str) -> None:
        self.icon.setPixmap(line_pixmap("check", good_colour(), 30, stroke=2.2))
        self.title.setText(title)
        self.text.setText(text)
        self.setAccessibleName(f"{title} {text}")


class LedgerPanel(QFrame):
    """Promises kept, kept early, broken and open, and the kept-on-time rate."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ledgerPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)
        self.caption = coach_label(self.tr("PROMISES"), "coachEyebrow", self)
        layout.addWidget(self.caption)
        self.grid = QWidget(self)
        grid = QGridLayout(self.grid)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(0)
        self.numbers: dict[str, QLabel] = {}
        captions = {
            "kept": self.tr("kept"),
            "kept_early": self.tr("early"),
            "broken": self.tr("broken"),
            "open": self.tr("open"),
        }
        for column, (key, caption) in enumerate(captions.items()):
            number = coach_label("0", "ledgerNumber", self.grid)
            number.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            text = coach_label(caption, "ledgerCaption", self.grid)
            text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            grid.addWidget(number, 0, column)
            grid.addWidget(text, 1, column)
            self.numbers[key] = number
        layout.addWidget(self.grid)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("ledgerBar")
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(6)
        self.bar.setAccessibleName(self.tr("Promises kept on time"))
        layout.addWidget(self.bar)
        self.rate = coach_label("", "ledgerRate", self, wrap=True)
        layout.addWidget(self.rate)

    def set_ledger(self, ledger: PromiseLedger) -> None:
        for key, value in ledger.to_json().items():
            if key in self.numbers:
                self.numbers[key].setText(str(value))
        tones = {"kept": "good", "kept_early": "good", "broken": "bad", "open": ""}
        for key, label in self.numbers.items():
            label.setProperty("tone", tones[key] if label.text() != "0" else "")
            restyle(label)
        rate = ledger.kept_on_time_rate
        self.grid.setVisible(ledger.total > 0)
        self.bar.setVisible(rate is not None)
        if rate is None:
            self.rate.setText(
                self.tr("No promises recorded yet.")
                if ledger.total == 0
                else self.tr("No promise resolved yet.")
            )
        else:
            percent = round(rate * 100)
            self.bar.setValue(percent)
            self.rate.setText(
                self.tr("%1 % kept on time (%2 of %3)")
                .replace("%1", str(percent))
                .replace("%2", str(ledger.kept + ledger.kept_early))
                .replace("%3", str(ledger.resolved))
            )
        self.setAccessibleName(
            self.tr("Promises: %1 kept, %2 kept early, %3 broken, %4 open")
            .replace("%1", str(ledger.kept))
            .replace("%2", str(ledger.kept_early))
            .replace("%3", str(ledger.broken))
            .replace("%4", str(ledger.open))
        )
