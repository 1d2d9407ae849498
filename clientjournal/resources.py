"""Access to the files under the top-level ``resources/`` folder, wherever the app is installed.

The folder is packaged as ``clientjournal._resources`` (see pyproject.toml), so an installed wheel, an editable
checkout and a frozen bundle all find it through importlib.resources.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    """The resource at ``resources/<parts...>``; read it with ``.read_text()`` or ``.read_bytes()``."""
    node = files("clientjournal._resources")
    for part in parts:
        node = node.joinpath(part)
    return node
