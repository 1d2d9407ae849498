"""End-to-end: the CLI speaks ``--lang`` (or the locale's language) in every word it prints; ``search`` says when it
stopped early; ``export`` never overwrites a file it was not allowed to, and says what it wrote; counts are
singular or plural as they should be."""

from __future__ import annotations

import ast
import copy
import json
import re
from pathlib import Path

import pytest
from cliutil import NOW, SPEC_EXAMPLE, Vault, new_vault, spec_document, write_json

import clientjournal.cli
from clientjournal.cli.words import NB, Words, environment_language

ENGLISH_FRAME = re.compile(r"\b(step|due|Nothing|clients?|entries)\b")


def many_matches(tmp_path: Path, count: int) -> Path:
    """The spec example with ``count`` notes that all mention the word "invoice"."""
    document = spec_document()
    client = document["clients"][0]
    client["language"] = "nb"
    client["entries"] += [
        {
            "id": f"n{i}",
            "occurred_at": f"2026-10-{i + 1:02}T10:00:00+02:00",
            "kind": "note",
            "text": f"Invoice {i} sent",
        }
        for i in range(count)
    ]
    return write_json(tmp_path / "many.json", document)


@pytest.fixture
def vault(tmp_path: Path) -> Vault:
    vault = new_vault(tmp_path)
    vault.ok("import", many_matches(tmp_path, 7))
    return vault


def test_lang_nb_translates_the_suggest_frame_before_or_after_the_command(vault: Vault) -> None:
    english = vault.ok("--now", NOW, "suggest").stdout
    assert "step " in english and ", due " in english, english
    for args in (("--lang", "nb", "--now", NOW, "suggest"), ("--now", NOW, "suggest", "--lang", "nb")):
        norwegian = vault.ok(*args).stdout
        assert "steg " in norwegian and ", frist " in norwegian, norwegian
        assert not ENGLISH_FRAME.search(norwegian), norwegian
        assert "e-post, frist" in norwegian and "telefon, frist" in norwegian, norwegian  # the channels too
    # The JSON says which language to write to the client in: Kari's own, whatever the CLI speaks.
    rows = vault.ok("--json", "--now", NOW, "suggest").json()
    assert rows and {row["client_language"] for row in rows} == {"nb"}


def test_the_locale_chooses_the_language_when_lang_is_not_given(vault: Vault) -> None:
    text = vault.ok("--now", NOW, "suggest", env={"LANG": "nb_NO.UTF-8"}).stdout
    assert "steg " in text and not ENGLISH_FRAME.search(text), text
    assert (
        "step "
        in vault.ok("--now", NOW, "suggest", env={"LANG": "nb_NO.UTF-8", "LC_ALL": "en_GB.UTF-8"}).stdout
    )


def test_search_says_when_it_stops_and_the_limit_can_be_raised(vault: Vault) -> None:
    lines = vault.ok("search", "invoice", "--limit", "5").stdout.splitlines()
    assert len(lines) == 6
    assert lines[-1] == "Showing 5 of 7 matches; use --limit to see more."
    assert all("[Note]" in line for line in lines[:-1])
    assert len(vault.ok("search", "invoice", "--limit", "0").stdout.splitlines()) == 7
    assert len(vault.ok("search", "invoice", "--limit", "7").stdout.splitlines()) == 7
    assert len(vault.ok("search", "invoice", "--limit", "5", "--json").json()) == 5  # JSON: the rows only
    norwegian = vault.ok("--lang", "nb", "search", "invoice", "--limit", "2").stdout.splitlines()
    assert norwegian[-1] == "Viser 2 av 7 treff; bruk --limit for å se flere."
    assert "[Notat]" in norwegian[0]
    assert "--limit" in vault.ok("search", "--help").stdout


def test_export_never_overwrites_without_force_and_says_what_it_wrote(vault: Vault, tmp_path: Path) -> None:
    out = tmp_path / "export.json"
    out.write_text("keep me", encoding="utf-8")
    refused = vault.run("export", "--out", out)
    assert refused.returncode == 1, refused
    assert refused.stderr_lines == [f"error: {out} already exists; use --force to replace it"]
    assert refused.stdout == ""
    assert out.read_text(encoding="utf-8") == "keep me"
    norwegian = vault.run("--lang", "nb", "export", "--out", out)
    assert norwegian.stderr_lines == [f"feil: {out} finnes allerede; bruk --force for å erstatte den"]
    assert not list(tmp_path.glob(".export.json.*.part"))

    done = vault.ok("export", "--out", out, "--force", "--now", NOW)
    assert done.stdout.strip() == f"Exported 1 client, 9 entries to {out}."
    assert json.loads(out.read_text(encoding="utf-8"))["clients"][0]["language"] == "nb"
    assert out.stat().st_mode & 0o777 == 0o600

    fresh = tmp_path / "fresh.json"
    summary = vault.ok("--json", "export", "--out", fresh).json()
    assert summary == {"file": str(fresh.resolve()), "clients": 1, "entries": 9}
    norwegian = vault.ok("--lang", "nb", "export", "--out", tmp_path / "ny.json").stdout.strip()
    assert norwegian == f"Eksporterte 1 klient, 9 oppføringer til {tmp_path / 'ny.json'}."


