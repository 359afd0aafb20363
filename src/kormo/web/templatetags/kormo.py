"""Template filters that write numbers, values and dates in the page's language.

Templates only display (STYLE.md: no logic in templates): every conversion is a call into
`kormo.domain.numerals` / `kormo.domain.dates`, so a Bengali page shows ০-৯ and an English page
0-9, the same way the documents and the PDFs do.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

from kormo.domain.calendar import FiscalYear
from kormo.domain.cells import format_value
from kormo.domain.dates import format_date
from kormo.domain.digits import to_bengali_digits
from kormo.domain.errors import InputError
from kormo.domain.numerals import format_number
from kormo.web.i18n import page_lang
from kormo.web.labels import choices as _choices
from kormo.web.labels import label as _label

register = template.Library()


@register.filter
def digits(value: Any) -> str:
    """Any text with its digits in the page's script ("1.1.1" → "১.১.১" on a Bengali page)."""
    text = "" if value is None else str(value)
    return to_bengali_digits(text) if page_lang() == "bn" else text


@register.filter
def num(value: Any, decimals: Any = None) -> str:
    """A number grouped the South-Asian way in the page's digits; "" for None."""
    if value is None or value == "":
        return ""
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return digits(value)
    places = None if decimals in (None, "") else int(decimals)
    return format_number(number, page_lang(), places)


@register.filter
def cell(value: Any) -> str:
    """A typed plan value (count, percent, money, date, "-") in the page's language."""
    try:
        return format_value(value, page_lang())
    except TypeError:
        return digits(value)


@register.filter
def day(value: Any) -> str:
    """A date as dd.mm.yyyy in the page's digits."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return format_date(value, page_lang()) if isinstance(value, dt.date) else ""


@register.filter
def fy(value: Any) -> str:
    """A fiscal year ("2022-23") as the page writes it ("২০২২-২৩")."""
    try:
        return FiscalYear.parse(str(value)).label(page_lang())
    except InputError:
        return digits(value)


@register.filter
def in_lang(obj: Any, stem: str = "") -> str:
    """The Bengali or English text of an object with `bn`/`en` (or `message_bn`/`message_en`)
    attributes: the domain's bilingual errors and findings."""
    prefix = f"{stem}_" if stem else ""
    return str(getattr(obj, f"{prefix}{page_lang()}", "") or "")


@register.filter
def get(mapping: Any, key: Any) -> Any:
    """mapping[key] for templates that show a row of cells by field name."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""


@register.filter
def label(code: Any, group: str) -> str:
    """The translated name of a code: {{ plan.kind|label:"kind" }}."""
    return _label(group, code)


@register.simple_tag
def choices(group: str) -> list[tuple[str, str]]:
    """(code, translated name) pairs for a <select>: {% choices "unit" as units %}."""
    return _choices(group)


@register.filter
def oname(office: Any) -> str:
    """An office's name in the page's language (the English name where one is known)."""
    if office is None:
        return ""
    english = getattr(office, "name_en", "")
    return english if page_lang() == "en" and english else str(getattr(office, "name", ""))
