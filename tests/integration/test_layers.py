"""The web side's layers: a feature imports neither another feature nor the models, and no view
catches a refusal (one handler turns each into its page)."""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app"
FEATURES = ("auth", "classroom", "play", "teach")


def modules(*packages: str) -> list[Path]:
    return sorted(path for package in packages for path in (APP / package).rglob("*.py"))


def imported(tree: ast.AST) -> set[str]:
    """Return every module a module imports, and every name it imports from one."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def under(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


@pytest.mark.parametrize("feature", FEATURES)
def test_a_feature_imports_no_other_feature_and_no_models(feature):
    others = [f"app.{other}" for other in FEATURES if other != feature]
    for path in modules(feature):
        names = imported(ast.parse(path.read_text(), str(path)))
        wrong = sorted(n for n in names if any(under(n, p) for p in [*others, "app.models"]))
        assert not wrong, f"{path.relative_to(APP)} imports {wrong}"
        assert not any(under(n, "app.extensions.db") for n in names), path


def test_the_shared_web_modules_import_no_feature():
    for path in modules("web"):
        names = imported(ast.parse(path.read_text(), str(path)))
        wrong = sorted(n for n in names if any(under(n, f"app.{f}") for f in FEATURES))
        assert not wrong, f"{path.relative_to(APP)} imports {wrong}"


def test_no_view_catches_a_refusal():
    for path in modules(*FEATURES):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                caught = ast.unparse(node.type)
                assert "Refused" not in caught, f"{path.relative_to(APP)}:{node.lineno}"


def test_the_web_side_keeps_its_modules_small():
    for path in modules(*FEATURES, "web"):
        assert len(path.read_text().splitlines()) <= 300, path.relative_to(APP)
