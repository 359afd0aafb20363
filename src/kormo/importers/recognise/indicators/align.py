"""Rows of a text copy that dropped their empty cells (issue 13, item 3): such a row has fewer
cells than its header has columns, so its values slid left. The row is put back under the
header by the content of its cells and the known order of the columns: each cell goes, in
order, to the column whose role fits its content best (a unit word under the unit, a number
or date under a value column, "অর্জন" under the target/achievement label, numbered text under
the name columns), and the columns left over are empty.
"""

from __future__ import annotations

import re

from kormo.domain.digits import to_latin_digits
from kormo.importers.readers.model import Cell, Row
from kormo.importers.recognise.amounts import with_multiplier
from kormo.importers.recognise.headers import Header, Role
from kormo.importers.recognise.text import (
    bracket_items,
    fix_text,
    is_ditto,
    leading_number,
    squash,
    unit_of,
)

_NUMBER = re.compile(r"^[\d.,]+\s*(?:%|/-|টাকা|টি|জন|লক্ষ|কোটি)?$")
_DATE = re.compile(r"^\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2,4}$")
_BLANK = re.compile(r"^[-–—\s]+$|^N/?A$", re.IGNORECASE)
_VALUES = frozenset({Role.QUARTER, Role.LEVEL, Role.TARGET, Role.ACTUAL, Role.PROJECTION,
                     Role.TOTAL, Role.SCORE, Role.MONTH, Role.CUMULATIVE})
_NAMES = {Role.AREA: 1, Role.ACTIVITY: 2, Role.INDICATOR: 3}
_TEXTS = frozenset({Role.RESPONSIBLE, Role.METHOD, Role.REMARKS, Role.ACHIEVEMENT})
_MISFIT = -4.0
_SHIFT = 0.01  # among equal fits, the alignment closest to the printed places


def _content(text: str) -> tuple[str, int]:
    """What a cell holds: ("number" | "date" | "blank" | "unit" | "label" | "numbered" (with
    its depth) | "text", depth)."""
    latin = to_latin_digits(text)
    if _BLANK.match(latin) or is_ditto(text):
        return "blank", 0
    if _NUMBER.match(latin) or with_multiplier(text) is not None:  # "২২ lakh"
        return "number", 0
    if _DATE.match(latin):
        return "date", 0
    if unit_of(text) is not None:
        return "unit", 0
    if len(text) <= 20 and ("লক্ষ্যমাত্রা" in text or "অর্জন" in text):
        return "label", 0
    items = [i for i in bracket_items(text) if i.number]
    lead = leading_number(text)
    if items:
        return "numbered", items[0].depth
    if lead is not None:
        return "numbered", lead.depth
    return "text", 0


def _fit(content: tuple[str, int], role: Role | None) -> float:
    kind, depth = content
    if role in _VALUES:
        return {"number": 3, "date": 3, "blank": 2}.get(kind, _MISFIT)
    if role is Role.WEIGHT or role is Role.AREA_WEIGHT:
        return {"number": 3, "blank": 1}.get(kind, _MISFIT)
    if role is Role.UNIT:
        return {"unit": 5, "text": 0}.get(kind, _MISFIT)
    if role is Role.LABEL:
        return 5 if kind == "label" else _MISFIT
    if role in _NAMES:
        if kind == "numbered":
            return 4 if depth == _NAMES[role] else 2
        return {"text": 2, "label": -1}.get(kind, _MISFIT)
    if role is Role.SERIAL:
        return 2 if kind == "number" else _MISFIT
    if role in _TEXTS:
        return {"text": 1, "blank": 1, "number": 0, "date": 0}.get(kind, -1)
    return 0 if kind == "text" else -1


def align_row(row: Row, header: Header) -> Row:
    """`row` with empty cells put back where a text copy dropped them (unchanged when it is as
    wide as the header, has fewer than two cells with text, or kept empty cells between its
    texts: then the copy dropped none)."""
    width = len(header.columns)
    if len(row.cells) >= width:
        return row
    cells = list(row.cells)
    while cells and not squash(cells[-1].text):
        cells.pop()
    m = len(cells)
    texts = [squash(fix_text(c.text)[0]) for c in cells]
    if m >= width or sum(1 for t in texts if t) < 2 or not all(texts):
        return row  # as wide as the header, nothing to align by, or its empty cells kept
    roles = [c.role for c in header.columns]
    contents = [_content(t) for t in texts]
    # best[i][j]: the best fit of cells[:i] with cell i-1 at column j-1 (monotone placement)
    neg = float("-inf")
    best = [[neg] * (width + 1) for _ in range(m + 1)]
    back = [[0] * (width + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    for i in range(1, m + 1):
        content = contents[i - 1]
        for j in range(i, width - (m - i) + 1):
            fit = _fit(content, roles[j - 1])
            fit -= _SHIFT * abs((j - 1) - (i - 1))
            prev_best, prev_j = neg, 0
            for k in range(i - 1, j):
                if best[i - 1][k] > prev_best:
                    prev_best, prev_j = best[i - 1][k], k
            if prev_best > neg:
                best[i][j] = prev_best + fit
                back[i][j] = prev_j
    end = max(range(m, width + 1), key=lambda j: best[m][j])
    places = [0] * m
    j = end
    for i in range(m, 0, -1):
        places[i - 1] = j - 1
        j = back[i][j]
    if places == list(range(m)):
        return row
    out: list[Cell] = []
    for col in range(width):
        if col in places:
            out.append(cells[places.index(col)])
        else:
            near = cells[0].position
            out.append(Cell("", near, False, False))
    return Row(tuple(out), row.position)

