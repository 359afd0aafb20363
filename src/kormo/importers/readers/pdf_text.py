"""The text inside a box of a PDF page: PDFium's characters, with the spaces the PDF really
contains.

Why both libraries: PDFium follows the PDF's marked text (`/ActualText` spans, which typst and
Word write for every Bengali cluster), so a conjunct or a vowel sign placed before its consonant
comes out in its logical order, where pdfminer (under pdfplumber) reads glyph by glyph and gives
ids or reordered letters. But PDFium drops a space glyph that follows a glyph without advance (a
reph or a হসন্ত drawn over the letter before it: "৪র্থ ত্রৈমাসিক" became "৪র্থত্রৈমাসিক",
"কর্ম শালা" "কর্মশালা"), while pdfminer keeps every space glyph with its place. So the
characters come from PDFium, and a space of pdfminer's that stands between two of them on the
same line is put back.

A PDF whose Bengali clusters carry no marked text gives its glyphs in the order they are drawn:
ি ে ৈ before their consonant ("িবভাগ" for "বিভাগ", "েকাড" for "কোড"). Unicode text never has
a vowel sign at a word's start or after a space, so where that is seen the text is in drawn
order and every such sign is moved after its consonant cluster (`logical_order`). A minus
sign or a typographic hyphen is read as the hyphen-minus that was typed.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

Box = tuple[float, float, float, float]  # x0, top, x1, bottom (top-down, as pdfplumber)


@dataclass(frozen=True, slots=True)
class Glyph:
    """One character as placed on the page (top-down coordinates)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2


class PageText:
    """A page's characters (PDFium, in its order) and space glyphs (pdfminer), found by box
    through their vertical middles (a page has thousands of characters and hundreds of cells)."""

    def __init__(self, glyphs: Sequence[Glyph], spaces: Sequence[Glyph]) -> None:
        self.glyphs, self.spaces = glyphs, spaces
        self._glyphs = sorted(enumerate(glyphs), key=lambda ig: ig[1].yc)
        self._ys = [g.yc for _, g in self._glyphs]
        self._spaces = sorted(spaces, key=lambda g: g.yc)
        self._space_ys = [g.yc for g in self._spaces]
        self._texts: dict[Box, str] = {}  # a merged cell is asked for in every slot it covers

    def glyphs_in(self, box: Box) -> list[Glyph]:
        lo, hi = bisect_left(self._ys, box[1]), bisect_right(self._ys, box[3])
        found = [(i, g) for i, g in self._glyphs[lo:hi] if box[0] <= g.xc <= box[2]]
        return [g for _, g in sorted(found, key=lambda ig: ig[0])]

    def spaces_in(self, box: Box) -> list[Glyph]:
        lo, hi = bisect_left(self._space_ys, box[1]), bisect_right(self._space_ys, box[3])
        return [g for g in self._spaces[lo:hi] if box[0] <= g.xc <= box[2]]

    def text_in(self, box: Box) -> str:
        if box not in self._texts:
            self._texts[box] = text_of(self.glyphs_in(box), self.spaces_in(box))
        return self._texts[box]


def page_text(textpage: Any, chars: Iterable[dict[str, Any]], height: float) -> PageText:
    """A page's text: PDFium's characters (`textpage`), pdfplumber's space glyphs (`chars`)."""
    return PageText(pdfium_glyphs(textpage, height), space_glyphs(chars))


def pdfium_glyphs(textpage: Any, height: float) -> list[Glyph]:
    """Every character of a PDFium text page in its order, with its box (the loose box: from
    the font's advance, so the boxes of one word touch)."""
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    if len(text) != count:  # characters outside the BMP: read one by one
        text = "".join(textpage.get_text_range(k, 1) or " " for k in range(count))
    out = []
    for k in range(count):
        left, bottom, right, top = textpage.get_charbox(k, loose=True)
        out.append(Glyph(text[k], left, height - top, right, height - bottom))
    return out


def space_glyphs(chars: Iterable[dict[str, Any]]) -> list[Glyph]:
    """The space glyphs of pdfplumber's characters (real ones, written in the PDF)."""
    return [Glyph(" ", c["x0"], c["top"], c["x1"], c["bottom"]) for c in chars
            if c.get("text") == " " and c["x1"] > c["x0"]]


def _same_line(a: Glyph, b: Glyph) -> bool:
    return a.top <= b.yc <= a.bottom or b.top <= a.yc <= b.bottom


def text_of(inside: Sequence[Glyph], gaps: Sequence[Glyph]) -> str:
    """The text of the characters of one box, in PDFium's order: a new line of the box becomes
    a space (a cell's text wraps; its line breaks carry no meaning), and so does a real space
    glyph (`gaps`) between two characters of one line."""
    out: list[str] = []
    prev: Glyph | None = None
    for g in inside:
        if g.text in "\r\n":
            if out and out[-1] != " ":
                out.append(" ")
            continue
        if prev is not None and out and out[-1] != " " and g.text != " ":
            if not _same_line(prev, g) or g.xc < prev.x0:
                out.append(" ")  # the next line of the box
            elif any(prev.xc < s.xc < g.xc and _same_line(prev, s) for s in gaps):
                out.append(" ")  # a space glyph PDFium dropped
        out.append(g.text)
        if g.text.strip():
            prev = g
    return logical_order(" ".join("".join(out).split()).translate(_HYPHENS))


# Typesetters print a hyphen-minus typed before a digit as a minus sign, or as a (non-breaking)
# hyphen: "২০২৩ −২৪" is what was typed as "২০২৩ -২৪".
_HYPHENS = str.maketrans({"\u2212": "-", "\u2010": "-", "\u2011": "-"})


_CONSONANT = "\u0995-\u09b9\u09dc-\u09df\u09f0\u09f1"
_CLUSTER = f"(?:[{_CONSONANT}]\u09bc?\u09cd)*[{_CONSONANT}]\u09bc?"
_DRAWN_FIRST = re.compile(f"(?<![{_CONSONANT}\u09bc])[িেৈ]")
_PRE_BASE = re.compile(f"([িেৈ])({_CLUSTER})(া|ৗ)?")


def logical_order(text: str) -> str:
    """`text` with ি ে ৈ moved after their consonant cluster when it evidently is in drawn
    order (a sign where no consonant precedes it); "ে…া" and "ে…ৗ" become ো and ৌ."""
    if not _DRAWN_FIRST.search(text):
        return text

    def move(m: re.Match[str]) -> str:
        sign, cluster, after = m[1], m[2], m[3] or ""
        if sign == "ে" and after:
            return cluster + ("ো" if after == "া" else "ৌ")
        return cluster + sign + after

    return _PRE_BASE.sub(move, text)
