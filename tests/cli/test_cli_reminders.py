"""End-to-end: ``clientjournal-cli reminders`` lists, snoozes, marks done and dismisses, through the installed CLI."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from cliutil import NOW, SPEC_EXAMPLE, Vault, new_vault, spec_document, write_json

TZ = ("--tz", "Europe/Oslo")
LATER = "2026-11-27T10:05:00+00:00"


def _vault(tmp_path: Path) -> Vault:
    vault = new_vault(tmp_path)
    vault.ok("import", SPEC_EXAMPLE)  # Kari's promise e2, open, due 2026-11-20
    return vault


def _listing(vault: Vault, now: str = NOW, *extra: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = vault.ok("reminders", "--json", "--now", now, *TZ, *extra).json()
    return rows


def _promise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    (row,) = [r for r in rows if r["kind"] == "promise"]
    return row


def test_an_overdue_promise_is_listed_with_its_id_in_json_and_text(tmp_path: Path) -> None:
    vault = _vault(tmp_path)
    row = _promise(_listing(vault))
    assert row["status"] == "overdue" and row["entry"] == "e2" and row["client_name"] == "Kari Nordmann"
    assert row["due_on"] == "2026-11-20" and row["due_at"] == "2026-11-20T08:00:00+00:00"  # 09:00 in Oslo
    assert row["local_at"] == "2026-11-20 09:00"
    text = vault.ok("reminders", "--now", NOW, *TZ).stdout
    line = next(line for line in text.splitlines() if line.startswith(row["id"]))
    assert "overdue" in line and "Kari Nordmann" in line and "[promise]" in line


def test_snooze_for_an_hour_hides_it_until_then_even_after_a_restart(tmp_path: Path) -> None:
    vault = _vault(tmp_path)
    rid = _promise(_listing(vault))["id"]
    done = vault.ok("reminders", "snooze", rid, "--for", "1h", "--now", NOW, *TZ, "--json").json()
    assert done == {"id": rid, "snoozed_until": "2026-11-27T11:00:00+00:00"}
    assert all(r["id"] != rid for r in _listing(vault, LATER))
    upcoming = _promise(_listing(vault, LATER, "--within", "1"))
    assert upcoming["status"] == "upcoming" and upcoming["snoozed_until"] == "2026-11-27T11:00:00+00:00"
    assert _promise(_listing(vault, "2026-11-27T11:00:01+00:00"))["status"] == "overdue"


def test_snooze_until_a_moment_or_tomorrow_morning_and_in_the_zone_given(tmp_path: Path) -> None:
    vault = _vault(tmp_path)
    rid = _promise(_listing(vault))["id"]
    result = vault.ok("reminders", "snooze", rid[:6], "--until", "2026-11-27T15:30", "--now", NOW, *TZ)
    assert result.stdout.strip() == f"Snoozed {rid} until 2026-11-27 15:30."
    stored = vault.ok("reminders", "snooze", rid, "--tomorrow", "--now", NOW, *TZ, "--json").json()
    assert stored["snoozed_until"] == "2026-11-28T08:00:00+00:00"
    ten = vault.ok("reminders", "snooze", rid, "--for", "10m", "--now", NOW, *TZ, "--json").json()
    assert ten["snoozed_until"] == "2026-11-27T10:10:00+00:00"


def test_done_marks_the_promise_kept_in_the_journal(tmp_path: Path) -> None:
    vault = _vault(tmp_path)
    rid = _promise(_listing(vault))["id"]
    result = vault.ok("reminders", "done", rid, "--now", NOW, *TZ)
    assert "marked kept" in result.stdout
    (entry,) = [e for e in vault.export()["clients"][0]["entries"] if e["id"] == "e2"]
    assert entry["promise"] == {"due_on": "2026-11-20", "status": "kept", "resolved_on": "2026-11-27"}
    assert all(r["kind"] != "promise" for r in _listing(vault))


def test_dismiss_removes_it_for_good(tmp_path: Path) -> None:
    vault = _vault(tmp_path)
    rid = _promise(_listing(vault))["id"]
    assert vault.ok("reminders", "dismiss", rid, "--now", NOW, "--json").json() == {
        "id": rid,
        "dismissed": True,
    }
    assert all(r["id"] != rid for r in _listing(vault, "2026-12-27T10:00:00+00:00", "--within", "30"))


def test_within_days_lists_upcoming_reminders(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    document = copy.deepcopy(spec_document())
    document["clients"][0]["entries"][1]["promise"]["due_on"] = "2026-12-01"
    vault.ok("import", write_json(tmp_path / "later.json", document))
    assert all(r["kind"] != "promise" for r in _listing(vault))
    row = _promise(_listing(vault, NOW, "--within", "5"))
    assert row["status"] == "upcoming" and row["due_at"] == "2026-12-01T08:00:00+00:00"
    assert all(r["kind"] != "promise" for r in _listing(vault, NOW, "--within", "3"))


def test_errors_are_one_line_with_the_documented_exit_codes(tmp_path: Path) -> None:
    vault = _vault(tmp_path)
    missing = vault.run("reminders", "done", "0123456789ab", "--now", NOW, expect=1)
    assert missing.stderr_lines == ["error: no reminder 0123456789ab (it may be done, or no longer due)"]
    rid = _promise(_listing(vault))["id"]
    bad = vault.run("reminders", "snooze", rid, "--for", "soon", "--now", NOW, expect=2)
    assert len(bad.stderr_lines) == 1 and bad.stderr_lines[0].startswith("error: not a duration")
    zone = vault.run("reminders", "--tz", "Mars/Olympus", "--now", NOW, expect=1)
    assert zone.stderr_lines == ["error: unknown time zone 'Mars/Olympus'"]
    usage = vault.run("reminders", "snooze", rid, expect=2)  # no --for/--until/--tomorrow
    assert "Traceback" not in usage.stderr
    wrong = vault.run("reminders", "--now", NOW, passphrase="wrong passphrase!", expect=3)
    assert len(wrong.stderr_lines) == 1
    assert (
        vault.ok("reminders", "--now", "2026-01-01T00:00:00+00:00", *TZ).stdout.strip() == "Nothing is due."
    )


def _with_untold_news(tmp_path: Path) -> Vault:
    """Kari's journal with a setback (step 5) and a solved problem (step 8), logged with a channel but without
    ``client_told_at``: the client has not been told about either."""
    document = copy.deepcopy(spec_document())
    entries = document["clients"][0]["entries"]
    entries[1]["promise"]["status"] = "kept"  # only the two pieces of news remind
    entries[1]["promise"]["resolved_on"] = "2026-11-20"
    entries += [
        {"id": "e3", "project": "p1", "occurred_at": "2026-11-26T15:00:00+01:00", "kind": "setback",
         "channel": "email", "moods": [], "text": "The supplier broke our import; delivery slips a week.",
         "promise": None},
        {"id": "e4", "project": "p1", "occurred_at": "2026-11-24T11:00:00+01:00", "kind": "problem_solved",
         "channel": "other", "moods": [], "text": "Fixed the slow checkout page.", "promise": None},
    ]  # fmt: skip
    vault = new_vault(tmp_path)
    vault.ok("import", write_json(tmp_path / "news.json", document))
    return vault


def _told_at(vault: Vault, entry_id: str) -> object:
    (entry,) = [e for e in vault.export()["clients"][0]["entries"] if e["id"] == entry_id]
    return entry.get("client_told_at")


def _suggested(vault: Vault) -> set[str]:
    return {a["action"] for a in vault.ok("suggest", "--json", "--now", NOW).json()}


def test_done_on_a_tell_the_client_reminder_marks_the_setback_and_the_solved_problem_told(
    tmp_path: Path,
) -> None:
    vault = _with_untold_news(tmp_path)
    rows = {r["action"]: r for r in _listing(vault, NOW, "--within", "7")}
    assert rows["tell_setback"]["entry"] == "e3" and rows["explain_solved_problem"]["entry"] == "e4"
    assert {"tell_setback", "explain_solved_problem"} <= _suggested(vault)

    # The solved problem first: telling the client about the later setback also informs them of it.
    solved = rows["explain_solved_problem"]["id"]
    answer = vault.ok("reminders", "done", solved, "--now", NOW, *TZ, "--json").json()
    assert answer == {"id": solved, "done": True, "promise_kept": False, "client_told": True}
    assert _told_at(vault, "e4") == NOW  # the moment of --now, the injected clock
    assert _told_at(vault, "e3") is None
    assert "explain_solved_problem" not in _suggested(vault) and "tell_setback" in _suggested(vault)

    setback = rows["tell_setback"]["id"]
    result = vault.ok("reminders", "done", setback, "--now", LATER, *TZ)
    assert result.stdout.strip() == f"Done: {setback} (the client is marked told)."
    assert _told_at(vault, "e3") == LATER
    assert _suggested(vault).isdisjoint({"tell_setback", "explain_solved_problem"})
    assert {r["id"] for r in _listing(vault, LATER, "--within", "30")}.isdisjoint({solved, setback})


def test_done_on_a_tell_the_client_reminder_in_norwegian(tmp_path: Path) -> None:
    vault = _with_untold_news(tmp_path)
    (row,) = [r for r in _listing(vault, NOW, "--within", "7") if r["action"] == "tell_setback"]
    result = vault.ok("reminders", "done", row["id"], "--now", NOW, *TZ, "--lang", "nb")
    assert result.stdout.strip() == f"Ferdig: {row['id']} (merket at klienten har fått beskjed)."
    assert _told_at(vault, "e3") == NOW
