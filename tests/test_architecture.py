"""The layering rules of docs/architecture.md, checked rather than promised.

The domain core (scoring, calendar, numerals, validation, plan format) must never import Django
or the Django apps: it has to run in the CLI without a database and stay fast to test.
import-linter enforces the contract in pyproject.toml; a plain AST scan double-checks it.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = ROOT / "src" / "kormo" / "domain"
FORBIDDEN_PREFIXES = ("django", "kormo.plans", "kormo.offices", "kormo.project", "kormo.cli")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_domain_modules_import_no_django_and_no_app():
    offenders = {
        str(path.relative_to(ROOT)): sorted(n for n in _imports(path)
                                            if n.startswith(FORBIDDEN_PREFIXES))
        for path in DOMAIN.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_import_linter_contracts_are_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: " in result.stdout and " broken" in result.stdout
    assert " 0 broken" in result.stdout
