"""The PDF documents read back with poppler-utils: text, fonts, page numbers, orientation.

The seed-000 APA is also saved as page images in test-artifacts/documents/ (pdftoppm -r 60)
for a person to look at.
"""

from __future__ import annotations

import subprocess

import pytest

from kormo.documents.render import build_document, render
from kormo.documents.render.pdf import FontsMissingError, render_pdf, typst_source, typst_string
from kormo.domain.digits import to_bengali_digits
from kormo.domain.plan import LEVEL_PERCENTS
from tests.documents.conftest import (
    ARTIFACTS,
    has_words_in_order,
    load,
    needs_poppler,
    pdf_page_sizes,
    pdf_pages,
    pdf_text,
    squash,
)

pytestmark = needs_poppler

CONJUNCT_WORDS = ("কর্মসম্পাদন", "লক্ষ্যমাত্রা", "শুদ্ধাচার", "প্রক্ষেপণ", "ক্ষেত্র",
                  "প্রস্তাবনা", "স্বাক্ষরিত", "প্রযুক্তি")


def test_apa_pdf_has_cover_contents_sections_and_annexes_in_order(rendered):
    text = pdf_text(rendered("000", "pdf"))
    flat = squash(text)
    cover = [
        "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার",
        "প্রোগ্রামার, জেলা কার্যালয়, রংপুর, আইসিটি অধিদপ্তর",
        "মহাপরিচালক, তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর-এর মধ্যে স্বাক্ষরিত",
        "বার্ষিক কর্মসম্পাদন চুক্তি",
        "জুলাই ১, ২০২২ - জুন ৩০, ২০২৩",
    ]
    parts = [
        "সূচিপত্র", "কর্মসম্পাদনের সার্বিক চিত্র", "প্রস্তাবনা (Preamble)",
        "সেকশন ১:", "১.১ রূপকল্প (Vision)", "১.৪ কার্যাবলি (Functions)",
        "সেকশন ২:", "সেকশন ৩: কর্মসম্পাদন পরিকল্পনা", "স্বাক্ষরিত:",
        "সংযোজনী ১: শব্দসংক্ষেপ (Acronyms)", "সংযোজনী ২: কর্মসম্পাদন ব্যবস্থাপনা ও প্রমাণক",
        "সংযোজনী ৩: অন্য অফিসের সঙ্গে সংশ্লিষ্ট কর্মসম্পাদন সূচকসমূহ",
        "সংযোজনী ৪-৮: সংস্কার ও সুশাসনমূলক কার্যক্রমের বাস্তবায়ন সংক্রান্ত কর্মপরিকল্পনাসমূহ",
    ]
    positions = [flat.index(squash(p)) for p in cover]
    assert positions == sorted(positions)
    # each part appears in the contents first, then as a heading, in this order
    body = flat[flat.index(squash("সূচিপত্র")) + 1:]
    after_contents = body[body.index(squash("সংযোজনী ৪-৮")) + 1:]
    heading_positions = [after_contents.index(squash(p)) for p in parts[1:]]
    assert heading_positions == sorted(heading_positions)


def test_apa_pdf_holds_every_indicator_level_and_value_of_section_3(rendered):
    (plan,) = load("000")
    text = pdf_text(rendered("000", "pdf"))
    flat = squash(text)
    for area in plan.areas:
        assert has_words_in_order(text, f"[{to_bengali_digits(area.number)}] {area.name}")
        for activity in area.activities:
            assert has_words_in_order(text, f"[{to_bengali_digits(activity.number)}] "
                                            f"{activity.name}")
            for ind in activity.indicators:
                assert has_words_in_order(text, f"[{to_bengali_digits(ind.number)}] {ind.name}")
    for name in ("অসাধারণ", "অতিউত্তম", "উত্তম", "চলতিমান", "চলতিমানেরনিম্নে"):
        assert name in flat
    for percent in LEVEL_PERCENTS:
        assert to_bengali_digits(f"{percent}%") in flat
    # [1.2.1]: levels 350/300/250/200/150, projections 400, 450; [2.1.1]: dates
    assert squash("৩৫০ ৩০০ ২৫০ ২০০ ১৫০ ৪০০ ৪৫০") in flat
    assert squash("১২.১২.২০২২ ৩১.০১.২০২৩ ২৮.০২.২০২৩") in flat
    assert "প্রকৃতঅর্জন২০২১-২২*" in flat and "*সাময়িক(provisional)তথ্য" in flat
    assert squash("এপিএ স্বাক্ষরকারী অফিসের কর্মসম্পাদনের ক্ষেত্র") in flat
    assert squash("সুশাসন ও সংস্কারমূলক কর্মসম্পাদনের ক্ষেত্র") in flat
    # signatures: post, office and date
    assert squash("মহাপরিচালক তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর তারিখ: ২৯.০৬.২০২২") in flat


