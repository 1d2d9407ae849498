"""Every word ``clientjournal-cli`` prints, in English and Norwegian Bokmål.

English is the source: a command writes ``say("Nothing found.")`` and gets the text in the language chosen with
``--lang`` (else the one of the environment's locale, else English). Texts with values use ``str.format``
fields; counted texts come in a singular and a plural (:meth:`Words.count`). The names of kinds, channels and
statuses come from the same places the window and the report take them from, so the CLI calls things alike.
JSON output (``--json``) is for programs and stays in the stored values; error messages of the core stay English.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from clientjournal.coach.playbook import LANGUAGES, PlaybookError, normalize_language
from clientjournal.coach.playbook_reader import load_playbook
from clientjournal.domain.enums import Channel
from clientjournal.resources import resource

_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

NB: Mapping[str, str] = {
    # init
    "Vault created.": "Hvelvet er opprettet.",
    "Recovery key: {key}": "Gjenopprettingsnøkkel: {key}",
    "Write the recovery key down and keep it somewhere safe. It is shown only now; with it you can\n"
    "unlock the vault and choose a new passphrase if you forget yours.": "Skriv ned gjenopprettingsnøkkelen "
    "og oppbevar den et trygt sted. Den vises bare nå; med den kan du\nlåse opp hvelvet og velge en ny "
    "passordfrase hvis du glemmer din.",
    "This device is remembered: the desktop app unlocks here without the passphrase.": "Denne enheten er "
    "husket: skrivebordsappen låses opp her uten passordfrasen.",
    "warning: this device could not be remembered: {problem}; you will be asked for the passphrase": "advarsel: "
    "denne enheten kunne ikke huskes: {problem}; du blir bedt om passordfrasen",
    # import
    "note: {warning}": "merk: {warning}",
    "Importing": "Importerer",
    "Imported: {clients}, {projects}, {entries} ({unchanged} unchanged).": "Importert: {clients}, {projects}, "
    "{entries} ({unchanged} uendret).",
    "{added} new and {updated} updated clients": "{added} nye og {updated} oppdaterte klienter",
    "{added} new and {updated} updated projects": "{added} nye og {updated} oppdaterte prosjekter",
    "{added} new and {updated} updated entries": "{added} nye og {updated} oppdaterte oppføringer",
    # export
    "Exporting": "Eksporterer",
    "Exported {clients}, {entries} to {path}.": "Eksporterte {clients}, {entries} til {path}.",
    "{path} already exists; use --force to replace it": "{path} finnes allerede; bruk --force for å erstatte den",
    "{path} already exists. Replace it? [y/N] ": "{path} finnes allerede. Erstatte den? [j/N] ",
    "{path} already exists; nothing written": "{path} finnes allerede; ingenting er skrevet",
    # counted things
    "{n} client": "{n} klient",
    "{n} clients": "{n} klienter",
    "{n} entry": "{n} oppføring",
    "{n} entries": "{n} oppføringer",
    "{n} project": "{n} prosjekt",
    "{n} projects": "{n} prosjekter",
    "{n} demo client": "{n} demoklient",
    "{n} demo clients": "{n} demoklienter",
    "{n} page": "{n} side",
    "{n} pages": "{n} sider",
    "clients": "klienter",
    "entries": "oppføringer",
    "pages": "sider",
    "tables": "tabeller",
    # clients
    "(archived)": "(arkivert)",
    "No clients yet.": "Ingen klienter ennå.",
    # edit-client
    "{name} is written to in {language}.": "{name} skrives til på {language}.",
    "English": "engelsk",
    "Norwegian Bokmål": "norsk bokmål",
    "your own language": "ditt eget språk",
    # search
    "Nothing found.": "Ingenting funnet.",
    "Showing {shown} of {total} matches; use --limit to see more.": "Viser {shown} av {total} treff; bruk "
    "--limit for å se flere.",
    # check
    "Checking": "Kontrollerer",
    "OK: {clients}, {projects} and {entries} verified.": "OK: {clients}, {projects} og {entries} kontrollert.",
    # passwd
    "Passphrase changed.": "Passordfrasen er endret.",
    # delete-client
    "Delete {name} and everything written about them? This cannot be undone.": "Slette {name} og alt som er "
    "skrevet om dem? Dette kan ikke angres.",
    "Nothing deleted.": "Ingenting er slettet.",
    "Deleted client {id}; its data key is destroyed.": "Slettet klienten {id}; datanøkkelen er ødelagt.",
    # forget-device
    "This device is forgotten: unlocking the vault here needs the passphrase again.": "Denne enheten er "
    "glemt: å låse opp hvelvet her krever passordfrasen igjen.",
    "Nothing to forget: this device has no secure secret store, so it was never remembered.": "Ingenting å "
    "glemme: denne enheten har ikke noe sikkert hemmelighetslager, så den ble aldri husket.",
    "Nothing to forget: this device was not remembered for this vault.": "Ingenting å glemme: denne enheten "
    "var ikke husket for dette hvelvet.",
    # backup, restore
    "Backing up": "Tar sikkerhetskopi",
    "Backup written to {path}.": "Sikkerhetskopien er skrevet til {path}.",
    "Passphrase of the backup: ": "Passordfrasen til sikkerhetskopien: ",
    "Replace everything in the vault with the backup?": "Erstatte alt i hvelvet med sikkerhetskopien?",
    "Nothing restored.": "Ingenting er gjenopprettet.",
    "Restoring": "Gjenoppretter",
    "Restored {clients} and {entries} from {path}.": "Gjenopprettet {clients} og {entries} fra {path}.",
    # demo
    "Creating demo data": "Lager demodata",
    "Added {clients} with {entries}.": "La til {clients} med {entries}.",
    # suggest
    "step {n}": "steg {n}",
    "due {day}": "frist {day}",
    "Nothing needs attention now.": "Ingenting trenger oppmerksomhet nå.",
    # reminders
    "Nothing is due.": "Ingenting forfaller.",
    "due": "forfaller",
    "overdue": "forfalt",
    "upcoming": "kommer",
    "[promise]": "[løfte]",
    "Snoozed {id} until {until}.": "Utsatt {id} til {until}.",
    "Done: {id}.": "Ferdig: {id}.",
    "Done: {id} (the promise is marked kept).": "Ferdig: {id} (løftet er merket som holdt).",
    "Done: {id} (the client is marked told).": "Ferdig: {id} (merket at klienten har fått beskjed).",
    "Dismissed {id}.": "Avvist {id}.",
    # report
    "Wrote {path} ({pages}).": "Skrev {path} ({pages}).",
    # errors
    "error:": "feil:",
    "interrupted": "avbrutt",
    # prompts
    "Passphrase: ": "Passordfrase: ",
    "New passphrase: ": "Ny passordfrase: ",
    "Repeat it: ": "Gjenta den: ",
    " [y/N] ": " [j/N] ",
}
"""The Norwegian text of each English one."""


def environment_language(environ: Mapping[str, str] | None = None) -> str:
    """``en`` or ``nb`` from the locale, as gettext reads it: the first of ``LC_ALL``, ``LC_MESSAGES`` and
    ``LANG`` that is set names the locale; unless that is the C locale, ``LANGUAGE``'s first choice wins over it.
    English when they name no language the CLI speaks."""
    env = os.environ if environ is None else environ
    locale = next((env[name] for name in _LOCALE_VARIABLES if env.get(name)), "")
    if not locale or locale in ("C", "POSIX") or locale.startswith(("C.", "POSIX.")):
        return "en"
    chosen = env.get("LANGUAGE", "").split(":")[0] or locale
    try:
        return normalize_language(chosen)
    except PlaybookError:
        return "en"


@cache
def _report_texts(language: str) -> Mapping[str, Any]:
    every = json.loads(resource("reports", "texts.json").read_text(encoding="utf-8"))
    texts: Mapping[str, Any] = every[language]
    return texts


@dataclass(frozen=True, slots=True)
class Words:
    """The CLI's texts in one language (``en`` or ``nb``)."""

    language: str = "en"

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            object.__setattr__(self, "language", "en")

    def __call__(self, text: str, /, **values: object) -> str:
        if self.language == "nb":
            text = NB.get(text, text)
        return text.format(**values) if values else text

    def count(self, n: int, one: str, other: str) -> str:
        """``one`` or ``other`` (each with an ``{n}`` field) for ``n`` things: "1 client", "2 clients"."""
        return self(one if n == 1 else other, n=n)

    def kind(self, kind: str) -> str:
        """An entry kind's name: "Setback", "Tilbakeslag"."""
        name: str = _report_texts(self.language).get(f"kind_{kind}", kind)
        return name

    def channel(self, channel: Channel | str) -> str:
        """A channel's name, as the coach's playbook calls it."""
        return load_playbook(self.language).channels.get(Channel(channel), str(channel))

    def question(self, text: str) -> str:
        """A yes/no question (already in this language) as the terminal asks it."""
        return text + self(" [y/N] ")
