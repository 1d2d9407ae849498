"""The JSON of a record's payload: the one encoder every write uses and the one decoder every reader uses.

They live here, below storage, so that an import can prove that what it keeps is readable (issue #14, finding 2):
:func:`round_trips` runs a kept value through exactly the encoder and decoder the vault uses, and the import
refuses, with its JSON path, any value that would not come back as it went in.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

_dumps_exactly = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def encode_payload(document: dict[str, Any]) -> bytes:
    try:
        return orjson.dumps(document)  # several times faster than the standard library: bulk imports
    except TypeError:  # integers beyond 64 bits, which only fields kept from an import can hold
        return _dumps_exactly(document).encode("utf-8")


def decode_payload(plaintext: bytes) -> dict[str, Any] | None:
    """The payload's JSON object, or None when it is not one."""
    try:
        try:
            document = orjson.loads(plaintext)
        except ValueError:
            # orjson refuses integers beyond float range (309+ digits); the standard parser reads them exactly.
            document = json.loads(plaintext)
        else:
            if isinstance(document, dict) and document.get("extra"):
                # orjson reads integers beyond 64 bits as floats. Only fields kept from an import ("extra") can
                # hold such numbers, so those payloads are read again by the standard parser, which keeps them.
                document = json.loads(plaintext)
    except (ValueError, RecursionError):
        return None
    return document if isinstance(document, dict) else None


def round_trips(value: object) -> bool:
    """Whether ``value``, kept as an unknown field, reads back exactly as it is (same decoder as the readers)."""
    document = {"extra": {"x": value}}
    try:
        return decode_payload(encode_payload(document)) == document
    except (TypeError, ValueError, RecursionError, OverflowError):
        return False
