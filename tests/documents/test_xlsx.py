"""The XLSX documents read back with openpyxl: one sheet per table, numbers as numbers,
dates as dates, percents as fractions with a % format, merged header cells."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from kormo.documents.render import build_document
from kormo.documents.render.xlsx import sheet_name
from kormo.domain.scoring import score_plans
from tests.documents.conftest import combined_plans, load


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _rows(ws) -> list[tuple]:  # type: ignore[no-untyped-def]
    return list(ws.iter_rows(values_only=True))


def test_apa_workbook_has_a_text_sheet_then_one_sheet_per_table(rendered):
    book = _book(rendered("000", "xlsx"))
    assert book.sheetnames == ["নথি", "সেকশন ২", "সেকশন ৩", "সংযোজনী ১", "সংযোজনী ২",
                               "সংযোজনী ৩"]
    front = [r[0] for r in _rows(book["নথি"]) if r[0]]
    assert front[0] == "বার্ষিক কর্মসম্পাদন চুক্তি ২০২২-২৩"
    assert "সেকশন ৩: কর্মসম্পাদন পরিকল্পনা" in front
    assert "→ সেকশন ৩" in front


def test_section_3_sheet_holds_numbers_dates_and_merged_headers(rendered):
    ws = _book(rendered("000", "xlsx"))["সেকশন ৩"]
    rows = _rows(ws)
    assert rows[0][9] == "লক্ষ্যমাত্রা/নির্ণায়ক ২০২২-২৩" and rows[0][10] is None
    assert "J1:N1" in {str(r) for r in ws.merged_cells.ranges}
    assert rows[1][9:14] == ("অসাধারণ", "অতি উত্তম", "উত্তম", "চলতি মান", "চলতি মানের নিম্নে")
    assert ws.freeze_panes == "A4" and ws.print_title_rows == "$1:$3"
    assert ws.page_setup.orientation == "landscape"
    by_indicator = {r[3]: r for r in rows[3:] if isinstance(r[3], str) and r[3].startswith("[")}
    row = by_indicator["[১.২.১] প্রদানকৃত পরামর্শ/সেবা"]
    assert row[6:] == (5, 250, 300, 350, 300, 250, 200, 150, 400, 450)
    assert all(type(v) is int for v in row[6:])
    dates = by_indicator["[২.১.১] জেলা ও উপজেলা পর্যায়ে ডিজিটাল বাংলাদেশ দিবস উদ্যাপন"]
    assert dates[7:12] == (dt.datetime(2020, 12, 12), dt.datetime(2021, 12, 12),
                           dt.datetime(2022, 12, 12), dt.datetime(2023, 1, 31),
                           dt.datetime(2023, 2, 28))
    date_cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, dt.datetime)]
    assert len(date_cells) == 8  # [2.1.1]: 2 actuals, 3 levels, 2 projections; [2.3.1]: 1
    assert {c.number_format for c in date_cells} == {"dd.mm.yyyy"}
    area = next(r for r in rows if r[0] == "[১] ই-গভর্ন্যান্স প্রতিষ্ঠায় সহায়তা")
    assert area[1] == 25


def test_percent_levels_are_fractions_with_a_percent_format(rendered):
    book = _book(rendered("004", "xlsx", plan_id="dte-egov-innovation-2022-23"))
    ws = book[book.sheetnames[1]]
    row = next(r for r in ws.iter_rows() if r[4].value == "[১.৩.১] ই-ফাইলে নোট নিষ্পত্তিকৃত")
    levels = row[7:12]
    assert [c.value for c in levels] == [0.85, 0.8, 0.75, 0.7, 0.6]
    assert all(c.number_format == "0%" for c in levels)


def test_evaluation_workbook_scores_match_the_scoring_engine(rendered):
    plans = combined_plans()
    scores = {s.plan_id: s for s in score_plans(plans)}
    book = _book(rendered("combined", "xlsx", "evaluation"))
    summary = _rows(book["সারসংক্ষেপ"])
    assert summary[0] == ("পরিকল্পনা", "প্রাপ্ত নম্বর", "সর্বোচ্চ নম্বর", "শতকরা হার",
                          "মানদণ্ড (অনানুষ্ঠানিক, কেবল তথ্যের জন্য)")
    apa = scores["rangpur-ict-apa-2022-23"]
    assert summary[1][1] == pytest.approx(apa.total)
    assert summary[1][2] == pytest.approx(apa.maximum)
    assert summary[1][3] == pytest.approx(apa.percent / 100)
    percent_cell = book["সারসংক্ষেপ"]["D2"]
    assert percent_cell.number_format == "0.00%"
    nis = scores["kaliganj-cooperative-nis-2020-21"]
    assert summary[2][1] == pytest.approx(nis.total)
    sheet = _rows(book["শুদ্ধাচার কর্মপরিকল্পনা"])
    total = next(r for r in sheet if r[0] == "সর্বমোট")
    assert total[12] == pytest.approx(nis.total)
    # the integrity plan in its own monitoring form: weight 4, annual target 8, Q1 target 1,
    # score 4 × 1/8 = 0.5 (Scoring §3); the achievement row holds Q1 1 and the total 1
    first = next(r for r in sheet if r[0] == "১.১ নৈতিকতা কমিটির সভা")
    assert (first[2], first[5], first[6], first[7], first[12]) == (4, 8, "লক্ষ্যমাত্রা", 1,
                                                                   pytest.approx(0.5))
    achieved = sheet[sheet.index(first) + 1]
    assert (achieved[6], achieved[7], achieved[11]) == ("অর্জন", 1, 1)


def test_quarterly_sheet_has_typed_targets_and_achievements(rendered):
    book = _book(rendered("002", "xlsx"))
    rows = _rows(book[book.sheetnames[1]])
    target = next(r for r in rows if r[0] == "১.৩ স্ব স্ব ওয়েবসাইটে শুদ্ধাচার সেবাবক্স হালনাগাদকরণ")
    assert target[5] == dt.datetime(2021, 6, 30)
    assert target[6:11] == ("লক্ষ্যমাত্রা", dt.datetime(2020, 9, 30), dt.datetime(2020, 12, 31),
                            dt.datetime(2021, 3, 31), dt.datetime(2021, 6, 30))
    achieved = rows[rows.index(target) + 1]
    assert achieved[6:8] == ("অর্জন", dt.datetime(2020, 9, 30))
    percent = next(r for r in rows if r[1] == "বাস্তবায়িত সিদ্ধান্ত")
    assert percent[5] == 1.0 and percent[7] == 1.0  # 100 % as the fraction 1


def test_work_plan_quantities_are_numbers_with_their_unit_in_the_format(rendered):
    book = _book(rendered("003", "xlsx"))
    ws = book[book.sheetnames[1]]
    row = next(r for r in ws.iter_rows() if r[2].value == "সিটিজেন চার্টার")
    # the words spaced as written ("৭০ টি দপ্তর"), so the import reads the cell back as written
    assert row[4].value == 70 and row[4].number_format == '#,##0" টি দপ্তর"'
    assert row[0].value == "স্বল্প মেয়াদী"


def test_register_order_dates_are_dates(rendered):
    book = _book(rendered("004", "xlsx", plan_id="dte-innovation-register-2022-23"))
    rows = _rows(book[book.sheetnames[1]])
    assert rows[1][6] == dt.datetime(2021, 12, 19)


@pytest.mark.parametrize(("key", "kind", "options"), [
    ("combined", "apa", {}),
    ("001", "plan", {}),
    ("002", "progress", {}),
    ("004", "progress", {"quarter": "Q2"}),
    ("combined", "evaluation", {}),
    ("003", "auto", {}),
])
def test_every_document_kind_has_one_sheet_per_table(rendered, key, kind, options):
    plans = combined_plans() if key == "combined" else load(key)
    doc = build_document(plans, kind, **options)
    book = _book(rendered(key, "xlsx", kind, **options))
    assert len(book.sheetnames) == 1 + len(doc.tables())
    for ws, table in zip(book.worksheets[1:], doc.tables(), strict=True):
        assert ws.max_column == len(table.columns)


def test_english_workbook_has_english_headers(rendered):
    book = _book(rendered("000", "xlsx", lang="en"))
    assert book.sheetnames[:3] == ["Document", "Section 2", "Section 3"]
    header = _rows(book["Section 3"])[:2]
    assert header[0][:3] == ("Area of performance", "Weight of area", "Activity")
    assert header[1][9:14] == ("Excellent", "Very good", "Good", "Fair", "Poor")


def test_sheet_names_are_valid_and_unique():
    taken: set[str] = set()
    long = "জাতীয় শুদ্ধাচার কৌশল কর্মপরিকল্পনা ২০২৩-২৪ [খসড়া]: প্রথম/দ্বিতীয়"
    first = sheet_name(long, taken)
    second = sheet_name(long, taken)
    assert len(first) <= 31 and len(second) <= 31 and first != second
    assert not set("[]:*?/\\") & set(first + second)
