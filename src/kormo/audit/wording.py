"""A change record in words, for people: "the 90% target of [১.২.১] changed from ৩০০ to ৩২০".

The history keeps each change as JSON (`ChangeRecord.before/after`): a plan edit as its changed
cells keyed by place ("[1.2.1] levels 90"), any other change as the fields of the thing
changed. This module turns both into sentences in the page's language, with field names
translated, values in the page's digits (dates as dd.mm.yyyy, percents with %), states by
their labels, and the bookkeeping fields (lock versions, flags) left out.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils.translation import gettext as _

from kormo.domain.dates import format_date
from kormo.domain.digits import to_bengali_digits
from kormo.web.i18n import page_lang
from kormo.web.state_labels import plabel

# Fields that say nothing to a reader (bookkeeping) or repeat what the record already says.
_QUIET = frozenset({"lock_version", "is_current", "revision", "submitted_late", "sha256",
                    "is_verified", "value", "period", "indicators", "signatures",
                    "is_late"})
_PLACE = re.compile(r"^\[(?P<ref>G?[0-9.]+)\] (?P<field>\S+)(?: (?P<rest>.+))?$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_STATE_GROUPS = {"state": ("plan_state", "report_state"), "review_state": ("review_state",)}


def _digits(text: str) -> str:
    return to_bengali_digits(text) if page_lang() == "bn" else text


def _field(name: str, rest: str = "") -> str:
    """A field's name as the page says it (a year or level after it, where it has one)."""
    words = {
        "name": _("the name"), "weight": _("the weight"), "unit": _("the unit"),
        "unit_label": _("the unit as written"), "calculation_method": _("the calculation method"),
        "annual_target": _("the annual target"), "responsible": _("the responsible person"),
        "remarks": _("the remarks"), "feeds_from": _("the action plan it is fed by"),
        "kind": _("the kind"), "choose_at_least": _("choose at least"), "note": _("the note"),
        "title": _("the title"), "subtitle": _("the subtitle"),
        "total_weight": _("the total weight"),
        "state": _("the state"), "reported": _("the achievement"),
        "verified": _("the verified achievement"), "review_state": _("the review"),
        "comment": _("the comment"), "due_on": _("the due date"), "opens_on": _("the opening date"),
        "is_late": _("late"), "inputs": _("the inputs"), "supervisor": _("the supervisor"),
        "signature": _("the signature"), "not_applicable_tiers": _("not for tiers"),
    }
    if name == "levels" and rest:
        return _("the {n}% target").replace("{n}", _digits(rest))
    if name == "quarterly_targets" and rest:
        return _("the {q} target").replace("{q}", _digits(rest))
    if name == "actuals" and rest:
        return _("the actual of {year}").replace("{year}", _digits(rest.split(" ")[0]))
    if name == "projections" and rest:
        return _("the projection of {year}").replace("{year}", _digits(rest.split(" ")[0]))
    word = words.get(name)
    if word is None:
        word = name.replace("_", " ")
        return _digits(f"{word} {rest}".strip())
    return f"{word} {_digits(rest)}".strip() if rest else word


def value_text(value: Any, field: str = "") -> str:
    """A stored value as the page shows it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict):
        if len(value) == 1:
            kind, inner = next(iter(value.items()))
            if kind == "percent":
                return _digits(f"{inner}%")
            if kind in ("date", "month") and isinstance(inner, str) and _ISO_DAY.match(inner):
                return format_date(dt.date.fromisoformat(inner), page_lang())
            if kind in ("blank", "not_applicable"):
                return "—"
            return value_text(inner)
        return "; ".join(f"{_field(k)}: {value_text(v, k)}" for k, v in value.items()
                         if k not in _QUIET)
    if isinstance(value, list):
        return ", ".join(value_text(v) for v in value)
    text = str(value)
    for group in _STATE_GROUPS.get(field, ()):
        named = plabel(group, text)
        if named and named != text:
            return named
    if _ISO_DAY.match(text):
        return format_date(dt.date.fromisoformat(text), page_lang())
    return _digits(text)


def _sentence(what: str, ref: str, old: str, new: str) -> str:
    where = f"[{_digits(ref)}]" if ref else ""
    if old == "—":
        template = _("{what} of {ref} set to {new}") if where else _("{what} set to {new}")
    elif new == "—":
        template = _("{what} of {ref} removed (was {old})") if where else _(
            "{what} removed (was {old})")
    else:
        template = _("{what} of {ref} changed from {old} to {new}") if where else _(
            "{what} changed from {old} to {new}")
    out = template.replace("{what}", what).replace("{ref}", where)
    out = out.replace("{old}", old).replace("{new}", new)
    return out[:1].upper() + out[1:]


def change_sentences(before: Any, after: Any) -> list[str]:
    """Each change of one record as a sentence (a plan edit's cells, or a thing's fields)."""
    old = before if isinstance(before, dict) else {}
    new = after if isinstance(after, dict) else {}
    out = []
    for key in list(old) + [k for k in new if k not in old]:
        if key == "…":
            out.append(_("and {n} more changes").replace("{n}", _digits(str(new.get(key, "")))))
            continue
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        place = _PLACE.match(key)
        if place:
            ref, what = place["ref"], _field(place["field"], place["rest"] or "")
            field = place["field"]
        else:
            head, _sep, rest = key.partition(" ")
            if head in _QUIET:
                continue
            ref, what, field = "", _field(head, rest), head
        out.append(_sentence(what, ref, value_text(a, field), value_text(b, field)))
    return out
