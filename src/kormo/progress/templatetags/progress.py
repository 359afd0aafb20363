"""Template filters of the progress pages: translated names of codes, and scores written with
two decimals in the page's digits (DOMAIN.md, Scoring §6: keep full precision, show two)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from kormo.domain.numerals import format_number
from kormo.domain.ranks import rank_label
from kormo.progress.access import has_progress as _has_progress
from kormo.web.state_labels import plabel as _plabel

register = template.Library()


def _lang() -> str:
    from django.utils.translation import get_language

    return "en" if (get_language() or "bn").lower().startswith("en") else "bn"


@register.filter
def rank(row: Any) -> str:
    """A row's rank as published: "৮ম", "৮ম (যৌথভাবে)" / "8th (joint)" (issue 12 rule 8)."""
    n = getattr(row, "rank", None)
    return rank_label(n, bool(getattr(row, "rank_joint", False)), _lang()) if n else ""


@register.filter
def has_progress(plan: Any) -> bool:
    """`{% if plan|has_progress %}`: the plan's progress pages exist (a fiscal year's plan)."""
    return _has_progress(plan)


@register.filter
def plabel(code: Any, group: str) -> str:
    return _plabel(group, code)


@register.filter
def score(value: Any) -> str:
    """A score or percent with two decimals in the page's digits; "—" when there is none."""
    if value is None or value == "":
        return "—"
    return format_number(Decimal(str(round(float(value), 2))), _lang(), 2)


@register.filter
def lookup(mapping: Any, key: Any) -> Any:
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return None
