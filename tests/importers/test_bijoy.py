"""Bijoy (SutonnyMJ) → Unicode: words encoded by hand from the glyph layout, then read back.

Each pair below was typed in the Bijoy glyph codes (bijoy.py's module docstring gives the
layout): pre-base vowel signs before their consonant, the reph after it, conjunct glyphs.
"""

from __future__ import annotations

import io

import pytest

from kormo.importers import FlagCode, import_bytes
from kormo.importers.bijoy import convert, is_bijoy_font, looks_bijoy, to_unicode
from kormo.importers.readers import read_document
from tests.importers import documents as D

WORDS = [
    ("Avgvi †mvbvi evsjv", "আমার সোনার বাংলা"),  # আ = A + v; ো = † … v around the consonant
    ("evwl©K Kg©m¤úv`b Pzw³", "বার্ষিক কর্মসম্পাদন চুক্তি"),  # reph after, ি before
    ("Kvh©µg", "কার্যক্রম"),
    ("cwiKíbv", "পরিকল্পনা"),
    ("cÖwkÿY", "প্রশিক্ষণ"),
    ("‡ÿÎ", "ক্ষেত্র"),
    ("cÖ‡qvRb", "প্রয়োজন"),
    ("gš¿Yvjq", "মন্ত্রণালয়"),
    ("ev¯Íevqb", "বাস্তবায়ন"),
    ("Dbœqb", "উন্নয়ন"),
    ("¯^v¯’¨", "স্বাস্থ্য"),
    ("‡KŠkj", "কৌশল"),
    ("ˆbwZKZv", "নৈতিকতা"),
    ("Z_¨ AwaKvi", "তথ্য অধিকার"),
    ("wbw`©ó", "নির্দিষ্ট"),
    ("DØvebx", "উদ্ভাবনী"),
    ("2022-23 A_©eQi|", "২০২২-২৩ অর্থবছর।"),
]


@pytest.mark.parametrize(("bijoy", "unicode"), WORDS)
def test_words_typed_in_bijoy_read_as_unicode(bijoy: str, unicode: str) -> None:
    assert to_unicode(bijoy) == unicode
    assert looks_bijoy(bijoy) or bijoy.startswith("2022")


def test_glyphs_outside_the_table_are_kept_and_reported() -> None:
    result = convert("Kü")
    assert result.text == "কü" and result.unknown == ("ü",)


@pytest.mark.parametrize(("text", "expected"), [
    ("Online Casual Leave Approval for TSC Principals", False),
    ("http://service.dte.gov.bd/tsc-leave/index.php", False),
    ("আমার সোনার বাংলা", False),
    ("Avgvi †mvbvi evsjv", True),
    ("miKvwi Kvh©vjq", True),
])
def test_bijoy_is_told_from_english_and_unicode(text: str, expected: bool) -> None:
    assert looks_bijoy(text) is expected


def test_bijoy_fonts_by_name() -> None:
    assert is_bijoy_font("SutonnyMJ") and is_bijoy_font("Sulekha MJ")
    assert not is_bijoy_font("SutonnyOMJ") and not is_bijoy_font("Nikosh")
    assert not is_bijoy_font(None)


def test_word_runs_in_a_bijoy_font_are_converted_and_flagged() -> None:
    import docx

    document = docx.Document(io.BytesIO(D.egov_docx(repeat_header=False)))
    cell = document.tables[0].cell(2, 3)
    cell.text = ""
    paragraph = cell.paragraphs[0]
    paragraph.add_run("[1.1.1] ")
    run = paragraph.add_run("b~¨bZg GKwU DØvebx aviYv ev¯ÍevwqZ")
    run.font.name = "SutonnyMJ"
    out = io.BytesIO()
    document.save(out)
    doc = read_document(out.getvalue(), "bijoy.docx")
    assert doc.bijoy and doc.tables[0].rows[2].cells[3].converted
    result = import_bytes(out.getvalue(), "bijoy.docx")
    ind = result.plans[0].indicator("1.1.1")
    assert ind is not None and ind.name == "ন্যূনতম একটি উদ্ভাবনী ধারণা বাস্তবায়িত"
    assert [f.code for f in result.flags if f.place == "document"] == [FlagCode.BIJOY]


def test_bijoy_lines_in_text_files_are_converted() -> None:
    doc = read_document("Avgvi †mvbvi evsjv\n".encode(), "a.txt")
    assert doc.bijoy and doc.blocks[0].text == "আমার সোনার বাংলা"
