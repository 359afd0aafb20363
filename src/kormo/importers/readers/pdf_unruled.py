"""A table drawn without lines (a spreadsheet printed without borders, a Word table with its
borders off): its columns from where the text stands.

The page's characters outside the ruled tables are grouped into lines (by their vertical
middles) and each line into segments where the gap between two characters is wider than a
word space (a cell's padding). The lines with at least three segments are the table's rows;
the table runs from the first such line to the last (a one-cell area heading or a wrapped
name in between belongs to it). Columns are the stretches of the page between gutters: the x
ranges that no segment of a full row (one with most of the columns filled) covers, so a column
of centred or right-aligned numbers is found as well as left-aligned text. Every segment goes
to the column its start lies in. Each line is a row, except that when the rows are evidently
spaced apart (a cell's padding) a line closer to the line above than that continues the row
above (a cell wrapped over lines); otherwise the recognisers join a wrapped name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from statistics import median

from kormo.importers.readers.pdf_text import Glyph, text_of

MIN_COLUMNS = 3
MIN_ROWS = 3  # a header and two rows: fewer lines side by side are text (a signature block)


@dataclass(frozen=True, slots=True)
class Line:
    glyphs: tuple[Glyph, ...]
    segments: tuple[tuple[Glyph, ...], ...]

    @property
    def top(self) -> float:
        return min(g.top for g in self.glyphs)

    @property
    def bottom(self) -> float:
        return max(g.bottom for g in self.glyphs)


def _lines(glyphs: Sequence[Glyph]) -> list[Line]:
    ink = [g for g in glyphs if g.text.strip()]
    if not ink:
        return []
    height = median(g.bottom - g.top for g in ink)
    groups: list[list[Glyph]] = []
    middles: list[float] = []
    for g in sorted(ink, key=lambda g: g.yc):  # sorted() is stable: PDFium's order kept
        if groups and g.yc - middles[-1] <= height / 2:
            groups[-1].append(g)
            continue
        groups.append([g])
        middles.append(g.yc)
    order = {id(g): k for k, g in enumerate(glyphs)}
    lines = []
    for group in groups:
        group.sort(key=lambda g: order[id(g)])
        segments: list[list[Glyph]] = [[group[0]]]
        for prev, g in pairwise(group):
            gap = g.x0 - prev.x1
            if gap > 0.8 * height or gap < -2 * height:  # a cell's padding; the next cell
                segments.append([g])
            else:
                segments[-1].append(g)
        lines.append(Line(tuple(group), tuple(tuple(s) for s in segments)))
    return lines


def _columns(rows: Sequence[Line]) -> list[tuple[float, float]]:
    """The columns' x ranges: where the text of the fullest rows stands (those with all cells
    filled but one at most: the body rows), apart from the gutters between them. A header cell
    merged over several columns would bridge a gutter, so header rows (fewer cells) are left
    out, unless too few columns are found without them."""
    most = max(len(line.segments) for line in rows)
    for least in (max(MIN_COLUMNS, most - 1), MIN_COLUMNS):
        events = sorted((x, step) for line in rows if len(line.segments) >= least
                        for s in line.segments
                        for x, step in ((min(g.x0 for g in s), 1), (max(g.x1 for g in s), -1)))
        columns: list[tuple[float, float]] = []
        cover, opened = 0, 0.0
        for x, step in events:  # at one x an end (-1) comes before a start (+1)
            if cover == 0:
                opened = x
            cover += step
            if cover == 0:
                columns.append((opened, x))
        if len(columns) >= MIN_COLUMNS:
            return columns
    return []


def _text(glyphs: Sequence[Glyph], spaces: Sequence[Glyph]) -> str:
    if not glyphs:
        return ""
    x0, x1 = min(g.x0 for g in glyphs), max(g.x1 for g in glyphs)
    top, bottom = min(g.top for g in glyphs), max(g.bottom for g in glyphs)
    near = [s for s in spaces if x0 <= s.xc <= x1 and top <= s.yc <= bottom]
    return text_of(glyphs, near)


@dataclass(frozen=True, slots=True)
class UnruledTable:
    rows: list[list[str]]
    top: float
    bottom: float


def find_unruled(glyphs: Sequence[Glyph], spaces: Sequence[Glyph]) -> UnruledTable | None:
    """The table of a page's characters (those outside its ruled tables), if they form one."""
    lines = _lines(glyphs)
    wide = [k for k, line in enumerate(lines) if len(line.segments) >= MIN_COLUMNS]
    if len(wide) < MIN_ROWS:
        return None
    body = lines[wide[0]:wide[-1] + 1]
    columns = _columns(body)
    if len(columns) < MIN_COLUMNS:
        return None
    gaps = [b.top - a.bottom for a, b in pairwise(body)]
    height = median(line.bottom - line.top for line in body)
    spaced = bool(gaps) and max(gaps) - min(gaps) > height / 2
    rows: list[list[list[str]]] = []
    for k, line in enumerate(body):
        if not rows or not spaced or gaps[k - 1] > min(gaps) + height / 4:
            rows.append([[] for _ in columns])
        for seg in line.segments:
            # the first column the segment reaches: a merged header cell stands in its first
            x0 = min(g.x0 for g in seg)
            column = next((c for c, (_, end) in enumerate(columns) if end > x0),
                          len(columns) - 1)
            rows[-1][column].append(_text(seg, spaces))
    texts = [[" ".join(cell) for cell in row] for row in rows]
    return UnruledTable(texts, body[0].top, body[-1].bottom)
