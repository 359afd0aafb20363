"""Repairs a person would make while reading the rows, each one function, each flagged by its
caller or here: duplicate numbers renumbered, truncated area weights read from their indicators.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from kormo.domain.digits import to_latin_digits
from kormo.importers.recognise.indicators.drafts import (
    AreaDraft,
)
from kormo.importers.recognise.similar import skeleton
from kormo.importers.recognise.text import (
    DIGIT,
    bracket_items,
    column_number_run,
    leading_number,
    squash,
)
from kormo.importers.recognise.values import Sink
from kormo.importers.result import FlagCode


def next_free_number(number: str, existing: Iterable[str]) -> str:
    """The next number after `number` that is not taken: a duplicate number renumbered
    ("1.2" twice → the second becomes "1.3"; flagged `renumbered` by the caller)."""
    taken = set(existing)
    # "1." (a number whose last part was lost) continues from "1.0", never crashes the import
    head, _, last = number.rpartition(".")
    if not last.isdigit():
        head, last = number.rstrip("."), "0"
    n = int(last)
    while True:
        n += 1
        cand = f"{head}.{n}" if head else str(n)
        if cand not in taken:
            return cand


def check_area_weights(areas: list[AreaDraft], sink: Sink) -> None:
    """An area weight printed with a digit cut off ("৩" whose indicators sum to ৩০) is read
    as the sum, flagged `weight_truncated`."""
    for area in areas:
        weights = [i.weight for i in area.indicators() if i.weight is not None]
        if area.weight is None or not weights:
            continue
        written = to_latin_digits(squash(area.weight_cell.text)) if area.weight_cell else ""
        total = sum(weights, Decimal(0))
        if area.weight < total and area.weight * 10 == total:
            sink.add(FlagCode.WEIGHT_TRUNCATED, f"area {area.number} / weight", area.weight_cell,
                     f"ক্ষেত্রের মান “{squash(area.weight_cell.text) if area.weight_cell else ''}” "
                     f"কিন্তু এর সূচকগুলোর মান মিলে {total}: একটি অঙ্ক কাটা পড়েছে; {total} রাখা হয়েছে",
                     f"the area weight is printed "
                     f"“{written}”"
                     f" but its indicators sum to {total}: a digit was cut off; {total} kept",
                     kept=str(total))
            area.weight = total


def is_repeated_header(texts: list[str], header_words: set[str]) -> bool:
    """A row that is the table's header printed again (on each page; in Excel or a text copy
    in the middle of the table) or its row of column numbers: not data. Compared by skeleton,
    so a header typed again with other slips still counts; a numbered row never does."""
    filled = [t for t in texts if t]
    if len(filled) >= 3 and column_number_run(filled):
        return True
    if not filled or any(bracket_items(t) or leading_number(t) for t in filled):
        return False
    # words, fiscal years ("২০২০-২১", over the APA's actuals and projections) and level
    # percents ("৯০%") count; a bare value ("১", "-") can equal a column number or a mark in
    # the header. An unnumbered row of percents only is not enough.
    same = sum(1 for t in filled if (_is_word(skeleton(t)) or _FY_CELL.match(t))
               and skeleton(t) in header_words)
    levels = sum(1 for t in filled if not _is_word(skeleton(t)) and "%" in t
                 and not _FY_CELL.match(t) and skeleton(t) in header_words)
    if len(filled) >= 2 and same >= 2 and (same + levels) / len(filled) >= 0.6:
        return True
    # a header of level percents ("১০০% ২০২২-২৩", "৯০%" …) printed again: every cell is a
    # cell of the header, and some of them are words
    return same >= 2 and all(skeleton(t) in header_words for t in filled)


_FY_CELL = re.compile(rf"^[{DIGIT}]{{4}}\s*[-–]\s*[{DIGIT}]{{2,4}}$")


def _is_word(skel: str) -> bool:
    return len(skel) >= 2 and any(c.isalpha() for c in skel)
