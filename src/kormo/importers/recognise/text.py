"""Words and marks the recognisers look for, and the cleaning of text as extracted.

Everything here is about the *writing* of the documents (DOMAIN.md, "Structure rules" and
§10): numbering marks ([১.১.১], 1.1, ০১), unit and method words, level
and quarter labels, fiscal years, and damaged words of the forms (`words`). Each correction is
returned with what it changed, so that the caller can flag the cell it came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise

from kormo.domain.calendar import FiscalYear, FiscalYearError
from kormo.domain.digits import to_latin_digits
from kormo.domain.plan import CalculationMethod, PlanKind, Tier, Unit
from kormo.importers.recognise.amounts import unit_scale
from kormo.importers.recognise.words import HOW, repair_words

BN = "\u0980-\u09ff"
DIGIT = "0-9০-৯"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def squash(text: str) -> str:
    """One line, single spaces (cells wrap inside; the line breaks carry no meaning)."""
    return " ".join(nfc(text).replace("\u200c", "").replace("\u200b", "").split())


# ---------------------------------------------------------------- OCR confusions

# "ই- গভর্ন্যান্স": a line break after the hyphen of ই-/ডি- inside a table cell.
_PREFIX_BREAK = re.compile(r"(?<![" + BN + r"])([ইডি])-\s+(?=[" + BN + "])")


@dataclass(frozen=True, slots=True)
class Fix:
    code: str  # "ocr" | "join" | "year" | "similar" | "wrap"
    before: str
    after: str
    how: str = ""  # for "ocr": how the word was recognised (`words.HOW`)


def fix_text(text: str) -> tuple[str, list[Fix]]:
    """squash + damaged words of the forms' vocabulary taken for them (`words`) + joined ই-/ডি-
    prefixes; returns what changed."""
    out, repairs = repair_words(squash(text))
    fixes = [Fix("ocr", r.read, r.word, r.how) for r in repairs]

    def join(m: re.Match[str]) -> str:
        fixes.append(Fix("join", m[0], f"{m[1]}-"))
        return f"{m[1]}-"

    out = _PREFIX_BREAK.sub(join, out)
    return out, fixes


def ocr_reason(fx: Fix) -> tuple[str, str]:
    """The flag's reason for an "ocr" fix: what was read, what it was taken for, and how."""
    how_bn, how_en = HOW.get(fx.how, ("", ""))
    return (f"স্ক্যানের ভুল সংশোধন: “{fx.before}” → “{fx.after}”"
            + (f" ({how_bn})" if how_bn else ""),
            f"scanning slip corrected: “{fx.before}” → “{fx.after}”"
            + (f" ({how_en})" if how_en else ""))


# ---------------------------------------------------------------- years

# Digits that OCR of Bengali print confuses (৩/৬, ৪/৮ look alike); DOMAIN.md: ২০২৬ for ২০২৩.
_CONFUSABLE = {"3": "6", "6": "3", "4": "8", "8": "4"}

_FY_TOKEN = re.compile(
    rf"(?<![{DIGIT}])([{DIGIT}]{{4}})(\s*[-–/]\s*)([{DIGIT}]{{2}}|[{DIGIT}]{{4}})(?![{DIGIT}])")
_YEAR4 = re.compile(rf"(?<![{DIGIT}])([{DIGIT}]{{4}})(?![{DIGIT}])")


def same_script(original: str, latin: str) -> str:
    """`latin` written in the digits `original` uses (Bengali stays Bengali)."""
    out = []
    for o, d in zip(original, latin, strict=True):
        out.append(chr(ord("০") + int(d)) if "০" <= o <= "৯" else d)
    return "".join(out)


def confusable_to(written: str, wanted: str) -> bool:
    """True when `written` becomes `wanted` by swapping OCR-confusable digits (Latin strings)."""
    if len(written) != len(wanted) or written == wanted:
        return False
    return all(a == b or _CONFUSABLE.get(a) == b for a, b in zip(written, wanted, strict=True))


def parse_fy(text: str) -> FiscalYear | None:
    try:
        return FiscalYear.parse(text)
    except FiscalYearError:
        return None


def fiscal_years_in(text: str) -> list[tuple[str, FiscalYear | None]]:
    """Every "yyyy-yy"/"yyyy-yyyy" token in `text` with its fiscal year (None when invalid)."""
    return [(m[0], parse_fy(to_latin_digits(m[0]))) for m in _FY_TOKEN.finditer(text)]


def fix_fiscal_years(text: str, fy: FiscalYear) -> tuple[str, list[Fix]]:
    """Correct fiscal-year tokens that are the plan's year misread ("২০২৬-২৪" → "২০২৩-২৪")."""
    fixes: list[Fix] = []

    def repl(m: re.Match[str]) -> str:
        a, sep, b = m[1], m[2], m[3]
        la, lb = to_latin_digits(a), to_latin_digits(b)
        want_a = str(fy.start_year)
        want_b = str(fy.end_year) if len(lb) == 4 else f"{fy.end_year % 100:02d}"
        if (la, lb) == (want_a, want_b):
            return m[0]
        if parse_fy(f"{la}-{lb}") is not None and not (confusable_to(la, want_a)
                                                       and confusable_to(lb, want_b)):
            return m[0]  # a valid other year: a past year named on purpose
        a_ok = la == want_a or confusable_to(la, want_a)
        if a_ok and (lb == want_b or confusable_to(lb, want_b)):
            new = same_script(a, want_a) + sep + same_script(b, want_b)
            fixes.append(Fix("year", m[0], new))
            return new
        return m[0]

    return _FY_TOKEN.sub(repl, text), fixes


