"""SECURITY.md and the README keep their promises checkable (issue #14, "What must be true when this is resolved").

SECURITY.md must state the threat model, what is protected and what is not (whole-file rollback, metadata a server
sees, copies outside the app's reach), how to report a problem, and which tests back each claim. Every test it
names (``tests/...py::test_name``) must exist, so a renamed or deleted test cannot leave a claim unbacked; every
claim must name at least one test. The README must say what a PostgreSQL server sees.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest
from secutil import CLEAR_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
SECURITY = ROOT / "SECURITY.md"
README = ROOT / "README.md"
REFERENCE = re.compile(r"`(tests/[\w/.-]+\.py)(?:::(\w+(?:::\w+)?))?`")


def _section(text: str, heading: str) -> str:
    """The text under ``## heading`` up to the next ``## `` heading."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    assert match, f"SECURITY.md has no section '## {heading}'"
    return match.group(1)


def _bullets(section: str) -> dict[str, str]:
    """Each top-level ``- **Title.** ...`` bullet of a section, by its bold title."""
    found: dict[str, str] = {}
    for block in re.split(r"^- ", section, flags=re.M)[1:]:
        title = re.match(r"\*\*(.+?)\*\*", block)
        assert title, block[:80]
        found[title.group(1).rstrip(".")] = block
    return found


@cache
def _tests_in(path: Path) -> frozenset[str]:
    """``test_x`` and ``TestClass::test_x`` names defined in a test module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test_"):
            names.add(node.name)
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            names.update(
                f"{node.name}::{item.name}"
                for item in node.body
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and item.name.startswith("test_")
            )
    return frozenset(names)


def _references(text: str) -> list[tuple[str, str | None]]:
    return [(match.group(1), match.group(2)) for match in REFERENCE.finditer(text)]


def test_every_test_named_here_exists() -> None:
    references = _references(SECURITY.read_text(encoding="utf-8"))
    assert len(references) >= 30  # the claims name their tests one by one
    missing = []
    for file, name in references:
        path = ROOT / file
        if not path.is_file():
            missing.append(file)
        elif name is not None and name not in _tests_in(path):
            missing.append(f"{file}::{name}")
    assert missing == [], "SECURITY.md names tests that do not exist"


def test_every_claim_names_the_tests_that_back_it() -> None:
    text = SECURITY.read_text(encoding="utf-8")
    unbacked = []
    for heading, exempt in (("What is protected", set()), ("What is not protected", {"Memory"})):
        bullets = _bullets(_section(text, heading))
        assert len(bullets) >= 3, heading
        for title, body in bullets.items():
            named = [(f, n) for f, n in _references(body) if n is not None]
            if title not in exempt and ("Tests:" not in body or not named):
                unbacked.append(f"{heading}: {title}")
    assert unbacked == []


def test_the_threat_model_the_limits_and_how_to_report_are_stated() -> None:
    text = SECURITY.read_text(encoding="utf-8")
    threat = _section(text, "Threat model")
    assert "We protect against" in threat and "We do not protect against" in threat
    limits = _bullets(_section(text, "What is not protected"))
    assert {
        "Whole-file rollback",
        "Metadata on a PostgreSQL server",
        "Copies outside the app's reach",
    } <= set(limits)
    assert "cannot be detected" in limits["Whole-file rollback"]
    copies = limits["Copies outside the app's reach"]
    for copy in ("file copies", "sync folders", "backup --out", "vacuum", "WAL"):
        assert copy in copies, copy
    report = _section(text, "Reporting a problem")
    assert "security advisory" in report and "public issue" in report


def test_the_metadata_claim_names_every_table_a_server_sees_in_clear() -> None:
    metadata = _bullets(_section(SECURITY.read_text(encoding="utf-8"), "What is not protected"))[
        "Metadata on a PostgreSQL server"
    ]
    assert [table for table in CLEAR_COLUMNS if f"`{table}`" not in metadata] == []
    assert "`occurred_at_us`" in metadata and "version counter" in metadata and "size" in metadata


@pytest.mark.parametrize(
    "words",
    [
        ("ids",),
        ("versions",),
        ("each entry's time",),
        ("project", "id"),
        ("sizes of the records",),
        ("until", "vacuum"),
        ("WAL",),
        ("SECURITY.md",),
    ],
    ids=lambda words: "-".join(words).replace(" ", "-"),
)
def test_the_readme_says_what_a_postgresql_server_sees(words: tuple[str, ...]) -> None:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"^## PostgreSQL\n(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    assert match, "README.md has no PostgreSQL section"
    section = " ".join(match.group(1).split())
    assert all(word in section for word in words), (words, section)
