"""One conversation, one card: findings that a person would handle in the same talk with the client become one.

A careful reader of the playbook makes one call where the rules see several things:

* **A feeling in the entry a cause was written in.** The client asks for a change (or a setback, a solved
  problem, a promise at risk is logged) and the same entry records that they sounded unsure or upset: the
  ``mirror_feelings`` finding joins the cause's. The card is the cause's (its step, its title); its reasons say to
  listen first, and it goes through a live channel, because that is how feelings are heard.
* **A setback that puts a promise at risk.** Telling the client about the setback and warning them about the
  promise are one conversation: every ``promise_at_risk`` caused by a setback that has not been told joins that
  setback's ``tell_setback``.

The merged card keeps the cause's key (snoozing or dismissing it hides the whole conversation), the highest
priority and the earliest due date of its parts, and every part's evidence. :func:`cause_evidence` gives back the
cause's own evidence from a rendered card: what a reminder's id and the "told" marks are derived from, so that
neither changes when a part joins or leaves the card.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from clientjournal.coach.values import Action, Finding, action_key

FEELINGS = "mirror_feelings"
CAUSES_OF_FEELINGS = ("discuss_change_request", "tell_setback", "explain_solved_problem", "promise_at_risk")
"""Actions about one entry in which a feeling can be written down, the preferred cause first."""

TELLING_ACTIONS = frozenset({"tell_setback", "explain_solved_problem"})
"""Actions whose conversation tells the client about a setback or a solved problem (always a card's cause)."""

Scored = tuple[float, Finding]


def subject(finding: Finding) -> str | None:
    """The entry a finding is about: the change request, the setback, the solved problem (None: no one entry)."""
    if finding.action in CAUSES_OF_FEELINGS and finding.evidence:
        return finding.evidence[-1]  # a promise at risk: (the promise, the setback)
    return None


def cause_part(action: Action) -> str:
    """The cause's evidence as its key spells it (the ids joined by commas): the same whatever joined the card."""
    prefix = action_key(action.client, action.project, action.action, ())
    if action.key.startswith(prefix):
        return action.key[len(prefix) :]
    return ",".join(action.evidence)  # a key made some other way: the evidence is all we know


def cause_evidence(action: Action) -> tuple[str, ...]:
    """The entries the card's cause itself is about (a merged card's :attr:`Action.evidence` also holds its
    parts': a mood reading's earlier entries, the promise a setback puts at risk).

    Read from the cause's key, which holds its evidence; an id found whole among the card's evidence is taken as
    it is, so an id that itself contains a comma is not split.
    """
    if not action.merged:
        return action.evidence
    joined = cause_part(action)
    if not joined:
        return ()
    if joined in action.evidence:
        return (joined,)
    return tuple(joined.split(","))


def _as_part(part: Finding) -> Finding:
    """A finding as it joins a card. A mood reading keeps only the entry the feeling was written in (the
    cause's own entry): the earlier readings it was compared with explain the trend, not this conversation, and
    would crowd the card's "Based on" list."""
    if part.action == FEELINGS and len(part.evidence) > 1:
        return replace(part, evidence=part.evidence[-1:])
    return part


def _absorb(cause: Scored, parts: Sequence[Scored]) -> Scored:
    score, finding = cause
    dues = [f.due_on for _, f in (cause, *parts) if f.due_on is not None]
    channel = finding.channel
    for _, part in parts:
        if part.action == FEELINGS and part.channel.is_live:  # feelings are heard, not read
            channel = part.channel
    merged = replace(
        finding,
        channel=channel,
        due_on=min(dues) if dues else None,
        merged=(*finding.merged, *(_as_part(part) for _, part in parts)),
    )
    return max(score, *(s for s, _ in parts)), merged


def merge_conversations(
    scored: Sequence[Scored], hidden: Callable[[str], bool] | None = None
) -> list[Scored]:
    """``scored`` (one client's findings with their priorities) with each conversation's findings in one.

    ``hidden``: the keys the user snoozed or dismissed. A hidden finding joins no card and is left out; a card
    whose cause is hidden is left out whole. The order of the result is that of the causes in ``scored``.
    """
    if len(scored) < 2:  # nothing to merge: the common case, kept cheap
        return [item for item in scored if hidden is None or not hidden(item[1].key)]
    hide = {i for i, (_, f) in enumerate(scored) if hidden is not None and hidden(f.key)}
    setbacks = {
        f.evidence[0]: i for i, (_, f) in enumerate(scored) if f.action == "tell_setback" and f.evidence
    }
    into: dict[int, list[int]] = {}
    taken: set[int] = set(hide)
    for i, (_, finding) in enumerate(scored):
        if i in hide:
            continue
        if finding.action == "promise_at_risk":
            cause = setbacks.get(finding.evidence[-1])
            if cause is not None:
                into.setdefault(cause, []).append(i)
                taken.add(i)
    for i, (_, finding) in enumerate(scored):
        if i in hide or finding.action != FEELINGS or not finding.evidence:
            continue
        written_in = finding.evidence[-1]
        candidates = [
            j
            for j, (_, other) in enumerate(scored)
            if j not in taken or j in hide
            if j != i and subject(other) == written_in and other.project == finding.project
        ]
        if not candidates:
            continue
        cause = min(candidates, key=lambda j: (CAUSES_OF_FEELINGS.index(scored[j][1].action), j))
        into.setdefault(cause, []).append(i)
        taken.add(i)
    result: list[Scored] = []
    for i, item in enumerate(scored):
        if i in taken:  # merged into another card, or hidden (with whatever joined it)
            continue
        parts = [scored[j] for j in sorted(into.get(i, ()))]
        result.append(_absorb(item, parts) if parts else item)
    return result
