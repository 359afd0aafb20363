"""Finding codes of the plan checks and their messages in Bengali and English: one catalogue.

`kormo.domain.validation` reports what is wrong with a plan as findings (DOMAIN.md, Scoring §9
"Quality checks on a plan"). Each finding carries a code from `FindingCode` — stable, greppable,
what tests, the API and the pages act on (as Saleor's `error_codes.py` does) — and is worded
here, once, in both languages. Nothing else in Kormo writes the prose of a finding.

A message is a template with named parameters. `{place}` is always available: the indicator,
activity or area the finding is about, written for a reader ("সূচক [১.১.১]" /
"indicator [1.1.1]"). Numbers, dates and cell values are written in the reader's language
through `kormo.domain.numerals`, so the Bengali message shows Bengali digits throughout.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from kormo.domain.cells import format_value
from kormo.domain.dates import format_date
from kormo.domain.digits import to_bengali_digits
from kormo.domain.numerals import format_number
from kormo.domain.values import (
    Blank,
    DateValue,
    Money,
    MonthValue,
    NotApplicable,
    Number,
    Percent,
    Value,
)

Lang = Literal["bn", "en"]


class Severity(StrEnum):
    """Errors block submission; warnings do not (DOMAIN.md, Scoring §9)."""

    ERROR = "error"
    WARNING = "warning"


class FindingCode(StrEnum):
    """What a check found. The value is the code shown by `kormo validate --json`."""

    AREA_WEIGHT_MISMATCH = "AREA_WEIGHT_MISMATCH"
    PLAN_WEIGHT_MISMATCH = "PLAN_WEIGHT_MISMATCH"
    WEIGHT_MISSING = "WEIGHT_MISSING"
    AREA_EMPTY = "AREA_EMPTY"
    ACTIVITY_WITHOUT_INDICATOR = "ACTIVITY_WITHOUT_INDICATOR"
    LEVEL_100_MISSING = "LEVEL_100_MISSING"
    LEVELS_NOT_ORDERED = "LEVELS_NOT_ORDERED"
    LEVELS_REPEATED = "LEVELS_REPEATED"
    FISCAL_YEAR_UNREADABLE = "FISCAL_YEAR_UNREADABLE"
    DATE_OUTSIDE_YEAR = "DATE_OUTSIDE_YEAR"
    QUARTER_DATE_OUTSIDE_QUARTER = "QUARTER_DATE_OUTSIDE_QUARTER"
    QUARTERLY_SUM_MISMATCH = "QUARTERLY_SUM_MISMATCH"
    PROJECTION_BELOW_TARGET = "PROJECTION_BELOW_TARGET"
    PROJECTION_DATE_IN_YEAR = "PROJECTION_DATE_IN_YEAR"
    NUMBER_DUPLICATE = "NUMBER_DUPLICATE"
    NUMBER_INCONSISTENT = "NUMBER_INCONSISTENT"
    VALUE_UNIT_MISMATCH = "VALUE_UNIT_MISMATCH"
    GOVERNANCE_LINK_MISSING = "GOVERNANCE_LINK_MISSING"
    FALLBACK_UNKNOWN = "FALLBACK_UNKNOWN"
    PROGRESS_UNKNOWN_INDICATOR = "PROGRESS_UNKNOWN_INDICATOR"
    CHOOSE_AT_LEAST_NOT_MET = "CHOOSE_AT_LEAST_NOT_MET"
    ACTUAL_DIFFERS_FROM_EVALUATED = "ACTUAL_DIFFERS_FROM_EVALUATED"
    WEIGHT_ZERO = "WEIGHT_ZERO"
    NUMBER_MIXED_DIGITS = "NUMBER_MIXED_DIGITS"
    NUMBER_STRAY_CHARACTER = "NUMBER_STRAY_CHARACTER"


@dataclass(frozen=True, slots=True)
class Words:
    """A phrase given in both languages, used as a message parameter ("the annual target")."""

    bn: str
    en: str

    def in_lang(self, lang: Lang) -> str:
        return self.bn if lang == "bn" else self.en


class AsWritten(str):
    """A cell's text quoted as written: its digits are kept as they are, also in Bengali
    messages (a number that mixes digit systems must be shown mixed; issue 12 rule 9)."""

    __slots__ = ()


# A message parameter: text, a number, a date, a cell value, or a phrase in both languages.
Param = str | int | Decimal | dt.date | Number | Percent | Money | DateValue | MonthValue | Blank \
    | NotApplicable | Words


@dataclass(frozen=True, slots=True)
class Entry:
    """One code's default severity and its message templates."""

    severity: Severity
    bn: str
    en: str


E, W = Severity.ERROR, Severity.WARNING

