"""Synthetic plans: what a generated document holds, drawn from the seeds' vocabulary.

Names come from the hand transcriptions in data/seeds (so the words are real Bengali plan
words), numbers and dates are drawn per indicator in the shapes DOMAIN.md lists (levels best
first; dates later for worse levels; quarterly targets adding up to the annual one).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.importers.corpus.front import ExpectedFront

SEEDS = Path(__file__).resolve().parents[3] / "data" / "seeds"

# kind → (title templates, the layouts the kind is printed in)
FIVE, QUARTERLY = "five_level", "quarterly"
KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "apa": (("বার্ষিক কর্মসম্পাদন চুক্তি {fy}",
             "{office} এর বার্ষিক কর্মসম্পাদন চুক্তি ({fy})",
             "বার্ষিক কর্মসম্পাদন চুক্তি (এপিএ) {fy} অর্থবছর"), (FIVE,)),
    "integrity": (("জাতীয় শুদ্ধাচার কৌশল কর্ম-পরিকল্পনা, {fy}",
                   "{office} এর জাতীয় শুদ্ধাচার কৌশল কর্মপরিকল্পনা {fy}",
                   "শুদ্ধাচার কৌশল কর্মপরিকল্পনা ও পরিবীক্ষণ কাঠামো {fy}"), (QUARTERLY,)),
    "egov_innovation": (("ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা {fy}",
                         "{office} এর ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা, {fy}"), (FIVE, QUARTERLY)),
    "grievance_redress": (("অভিযোগ প্রতিকার ব্যবস্থা সংক্রান্ত কর্মপরিকল্পনা, {fy}",
                           "অভিযোগ প্রতিকার ব্যবস্থা (জিআরএস) কর্মপরিকল্পনা {fy}",
                           "অভিযোগ প্রতিকার ব্যবস্থা কর্মপরিকল্পনার পরিবীক্ষণ প্রতিবেদন {fy}"),
                          (FIVE, QUARTERLY)),
    "citizens_charter": (("সেবা প্রদান প্রতিশ্রুতি বাস্তবায়ন কর্মপরিকল্পনা, {fy}",
                          "সেবা প্রদান প্রতিশ্রুতি (সিটিজেনস চার্টার) কর্মপরিকল্পনা {fy}",
                          "সেবা প্রদান প্রতিশ্রুতি কর্মপরিকল্পনার পরিবীক্ষণ প্রতিবেদন {fy}"),
                         (FIVE, QUARTERLY)),
    "right_to_information": (("তথ্য অধিকার বিষয়ে {fy} অর্থবছরের বার্ষিক কর্মপরিকল্পনা",
                              "তথ্য অধিকার কর্মপরিকল্পনা {fy}"), (FIVE, QUARTERLY)),
}

OFFICE_TYPES = ("উপজেলা সমবায় কার্যালয়", "জেলা প্রশাসকের কার্যালয়", "উপজেলা ভূমি অফিস",
                "জেলা শিক্ষা অফিস", "উপজেলা কৃষি অফিস", "জেলা তথ্য অফিস", "সিভিল সার্জনের কার্যালয়",
                "উপজেলা নির্বাহী অফিসারের কার্যালয়", "পলিটেকনিক ইনস্টিটিউট")
PLACES = ("রংপুর", "কুষ্টিয়া", "নড়াইল", "ঝিনাইদহ", "বগুড়া", "সিলেট", "খুলনা", "দিনাজপুর",
          "কালীগঞ্জ", "গোপালগঞ্জ", "নেত্রকোনা", "চাঁদপুর", "পটুয়াখালী", "ময়মনসিংহ")
UNITS = {  # unit → the words offices write for it
    "count": ("সংখ্যা", "সংখ্যা", "টি"),
    "percent": ("%", "শতাংশ", "%"),
    "date": ("তারিখ",),
    "persons": ("জন",),
    "lakh_taka": ("লক্ষ টাকা",),
}
RESPONSIBLE = ("উপজেলা সমবায় অফিসার", "সহকারী পরিচালক", "ফোকাল পয়েন্ট", "প্রোগ্রামার",
               "প্রশাসনিক কর্মকর্তা", "অফিস প্রধান")


@dataclass(frozen=True, slots=True)
class ExpectedIndicator:
    """One indicator as the generated document prints it. Values are canonical: a number as
    Decimal, a date as `datetime.date` (what `domain.values` numeric/as_date give)."""

    number: str
    name: str
    unit: str
    unit_word: str
    weight: Decimal
    levels: tuple[Decimal | dt.date | None, ...] = ()  # five levels, best first
    annual: Decimal | dt.date | None = None
    quarters: tuple[Decimal | dt.date, ...] = ()
    responsible: str = ""


@dataclass(slots=True)
class ExpectedArea:
    number: str
    name: str
    weight: Decimal
    activities: list[tuple[str, str, list[ExpectedIndicator]]] = field(default_factory=list)


@dataclass(slots=True)
class Expected:
    """What a generated document must import to."""

    kind: str
    layout: str
    fiscal_year: str  # "2023-24"
    office: str
    title: str
    areas: list[ExpectedArea]
    # what the layout printed per indicator beyond the plan's values: "name" as written (with
    # its slips), and in the APA's section 3 "method" and "actuals.<year>"/"projections.<year>"
    printed: dict[str, dict[str, object]] = field(default_factory=dict)
    front: ExpectedFront | None = None  # an APA's written parts (corpus/front.py)

    @property
    def indicators(self) -> list[ExpectedIndicator]:
        return [i for a in self.areas for _, _, inds in a.activities for i in inds]


@cache
def _vocabulary() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    areas: set[str] = set()
    activities: set[str] = set()
    indicators: set[str] = set()
    for path in sorted(SEEDS.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        for plan in raw.get("plans", [raw]):
            for area in plan.get("areas", []):
                areas.add(area["name"])
                for act in area.get("activities", []):
                    activities.add(act["name"])
                    for ind in act.get("indicators", []):
                        indicators.add(ind["name"])

    def ok(names: set[str]) -> tuple[str, ...]:
        # names with their own numbering or line breaks would print as something else
        return tuple(sorted(n for n in names if n and 3 < len(n) < 120 and "\n" not in n
                            and "[" not in n and not n[:1].isdigit()))

    return ok(areas), ok(activities), ok(indicators)


def _fy(rng: random.Random) -> tuple[str, int]:
    start = rng.randint(2019, 2025)
    return f"{start}-{(start + 1) % 100:02d}", start


def _values(rng: random.Random, unit: str, start: int
            ) -> tuple[tuple[Decimal | dt.date | None, ...], Decimal | dt.date,
                       tuple[Decimal | dt.date, ...]]:
    """(five levels, annual target, quarterly targets) for a unit."""
    if unit == "date":
        first = dt.date(start, 7, 1) + dt.timedelta(days=rng.randint(60, 250))
        step = rng.choice((7, 10, 15, 30))
        levels = tuple(first + dt.timedelta(days=step * k) for k in range(5))
        quarter_ends = (dt.date(start, 9, 30), dt.date(start, 12, 31), dt.date(start + 1, 3, 31),
                        dt.date(start + 1, 6, 30))
        return levels, quarter_ends[-1], quarter_ends
    if unit == "percent":
        top = Decimal(rng.choice((100, 95, 90, 85, 80)))
        step = Decimal(rng.choice((5, 10)))
        levels = tuple(top - step * k for k in range(5))
        return levels, top, (top,) * 4
    per = rng.randint(1, 12) if unit != "lakh_taka" else rng.randint(2, 40)
    annual = Decimal(per * 4)
    step = max(1, per * 4 // 10)
    levels = tuple(annual - step * k for k in range(5))
    return levels, annual, (Decimal(per),) * 4


def make_plan(rng: random.Random, kind: str | None = None) -> Expected:
    area_names, activity_names, indicator_names = _vocabulary()
    kind = kind or rng.choice(sorted(KINDS))
    titles, layouts = KINDS[kind]
    layout = rng.choice(layouts)
    fy, start = _fy(rng)
    office = f"{rng.choice(OFFICE_TYPES)}, {rng.choice(PLACES)}"
    fy_text = rng.choice((fy, f"{start}-{start + 1}"))
    title = rng.choice(titles).format(fy=fy_text, office=office)
    areas: list[ExpectedArea] = []
    for a in range(1, rng.randint(2, 4) + 1):
        area = ExpectedArea(str(a), rng.choice(area_names), Decimal(0))
        for b in range(1, rng.randint(1, 3) + 1):
            inds = []
            for c in range(1, (rng.randint(1, 2) if kind == "apa" else 1) + 1):
                unit = rng.choice(("count", "count", "percent", "date", "persons", "lakh_taka"))
                levels, annual, quarters = _values(rng, unit, start)
                if layout == FIVE and rng.random() < 0.15:  # a level left blank
                    levels = (*levels[:4], None)
                inds.append(ExpectedIndicator(
                    number=f"{a}.{b}.{c}", name=rng.choice(indicator_names), unit=unit,
                    unit_word=rng.choice(UNITS[unit]), weight=Decimal(rng.randint(1, 8)),
                    levels=levels if layout == FIVE else (),
                    annual=annual if layout == QUARTERLY else None,
                    quarters=quarters if layout == QUARTERLY else (),
                    responsible=rng.choice(RESPONSIBLE) if layout == QUARTERLY else ""))
            area.activities.append((f"{a}.{b}", rng.choice(activity_names), inds))
        area.weight = sum((i.weight for _, _, inds in area.activities for i in inds), Decimal(0))
        areas.append(area)
    return Expected(kind=kind, layout=layout, fiscal_year=fy, office=office, title=title,
                    areas=areas)
