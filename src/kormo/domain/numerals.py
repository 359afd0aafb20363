"""Reading and writing numbers, percents, money and cells as the documents write them.

The documents mix Bengali (০-৯) and Latin (0-9) digits, even inside one number ("20২০-2021"),
group thousands the South-Asian way ("১,২০,০০০"), write money as "১২,০০০/-" and percents as
"১০০%" or "100%", and mark "nothing" with dashes ("-", "---") (DOMAIN.md, "Structure rules seen
in the documents"). Everything that reads a cell — importers, the plan format, the pages, the
CLI — goes through this module so that one form is understood the same way everywhere, and
everything shown to a user is written back in the user's language (Bengali digits first).

Bad input raises `NumberError` or `CellError`, both `InputError`s with a Bengali and an English
message. Dates and months are read and written by `kormo.domain.dates`.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from kormo.domain.digits import normalize_text, to_bengali_digits, to_latin_digits
from kormo.domain.errors import InputError
from kormo.domain.plan import Quantity

__all__ = [
    "NOT_APPLICABLE_BN",
    "NOT_APPLICABLE_EN",
    "CellError",
    "NumberError",
    "format_money",
    "format_number",
    "format_percent",
    "is_blank_mark",
    "is_not_applicable",
    "parse_day_count",
    "parse_money",
    "parse_number",
    "parse_percent",
    "parse_quantity",
]

# Dash-like characters used as "nothing" marks (DOMAIN.md, "Structure rules": "-" / "---").
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b"
BLANK_MARK = re.compile(rf"^[{_DASHES}](?:\s*[{_DASHES}])*$")

NOT_APPLICABLE_BN = "প্রযোজ্য নয়"
NOT_APPLICABLE_EN = "not applicable"

# Accepted only as a whole cell; compared after normalize_text() and casefold().
NOT_APPLICABLE_FORMS = frozenset(
    unicodedata.normalize("NFC", s).casefold()
    for s in (
        NOT_APPLICABLE_BN,
        "প্রযোজ্য নহে",
        "প্রযোজ্য নেই",
        "প্রযোজ্য হবে না",
        NOT_APPLICABLE_EN,
        "n/a",
        "n.a.",
    )
)

# A plain number: optional sign, integer part with or without thousands separators, optional
# fraction. Separators must make South-Asian ("1,20,000") or Western ("120,000") groups: the
# last group has three digits, the ones before it two or three (a lone "1,5" is refused rather
# than guessed).
_NUMBER = re.compile(
    r"""^(?P<sign>[+\-\u2212])?
        (?P<int>\d{1,3}(?:,\d{2,3})*,\d{3}|\d+)?
        (?:\.(?P<frac>\d+))?$""",
    re.VERBOSE,
)

_PERCENT_SUFFIX = re.compile(r"\s*(?:%|％|٪|শতাংশ|percent|per\s*cent)$", re.IGNORECASE)

# Money markers (DOMAIN.md: money "১২,০০০/-"; unit "লক্ষ টাকা").
_MONEY_PREFIX = re.compile(r"^(?:৳|tk\.?|taka|bdt|টাকা|টাঃ|টা\.)\s*", re.IGNORECASE)
_MONEY_SUFFIX = re.compile(r"\s*(?:/-|/=|৳|tk\.?|taka|bdt|টাকা|টাঃ|টা\.)$", re.IGNORECASE)
_MONEY_SCALE = re.compile(r"\s*(?P<word>লক্ষ|লাখ|lakhs?|lacs?|কোটি|crores?)$", re.IGNORECASE)
SCALES: dict[str, Decimal] = {
    "লক্ষ": Decimal(100_000),
    "লাখ": Decimal(100_000),
    "lakh": Decimal(100_000),
    "lakhs": Decimal(100_000),
    "lac": Decimal(100_000),
    "lacs": Decimal(100_000),
    "কোটি": Decimal(10_000_000),
    "crore": Decimal(10_000_000),
    "crores": Decimal(10_000_000),
}

# Work-plan quantities (seed 003): "৭০ টি দপ্তর", "১২০ জন", "৬×২০=১২০ জন".
_QUANTITY_EXPR = re.compile(
    r"^(?P<expr>[\d.,]+(?:\s*[×xX*]\s*[\d.,]+)+)\s*=\s*(?P<num>[+\-]?[\d.,]+)\s*(?P<rest>.*)$"
)
_QUANTITY = re.compile(r"^(?P<num>[+\-]?[\d.,]+)(?P<gap>\s*)(?P<rest>\D.*)?$")
# Unit words that may follow a number without a space ("১২০জন", "৭০টি").
_TIGHT_UNITS = ("জন", "টি", "টা", "খানা", "খানি")


class NumberError(InputError):
    """A number, percent or money amount that cannot be read."""


class CellError(InputError):
    """A cell that is none of the forms a plan cell can take."""


# --- digits and text ----------------------------------------------------------------------


def _digits(text: str, lang: str) -> str:
    return to_bengali_digits(text) if lang == "bn" else text


def check_lang(lang: str) -> None:
    if lang not in ("bn", "en"):
        raise ValueError(f"lang must be 'bn' or 'en', not {lang!r}")


# --- reading ------------------------------------------------------------------------------


def _number_error(text: str, what_bn: str = "সংখ্যা", what_en: str = "number") -> NumberError:
    return NumberError(
        f"“{text}” একটি সঠিক {what_bn} নয়",
        f"“{text}” is not a valid {what_en}",
        text,
    )


def plain_number(norm: str) -> Decimal | None:
    """The number in an already normalised string, or None when it is not a plain number."""
    m = _NUMBER.match(norm)
    if m is None or (m["int"] is None and m["frac"] is None):
        return None
    sign = "-" if m["sign"] in ("-", "\u2212") else ""
    integer = (m["int"] or "0").replace(",", "")
    frac = f".{m['frac']}" if m["frac"] is not None else ""
    return Decimal(f"{sign}{integer}{frac}")


def parse_number(text: str) -> Decimal:
    """Read a number: "১,২০,০০০", "120,000", "০৫", " 12.50 ", "1২0" (mixed digits).

    Raises NumberError for an empty string and for anything that is not a plain number.
    """
    norm = normalize_text(text)
    if not norm:
        raise NumberError("সংখ্যা দেওয়া হয়নি (ঘরটি খালি)", "no number given (the cell is empty)")
    value = plain_number(norm)
    if value is None:
        raise _number_error(text.strip())
    return value


def parse_percent(text: str) -> Decimal:
    """Read a percent: "১০০%", "100 %", "৮৫ শতাংশ", "৯৩.২০%"; returns 85 for 85 %.

    A bare number is accepted too (the caller knows the unit is percent).
    """
    norm = normalize_text(text)
    if not norm:
        raise NumberError("শতাংশ দেওয়া হয়নি (ঘরটি খালি)", "no percent given (the cell is empty)")
    value = plain_number(_PERCENT_SUFFIX.sub("", norm))
    if value is None:
        raise _number_error(text.strip(), "শতাংশ", "percent")
    return value


def _strip_money(norm: str) -> tuple[str, bool]:
    """Remove currency marks; the flag says whether any was found."""
    found = False
    while True:
        stripped = _MONEY_PREFIX.sub("", _MONEY_SUFFIX.sub("", norm)).strip()
        if stripped == norm:
            return stripped, found
        norm, found = stripped, True


def parse_money(text: str) -> Decimal:
    """Read an amount in taka: "১২,০০০/-", "৩০০০/-", "Tk 500", "৫০০ টাকা", "১.৫ লক্ষ টাকা".

    "লক্ষ"/"lakh" multiplies by 1,00,000 and "কোটি"/"crore" by 1,00,00,000. A bare number is
    accepted (the caller knows the unit is money).
    """
    norm = normalize_text(text)
    if not norm:
        raise NumberError("টাকার অঙ্ক দেওয়া হয়নি (ঘরটি খালি)", "no amount given (the cell is empty)")
    body, _ = _strip_money(norm)
    scale = Decimal(1)
    m = _MONEY_SCALE.search(body)
    if m is not None:
        scale = SCALES[m["word"].casefold()]
        body, _ = _strip_money(body[: m.start()].strip())
    value = plain_number(body)
    if value is None:
        raise _number_error(text.strip(), "টাকার অঙ্ক", "amount of money")
    return value * scale if scale != 1 else value


def parse_day_count(text: str) -> int:
    """A whole number of days (an option of `kormo remind`), in Bengali or Latin digits."""
    value = to_latin_digits(text.strip())
    if not value.isdigit():
        raise NumberError(f"“{text}” দিনের সংখ্যা নয় (যেমন ৭)",
                          f"“{text}” is not a number of days (e.g. 7)", text)
    return int(value)


def is_blank_mark(text: str) -> bool:
    """True for a dash mark meaning "nothing": "-", "--", "---", "—", "–" (DOMAIN.md)."""
    return bool(BLANK_MARK.match(normalize_text(text)))


def is_not_applicable(text: str) -> bool:
    """True for "প্রযোজ্য নয়" and its variants ("N/A", "not applicable")."""
    return normalize_text(text).casefold() in NOT_APPLICABLE_FORMS


def looks_like_percent(norm: str) -> bool:
    return bool(_PERCENT_SUFFIX.search(norm))


def looks_like_money(norm: str) -> bool:
    _, found = _strip_money(norm)
    return found


def parse_quantity(text: str) -> Quantity:
    """Read a work-plan quantity: "৭০ টি দপ্তর", "১২০ জন", "৬×২০=১২০ জন" (seed 003).

    The number comes first, then the unit words; a working "a×b=c" keeps c as the value and
    "a×b" as the expression. Raises NumberError when the text does not start with a number.
    """
    norm = normalize_text(text)
    m = _QUANTITY_EXPR.match(norm)
    if m is not None:
        value = plain_number(m["num"])
        if value is None:
            raise _number_error(text.strip(), "পরিমাণ", "quantity")
        expression = re.sub(r"\s*[×xX*]\s*", "×", m["expr"])
        return Quantity(value, m["rest"].strip(), expression, text.strip())
    m = _QUANTITY.match(norm)
    if m is not None:
        rest = (m["rest"] or "").strip()
        tight = bool(not m["gap"] and rest and not rest.startswith(_TIGHT_UNITS))
        wordy = len(rest.split()) > 3 or any(c.isdigit() for c in rest)
        value = plain_number(m["num"])
        if value is not None and not tight and not wordy:
            return Quantity(value, rest, "", text.strip())
    raise _number_error(text.strip(), "পরিমাণ", "quantity")


# --- writing ------------------------------------------------------------------------------


def _group_south_asian(digits: str) -> str:
    """South-Asian grouping, "1234567" → "12,34,567": the last three digits, then pairs."""
    if len(digits) <= 3:
        return digits
    head, tail = digits[:-3], digits[-3:]
    groups = []
    while len(head) > 2:
        groups.append(head[-2:])
        head = head[:-2]
    groups.append(head)
    return ",".join(reversed(groups)) + "," + tail


def format_number(
    value: Decimal | int,
    lang: str = "bn",
    decimals: int | None = None,
    grouping: bool = True,
) -> str:
    """Write a number: Bengali digits for "bn", Latin for "en", grouped as ১২,৩৪,৫৬৭.

    `decimals` None trims trailing zeros ("১২.৫"); a number fixes the places, rounding half up
    ("১২.৫০"). Keep full precision inside and round only here (DOMAIN.md, Scoring).
    """
    check_lang(lang)
    d = value if isinstance(value, Decimal) else Decimal(value)
    if not d.is_finite():
        raise NumberError("অসীম বা অসংখ্যা লেখা যায় না", "cannot write an infinite or NaN value")
    if decimals is None:
        text = format(d, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    else:
        if decimals < 0:
            raise ValueError("decimals must be >= 0")
        text = format(d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP), "f")
    negative = text.startswith("-")
    text = text.lstrip("-")
    integer, _, frac = text.partition(".")
    if negative and not integer.strip("0") and not frac.strip("0"):
        negative = False  # no "-0"
    if grouping:
        integer = _group_south_asian(integer)
    out = ("-" if negative else "") + integer + (f".{frac}" if frac else "")
    return _digits(out, lang)


def format_percent(value: Decimal | int, lang: str = "bn", decimals: int | None = 2) -> str:
    """Write a percent: 93.2 → "৯৩.২০%" (two decimals by default, DOMAIN.md Scoring §6)."""
    return format_number(value, lang, decimals) + "%"


def format_money(value: Decimal | int, lang: str = "bn", decimals: int | None = None) -> str:
    """Write taka as the documents do: "১২,০০০/-" in Bengali, "Tk 12,000" in English."""
    number = format_number(value, lang, decimals)
    return f"{number}/-" if lang == "bn" else f"Tk {number}"
