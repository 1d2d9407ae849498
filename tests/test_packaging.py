"""The wheel must carry every package and resource: an installed, non-editable copy has to find them."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_folder_is_listed_for_the_wheel() -> None:
    listed = set(_pyproject()["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "clientjournal").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert on_disk <= listed, f"add to [tool.setuptools] packages: {sorted(on_disk - listed)}"


def test_every_resource_file_type_is_shipped() -> None:
    patterns = _pyproject()["tool"]["setuptools"]["package-data"]["clientjournal._resources"]
    shipped_suffixes = {pattern.rsplit(".", 1)[-1] for pattern in patterns}
    resource_files = [
        path
        for path in (ROOT / "resources").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.name != "__init__.py"
    ]
    unshipped = sorted(
        str(p.relative_to(ROOT)) for p in resource_files if p.suffix.lstrip(".") not in shipped_suffixes
    )
    assert not unshipped, f"resource files the wheel would leave out: {unshipped}"


def test_every_resource_folder_is_a_listed_package() -> None:
    """setuptools warns once per data folder inside a package that ``packages`` does not list (``pip install``
    and ``python -m build`` printed dozens of lines for them)."""
    listed = set(_pyproject()["tool"]["setuptools"]["packages"])
    folders = {
        ".".join(("clientjournal", "_resources", *folder.relative_to(ROOT / "resources").parts))
        for folder in (ROOT / "resources").rglob("*")
        if folder.is_dir() and folder.name != "__pycache__" and any(p.is_file() for p in folder.iterdir())
    }
    assert folders, "no resource folders found"
    assert folders <= listed, f"add to [tool.setuptools] packages: {sorted(folders - listed)}"
