"""A plan's subtitle prints in the form's header, under the title, never as a note (issue 12,
item 11; documents review D1: "the form's subtitle … is moved into a 'টীকা' block").

Seed 001's e-governance plan ("মাঠ (জেলা) পর্যায়ের অফিসের জন্য") and, for other forms, the
other seed plans given subtitles of their own, each checked in PDF, DOCX and XLSX.
"""

from __future__ import annotations

import dataclasses
import io

import docx
import openpyxl
import pytest

from kormo.documents.render import build_document, labels, render
from kormo.documents.render.common import plan_heading
from kormo.domain.plan import Plan, PlanKind
from tests.documents.conftest import load, needs_poppler, pdf_text, squash

# A subtitle per form: five-level (seed 001's own), quarterly monitoring (seed 002), work plan
# (seed 003) and register (seed 004).
SUBTITLES = {
    ("001", PlanKind.EGOV_INNOVATION): None,  # the seed's own
    ("002", PlanKind.INTEGRITY): "উপজেলা পর্যায়ের কার্যালয়ের জন্য (সংশোধিত)",
    ("003", PlanKind.INNOVATION_WORK_PLAN): "জানুয়ারি-ডিসেম্বর ২০১৭",
    ("004", PlanKind.INNOVATION_REGISTER): "২য় ত্রৈমাসিক প্রতিবেদনের সংযুক্তি",
}


def plan_with_subtitle(seed: str, kind: PlanKind) -> Plan:
    plan = next(p for p in load(seed) if p.kind is kind)
    subtitle = SUBTITLES[(seed, kind)]
    return plan if subtitle is None else dataclasses.replace(plan, subtitle=subtitle)


CASES = list(SUBTITLES)


def _doc(plan: Plan, lang: str = "bn"):  # type: ignore[no-untyped-def]
    return build_document([plan], "plan" if plan.kind not in (
        PlanKind.INNOVATION_WORK_PLAN, PlanKind.INNOVATION_REGISTER) else "auto", lang=lang)


def test_seed_001s_egov_plan_has_its_subtitle_and_no_note_of_it():
    plan = plan_with_subtitle("001", PlanKind.EGOV_INNOVATION)
    assert plan.subtitle == "মাঠ (জেলা) পর্যায়ের অফিসের জন্য"
    assert plan.subtitle not in plan.notes


@needs_poppler
@pytest.mark.parametrize(("seed", "kind"), CASES)
def test_pdf_prints_the_subtitle_between_the_title_and_the_table(seed, kind):
    plan = plan_with_subtitle(seed, kind)
    text = squash(pdf_text(render(_doc(plan), "pdf")))
    title, subtitle = squash(plan_heading(plan, "bn")), squash(plan.subtitle)
    office = squash(f"{labels.label('office_name', 'bn')}: {plan.office}")
    assert title in text and subtitle in text and office in text
    assert text.index(title) < text.index(subtitle) < text.index(office)
    assert squash(labels.label("notes", "bn")) + subtitle not in text


@pytest.mark.parametrize(("seed", "kind"), CASES)
@pytest.mark.parametrize("lang", ["bn", "en"])
def test_docx_paragraph_after_the_title_is_the_subtitle(seed, kind, lang):
    plan = plan_with_subtitle(seed, kind)
    document = docx.Document(io.BytesIO(render(_doc(plan, lang), "docx")))
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    at = texts.index(plan_heading(plan, lang))
    assert texts[at + 1] == plan.subtitle  # the plan's own words in either language
    assert texts.count(plan.subtitle) == 1  # and not again as a note
    centred = document.paragraphs[[p.text for p in document.paragraphs].index(plan.subtitle)]
    assert centred.alignment == 1  # WD_ALIGN_PARAGRAPH.CENTER


@pytest.mark.parametrize(("seed", "kind"), CASES)
def test_xlsx_document_sheet_lists_the_subtitle_under_the_title(seed, kind):
    plan = plan_with_subtitle(seed, kind)
    book = openpyxl.load_workbook(io.BytesIO(render(_doc(plan), "xlsx")))
    values = [c.value for row in book.worksheets[0].iter_rows() for c in row if c.value]
    title = plan_heading(plan, "bn")
    at = len(values) - 1 - values[::-1].index(title)  # the heading (the sheet's title is A1)
    assert values[at + 1] == plan.subtitle
    assert values.count(plan.subtitle) == 1


def test_a_plan_without_subtitle_prints_no_empty_line():
    plan = next(p for p in load("001") if p.kind is PlanKind.GRIEVANCE_REDRESS)
    assert plan.subtitle == ""
    document = docx.Document(io.BytesIO(render(_doc(plan), "docx")))
    paragraphs = [p.text for p in document.paragraphs]
    at = paragraphs.index(plan_heading(plan, "bn"))
    assert paragraphs[at + 1].startswith(labels.label("office_name", "bn"))


@pytest.mark.parametrize(("seed", "kind"), CASES)
@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_the_importer_reads_the_subtitle_back(seed, kind, fmt):
    from kormo.importers.api import import_bytes

    plan = plan_with_subtitle(seed, kind)
    result = import_bytes(render(_doc(plan), fmt), f"plan.{fmt}")
    (back,) = [p for p in result.plans if p.kind is kind]
    assert (back.title, back.subtitle) == (plan.title, plan.subtitle)
