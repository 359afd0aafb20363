"""The APA's progress report with monthly columns and a cumulative to-date column (DOMAIN.md
§10), from a generated APA: each indicator's annual target (its 100 % level), its achievement
per month up to the report's quarter (from July, or the quarter's months only), the to-date
value by its calculation method, and a method column or not. Area headings as one-cell rows
with their weight; header words with the layout's noise (month names of under four skeleton
letters stay clean: "জন" for জুন is the unit word).

What the import must read: the name, unit, weight, annual target and each reported quarter's
achievement (`printed[number]["progress.Qn"]`, by the method: the sum, the mean, the date).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from decimal import Decimal

from kormo.domain.dates import MONTHS_BN
from kormo.importers.recognise.similar import skeleton
from tests.importers.corpus.layout import METHODS, Grid, Layout, _Writer
from tests.importers.corpus.noise import damage
from tests.importers.corpus.plans import Expected, ExpectedIndicator

MONTHLY = "monthly"
FISCAL_MONTHS = (7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6)
ORDINALS = ("১ম", "২য়", "৩য়", "৪র্থ")
TITLES = ("{office} এর বার্ষিক কর্মসম্পাদন চুক্তির {ordinal} ত্রৈমাসিক অগ্রগতি প্রতিবেদন, {fy}",
          "বার্ষিক কর্মসম্পাদন চুক্তি {fy}: মাসিক অগ্রগতি প্রতিবেদন ({first}-{last}, {year})",
          "এপিএ অগ্রগতি প্রতিবেদন {fy}")  # names no kind: the columns tell
CUMULATIVE_WORDS = ("ক্রমপুঞ্জিভূত অর্জন", "{last} পর্যন্ত মোট অর্জন", "অর্থবছরের শুরু থেকে অর্জন")
MONTHS_TOP = ("মাসিক অর্জন", "অর্জন {fy}")


def _month_values(rng: random.Random, ind: ExpectedIndicator, months: list[int], start: int
                  ) -> dict[int, Decimal | dt.date | None]:
    """Each printed month's achievement (None: nothing reported, printed "-")."""
    out: dict[int, Decimal | dt.date | None] = {}
    if ind.unit == "date":
        done = rng.choice(months)
        for m in months:
            year = start if m >= 7 else start + 1
            out[m] = dt.date(year, m, rng.randint(1, 28)) if m == done else None
        return out
    annual = ind.levels[0]
    assert isinstance(annual, Decimal)
    for m in months:
        if rng.random() < 0.1:
            out[m] = None
        elif ind.unit == "percent":
            out[m] = Decimal(rng.randint(55, 100))
        else:
            out[m] = Decimal(rng.randint(0, max(1, int(annual) // 6)))
    return out


def _combine(values: list[Decimal | dt.date], unit: str) -> Decimal | dt.date | None:
    if not values:
        return None
    if unit == "date":
        return values[0]
    numbers = [v for v in values if isinstance(v, Decimal)]
    total = sum(numbers, Decimal(0))
    return (total / len(numbers)).normalize() if unit == "percent" else total


def monthly_report(plan: Expected, layout: Layout, rng: random.Random) -> Grid:
    """Turn `plan` (a generated APA) into its progress report and return the report's grid;
    `plan` becomes what the report must import to."""
    w = _Writer(rng, layout, plan.fiscal_year)
    start = int(plan.fiscal_year[:4])
    quarter = rng.randint(1, 4)
    months = list(FISCAL_MONTHS[: 3 * quarter] if rng.random() < 0.6
                  else FISCAL_MONTHS[3 * quarter - 3: 3 * quarter])
    first, last = MONTHS_BN[months[0] - 1], MONTHS_BN[months[-1] - 1]
    plan.title = rng.choice(TITLES).format(
        office=plan.office, ordinal=ORDINALS[quarter - 1], fy=w.num(plan.fiscal_year),
        first=first, last=last, year=w.num(str(start if months[-1] >= 7 else start + 1)))
    plan.layout = MONTHLY
    with_method = rng.random() < 0.5
    cols = [w.head(("কার্যক্রম", "কার্যক্রমসমূহ")), w.head(("কর্মসম্পাদন সূচক", "সূচক"))]
    if with_method:
        cols.append(w.head(("গণনা পদ্ধতি",)))
    cols += [w.head(("একক",)), w.head(("সূচকের মান", "মান")),
             w.head(("বার্ষিক লক্ষ্যমাত্রা {fy}", "লক্ষ্যমাত্রা {fy}"))]

    def month_word(m: int) -> str:
        name = MONTHS_BN[m - 1]
        if len(skeleton(name)) >= 4:
            name = damage(rng, name, layout.header_noise)
        year = start if m >= 7 else start + 1
        return w.num(f"{name}/{year % 100:02d}") if rng.random() < 0.3 else name

    month_cols = [month_word(m) for m in months]
    cumulative = w.head(tuple(c.replace("{last}", last) for c in CUMULATIVE_WORDS))
    tail = [w.head(("মন্তব্য",))] if layout.extras else []
    merges: list[tuple[int, int, int, int]] = []
    if layout.two_header_rows:
        top = [*cols, w.head(MONTHS_TOP), *[""] * (len(months) - 1), cumulative, *tail]
        low = [""] * len(cols) + month_cols + [""] * (1 + len(tail))
        header = [top, low]
        merges += [(0, c, 1, c) for c in range(len(cols))]
        merges.append((0, len(cols), 0, len(cols) + len(months) - 1))
        merges += [(0, c, 1, c) for c in range(len(cols) + len(months), len(top))]
    else:
        header = [[*cols, *month_cols, cumulative, *tail]]
    width = len(header[0])
    rows: list[list[str]] = [list(r) for r in header]
    indicators: dict[str, ExpectedIndicator] = {}
    for area in plan.areas:
        heading = (f"{w.numbered(area.number, w.body(area.name))} "
                   f"(মান: {w.num(f'{area.weight.normalize():f}')})")
        rows.append([heading] + [""] * (width - 1))
        merges.append((len(rows) - 1, 0, len(rows) - 1, width - 1))
        for act_number, act_name, inds in area.activities:
            for k, ind in enumerate(inds):
                values = _month_values(rng, ind, months, start)
                written = w.body(ind.name)
                annual = ind.levels[0]
                printed: dict[str, object] = {"name": written}
                reported = [v for v in values.values() if v is not None]
                for q in range(1, quarter + 1):
                    in_q = [values[m] for m in FISCAL_MONTHS[3 * q - 3: 3 * q]
                            if values.get(m) is not None]
                    value = _combine([v for v in in_q if v is not None], ind.unit)
                    if value is not None:
                        printed[f"progress.Q{q}"] = value
                plan.printed[ind.number] = printed
                indicators[ind.number] = replace(ind, levels=(), annual=annual, quarters=())
                to_date = _combine(reported, ind.unit)
                row = [w.numbered(act_number, w.body(act_name)) if k == 0 else "",
                       w.numbered(ind.number, written)]
                if with_method:
                    row.append(METHODS[ind.unit])
                row += [ind.unit_word, w.num(f"{ind.weight.normalize():f}"),
                        w.value(annual, ind.unit)]
                row += [w.value(values[m], ind.unit) or "-" for m in months]
                if isinstance(to_date, Decimal) and ind.unit == "percent":
                    to_date = to_date.quantize(Decimal("0.01")).normalize()
                row.append(w.value(to_date, ind.unit) or "-")
                row += [""] * len(tail)
                rows.append(row)
    for area in plan.areas:
        area.activities = [(n, name, [indicators[i.number] for i in inds])
                           for n, name, inds in area.activities]
    lines = [w.num(damage(rng, plan.title, layout.header_noise / 2))]
    if plan.office not in plan.title:
        lines.append(f"দপ্তর/সংস্থার নাম: {plan.office}")
    return Grid(title=lines, rows=rows, merges=merges, header_rows=len(header))
