"""The hand transcription of seed 000 (Rangpur ICT district office, APA 2022-23).

Every fact below was read off /work/shared/seeds/000_d7a796962de909f2.txt; users rely on them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from kormo.domain import planformat
from kormo.domain.plan import AreaKind, CalculationMethod, Plan, PlanKind, Tier, Unit
from kormo.domain.values import DateValue, Number

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "data" / "seeds" / "000-rangpur-ict-apa-2022-23.json"

OFFICE_REFS = ("1.1.1", "1.2.1", "1.3.1", "1.4.1", "1.5.1", "1.6.1",
               "2.1.1", "2.2.1", "2.3.1", "3.1.1", "3.2.1")
DIRECTORATE = "তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর"
STRATEGY = "প্রয়োজনীয় নির্দেশনা, সহযোগিতা ও বাজেট বরাদ্দ"


def d(text: str) -> DateValue:
    return DateValue(dt.date.fromisoformat(text))


def n(value: int) -> Number:
    return Number(Decimal(value))


@pytest.fixture(scope="module")
def plan() -> Plan:
    plans = planformat.load_path(str(SEED))
    assert len(plans) == 1
    return plans[0]


def test_identity(plan: Plan) -> None:
    assert plan.id == "rangpur-ict-apa-2022-23"
    assert plan.kind is PlanKind.APA
    assert plan.fiscal_year == "2022-23"
    assert plan.office_tier is Tier.DISTRICT
    assert "রংপুর" in plan.office
    assert plan.supervisor == f"মহাপরিচালক, {DIRECTORATE}"
    assert plan.total_weight == 100


def test_sixteen_indicators(plan: Plan) -> None:
    assert len(plan.indicators) == 16
    refs = list(plan.indicator_refs())
    assert refs == [*OFFICE_REFS, "G1.1.1", "G1.2.1", "G1.3.1", "G1.4.1", "G1.5.1"]


def test_area_weights(plan: Plan) -> None:
    assert [(a.number, a.kind, a.weight) for a in plan.areas] == [
        ("1", AreaKind.OFFICE, 25),
        ("2", AreaKind.OFFICE, 25),
        ("3", AreaKind.OFFICE, 20),
        ("1", AreaKind.GOVERNANCE, 30),
    ]
    assert sum(a.weight for a in plan.areas if a.kind is AreaKind.OFFICE) == 70
    assert sum(a.weight for a in plan.areas) == plan.total_weight


def test_indicator_weights_sum_to_area_weight(plan: Plan) -> None:
    for area in plan.areas:
        assert sum(i.weight for i in area.indicators) == area.weight, area.number
    weights = {ref: i.weight for ref, i in plan.indicator_refs().items()}
    assert [weights[r] for r in OFFICE_REFS] == [4, 5, 5, 4, 4, 3, 9, 8, 8, 10, 10]


def test_governance_indicators(plan: Plan) -> None:
    expected = {
        "G1.1.1": (PlanKind.INTEGRITY, 10),
        "G1.2.1": (PlanKind.EGOV_INNOVATION, 10),
        "G1.3.1": (PlanKind.GRIEVANCE_REDRESS, 4),
        "G1.4.1": (PlanKind.CITIZENS_CHARTER, 3),
        "G1.5.1": (PlanKind.RIGHT_TO_INFORMATION, 3),
    }
    for ref, (feeds, weight) in expected.items():
        ind = plan.indicator(ref)
        assert ind is not None, ref
        assert (ind.feeds_from, ind.weight) == (feeds, weight), ref
        assert ind.unit is Unit.MARKS
        assert ind.unit_label == "প্রাপ্ত নম্বর"
        assert ind.calculation_method is CalculationMethod.CUMULATIVE
        assert ind.levels.is_empty()
    assert plan.indicator("G1.1.1").name == "শুদ্ধাচার কর্মপরিকল্পনা বাস্তবায়িত"


def test_calculation_methods_and_units(plan: Plan) -> None:
    for ref in OFFICE_REFS:
        ind = plan.indicator(ref)
        if ref in ("2.1.1", "2.3.1"):
            assert (ind.calculation_method, ind.unit, ind.unit_label) == (
                CalculationMethod.DATE, Unit.DATE, "তারিখ")
        else:
            assert (ind.calculation_method, ind.unit, ind.unit_label) == (
                CalculationMethod.SUM, Unit.COUNT, "সংখ্যা")


def test_levels_of_1_2_1(plan: Plan) -> None:
    ind = plan.indicator("1.2.1")
    assert ind.name == "প্রদানকৃত পরামর্শ/সেবা"
    assert ind.levels.as_pairs() == (
        (100, n(350)), (90, n(300)), (80, n(250)), (70, n(200)), (60, n(150)))
    assert [(y.fiscal_year, y.value) for y in ind.projections] == [
        ("2023-24", n(400)), ("2024-25", n(450))]


def test_levels_of_2_1_1_damaged_row(plan: Plan) -> None:
    ind = plan.indicator("2.1.1")
    assert ind.levels.as_pairs() == (
        (100, d("2022-12-12")), (90, d("2023-01-31")), (80, d("2023-02-28")),
        (70, None), (60, None))
    assert [(y.fiscal_year, y.value) for y in ind.actuals] == [
        ("2020-21", d("2020-12-12")), ("2021-22", d("2021-12-12"))]
    assert [(y.fiscal_year, y.value) for y in ind.projections] == [
        ("2023-24", d("2023-12-12")), ("2024-25", d("2024-12-12"))]
    assert any("2.1.1" in s.place for s in plan.source_notes)


def test_2_3_1_has_only_the_100_level(plan: Plan) -> None:
    ind = plan.indicator("2.3.1")
    assert ind.levels.as_pairs()[0] == (100, d("2022-10-18"))
    assert all(v is None for _, v in ind.levels.as_pairs()[1:])
    assert all(y.value is None for y in (*ind.actuals, *ind.projections))


def test_actuals_of_1_1_1(plan: Plan) -> None:
    ind = plan.indicator("1.1.1")
    assert [(y.fiscal_year, y.value, y.provisional) for y in ind.actuals] == [
        ("2020-21", n(100), False), ("2021-22", n(100), True)]
    assert ind.levels.as_pairs() == (
        (100, n(100)), (90, n(90)), (80, n(80)), (70, n(70)), (60, n(60)))


def test_empty_actual_cells_are_none(plan: Plan) -> None:
    assert [y.value for y in plan.indicator("1.3.1").actuals] == [None, None]
    assert [y.value for y in plan.indicator("3.1.1").actuals] == [n(25), None]
    assert [y.value for y in plan.indicator("3.2.1").actuals] == [None, n(20)]


def test_1_6_1_kept_as_written(plan: Plan) -> None:
    ind = plan.indicator("1.6.1")
    assert [v for _, v in ind.levels.as_pairs()] == [n(8), n(8), n(7), n(6), n(5)]
    assert [y.value for y in ind.projections] == [n(4), n(8)]
    assert any("1.6.1" in s.place for s in plan.source_notes)


def test_outcomes(plan: Plan) -> None:
    assert len(plan.outcomes) == 11
    first = plan.outcomes[0]
    assert first.indicator == "ডি-নথি প্রশিক্ষণের প্রশিক্ষণার্থী"
    assert [(y.value, y.provisional) for y in first.actuals] == [(n(100), False), (n(100), True)]
    assert first.target == n(100)
    assert [y.value for y in first.projections] == [n(120), n(130)]
    assert [o.outcome for o in plan.outcomes].count("মানব সম্পদ উন্নয়ন") == 2
    digital_day = plan.outcomes[6]
    assert digital_day.unit is Unit.DATE
    assert digital_day.target == d("2022-12-12")
    assert all(o.joint_responsibility.startswith(DIRECTORATE) for o in plan.outcomes)


def test_section_1(plan: Plan) -> None:
    assert plan.vision == "জ্ঞানভিত্তিক অর্থনীতি ও সুশাসন প্রতিষ্ঠায় তথ্য প্রযুক্তির ব্যবহার"
    assert plan.mission.startswith("তথ্য প্রযুক্তি খাতের সর্বোত্তম ব্যবহার")
    assert len(plan.functions) == 7
    assert plan.functions[6] == "জেলা ও উপজেলা পর্যায়ে তথ্য প্রযুক্তির কারিগরী পরামর্শ প্রদান।"


def test_overview(plan: Plan) -> None:
    assert plan.overview is not None
    assert "৯৮১৩২ জন উপকারভোগীদের" in plan.overview.achievements
    assert plan.overview.challenges
    assert plan.overview.future_plans
    assert len(plan.overview.expected_achievements) == 6


def test_acronyms(plan: Plan) -> None:
    assert [(a.short, a.meaning) for a in plan.acronyms] == [
        ("আইসিটি", "তথ্য ও যোগাযোগ প্রযুক্তি"),
        ("আইসিটি অধিদপ্তর", DIRECTORATE),
        ("ই-সার্ভিস", "ইলেকট্রনিক সার্ভিস"),
        ("ডি-নথি", "ডিজিটাল নথি"),
        ("প্রোগ্রামিং", "প্রোগ্রামিং ভাষা"),
    ]


def test_parties_commitments_and_signatures(plan: Plan) -> None:
    office = ("প্রোগ্রামার", "জেলা কার্যালয়, রংপুর, আইসিটি অধিদপ্তর")
    dg = ("মহাপরিচালক", DIRECTORATE)
    assert [(p.post, p.office) for p in plan.preamble_parties] == [office, dg]
    assert len(plan.commitments) == 2
    assert all(c.startswith("আমি, ") for c in plan.commitments)
    assert [(s.party.post, s.party.office, s.role, s.signed_on) for s in plan.signatures] == [
        (*office, "office", dt.date(2022, 6, 29)),
        (*dg, "supervisor", dt.date(2022, 6, 29)),
    ]


def test_annex_2_on_every_office_indicator(plan: Plan) -> None:
    for ref in OFFICE_REFS:
        ind = plan.indicator(ref)
        assert ind.implementing_unit, ref
        assert ind.evidence, ref
    assert plan.indicator("1.3.1").implementing_unit == (
        "তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর, জেলা কার্যালয়, রংপুর")
    assert plan.indicator("3.2.1").evidence == "নোটিশ, উপস্থিতির কপি"


def test_annex_3_dependencies(plan: Plan) -> None:
    with_dep = {ref for ref, i in plan.indicator_refs().items() if i.dependency is not None}
    assert with_dep == {"1.1.1", "1.4.1", "2.1.1", "2.2.1", "2.3.1", "3.1.1", "3.2.1"}
    for ref in with_dep - {"1.4.1"}:
        dep = plan.indicator(ref).dependency
        assert (dep.offices, dep.strategy) == (DIRECTORATE, STRATEGY), ref
    labs = plan.indicator("1.4.1").dependency
    assert labs.offices == "জেলার ও উপজেলার শেখ রাসেল ডিজিটাল ল্যাব প্রাপ্ত শিক্ষা প্রতিস্থানসমূহ"
    assert labs.strategy == "শিক্ষা প্রতিস্থানসমূহ খোলা থাকার উপর নির্ভরশীল"


def test_notes_on_the_source(plan: Plan) -> None:
    assert any("4-8" in note for note in plan.notes)
    assert any("preamble" in s.place for s in plan.source_notes)


def test_round_trip(plan: Plan) -> None:
    assert planformat.loads(planformat.dumps([plan])) == [plan]
