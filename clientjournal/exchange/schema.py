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
    "language",
    "projects",
    "entries",
)
PROJECT_KEYS = ("id", "title", "contract_signed_on", "due_on", "status", "delivered_on")
ENTRY_KEYS = ("id", "project", "occurred_at", "kind", "channel", "moods", "text", "promise", "client_told_at")
PROMISE_KEYS = ("due_on", "status", "resolved_on", "title")
# Optional fields, written only when set: a client's language, a promise's title, when the client was told.

LANGUAGES = ("en", "nb")
"""The languages a client can be written to in."""
MAX_PROMISE_TITLE = 200
"""Characters of a promise's title: a short name, not the whole story (that is the entry's text)."""
TOLD_KINDS = ("setback", "problem_solved")
"""The kinds of entry the client is told about (``client_told_at``)."""

MAX_UPDATE_EVERY_DAYS = 3650
"""Ten years: anything longer is a typo, and it keeps date arithmetic far from the calendar's end."""

MAX_EXTRA_DEPTH = 64
"""How deeply an unknown field's value may nest; deeper values are refused so export never recurses too deep."""
MAX_ID_LENGTH = 64
"""Ids are stored in clear columns of this width (see storage.schema)."""
