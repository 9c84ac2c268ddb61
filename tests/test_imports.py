"""The code's layers point one way (walked with `ast`, not by importing anything):

- the project package (aouad_site/) imports no app (the root URLconf includes them by name);
- the apps form layers, as the README's Layout section draws them: each imports only the apps
  listed before it in LAYERS (an upward need goes through a signal or the app registry);
- no two modules import each other, directly or through others;
- nothing is imported inside a function to dodge such a cycle (but in `AppConfig.ready`,
  where Django asks apps to connect their signals).
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Bottom to top, as in the README's Layout section.
LAYERS = (
    "accounts",
    "characters",
    "episodes",
    "notifications",
    "moderation",
    "quotes",
    "theories",
    "discussion",
    "search",
    "verdicts",
    "pages",
)
APPS = LAYERS
PACKAGES = ("aouad_site", *APPS)
# Settings and the root URLconf name apps only as strings.
MAY_NAME_APPS: set[str] = set()


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def _imports(path: Path, *, in_functions: bool) -> set[str]:
    tree = ast.parse(path.read_text())
    nested = {
        id(node)
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        and not (path.name == "apps.py" and function.name == "ready")
        for node in ast.walk(function)
    }
    names = set()
    for node in ast.walk(tree):
        if (id(node) in nested) != in_functions:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in names if name.split(".")[0] in PACKAGES}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {
        name: {target for target in _imports(path, in_functions=False) if target in modules}
        for name, path in modules.items()
    }


def test_the_project_package_imports_no_app() -> None:
    wrong = {
        (name, target)
        for name, targets in _graph().items()
        if name.startswith("aouad_site") and name not in MAY_NAME_APPS
        for target in targets
        if target.split(".")[0] in APPS
    }
    assert not wrong


def test_each_app_imports_only_the_apps_beneath_it() -> None:
    upward = {
        (name, target)
        for name, targets in _graph().items()
        if name.split(".")[0] in LAYERS
        for target in targets
        if target.split(".")[0] in LAYERS
        and LAYERS.index(target.split(".")[0]) > LAYERS.index(name.split(".")[0])
    }
    assert not upward


def test_the_layers_name_every_app_once() -> None:
    apps_on_disk = {
        path.parent.name
        for path in ROOT.glob("*/apps.py")
        if path.parent.name not in ("aouad_site",)
    }
    assert sorted(LAYERS) == sorted(apps_on_disk)


def test_no_module_imports_itself_through_others() -> None:
    graph = _graph()
    cycles = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        for target in graph.get(name, ()):
            if target in path:
                cycles.add(tuple(sorted(path[path.index(target) :])))
            elif len(path) < 12:
                visit(target, (*path, target))

    for name in graph:
        visit(name, (name,))
    assert not cycles


def test_nothing_is_imported_inside_a_function() -> None:
    inside = {
        (name, target)
        for name, path in _modules().items()
        for target in _imports(path, in_functions=True)
    }
    assert not inside
