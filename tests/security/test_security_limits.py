"""What is not protected, shown (SECURITY.md "What is not protected"): the documented limits are real limits.

These tests pin the honest side of the promises. When one starts failing, the app has become stronger than its
documentation says: update SECURITY.md (and the README), then this test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from secutil import Vault, new_vault, spec_document, write_json


def _vault_files(vault: Vault) -> list[Path]:
    return [p for p in vault.data_dir.iterdir() if p.name.startswith("vault.sqlite3")]


def test_a_whole_file_rolled_back_to_an_older_copy_passes_check(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    document = spec_document()
    vault.ok("import", write_json(tmp_path / "first.json", document))
    old = tmp_path / "old-copy"
    old.mkdir()
    for path in _vault_files(vault):
        shutil.copy2(path, old / path.name)

    document["clients"][0]["entries"][0]["text"] = "Changed after the copy was taken."
    vault.ok("import", write_json(tmp_path / "second.json", document))
    for path in _vault_files(vault):
        path.unlink()
    for path in old.iterdir():
        shutil.copy2(path, vault.data_dir / path.name)

    vault.ok("check")  # nothing inside the file can tell: that needs state kept outside the vault
    text = vault.export()["clients"][0]["entries"][0]["text"]
    assert text == spec_document()["clients"][0]["entries"][0]["text"]


def test_a_copy_made_outside_the_apps_reach_still_opens_a_deleted_client(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    document = spec_document()
    document["clients"][0]["id"] = "c-gone"
    vault.ok("import", write_json(tmp_path / "d.json", document))
    copy = tmp_path / "usb-stick" / "vault.sqlite3"
    copy.parent.mkdir()
    vault.ok("backup", "--out", copy)  # written where the user chose: not a backup the app manages
    vault.ok("delete-client", "c-gone", "--yes")
    assert vault.client_count() == 0

    elsewhere = Vault(tmp_path / "elsewhere")
    elsewhere.data_dir.mkdir()
    shutil.copy2(copy, elsewhere.file)
    names = [c["name"] for c in elsewhere.ok("clients", "--json").json()]  # the same passphrase opens it
    assert names == [document["clients"][0]["name"]]
