"""Looking at a PDF the way the poppler tools and qpdf do."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def run(*command: str | Path) -> str:
    done = subprocess.run([str(c) for c in command], capture_output=True, check=False)
    assert done.returncode == 0, f"{command}: {done.stderr.decode(errors='replace')}"
    return done.stdout.decode("utf-8", errors="replace")


def saved(pdf: bytes, tmp_path: Path, name: str = "report.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def pdf_text(path: Path) -> str:
    """The PDF's text with every run of white space as one space (lines wrap anywhere)."""
    return re.sub(r"\s+", " ", run("pdftotext", "-enc", "UTF-8", path, "-")).replace("\u200b", "")


def pdf_info(path: Path) -> dict[str, str]:
    info = {}
    for line in run("pdfinfo", path).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def qpdf_check(path: Path) -> None:
    done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, check=False)
    assert done.returncode == 0, done.stdout.decode() + done.stderr.decode()
    assert b"No syntax or stream encoding errors found" in done.stdout, done.stdout.decode()


def fonts_embedded(path: Path) -> list[str]:
    """Names of the fonts the PDF uses; asserts each is embedded."""
    lines = run("pdffonts", path).splitlines()[2:]
    names = []
    for line in lines:
        fields = line.split()
        # name type... emb sub uni object-id generation: "emb" is the fifth field from the end.
        assert fields[-5] == "yes", f"not embedded: {line}"
        names.append(fields[0])
    return names


def alt_texts(pdf: bytes) -> list[str]:
    """The alternative texts of the PDF's figures (Typst writes them as UTF-16 hex strings, uncompressed)."""
    return [bytes.fromhex(h.decode()).decode("utf-16") for h in re.findall(rb"/Alt<(FEFF[0-9A-Fa-f]*)>", pdf)]