def test_counts_are_singular_or_plural(tmp_path: Path) -> None:
    demo = new_vault(tmp_path, "demo")
    added = demo.ok("demo", "--clients", "1", "--entries-per-client", "1", "--now", NOW).stdout.strip()
    assert added == "Added 1 demo client with 1 entry."
    vault = new_vault(tmp_path)
    vault.ok("import", SPEC_EXAMPLE)
    assert vault.ok("check").stdout.strip() == "OK: 1 client, 1 project and 2 entries verified."
    document = spec_document()
    second = copy.deepcopy(document["clients"][0])
    second.update(id="c2", name="Ola")
    document["clients"] = [second]
    vault.ok("import", write_json(tmp_path / "one.json", document))
    assert vault.ok("check").stdout.strip() == "OK: 2 clients, 2 projects and 4 entries verified."
    norwegian = vault.ok("--lang", "nb", "check").stdout.strip()
    assert norwegian == "OK: 2 klienter, 2 prosjekter og 4 oppføringer kontrollert."


def test_clients_show_their_language_and_nb_words(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    assert vault.ok("--lang", "nb", "clients").stdout.strip() == "Ingen klienter ennå."
    vault.ok("import", many_matches(tmp_path, 1))
    assert [c["language"] for c in vault.ok("clients", "--json").json()] == ["nb"]
    changed = vault.ok("edit-client", "Kari Nordmann", "--language", "en").stdout.strip()
    assert changed == "Kari Nordmann is written to in English."
    assert [c["language"] for c in vault.ok("clients", "--json").json()] == ["en"]
    cleared = vault.ok("--lang", "nb", "edit-client", "Kari Nordmann", "--language", "none").stdout.strip()
    assert cleared == "Kari Nordmann skrives til på ditt eget språk."
    assert [c["language"] for c in vault.ok("clients", "--json").json()] == [None]
    assert vault.ok("--lang", "nb", "search", "no-such-word").stdout.strip() == "Ingenting funnet."
    assert vault.ok("--lang", "nb", "reminders", "--now", NOW).stdout.strip() != ""
    assert "[løfte]" in vault.ok("--lang", "nb", "reminders", "--now", NOW).stdout


# ---- without a subprocess -------------------------------------------------------------------------------------


def _said(tree: ast.AST) -> set[str]:
    """The English texts given to ``say(...)``, ``say.count(...)`` and ``words_of(args)(...)`` in a module."""
    texts: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        is_say = isinstance(func, ast.Name) and func.id == "say"
        inner = func.func if isinstance(func, ast.Call) else None
        is_call_of_words = (isinstance(inner, ast.Name) and inner.id == "words_of") or (
            isinstance(inner, ast.Attribute) and inner.attr == "words_of"
        )
        is_count = isinstance(func, ast.Attribute) and func.attr == "count"
        if is_say or is_call_of_words:
            args = node.args[:1]
        elif is_count:
            args = node.args[1:3]
        else:
            continue
        texts.update(
            arg.value for arg in args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
        )
        for arg in node.args[:1]:
            if isinstance(arg, ast.IfExp):  # say("a" if x else "b")
                texts.update(
                    part.value
                    for part in (arg.body, arg.orelse)
                    if isinstance(part, ast.Constant) and isinstance(part.value, str)
                )
    return texts


def test_every_text_the_cli_says_has_a_norwegian_translation() -> None:
    folder = Path(clientjournal.cli.__file__).parent
    said: set[str] = set()
    for module in folder.glob("*.py"):
        said |= _said(ast.parse(module.read_text(encoding="utf-8")))
    said |= {"due", "overdue", "upcoming", " [y/N] ", "Passphrase: ", "New passphrase: ", "Repeat it: "}
    assert len(said) > 60 and {"error:", "interrupted", "Nothing found."} <= said
    missing = sorted(text for text in said if text not in NB)
    assert not missing, missing
    for english, norwegian in NB.items():
        fields = set(re.findall(r"\{(\w+)\}", english))
        assert set(re.findall(r"\{(\w+)\}", norwegian)) == fields, english


def test_words_in_both_languages() -> None:
    nb, en = Words("nb"), Words("en")
    assert en.count(1, "{n} client", "{n} clients") == "1 client"
    assert nb.count(2, "{n} client", "{n} clients") == "2 klienter"
    assert nb.kind("setback") == "Tilbakeslag" and en.kind("problem_solved") == "Problem solved"
    assert nb.channel("phone") != en.channel("phone")
    assert Words("de").language == "en"


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "nb_NO.UTF-8"}, "nb"),
        ({"LANG": "no_NO"}, "nb"),
        ({"LANG": "nb_NO.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "nb_NO.UTF-8"}, "nb"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "nb:en"}, "nb"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LC_ALL": "POSIX", "LANG": "nb_NO"}, "en"),
        ({"LANG": "C.UTF-8", "LANGUAGE": "nb"}, "en"),
    ],
)
def test_the_environment_language(environ: dict[str, str], language: str) -> None:
    assert environment_language(environ) == language
