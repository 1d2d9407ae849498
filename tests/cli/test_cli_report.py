"""``clientjournal-cli report`` end to end, through the installed entry point (issue #11)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cliutil import NOW, Vault, base_env, new_vault, spec_document, write_json

NAME = "Kari Ærlig Østbø"


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Vault:
    folder = tmp_path_factory.mktemp("report-cli")
    made = new_vault(folder)
    document = spec_document()
    document["clients"][0]["name"] = NAME
    made.ok("import", write_json(folder / "clients.json", document))
    return made


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_report_writes_a_private_pdf_and_refuses_to_overwrite_it(vault: Vault, tmp_path: Path) -> None:
    out = tmp_path / "kari.pdf"
    done = vault.ok("report", "--client", NAME, "--out", out, "--now", NOW, "--lang", "en", "--json")
    summary = done.json()
    assert summary["file"] == str(out.resolve()) and summary["pages"] >= 1 and summary["audience"] == "self"
    first = out.read_bytes()
    assert first.startswith(b"%PDF-") and summary["bytes"] == len(first)
    assert out.stat().st_mode & 0o777 == 0o600
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, check=True).stdout.decode()
    assert NAME in text and "First draft of the landing page." in text and "Page 1 of" in text

    again = vault.run("report", "--client", NAME, "--out", out, "--now", NOW, "--lang", "en", expect=1)
    assert again.stderr_lines == [f"error: {out} already exists; use --force to replace it"]
    assert out.read_bytes() == first

    vault.ok("report", "--client", NAME, "--out", out, "--now", NOW, "--lang", "en", "--force")
    assert out.read_bytes() == first, "the same vault and --now give a byte-identical file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kari.pdf"]


def test_clear_errors_and_exit_codes(vault: Vault, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    unknown = vault.run("report", "--client", "Nobody", "--out", out, expect=1)
    assert unknown.stderr_lines == ["error: no client with the id or name 'Nobody'"]
    bad_date = vault.run("report", "--client", NAME, "--out", out, "--from", "2026-02-30", expect=1)
    assert bad_date.stderr_lines == ["error: --from wants a date as YYYY-MM-DD, not '2026-02-30'"]
    nowhere = vault.run("report", "--client", NAME, "--out", tmp_path / "missing" / "x.pdf", expect=1)
    assert nowhere.stderr_lines == [f"error: no such folder: {tmp_path / 'missing'}"]
    usage = vault.run("report", "--client", NAME, "--audience", "boss", expect=2)
    assert "--audience" in usage.stderr
    assert not out.exists()


def test_the_report_process_never_loads_qt(vault: Vault, tmp_path: Path) -> None:
    out = tmp_path / "client.pdf"
    probe = (
        "import sys\n"
        "from clientjournal.cli.main import main\n"
        "code = main(sys.argv[1:])\n"
        "print('QT-LOADED' if any(m.split('.')[0] in ('PySide6', 'shiboken6') for m in sys.modules) else 'NO-QT')\n"
        "sys.exit(code)\n"
    )
    args = ["--data-dir", str(vault.data_dir), "report", "--client", NAME, "--out", str(out), "--now", NOW]
    args += ["--audience", "client", "--mask-contacts", "--confidential", "--from", "2026-11-01"]
    done = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, env=base_env(), check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().splitlines()[-1] == "NO-QT"
    assert out.read_bytes().startswith(b"%PDF-")
