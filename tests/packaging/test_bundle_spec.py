"""The PyInstaller spec against drift: whatever is added to clientjournal/ or resources/ gets into the bundle."""

from __future__ import annotations

import ast
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "clientjournal.spec"
sys.path.insert(0, str(ROOT / "packaging"))
import layout  # noqa: E402


def test_every_resource_folder_is_collected() -> None:
    collected = {
        Path(dest).relative_to("clientjournal/_resources").as_posix()
        for _src, dest in layout.resource_entries()
    }
    on_disk = set(layout.resource_folders())
    assert on_disk <= collected, f"resource folders the bundle would leave out: {sorted(on_disk - collected)}"
    for folder in ("playbook", "translations", "icons", "styles"):
        assert folder in collected


def test_every_resource_file_is_collected_or_compiled() -> None:
    sources = {Path(src).relative_to(layout.RESOURCES).as_posix() for src, _dest in layout.resource_entries()}
    for wanted in layout.expected_resources():
        assert wanted in sources or wanted.endswith(".qm"), wanted
    assert not [s for s in sources if s.endswith(".ts")], "translations ship compiled (.qm), not as .ts"


def test_every_clientjournal_package_is_included() -> None:
    modules = set(layout.clientjournal_modules())
    packages = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "clientjournal").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert packages <= modules
    assert "clientjournal.storage.migrations" in modules
    for entry in ("clientjournal.app", "clientjournal.cli", "clientjournal.ui", "clientjournal.reports"):
        assert entry in modules


def test_migration_scripts_ship_as_files() -> None:
    shipped = {Path(src).name for src, _dest in layout.migration_entries()}
    on_disk = {p.name for p in (ROOT / "clientjournal" / "storage" / "migrations").rglob("*.py")}
    assert on_disk <= shipped and "env.py" in shipped


def _calls(name: str) -> list[ast.Call]:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == name]


def test_spec_builds_two_executables_from_two_analyses() -> None:
    analyses = _calls("Analysis")
    assert len(analyses) == 2
    names = {
        kw.value.attr if isinstance(kw.value, ast.Attribute) else getattr(kw.value, "value", None)
        for call in _calls("EXE")
        for kw in call.keywords
        if kw.arg == "name"
    }
    assert names == {"GUI_NAME", "CLI_NAME"}
    assert len(_calls("COLLECT")) == 1 and len(_calls("BUNDLE")) == 1
    text = SPEC.read_text(encoding="utf-8")
    # The spec takes its lists from layout.py, which the tests above check against the tree.
    for use in ("layout.clientjournal_modules()", "layout.resource_entries()", "layout.migration_entries()"):
        assert use in text


def test_cli_analysis_excludes_qt() -> None:
    assert {"PySide6", "shiboken6", "clientjournal.ui", "clientjournal.app"} <= set(layout.CLI_EXCLUDES)
    assert not [
        m for m in layout.GUI_EXCLUDES if m in ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets")
    ]


def test_gui_keeps_every_qt_module_the_sources_import() -> None:
    from check_bundle import qt_modules_used

    used = set(qt_modules_used())
    assert {"PySide6.QtCore", "PySide6.QtWidgets"} <= used
    assert not used & set(layout.QT_MODULES_EXCLUDED), (
        "a Qt module the app imports is excluded from the bundle"
    )


@pytest.mark.skipif(
    not os.environ.get("CLIENTJOURNAL_BUNDLE_DIR"), reason="no built bundle (CLIENTJOURNAL_BUNDLE_DIR)"
)
def test_built_bundle_holds_every_resource_folder() -> None:
    bundle = Path(os.environ["CLIENTJOURNAL_BUNDLE_DIR"]).resolve() / layout.BUNDLE_NAME
    resources = bundle / "_internal" / "clientjournal" / "_resources"
    missing = [f for f in layout.resource_folders() if not (resources / f).is_dir()]
    assert not missing, f"rebuild the bundle (python3 tasks.py package): {missing}"
