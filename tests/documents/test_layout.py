"""The format-neutral layer: which document is built from which plans, the catalogue, and
tables whose spans fill a rectangular grid (so every writer can place every cell)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from kormo.documents.render import DocumentKind, build_document
from kormo.documents.render import labels as catalogue
from kormo.documents.render.apa import annexed_plans
from kormo.documents.render.layout import latest_quarter
from kormo.documents.render.model import Cell, place_cells
from kormo.domain.errors import InputError
from kormo.domain.plan import PlanKind, Quarter
from kormo.domain.scoring import score_plans
from tests.documents.conftest import SEED_FILES, combined_plans, load

RENDER = Path(__file__).resolve().parents[2] / "src" / "kormo" / "documents" / "render"

ALL_DOCUMENTS = [
    (key, kind)
    for key in (*SEED_FILES, "combined")
    for kind in ("auto", "plan", "progress", "evaluation", "apa")
    if not (kind in ("progress", "evaluation") and key == "003")
    and not (kind == "apa" and key not in ("000", "combined"))
]


def _plans(key: str):  # type: ignore[no-untyped-def]
    return combined_plans() if key == "combined" else load(key)


@pytest.mark.parametrize(("key", "kind"), ALL_DOCUMENTS)
def test_every_table_fills_a_rectangular_grid(key, kind):
    for lang in ("bn", "en"):
        doc = build_document(_plans(key), kind, lang=lang)
        assert doc.tables(), (key, kind)
        for table in doc.tables():
            rows = (*table.header, *table.body)
            width = len(table.columns)
            filled: dict[int, int] = {}
            for r, c, cell in place_cells(rows):
                assert c + cell.colspan <= width, (table.sheet, r)
                for dr in range(cell.rowspan):
                    filled[r + dr] = filled.get(r + dr, 0) + cell.colspan
            assert set(filled.values()) == {width}, table.sheet
            assert max(filled) == len(rows) - 1


def test_place_cells_follows_html_span_rules():
    a, b, c, d, e = (Cell(x) for x in "abcde")
    tall = Cell("t", rowspan=2)
    wide = Cell("w", colspan=2)
    placed = place_cells([(tall, wide), (a, b), (c, d, e)])
    assert [(r, col, cell.text) for r, col, cell in placed] == [
        (0, 0, "t"), (0, 1, "w"), (1, 1, "a"), (1, 2, "b"), (2, 0, "c"), (2, 1, "d"),
        (2, 2, "e")]


def test_auto_chooses_the_apa_when_the_file_has_one_else_each_plan():
    apa = build_document(load("000"))
    assert apa.sections[0].cover and apa.title == "বার্ষিক কর্মসম্পাদন চুক্তি ২০২২-২৩"
    plans = build_document(load("001"))
    headings = [h.text for h in plans.headings(level=1)]
    assert len(headings) == 5 and headings[0].startswith("আঞ্চলিক/স্মার্ট পর্যায়ের")


def test_apa_document_needs_an_apa_and_a_known_plan_id():
    with pytest.raises(InputError) as no_apa:
        build_document(load("002"), DocumentKind.APA)
    assert "এপিএ" in no_apa.value.bn and "APA" in no_apa.value.en
    with pytest.raises(InputError) as unknown:
        build_document(load("000"), "apa", plan_id="no-such-plan")
    assert unknown.value.place == "no-such-plan"
    with pytest.raises(InputError):
        build_document([], "auto")
    with pytest.raises(InputError):
        build_document(load("003"), "progress")  # a work plan has no indicators
    with pytest.raises(ValueError):
        build_document(load("000"), "auto", lang="fr")


def test_action_plans_are_annexed_by_parent_or_by_office_and_year():
    plans = combined_plans()
    annexes = annexed_plans(plans[0], plans)
    assert list(annexes) == [PlanKind.INTEGRITY, PlanKind.EGOV_INNOVATION,
                             PlanKind.GRIEVANCE_REDRESS, PlanKind.CITIZENS_CHARTER,
                             PlanKind.RIGHT_TO_INFORMATION]
    apa = plans[0]
    orphan = replace(load("002")[0], office=apa.office, fiscal_year=apa.fiscal_year)
    assert annexed_plans(apa, [apa, orphan]) == {PlanKind.INTEGRITY: orphan}
    assert annexed_plans(apa, [apa, load("002")[0]]) == {}


def test_progress_report_defaults_to_the_latest_reported_quarter():
    assert latest_quarter(load("004")) is Quarter.Q2
    assert latest_quarter(load("000")) is Quarter.Q1
    doc = build_document(load("004"), "progress", plan_id="dte-egov-innovation-2022-23")
    assert doc.file_stem == "dte-egov-innovation-2022-23-progress-q2-bn"
    (table,) = doc.tables()
    # seed 004's layout: the plan's five-level form plus the quarter's and the cumulative
    # achievement and the evidence, and a row of column numbers
    assert [c.text for c in table.header[0]] == [
        "ক্রম", "কার্যক্রমের ক্ষেত্র", "মান", "কার্যক্রম", "কর্মসম্পাদন সূচক", "একক",
        "কর্মসম্পাদন সূচকের মান",
        "লক্ষ্যমাত্রা ২০২২-২০২৩", "অর্জন (২য় কোয়ার্টার)", "এ পর্যন্ত অর্জন", "প্রমাণক"]
    assert [c.text for c in table.header[3]][-1] == "১৫"
    enothi = next(r for r in table.body if any(c.text.startswith("[১.৩.১] ") for c in r))
    # one figure per row: the quarter's value as scoring reads it equals the so-far value
    assert [c.text for c in enothi][-3:-1] == ["৬০.৮৪%", "৬০.৮৪%"]


def test_evaluation_totals_are_the_scoring_engines():
    plans = combined_plans()
    scores = {s.plan_id: s for s in score_plans(plans)}
    doc = build_document(plans, "evaluation")
    summary = doc.tables()[0]
    assert len(summary.body) == 6  # the APA and its five action plans
    apa = summary.body[0]
    assert apa[1].value is not None
    assert float(apa[1].value) == pytest.approx(scores["rangpur-ict-apa-2022-23"].total)
    assert float(apa[3].value) == pytest.approx(scores["rangpur-ict-apa-2022-23"].percent)
    # the governance indicator takes the integrity plan's score (DOMAIN.md, Scoring §5)
    apa_table = doc.tables()[1]
    integrity = next(r for r in apa_table.body
                     if any(c.text.startswith("[১.১.১] শুদ্ধাচার") for c in r))
    governance = scores["rangpur-ict-apa-2022-23"].indicator("G1.1.1")
    assert float(integrity[-1].value) == pytest.approx(governance.score)
    assert governance.linked_plan == "kaliganj-cooperative-nis-2020-21"
    total = apa_table.body[-1]
    assert total[0].text == "সর্বমোট"
    assert float(total[-1].value) == pytest.approx(scores["rangpur-ict-apa-2022-23"].total)


def test_the_catalogue_has_both_languages_and_only_bengali_script():
    # a few entries are empty in one language by grammar ("-এর মধ্যে স্বাক্ষরিত" / "between")
    one_sided = {"between", "signed_between_suffix"}
    for key, (bn, en) in catalogue._LABELS.items():
        assert (bn and en) or key in one_sided, key
        assert not re.search(r"[\u0980-\u09ff]", en), key
    # every Indic letter in the renderer's source is Bengali (no look-alike from another
    # script slipped in); the danda "।" is shared with Devanagari
    for path in RENDER.glob("*.py"):
        text = path.read_text("utf-8")
        others = {ch for ch in text if 0x0900 <= ord(ch) <= 0x0DFF
                  and not 0x0980 <= ord(ch) <= 0x09FF and ch not in "।॥"}
        assert not others, (path.name, others)


def test_level_names_and_office_nouns_follow_the_forms():
    assert [catalogue.level_name(p) for p in (100, 90, 80, 70, 60)] == [
        "অসাধারণ", "অতি উত্তম", "উত্তম", "চলতি মান", "চলতি মানের নিম্নে"]
    assert [catalogue.level_name(p, "en") for p in (100, 60)] == ["Excellent", "Poor"]
    assert catalogue.office_noun(load("000")[0].office_tier) == "জেলা / সার্কেল অফিসের"
    assert catalogue.unit_name(load("000")[0].indicators[0].unit, "en") == "count"


def test_render_imports_only_the_domain_and_file_libraries():
    """documents/render is pure (STYLE.md): no Django, no Django app, no CLI."""
    import ast

    allowed_kormo = ("kormo.domain", "kormo.documents.render")
    for path in RENDER.glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith("django"), (path.name, name)
                if name.startswith("kormo"):
                    assert name.startswith(allowed_kormo), (path.name, name)
