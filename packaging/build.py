"""Build the frozen bundle and, on Linux, the tarball, the .deb and the AppDir: ``python3 tasks.py package``.

    .venv/bin/python packaging/build.py [--skip-pyinstaller] [--skip-check] [--only icons]

Run with the project's venv (PySide6 and PyInstaller installed; tasks.py sees to both). Outputs:

    build/icons/             hicolor PNGs (16..512) and the scalable SVG, named after the app id
    dist/clientjournal/      the one-dir bundle: clientjournal, clientjournal-cli, _internal/
    dist/clientjournal-<version>-linux-<arch>.tar.gz
    dist/clientjournal_<version>_<debarch>.deb
    dist/ClientJournal.AppDir/   ready for ``appimagetool dist/ClientJournal.AppDir``

Standard library only, apart from Qt as a fallback for rendering the icon when rsvg-convert is missing.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import layout

ROOT = layout.ROOT
BUILD = ROOT / "build"
DIST = ROOT / "dist"
LINUX = layout.PACKAGING / "linux"
ICON_SVG = layout.RESOURCES / "icons" / "clientjournal.svg"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
DEB_DEPENDS = (
    # What the bundle takes from the host rather than carrying: libc, the GL/EGL drivers, fontconfig's
    # configuration, the X/Wayland client libraries Qt's platform plugins load, D-Bus (portals, secrets).
    "libc6 (>= 2.34)",
    "libgl1",
    "libegl1",
    "libfontconfig1",
    "libfreetype6",
    "libdbus-1-3",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-shape0",
    "libx11-xcb1",
    "libwayland-client0",
    "libwayland-cursor0",
    "libwayland-egl1",
    "fontconfig",
)


def say(message: str) -> None:
    print(f"build.py: {message}", flush=True)


def run(argv: list[str], **kwargs: object) -> None:
    say("$ " + " ".join(argv))
    subprocess.run(argv, check=True, cwd=ROOT, **kwargs)  # type: ignore[call-overload]  # noqa: S603 - our own executables and tools


def app_id() -> str:
    return layout.app_id()


# --- icons ---------------------------------------------------------------------------------------


def render_icons() -> Path:
    """build/icons/hicolor/<n>x<n>/apps/<app id>.png for each size, plus scalable/apps/<app id>.svg."""
    out = BUILD / "icons" / "hicolor"
    scalable = out / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ICON_SVG, scalable / f"{app_id()}.svg")
    rsvg = shutil.which("rsvg-convert")
    pending = []
    for size in ICON_SIZES:
        target = out / f"{size}x{size}" / "apps" / f"{app_id()}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_file() and target.stat().st_mtime >= ICON_SVG.stat().st_mtime:
            continue
        if rsvg:
            run([rsvg, "-w", str(size), "-h", str(size), "-o", str(target), str(ICON_SVG)])
        else:
            pending.append((size, target))
    if pending:
        render_with_qt(pending)
    write_ico(out, BUILD / "icons" / "clientjournal.ico")
    return out


def write_ico(hicolor: Path, target: Path) -> None:
    """A Windows .ico holding the PNGs themselves (the Vista+ format): the executables' and setup's icon."""
    import struct

    images = [
        (size, (hicolor / f"{size}x{size}" / "apps" / f"{app_id()}.png").read_bytes())
        for size in (16, 24, 32, 48, 64, 128, 256)
    ]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in images:
        entries += struct.pack(
            "<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), offset + len(blobs)
        )
        blobs += png
    target.write_bytes(header + entries + blobs)


def render_with_qt(pending: list[tuple[int, Path]]) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(ICON_SVG))
    for size, target in pending:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        if not image.save(str(target), "PNG"):
            raise SystemExit(f"could not write {target}")
        say(f"rendered {target.relative_to(ROOT)} with Qt")
    del app


# --- the bundle ----------------------------------------------------------------------------------


def pyinstaller() -> Path:
    started = time.monotonic()
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(layout.PACKAGING / "clientjournal.spec"),
            "--noconfirm",
            "--log-level=WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(BUILD / "pyinstaller"),
        ]
    )
    bundle = DIST / layout.BUNDLE_NAME
    say(
        f"bundle {bundle.relative_to(ROOT)}: {size_mb(bundle):.0f} MB unpacked, {time.monotonic() - started:.0f} s"
    )
    return bundle


def size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def linux_arch() -> tuple[str, str]:
    machine = platform.machine().lower()
    deb = {"x86_64": "amd64", "aarch64": "arm64"}.get(machine, machine)
    return machine, deb


def copy_tree(source: Path, target: Path) -> None:
    """A copy of the bundle; hard links where the file system allows (fast, no extra space)."""
    if target.exists():
        shutil.rmtree(target)

    def link_or_copy(src: str, dst: str) -> object:
        try:
            os.link(src, dst)
            return dst
        except OSError:
            return shutil.copy2(src, dst)

    shutil.copytree(source, target, symlinks=True, copy_function=link_or_copy)


def install_desktop_files(prefix: Path, icons: Path) -> None:
    """The desktop file, the AppStream metainfo and the hicolor icons under <prefix>/share."""
    applications = prefix / "share" / "applications"
    metainfo = prefix / "share" / "metainfo"
    applications.mkdir(parents=True, exist_ok=True)
    metainfo.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(LINUX / f"{app_id()}.desktop", applications / f"{app_id()}.desktop")
    shutil.copyfile(LINUX / f"{app_id()}.metainfo.xml", metainfo / f"{app_id()}.metainfo.xml")
    target = prefix / "share" / "icons" / "hicolor"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(icons, target)


def tarball(bundle: Path) -> Path:
    machine, _ = linux_arch()
    out = DIST / f"clientjournal-{layout.version()}-linux-{machine}.tar.gz"
    top = f"clientjournal-{layout.version()}"
    with tarfile.open(out, "w:gz", compresslevel=6) as archive:
        archive.add(bundle, arcname=top)
        for extra in (f"{app_id()}.desktop", f"{app_id()}.metainfo.xml"):
            archive.add(LINUX / extra, arcname=f"{top}/share/{extra}")
        archive.add(BUILD / "icons" / "hicolor", arcname=f"{top}/share/icons/hicolor")
    say(f"{out.relative_to(ROOT)}: {size_mb(out):.0f} MB")
    return out


def deb(bundle: Path, icons: Path) -> Path:
    """A .deb (dpkg-deb --root-owner-group): /opt/clientjournal, /usr/bin links, desktop file, metainfo, icons."""
    _, arch = linux_arch()
    root = BUILD / "deb" / "root"
    if root.exists():
        shutil.rmtree(root)
    copy_tree(bundle, root / "opt" / "clientjournal")
    usr_bin = root / "usr" / "bin"
    usr_bin.mkdir(parents=True)
    for name in (layout.GUI_NAME, layout.CLI_NAME):
        (usr_bin / name).symlink_to(f"../../opt/clientjournal/{name}")  # relative: works under dpkg -x too
    install_desktop_files(root / "usr", icons)
    doc = root / "usr" / "share" / "doc" / "clientjournal"
    doc.mkdir(parents=True)
    shutil.copyfile(ROOT / "LICENSE", doc / "copyright")
    control = root / "DEBIAN"
    control.mkdir()
    installed_kb = int(size_mb(root) * 1000)
    (control / "control").write_text(
        "\n".join(
            [
                "Package: clientjournal",
                f"Version: {layout.version()}",
                f"Architecture: {arch}",
                "Maintainer: The ClientJournal developers <clientjournal@example.org>",
                f"Installed-Size: {installed_kb}",
                f"Depends: {', '.join(DEB_DEPENDS)}",
                "Section: misc",
                "Priority: optional",
                "Homepage: https://github.com/clientjournal/clientjournal",
                "Description: encrypted client journal with a communication coach",
                " ClientJournal keeps one private, encrypted journal per client and suggests",
                " what to say to which client next, through which channel, and why.",
                " Installs the desktop app (clientjournal) and its command line",
                " (clientjournal-cli) under /opt/clientjournal.",
                "",
            ]
        ),
        encoding="utf-8",
    )
    # Desktop caches: refreshed after install and removal; every file is the package's own, so dpkg removes
    # them all (nothing is created at install time that dpkg does not know about).
    script = (
        "#!/bin/sh\nset -e\n"
        "if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q /usr/share/applications || true; fi\n"
        "if command -v gtk-update-icon-cache >/dev/null 2>&1; then gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true; fi\n"
        "exit 0\n"
    )
    for name in ("postinst", "postrm"):
        (control / name).write_text(script, encoding="utf-8")
        (control / name).chmod(0o755)
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
    out = DIST / f"clientjournal_{layout.version()}_{arch}.deb"
    run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z6", "--build", str(root), str(out)])
    say(f"{out.relative_to(ROOT)}: {size_mb(out):.0f} MB")
    return out


APPRUN = """#!/bin/sh
# AppImage entry point. `ClientJournal.AppImage` starts the desktop app; `ClientJournal.AppImage --cli ARGS`
# (or a symlink to the AppImage named clientjournal-cli) runs the command line.
HERE="$(dirname "$(readlink -f "$0")")"
if [ "$1" = "--cli" ]; then
    shift
    exec "$HERE/usr/lib/clientjournal/clientjournal-cli" "$@"
