"""Amounts written with a multiplier word: lakh (লক্ষ/লাখ), crore (কোটি), thousand (হাজার).

DOMAIN.md §10: amounts may be in lakh or crore taka. The plan format knows two money units
(docs/plan-format.md): `lakh_taka` (values are numbers of lakh, as the form writes them) and
`taka` (values are amounts of taka). So:

- a unit cell naming taka with a multiplier is read as one of them (`unit_scale`): লক্ষ/লাখ
  টাকা, "টাকা (লক্ষ)" → lakh taka as written; কোটি টাকা → lakh taka, each value × 100;
  হাজার টাকা → taka, each value × 1000; a multiplier before a count unit ("লক্ষ জন") scales
  that unit;
- a value cell with its own multiplier word ("৫ লক্ষ", "1.5 crore", "৫০ হাজার টাকা") is
  converted to the indicator's unit (`scaled_value`).

Every conversion is flagged by the caller with what was written and what was kept.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from kormo.domain.digits import to_latin_digits
from kormo.domain.plan import Unit

LAKH, CRORE, THOUSAND = Decimal(10) ** 5, Decimal(10) ** 7, Decimal(10) ** 3
MULTIPLIERS: dict[str, Decimal] = {
    "লক্ষ": LAKH, "লাখ": LAKH, "lakh": LAKH, "lakhs": LAKH, "lac": LAKH, "lacs": LAKH,
    "কোটি": CRORE, "crore": CRORE, "crores": CRORE, "cr": CRORE,
    "হাজার": THOUSAND, "thousand": THOUSAND,
}
CURRENCY = frozenset({"টাকা", "taka", "tk", "৳"})
COUNT_UNITS = {"জন": Unit.PERSONS, "টি": Unit.ITEMS, "সংখ্যা": Unit.COUNT}
_TOKEN = re.compile(r"[\u0980-\u09ff\w]+")
_NUMBER = r"[0-9০-৯]+(?:[,][0-9০-৯]{2,3})*(?:\.[0-9০-৯]+)?"
_VALUE = re.compile(rf"^\s*({_NUMBER})\s*([^\s0-9০-৯./=-]+)\s*([^\s/=-]+)?\s*(?:/[-=])?\s*$")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True, slots=True)
class UnitScale:
    """A unit cell with a multiplier: the plan's unit, the factor that takes a value written
    in the document's unit to it, and the label the plan keeps."""

    unit: Unit
    factor: Decimal
    label: str


def unit_scale(text: str) -> UnitScale | None:
    """"লক্ষ টাকা" / "টাকা (লক্ষ)" / "কোটি টাকা" / "Tk. (crore)" / "হাজার টাকা" / "লক্ষ জন" →
    its `UnitScale`; None when the cell names no multiplier or other words too."""
    tokens = [t.casefold() for t in _TOKEN.findall(_nfc(text))]
    mults = [MULTIPLIERS[t] for t in tokens if t in MULTIPLIERS]
    others = [t for t in tokens if t not in MULTIPLIERS and t not in CURRENCY]
    if len(mults) != 1 or len(others) > 1:
        return None
    mult = mults[0]
    if others:
        unit = COUNT_UNITS.get(others[0])
        return UnitScale(unit, mult, others[0]) if unit is not None else None
    if mult == LAKH:
        return UnitScale(Unit.LAKH_TAKA, Decimal(1), _nfc(text).strip())
    if mult == CRORE:  # the plan format has no crore unit: lakh, each value × 100
        return UnitScale(Unit.LAKH_TAKA, CRORE / LAKH, _nfc("লক্ষ টাকা"))
    return UnitScale(Unit.TAKA, mult, _nfc("টাকা"))


@dataclass(frozen=True, slots=True)
class Written:
    """A value cell with a multiplier word: the number and the multiplier as written."""

    number: Decimal
    multiplier: Decimal
    word: str


def with_multiplier(text: str) -> Written | None:
    """"৫ লক্ষ" / "1.5 crore" / "৫০ হাজার টাকা" / "২ কোটি টাকা/-" → `Written`, else None."""
    m = _VALUE.match(_nfc(text))
    if m is None:
        return None
    word = m[2].casefold().strip("().")
    tail = (m[3] or "").casefold().strip("().")
    if word not in MULTIPLIERS or (tail and tail not in CURRENCY):
        return None
    try:
        number = Decimal(to_latin_digits(m[1]).replace(",", ""))
    except InvalidOperation:
        return None
    return Written(number, MULTIPLIERS[word], m[2])


def plain(d: Decimal) -> Decimal:
    """`d` without trailing zeros and without an exponent (150, not 1.5E+2)."""
    return d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()


def in_unit(written: Written, unit: Unit | None) -> tuple[Decimal, bool]:
    """The amount in `unit`'s terms: (number, is money in taka)."""
    amount = written.number * written.multiplier
    if unit is Unit.LAKH_TAKA:
        return plain(amount / LAKH), False
    return plain(amount), unit is Unit.TAKA


def show_factor(factor: Decimal) -> str:
    return f"{plain(factor):f}"
