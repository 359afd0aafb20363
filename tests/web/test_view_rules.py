"""Custom checks on the views' source (in the spirit of Zulip's tools/linter_lib/custom_check.py).

`offices.access` is the only gate (STYLE.md): a view never loads a plan or an office itself, and
every view either requires a login or calls an `access_*` (or `visible_*`) function of that
module; an API operation counts when its `NinjaAPI` requires a credential (`auth=`). A view that
is public on purpose (the public pages) is named in its module's `PUBLIC_VIEWS`, so being public
is a visible decision, not an accident.

Views do not write through the ORM either: any module that defines a view (a function whose
first parameter is `request`, wherever it lives) calls no `.save(`, `.objects.create(`,
`.update(`, `.delete(`, nor `<Model>.objects.get(` for the models a request names by id; the
writes go through one service per action, the loads through `offices.access` or a selector.
`ORM_ALLOWED` lists the few calls that only look alike.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "kormo"
VIEW_FILES = sorted({*SRC.rglob("views.py"), *SRC.rglob("*_views.py")})

# Loading a plan or an office by id outside offices.access.
BYPASS = re.compile(
    r"\b(Plan|Office)\.(objects|_default_manager)\.(get|get_or_create)\("
    r"|get_object_or_404\(\s*(Plan|Office)\b"
)
GATES = ("login_required", "require_login", "LoginRequiredMixin", "permission_required")


# Models a request names by id: loaded through the gate or a selector, written by services.
GUARDED_MODELS = frozenset({"Plan", "Office", "Report", "ReportedValue", "Evidence",
                            "PendingImport", "Notice", "Membership"})
WRITES = frozenset({"save", "update", "delete"})
CREATES = frozenset({"create", "get_or_create", "update_or_create", "bulk_create",
                     "bulk_update"})
# (module, "receiver.method") that are not ORM writes.
ORM_ALLOWED = frozenset({
    ("plans/views.py", "s.update"),  # a dict of page values, not a queryset
})


def _view_modules() -> list[Path]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        if any(isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.args.args
               and n.args.args[0].arg == "request" for n in ast.walk(tree)):
            out.append(path)
    return out


def _chain(node: ast.AST) -> list[str]:
    """`Plan.objects.filter(x).update` → ["Plan", "objects", "filter"] (the receiver)."""
    out: list[str] = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            out.append(node.attr)
            node = node.value
        else:
            if isinstance(node, ast.Name):
                out.append(node.id)
            return out[::-1]


def orm_writes(path: Path, root: Path = SRC) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method, receiver = node.func.attr, _chain(node.func.value)
        bad = (method in WRITES
               or (method in CREATES and "objects" in receiver)
               or (method == "get" and receiver[:1] and receiver[0] in GUARDED_MODELS
                   and "objects" in receiver))
        call = f"{'.'.join(receiver)}.{method}"
        if bad and (str(path.relative_to(root)), call) not in ORM_ALLOWED:
            found.append(f"{path.relative_to(root)}:{node.lineno}: {call}(")
    return found


def test_the_orm_rule_finds_what_it_forbids(tmp_path: Path) -> None:
    sample = tmp_path / "views.py"
    sample.write_text(
        "def page(request, pk):\n"
        "    plan = Plan.objects.get(pk=pk)\n"
        "    Report.objects.filter(plan=plan).update(state='x')\n"
        "    Notice.objects.create(recipient=request.user)\n"
        "    plan.save()\n"
        "    Office.objects.filter(pk=pk).first()\n", "utf-8")
    assert [f.split(": ", 1)[1] for f in orm_writes(sample, tmp_path)] == [
        "Plan.objects.get(", "Report.objects.filter.update(", "Notice.objects.create(",
        "plan.save("]


def test_no_view_module_writes_through_the_orm() -> None:
    modules = _view_modules()
    names = {str(p.relative_to(SRC)) for p in modules}
    # Views live outside views.py too (the agreement pages, the import review, the API).
    assert {"plans/import_views.py", "api/views.py", "progress/views.py"} <= names
    offenders = [f for path in modules for f in orm_writes(path)]
    assert offenders == [], "write through a service, load through offices.access or a selector"


def test_view_modules_are_found() -> None:
    names = {str(p.relative_to(SRC)) for p in VIEW_FILES}
    assert {"offices/views.py", "plans/views.py", "years/views.py", "web/views.py"} <= names


def test_no_view_loads_a_plan_or_an_office_itself() -> None:
    offenders = [
        f"{path.relative_to(SRC)}:{n}: {line.strip()}"
        for path in VIEW_FILES
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if BYPASS.search(line)
    ]
    assert offenders == [], "use offices.access (access_plan, access_office, ...) instead"


def _names(node: ast.AST) -> set[str]:
    """Every name and attribute used in a node (decorators, calls, bases)."""
    out: set[str] = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            out.add(sub.id)
        elif isinstance(sub, ast.Attribute):
            out.add(sub.attr)
    return out


def _public_views(tree: ast.Module) -> set[str]:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "PUBLIC_VIEWS" for t in node.targets):
            return {e.value for e in ast.walk(node.value)
                    if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    return set()


def _is_view(node: ast.AST) -> bool:
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        args = node.args.args
        return not node.name.startswith("_") and bool(args) and args[0].arg == "request"
    if isinstance(node, ast.ClassDef):
        return not node.name.startswith("_") and any(
            n.endswith("View") or n.endswith("Mixin") for n in _names(ast.Module(
                body=[ast.Expr(b) for b in node.bases], type_ignores=[])))
    return False


def _gated(node: ast.AST, helpers_with_access: set[str]) -> bool:
    decorators = set()
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        for dec in node.decorator_list:
            decorators |= _names(dec)
    if isinstance(node, ast.ClassDef):
        decorators |= _names(ast.Module(body=[ast.Expr(b) for b in node.bases], type_ignores=[]))
    if decorators & set(GATES):
        return True
    used = _names(node)
    return any(n.startswith(("access_", "visible_")) for n in used) or bool(
        used & helpers_with_access)


def _authenticated_apis(tree: ast.Module) -> set[str]:
    """Names bound to `NinjaAPI(..., auth=...)`: its operations need a credential."""
    out = set()
    for node in tree.body:
        if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                and "NinjaAPI" in _names(node.value.func)
                and any(k.arg == "auth" for k in node.value.keywords)):
            out |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return out


def _api_operation(node: ast.AST, apis: set[str]) -> bool:
    return isinstance(node, ast.FunctionDef) and any(
        isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute)
        and isinstance(d.func.value, ast.Name) and d.func.value.id in apis
        for d in node.decorator_list)


def test_every_view_requires_a_login_or_passes_the_gate() -> None:
    offenders = []
    for path in VIEW_FILES:
        tree = ast.parse(path.read_text("utf-8"))
        public = _public_views(tree)
        apis = _authenticated_apis(tree)
        # Private helpers that call the gate count as the gate (e.g. `_plan_for(request, id)`).
        helpers = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)
                   and n.name.startswith("_") and any(x.startswith("access_")
                                                       for x in _names(n))}
        for node in tree.body:
            if (_is_view(node) and node.name not in public and not _gated(node, helpers)
                    and not _api_operation(node, apis)):
                offenders.append(f"{path.relative_to(SRC)}: {node.name}")
    assert offenders == [], (
        "wrap these views in login_required, call offices.access, or list them in the "
        "module's PUBLIC_VIEWS")