CATALOGUE: Mapping[FindingCode, Entry] = {
    FindingCode.AREA_WEIGHT_MISMATCH: Entry(
        E,
        "{place}: সূচকসমূহের মানের যোগফল {actual}, কিন্তু ক্ষেত্রের মান {expected}।",
        "{place}: the indicator weights add up to {actual}, but the area's weight is "
        "{expected}.",
    ),
    FindingCode.PLAN_WEIGHT_MISMATCH: Entry(
        E,
        "কর্মসম্পাদনের ক্ষেত্রসমূহের মানের যোগফল {actual}, কিন্তু মোট মান হওয়ার কথা "
        "{expected}।",
        "The area weights add up to {actual}, but the plan's total weight should be {expected}.",
    ),
    FindingCode.WEIGHT_MISSING: Entry(
        E,
        "{place}: মান দেওয়া হয়নি।",
        "{place}: no weight is given.",
    ),
    FindingCode.AREA_EMPTY: Entry(
        E,
        "{place}: কোনো কার্যক্রম নেই।",
        "{place} has no activities.",
    ),
    FindingCode.ACTIVITY_WITHOUT_INDICATOR: Entry(
        W,
        "{place}: কার্যক্রমটির কোনো কর্মসম্পাদন সূচক নেই।",
        "{place} has no performance indicator.",
    ),
    FindingCode.LEVEL_100_MISSING: Entry(
        E,
        "{place}: ১০০% (অসাধারণ) লক্ষ্যমাত্রা দেওয়া হয়নি।",
        "{place}: the 100 % (excellent) target level is missing.",
    ),
    FindingCode.LEVELS_NOT_ORDERED: Entry(
        E,
        "{place}: লক্ষ্যমাত্রার স্তরগুলো ({levels}) এক দিকে সাজানো নয়; {rule}।",
        "{place}: the target levels ({levels}) are not ordered one way; {rule}.",
    ),
    FindingCode.LEVELS_REPEATED: Entry(
        E,
        "{place}: একই লক্ষ্যমাত্রা {value} একাধিক স্তরে দেওয়া হয়েছে।",
        "{place}: the target {value} is given at more than one level.",
    ),
    FindingCode.FISCAL_YEAR_UNREADABLE: Entry(
        W,
        "পরিকল্পনার অর্থবছর “{year}” পড়া যায়নি, তাই তারিখগুলো যাচাই করা হয়নি।",
        "The plan's fiscal year “{year}” cannot be read, so its dates were not checked.",
    ),
    FindingCode.DATE_OUTSIDE_YEAR: Entry(
        E,
        "{place}: {where} {date} {period} ({start} – {end})-এর বাইরে।",
        "{place}: {where} {date} lies outside {period} ({start} – {end}).",
    ),
    FindingCode.QUARTER_DATE_OUTSIDE_QUARTER: Entry(
        W,
        "{place}: {where} {date} সেই কোয়ার্টারের ({start} – {end}) বাইরে।",
        "{place}: {where} {date} lies outside that quarter ({start} – {end}).",
    ),
    FindingCode.QUARTERLY_SUM_MISMATCH: Entry(
        E,
        "{place}: কোয়ার্টারভিত্তিক লক্ষ্যমাত্রার যোগফল {actual}, কিন্তু বার্ষিক লক্ষ্যমাত্রা "
        "{expected}।",
        "{place}: the quarterly targets add up to {actual}, but the annual target is "
        "{expected}.",
    ),
    FindingCode.PROJECTION_BELOW_TARGET: Entry(
        W,
        "{place}: {year} অর্থবছরের প্রক্ষেপণ {actual} চলতি বছরের লক্ষ্যমাত্রা {expected}-এর "
        "চেয়ে কম।",
        "{place}: the projection for {year} ({actual}) is below this year's target "
        "({expected}).",
    ),
    FindingCode.PROJECTION_DATE_IN_YEAR: Entry(
        W,
        "{place}: {year} অর্থবছরের প্রক্ষেপণের তারিখ {date} চলতি বছর শেষ হওয়ার ({end}) পরে নয়।",
        "{place}: the projected date for {year} ({date}) is not after the end of this year "
        "({end}).",
    ),
    FindingCode.NUMBER_DUPLICATE: Entry(
        E,
        "{place}: এই নম্বর একাধিকবার ব্যবহৃত হয়েছে।",
        "{place}: this number is used more than once.",
    ),
    FindingCode.NUMBER_INCONSISTENT: Entry(
        E,
        "{place}: নম্বরটি যে {parent}-এর অধীনে আছে, তার নম্বর দিয়ে শুরু হয়নি।",
        "{place}: the number does not continue the number of {parent} it stands under.",
    ),
    FindingCode.VALUE_UNIT_MISMATCH: Entry(
        E,
        "{place}: {where} হিসেবে {kind} ({value}) দেওয়া হয়েছে, কিন্তু সূচকের একক {unit}।",
        "{place}: {where} is {kind} ({value}), but the indicator's unit is {unit}.",
    ),
    FindingCode.GOVERNANCE_LINK_MISSING: Entry(
        E,
        "{place}: “প্রাপ্ত নম্বর” এককের সুশাসন সূচকটি কোন কর্মপরিকল্পনা থেকে নম্বর পাবে তা "
        "উল্লেখ নেই।",
        "{place}: this governance indicator in marks does not name the action plan it is fed "
        "from.",
    ),
    FindingCode.FALLBACK_UNKNOWN: Entry(
        E,
        "{place}: বিকল্প সূচকটি যে সূচক [{target}]-এর পরিবর্তে গণ্য হওয়ার কথা, সেটি "
        "পরিকল্পনায় নেই।",
        "{place}: this fallback stands in for indicator [{target}], which is not in the plan.",
    ),
    FindingCode.PROGRESS_UNKNOWN_INDICATOR: Entry(
        E,
        "{place}: {quarter} অগ্রগতির এই সূচকটি পরিকল্পনায় নেই।",
        "{place}: the {quarter} progress names an indicator that is not in the plan.",
    ),
    FindingCode.CHOOSE_AT_LEAST_NOT_MET: Entry(
        E,
        "{place}: কমপক্ষে {expected}টি কার্যক্রম নির্বাচন করার কথা, কিন্তু আছে {actual}টি।",
        "{place}: at least {expected} activities must be chosen, but {actual} are listed.",
    ),
    FindingCode.WEIGHT_ZERO: Entry(
        E,
        "{place}: মান ০; এই সূচক কোনো নম্বর বহন করে না।",
        "{place}: the weight is 0, so this indicator carries no marks.",
    ),
    FindingCode.NUMBER_MIXED_DIGITS: Entry(
        W,
        "{place}: “{text}” সংখ্যাটিতে বাংলা ও ইংরেজি অঙ্ক মেশানো; পড়া মানটি যাচাই করুন।",
        "{place}: the number “{text}” mixes Bengali and Latin digits; check the value read.",
    ),
    FindingCode.NUMBER_STRAY_CHARACTER: Entry(
        W,
        "{place}: “{text}” সংখ্যার ভেতরে অঙ্ক নয় এমন চিহ্ন “{stray}” আছে; পড়া মানটি যাচাই করুন।",
        "{place}: the number “{text}” has a stray character “{stray}” inside it; check the "
        "value read.",
    ),
    FindingCode.ACTUAL_DIFFERS_FROM_EVALUATED: Entry(
        W,
        "{place}: {year} অর্থবছরের প্রকৃত অর্জন {actual}, কিন্তু সেই বছরের মূল্যায়িত অর্জন "
        "{expected}।",
        "{place}: the actual achievement for {year} is {actual}, but that year's evaluated "
        "achievement is {expected}.",
    ),
}


