"""DOCX page numbers (issue 12, item 14): Bengali digits in Word, live numbers in LibreOffice.

Word cannot run here, so the footer's and the contents page's field codes are read out of the
file and evaluated by the rules of the field types they use (ECMA-376 §17.16: QUOTE, IF, `=`
with MOD and INT, PAGE/PAGEREF): for every page number 1-999 they must print exactly that
number in Bengali digits and nothing else. LibreOffice headless converts the same files to
PDF: every page after the cover carries its own number (LibreOffice 7.4 shows it in Latin
digits: it cannot give a DOCX page field Bengali digits, see docs/documents.md).
"""

from __future__ import annotations

import io
import math
import re
import shlex
import zipfile
from dataclasses import dataclass, field

import pdfplumber
import pytest
from lxml import etree

from kormo.documents.render import build_document, render
from kormo.domain.numerals import format_number
from tests.documents.conftest import load
from tests.documents.test_forms import docx_to_pdf, keep, needs_libreoffice

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class Field:
    code: list[str | Field] = field(default_factory=list)
    result: str = ""


def read_fields(paragraph: etree._Element) -> list[str | Field]:
    """A paragraph's runs as text and (nested) fields, in order."""
    top: list[str | Field] = []
    stack: list[tuple[Field, bool]] = []  # (field, in its result part)
    for el in paragraph.iter(f"{W}fldChar", f"{W}instrText", f"{W}t", f"{W}tab"):
        if el.tag == f"{W}tab" and el.getparent().tag != f"{W}r":
            continue  # a tab stop of the paragraph, not a tab character
        text = "\t" if el.tag == f"{W}tab" else el.text or ""
        if el.tag == f"{W}fldChar":
            kind = el.get(f"{W}fldCharType")
            if kind == "begin":
                f = Field()
                if stack and not stack[-1][1]:
                    stack[-1][0].code.append(f)
                elif not stack:
                    top.append(f)
                stack.append((f, False))
            elif kind == "separate":
                stack[-1] = (stack[-1][0], True)
            else:
                stack.pop()
        elif el.tag == f"{W}instrText":
            stack[-1][0].code.append(text)
        elif stack:
            if stack[-1][1]:
                stack[-1][0].result += text
        else:
            top.append(text)
    assert not stack, "a field is not closed"
    return top


def evaluate(f: Field, page: int) -> str:
    """What Word prints for the field on page `page` (the page a PAGEREF points at, too)."""
    code = "".join(p if isinstance(p, str) else evaluate(p, page) for p in f.code).strip()
    name, _, rest = code.partition(" ")
    if name in ("PAGE", "PAGEREF"):
        return str(page)  # with or without \* Arabic: Latin digits in a decimal section
    if name == "=":
        # the one formula the fields use: MOD(INT(n/divisor),modulus)
        m = re.fullmatch(r"MOD\(INT\((\d+)/(\d+)\),(\d+)\)", rest.replace(" ", ""))
        assert m, rest
        n, divisor, modulus = (int(x) for x in m.groups())
        return str(math.floor(n / divisor) % modulus)
    if name == "IF":
        left, op, right, true, false = shlex.split(rest)
        holds = {"=": left == right, ">": float(left) > float(right)}[op]
        return true if holds else false
    if name == "QUOTE":
        (text,) = shlex.split(rest)
        return text
    raise AssertionError(f"unexpected field {code!r}")


def word_text(parts: list[str | Field], page: int) -> str:
    return "".join(p if isinstance(p, str) else evaluate(p, page) for p in parts)


def docx_part(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def footer_paragraph(data: bytes) -> etree._Element:
    names = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist()
             if re.fullmatch(r"word/footer\d+\.xml", n)]
    (name,) = names  # one footer, inherited by every section after the cover
    (p,) = docx_part(data, name).iter(f"{W}p")
    return p


def docx(seed: str, kind: str = "auto", lang: str = "bn", **options: str) -> bytes:
    return render(build_document(load(seed), kind, lang=lang, **options), "docx")


def test_bengali_footer_prints_every_page_number_in_bengali_digits_in_word():
    parts = read_fields(footer_paragraph(docx("000", "apa")))
    for page in range(1, 1000):
        assert word_text(parts, page) == format_number(page, "bn")


def test_bengali_contents_prints_each_headings_page_in_bengali_digits_in_word():
    data = docx("000", "apa")
    entries = [p for p in docx_part(data, "word/document.xml").iter(f"{W}p")
               if "PAGEREF" in "".join(t.text or "" for t in p.iter(f"{W}instrText"))]
    assert len(entries) >= 9
    for p in entries:
        parts = read_fields(p)
        title = "".join(x for x in parts if isinstance(x, str)).strip()
        assert title  # the heading's words before the number
        for page in (3, 12, 115):
            assert word_text(parts, page) == f"{title}\t{format_number(page, 'bn')}"


def test_english_footer_is_one_plain_page_field():
    parts = read_fields(footer_paragraph(docx("000", "apa", lang="en")))
    (only,) = parts
    assert isinstance(only, Field) and only.code == [" PAGE "]
    assert word_text(parts, 12) == "12"


@needs_libreoffice
@pytest.mark.parametrize(("seed", "kind", "min_pages"), [("000", "apa", 12), ("002", "auto", 3)])
def test_libreoffice_prints_each_pages_own_number(seed, kind, min_pages):
    path = keep(docx(seed, kind), f"page-numbers-{seed}.docx")
    pdf = docx_to_pdf(path)
    with pdfplumber.open(pdf) as opened:
        last_lines = [(page.extract_text() or "").strip().splitlines()[-1]
                      for page in opened.pages]
    assert len(last_lines) >= min_pages
    first = 1 if kind == "apa" else 0  # the APA's cover has no number
    numbers = [line.rsplit(None, 1)[-1] for line in last_lines[first:]]
    assert numbers == [str(n) for n in range(first + 1, len(last_lines) + 1)]