def test_apa_pdf_annexes_hold_acronyms_evidence_dependencies(rendered):
    (plan,) = load("000")
    text = pdf_text(rendered("000", "pdf"))
    flat = squash(text)
    for acronym in plan.acronyms:
        assert squash(acronym.short) in flat and squash(acronym.meaning) in flat
    for ind in plan.indicators:
        if ind.evidence:
            assert has_words_in_order(text, ind.evidence)
        if ind.implementing_unit:
            assert has_words_in_order(text, ind.implementing_unit)
        if ind.dependency:
            assert has_words_in_order(text, ind.dependency.offices)
            assert has_words_in_order(text, ind.dependency.strategy)
    # no action plan in seed 000: annexes 4-8 are attached by reference, no software message
    assert flat.count(squash("আলাদাভাবে সংযুক্ত")) == 5
    assert "ফাইলেনেই" not in flat


@pytest.mark.parametrize("word", CONJUNCT_WORDS)
def test_conjunct_heavy_words_extract_exactly_as_written(rendered, word):
    text = pdf_text(rendered("000", "pdf"))
    assert word in text


def test_pdf_embeds_noto_sans_bengali_from_debian_fonts(rendered):
    result = subprocess.run(["pdffonts", "-"], input=rendered("000", "pdf"),
                            capture_output=True, check=True, timeout=60)
    lines = result.stdout.decode().splitlines()[2:]
    fonts = {line.split()[0].split("+")[-1]: line.split() for line in lines}
    assert "NotoSansBengali-Regular" in fonts and "NotoSansBengali-Bold" in fonts
    for columns in fonts.values():
        assert columns[-5] == "yes"  # embedded


def test_page_numbers_are_bengali_digits_on_every_page_but_the_cover(rendered):
    pdf = rendered("000", "pdf")
    pages = pdf_pages(pdf)
    assert pages >= 12
    first = pdf_text(pdf, first=1, last=1, layout=True)
    assert not first.strip().splitlines()[-1].strip().isdigit()
    for page in range(2, pages + 1):
        lines = [x.strip() for x in pdf_text(pdf, first=page, last=page,
                                            layout=True).splitlines() if x.strip()]
        assert lines[-1] == to_bengali_digits(str(page)), page