# ---------------------------------------------------------------- phrases used as parameters

NOTHING = Words("কিছুই নয় (ফাঁকা)", "nothing (empty)")


def unit_words(unit: str) -> Words:
    """The unit's name (DOMAIN.md glossary, একক)."""
    return _UNITS.get(unit, Words(unit, unit))


_UNITS: Mapping[str, Words] = {
    "count": Words("সংখ্যা", "count"),
    "percent": Words("%", "percent"),
    "date": Words("তারিখ", "date"),
    "marks": Words("প্রাপ্ত নম্বর", "marks obtained"),
    "lakh_taka": Words("লক্ষ টাকা", "lakh taka"),
    "taka": Words("টাকা", "taka"),
    "persons": Words("জন", "persons"),
    "items": Words("টি", "items"),
}


def value_kind_words(value: Value) -> Words:
    """What kind of value a cell holds, for VALUE_UNIT_MISMATCH."""
    match value:
        case Number():
            return Words("একটি সংখ্যা", "a number")
        case Percent():
            return Words("একটি শতাংশ", "a percent")
        case Money():
            return Words("টাকার অঙ্ক", "an amount of money")
        case DateValue():
            return Words("একটি তারিখ", "a date")
        case MonthValue():
            return Words("একটি মাস", "a month")
        case Blank():
            return Words("ফাঁকা চিহ্ন", "a blank mark")
        case NotApplicable():
            return Words("প্রযোজ্য নয়", "not applicable")
    raise TypeError(f"not a cell value: {value!r}")


def level_words(percent: int) -> Words:
    return Words(f"{percent}% স্তরের লক্ষ্যমাত্রা", f"the {percent} % level")


ANNUAL_TARGET = Words("বার্ষিক লক্ষ্যমাত্রা", "the annual target")

