"""The importers are pure Python except the one module that saves (STYLE.md: importers/readers
import the domain and their file libraries, never Django), so `kormo import --dry-run` works
without a database."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "kormo" / "importers"
FORBIDDEN = ("django", "kormo.plans", "kormo.offices", "kormo.project", "kormo.cli")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_the_saving_service_touches_django() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(n for n in _imports(path) if n.startswith(FORBIDDEN))
        for path in PACKAGE.rglob("*.py")
        if path.name != "services.py"
    }
    assert {k: v for k, v in offenders.items() if v} == {}
