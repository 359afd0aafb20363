"""Docstrings name real things: every back-quoted dotted name in a module's docstring that
starts with `kormo.` or with one of its units (`kormo.x.y`, `plans.convert.plan_to_domain`)
is a module, or an attribute of one (a function, class or constant), that exists; a short
name may also be a model by its Django label (`plans.ProgressValue`). A moved or renamed
function leaves no stale pointer behind (review of issue 11, problem 10)."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
UNITS = sorted(p.name.removesuffix(".py") for p in (SRC / "kormo").iterdir()
               if p.suffix in ("", ".py") and not p.name.startswith(("_", ".")))
NAME = re.compile(r"`((?:kormo|" + "|".join(UNITS) + r")(?:\.\w+)+)(?:\(\))?`")


def named_in_docstrings() -> dict[str, set[str]]:
    """name → the modules whose docstring names it."""
    out: dict[str, set[str]] = {}
    for path in sorted((SRC / "kormo").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        doc = ast.get_docstring(ast.parse(path.read_text("utf-8"))) or ""
        module = ".".join(path.relative_to(SRC).with_suffix("").parts)
        for name in NAME.findall(doc):
            out.setdefault(name, set()).add(module.removesuffix(".__init__"))
    return out


def resolves(name: str) -> bool:
    if not name.startswith("kormo."):
        return resolves(f"kormo.{name}") or _model_attribute(name)
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attr in parts[cut:]:
            if not hasattr(obj, attr):
                return False
            obj = getattr(obj, attr)
        return True
    return False


def _model_attribute(name: str) -> bool:
    from django.apps import apps

    label, model, *rest = name.split(".")
    try:
        obj: object = apps.get_model(label, model)
    except LookupError:
        return False
    return all(hasattr(obj, attr) for attr in rest)


@pytest.mark.django_db
def test_the_check_sees_names_and_refuses_unknown_ones() -> None:
    names = named_in_docstrings()
    assert "kormo.plans.importing.plan_import" in names
    assert resolves("kormo.plans.importing.plan_import")
    assert resolves("kormo.domain")
    assert not resolves("kormo.plans.workflow.plan_ensure_nothing")
    assert not resolves("kormo.no_such_unit.thing")
    assert resolves("plans.convert.plan_to_domain") and resolves("plans.Indicator")
    assert not resolves("plans.Plan.no_such_field")


@pytest.mark.django_db
def test_every_dotted_name_in_a_module_docstring_exists() -> None:
    stale = sorted(f"{name} (in {', '.join(sorted(where))})"
                   for name, where in named_in_docstrings().items() if not resolves(name))
    assert stale == []