_ORDINAL_BN = {"Q1": "১ম", "Q2": "২য়", "Q3": "৩য়", "Q4": "৪র্থ"}


def quarter_words(quarter: str) -> Words:
    return Words(f"{_ORDINAL_BN.get(quarter, quarter)} কোয়ার্টার", quarter)


def quarterly_target_words(quarter: str) -> Words:
    return Words(f"{_ORDINAL_BN.get(quarter, quarter)} কোয়ার্টারের লক্ষ্যমাত্রা",
                 f"the {quarter} target")


def progress_words(quarter: str) -> Words:
    return Words(f"{_ORDINAL_BN.get(quarter, quarter)} কোয়ার্টারের অর্জন",
                 f"the {quarter} achievement")


def actual_words(year: str) -> Words:
    return Words(f"{year} অর্থবছরের প্রকৃত অর্জন", f"the actual achievement of {year}")


def projection_words(year: str) -> Words:
    return Words(f"{year} অর্থবছরের প্রক্ষেপণ", f"the projection for {year}")


def period_words(label: str, calendar_year: bool) -> Words:
    if calendar_year:
        return Words(f"{label} সাল", f"the year {label}")
    return Words(f"{label} অর্থবছর", f"the fiscal year {label}")


LEVELS_RULE_NUMBERS = Words(
    "সংখ্যাগুলো ১০০% থেকে ৬০% পর্যন্ত হয় শুধু কমবে (বেশি ভালো) নয় শুধু বাড়বে (কম ভালো)",
    "numbers must all descend (more is better) or all ascend (less is better) from 100 % to "
    "60 %",
)
LEVELS_RULE_DATES = Words(
    "তারিখগুলো ১০০% থেকে ৬০% পর্যন্ত ক্রমে পরের হবে",
    "dates must run later from 100 % to 60 %",
)


def joined(values: Iterable[Value]) -> Words:
    """Several cell values written as a list: "১০০, ৯০, ৯৫" / "100, 90, 95"."""
    vals = tuple(values)
    return Words(", ".join(format_value(v, "bn") for v in vals),
                 ", ".join(format_value(v, "en") for v in vals))


def parent_words(kind: Literal["area", "activity"], number: str, governance: bool) -> Words:
    g_bn, g_en = ("সুশাসন ", "governance ") if governance else ("", "")
    if kind == "area":
        return Words(f"{g_bn}ক্ষেত্র [{number}]", f"{g_en}area [{number}]")
    return Words(f"{g_bn}কার্যক্রম [{number}]", f"{g_en}activity [{number}]")


# ---------------------------------------------------------------- rendering


def place_words(place: str) -> Words:
    """A finding's place for a reader.

    Places are "plan", "area 1" / "area G1", "activity 1.2" / "activity G1.2", or an indicator
    reference "1.1.1" / "G1.1.1" (the APA's governance area is numbered from 1 again, so its
    parts carry a G; see `kormo.domain.plan.indicator_ref`).
    """
    if place == "plan":
        return Words("পরিকল্পনা", "plan")
    kind, _, number = place.partition(" ")
    if kind in ("area", "activity") and number:
        return parent_words("area" if kind == "area" else "activity", number.removeprefix("G"),
                            governance=number.startswith("G"))
    if place.startswith("G"):
        return Words(f"সুশাসন সূচক [{place[1:]}]", f"governance indicator [{place[1:]}]")
    return Words(f"সূচক [{place}]", f"indicator [{place}]")


def format_param(param: Param, lang: Lang) -> str:
    match param:
        case Words():
            return param.in_lang(lang)
        case bool():
            return str(param)
        case int() | Decimal():
            return format_number(param, lang, grouping=False)
        case dt.date():
            return format_date(param, lang)
        case str():
            return param
    return format_value(param, lang)


def render(code: FindingCode, lang: Lang, place: str,
           params: Iterable[tuple[str, Param]] = ()) -> str:
    """The message of a finding in one language, from the catalogue."""
    entry = CATALOGUE[code]
    template = entry.bn if lang == "bn" else entry.en
    params = list(params)
    # Text quoted as written stands in the template as a private-use mark until the digits
    # of the rest are converted.
    kept = {chr(0xE000 + i): str(p) for i, (_, p) in enumerate(params)
            if isinstance(p, AsWritten)}
    mark = {str(p): m for m, p in kept.items()}
    values = {name: mark[str(p)] if isinstance(p, AsWritten) else format_param(p, lang)
              for name, p in params}
    values["place"] = place_words(place).in_lang(lang)
    text = template.format(**values)
    # Every number a Bengali reader sees is in Bengali digits (DOMAIN.md, "Structure rules").
    text = to_bengali_digits(text) if lang == "bn" else text[:1].upper() + text[1:]
    for m, raw in kept.items():
        text = text.replace(m, raw)
    return text
