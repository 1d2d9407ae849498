"""The shape of the JSON interchange format, version 1: names, field order and limits."""

from __future__ import annotations

FORMAT_NAME = "clientjournal"
FORMAT_VERSION = 1

# Field order as written on export (and as in the format's reference example).
DOCUMENT_KEYS = ("format", "version", "exported_at", "clients")
CLIENT_KEYS = (
    "id",
    "name",
    "company",
    "email",
    "phone",
    "preferred_channel",
    "update_every_days",
    "temperament",
    "tags",
    "archived",
    "projects",
    "entries",
)
PROJECT_KEYS = ("id", "title", "contract_signed_on", "due_on", "status", "delivered_on")
ENTRY_KEYS = ("id", "project", "occurred_at", "kind", "channel", "moods", "text", "promise")
PROMISE_KEYS = ("due_on", "status", "resolved_on")

MAX_UPDATE_EVERY_DAYS = 3650
"""Ten years: anything longer is a typo, and it keeps date arithmetic far from the calendar's end."""

MAX_EXTRA_DEPTH = 64
MAX_ID_LENGTH = 64
"""Ids are stored in clear columns of this width (see storage.schema)."""
"""How deeply an unknown field's value may nest; deeper values are refused so export never recurses too deep."""
