"""User-visible names of the journal's vocabularies, through Qt's translation system.

The stored values (``EntryKind.CALL == "call"``) never change; these are only how they are shown. Each text is a
literal inside ``translate`` so that lupdate can find it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def kind_label(kind: str) -> str:
    labels = {
        "note": QCoreApplication.translate("Labels", "Note"),
        "call": QCoreApplication.translate("Labels", "Call"),
        "meeting": QCoreApplication.translate("Labels", "Meeting"),
        "email": QCoreApplication.translate("Labels", "Email"),
        "message": QCoreApplication.translate("Labels", "Message"),
        "contract_signed": QCoreApplication.translate("Labels", "Contract signed"),
        "progress_update": QCoreApplication.translate("Labels", "Progress update"),
        "change_request": QCoreApplication.translate("Labels", "Change request"),
        "change_agreed": QCoreApplication.translate("Labels", "Change agreed"),
        "setback": QCoreApplication.translate("Labels", "Setback"),
        "promise": QCoreApplication.translate("Labels", "Promise"),
        "delivery": QCoreApplication.translate("Labels", "Delivery"),
        "problem_solved": QCoreApplication.translate("Labels", "Problem solved"),
    }
    return labels.get(str(kind), str(kind))


def channel_label(channel: str | None) -> str:
    if channel is None:
        return QCoreApplication.translate("Labels", "Not set")
    labels = {
        "email": QCoreApplication.translate("Labels", "Email"),
        "phone": QCoreApplication.translate("Labels", "Phone"),
        "video": QCoreApplication.translate("Labels", "Video call"),
        "meeting": QCoreApplication.translate("Labels", "In person"),
        "message": QCoreApplication.translate("Labels", "Message"),
        "other": QCoreApplication.translate("Labels", "Other"),
    }
    return labels.get(str(channel), str(channel))


def promise_status_label(status: str) -> str:
    labels = {
        "open": QCoreApplication.translate("Labels", "Open"),
        "kept": QCoreApplication.translate("Labels", "Kept"),
        "kept_early": QCoreApplication.translate("Labels", "Kept early"),
        "broken": QCoreApplication.translate("Labels", "Broken"),
    }
    return labels.get(str(status), str(status))


def mood_label(name: str) -> str:
    labels = {
        "enthusiastic": QCoreApplication.translate("Labels", "enthusiastic"),
        "satisfied": QCoreApplication.translate("Labels", "satisfied"),
        "calm": QCoreApplication.translate("Labels", "calm"),
        "neutral": QCoreApplication.translate("Labels", "neutral"),
        "uncertain": QCoreApplication.translate("Labels", "uncertain"),
        "anxious": QCoreApplication.translate("Labels", "anxious"),
        "frustrated": QCoreApplication.translate("Labels", "frustrated"),
        "angry": QCoreApplication.translate("Labels", "angry"),
    }
    return labels.get(name, name)
