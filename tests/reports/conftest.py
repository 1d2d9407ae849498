"""A vault holding the sample journals, shared by the report tests of a module (reports only read it)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from report_sample import journals
from support.constants import PASSPHRASE, fixed_clock

from clientjournal.crypto.kdf import KdfParams
from clientjournal.services.session import VaultSession
from clientjournal.services.vault import Vault

TOOLS = ("pdfinfo", "pdffonts", "pdftotext", "qpdf")


@pytest.fixture(autouse=True)
def pdf_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (apt-get install poppler-utils qpdf)")


@pytest.fixture(scope="module")
def report_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VaultSession]:
    folder = tmp_path_factory.mktemp("report-vault")
    url = f"sqlite:///{(folder / 'vault.sqlite3').as_posix()}"
    vault, keys, _recovery = Vault.create(url, PASSPHRASE, clock=fixed_clock, kdf=KdfParams.minimum())
    session = VaultSession(vault, keys)
    session.transfer.import_journals(journals())
    yield session
    session.close()
