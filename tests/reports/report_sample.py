"""Journals for the report tests: one Norwegian and one English client with every kind of entry, and an empty one.

Each text that must (or must never) reach a report is a constant here, so a test can search the PDF's text for it.
Entry texts avoid the mood words, so finding a mood word in a report means the report printed a mood.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from clientjournal.domain import Client, ClientJournal, Entry, Project, Promise
from clientjournal.domain.enums import Channel, EntryKind, ProjectStatus, PromiseStatus

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)

NB_NAME = "Kari Ærlig Østbø-Åsen"
NB_COMPANY = "Fjordlys Håndverk AS"
NB_EMAIL = "kari@fjordlys.no"
NB_PHONE = "+47 412 34 567"
NB_TEMPERAMENT = (
    "Rask til å bli bekymret når datoer flytter seg; setter pris på en telefon framfor lange e-poster."
)
EN_NAME = "Zoë Hart"
EN_TEMPERAMENT = "Direct and quick; wants bad news early and in plain words."
EMPTY_NAME = "Åsmund Tom"

PROMISE_TITLES = {
    "kept": "Skissene til forsiden er klare innen fredag.",
    "kept_early": "Fargepaletten kommer før helgen.",
    "broken": "Bildene lastes opp innen den tiende.",
    "open": "Testversjonen er klar til gjennomgang.",
}
EN_PROMISES = {
    "kept": "The style guide will be ready by Friday.",
    "open": "The shop goes live before Christmas.",
}
PRIVATE_NOTE = "Husk: hun nevnte at sjefen presser på budsjettet, ikke si noe om det."
EN_PRIVATE_NOTE = "Remember to invoice the extra hours quietly next month."
DELIVERY = "Leverte de nye ikonene, to dager før avtalt."
CHANGE = "Vi ble enige om å legge til en side for bestillinger."
SOLVED = "Rettet feilen i kontaktskjemaet og forklarte Kari hva som var galt."
SETBACK = "Trykkeriet avlyste, så brosjyren blir en uke forsinket."
OLD_DELIVERY = "Leverte logoen i vår, lenge før denne perioden."
MOODS = ("enthusiastic", "satisfied", "anxious", "frustrated", "calm")


def _at(days_before: int, hour: int = 10) -> datetime:
    return (NOW - timedelta(days=days_before)).replace(hour=hour)


def _entry(client: str, n: int, days: int, kind: EntryKind, text: str, **more: object) -> Entry:
    return Entry(f"e{n}", client, _at(days), kind, text, **more)  # type: ignore[arg-type]


def norwegian() -> ClientJournal:
    c = "kari"
    client = Client(
        c,
        NB_NAME,
        NB_COMPANY,
        NB_EMAIL,
        NB_PHONE,
        Channel.PHONE,
        7,
        NB_TEMPERAMENT,
        ("nettside",),
        language="nb",
    )
    web = Project("web", c, "Ny nettside for Fjordlys", date(2026, 9, 1), date(2026, 12, 20))
    logo = Project(
        "logo",
        c,
        "Logo og profil",
        date(2026, 3, 1),
        date(2026, 4, 30),
        ProjectStatus.DELIVERED,
        date(2026, 4, 20),
    )
    email, phone, meeting = Channel.EMAIL, Channel.PHONE, Channel.MEETING
    entries = [
        _entry(c, 1, 230, EntryKind.DELIVERY, OLD_DELIVERY, channel=email, project_id="logo"),
        _entry(
            c,
            2,
            87,
            EntryKind.CONTRACT_SIGNED,
            "Kontrakten er signert.",
            channel=meeting,
            moods=("enthusiastic",),
            project_id="web",
        ),
        _entry(
            c,
            3,
            80,
            EntryKind.PROMISE,
            PROMISE_TITLES["kept"] + " Med to varianter.",
            channel=email,
            project_id="web",
            promise=Promise(date(2026, 9, 12), PromiseStatus.KEPT, date(2026, 9, 12)),
        ),
        _entry(
            c,
            4,
            75,
            EntryKind.CALL,
            "Gikk gjennom skissene.",
            channel=phone,
            moods=("satisfied",),
            project_id="web",
        ),
        _entry(
            c,
            5,
            70,
            EntryKind.PROMISE,
            PROMISE_TITLES["kept_early"],
            channel=email,
            project_id="web",
            promise=Promise(date(2026, 9, 25), PromiseStatus.KEPT_EARLY, date(2026, 9, 22)),
        ),
        _entry(c, 6, 60, EntryKind.SETBACK, SETBACK, project_id="web", moods=("anxious",)),
        _entry(
            c,
            7,
            58,
            EntryKind.CALL,
            "Ringte om brosjyren og den nye planen.",
            channel=phone,
            moods=("frustrated",),
            project_id="web",
        ),
        _entry(
            c,
            8,
            50,
            EntryKind.PROMISE,
            PROMISE_TITLES["broken"],
            channel=email,
            project_id="web",
            promise=Promise(date(2026, 10, 10), PromiseStatus.BROKEN, date(2026, 10, 12)),
        ),
        _entry(c, 9, 45, EntryKind.CHANGE_AGREED, CHANGE, channel=meeting, moods=("calm",), project_id="web"),
        _entry(c, 10, 40, EntryKind.NOTE, PRIVATE_NOTE, project_id="web"),
        _entry(
            c, 11, 30, EntryKind.DELIVERY, DELIVERY, channel=email, moods=("enthusiastic",), project_id="web"
        ),
        _entry(
            c, 12, 20, EntryKind.PROBLEM_SOLVED, SOLVED, channel=phone, moods=("satisfied",), project_id="web"
        ),
        _entry(
            c,
            13,
            12,
            EntryKind.PROMISE,
            PROMISE_TITLES["open"] + " Hun vil teste på mobil.",
            channel=email,
            project_id="web",
            promise=Promise(date(2026, 11, 30)),
        ),
        _entry(
            c,
            14,
            5,
            EntryKind.EMAIL,
            "Sendte status for uken.",
            channel=email,
            moods=("anxious",),
            project_id="web",
        ),
    ]
    return ClientJournal(client, (web, logo), tuple(entries))


def english() -> ClientJournal:
    c = "zoe"
    client = Client(
        c,
        EN_NAME,
        "Hart & Daughters",
        "zoe@hart.co.uk",
        "+44 20 7946 0000",
        Channel.EMAIL,
        14,
        EN_TEMPERAMENT,
        language="en",
    )
    shop = Project("shop", c, "Web shop", date(2026, 10, 1), date(2026, 12, 18))
    entries = [
        _entry(
            c,
            1,
            55,
            EntryKind.CONTRACT_SIGNED,
            "Signed the web shop contract.",
            channel=Channel.MEETING,
            moods=("enthusiastic",),
            project_id="shop",
        ),
        _entry(
            c,
            2,
            50,
            EntryKind.PROMISE,
            EN_PROMISES["kept"],
            channel=Channel.EMAIL,
            project_id="shop",
            promise=Promise(date(2026, 10, 16), PromiseStatus.KEPT, date(2026, 10, 16)),
        ),
        _entry(c, 3, 30, EntryKind.NOTE, EN_PRIVATE_NOTE, project_id="shop"),
        _entry(
            c,
            4,
            25,
            EntryKind.PROMISE,
            EN_PROMISES["open"],
            channel=Channel.EMAIL,
            project_id="shop",
            promise=Promise(date(2026, 12, 18)),
        ),
        _entry(
            c,
            5,
            10,
            EntryKind.CHANGE_REQUEST,
            "Asked for gift cards in the shop.",
            channel=Channel.EMAIL,
            moods=("anxious",),
            project_id="shop",
        ),
    ]
    return ClientJournal(client, (shop,), tuple(entries))


def empty() -> ClientJournal:
    return ClientJournal(Client("empty", EMPTY_NAME))


def journals() -> list[ClientJournal]:
    return [norwegian(), english(), empty()]
