"""The report's use case over an unlocked vault: read the journals, ask the coach, lay out, write the file.

The desktop app calls :func:`build_report` on its background worker and :func:`write_report` to save; the CLI
calls the same two, so both make the identical file.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from clientjournal.coach import Action, current_step
from clientjournal.coach.facts import MoodCatalogue
from clientjournal.domain.enums import ProjectStatus
from clientjournal.errors import ValidationError
from clientjournal.private_files import FILE_MODE
from clientjournal.reports.content import document_data
from clientjournal.reports.options import Audience, ClientMaterial, ReportOptions
from clientjournal.reports.render import compile_pdf, drawable
from clientjournal.reports.words import client_language

if TYPE_CHECKING:
    from clientjournal.services.session import VaultSession

Progress = Callable[[int, int], None]
"""Called with (done, total) as the report advances."""


def gather(session: VaultSession, options: ReportOptions, now: datetime) -> list[ClientMaterial]:
    """Each client's journal and what the coach makes of it at ``now``, in the order of ``options.clients``.

    Raises NotFoundError for a client that does not exist, AmbiguousNameError for a name several clients share.
    """
    ids: list[str] = []
    for wanted in options.clients:
        client_id = session.journal.find_client(wanted).id
        if client_id not in ids:
            ids.append(client_id)
    journals = session.journal.journals_of(ids)
    catalogue = session.coaching.mood_catalogue()
    moods = MoodCatalogue.of(catalogue)
    state = session.settings.coach_state() if options.audience is Audience.SELF else None
    materials = []
    for journal in journals:
        language = options.language or client_language(journal.client, options.user_language)
        steps = {
            p.id: current_step(journal, p.id, now, moods)
            for p in journal.projects
            if p.status is not ProjectStatus.CANCELLED
        }
        actions: tuple[Action, ...] = ()
        if state is not None:
            actions = tuple(session.coaching.actions([journal], now, language, state=state, moods=catalogue))
        materials.append(ClientMaterial(journal, language, steps, actions, catalogue))
    return materials


def build_report(
    session: VaultSession, options: ReportOptions, now: datetime, progress: Progress | None = None
) -> bytes:
    """The summary PDF of ``options.clients`` as at ``now`` (also its creation time): the same vault, options and
    ``now`` give the same bytes. Safe to call off the GUI thread; ``progress`` gets (done, 3)."""
    if progress:
        progress(0, 3)
    materials = gather(session, options, now)
    if progress:
        progress(1, 3)
    data = document_data(materials, options, now, drawable)
    if progress:
        progress(2, 3)
    pdf = compile_pdf(data, now)
    if progress:
        progress(3, 3)
    return pdf


_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def page_count(pdf: bytes) -> int:
    """How many pages a PDF written by :func:`build_report` has (Typst writes page objects uncompressed)."""
    return len(_PAGE.findall(pdf))


def check_target(path: Path, *, replace: bool) -> None:
    """Fail early, before any work, when ``path`` cannot be written: no such folder, not writable, or an
    existing file and not ``replace``."""
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise ValidationError(f"no such folder: {folder}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ValidationError(f"cannot write to the folder {folder}")
    if path.is_dir():
        raise ValidationError(f"{path} is a folder")
    if path.exists() and not replace:
        raise ReportExistsError(path)


class ReportExistsError(ValidationError):
    """The target file exists and replacing it was not asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists")
        self.path = path


def write_report(path: Path, pdf: bytes, *, replace: bool = False) -> Path:
    """Write ``pdf`` to ``path`` as a 0600 file, whole or not at all: a temporary file in the same folder,
    flushed to disk, then renamed over (or, without ``replace``, linked to) ``path``.

    Raises :class:`ReportExistsError` if ``path`` exists and not ``replace`` (even when it appeared meanwhile).
    """
    check_target(path, replace=replace)
    folder = path.parent if str(path.parent) else Path()
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            if os.name != "nt":
                os.fchmod(stream.fileno(), FILE_MODE)
            stream.write(pdf)
            stream.flush()
            os.fsync(stream.fileno())
        if replace:
            os.replace(temp, path)
        else:
            try:
                os.link(temp, path)  # fails if the file appeared since the check: never clobbered
            except FileExistsError:
                raise ReportExistsError(path) from None
            except OSError:
                # A file system without hard links (some network shares): rename, after one last check.
                if path.exists():
                    raise ReportExistsError(path) from None
                os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    _sync_folder(folder)
    return path


def _sync_folder(folder: Path) -> None:
    if os.name == "nt":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
