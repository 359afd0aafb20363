"""The layering of docs/architecture.md, checked rather than promised.

The contracts in pyproject.toml (`[tool.importlinter]`) are the architecture: a `layers`
contract naming every top-level unit of `kormo`, "nothing imports `kormo.cli`", and the pure
units (the domain; importers, renderers and the agreement's rules beside it) that import no
Django. This module runs them, checks that they name every unit there is, that the layer
list in docs/architecture.md is theirs, and that no import cycle hides anywhere: among the
top-level units, nor among the domain's own modules (runtime imports; those under
`if TYPE_CHECKING:` only serve the type checker). Templates keep the layers too: a unit's
templates load tag libraries and include templates of their own unit or of units below.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
KORMO = SRC / "kormo"
CONTRACTS = {c["id"]: c for c in tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
             ["tool"]["importlinter"]["contracts"]}


def _units() -> set[str]:
    """The top-level units of `kormo`: its packages and its modules."""
    return {p.name for p in KORMO.iterdir() if (p / "__init__.py").is_file()} | {
        p.stem for p in KORMO.glob("*.py") if p.stem != "__init__"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_imports(path: Path) -> Iterator[str]:
    """Every module `path` imports when it runs (function-level imports included), without
    the imports under `if TYPE_CHECKING:`."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def walk(node: ast.AST) -> Iterator[str]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                yield from (m for n in child.orelse for m in walk(ast.Module([n], [])))
                continue
            if isinstance(child, ast.Import):
                yield from (alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    up = package.split(".")[: len(package.split(".")) - child.level + 1]
                    base = ".".join([*up, base] if base else up)
                yield base
                yield from (f"{base}.{alias.name}" for alias in child.names)
            yield from walk(child)

    yield from walk(ast.parse(path.read_text("utf-8")))


def _graph(paths: list[Path], node_of: Callable[[str], str | None]) -> dict[str, set[str]]:
    """Who imports whom, with modules grouped into nodes by `node_of` (None: left out)."""
    graph: dict[str, set[str]] = {}
    for path in paths:
        source = node_of(_module_name(path))
        for target in _runtime_imports(path):
            dest = node_of(target) if target in _ALL_MODULES else None
            if source is not None and dest is not None and dest != source:
                graph.setdefault(source, set()).add(dest)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


_PATHS = sorted(p for p in KORMO.rglob("*.py") if "migrations" not in p.parts)
_ALL_MODULES = {_module_name(p) for p in _PATHS}


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": {"c"}}) == []


def test_no_import_cycle_among_the_top_level_units() -> None:
    graph = _graph(_PATHS, lambda m: m.split(".")[1] if "." in m else None)
    assert set(graph) <= _units()
    assert _cycles(graph) == []


def test_no_import_cycle_among_the_domain_modules() -> None:
    domain = [p for p in _PATHS if p.is_relative_to(KORMO / "domain")]
    graph = _graph(domain, lambda m: m if m.startswith("kormo.domain.") else None)
    assert len(graph) > 5  # the domain's modules do import each other
    assert _cycles(graph) == []


def _layers() -> list[str]:
    return [re.sub(r"\s*\|\s*", " | ", layer) for layer in CONTRACTS["layers"]["layers"]]


def test_the_layers_contract_names_every_unit_once() -> None:
    named = [unit for layer in _layers() for unit in layer.split(" | ")]
    assert sorted(named) == sorted(_units())
    assert CONTRACTS["layers"]["containers"] == ["kormo"]


def test_the_pure_contracts_forbid_every_other_unit_and_django() -> None:
    assert set(CONTRACTS["no-cli"]["source_modules"]) == {
        f"kormo.{u}" for u in _units() - {"cli"}}
    assert set(CONTRACTS["pure-domain"]["forbidden_modules"]) == {
        "django", *(f"kormo.{u}" for u in _units() - {"domain"})}


def test_docs_architecture_lists_the_layers_of_the_contract() -> None:
    """docs/architecture.md, section "Layers", holds the contract's list in a code block, top
    floor first, one layer a line."""
    text = (ROOT / "docs" / "architecture.md").read_text("utf-8")
    section = text.split("## Layers", 1)[1]
    block = section.split("```", 2)[1]
    listed = [re.sub(r"\s*\|\s*", " | ", line.split("#")[0].strip())
              for line in block.splitlines()[1:] if line.split("#")[0].strip()]
    assert listed == _layers()


def test_import_linter_contracts_are_kept() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken" in result.stdout


# Function-level imports of kormo modules that stay, each with its reason. Anything else that
# imports kormo inside a function (outside `if TYPE_CHECKING:`) only dodged a cycle, which the
# layers contract now prevents: it belongs at the top of its module (issue 11, item 1).
FUNCTION_IMPORTS_ALLOWED: dict[tuple[str, str], str] = {
    ("kormo.cli", "*"): "CLI start-up: `kormo --help` and the pure commands run without "
                        "configuring Django; each command loads what it needs",
    ("kormo.documents.render", "kormo.documents.render.docx"):
        "python-docx is loaded only when a DOCX is asked for",
    ("kormo.documents.render", "kormo.documents.render.xlsx"):
        "openpyxl (and numpy) is loaded only when an XLSX is asked for",
    ("kormo.importers.readers", "kormo.importers.readers.docx"):
        "python-docx is loaded only when a DOCX is uploaded",
    ("kormo.importers.readers", "kormo.importers.readers.xlsx"):
        "openpyxl is loaded only when an XLSX is uploaded",
    ("kormo.importers.readers", "kormo.importers.readers.pdf"):
        "pdfplumber, pypdf and PDFium are loaded only when a PDF is uploaded",
    ("kormo.importers.readers.pdf_child", "*"): "the child process sets its memory and CPU "
        "limits first, then loads the PDF libraries under them",
    ("kormo.ops.apps", "kormo.ops"): "AppConfig.ready registers the deployment checks once "
                                     "the apps are loaded (Django's documented place)",
    ("kormo.ops.mail", "kormo.ops.tasks"): "the worker's task module imports the mail queue it "
                                           "delivers; the queue enqueues the task after commit",
}


def _function_imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) of every kormo import inside a function body, outside TYPE_CHECKING."""
    def walk(node: ast.AST, in_function: bool) -> Iterator[tuple[int, str]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                for n in child.orelse:
                    yield from walk(ast.Module([n], []), in_function)
                continue
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if in_function and isinstance(child, ast.ImportFrom) and not child.level:
                if (child.module or "").startswith("kormo"):
                    yield child.lineno, child.module or ""
            elif in_function and isinstance(child, ast.Import):
                yield from ((child.lineno, a.name) for a in child.names
                            if a.name.startswith("kormo"))
            yield from walk(child, inside)
    yield from walk(ast.parse(path.read_text("utf-8")), False)


def test_no_function_level_kormo_import_outside_the_allow_list() -> None:
    found = [(f"{p.relative_to(SRC)}:{line}", _module_name(p), module)
             for p in _PATHS for line, module in _function_imports(p)]
    assert found, "the scan must see the allowed ones (CLI start-up, optional libraries)"
    unexplained = [where for where, importer, module in found
                   if (importer, "*") not in FUNCTION_IMPORTS_ALLOWED
                   and (importer, module) not in FUNCTION_IMPORTS_ALLOWED]
    assert unexplained == []
    # Every allowance is still needed (a stale one would hide a new import of the same pair).
    used = {(i, "*") for _w, i, _m in found} | {(i, m) for _w, i, m in found}
    assert set(FUNCTION_IMPORTS_ALLOWED) <= used


# ---------------------------------------------------------------- templates keep the layers too
# A unit's templates may load a tag library, include or extend a template, only of their own
# unit or of a unit below (a page of `plans` that loads a tag of `home` depends on `home` as
# surely as an import would, where the contract cannot see it).

_LOAD = re.compile(r"{%\s*load\s+(.+?)\s*%}")
_USE = re.compile(r"""{%\s*(?:include|extends)\s+["']([^"']+)["']""")


def _template_users(root: Path) -> Iterator[tuple[str, str, str]]:
    """(unit, template name, what it uses) for every `{% load %}` library and every literal
    `{% include %}` / `{% extends %}` name in the templates of the units under `root`."""
    for path in sorted(root.glob("*/templates/**/*.html")):
        unit, _templates, *name = path.relative_to(root).parts
        text = path.read_text("utf-8")
        for names in _LOAD.findall(text):
            words = names.split()
            # `{% load a b %}` loads libraries a and b; `{% load x y from lib %}` loads lib.
            yield from ((unit, "/".join(name), f"lib:{w}") for w in
                        (words[-1:] if "from" in words else words))
        yield from ((unit, "/".join(name), f"template:{used}") for used in _USE.findall(text))


def _upward(root: Path) -> set[tuple[str, str]]:
    """(template, what it uses) where a template uses a tag library or template of a unit on
    its own floor or above (kormo's tag libraries and templates only: Django's are below)."""
    floor = {unit: i for i, layer in enumerate(_layers()) for unit in layer.split(" | ")}
    owners = {f"lib:{p.stem}": p.relative_to(root).parts[0]
              for p in root.glob("*/templatetags/*.py") if p.stem != "__init__"}
    for folder in root.glob("*/templates"):
        owners |= {f"template:{p.relative_to(folder).as_posix()}": folder.parent.name
                   for p in folder.rglob("*.html")}
    return {(name, what) for unit, name, what in _template_users(root)
            if what in owners and owners[what] != unit and floor[owners[what]] <= floor[unit]}


# Upward uses known before this check, each with its reason; to move down, not to copy.
TEMPLATE_USES_ALLOWED: dict[tuple[str, str], str] = {
    ("audit/history.html", "lib:progress"): "the plan's history shows its score",
    ("audit/history.html", "template:progress/_nav.html"): "the plan pages' one navigation bar",
    ("plans/plan_detail.html", "template:progress/_nav.html"):
        "the plan pages' one navigation bar",
    ("offices/office_detail.html", "lib:progress"): "the office page shows its plans' scores",
    ("web/base.html", "template:audit/_count.html"): "the menu's count of unread notices",
}


def test_templates_use_only_their_unit_or_units_below() -> None:
    seen = {(name, what) for _unit, name, what in _template_users(KORMO)}
    assert ("plans/plan_edit.html", "lib:returns") in seen  # the scan reads the loads
    upward = _upward(KORMO)
    assert sorted(upward - set(TEMPLATE_USES_ALLOWED)) == []
    assert set(TEMPLATE_USES_ALLOWED) <= upward  # a mended one leaves the list


def test_the_template_check_finds_an_upward_load_and_include(tmp_path: Path) -> None:
    """The old place of the return comment fails the check: a `plans` page loading a tag
    library of `home`; as does including a template of `agreements`. A tag of `web` (below)
    or Django's own pass."""
    for rel, text in {
        "home/templatetags/home.py": "",
        "web/templatetags/kormo.py": "",
        "agreements/templates/agreements/_box.html": "",
        "plans/templates/plans/page.html":
            '{% extends "web/base.html" %}{% load i18n kormo %}{% load home %}'
            '{% include "agreements/_box.html" %}',
        "web/templates/web/base.html": "{% load i18n kormo %}",
    }.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, "utf-8")
    assert _upward(tmp_path) == {("plans/page.html", "lib:home"),
                                 ("plans/page.html", "template:agreements/_box.html")}
