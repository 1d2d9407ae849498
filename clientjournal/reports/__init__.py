"""The client summary PDF: a Qt-free builder the window and the CLI share.

    pdf = build_report(session, ReportOptions(clients=(client_id,)), now)   # bytes; off the GUI thread is fine
    write_report(Path("summary.pdf"), pdf, replace=False)                   # atomic, 0600

:mod:`~clientjournal.reports.content` decides what the report says (pure; its words and formats are in
:mod:`~clientjournal.reports.words`), the Typst template in ``resources/reports/`` lays it out with the fonts in
``resources/fonts/``, and :mod:`~clientjournal.reports.render` compiles it to a tagged PDF/UA-1 file. Typst is
imported on the first report only. ``check_target`` tells a dialog early that a file cannot be written;
``client_language`` is the language a client's section is written in by default.
"""

from clientjournal.reports.builder import (
    ReportExistsError,
    build_report,
    check_target,
    gather,
    page_count,
    write_report,
)
from clientjournal.reports.content import document_data
from clientjournal.reports.options import Audience, ClientMaterial, ReportOptions
from clientjournal.reports.render import ReportError
from clientjournal.reports.words import client_language

__all__ = [
    "Audience",
    "ClientMaterial",
    "ReportError",
    "ReportExistsError",
    "ReportOptions",
    "build_report",
    "check_target",
    "client_language",
    "document_data",
    "gather",
    "page_count",
    "write_report",
]
