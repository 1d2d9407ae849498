"""Architecture rules that keep the UI-free core UI-free and the Qt layer thin.

Three independent checks, so a slip is caught whichever way it happens:

1. import-linter's contracts in pyproject.toml (``[tool.importlinter]``), exactly as
   ``python3 tasks.py lint`` runs them, and a check that the contracts still say what ARCHITECTURE.md says
   (the layers; the window and the CLI import neither storage nor crypto), so loosening one fails here too;
2. a static walk of the import graph (grimp, which import-linter is built on) from *every* module
   of ``clientjournal`` outside the Qt layer, so a new core module needs no config change to be
   covered; imports inside functions count too;
3. a run-time check: a fresh interpreter imports every core module and then looks for Qt in
   ``sys.modules``, which also catches ``importlib.import_module("PySide6...")`` and friends.

Plus a size rule (no module over ``MAX_LINES`` lines, to keep modules readable), and two house rules for the
Qt layer: no module touches another object's private attributes (``obj._x`` or ``getattr(obj, "_x")``, with a
self-test of the detector), and no module keeps mutable state in ``global`` variables.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "clientjournal"
QT_PACKAGES = ("PySide6", "shiboken6")
# The Qt layer: these may import Qt. Everything else in the package is core.
UI_MODULES = ("clientjournal.ui", "clientjournal.app")
# Every module stays under 400 lines: split one by responsibility as it nears this.
MAX_LINES = 400


def _is_ui(module: str) -> bool:
    return any(module == ui or module.startswith(ui + ".") for ui in UI_MODULES)


def test_import_linter_contracts_are_kept() -> None:
    bindir = Path(sys.executable).parent
    exe = shutil.which("lint-imports", path=str(bindir)) or shutil.which("lint-imports")
    if exe is None:
        pytest.fail("lint-imports not found: pip install -e '.[test]'")
    proc = subprocess.run(
        [exe, "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, f"import-linter contract broken:\n{proc.stdout}\n{proc.stderr}"


def test_no_core_module_reaches_qt_in_the_import_graph() -> None:
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph(PACKAGE, include_external_packages=True, cache_dir=None)
    targets = [m for m in (*QT_PACKAGES, *UI_MODULES) if m in graph.modules]
    core_children = sorted(m for m in graph.find_children(PACKAGE) if not _is_ui(m))
    assert core_children, "no core modules found: is the package importable?"

    problems: list[str] = []
    for target in targets:
        chain = graph.find_shortest_chain(importer=PACKAGE, imported=target)
        if chain:
            problems.append(" -> ".join(chain))
        for child in core_children:
            for chain in graph.find_shortest_chains(importer=child, imported=target):
                problems.append(" -> ".join(chain))
    assert not problems, "the UI-free core imports the Qt layer or Qt:\n" + "\n".join(sorted(set(problems)))


# Runs in a fresh interpreter: imports every core module, one at a time, and reports the first
# one after which a Qt module shows up in sys.modules.
_RUNTIME_PROBE = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys

    UI = tuple(sys.argv[1].split(","))
    QT = tuple(sys.argv[2].split(","))
    # Alembic's env.py runs migrations when imported; __main__ modules run the program.
    SKIP_LEAVES = ("__main__",)
    SKIP = {"clientjournal.storage.migrations.env"}

    def is_ui(name):
        return any(name == ui or name.startswith(ui + ".") for ui in UI)

    def qt_loaded():
        return sorted(m for m in sys.modules if m.split(".")[0] in QT)

    def walk(package):
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            name = info.name
            if is_ui(name) or name in SKIP or name.rsplit(".", 1)[-1] in SKIP_LEAVES:
                continue
            module = importlib.import_module(name)
            yield name
            if info.ispkg:
                yield from walk(module)

    root = importlib.import_module("clientjournal")
    imported = ["clientjournal"]
    offender = None
    if qt_loaded():
        offender = "clientjournal"
    else:
        for name in walk(root):
            imported.append(name)
            if qt_loaded():
                offender = name
                break
    print(json.dumps({"imported": imported, "offender": offender, "qt": qt_loaded()}))
    """
)