fi
case "$(basename "${ARGV0:-$0}")" in
    clientjournal-cli*) exec "$HERE/usr/lib/clientjournal/clientjournal-cli" "$@" ;;
esac
exec "$HERE/usr/lib/clientjournal/clientjournal" "$@"
"""


def appdir(bundle: Path, icons: Path) -> Path:
    """dist/ClientJournal.AppDir: AppRun, the desktop file and icon at the top, the bundle in usr/lib/clientjournal."""
    target = DIST / "ClientJournal.AppDir"
    if target.exists():
        shutil.rmtree(target)
    copy_tree(bundle, target / "usr" / "lib" / "clientjournal")
    install_desktop_files(target / "usr", icons)
    # appimagetool looks for <id>.appdata.xml; AppStream accepts both names.
    metainfo = target / "usr" / "share" / "metainfo"
    (metainfo / f"{app_id()}.metainfo.xml").rename(metainfo / f"{app_id()}.appdata.xml")
    shutil.copyfile(LINUX / f"{app_id()}.desktop", target / f"{app_id()}.desktop")
    shutil.copyfile(icons / "256x256" / "apps" / f"{app_id()}.png", target / f"{app_id()}.png")
    (target / ".DirIcon").symlink_to(f"{app_id()}.png")
    apprun = target / "AppRun"
    apprun.write_text(APPRUN, encoding="utf-8")
    apprun.chmod(0o755)
    say(f"{target.relative_to(ROOT)}: run appimagetool on it to make the AppImage")
    return target


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--skip-pyinstaller", action="store_true", help="reuse dist/clientjournal")
    parser.add_argument("--skip-check", action="store_true", help="do not run packaging/check_bundle.py")
    parser.add_argument("--only", choices=["icons", "bundle"], help="stop after this step")
    args = parser.parse_args(argv)
    icons = render_icons()
    if args.only == "icons":
        return 0
    bundle = DIST / layout.BUNDLE_NAME if args.skip_pyinstaller else pyinstaller()
    if not args.skip_check:
        run([sys.executable, str(layout.PACKAGING / "check_bundle.py"), str(bundle)])
    if args.only == "bundle" or not sys.platform.startswith("linux"):
        return 0
    tarball(bundle)
    deb(bundle, icons)
    appdir(bundle, icons)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