# ---------------------------------------------------------------- numbering

_BRACKET = re.compile(rf"\[\s*([{DIGIT}]+(?:\s*\.\s*[{DIGIT}]+)*)\s*\]")
_LEADING = re.compile(rf"^([{DIGIT}]+(?:\.[{DIGIT}]+)*)(\.?)(\s*)(?=\S|$)")


def number_of(raw: str) -> str:
    """"১.১.১" / "[১ . ১]" / "০১." → "1.1.1" / "1.1" / "1" (Latin, no leading zeros)."""
    parts = [p for p in re.split(r"\s*\.\s*", to_latin_digits(raw).strip(" .[]")) if p]
    return ".".join(str(int(p)) for p in parts)


@dataclass(frozen=True, slots=True)
class Item:
    """A numbered item found in a cell: its number ("1.1.1") and text."""

    number: str
    text: str
    bracketed: bool = True

    @property
    def depth(self) -> int:
        return self.number.count(".") + 1 if self.number else 0


def bracket_items(text: str) -> list[Item]:
    """Split a cell holding "[১.১] … [১.২] …" into its numbered items (text before the first
    mark, if any, is returned as an unnumbered item)."""
    marks = list(_BRACKET.finditer(text))
    if not marks:
        return []
    items: list[Item] = []
    head = text[: marks[0].start()].strip()
    if head:
        items.append(Item("", head, False))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        items.append(Item(number_of(m[1]), text[m.end():end].strip(), True))
    return items


def leading_number(text: str) -> Item | None:
    """"1.1 নৈতিকতা …" / "১.প্রাতিষ্ঠানিক …" / "3.1" → Item; None when the cell does not start
    with a number followed by text (a plain value like "১২" or a date is not an item)."""
    m = _LEADING.match(text)
    if m is None:
        return None
    rest = text[m.end():].strip()
    number = m[1]
    if "." not in number and not m[2] and not (m[3] and rest):
        return None  # a bare number is a value; "1ম" is an ordinal
    if rest and (re.match(r"^[/.\-%]", rest) or (
            re.match(rf"^[{DIGIT}]", rest) and not ("." in number and m[3]))):
        return None  # a date or a number, not a numbered item
    if not rest and "." in number and len(number.split(".")) == 3 and len(number) >= 6:
        return None  # 12.12.22: a date
    return Item(number_of(number), rest, False)


# ---------------------------------------------------------------- words

_UNITS: tuple[tuple[str, Unit], ...] = (
    ("প্রাপ্ত নম্বর", Unit.MARKS),
    ("লক্ষ টাকা", Unit.LAKH_TAKA),
    ("লাখ টাকা", Unit.LAKH_TAKA),
    ("টাকা", Unit.TAKA),
    ("তারিখ", Unit.DATE),
    ("সংখ্যা", Unit.COUNT),
    ("%", Unit.PERCENT),
    ("শতাংশ", Unit.PERCENT),
    ("হার", Unit.PERCENT),
    ("জন", Unit.PERSONS),
    ("টি", Unit.ITEMS),
    ("নম্বর", Unit.MARKS),
)


def unit_of(text: str) -> Unit | None:
    """The unit a whole cell names ("সংখ্যা", "%", "তারিখ", "প্রাপ্ত নম্বর" …), else None."""
    t = squash(text).strip(" .")
    for word, unit in _UNITS:
        if t == word:
            return unit
    scaled = unit_scale(t)  # "টাকা (লক্ষ)", "কোটি টাকা", "হাজার টাকা"
    return scaled.unit if scaled is not None else None


def units_in(text: str) -> list[tuple[str, Unit]]:
    """A cell naming several units for several indicators ("তারিখ সংখ্যা")."""
    t = squash(text)
    out: list[tuple[str, Unit]] = []
    rest = t
    while rest:
        for word, unit in _UNITS:
            if rest.startswith(word):
                out.append((word, unit))
                rest = rest[len(word):].strip(" ,/")
                break
        else:
            return []
    return out


_METHODS = {
    "সমষ্টি": CalculationMethod.SUM,
    "গড়": CalculationMethod.AVERAGE,
    "ক্রমপুঞ্জিভূত": CalculationMethod.CUMULATIVE,
    "তারিখ": CalculationMethod.DATE,
}


def method_of(text: str) -> CalculationMethod | None:
    return _METHODS.get(nfc(squash(text)))


