"""User-visible names of the journal's vocabularies, through Qt's translation system.

The stored values (``EntryKind.CALL == "call"``) never change; these are only how they are shown. Each text is a
literal inside ``translate`` so that lupdate can find it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def kind_label(kind: str) -> str:
    labels = {
        "note": _t("Note"),
        "call": _t("Call"),
        "meeting": _t("Meeting"),
        "email": _t("Email"),
        "message": _t("Message"),
        "contract_signed": _t("Contract signed"),
        "progress_update": _t("Progress update"),
        "change_request": _t("Change request"),
        "change_agreed": _t("Change agreed"),
        "setback": _t("Setback"),
        "promise": _t("Promise"),
        "delivery": _t("Delivery"),
        "problem_solved": _t("Problem solved"),
    }
    return labels.get(str(kind), str(kind))


def channel_label(channel: str | None) -> str:
    if channel is None:
        return _t("Not set")
    labels = {
        "email": _t("Email"),
        "phone": _t("Phone"),
        "video": _t("Video call"),
        "meeting": _t("In person"),
        "message": _t("Message"),
        "other": _t("Other"),
    }
    return labels.get(str(channel), str(channel))


def promise_status_label(status: str) -> str:
    labels = {
        "open": _t("Open"),
        "kept": _t("Kept"),
        "kept_early": _t("Kept early"),
        "broken": _t("Broken"),
    }
    return labels.get(str(status), str(status))


def mood_label(name: str) -> str:
    labels = {
        "enthusiastic": _t("enthusiastic"),
        "satisfied": _t("satisfied"),
        "calm": _t("calm"),
        "neutral": _t("neutral"),
        "uncertain": _t("uncertain"),
        "anxious": _t("anxious"),
        "frustrated": _t("frustrated"),
        "angry": _t("angry"),
    }
    return labels.get(name, name)
