"""A generated plan → title lines and a table grid, in one of many layouts people make.

The grid is rows of cell texts plus merges (row0, col0, row1, col1): a merged cell's text
stands in its top-left cell only, the way Excel and a text copy keep it (the DOCX writer
merges the cells, Word repeats nothing). What varies: header words (synonyms, one or two
header rows, a merged target-year cell over the levels, level names or percents), a row of
column numbers, where areas stand (merged column, repeated column, one-cell heading row),
numbering style, names wrapped over two rows, header rows repeated every few rows, extra
columns (method, actuals, projections, responsible, remarks) and the date format.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from tests.importers.corpus.amounts import amount_text, unit_text
from tests.importers.corpus.noise import damage, digits
from tests.importers.corpus.plans import FIVE, Expected, ExpectedIndicator

AREA_WORDS = ("কর্মসম্পাদনের ক্ষেত্র", "কর্মসম্পাদন ক্ষেত্র", "কৌশলগত উদ্দেশ্য", "কর্মসম্পাদনের ক্ষেত্রসমূহ")
AREA_WEIGHT_WORDS = ("ক্ষেত্রের মান", "মান", "কর্মসম্পাদন ক্ষেত্রের মান")
ACTIVITY_WORDS = ("কার্যক্রম", "কার্যক্রমসমূহ", "কার্যক্রমের নাম")
INDICATOR_WORDS = ("কর্মসম্পাদন সূচক", "কর্মসম্পাদন সূচকসমূহ", "সূচক", "কর্মসম্পাদন সূচক সমূহ")
UNIT_WORDS = ("একক", "পরিমাপের একক", "সূচকের একক")
WEIGHT_WORDS = ("কর্মসম্পাদন সূচকের মান", "সূচকের মান", "মান")
METHOD_WORDS = ("গণনা পদ্ধতি",)
ACTUAL_WORDS = ("প্রকৃত অর্জন", "প্রকৃত অর্জন*")
PROJECTION_WORDS = ("প্রক্ষেপণ",)
TARGET_TOP = ("লক্ষ্যমাত্রা/নির্ণায়ক {fy}", "লক্ষ্যমাত্রা {fy}", "লক্ষ্যমাত্রা/নির্ণায়ক ({fy})")
LEVEL_NAMES = ("অসাধারণ", "অতি উত্তম", "উত্তম", "চলতি মান", "চলতি মানের নিম্নে")
LEVEL_PERCENTS = ("১০০%", "৯০%", "৮০%", "৭০%", "৬০%")
RESPONSIBLE_WORDS = ("বাস্তবায়নের দায়িত্বপ্রাপ্ত ব্যক্তি/পদ", "দায়িত্বপ্রাপ্ত ব্যক্তি/পদ")
ANNUAL_WORDS = ("{fy} অর্থবছরের লক্ষ্যমাত্রা", "লক্ষ্যমাত্রা {fy}", "বার্ষিক লক্ষ্যমাত্রা {fy}")
QUARTER_WORDS = (("১ম কোয়ার্টার", "২য় কোয়ার্টার", "৩য় কোয়ার্টার", "৪র্থ কোয়ার্টার"),
                 ("প্রথম কোয়ার্টার", "দ্বিতীয় কোয়ার্টার", "তৃতীয় কোয়ার্টার", "চতুর্থ কোয়ার্টার"),
                 ("১ম ত্রৈমাসিক", "২য় ত্রৈমাসিক", "৩য় ত্রৈমাসিক", "৪র্থ ত্রৈমাসিক"))
LABEL_WORDS = ("লক্ষ্যমাত্রা/ অর্জন", "লক্ষ্যমাত্রা/অর্জন")
DATE_FORMATS = ("%d/%m/%Y", "%d.%m.%y", "%d-%m-%Y", "%d/%m/%y")
METHOD_VALUES = {"count": "sum", "persons": "sum", "lakh_taka": "sum", "percent": "average",
                 "date": "date"}
METHODS = {"count": "সমষ্টি", "persons": "সমষ্টি", "lakh_taka": "সমষ্টি", "percent": "গড়",
           "date": "তারিখ"}


@dataclass(slots=True)
class Layout:
    digits: str = "bn"  # "bn", "latin", "mixed"
    header_noise: float = 0.0
    body_noise: float = 0.0
    two_header_rows: bool = True
    level_percents: bool = False
    column_numbers: bool = False
    area_style: str = "merged"  # "merged", "repeated", "heading"
    brackets: bool = True
    wrap: float = 0.0  # share of indicator names wrapped over two rows
    repeat_every: int = 0  # header rows repeated every N body rows (0: never)
    extras: bool = False  # method, actuals, projections (five-level) / total, score, remarks
    date_format: str = "%d/%m/%Y"
    lead_rows: int = 0  # rows above the header inside the table
    drop_empty: bool = False  # a text copy drops empty cells
    bijoy: bool = False  # some body cells typed in Bijoy (bijoy.py; not drawn here)

    @classmethod
    def draw(cls, rng: random.Random) -> Layout:
        return cls(
            digits=rng.choice(("bn", "bn", "latin", "mixed")),
            header_noise=rng.choice((0.0, 0.0, 0.1, 0.2, 0.3)),
            body_noise=rng.choice((0.0, 0.0, 0.05, 0.1)),
            two_header_rows=rng.random() < 0.7,
            level_percents=rng.random() < 0.3,
            column_numbers=rng.random() < 0.4,
            area_style=rng.choice(("merged", "repeated", "heading")),
            brackets=rng.random() < 0.6,
            wrap=rng.choice((0.0, 0.0, 0.2, 0.4)),
            repeat_every=rng.choice((0, 0, 3, 5)),
            extras=rng.random() < 0.5,
            date_format=rng.choice(DATE_FORMATS),
            lead_rows=rng.choice((0, 0, 1, 2)),
            drop_empty=rng.random() < 0.3,
        )


@dataclass(slots=True)
class Grid:
    title: list[str]
    rows: list[list[str]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    header_rows: int = 1
    page_breaks: list[int] = field(default_factory=list)  # row indices a new page starts at
    bijoy: dict[tuple[int, int], str] = field(default_factory=dict)  # cell → its Bijoy text
    after: list[str] = field(default_factory=list)  # lines after the table (signatures …)


class _Writer:
    def __init__(self, rng: random.Random, layout: Layout, fy: str) -> None:
        self.rng, self.layout, self.fy = rng, layout, fy

    def num(self, text: str) -> str:
        return digits(self.rng, text, self.layout.digits)

    def head(self, words: tuple[str, ...]) -> str:
        word = self.rng.choice(words).format(fy=self.fy)
        return self.num(damage(self.rng, word, self.layout.header_noise))

    def body(self, text: str) -> str:
        return damage(self.rng, text, self.layout.body_noise)

    def value(self, v: Decimal | dt.date | None, unit: str) -> str:
        if v is None:
            return ""
        if isinstance(v, dt.date):
            return self.num(v.strftime(self.layout.date_format))
        text = f"{v.normalize():f}"
        return self.num(text + ("%" if unit == "percent" else ""))

    def numbered(self, number: str, name: str) -> str:
        n = self.num(number)
        return f"[{n}] {name}" if self.layout.brackets else f"{n} {name}"


def _wrap(text: str) -> tuple[str, str]:
    words = text.split(" ")
    if len(words) < 3:
        return text, ""
    cut = len(words) // 2
    return " ".join(words[:cut]), " ".join(words[cut:])


def build_grid(plan: Expected, layout: Layout, rng: random.Random) -> Grid:
    if plan.layout == FIVE:
        return _five_level(plan, layout, rng)
    return _quarterly(plan, layout, rng)


def _title(plan: Expected, w: _Writer) -> list[str]:
    lines = [w.num(damage(w.rng, plan.title, w.layout.header_noise / 2))]
    if plan.office not in plan.title:
        lines.append(f"দপ্তর/সংস্থার নাম: {plan.office}")
    return lines


def _five_level(plan: Expected, layout: Layout, rng: random.Random) -> Grid:
    w = _Writer(rng, layout, plan.fiscal_year)
    area_cols = layout.area_style != "heading"
    # method, actuals and projections are columns of the APA's section 3 only
    extras = layout.extras and plan.kind == "apa"
    start = int(plan.fiscal_year[:4])
    cols: list[str] = []
    if area_cols:
        cols += [w.head(AREA_WORDS), w.head(AREA_WEIGHT_WORDS)]
    cols += [w.head(ACTIVITY_WORDS), w.head(INDICATOR_WORDS)]
    if extras:
        cols.append(w.head(METHOD_WORDS))
    cols += [w.head(UNIT_WORDS), w.head(WEIGHT_WORDS)]
    actual_years = [f"{start - 2}-{(start - 1) % 100:02d}", f"{start - 1}-{start % 100:02d}"]
    proj_years = [f"{start + 1}-{(start + 2) % 100:02d}", f"{start + 2}-{(start + 3) % 100:02d}"]
    fixed = len(cols)
    levels = [w.num(p) for p in LEVEL_PERCENTS] if layout.level_percents else [
        w.head((n,)) for n in LEVEL_NAMES]
    merges: list[tuple[int, int, int, int]] = []
    if layout.two_header_rows:
        top = list(cols)
        low = [""] * fixed
        if extras:
            top += [w.head(ACTUAL_WORDS), ""]
            low += [w.num(y) for y in actual_years]
        top += [w.head(TARGET_TOP)] + [""] * 4
        low += levels
        if extras:
            top += [w.head(PROJECTION_WORDS), ""]
            low += [w.num(y) for y in proj_years]
        header = [top, low]
        for c in range(fixed):
            merges.append((0, c, 1, c))
        c = fixed
        if extras:
            merges.append((0, c, 0, c + 1))
            c += 2
        merges.append((0, c, 0, c + 4))
        c += 5
        if extras:
            merges.append((0, c, 0, c + 1))
    else:
        row = list(cols)
        if extras:
            row += [w.num(f"{w.head(ACTUAL_WORDS)} {y}") for y in actual_years]
        row += [f"{lv} {w.num(plan.fiscal_year)}" if k == 0 else lv
                for k, lv in enumerate(levels)]
        if extras:
            row += [w.num(f"{w.head(PROJECTION_WORDS)} {y}") for y in proj_years]
        header = [row]
    width = len(header[0])
    if layout.column_numbers:
        header.append([w.num(str(i + 1)) for i in range(width)])
    rows: list[list[str]] = []
    lead = [[w.head(("সেকশন ৩: কর্মসম্পাদন পরিকল্পনা", "কর্মসম্পাদন পরিকল্পনা"))] + [""] * (width - 1)
            for _ in range(min(layout.lead_rows, 1))]
    hmerges = merges
    merges = []
    for r in lead:
        merges.append((len(rows), 0, len(rows), width - 1))
        rows.append(r)

    def add_header() -> None:
        at = len(rows)
        rows.extend(list(r) for r in header)
        merges.extend((a + at, b, c + at, d) for (a, b, c, d) in hmerges)

    add_header()
    body_count = 0
    for area in plan.areas:
        area_text = w.numbered(area.number, w.body(area.name))
        area_weight = w.num(f"{area.weight.normalize():f}")
        if not area_cols:
            heading = f"{area_text} (মান: {area_weight})"
            rows.append([heading] + [""] * (width - 1))
            merges.append((len(rows) - 1, 0, len(rows) - 1, width - 1))
        area_first = len(rows)
        for act_number, act_name, inds in area.activities:
            act_first = len(rows)
            for ind in inds:
                if layout.repeat_every and body_count and body_count % layout.repeat_every == 0:
                    add_header()
                    area_first = act_first = len(rows)
                body_count += 1
                row: list[str] = []
                repeat = layout.area_style == "repeated"
                if area_cols:
                    first_of_area = len(rows) == area_first
                    row += [area_text if first_of_area or repeat else "",
                            area_weight if first_of_area or repeat else ""]
                row.append(w.numbered(act_number, w.body(act_name))
                           if len(rows) == act_first or repeat else "")
                written = w.body(ind.name)
                printed = plan.printed.setdefault(ind.number, {"name": written})
                name = w.numbered(ind.number, written)
                second = ""
                if rng.random() < layout.wrap:
                    name, second = _wrap(name)
                row.append(name)
                if extras:
                    row.append(METHODS[ind.unit])
                    printed.update(_apa_printed(ind, actual_years, proj_years))
                row += [unit_text(ind), w.num(f"{ind.weight.normalize():f}")]
                if extras:
                    extra = _apa_values(ind)
                    row += [amount_text(ind, extra[k], w.value(extra[k], ind.unit),
                                        layout.digits, salt) for k, salt in ((0, 12), (1, 11))]
                row += [amount_text(ind, v, w.value(v, ind.unit), layout.digits, k)
                        for k, v in enumerate(ind.levels)]
                if extras:
                    row += [amount_text(ind, extra[k], w.value(extra[k], ind.unit),
                                        layout.digits, salt) for k, salt in ((2, 13), (3, 14))]
                rows.append(row)
                if second:
                    cont = [""] * width
                    cont[(2 if area_cols else 0) + 1] = second
                    rows.append(cont)
            if layout.area_style == "merged" and len(rows) - 1 > act_first:
                col = 2 if area_cols else 0
                merges.append((act_first, col, len(rows) - 1, col))
        if layout.area_style == "merged" and area_cols and len(rows) - 1 > area_first:
            merges += [(area_first, 0, len(rows) - 1, 0), (area_first, 1, len(rows) - 1, 1)]
    return Grid(title=_title(plan, w), rows=rows, merges=merges, header_rows=len(header))


def _apa_printed(ind: ExpectedIndicator, actual_years: list[str], proj_years: list[str]
                 ) -> dict[str, object]:
    """The APA columns printed for an indicator: the method (as `CalculationMethod` values),
    two past actuals and two projections by fiscal year (as the row below prints them)."""
    return {"method": METHOD_VALUES[ind.unit],
            f"actuals.{actual_years[0]}": _apa_values(ind)[0],
            f"actuals.{actual_years[1]}": _apa_values(ind)[1],
            f"projections.{proj_years[0]}": _apa_values(ind)[2],
            f"projections.{proj_years[1]}": _apa_values(ind)[3]}


def _apa_values(ind: ExpectedIndicator) -> tuple[Decimal | dt.date | None, ...]:
    """The two past actuals and two projections printed beside the levels: numbers from the
    levels (80 % and 90 % achieved, the 100 % level projected); a date the same day of the
    years before and after (a projection is a date of its own year)."""
    def year(v: Decimal | dt.date | None, k: int) -> Decimal | dt.date | None:
        if isinstance(v, dt.date):
            return v.replace(year=v.year + k, day=min(v.day, 28))
        return v

    return (year(ind.levels[2], -2), year(ind.levels[1], -1), year(ind.levels[0], 1),
            year(ind.levels[0], 2))


def _quarterly(plan: Expected, layout: Layout, rng: random.Random) -> Grid:
    w = _Writer(rng, layout, plan.fiscal_year)
    extras = layout.extras
    cols = [w.head(ACTIVITY_WORDS), w.head(INDICATOR_WORDS), w.head(WEIGHT_WORDS),
            w.head(UNIT_WORDS), w.head(RESPONSIBLE_WORDS), w.head(ANNUAL_WORDS)]
    quarters = [w.head((q,)) for q in rng.choice(QUARTER_WORDS)]
    tail = [w.head(("মোট অর্জন",)), w.head(("অর্জিত মান",)), w.head(("মন্তব্য",))] if extras else []
    label = w.head(LABEL_WORDS)
    merges: list[tuple[int, int, int, int]] = []
    if layout.two_header_rows:
        monitoring = w.head(("পরিবীক্ষণ {fy}", "অগ্রগতি পরিবীক্ষণ {fy}"))
        top = [*cols, monitoring, *[""] * (4 + len(tail))]
        low = [""] * len(cols) + [label] + quarters + tail
        header = [top, low]
        merges += [(0, c, 1, c) for c in range(len(cols))]
        merges.append((0, len(cols), 0, len(cols) + 4))
    else:
        header = [[*cols, label, *quarters, *tail]]
    width = len(header[0])
    if layout.column_numbers:
        header.append([w.num(str(i + 1)) for i in range(width)])
    hmerges, merges = merges, []
    rows: list[list[str]] = []

    def add_header() -> None:
        at = len(rows)
        rows.extend(list(r) for r in header)
        merges.extend((a + at, b, c + at, d) for (a, b, c, d) in hmerges)

    add_header()
    body_count = 0
    for area in plan.areas:
        dots = rng.choice(("....", " ", "..... "))
        weight = w.num(f"{area.weight.normalize():f}")
        heading = f"{w.num(area.number)}. {w.body(area.name)}{dots}{weight}"
        rows.append([heading] + [""] * (width - 1))
        merges.append((len(rows) - 1, 0, len(rows) - 1, width - 1))
        for act_number, act_name, inds in area.activities:
            for ind in inds:
                if layout.repeat_every and body_count and body_count % layout.repeat_every == 0:
                    add_header()
                body_count += 1
                act = f"{w.num(act_number)} {w.body(act_name)}"
                second = ""
                if rng.random() < layout.wrap:
                    act, second = _wrap(act)
                written = w.body(ind.name)
                plan.printed.setdefault(ind.number, {"name": written})
                target = [act, written, w.num(f"{ind.weight.normalize():f}"),
                          unit_text(ind), ind.responsible,
                          amount_text(ind, ind.annual, w.value(ind.annual, ind.unit),
                                      layout.digits, 5),
                          "লক্ষ্যমাত্রা"] + [amount_text(ind, q, w.value(q, ind.unit),
                                                         layout.digits, 6 + k)
                                             for k, q in enumerate(ind.quarters)]
                target += ["", "", ""][:len(tail)]
                rows.append(target)
                if second:
                    rows.append([second] + [""] * (width - 1))
                rows.append([""] * 6 + ["অর্জন"] + ["-"] * 4 + ["", "", ""][:len(tail)])
    return Grid(title=_title(plan, w), rows=rows, merges=merges, header_rows=len(header))
