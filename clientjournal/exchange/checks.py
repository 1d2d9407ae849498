"""Field checks shared by the reader of the interchange format: each one records a problem with its JSON
path instead of raising, so a whole file can be checked in one pass (see :mod:`exchange_read`)."""

from __future__ import annotations

import difflib
import json
import math
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, timezone, tzinfo
from enum import StrEnum

from clientjournal.domain.entities import new_id
from clientjournal.errors import ImportProblem, ImportValidationError
from clientjournal.exchange.payload import round_trips
from clientjournal.exchange.schema import LANGUAGES, MAX_EXTRA_DEPTH, MAX_ID_LENGTH

__all__ = ["Checker", "enum_message", "json_type", "key_path", "show"]

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_BAD_ID: str = ""
NUL_CHARACTER = re.compile("\x00")
"""Never part of an id: NUL (PostgreSQL cannot store it in text, and C APIs cut strings at it)."""
_EXAMPLE_DATETIME = "e.g. 2026-11-02T14:00:00+01:00"
_EXAMPLE_DATE = "e.g. 2026-11-02"


class _NonFiniteNumberError(ValueError):
    pass


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NonFiniteNumberError(text)
    return value


def _reject_constant(text: str) -> float:
    raise _NonFiniteNumberError(text)


def json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__  # pragma: no cover - json never produces anything else


def show(value: str, limit: int = 60) -> str:
    """A value quoted for a message, cut short so a huge value cannot flood the report."""
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return "'" + value.encode("utf-8", "backslashreplace").decode("utf-8") + "'"


def key_path(path: str, key: str) -> str:
    """``$.a`` + ``b`` → ``$.a.b``; keys that are not identifiers are bracketed: ``$.a["b c"]``."""
    if _IDENTIFIER.match(key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key)}]"


def _depth_exceeds(value: object, limit: int) -> bool:
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def enum_message(what: str, value: object, members: Mapping[str, StrEnum]) -> str:
    expected = ", ".join(members)
    if isinstance(value, str):
        message = f"unknown {what} {show(value)}; expected one of {expected}"
        close = difflib.get_close_matches(value.lower(), list(members), n=1)
        if close:
            message += f" (did you mean '{close[0]}'?)"
        return message
    return f"{what} must be one of {expected}, not {json_type(value)}"


