"""The review of an import, without a database (`kormo.importers.review`): flags placed on their
cells, corrections read with Bengali or Latin digits, unreadable ones naming their cell, the
plan's source notes; and the document and flags kept as JSON between the review's requests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kormo.domain.plan import Quarter
from kormo.domain.values import DateValue, Money, Number, Percent
from kormo.importers import Flag, import_bytes
from kormo.importers.readers.model import Position, document_from_json, document_to_json
from kormo.importers.review import (
    Change,
    CorrectionError,
    apply_corrections,
    cell_key,
    flag_place,
    merge_changes,
    place_label,
    plan_grid,
    position_label,
    source_notes,
    source_view,
)
from tests.importers import documents as D


@pytest.fixture(scope="module")
def nis():
    return import_bytes(D.nis_xlsx(), "nis.xlsx")


@pytest.fixture(scope="module")
def egov():
    return import_bytes(D.egov_docx(), "plan.docx")


def test_the_document_and_the_flags_survive_json(nis, egov) -> None:
    for result in (nis, egov):
        assert document_from_json(document_to_json(result.document)) == result.document
        assert [Flag.from_json(f.to_json()) for f in result.flags] == result.flags


def test_flag_places_are_split_into_plan_target_and_field() -> None:
    assert flag_place("plan 0 / 2.1.1 / levels.70") == flag_place("plan 0 / 2.1.1 / levels.70")
    p = flag_place("plan 2 / G1.1.1 / progress.Q1")
    assert (p.plan, p.target, p.field) == (2, "G1.1.1", "progress.Q1")
    assert flag_place("document").plan is None
    assert place_label("plan 0 / 2.1.1 / levels.70", "bn") == "[২.১.১] লক্ষ্যমাত্রা ৭০%"
    assert place_label("plan 0 / 2.1.1 / levels.70", "en") == "[2.1.1] target 70%"
    assert place_label("plan 0 / total_weight", "bn") == "মোট মান"
    assert place_label("plan 0 / area 3 / weight", "en") == "area [3] weight"
    assert position_label(Position(3, 0, 5, 87), "bn") == "সারণি ৪, সারি ১, কলাম ৬ (লাইন ৮৭)"
    assert position_label(Position(0, 2, 1, sheet="NIS"), "en") == "sheet NIS, table 1, row 3, " \
                                                                     "column 2"


def test_the_grid_has_a_cell_for_every_value_and_each_flag_on_its_cell(egov) -> None:
    plan = egov.plans[0]
    grid = plan_grid(plan, 0, egov.flags, "bn")
    assert grid.columns == ["weight", "levels.100", "levels.90", "levels.80", "levels.70",
                            "levels.60"]
    rows = [(r.kind, r.number) for r in grid.rows]
    assert rows == [("area", "1"), ("activity", "1.1"), ("indicator", "1.1.1"),
                    ("activity", "1.2"), ("indicator", "1.2.1"), ("area", "2"),
                    ("activity", "2.1"), ("indicator", "2.1.1")]
    cells = {c.key: c.text for r in grid.rows for c in r.cells}
    assert cells[cell_key(0, "1.2.1", "levels.100")] == "৮০%"
    assert cells[cell_key(0, "1.1.1", "levels.60")] == "১৪.০৪.২০২৪"
    assert cells[cell_key(0, "area1", "weight")] == "১০"
    # the one flag (no total printed) lands on the total's cell
    assert [egov.flags[i].code.value for i in grid.total.flags] == ["total_computed"]
    assert grid.unplaced == []
    blocks, where = source_view(egov.document, egov.flags)
    assert where == {0: ""}  # the total has no cell in the file
    assert blocks[0].kind == "paragraph" and blocks[2].kind == "table"


def test_corrections_are_read_in_either_script_and_recorded(nis) -> None:
    plans = nis.plans
    typed = {
        cell_key(0, "1.2.1", "Q1"): "৮০%",
        cell_key(0, "2.1.1", "annual_target"): "15/06/2024",
        cell_key(0, "1.1.1", "progress.Q2"): "২",
        cell_key(0, "1.1.1", "weight"): "৫",
        cell_key(0, "1.1.1", "annual_target"): "৪",  # unchanged: the same value, Bengali
        cell_key(0, "area0", "weight"): "7",
        cell_key(0, "1.2.1", "name"): "  বাস্তবায়িত   সিদ্ধান্তসমূহ ",
        cell_key(0, "1.2.1", "Q2"): "১০০%",  # unchanged: as shown
        "csrfmiddlewaretoken": "x",
    }
    new, changes = apply_corrections(plans, typed)
    plan = new[0]
    ind = plan.indicator("1.2.1")
    assert ind.quarterly_target(Quarter.Q1) == Percent(Decimal(80))
    assert ind.name == "বাস্তবায়িত সিদ্ধান্তসমূহ"
    assert plan.indicator("2.1.1").annual_target == DateValue(dt.date(2024, 6, 15))
    assert plan.indicator("1.1.1").weight == Decimal(5) and plan.areas[0].weight == Decimal(7)
    assert [(p.indicator, p.quarter, p.value) for p in plan.progress if p.indicator == "1.1.1"] \
        == [("1.1.1", Quarter.Q1, Number(Decimal(1))), ("1.1.1", Quarter.Q2, Number(Decimal(2)))]
    assert sorted(c.place for c in changes) == [
        "1.1.1 / progress.Q2", "1.1.1 / weight", "1.2.1 / Q1", "1.2.1 / name",
        "2.1.1 / annual_target", "area 1 / weight"]
    # A second round keeps the first value read and the last one typed; a value typed back to
    # what was read is no change at all.
    again, later = apply_corrections(new, {cell_key(0, "1.2.1", "Q1"): "100%"})
    merged = merge_changes(changes, later)
    assert "1.2.1 / Q1" not in {c.place for c in merged}
    assert again[0].indicator("1.2.1").quarterly_target(Quarter.Q1) == Percent(Decimal(100))


def test_a_lakh_taka_amount_stays_money_as_typed(nis) -> None:
    typed = {cell_key(0, "1.1.1", "annual_target"): "১২,০০০/-"}
    new, _ = apply_corrections(nis.plans, typed)
    assert new[0].indicator("1.1.1").annual_target == Money(Decimal(12000))


def test_unreadable_corrections_name_their_cells_and_change_nothing(nis) -> None:
    typed = {cell_key(0, "1.2.1", "Q3"): "অনেক", cell_key(0, "1.1.1", "weight"): "x",
             cell_key(0, "1.1.1", "name"): " "}
    with pytest.raises(CorrectionError) as info:
        apply_corrections(nis.plans, typed)
    problems = {p.key: (p.bn, p.en) for p in info.value.problems}
    assert problems[cell_key(0, "1.2.1", "Q3")][0].startswith(
        "[১.২.১] ৩ম কোয়ার্টারের লক্ষ্যমাত্রা: “অনেক” ঘরটি বোঝা যায়নি")
    assert problems[cell_key(0, "1.1.1", "weight")][1].startswith("[1.1.1] weight:")
    assert problems[cell_key(0, "1.1.1", "name")][1] == (
        "[1.1.1] indicator's name: the indicator's name cannot be empty")
    assert info.value.en.endswith("(and 2 more)")


def test_source_notes_keep_every_flag_and_correction(egov) -> None:
    plan = egov.plans[0]
    changes = [Change(cell_key(0, "plan", "total_weight"), 0, "total_weight", "30", "30.5"),
               Change(cell_key(0, "2.1.1", "levels.60"), 0, "2.1.1 / levels.60", "-", "0")]
    notes = source_notes(plan, 0, egov.flags, changes)
    assert [n.place for n in notes] == ["total_weight", "2.1.1 / levels.60"]
    assert notes[0].note.startswith("Corrected on review from “30” to “30.5”. no total is "
                                    "printed")
    assert notes[0].note.endswith("[total_computed]")
    assert notes[1].note == "Corrected on review from “-” to “0”."