def test_contents_page_numbers_point_at_the_headings(rendered):
    pdf = rendered("000", "pdf")
    contents = pdf_text(pdf, first=2, last=2, layout=True)
    for line in contents.splitlines():
        if "সেকশন ৩" in line:
            page = int(line.split()[-1].strip("\u2060").translate(
                str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")))
            break
    else:
        pytest.fail("section 3 is not in the contents")
    assert "সেকশন ৩: কর্মসম্পাদন পরিকল্পনা" in pdf_text(pdf, first=page, last=page)


def test_wide_tables_are_on_landscape_a4_pages_and_repeat_their_header(rendered):
    pdf = rendered("000", "pdf")
    sizes = pdf_page_sizes(pdf)
    assert sizes[0] == pytest.approx((595.3, 841.9), abs=0.5)  # the cover: A4 portrait
    landscape = [i + 1 for i, (w, h) in enumerate(sizes) if w > h]
    section3 = [p for p in landscape if "লক্ষ্যমাত্রা/নির্ণায়ক" in pdf_text(pdf, first=p, last=p)]
    assert len(section3) >= 2  # section 3 runs over pages, each with the header rows
    for page in section3:
        text = pdf_text(pdf, first=page, last=page)
        for words in ("অসাধারণ", "চলতি মানের নিম্নে", "কর্মসম্পাদন সূচকের মান"):
            assert has_words_in_order(text, words, window=400), (page, words)
    assert all(w == pytest.approx(841.9, abs=0.5) for w, _ in (sizes[p - 1] for p in landscape))


def test_english_apa_has_english_headers_and_latin_page_numbers(rendered):
    pdf = rendered("000", "pdf", lang="en")
    text = pdf_text(pdf)
    for words in ("Government of the People's Republic of Bangladesh",
                  "Annual Performance Agreement", "July 1, 2022 - June 30, 2023", "Contents",
                  "Section 3: Performance plan", "Area of performance", "Calculation method",
                  "Excellent", "Very good", "Poor", "Projection 2023-24", "Actual 2021-22*",
                  "Annex 1: Acronyms"):
        assert has_words_in_order(text, words), words
    assert "অসাধারণ" not in text and "সেকশন" not in text
    last = [x.strip() for x in pdf_text(pdf, first=3, last=3, layout=True).splitlines()
            if x.strip()][-1]
    assert last == "3"


def test_annexes_4_to_8_hold_the_action_plans_of_the_file(rendered):
    flat = squash(pdf_text(rendered("combined", "pdf", kind="apa")))
    for n, words in ((4, "জাতীয় শুদ্ধাচার কৌশল কর্মপরিকল্পনা"),
                     (5, "ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা"),
                     (6, "অভিযোগ প্রতিকার ব্যবস্থা সংক্রান্ত কর্মপরিকল্পনা"),
                     (7, "সেবা প্রদান প্রতিশ্রুতি বিষয়ক কর্মপরিকল্পনা"),
                     (8, "তথ্য অধিকার বিষয়ক কর্মপরিকল্পনা")):
        assert squash(f"সংযোজনী {to_bengali_digits(str(n))}: {words}") in flat
    assert "এইকর্মপরিকল্পনাটিফাইলেনেই" not in flat
    # the integrity plan in the quarterly monitoring form, with its Q1 achievement
    assert squash("বাস্তবায়ন অগ্রগতি পরিবীক্ষণ, ২০২০-২১") in flat
    assert squash("১.১ নৈতিকতা কমিটির সভা") in flat


def test_quarterly_action_plan_pdf_has_target_and_achievement_rows(rendered):
    text = pdf_text(rendered("002", "pdf"), layout=True)
    flat = squash(text)
    assert text.count("লক্ষ্যমাত্রা") >= 37 and text.count("অর্জন") >= 37
    for quarter in ("১ম কোয়ার্টার", "২য় কোয়ার্টার", "৩য় কোয়ার্টার", "৪র্থ কোয়ার্টার"):
        assert has_words_in_order(text, quarter)
    assert squash("১. প্রাতিষ্ঠানিক ব্যবস্থা (মান: ১১)") in flat
    # [1.1.1] 1 of 8 meetings in Q1: 4 × 1/8 = 0.50 (DOMAIN.md, Scoring §3)
    assert "০.৫০" in flat
    assert has_words_in_order(text, "মোট অর্জন") and has_words_in_order(text, "অর্জিত মান")


def test_progress_report_pdf_shows_quarter_achievements_and_scores(rendered):
    flat = squash(pdf_text(rendered("004", "pdf", kind="progress", quarter="Q2")))
    assert squash("২য় কোয়ার্টার (অক্টোবর-ডিসেম্বর) অগ্রগতি প্রতিবেদন") in flat
    assert squash("১০.১০.২০২২") in flat  # [1.2.1] done before the 100 % date
    assert "৬০.৮৪%" in flat  # e-Nothi rate 2236 / (2236 + 1439) × 100 (DOMAIN.md)
    assert squash("মোট প্রাপ্ত নম্বর:") in flat


def test_evaluation_pdf_shows_totals_and_the_band_only_as_secondary(rendered):
    flat = squash(pdf_text(rendered("002", "pdf", kind="evaluation")))
    assert squash("বার্ষিক মূল্যায়ন প্রতিবেদন ২০২০-২১") in flat
    assert squash("অর্জিত মান") in flat and squash("সর্বমোট") in flat
    assert squash("মানদণ্ড (অনানুষ্ঠানিক, কেবল তথ্যের জন্য)") in flat


def test_innovation_work_plan_and_register_pdfs(rendered):
    plan = pdf_text(rendered("003", "pdf"))
    for words in ("স্বল্প মেয়াদী", "মধ্য মেয়াদী", "দীর্ঘমেয়াদী", "অন্যান্য", "৭০ টি দপ্তর",
                  "৬×২০=১২০ জন", "জানুয়ারি-মার্চ ২০১৭", "সিটিজেন চার্টার"):
        assert has_words_in_order(plan, words), words
    register = pdf_text(rendered("004", "pdf", plan_id="dte-innovation-register-2022-23"))
    for words in ("পাশকৃত শিক্ষার্থীদের না- দাবী প্রত্যয়ন প্রদান", "http://mpi.edu.bd/clearance/",
                  "১৯.১২.২০২১", "পাচ্ছে", "আছে", "Online Casual Leave Approval for TSC Principals"):
        assert has_words_in_order(register, words), words


def test_typst_markup_in_user_text_is_printed_literally():
    (plan,) = load("000")
    from dataclasses import replace

    tricky = 'a*b_c #set page(width: 1cm) [x] $y$ @z <w> \\ "q" `r` ~s'
    plan = replace(plan, vision=tricky)
    source = typst_source(build_document([plan], "apa"))
    assert typst_string(tricky) in source
    text = pdf_text(render(build_document([plan], "apa"), "pdf"))
    assert tricky in text


def test_typst_string_escapes_quotes_backslashes_and_newlines():
    assert typst_string('say "hi"\\\nnext\tcol\x07') == '"say \\"hi\\"\\\\\\nnext\\tcol"'


def test_seed_000_apa_page_images_are_saved_as_test_artifacts(rendered):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf_path = ARTIFACTS / "apa-000-bn.pdf"
    pdf_path.write_bytes(rendered("000", "pdf"))
    for old in ARTIFACTS.glob("apa-000-bn-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf_path),
                    str(ARTIFACTS / "apa-000-bn")], check=True, capture_output=True, timeout=120)
    images = sorted(ARTIFACTS.glob("apa-000-bn-*.png"))
    assert len(images) == pdf_pages(pdf_path.read_bytes())
    assert all(img.stat().st_size > 5000 for img in images)


def test_missing_debian_fonts_are_named_in_the_error(tmp_path):
    doc = build_document(load("002"), "plan")
    with pytest.raises(FontsMissingError, match="fonts-noto-core"):
        render_pdf(doc, font_dir=str(tmp_path))