class Checker:
    """Collects problems and warnings while checking one document."""

    def __init__(self, local_tz: tzinfo | None) -> None:
        self.local_tz = local_tz
        self.problems: list[ImportProblem] = []
        self.warnings: list[ImportProblem] = []
        self.check_surrogates = False
        self.good_moods: set[str] = set()
        """Mood names already found valid: most entries then check their moods in one C-level call."""

    def problem(self, path: str, message: str) -> None:
        self.problems.append(ImportProblem(path, message))

    def fail(self, path: str, message: str) -> ImportValidationError:
        self.problem(path, message)
        return ImportValidationError(self.problems)

    # --- bytes to JSON ------------------------------------------------------------------------------------

    def load(self, data: bytes | bytearray | str) -> object:
        if isinstance(data, bytes | bytearray | memoryview):
            raw = bytes(data)
            if raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            encoding = json.detect_encoding(raw)
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as exc:
                raise self.fail(
                    "$",
                    f"the file is not valid {encoding.upper()} text (bad byte at offset {exc.start})",
                ) from None
            self.check_surrogates = _SURROGATE_ESCAPE.search(text) is not None
        elif isinstance(data, str):
            text = data.removeprefix("\ufeff")
            self.check_surrogates = _has_surrogate(text) or _SURROGATE_ESCAPE.search(text) is not None
        else:
            raise self.fail("$", f"expected the file's bytes or text, not {type(data).__name__}")
        try:
            return json.loads(text, parse_float=_finite_float, parse_constant=_reject_constant)
        except json.JSONDecodeError as exc:
            raise self.fail(
                "$", f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
            ) from None
        except _NonFiniteNumberError as exc:
            raise self.fail(
                "$", f"invalid JSON: the number {show(str(exc))} is not allowed (NaN or infinite)"
            ) from None
        except RecursionError:
            raise self.fail("$", "invalid JSON: values are nested too deeply") from None
        except ValueError as exc:  # e.g. an integer with thousands of digits
            raise self.fail("$", f"invalid JSON: {exc}") from None

    def find_surrogates(self, root: object) -> None:
        """Report strings holding half of a UTF-16 pair (``"\\ud800"``): they cannot be stored as UTF-8."""
        stack: list[tuple[object, str]] = [(root, "$")]
        while stack:
            value, path = stack.pop()
            if isinstance(value, str):
                if _has_surrogate(value):
                    self.problem(path, "text contains an unpaired UTF-16 surrogate (\\ud800–\\udfff)")
            elif isinstance(value, list):
                stack.extend((item, f"{path}[{i}]") for i, item in enumerate(value))
            elif isinstance(value, dict):
                for key, item in value.items():
                    if _has_surrogate(key):
                        self.problem(
                            path,
                            "a field name contains an unpaired UTF-16 surrogate (\\ud800–\\udfff)",
                        )
                    shown = key.encode("utf-8", "backslashreplace").decode("utf-8")
                    stack.append((item, key_path(path, shown)))

    # --- generic checks ----------------------------------------------------------------------------------

    def extras(
        self, raw: dict[str, object], known: frozenset[str], path: str, *, keep: bool
    ) -> dict[str, object]:
        kept: dict[str, object] = {}
        for key, value in raw.items():
            if key in known:
                continue
            where = key_path(path, key)
            if not keep:
                self.warnings.append(ImportProblem(where, "unknown field ignored"))
            elif _depth_exceeds(value, MAX_EXTRA_DEPTH):
                self.problem(where, f"unknown field nested deeper than {MAX_EXTRA_DEPTH} levels")
            elif not round_trips(value):  # proven readable with the vault's own decoder, or refused here
                self.problem(where, "unknown field cannot be stored so that it reads back exactly")
            else:
                kept[key] = value
                self.warnings.append(ImportProblem(where, "unknown field kept as is"))
        return kept

    def ident(self, value: object, path: str, seen: dict[str, str], what: str) -> str:
        if value is None:
            return new_id()
        if not isinstance(value, str) or not value.strip():
            self.problem(f"{path}.id", f"{what} id must be a non-empty string, not {json_type(value)}")
            return _BAD_ID
        if len(value) > MAX_ID_LENGTH:
            self.problem(f"{path}.id", f"{what} id is longer than {MAX_ID_LENGTH} characters")
            return _BAD_ID
        if NUL_CHARACTER.search(value):  # NUL: never part of an id
            self.problem(f"{path}.id", f"{what} id contains a NUL character")
            return _BAD_ID
        first = seen.get(value)
        if first is None:
            seen[value] = path
        else:
            self.problem(f"{path}.id", f"duplicate {what} id {show(value)}; also used at {first}")
        return value

    def text(self, raw: dict[str, object], key: str, path: str) -> str:
        value = raw.get(key)
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        self.problem(f"{path}.{key}", f"must be a string or null, not {json_type(value)}")
        return ""

    def required_text(self, raw: dict[str, object], key: str, path: str) -> str:
        value = raw.get(key)
        if isinstance(value, str) and value.strip():
            return value
        if value is None:
            self.problem(f"{path}.{key}", f"{key} is required")
        elif isinstance(value, str):
            self.problem(f"{path}.{key}", f"{key} must not be empty")
        else:
            self.problem(f"{path}.{key}", f"{key} must be a string, not {json_type(value)}")
        return ""

    def language(self, value: object, path: str) -> str:
        """A client's language: ``en`` or ``nb``; null, absent or empty is "the user's own language"."""
        if value is None or value == "":
            return ""
        if isinstance(value, str) and value in LANGUAGES:
            return value
        what = show(value) if isinstance(value, str) else json_type(value)
        self.problem(path, f"language must be one of {', '.join(LANGUAGES)} (or null), not {what}")
        return ""

    def short_text(self, value: object, path: str, limit: int) -> str:
        """An optional one-line name of at most ``limit`` characters (a promise's title); null is empty."""
        if value is None:
            return ""
        if not isinstance(value, str):
            self.problem(path, f"must be a string or null, not {json_type(value)}")
        elif len(value) > limit:
            self.problem(path, f"is {len(value)} characters long; at most {limit} are allowed")
        elif "\n" in value or "\r" in value:
            self.problem(path, "must be one line (the details belong in the entry's text)")
        else:
            return value
        return ""

    def names(self, value: object, path: str, what: str) -> tuple[str, ...]:
        """A list of non-empty strings (tags, moods); null or absent is the empty list."""
        if value is None:
            return ()
        if isinstance(value, list):
            if all(isinstance(item, str) and item.strip() for item in value):
                return tuple(value)
            for i, item in enumerate(value):
                if not isinstance(item, str):
                    self.problem(f"{path}[{i}]", f"{what} must be a string, not {json_type(item)}")
                elif not item.strip():
                    self.problem(f"{path}[{i}]", f"{what} must not be empty")
            return ()
        self.problem(path, f"must be a list of {what}s, not {json_type(value)}")
        return ()

    def date_value(self, value: object, path: str, *, required: bool = False) -> date | None:
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                self.problem(path, f"{show(value)} is not an ISO 8601 date ({_EXAMPLE_DATE})")
                return None
        if value is None:
            if required:
                self.problem(path, f"a date is required ({_EXAMPLE_DATE})")
            return None
        self.problem(path, f"must be an ISO 8601 date string ({_EXAMPLE_DATE}), not {json_type(value)}")
        return None

    def datetime_value(self, value: object, path: str, *, required: bool = False) -> datetime | None:
        if isinstance(value, str):
            try:
                moment = datetime.fromisoformat(value)
                if moment.tzinfo is None:
                    return self.localize(moment)
                if moment.year in (1, 9999):  # the only years where the UTC instant may not exist
                    moment.astimezone(UTC)
            except (ValueError, OverflowError, OSError):
                self.problem(path, f"{show(value)} is not an ISO 8601 date and time ({_EXAMPLE_DATETIME})")
                return None
            return moment
        if value is None:
            if required:
                self.problem(path, f"a date and time is required ({_EXAMPLE_DATETIME})")
            return None
        self.problem(
            path,
            f"must be an ISO 8601 date-and-time string ({_EXAMPLE_DATETIME}), not {json_type(value)}",
        )
        return None

    def localize(self, naive: datetime) -> datetime:
        """A time written without offset is local time: attach the offset in force at that moment."""
        # Without a zone given, the system's rules for that date (not today's offset) apply.
        aware = naive.astimezone() if self.local_tz is None else naive.replace(tzinfo=self.local_tz)
        offset = aware.utcoffset()
        assert offset is not None
        fixed = naive.replace(tzinfo=timezone(offset))
        fixed.astimezone(UTC)  # may raise OverflowError at the ends of the calendar
        return fixed
