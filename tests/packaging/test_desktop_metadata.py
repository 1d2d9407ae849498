"""The Linux desktop metadata shipped in packaging/linux/: validators, translations, ids that agree everywhere."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
sys.path.insert(0, str(ROOT / "packaging"))
import layout  # noqa: E402

from clientjournal.config import APP_ID  # noqa: E402

DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
FLATPAK = LINUX / "flatpak" / f"{APP_ID}.json"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed here (.ci/run installs it: desktop-file-utils / appstream)")
    return path


def test_desktop_file_is_valid() -> None:
    proc = subprocess.run(
        [_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr


def test_metainfo_is_valid() -> None:
    proc = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_metainfo_has_norwegian_screenshots_releases_and_rating() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.find("launchable").text == f"{APP_ID}.desktop"
    assert any(node.get(XML_LANG) == "nb" for node in component.iter("summary"))
    assert any(node.get(XML_LANG) == "nb" for node in component.find("description"))
    images = [image.text for image in component.iter("image")]
    assert images and all(url.startswith("https://") for url in images)
    for url in images:  # each screenshot URL names a PNG that exists in docs/screenshots/
        assert (ROOT / "docs" / "screenshots" / url.rsplit("/", 1)[1]).is_file(), url
    releases = component.find("releases")
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert releases is not None and releases[0].get("version") == version, "add a <release> for this version"
    assert component.find("content_rating").get("type") == "oars-1.1"
    binaries = {node.text for node in component.iter("binary")}
    assert binaries == {layout.GUI_NAME, layout.CLI_NAME}


def test_desktop_file_names_the_icon_and_command() -> None:
    text = DESKTOP.read_text(encoding="utf-8")
    assert f"Icon={APP_ID}\n" in text
    assert re.search(rf"^Exec={layout.GUI_NAME}\b", text, re.MULTILINE)
    assert "Comment[nb]=" in text


def test_one_app_id_everywhere() -> None:
    """config.APP_ID is the desktop file's and AppStream id, the Flatpak id, the Windows AppUserModelID."""
    assert layout.app_id() == APP_ID
    assert json.loads(FLATPAK.read_text(encoding="utf-8"))["app-id"] == APP_ID
    iss = (ROOT / "packaging" / "windows" / "clientjournal.iss").read_text(encoding="utf-8")
    assert f'#define AppUserModelID "{APP_ID}"' in iss
    assert iss.count('AppUserModelID: "{#AppUserModelID}"') >= 1
    assert "app.setDesktopFileName(APP_ID)" in (ROOT / "clientjournal" / "app.py").read_text(encoding="utf-8")


def test_flatpak_uses_portals_not_broad_permissions() -> None:
    manifest = json.loads(FLATPAK.read_text(encoding="utf-8"))
    args = manifest["finish-args"]
    broad = [
        arg
        for arg in args
        if arg.startswith(
            ("--filesystem=home", "--filesystem=host", "--socket=session-bus", "--socket=system-bus")
        )
        or arg in ("--talk-name=org.freedesktop.Notifications", "--device=all", "--socket=x11")
    ]
    assert not broad, f"use the notification/background/file-chooser portals instead of {broad}"
    assert manifest["command"] == layout.GUI_NAME
    assert "--socket=wayland" in args and "--socket=fallback-x11" in args


def test_flatpak_packages_this_versions_tarball() -> None:
    manifest = json.loads(FLATPAK.read_text(encoding="utf-8"))
    sources = [source for module in manifest["modules"] for source in module["sources"]]
    version = layout.version()
    assert any(
        source.get("path", "").endswith(f"/dist/clientjournal-{version}-linux-x86_64.tar.gz")
        for source in sources
    ), "point the Flatpak manifest at this version's tarball"


def test_release_workflow_builds_and_smoke_tests_each_platform() -> None:
    text = (ROOT / "packaging" / "ci" / "github-release.yml").read_text(encoding="utf-8")
    assert "\t" not in text
    for job in ("linux", "windows", "macos"):
        assert re.search(rf"^  {job}:$", text, re.MULTILINE), job
    assert text.count("tasks.py package") >= 3
    assert text.count("check_bundle.py") >= 3
    assert "container: debian:12" in text  # an old glibc for the Linux release build