def test_importing_every_core_module_loads_no_qt() -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONSTARTUP"}}
    proc = subprocess.run(
        [sys.executable, "-c", _RUNTIME_PROBE, ",".join(UI_MODULES), ",".join(QT_PACKAGES)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, f"importing the core failed:\n{proc.stdout}\n{proc.stderr}"
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert len(result["imported"]) > 1, f"found no core modules to import: {result}"
    assert result["offender"] is None, (
        f"importing {result['offender']} loads Qt ({', '.join(result['qt'][:5])}); "
        "the core must stay importable without PySide6"
    )


def test_modules_stay_readable() -> None:
    too_long = []
    for path in sorted((ROOT / PACKAGE).rglob("*.py")):
        with path.open(encoding="utf-8") as handle:
            lines = sum(1 for _ in handle)
        if lines > MAX_LINES:
            too_long.append(f"{path.relative_to(ROOT).as_posix()}: {lines} lines")
    assert not too_long, f"modules over {MAX_LINES} lines; split them by responsibility:\n" + "\n".join(
        too_long
    )


def _qt_layer_files() -> list[Path]:
    return [*sorted((ROOT / PACKAGE / "ui").rglob("*.py")), ROOT / PACKAGE / "app.py"]


def _is_own(value: ast.expr) -> bool:
    """``self._x``, ``cls._x`` and ``super()._x`` reach the object's own private members."""
    if isinstance(value, ast.Name):
        return value.id in {"self", "cls"}
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "super"


# Underscore names the standard library documents for outside use: sys.implementation's implementation-specific
# attributes "start with an underscore" by definition (the sys module's documentation), and os._exit, the
# documented way to end the process at once without clean-up.
DOCUMENTED_UNDERSCORES = {("sys.implementation", "_multiarch"), ("os", "_exit")}


def _private_reaches(source: str) -> list[tuple[int, str]]:
    """``obj._x`` (read, written or called) and ``getattr/setattr/hasattr/delattr(obj, "_x")`` where ``obj`` is
    not the object itself."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and not _is_own(node.value)
            and (ast.unparse(node.value), node.attr) not in DOCUMENTED_UNDERSCORES
        ) or (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"getattr", "setattr", "hasattr", "delattr"}
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and node.args[1].value.startswith("_")
            and not node.args[1].value.startswith("__")
            and not _is_own(node.args[0])
            and (ast.unparse(node.args[0]), node.args[1].value) not in DOCUMENTED_UNDERSCORES
        ):
            found.append((node.lineno, ast.unparse(node)))
    return found


def test_the_private_attribute_rule_sees_every_way_of_reaching_in() -> None:
    source = textwrap.dedent(
        """
        class Helper:
            def __init__(self, window):
                self._mine = window._worker            # a read
                window._clock = None                   # a write
                window._edit_entry_at(None)            # a call
                getattr(window, "_settings", None)     # by name
                self.window.menu._items.append(1)      # deep inside
                super()._setup()                       # own: allowed
                self._mine.__class__                   # dunder: allowed
                getattr(self, "_mine")                 # own: allowed
        """
    )
    assert sorted(line for line, _text in _private_reaches(source)) == [4, 5, 6, 7, 8]


def test_the_qt_layer_touches_no_other_objects_private_attributes() -> None:
    problems = [
        f"{path.relative_to(ROOT).as_posix()}:{line}: {text}"
        for path in _qt_layer_files()
        for line, text in _private_reaches(path.read_text(encoding="utf-8"))
    ]
    assert not problems, "reaching into another object's private attributes:\n" + "\n".join(problems)


def _contracts() -> dict[str, dict[str, object]]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        config = tomllib.load(handle)
    return {c["id"]: c for c in config["tool"]["importlinter"]["contracts"]}


def test_the_layer_contracts_say_what_the_architecture_says() -> None:
    """lint-imports passing means little if a contract was loosened: the layers and the front ends' limits."""
    contracts = _contracts()
    layers = contracts["layers"]
    assert layers["type"] == "layers"
    order = [{part.strip() for part in layer.replace(":", "|").split("|")} for layer in layers["layers"]]

    def level(module: str) -> int:
        return next(i for i, names in enumerate(order) if f"{PACKAGE}.{module}" in names)

    assert level("ui") == level("cli") < level("services")  # two faces of one core
    assert "|" in next(layer for layer in layers["layers"] if f"{PACKAGE}.ui" in layer)  # independent
    for below in ("storage", "crypto", "coach"):
        assert level("services") < level(below) < level("domain"), below
    assert level("domain") == len(order) - 1

    front_ends = contracts["front-ends-use-services"]
    assert front_ends["type"] == "forbidden"
    assert {f"{PACKAGE}.ui", f"{PACKAGE}.cli"} <= set(front_ends["source_modules"])  # type: ignore[arg-type]
    assert {f"{PACKAGE}.storage", f"{PACKAGE}.crypto"} <= set(front_ends["forbidden_modules"])  # type: ignore[arg-type]

    no_qt = contracts["core-without-qt"]
    assert set(QT_PACKAGES) <= set(no_qt["forbidden_modules"])  # type: ignore[arg-type]
    assert not no_qt.get("allow_indirect_imports", False)


def _mutable_module_variables(tree: ast.Module) -> list[tuple[int, str]]:
    """Module-level names (not UPPER_CASE constants) bound to a list, dict or set: state in disguise."""
    found = []
    for node in tree.body:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        mutable = isinstance(value, ast.List | ast.Dict | ast.Set) or (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id in {"list", "dict", "set"}
        )
        for target in targets:
            if (
                mutable
                and isinstance(target, ast.Name)
                and not target.id.isupper()
                and not target.id.startswith("__")
            ):
                found.append((node.lineno, target.id))
    return found


def test_no_module_keeps_state_in_globals() -> None:
    problems = []
    for path in sorted((ROOT / PACKAGE).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        name = path.relative_to(ROOT).as_posix()
        problems += [
            f"{name}:{n.lineno}: global {', '.join(n.names)}"
            for n in ast.walk(tree)
            if isinstance(n, ast.Global)
        ]
        problems += [f"{name}:{line}: {variable}" for line, variable in _mutable_module_variables(tree)]
    assert not problems, "module-level mutable state (hand it to an object instead):\n" + "\n".join(problems)