def level_of(text: str) -> int | None:
    """The level a header names: অসাধারণ 100, অতি উত্তম 90, উত্তম 80, চলতি মান 70, চলতি মানের
    নিম্নে 60; or a bare "১০০%" … "৬০%"."""
    t = nfc(squash(text)).replace(" ", "")
    if "নিম্নে" in t or "নিম্ন" in t:
        return 60
    if "অসাধারণ" in t:
        return 100
    if "অতিউত্তম" in t:
        return 90
    if "উত্তম" in t:
        return 80
    if "চলতিমান" in t:
        return 70
    m = re.fullmatch(rf"([{DIGIT}]{{2,3}})%", t)
    if m and to_latin_digits(m[1]) in ("100", "90", "80", "70", "60"):
        return int(to_latin_digits(m[1]))
    return None


_QUARTER = re.compile(r"([1-4১-৪])\s*(?:ম|য়|য়|র্থ|st|nd|rd|th)?\s*(?:কোয়ার্টার|কোয়ার্টার|ত্রৈমাসিক|quarter)",
                      re.IGNORECASE)
_QUARTER_WORDS = {"প্রথম": 1, "দ্বিতীয়": 2, "তৃতীয়": 3, "চতুর্থ": 4}


def quarter_of_header(text: str) -> int | None:
    t = nfc(squash(text))
    m = _QUARTER.search(t)
    if m:
        return int(to_latin_digits(m[1]))
    for word, q in _QUARTER_WORDS.items():
        if nfc(word) in t and ("কোয়ার্টার" in t or "ত্রৈমাসিক" in t):
            return q
    return None


def plan_kind_of_title(text: str) -> PlanKind | None:
    """The plan a heading names (an action plan's title, the APA's cover)."""
    t = nfc(squash(text))
    if len(t) > 250:
        return None
    planned = any(w in t for w in ("পরিকল্পনা", "কর্ম-পরিকল্পনা"))
    if "বার্ষিক কর্মসম্পাদন চুক্তি" in t and not planned:
        return PlanKind.APA
    if not planned:
        return None
    if "শুদ্ধাচার" in t:
        return PlanKind.INTEGRITY
    if ("ই-গভর্ন্যান্স" in t or "ই-গভর্নেন্স" in t) and "উদ্ভাবন" in t:
        return PlanKind.EGOV_INNOVATION
    if "অভিযোগ প্রতিকার" in t:
        return PlanKind.GRIEVANCE_REDRESS
    if "সেবা প্রদান প্রতিশ্রুতি" in t:
        return PlanKind.CITIZENS_CHARTER
    if "তথ্য অধিকার" in t:
        return PlanKind.RIGHT_TO_INFORMATION
    if "ইনোভেশন টিম" in t or "উদ্ভাবন টিম" in t:
        return PlanKind.INNOVATION_WORK_PLAN
    return None


def feeds_from_of(text: str) -> PlanKind | None:
    """Which action plan a governance indicator takes its marks from (DOMAIN.md Scoring §5)."""
    t = nfc(squash(text))
    for word, kind in (("শুদ্ধাচার", PlanKind.INTEGRITY), ("ই-গভর্ন্যান্স", PlanKind.EGOV_INNOVATION),
                       ("ই- গভর্ন্যান্স", PlanKind.EGOV_INNOVATION),
                       ("উদ্ভাবন", PlanKind.EGOV_INNOVATION),
                       ("অভিযোগ প্রতিকার", PlanKind.GRIEVANCE_REDRESS),
                       ("সেবা প্রদান প্রতিশ্রুতি", PlanKind.CITIZENS_CHARTER),
                       ("তথ্য অধিকার", PlanKind.RIGHT_TO_INFORMATION)):
        if nfc(word) in t:
            return kind
    return None


def tier_of(office: str) -> Tier | None:
    t = nfc(office)
    for word, tier in (("উপজেলা", Tier.UPAZILA), ("জেলা", Tier.DISTRICT),
                       ("বিভাগীয়", Tier.DIVISION), ("মন্ত্রণালয়", Tier.MINISTRY),
                       ("ইনস্টিটিউট", Tier.INSTITUTION), ("ইন্সটিটিউট", Tier.INSTITUTION),
                       ("কলেজ", Tier.INSTITUTION), ("বিদ্যালয়", Tier.INSTITUTION),
                       ("অধিদপ্তর", Tier.DIRECTORATE), ("পরিদপ্তর", Tier.DIRECTORATE),
                       ("বিভাগ", Tier.MINISTRY)):
        if nfc(word) in t:
            return tier
    return None


def is_ditto(text: str) -> bool:
    return squash(text) in ('"', "”", "“", "''", "〃", "ঐ", "ঐ")


def column_number_run(texts: list[str]) -> bool:
    """A row of column numbers ("১ ২ ৩ … ১৪"): at least five small distinct integers, most of
    them one more than the one before."""
    nums = []
    for t in texts:
        s = to_latin_digits(squash(t))
        if not s:
            continue
        if not s.isdigit() or len(s) > 2:
            return False
        nums.append(int(s))
    if len(nums) < 5 or len(set(nums)) < len(nums) * 0.9:
        return False
    steps = sum(1 for a, b in pairwise(nums) if b == a + 1)
    return steps >= (len(nums) - 1) * 0.6 and min(nums) <= 2
