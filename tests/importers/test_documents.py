"""Documents of the same kinds laid out unlike the seeds import correctly: Word with merged
area cells and the header repeated on the next page, Excel with merged headings, real dates
and percent formats over two sheets, a work plan with merged group cells, and a PDF.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from kormo.domain.plan import Plan, PlanKind, Quarter, Tier, Unit
from kormo.domain.values import Blank, DateValue, Number, Percent
from kormo.importers import FlagCode, import_bytes
from kormo.importers.readers import read_document
from tests.importers import documents as D

NORAIL_DC = "জেলা প্রশাসকের কার্যালয়, নড়াইল"


def _levels(plan: Plan, ref: str) -> list[object]:
    ind = plan.indicator(ref)
    assert ind is not None
    return [v for _, v in ind.levels.as_pairs()]


def _check_egov(plan: Plan) -> None:
    assert (plan.kind, plan.fiscal_year, plan.office, plan.office_tier) == (
        PlanKind.EGOV_INNOVATION, "2023-24", NORAIL_DC, Tier.DISTRICT)
    assert [(a.number, a.name, a.weight) for a in plan.areas] == [
        ("1", "দপ্তরের সেবা সহজিকরণ", Decimal(20)), ("2", "সক্ষমতা বৃদ্ধি", Decimal(10))]
    assert [(a.number, a.name) for ar in plan.areas for a in ar.activities] == [
        ("1.1", "সেবা সহজিকরণ"), ("1.2", "ই-নথির ব্যবহার বৃদ্ধি"), ("2.1", "কর্মশালা আয়োজন")]
    assert [(i.number, i.unit, i.weight) for i in plan.indicators] == [
        ("1.1.1", Unit.DATE, Decimal(12)), ("1.2.1", Unit.PERCENT, Decimal(8)),
        ("2.1.1", Unit.COUNT, Decimal(10))]
    assert _levels(plan, "1.1.1") == [DateValue(dt.date(2024, m, d)) for m, d in
                                      ((3, 15), (3, 22), (3, 31), (4, 7), (4, 14))]
    assert _levels(plan, "1.2.1") == [Percent(Decimal(p)) for p in (80, 75, 70, 65, 60)]
    assert _levels(plan, "2.1.1") == [Number(Decimal(n)) for n in (4, 3, 2, 1)] + [Blank("-")]
    assert plan.total_weight == 30


def test_word_plan_with_merged_area_cells_and_repeated_header() -> None:
    result = import_bytes(D.egov_docx(), "plan.docx")
    assert result.format == "docx" and len(result.plans) == 1
    _check_egov(result.plans[0])
    assert [f.code for f in result.flags] == [FlagCode.TOTAL_COMPUTED]


def test_word_reader_marks_merged_cells() -> None:
    doc = read_document(D.egov_docx(repeat_header=False), "plan.docx")
    table = doc.tables[0]
    assert table.rows[3].cells[0].merged and table.rows[3].cells[0].text == "[1] দপ্তরের সেবা সহজিকরণ"
    assert not table.rows[2].cells[0].merged
    assert table.rows[0].cells[7].merged  # the target header spans the five level columns


def test_one_table_or_two_pages_read_the_same() -> None:
    one = import_bytes(D.egov_docx(repeat_header=False), "a.docx").plans
    two = import_bytes(D.egov_docx(repeat_header=True), "b.docx").plans
    assert one == two


def test_pdf_rendered_by_typst() -> None:
    pytest.importorskip("typst")
    if not Path("/usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf").exists():
        pytest.skip("Noto Sans Bengali (Debian fonts-noto-core) is not installed")
    result = import_bytes(D.egov_pdf(Path(pytest.importorskip("tempfile").mkdtemp())), "p.pdf")
    assert result.format == "pdf"
    _check_egov(result.plans[0])


def test_excel_integrity_plan_over_two_sheets_with_q1_achievements() -> None:
    result = import_bytes(D.nis_xlsx(), "nis.xlsx")
    (plan,) = result.plans
    assert (plan.kind, plan.fiscal_year, plan.office, plan.office_tier) == (
        PlanKind.INTEGRITY, "2023-24", "উপজেলা ভূমি অফিস, সদর, নড়াইল", Tier.UPAZILA)
    assert [(a.number, a.name, a.weight) for a in plan.areas] == [
        ("1", "প্রাতিষ্ঠানিক ব্যবস্থা", Decimal(6)), ("2", "ই-গভর্ন্যান্স", Decimal(3))]
    ind = plan.indicator("1.2.1")
    assert ind is not None and ind.unit is Unit.PERCENT and ind.weight == 2
    assert ind.annual_target == Percent(Decimal(100))
    assert dict(ind.quarterly_targets) == dict.fromkeys(
        (Quarter.Q1, Quarter.Q2, Quarter.Q3, Quarter.Q4), Percent(Decimal(100)))
    dated = plan.indicator("2.1.1")
    assert dated is not None and dated.annual_target == DateValue(dt.date(2024, 6, 30))
    assert dated.quarterly_targets == ((Quarter.Q1, DateValue(dt.date(2023, 9, 30))),
                                       (Quarter.Q4, DateValue(dt.date(2024, 6, 30))))
    assert [(p.indicator, p.quarter, p.value) for p in plan.progress] == [
        ("1.1.1", Quarter.Q1, Number(Decimal(1))), ("1.2.1", Quarter.Q1, Percent(Decimal(90))),
        ("2.1.1", Quarter.Q1, DateValue(dt.date(2023, 9, 28)))]


def test_excel_work_plan_with_merged_group_cells() -> None:
    result = import_bytes(D.workplan_xlsx(), "wp.xlsx")
    (plan,) = result.plans
    assert (plan.kind, plan.fiscal_year, plan.office) == (
        PlanKind.INNOVATION_WORK_PLAN, "2024", "নড়াইল জেলা ইনোভেশন টিম")
    assert [(w.term, w.number, w.period_start, w.period_end) for w in plan.work_items] == [
        ("short", "1", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        ("short", "2", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        ("long", "1", dt.date(2024, 1, 1), dt.date(2024, 12, 31))]
    q = plan.work_items[1].quantity
    assert q is not None and (q.value, q.unit_label, q.expression) == (Decimal(100), "জন", "4×25")
    assert [(f.code, f.place) for f in result.flags] == [
        (FlagCode.MERGED_CELL, "plan 0 / work item short 2 / period")]
