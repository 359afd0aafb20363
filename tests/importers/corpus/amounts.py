"""Amounts in lakh and crore taka (DOMAIN.md §10) as offices write them: the unit as "লক্ষ
টাকা", "টাকা (লক্ষ)", "লাখ টাকা" or "কোটি টাকা" (then every value in crore), and now and then
a value cell with its own multiplier word ("৫ লক্ষ", "1.2 কোটি").

Self-contained: the choices come from a generator seeded by the indicator (and the cell), not
from the document's, so adding this feature changed no other part of a generated document.
What the import must give is unchanged: the plan's unit lakh taka and the values in lakh.
"""

from __future__ import annotations

import random
from decimal import Decimal

from tests.importers.corpus.noise import digits
from tests.importers.corpus.plans import ExpectedIndicator

UNIT_WORDS = ("লক্ষ টাকা", "লক্ষ টাকা", "টাকা (লক্ষ)", "লাখ টাকা", "কোটি টাকা")


def _rng(ind: ExpectedIndicator, *salt: object) -> random.Random:
    return random.Random(":".join(map(str, ("amount", ind.number, ind.name, ind.weight, *salt))))


def unit_text(ind: ExpectedIndicator) -> str:
    """The unit cell as printed."""
    if ind.unit != "lakh_taka":
        return ind.unit_word
    return _rng(ind).choice(UNIT_WORDS)


def amount_text(ind: ExpectedIndicator, value: Decimal | object, written: str, script: str,
                cell: int) -> str:
    """A value cell as printed: `written` (the value in lakh, as the layout wrote it) unless
    the indicator is in lakh taka, then in crore under "কোটি টাকা", or sometimes with a
    multiplier word of its own."""
    if ind.unit != "lakh_taka" or not isinstance(value, Decimal) or not written:
        return written
    rng = _rng(ind, cell)
    if unit_text(ind) == "কোটি টাকা":
        text = f"{(value / 100).normalize():f}"
    elif rng.random() < 0.2:
        text = f"{value.normalize():f} " + rng.choice(("লক্ষ", "লাখ", "lakh"))
    elif rng.random() < 0.1:
        text = f"{(value / 100).normalize():f} " + rng.choice(("কোটি", "crore"))
    else:
        return written
    return digits(rng, text, script)
