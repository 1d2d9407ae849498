"""Typst turns the report's data into a tagged PDF/UA-1 file.

One compiler per process (fonts are read once, and Typst's caches make later reports faster), used by one
thread at a time. Only the shipped fonts are visible to it, neither the system's nor Typst's built-in ones, and
the creation time is the one given: the same data and moment give a byte-identical file on every machine.
"""

from __future__ import annotations

import json
import threading
from contextlib import ExitStack
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from clientjournal.errors import ClientJournalError
from clientjournal.reports import fonts
from clientjournal.resources import resource

if TYPE_CHECKING:
    import typst

TEMPLATE = "summary.typ"
PDF_STANDARD: Literal["ua-1"] = "ua-1"
"""PDF/UA-1: tagged, with a title, a language and alternative texts; Typst refuses what would break it."""

_lock = threading.Lock()
_keep = ExitStack()


class ReportError(ClientJournalError):
    """The report could not be laid out (a bug or a damaged installation, not the user's data).

    ``detail`` holds Typst's own message, which may quote the journal: keep it out of logs.
    """

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


def _folder(*parts: str) -> Path:
    node = resource(*parts)
    if isinstance(node, Path):
        return node
    from importlib.resources import as_file

    path: Path = _keep.enter_context(as_file(node))
    return path


@cache
def fonts_folder() -> Path:
    return _folder("fonts")


@cache
def covered() -> frozenset[int]:
    """Every character the shipped fonts can draw."""
    return fonts.coverage(fonts_folder())


def drawable(text: str) -> str:
    """``text`` as the shipped fonts can draw it, long words breakable (see :mod:`clientjournal.reports.fonts`)."""
    return fonts.breakable(fonts.drawable(text, covered()))


@cache
def _compiler() -> typst.Compiler:
    import typst

    folder = _folder("reports")
    shipped = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(fonts_folder())]
    )
    return typst.Compiler(str(folder / TEMPLATE), root=str(folder), font_paths=shipped)


def compile_pdf(data: dict[str, Any], now: datetime) -> bytes:
    """The PDF of ``data`` (see :func:`clientjournal.reports.content.document_data`) created at ``now``."""
    import typst

    inputs = {"data": json.dumps(data, ensure_ascii=False, separators=(",", ":"))}
    moment = (now if now.tzinfo else now.astimezone()).astimezone(UTC).replace(microsecond=0)
    with _lock:
        try:
            pdf = _compiler().compile(
                format="pdf", sys_inputs=inputs, pdf_standards=PDF_STANDARD, timestamp=moment
            )
        except typst.TypstError as exc:
            # Typst's message may quote the journal's text, which must not reach the logs.
            raise ReportError("the report could not be laid out", exc.message) from None
    if not isinstance(pdf, bytes):
        raise ReportError("the report could not be laid out: Typst returned no PDF")
    return pdf
