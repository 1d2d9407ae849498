"""The JSON interchange format, version 1: a pure codec, no database and no files.

* :func:`parse_document` validates a whole file and returns an :class:`ExchangeDocument`, or raises
  :class:`~clientjournal.errors.ImportValidationError` listing every problem with its JSON path.
* :func:`dump_document` gives the plain JSON structure, :func:`dumps_document` the text, and
  :func:`iter_dump_chunks` the same text one client at a time for large exports.

``parse_document(dumps_document(journals, ...)).journals == tuple(journals)`` for any valid journals, and
exporting an imported version-1 file reproduces its data (with unknown fields given back).
"""

from __future__ import annotations

from clientjournal.exchange.read import ExchangeDocument, parse_document
from clientjournal.exchange.schema import FORMAT_NAME, FORMAT_VERSION
from clientjournal.exchange.write import dump_document, dumps_document, iter_dump_chunks

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "ExchangeDocument",
    "dump_document",
    "dumps_document",
    "iter_dump_chunks",
    "parse_document",
]
