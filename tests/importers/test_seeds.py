"""The five seeds import with the structure and values of their hand transcriptions.

Each seed (/work/shared/seeds/*.txt: text copied out of Word/PDF, with OCR noise) is imported
and compared field by field with data/seeds/*.json (see `compare.py` for what is compared). The
hand transcriptions' source_notes record every judgement call; the importer reaches the same
reading by its rules and flags the cell, and the tests below name those calls one by one.

Where the two differ, `KNOWN_DIFFERENCES` names the field and says why; today there is none.
`EXPECTED_FLAGS` lists every flagged cell of every seed (code and place); the reasons are
asserted to exist in both languages and to point at a source line.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from kormo.domain import planformat
from kormo.domain.plan import AreaKind, Plan, PlanKind, Quarter, Tier, Unit
from kormo.domain.values import Blank, DateValue, Money, Number, Percent
from kormo.importers import FlagCode as F
from kormo.importers import ImportResult, import_file
from tests.importers.compare import plan_differences

REPO = Path(__file__).resolve().parents[2]
SEEDS = Path("/work/shared/seeds")
if not SEEDS.is_dir():  # CI checks shared/ out beside the repository
    SEEDS = REPO.parent / "shared" / "seeds"
SEED_IDS = ("000", "001", "002", "003", "004")

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts are not here")


@cache
def imported(seed: str) -> ImportResult:
    return import_file(next(SEEDS.glob(f"{seed}_*.txt")))


@cache
def hand(seed: str) -> tuple[Plan, ...]:
    return tuple(planformat.load_path(str(next((REPO / "data" / "seeds").glob(f"{seed}-*.json")))))


# Fields where the import and the hand transcription differ, with the reason. None today: every
# judgement call of the source notes is reached by a rule (and flagged, below).
KNOWN_DIFFERENCES: dict[str, dict[str, Any]] = {seed: {} for seed in SEED_IDS}


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_imports_the_plans_of_the_hand_transcription(seed: str) -> None:
    got, want = imported(seed).plans, hand(seed)
    assert [(p.kind, p.fiscal_year, p.office) for p in got] == \
        [(p.kind, p.fiscal_year, p.office) for p in want]


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_imports_field_by_field_as_transcribed(seed: str) -> None:
    got, want = imported(seed).plans, hand(seed)
    differences = {
        f"plan {i} {path}": values
        for i, (g, w) in enumerate(zip(got, want, strict=True))
        for path, values in plan_differences(g, w).items()
    }
    assert differences == KNOWN_DIFFERENCES[seed]


EXPECTED_FLAGS: dict[str, list[tuple[F, str]]] = {
    "000": [
        (F.TEXT_JOINED, "plan 0 / 1.2.1"),
        (F.LEVELS_REPEATED, "plan 0 / 1.6.1 / levels"),
        (F.SHIFTED_PROJECTION, "plan 0 / 2.1.1 / levels.60"),
        (F.TOTAL_COMPUTED, "plan 0 / total_weight"),
        (F.MATCHED_BY_TEXT, "plan 0 / 2.3.1 / dependency"),
        (F.MATCHED_BY_TEXT, "plan 0 / 2.2.1 / dependency"),
        (F.MATCHED_BY_TEXT, "plan 0 / 2.1.1 / dependency"),
        (F.MATCHED_BY_TEXT, "plan 0 / 1.1.1 / dependency"),
        (F.MATCHED_BY_TEXT, "plan 0 / 3.2.1 / dependency"),
        (F.MATCHED_BY_TEXT, "plan 0 / 3.1.1 / dependency"),
        (F.MATCHED_BY_TEXT, "plan 0 / 1.4.1 / dependency"),
    ],
    "001": [
        (F.OCR_CORRECTED, "plan 0 / title"),
        (F.OCR_CORRECTED, "plan 0 / header"),
        (F.OCR_CORRECTED, "plan 0 / header"),
        (F.OCR_CORRECTED, "plan 0 / header"),
        (F.OCR_CORRECTED, "plan 0 / header"),
        (F.OCR_CORRECTED, "plan 0 / header"),
        (F.OCR_CORRECTED, "plan 0 / header"),
        (F.OCR_CORRECTED, "plan 0 / header"),
        (F.OCR_CORRECTED, "plan 0 / header"),
        (F.AREA_UNNAMED, "plan 0 / area 1"),
        (F.OCR_CORRECTED, "plan 0 / 1.1"),
        (F.COLUMN_NUMBERS, "plan 0 / 1.4"),
        (F.YEAR_CORRECTED, "plan 0 / 2.1"),
        (F.NAME_FROM_ACTIVITY, "plan 0 / 2.1.1"),
        (F.OCR_CORRECTED, "plan 0 / area 3"),
        (F.NAME_FROM_ACTIVITY, "plan 0 / 3.1.1"),
        (F.DATE_FOR_COUNT, "plan 0 / 1.1.1 / progress.Q2"),
        (F.NOT_KEPT, "plan 0 / 1.3.1 / score"),
        (F.YEAR_CORRECTED, "plan 0 / 2.1.1 / annual_target"),
        (F.FILL_ARTEFACT, "plan 0 / 2.1.1"),
        (F.NOT_KEPT, "plan 0 / 2.1.1 / progress"),
        (F.PERCENT_FROM_UNIT, "plan 0 / 3.1.1 / annual_target"),
        (F.FILL_ARTEFACT, "plan 0 / 3.1.1"),
        (F.NOT_KEPT, "plan 0 / 3.1.1 / progress"),
        (F.AREA_UNNAMED, "plan 1 / area 1"),
        (F.AREA_UNNAMED, "plan 1 / area 2"),
        (F.AREA_UNNAMED, "plan 1 / area 3"),
        (F.AREA_UNNAMED, "plan 1 / area 4"),
        (F.AREA_UNNAMED, "plan 1 / area 5"),
        (F.AREA_UNNAMED, "plan 1 / area 6"),
        (F.LEVEL_DIGIT_EXTRA, "plan 1 / 5.1.1 / levels.100"),
        (F.WEIGHT_SHARED, "plan 2 / 1.1.1"),
        (F.WEIGHT_MISSING, "plan 2 / 1.2.1"),
        (F.FALLBACK, "plan 2 / 1.1.1"),
        (F.MOVED, "plan 2 / 2.1"),
        (F.LEVELS_DOUBTFUL, "plan 2 / 1.1.1 / levels"),
        (F.NOT_KEPT, "plan 2 / 1.1.1"),
        (F.LEVELS_DOUBTFUL, "plan 2 / 2.1.1 / levels"),
        (F.TOTAL_COMPUTED, "plan 2 / total_weight"),
        (F.OCR_CORRECTED, "plan 3 / header"),
        (F.NO_INDICATOR, "plan 3 / 1.2"),
        (F.TOTAL_COMPUTED, "plan 3 / total_weight"),
        (F.YEAR_CORRECTED, "plan 4 / title"),
        (F.RENUMBERED, "plan 4 / 1.3"),
        (F.WEIGHT_SHARED, "plan 4 / 1.2.1"),
        (F.RENUMBERED, "plan 4 / 1.3.1"),
        (F.WEIGHT_MISSING, "plan 4 / 1.3.1"),
        (F.TOTAL_COMPUTED, "plan 4 / total_weight"),
    ],
    "002": [
        (F.DITTO, "plan 0 / 1.2.1 / responsible"),
        (F.EMPTY_ROW, "plan 0 / 3.1"),
        (F.EMPTY_ROW, "plan 0 / 3.2"),
        (F.NAME_FROM_ACTIVITY, "plan 0 / 8.1.1"),
        (F.NAME_FROM_ACTIVITY, "plan 0 / 8.2.1"),
        (F.NAME_FROM_ACTIVITY, "plan 0 / 8.3.1"),
        # "৩০/৬/২1": Bengali and Latin digits in one number (issue 12 rule 9).
        (F.NUMBER_DOUBTFUL, "plan 0 / 1.3.1 / annual_target"),
        (F.SHIFTED, "plan 0 / 2.2.1 / remarks"),
        (F.NUMBER_DOUBTFUL, "plan 0 / 4.1.1 / annual_target"),
        (F.NUMBER_DOUBTFUL, "plan 0 / 4.2.1 / annual_target"),
        (F.DATE_OUTSIDE_YEAR, "plan 0 / 4.2.1 / progress.Q1"),
        (F.DATE_OUTSIDE_QUARTER, "plan 0 / 4.6.1 / Q2"),
        (F.DATE_OUTSIDE_YEAR, "plan 0 / 7.2.1 / Q1"),
        (F.DATE_OUTSIDE_YEAR, "plan 0 / 7.2.1 / progress.Q1"),
        (F.YEAR_DIGIT_LOST, "plan 0 / 9.1.1 / Q2"),
        (F.MONEY_IN_LAKH_UNIT, "plan 0 / 10.1.1 / annual_target"),
        (F.MONEY_IN_LAKH_UNIT, "plan 0 / 10.1.1 / Q1"),
        (F.MONEY_IN_LAKH_UNIT, "plan 0 / 10.1.1 / Q2"),
        (F.MONEY_IN_LAKH_UNIT, "plan 0 / 10.1.1 / Q3"),
        (F.MONEY_IN_LAKH_UNIT, "plan 0 / 10.1.1 / Q4"),
        (F.TRAILING_MARK, "plan 0 / 11.2.1 / progress.Q1"),
        (F.TOTAL_COMPUTED, "plan 0 / total_weight"),
        (F.OFFICE_SPLIT, "plan 0 / office"),
    ],
    "003": [
        (F.QUANTITY_TEXT, "plan 0 / work item long 12 / quantity"),
        (F.QUANTITY_TEXT, "plan 0 / work item long 14 / quantity"),
        (F.SHIFTED, "plan 0 / work item other 1 / period"),
        (F.MERGED_CELL, "plan 0 / work item short 2 / period"),
        (F.MERGED_CELL, "plan 0 / work item short 3 / period"),
        (F.MERGED_CELL, "plan 0 / work item short 4 / period"),
        (F.MERGED_CELL, "plan 0 / work item short 5 / period"),
        (F.MERGED_CELL, "plan 0 / work item short 6 / period"),
        (F.MERGED_CELL, "plan 0 / work item medium 2 / period"),
        (F.MERGED_CELL, "plan 0 / work item medium 3 / period"),
        (F.PERIOD_AFTER_TABLE, "plan 0 / work item long 1 / period"),
        (F.PERIOD_AFTER_TABLE, "plan 0 / work item long 2 / period"),
        (F.PERIOD_AFTER_TABLE, "plan 0 / work item long 3 / period"),
        (F.PERIOD_AFTER_TABLE, "plan 0 / work item long 4 / period"),
        (F.PERIOD_AFTER_TABLE, "plan 0 / work item long 5 / period"),
        (F.PERIOD_AFTER_TABLE, "plan 0 / work item long 6 / period"),
        (F.PERIOD_AFTER_TABLE, "plan 0 / work item long 7 / period"),
        (F.PERIOD_AFTER_TABLE, "plan 0 / work item long 8 / period"),
        (F.PERIOD_AFTER_TABLE, "plan 0 / work item long 9 / period"),
        (F.PERIOD_AFTER_TABLE, "plan 0 / work item long 10 / period"),
        (F.PERIOD_AFTER_TABLE, "plan 0 / work item long 11 / period"),
        (F.PERIOD_AFTER_TABLE, "plan 0 / work item long 12 / period"),
        (F.PERIOD_AFTER_TABLE, "plan 0 / work item long 13 / period"),
        (F.PERIOD_AFTER_TABLE, "plan 0 / work item long 14 / period"),
        (F.MERGED_CELL, "plan 0 / work item other 2 / period"),
        (F.MERGED_CELL, "plan 0 / work item other 3 / period"),
        (F.MERGED_CELL, "plan 0 / work item other 4 / period"),
    ],
    "004": [
        (F.TABLE_SKIPPED, "document"),
        (F.TABLE_SKIPPED, "document"),
        (F.RENUMBERED, "plan 0 / 1.2.2"),
        (F.UNIT_INFERRED, "plan 0 / 1.2.2"),
        (F.PERCENT_FROM_UNIT, "plan 0 / 1.3.1 / progress.Q2"),
        (F.SHIFTED, "plan 0 / 2.1.1 / levels"),
        (F.WEIGHT_TRUNCATED, "plan 0 / area 1 / weight"),
        (F.WEIGHT_TRUNCATED, "plan 0 / area 2 / weight"),
        (F.TOTAL_COMPUTED, "plan 0 / total_weight"),
        (F.DERIVED_DIFFERS, "plan 0 / 1.3.1 / progress.Q2"),
        (F.TEXT_JOINED, "plan 1 / register 2"),
        (F.REGISTER_REASON, "plan 1 / register 4 / working"),
        (F.YEAR_FROM_REPORT, "plan 1 / fiscal_year"),
    ],
}


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_flags_every_doubtful_cell_listed(seed: str) -> None:
    assert [(f.code, f.place) for f in imported(seed).flags] == EXPECTED_FLAGS[seed]


@pytest.mark.parametrize("seed", SEED_IDS)
def test_every_flag_says_why_in_both_languages_and_where(seed: str) -> None:
    for flag in imported(seed).flags:
        assert flag.reason_bn and flag.reason_en, flag
        computed = flag.code in (F.TOTAL_COMPUTED, F.YEAR_FROM_REPORT)
        assert computed or flag.source.line is not None, flag


def _flag(seed: str, code: F, place: str):  # type: ignore[no-untyped-def]
    return next(f for f in imported(seed).flags if f.code is code and f.place == place)


# ---------------------------------------------------------------- the judgement calls, by seed


def test_seed_000_projections_slid_into_the_levels_are_moved_back() -> None:
    ind = imported("000").plans[0].indicator("2.1.1")
    assert ind is not None
    assert ind.levels.v70 is None and ind.levels.v60 is None
    assert [(y.fiscal_year, y.value) for y in ind.projections] == [
        ("2023-24", DateValue(dt.date(2023, 12, 12))),
        ("2024-25", DateValue(dt.date(2024, 12, 12)))]
    flag = _flag("000", F.SHIFTED_PROJECTION, "plan 0 / 2.1.1 / levels.60")
    assert flag.source.line == 143


def test_seed_000_repeated_level_kept_as_written_and_flagged() -> None:
    ind = imported("000").plans[0].indicator("1.6.1")
    assert ind is not None
    assert [v for _, v in ind.levels.as_pairs()] == [Number(Decimal(n)) for n in (8, 8, 7, 6, 5)]
    assert _flag("000", F.LEVELS_REPEATED, "plan 0 / 1.6.1 / levels").kept == "8/8/7/6/5"


def test_seed_000_governance_area_feeds_from_the_action_plans() -> None:
    plan = imported("000").plans[0]
    gov = [a for a in plan.areas if a.kind is AreaKind.GOVERNANCE]
    assert [(i.number, i.unit, i.feeds_from) for i in gov[0].indicators] == [
        ("1.1.1", Unit.MARKS, PlanKind.INTEGRITY), ("1.2.1", Unit.MARKS, PlanKind.EGOV_INNOVATION),
        ("1.3.1", Unit.MARKS, PlanKind.GRIEVANCE_REDRESS),
        ("1.4.1", Unit.MARKS, PlanKind.CITIZENS_CHARTER),
        ("1.5.1", Unit.MARKS, PlanKind.RIGHT_TO_INFORMATION)]
    assert plan.indicator("G1.2.1").name == "ই-গভর্ন্যান্স/ উদ্ভাবন কর্মপরিকল্পনা বাস্তবায়িত"
    assert _flag("000", F.TEXT_JOINED, "plan 0 / 1.2.1").source.line == 154


def test_seed_000_annex_3_rows_are_matched_by_their_words() -> None:
    matched = [f.place for f in imported("000").flags if f.code is F.MATCHED_BY_TEXT]
    assert matched == [f"plan 0 / {n} / dependency" for n in
                       ("2.3.1", "2.2.1", "2.1.1", "1.1.1", "3.2.1", "3.1.1", "1.4.1")]


def test_seed_001_ocr_confusions_are_corrected_and_flagged() -> None:
    nis = imported("001").plans[0]
    assert nis.title.startswith("আঞ্চলিক/স্মার্ট পর্যায়ের কার্যালয়ের শুদ্ধাচার কৌশল")
    assert nis.areas[0].activities[0].name == "নৈতিকতা কর্মসূচির সভা আয়োজন"
    fixed = {f.kept for f in imported("001").flags if f.code is F.OCR_CORRECTED}
    assert fixed == {"শুদ্ধাচার", "লক্ষ্যমাত্রা", "কোয়ার্টার", "নৈতিকতা", "কার্যক্রম"}


def test_seed_001_year_2026_is_read_as_2023() -> None:
    nis = imported("001").plans[0]
    ind = nis.indicator("2.1.1")
    assert ind is not None and ind.name.startswith("২০২৩-২৪ অর্থ বছরের")
    assert ind.annual_target == DateValue(dt.date(2023, 7, 31))
    assert ind.quarterly_targets == ((Quarter.Q1, DateValue(dt.date(2023, 7, 31))),)
    assert _flag("001", F.YEAR_CORRECTED, "plan 0 / 2.1.1 / annual_target").kept == "2023"
    assert _flag("001", F.FILL_ARTEFACT, "plan 0 / 2.1.1").source.line == 25
    assert imported("001").plans[4].title.startswith("তথ্য অধিকার বিষয়ে ২০২৩-২৪ অর্থবছরের")


def test_seed_001_grievance_table_is_reconstructed() -> None:
    grs = imported("001").plans[2]
    assert [(a.number, a.name, a.weight) for a in grs.areas] == [
        ("1", "প্রাতিষ্ঠানিক", Decimal(20)), ("2", "সক্ষমতা অর্জন", Decimal(5))]
    first = grs.indicator("1.1.1")
    assert first is not None and first.fallback_for == "1.1" and first.weight == 15
    assert first.remarks.startswith("যদি কোনো অফিসে জিআরএস সিস্টেমে")
    assert grs.indicator("1.2.1").weight is None
    moved = grs.indicator("2.1.1")
    assert moved is not None and moved.weight == 5 and moved.levels.v100 == Number(Decimal(2))
    assert moved.levels.v90 is None
    assert _flag("001", F.MOVED, "plan 2 / 2.1").source.line == 58
    assert _flag("001", F.LEVELS_DOUBTFUL, "plan 2 / 1.1.1 / levels").kept == "2"


def test_seed_001_rti_duplicate_activity_is_renumbered_1_3() -> None:
    rti = imported("001").plans[4]
    assert [a.number for a in rti.areas[1].activities] == ["1.2", "1.3"]
    assert [(i.number, i.unit, i.weight) for i in rti.areas[1].indicators] == [
        ("1.2.1", Unit.DATE, Decimal(1)), ("1.3.1", Unit.COUNT, None)]
    assert _flag("001", F.RENUMBERED, "plan 4 / 1.3").kept == "1.3"


def test_seed_001_level_64_in_a_4_3_2_1_run_is_read_as_4() -> None:
    ind = imported("001").plans[1].indicator("5.1.1")
    assert ind is not None and ind.levels.v100 == Number(Decimal(4))
    assert ind.levels.v60 == Blank("-")
    assert _flag("001", F.LEVEL_DIGIT_EXTRA, "plan 1 / 5.1.1 / levels.100").written == "৬৪"


def test_seed_001_citizens_charter_note_marks_activities_not_for_upazila() -> None:
    cc = imported("001").plans[3]
    tiers = {a.number: a.not_applicable_tiers for ar in cc.areas for a in ar.activities}
    assert tiers == {"1.1": (), "1.2": (Tier.UPAZILA,), "2.1": (Tier.UPAZILA,)}


def test_seed_002_first_quarter_report_keeps_q1_achievements_only() -> None:
    plan = imported("002").plans[0]
    assert {p.quarter for p in plan.progress} == {Quarter.Q1}
    assert len(plan.progress) == 37
    assert plan.office == "উপজেলা সমবায় কার্যালয়, কালীগঞ্জ, ঝিনাইদহ"
    assert _flag("002", F.OFFICE_SPLIT, "plan 0 / office").source.line == 3


def test_seed_002_repairs_of_dates_money_and_ditto() -> None:
    plan = imported("002").plans[0]
    assert plan.indicator("9.1.1").quarterly_target(Quarter.Q2) == DateValue(dt.date(2020, 12, 30))
    assert plan.indicator("10.1.1").annual_target == Money(Decimal(12000))
    assert plan.indicator("1.2.1").responsible == "ইউসিও"
    p = next(p for p in plan.progress if p.indicator == "11.2.1")
    assert p.value == DateValue(dt.date(2020, 9, 25))
    assert _flag("002", F.YEAR_DIGIT_LOST, "plan 0 / 9.1.1 / Q2").kept == "2020"
    assert _flag("002", F.TRAILING_MARK, "plan 0 / 11.2.1 / progress.Q1").source.line == 93


def test_seed_002_area_headings_give_weights_notes_and_choices() -> None:
    plan = imported("002").plans[0]
    assert [(a.number, a.weight) for a in plan.areas] == [
        (str(n), None if w is None else Decimal(w)) for n, w in
        zip(range(1, 12), (11, 7, 10, 14, 13, 5, 16, 6, 3, 5, None), strict=True)]
    assert plan.areas[7].choose_at_least == 3
    assert plan.total_weight == 100


def test_seed_003_merged_periods_and_the_period_after_the_table() -> None:
    items = imported("003").plans[0].work_items
    assert {w.period for w in items if w.term == "long"} == {"জানুয়ারি-ডিসেম্বর ২০১৭"}
    assert items[7].quantity is not None and items[7].quantity.expression == "6×20"
    codes = [f.code for f in imported("003").flags]
    assert codes.count(F.MERGED_CELL) == 10 and codes.count(F.PERIOD_AFTER_TABLE) == 14


def test_seed_004_area_weights_3_and_2_are_read_30_and_20() -> None:
    plan = imported("004").plans[0]
    assert [a.weight for a in plan.areas] == [Decimal(30), Decimal(20)]
    assert plan.total_weight == 50
    assert _flag("004", F.WEIGHT_TRUNCATED, "plan 0 / area 1 / weight").written == "৩"
    assert _flag("004", F.WEIGHT_TRUNCATED, "plan 0 / area 2 / weight").written == "২"


def test_seed_004_duplicate_121_is_renumbered_122() -> None:
    ind = imported("004").plans[0].indicator("1.2.2")
    assert ind is not None and ind.weight == 7 and ind.unit is Unit.DATE and ind.unit_label == ""
    assert _flag("004", F.RENUMBERED, "plan 0 / 1.2.2").source.line == 15
    assert _flag("004", F.UNIT_INFERRED, "plan 0 / 1.2.2").kept == "date"


def test_seed_004_enothi_evidence_becomes_the_inputs_of_the_rate() -> None:
    plan = imported("004").plans[0]
    assert plan.indicator("1.3.1").derivation == "enothi_disposal_rate"
    p = next(p for p in plan.progress if p.indicator == "1.3.1")
    assert p.value == Percent(Decimal(61))
    inputs = dict(p.inputs)
    assert inputs["e_disposals"] == 2236 and inputs["hard_file_disposals"] == 1439
    assert sum(v for k, v in inputs.items() if k.startswith("hard_files_branch_")) == 1439
    assert "60.84" in _flag("004", F.DERIVED_DIFFERS, "plan 0 / 1.3.1 / progress.Q2").reason_en


def test_seed_004_shifted_levels_and_register() -> None:
    plan, register = imported("004").plans
    ind = plan.indicator("2.1.1")
    assert [v for _, v in ind.levels.as_pairs()] == [Number(Decimal(n)) for n in (4, 3, 2, 1)] + [
        None]
    assert [p.indicator for p in plan.progress] == ["1.2.1", "1.3.1", "1.4.1"]
    assert [(e.number, e.working, e.recipients_get_result) for e in register.register] == [
        ("1", True, True), ("2", True, True), ("3", True, True), ("4", False, None),
        ("5", True, True)]
    assert register.fiscal_year == "2022-23"
    assert [f.code for f in imported("004").flags if f.place == "document"] == [
        F.TABLE_SKIPPED, F.TABLE_SKIPPED]
