"""A demo client's card (name, company, contact details, temperament, tags) and their 1–3 projects."""

from __future__ import annotations

from datetime import date, timedelta

from clientjournal.demo import phrases
from clientjournal.demo.dice import Dice
from clientjournal.domain.entities import Client, Project
from clientjournal.domain.enums import Channel, ProjectStatus

__all__ = ["client_card", "client_projects"]


def client_card(
    dice: Dice, lang: str, name: str, client_id: str, preferred: Channel | None, archived: bool
) -> Client:
    """The card of client ``name``; a client with a preferred channel usually has an update rhythm too."""
    company = ""
    if dice.random() < 0.75:
        company = f"{dice.pick(phrases.COMPANY_A[lang])} {dice.pick(phrases.COMPANY_B[lang])}"
    user = name.lower().replace(" ", ".").translate(phrases.ASCII)
    if company:
        host = company.split(" ", 1)[0].lower().translate(phrases.ASCII) + phrases.TLD[lang]
    else:
        host = dice.pick(phrases.MAIL_HOSTS[lang])
    b = dice.between
    if lang == "nb":
        phone = f"+47 {dice.pick('49')}{b(0, 99):02} {b(0, 99):02} {b(0, 999):03}"
    else:
        phone = f"+44 7{b(100, 999)} {b(0, 999999):06}"
    every = dice.pick((3, 7, 7, 7, 14, 14, 30)) if preferred and dice.random() < 0.85 else None
    notes = dice.sample(phrases.TEMPERAMENT[lang], dice.pick((0, 1, 1, 2)))
    return Client(
        id=client_id,
        name=name,
        company=company,
        email=f"{user}@{host}" if dice.random() < 0.95 else "",
        phone=phone if dice.random() < 0.85 else "",
        preferred_channel=preferred,
        update_every_days=every,
        temperament="; ".join(notes),
        tags=tuple(dice.sample(phrases.TAGS, dice.pick((0, 1, 1, 2, 3)))),
        archived=archived,
        language=lang,
    )


def client_projects(dice: Dice, lang: str, client_id: str, archived: bool, today: date) -> list[Project]:
    """One to three projects, one after another; an archived client's are all delivered or cancelled."""
    span = dice.between(200, 360) if archived else dice.between(30, 360)
    signed = today - timedelta(days=span)
    limit = today - timedelta(days=dice.between(60, 120)) if archived else today
    result: list[Project] = []
    titles = dice.sample(phrases.TITLES[lang], 3)
    for title in titles[: dice.pick((1, 1, 2, 2, 3))]:
        if result and signed > limit - timedelta(days=3):
            break
        due = signed + timedelta(days=dice.between(21, 120))
        status, delivered = ProjectStatus.ACTIVE, None
        if archived or due < today - timedelta(days=5):
            roll = dice.random()
            if archived or roll < 0.85:
                status = ProjectStatus.DELIVERED if roll < 0.9 else ProjectStatus.CANCELLED
            elif roll < 0.92:
                status = ProjectStatus.CANCELLED
        elif due > today and signed < today - timedelta(days=20) and dice.random() < 0.1:
            status = ProjectStatus.DELIVERED  # delivered well before the due date
            due = max(due, today + timedelta(days=2))
        if status is ProjectStatus.DELIVERED:
            delivered = min(due + timedelta(days=dice.between(-7, 5)), limit, today)
            delivered = max(delivered, signed + timedelta(days=7))
            if delivered > today:
                delivered, status = None, ProjectStatus.ACTIVE
        result.append(Project(dice.uuid(), client_id, title, signed, due, status, delivered))
        signed += timedelta(days=dice.between(20, 140))
    return result
