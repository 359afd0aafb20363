"""The DOCX documents read back with python-docx: real tables with repeated header rows,
merged cells, landscape sections, Bengali fonts for complex script, the data's words."""

from __future__ import annotations

import io

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from kormo.documents.render import build_document
from tests.documents.conftest import combined_plans, docx_text, load, squash


def _doc(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _row_texts(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_apa_docx_holds_cover_sections_tables_and_signatures(rendered):
    data = rendered("000", "docx")
    document = _doc(data)
    text = docx_text(data)
    for words in ("গণপ্রজাতন্ত্রী বাংলাদেশ সরকার", "বার্ষিক কর্মসম্পাদন চুক্তি",
                  "জুলাই ১, ২০২২ - জুন ৩০, ২০২৩", "সূচিপত্র", "প্রস্তাবনা (Preamble)",
                  "সেকশন ৩: কর্মসম্পাদন পরিকল্পনা", "সংযোজনী ১: শব্দসংক্ষেপ (Acronyms)",
                  "তারিখ: ২৯.০৬.২০২২", "জ্ঞানভিত্তিক অর্থনীতি ও সুশাসন প্রতিষ্ঠায় তথ্য প্রযুক্তির ব্যবহার"):
        assert words in text, words
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "সূচিপত্র"
    assert "সেকশন ৩: কর্মসম্পাদন পরিকল্পনা" in headings
    # section 2, section 3, annexes 1-3 and the signature grid
    assert len(document.tables) == 6


def test_section_3_table_has_the_form_columns_and_every_indicator(rendered):
    (plan,) = load("000")
    table = _doc(rendered("000", "docx")).tables[1]
    rows = _row_texts(table)
    assert rows[0][:9] == ["কর্মসম্পাদনের ক্ষেত্র", "কর্মসম্পাদনের ক্ষেত্রের মান", "কার্যক্রম",
                           "কর্মসম্পাদন সূচক", "গণনা পদ্ধতি", "একক", "কর্মসম্পাদন সূচকের মান",
                           "প্রকৃত অর্জন ২০২০-২১", "প্রকৃত অর্জন ২০২১-২২*"]
    assert rows[0][9:14] == ["লক্ষ্যমাত্রা/নির্ণায়ক ২০২২-২৩"] * 5  # one merged cell
    assert rows[1][9:14] == ["অসাধারণ", "অতি উত্তম", "উত্তম", "চলতি মান", "চলতি মানের নিম্নে"]
    assert rows[2][9:14] == ["১০০%", "৯০%", "৮০%", "৭০%", "৬০%"]
    assert rows[0][14:] == ["প্রক্ষেপণ ২০২৩-২৪", "প্রক্ষেপণ ২০২৪-২৫"]
    by_indicator = {r[3]: r for r in rows[3:] if r[3].startswith("[")}
    assert len(by_indicator) == len(plan.indicators) == 16  # office 11, governance 5
    row = by_indicator["[১.২.১] প্রদানকৃত পরামর্শ/সেবা"]
    assert row[0] == "[১] ই-গভর্ন্যান্স প্রতিষ্ঠায় সহায়তা" and row[1] == "২৫"
    assert row[4:] == ["সমষ্টি", "সংখ্যা", "৫", "২৫০", "৩০০", "৩৫০", "৩০০", "২৫০", "২০০", "১৫০",
                       "৪০০", "৪৫০"]
    dates = by_indicator["[২.১.১] জেলা ও উপজেলা পর্যায়ে ডিজিটাল বাংলাদেশ দিবস উদ্যাপন"]
    assert dates[9:14] == ["১২.১২.২০২২", "৩১.০১.২০২৩", "২৮.০২.২০২৩", "", ""]


def test_header_rows_repeat_and_rows_do_not_split(rendered):
    document = _doc(rendered("000", "docx"))
    table = document.tables[1]
    trs = table._tbl.tr_lst
    header = [tr for tr in trs
              if tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None]
    assert len(header) == 3 and trs[:3] == header
    assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in trs)


def test_wide_tables_are_in_landscape_sections_on_a4(rendered):
    document = _doc(rendered("000", "docx"))
    orientations = [s.orientation for s in document.sections]
    assert orientations[0] == WD_ORIENT.PORTRAIT
    assert WD_ORIENT.LANDSCAPE in orientations
    for section in document.sections:
        size = sorted((round(section.page_width.mm), round(section.page_height.mm)))
        assert size == [210, 297]
        if section.orientation == WD_ORIENT.LANDSCAPE:
            assert section.page_width > section.page_height


def test_styles_name_a_bengali_complex_script_font(rendered):
    document = _doc(rendered("000", "docx"))
    fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:cs")) == "Noto Sans Bengali"
    assert document.styles["Normal"].element.rPr.find(qn("w:szCs")) is not None


def test_quarterly_action_plan_docx_has_target_and_achievement_rows(rendered):
    (plan,) = load("002")
    table = _doc(rendered("002", "docx")).tables[0]
    rows = _row_texts(table)
    kinds = [r[6] for r in rows[3:] if r[6] in ("লক্ষ্যমাত্রা", "অর্জন")]
    indicators = [i for a in plan.areas for act in a.activities for i in act.indicators]
    assert kinds == ["লক্ষ্যমাত্রা", "অর্জন"] * len(indicators)
    first_target = next(r for r in rows if r[1] == "আনুষ্ঠিত সভা")
    assert first_target[:12] == ["১.১ নৈতিকতা কমিটির সভা", "আনুষ্ঠিত সভা", "৪", "সংখ্যা", "ইউসিও",
                                 "৮", "লক্ষ্যমাত্রা", "১", "১", "১", "১", ""]
    assert first_target[12] == "০.৫০"  # 4 × 1/8 (DOMAIN.md, Scoring §3)


@pytest.mark.parametrize(("key", "kind", "options"), [
    ("combined", "apa", {}),
    ("001", "plan", {}),
    ("002", "progress", {"quarter": "Q1"}),
    ("004", "progress", {}),
    ("combined", "evaluation", {}),
    ("003", "auto", {}),
    ("004", "plan", {"plan_id": "dte-innovation-register-2022-23"}),
])
def test_every_document_kind_renders_the_same_tables_as_docx(rendered, key, kind, options):
    plans = combined_plans() if key == "combined" else load(key)
    doc = build_document(plans, kind, **options)
    document = _doc(rendered(key, "docx", kind, **options))
    signature_grids = sum(1 for b in doc.blocks() if type(b).__name__ == "Signatures"
                          and b.blocks)
    assert len(document.tables) == len(doc.tables()) + signature_grids
    text = squash(docx_text(rendered(key, "docx", kind, **options)))
    for table in doc.tables():
        for row in table.body:
            for cell in row:
                assert squash(cell.text) in text


def test_english_docx_has_english_headers(rendered):
    data = rendered("000", "docx", lang="en")
    text = docx_text(data)
    for words in ("Annual Performance Agreement", "Section 3: Performance plan",
                  "Area of performance", "Weight of indicator", "Excellent", "Poor",
                  "Projection 2024-25", "Annex 2: Performance management and evidence"):
        assert words in text, words
    assert "অসাধারণ" not in text and "সংযোজনী" not in text
    assert "July 1, 2022 - June 30, 2023" in text
