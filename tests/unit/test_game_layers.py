"""The game's layers, read from the source: each imports only the layers above it, the pure
rules import no Flask and no database, nothing outside the worlds asks which world it is, no
module imports itself in a circle, and none is over 300 lines."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"
LAYERS = ("rules", "content", "ledger", "reads", "services")  # each may import those before it
WORLD_KEYS = ("video", "record")
BLUEPRINTS = ("app.auth", "app.classroom", "app.play", "app.teach")


def under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def name_of(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[:2] != ["app", "game"] or len(parts) < 3:
        return None
    return parts[2] if parts[2] in LAYERS else None


def imports(path: Path, top_level_only: bool = False) -> set[str]:
    """Return the modules a module imports: `from package import module` imports the module
    (the package is only being initialised), `from module import name` the module."""
    tree = ast.parse(path.read_text(), str(path))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            submodules = {f"{node.module}.{a.name}" for a in node.names}
            submodules = {m for m in submodules if module_path(m)}
            found |= submodules
            if len(submodules) < len(node.names):  # some names are the package's own
                found.add(node.module)
    return found


def module_path(module: str) -> Path | None:
    base = ROOT.joinpath(*module.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.exists():
            return path
    return None


GAME = sorted((APP / "game").rglob("*.py"))


@pytest.mark.parametrize("path", GAME, ids=lambda p: str(p.relative_to(APP)))
def test_a_layer_imports_only_the_layers_above_it(path):
    mine = layer_of(name_of(path))
    if mine is None:
        return
    for module in imports(path):
        theirs = layer_of(module)
        if theirs is not None:
            assert LAYERS.index(theirs) <= LAYERS.index(mine), f"{mine} imports {module}"
    if mine == "rules":
        impure = [m for m in imports(path) if m.split(".")[0] in ("flask", "sqlalchemy")]
        impure += [m for m in imports(path) if m in ("app.models", "app.extensions")]
        assert not impure, f"{path.relative_to(APP)} imports {impure}"


def test_nothing_outside_the_worlds_asks_which_world_it_is():
    worlds = APP / "game" / "rules" / "worlds"
    keys = "|".join(WORLD_KEYS)
    literal = re.compile(rf"""(key|world)\s*[!=]=\s*["']({keys})["']""")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in [*APP.rglob("*.py"), *(ROOT / "templates").rglob("*.html")]
        if worlds not in path.parents
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if literal.search(line) or "world.key ==" in line
    ]
    assert not found


def test_no_module_imports_itself_in_a_circle():
    graph = {name_of(p): set() for p in APP.rglob("*.py")}
    for path in APP.rglob("*.py"):
        graph[name_of(path)] = {m for m in imports(path, top_level_only=True) if m in graph}
    done: set[str] = set()

    def visit(module: str, trail: tuple[str, ...]) -> None:
        if module in trail:
            cycle = trail[trail.index(module) :] + (module,)
            # a feature's package imports its views, which register on its blueprint
            feature = ".".join(cycle[0].split(".")[:2])
            assert feature in BLUEPRINTS and all(under(c, feature) for c in cycle), cycle
            return
        if module in done:
            return
        for other in graph[module]:
            visit(other, (*trail, module))
        done.add(module)

    for module in graph:
        visit(module, ())


def test_no_module_is_over_300_lines():
    long = [p.relative_to(ROOT) for p in APP.rglob("*.py") if len(p.read_text().splitlines()) > 300]
    assert not long
