"""How much of a generated document was read right: cells, kind, and empty results.

A cell is one value the document prints for an indicator (name, unit, weight, each level, the
A cell is one value the document prints for an indicator (name, unit, weight, each level, the
annual and each quarterly target; in the APA's section 3 also the calculation method, the two
past actuals and the two projections; in its progress report each quarter's achievement) or
for the plan (fiscal year; an APA's vision, mission, functions, preamble parties and
signatures). An indicator the import missed counts all its cells as wrong; a name counts as
right when it equals what was written or the clean name (the import may undo OCR damage in
some of its words), spaces aside: that is, when it differs from the clean name by no more than
the noise model's damage (`noise.py`: vowel signs, হসন্ত, nukta, "l" for া, split or joined
words). A name cut short, joined with another row's text or taken from another cell still
counts as wrong.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from kormo.domain.digits import to_latin_digits
from kormo.domain.plan import Indicator, Plan, Quarter, YearValue
from kormo.domain.values import Value, as_date, numeric
from tests.importers.corpus.front import ExpectedFront
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


def _apa_cells(printed: dict[str, object]) -> list[str]:
    """The APA columns printed for an indicator (method, actuals, projections) that count."""
    return [k for k in printed if k != "name"]


def _front_cells(front: ExpectedFront | None) -> int:
    if front is None:
        return 0
    return 2 + len(front.functions) + len(front.parties) + 3 * len(front.signatures)


def _front(score: Score, front: ExpectedFront | None, plan: Plan) -> None:
    """An APA's written parts: vision, mission, each function, each preamble party, and each
    signature's party, date and role."""
    if front is None:
        return
    score.check("front vision", _squash(plan.vision) == _squash(front.vision))
    score.check("front mission", _squash(plan.mission) == _squash(front.mission))
    for k, function in enumerate(front.functions):
        score.check("front function", k < len(plan.functions)
                    and _squash(plan.functions[k]) == _squash(function))
    for k, (post, office) in enumerate(front.parties):
        got = plan.preamble_parties[k] if k < len(plan.preamble_parties) else None
        score.check("front party", got is not None and (got.post, got.office) == (post, office))
    for k, want in enumerate(front.signatures):
        sig = plan.signatures[k] if k < len(plan.signatures) else None
        score.check("front signature", sig is not None
                    and (sig.party.post, sig.party.office) == (want.post, want.office))
        score.check("front signed_on", sig is not None and sig.signed_on == want.signed_on)
        score.check("front role", sig is not None and sig.role == want.role)


def expected_cells(expected: Expected) -> int:
    return 1 + _front_cells(expected.front) + sum(
        3 + len(i.levels) + len(i.quarters) + (1 if i.annual is not None else 0)
        + len(_apa_cells(expected.printed.get(i.number, {}))) for i in expected.indicators)


def _year_values(values: tuple[YearValue, ...]) -> dict[str, Value | None]:
    return {v.fiscal_year: v.value for v in values}


def _apa_columns(score: Score, n: str, printed: dict[str, object], got: Indicator,
                 progress: dict[tuple[str, str], Value | None]) -> None:
    actuals, projections = _year_values(got.actuals), _year_values(got.projections)
    for key in _apa_cells(printed):
        want = printed[key]
        if key.startswith("progress."):  # a progress report's achievement of a quarter
            quarter = key.split(".", 1)[1]
            score.check(f"{n} {key}", isinstance(want, (Decimal, dt.date))
                        and _same(progress.get((to_latin_digits(got.number), quarter)), want))
            continue
        if key == "method":
            method = got.calculation_method.value if got.calculation_method else None
            score.check(f"{n} method", method == want)
            continue
        what, year = key.split(".", 1)
        values = actuals if what == "actuals" else projections
        score.check(f"{n} {what}", isinstance(want, (Decimal, dt.date))
                    and _same(values.get(year), want))


def _indicator(score: Score, want: ExpectedIndicator, got: Indicator | None,
               printed: dict[str, object],
               progress: dict[tuple[str, str], Value | None] | None = None) -> None:
    n = want.number
    if got is None:
        for _ in range(3 + len(want.levels) + len(want.quarters) + (want.annual is not None)
                       + len(_apa_cells(printed))):
            score.check(f"{n} missing", False)
        return
    # the name as the document printed it (with its slips) or the clean one (an import may
    # undo OCR damage)
    printed_name = str(printed.get("name", want.name))
    score.check(f"{n} name", same_name(got.name, want.name) or same_name(got.name, printed_name))
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
    _apa_columns(score, n, printed, got, progress or {})


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
    # the governance area's progress is referenced "G1.1.1"; the generator numbers are unique
    progress = {(to_latin_digits(p.indicator).removeprefix("G"), p.quarter.value): p.value
                for p in plan.progress}
    for want in expected.indicators:
        _indicator(score, want, by_number.get(want.number), expected.printed.get(want.number, {}),
                   progress)
    _front(score, expected.front, plan)
    return score
