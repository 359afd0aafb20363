"""How much of a generated document was read right: cells, kind, and empty results.

A cell is one value the document prints for an indicator (name, unit, weight, each level, the
annual and each quarterly target) or for the plan (fiscal year). An indicator the import
missed counts all its cells as wrong; a name counts as right when it equals what was written
or the clean name (the import may undo OCR damage in some of its words), spaces aside: that
is, when it differs from the clean name by no more than the noise model's damage (`noise.py`:
vowel signs, হসন্ত, nukta, "l" for া, split or joined words). A name cut short, joined with
another row's text or taken from another cell still counts as wrong.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from kormo.domain.digits import to_latin_digits
from kormo.domain.plan import Indicator, Plan, Quarter
from kormo.domain.values import Value, as_date, numeric
from tests.importers.corpus.plans import Expected, ExpectedIndicator

UNIT_OF_WORD = {"সংখ্যা": "count", "টি": "items", "%": "percent", "শতাংশ": "percent",
                "তারিখ": "date", "জন": "persons", "লক্ষ টাকা": "lakh_taka"}


@dataclass(slots=True)
class Score:
    cells: int = 0
    right: int = 0
    kind_right: bool = False
    misses: list[str] = field(default_factory=list)

    def check(self, what: str, ok: bool) -> None:
        self.cells += 1
        if ok:
            self.right += 1
        else:
            self.misses.append(what)


def _canon(value: Value | None) -> Decimal | dt.date | None:
    d = as_date(value)
    if d is not None:
        return d
    n = numeric(value)
    return n.normalize() if n is not None else None


def _same(got: Value | None, want: Decimal | dt.date | None) -> bool:
    if isinstance(want, Decimal):
        want = want.normalize()
    return _canon(got) == want


def _squash(text: str) -> str:
    return "".join(to_latin_digits(text).split())


# what noise.py's damage changes in a word (its ops, undone): the letters that remain
_NOISE = re.compile("[\u09be-\u09cc\u09d7\u09cd\u09bc\u0981l\\s]")


def _letters(text: str) -> str:
    return _NOISE.sub("", unicodedata.normalize("NFD", to_latin_digits(text)))


def same_name(got: str, want: str) -> bool:
    """`got` reads the clean name `want` as printed, with or without the noise's damage."""
    return _squash(got) == _squash(want) or _squash(want) in _squash(got) \
        or _letters(got) == _letters(want)


def expected_cells(expected: Expected) -> int:
    return 1 + sum(3 + len(i.levels) + len(i.quarters) + (1 if i.annual is not None else 0)
                   for i in expected.indicators)


def _indicator(score: Score, want: ExpectedIndicator, got: Indicator | None) -> None:
    n = want.number
    if got is None:
        for _ in range(3 + len(want.levels) + len(want.quarters) + (want.annual is not None)):
            score.check(f"{n} missing", False)
        return
    score.check(f"{n} name", same_name(got.name, want.name))
    score.check(f"{n} unit", got.unit.value == UNIT_OF_WORD[want.unit_word])
    score.check(f"{n} weight", got.weight is not None
                and got.weight.normalize() == want.weight.normalize())
    for (pct, value), level in zip(got.levels.as_pairs(), want.levels, strict=False):
        score.check(f"{n} levels.{pct}", _same(value, level)
                    or (level is None and value is not None and numeric(value) is None
                        and as_date(value) is None))
    if want.annual is not None:
        score.check(f"{n} annual", _same(got.annual_target, want.annual))
    quarters = dict(got.quarterly_targets)
    for q, value in zip(Quarter, want.quarters, strict=False):
        score.check(f"{n} {q.value}", _same(quarters.get(q), value))


def compare(expected: Expected, plans: list[Plan]) -> Score:
    score = Score()
    plan = max(plans, key=lambda p: len(p.indicators), default=None)
    if plan is None:
        score.cells = expected_cells(expected)
        score.misses.append("no plan")
        return score
    score.kind_right = plan.kind.value == expected.kind
    score.check("fiscal_year", plan.fiscal_year == expected.fiscal_year)
    by_number = {to_latin_digits(i.number): i for i in plan.indicators}
    for want in expected.indicators:
        _indicator(score, want, by_number.get(want.number))
    return score
