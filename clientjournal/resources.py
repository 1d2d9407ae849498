"""Access to the files under the top-level ``resources/`` folder, wherever the app is installed.

The folder is packaged as ``clientjournal._resources`` (see pyproject.toml), so an installed wheel, an editable
checkout and a frozen bundle all find it as a package. When that package is a folder on disk (the usual case),
its path is used directly; otherwise (a zip import) importlib.resources reads it. Importing importlib.resources
costs ~10 ms, which the desktop app's first window would wait for.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


@cache
def _root() -> Traversable:
    import clientjournal._resources as package

    for folder in getattr(package, "__path__", ()):
        path = Path(folder)
        if path.is_dir():
            return path
    from importlib.resources import files

    return files(package)


def resource(*parts: str) -> Traversable:
    """The resource at ``resources/<parts...>``; read it with ``.read_text()`` or ``.read_bytes()``."""
    node = _root()
    for part in parts:
        node = node.joinpath(part)
    return node
