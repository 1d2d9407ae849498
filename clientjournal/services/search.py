"""The one set of journal search rules, shared by the CLI's ``search`` and the window's timeline search.

An entry matches a query when every word of the query (split on whitespace, casefolded) is a substring of the
entry's haystack: its text, its kind and mood tags as stored (``change_request``, ``anxious``), and their shown
names (``Change request``), all casefolded. The window passes the names in its own language
(:data:`ENGLISH_LABELS` translated); the CLI uses :data:`ENGLISH_LABELS`, the untranslated names.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from clientjournal.domain import Entry

ENGLISH_LABELS: Mapping[str, str] = {
    # entry kinds
    "note": "Note",
    "call": "Call",
    "meeting": "Meeting",
    "email": "Email",
    "message": "Message",
    "contract_signed": "Contract signed",
    "progress_update": "Progress update",
    "change_request": "Change request",
    "change_agreed": "Change agreed",
    "setback": "Setback",
    "promise": "Promise",
    "delivery": "Delivery",
    "problem_solved": "Problem solved",
    # the default mood tags
    "enthusiastic": "enthusiastic",
    "satisfied": "satisfied",
    "calm": "calm",
    "neutral": "neutral",
    "uncertain": "uncertain",
    "anxious": "anxious",
    "frustrated": "frustrated",
    "angry": "angry",
}
"""The shown names of entry kinds and default mood tags, untranslated (the source texts of the window's labels)."""


def search_words(query: str) -> list[str]:
    """The words of a query, casefolded, longest first (the longest is usually the most selective)."""
    return sorted(set(query.casefold().split()), key=len, reverse=True)


def tag_words(kind: str, moods: Sequence[str], labels: Mapping[str, str] | None = None) -> str:
    """The part of :func:`haystack` after the text: a space, then the kind and moods and their shown names."""
    parts = [kind, *moods]
    if labels:
        parts.extend(labels.get(name, "") for name in (kind, *moods))
    return (" " + " ".join(parts)).casefold()


def haystack(entry: Entry, labels: Mapping[str, str] | None = None) -> str:
    """What a search looks in: the text, the kind and the mood tags, plus the shown names of the kind and moods
    from ``labels`` (so a search in the UI's language finds them too)."""
    return entry.text.casefold() + tag_words(entry.kind, entry.moods, labels)


def found_in(hay: str, words: Sequence[str]) -> bool:
    """Whether every one of ``words`` (from :func:`search_words`) is in ``hay`` (from :func:`haystack`)."""
    return all(word in hay for word in words)


def matches(entry: Entry, query: str, labels: Mapping[str, str] | None = None) -> bool:
    return found_in(haystack(entry, labels), search_words(query))


def matching(
    entries: Iterable[Entry], query: str, labels: Mapping[str, str] | None = ENGLISH_LABELS
) -> Iterator[Entry]:
    """The entries (in their order) that match ``query``; an empty query matches none.

    The tag part of the haystack is computed once per kind and moods combination (a journal holds few).
    """
    words = search_words(query)
    if not words:
        return
    tags: dict[tuple[str, tuple[str, ...]], str] = {}
    for entry in entries:
        key = (entry.kind, entry.moods)
        words_of_tags = tags.get(key)
        if words_of_tags is None:
            words_of_tags = tags[key] = tag_words(entry.kind, entry.moods, labels)
        if found_in(entry.text.casefold() + words_of_tags, words):
            yield entry
