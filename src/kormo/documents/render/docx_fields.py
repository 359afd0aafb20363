"""Page numbers in Bengali digits as Word fields (issue 12, item 14; documents review D5).

OOXML's number formats (`w:pgNumType w:fmt`, the `\\*` switches of PAGE and PAGEREF) have
no Bengali digits, so a PAGE field alone prints "12" in Word and LibreOffice. The footer and
the contents page therefore carry, for a Bengali document, two fields side by side:

- For Word: a QUOTE field whose text is built digit by digit from nested fields. Each digit
  position k (units, tens, hundreds) is ten sibling IF fields, `IF {= MOD(INT(n/10^k),10)} =
  d "<Bengali digit d>" ""`, of which exactly one prints; a position above the units prints
  only when `n > 10^k - 1` (no leading zeros). `n` is the page number itself (`PAGE \\*
  Arabic` or `PAGEREF <bookmark> \\* Arabic`, Latin digits whatever the section's format), so
  the digits follow the pagination: Word evaluates the fields of headers and footers on every
  page as it lays them out (ECMA-376 part 1, §17.16, fields: PAGE, PAGEREF, QUOTE, IF and
  `=` with MOD and INT). Numbers up to 999.
- For LibreOffice (7.4 checked): its DOCX import drops a QUOTE field with everything nested
  in it, and it cannot give a page field Bengali digits from a DOCX (no number format or
  switch maps to its native numbering). It shows the live number inside an IF field whose
  condition is false, `IF 0 = 1 "{PAGE}" ""`: LibreOffice prints the nested field (Latin
  digits, right on every page), Word prints the IF's empty false text.

English documents keep one plain PAGE / PAGEREF field (Latin digits).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

BENGALI_DIGITS = "০১২৩৪৫৬৭৮৯"
MAX_DIGITS = 3  # page numbers up to 999


def _begin(rpr: str) -> str:
    return f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'


def _separate(rpr: str) -> str:
    return f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'


def _end(rpr: str) -> str:
    return f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'


def _code(text: str, rpr: str) -> str:
    return f'<w:r>{rpr}<w:instrText xml:space="preserve">{escape(text)}</w:instrText></w:r>'


def field(parts: list[str], rpr: str, result: str = "") -> str:
    """A complex field (runs of WordprocessingML): its code — `parts` are code texts (str
    starting with " ") or nested fields already built — and its last shown result."""
    shown = (f'<w:r>{rpr}<w:t xml:space="preserve">{escape(result)}</w:t></w:r>'
             if result else "")
    return _begin(rpr) + "".join(parts) + _separate(rpr) + shown + _end(rpr)


def _number(source: str, rpr: str) -> str:
    """The page number field in Latin digits, whatever the section's number format."""
    return field([_code(f" {source} \\* Arabic ", rpr)], rpr, "1")


def _digit(source: str, k: int, rpr: str) -> str:
    """The Bengali digit at position k of the number (ten IF fields, one of which prints)."""
    choices = []
    for d, glyph in enumerate(BENGALI_DIGITS):
        value = field([_code(" = MOD(INT(", rpr), _number(source, rpr),
                       _code(f"/{10 ** k}),10) ", rpr)], rpr, "")
        choices.append(field([_code(" IF ", rpr), value,
                              _code(f' = {d} "{glyph}" "" ', rpr)], rpr, ""))
    if k == 0:
        return "".join(choices)
    return field([_code(" IF ", rpr), _number(source, rpr),
                  _code(f' > {10 ** k - 1} "', rpr), *choices, _code('" "" ', rpr)], rpr, "")


def bengali_number_fields(source: str, rpr: str, shown: str = "") -> str:
    """Runs showing the number `source` ("PAGE" or "PAGEREF <bookmark>") in Bengali digits in
    Word and, in LibreOffice, as its live Latin number (see the module's docstring).
    `shown` is the result stored in the file, what a reader that updates no fields shows."""
    word = field([_code(' QUOTE "', rpr),
                  *(_digit(source, k, rpr) for k in reversed(range(MAX_DIGITS))),
                  _code('" ', rpr)], rpr, shown)
    libreoffice = field([_code(' IF 0 = 1 "', rpr), field([_code(f" {source} ", rpr)], rpr, ""),
                         _code('" "" ', rpr)], rpr, "")
    return word + libreoffice


def plain_number_field(source: str, rpr: str, shown: str = "") -> str:
    """One PAGE / PAGEREF field (Latin digits: English documents)."""
    return field([_code(f" {source} ", rpr)], rpr, shown)

