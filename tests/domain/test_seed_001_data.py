"""The hand transcription of seed 001 (a polytechnic institute's five action plans, 2023-24).

Every fact below was read off /work/shared/seeds/001_715fbbefce1466f7.txt; users rely on them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from kormo.domain import planformat
from kormo.domain.plan import Plan, PlanKind, Quarter, Tier, Unit
from kormo.domain.values import Blank, DateValue, Number, Percent

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "data" / "seeds" / "001-polytechnic-action-plans-2023-24.json"
OFFICE = "কেন্দ্রী পলিটেকনিক ইনস্টিটিউট, কেন্দ্রী"
KINDS = (PlanKind.INTEGRITY, PlanKind.EGOV_INNOVATION, PlanKind.GRIEVANCE_REDRESS,
         PlanKind.CITIZENS_CHARTER, PlanKind.RIGHT_TO_INFORMATION)
OCR_SLIPS = ("নক্ষ্যমাত্রা", "অর্ডাল", "খুঁটাতার", "লৈতিকতা", "কর্মক্রম", "২০২৬")


def d(text: str) -> DateValue:
    return DateValue(dt.date.fromisoformat(text))


def n(value: int) -> Number:
    return Number(Decimal(value))


def pct(value: int) -> Percent:
    return Percent(Decimal(value))


@pytest.fixture(scope="module")
def plans() -> dict[PlanKind, Plan]:
    loaded = planformat.load_path(str(SEED))
    assert tuple(p.kind for p in loaded) == KINDS
    return {p.kind: p for p in loaded}


def test_five_plans(plans: dict[PlanKind, Plan]) -> None:
    assert len(plans) == 5
    for plan in plans.values():
        assert plan.fiscal_year == "2023-24"
        assert plan.office == OFFICE
        assert plan.office_tier is Tier.INSTITUTION
        assert plan.kind.is_action_plan
        assert plan.source_notes
        assert any(n.place == "office" for n in plan.source_notes)
    assert len({p.id for p in plans.values()}) == 5


def test_known_ocr_slips_corrected(plans: dict[PlanKind, Plan]) -> None:
    for plan in plans.values():
        texts = [plan.title, *plan.notes]
        for area in plan.areas:
            texts.append(area.name)
            for act in area.activities:
                texts.append(act.name)
                texts.extend(i.name for i in act.indicators)
        for text in texts:
            for slip in OCR_SLIPS:
                assert slip not in text, (plan.kind, text)


# ---------------------------------------------------------------- integrity


def test_integrity_structure(plans: dict[PlanKind, Plan]) -> None:
    plan = plans[PlanKind.INTEGRITY]
    assert plan.title == "আঞ্চলিক/স্মার্ট পর্যায়ের কার্যালয়ের শুদ্ধাচার কৌশল কর্ম পরিকল্পনা, ২০২৩-২০২৪"
    assert [a.number for a in plan.areas] == ["1", "2", "3"]
    assert all(a.weight is None for a in plan.areas)  # no area weights printed
    assert plan.total_weight is None
    assert [a.name for a in plan.areas[1:]] == [
        "ক্রয়ের ক্ষেত্রে শুদ্ধাচার", "শুদ্ধাচার সংশ্লিষ্ট এবং দুর্নীতি প্রতিরোধে সহায়ক কার্যক্রম"]
    assert [act.number for act in plan.areas[0].activities] == ["1.1", "1.2", "1.3", "1.4"]
    assert plan.areas[0].activities[0].name == "নৈতিকতা কর্মসূচির সভা আয়োজন"
    assert plan.areas[0].activities[3].indicators == ()  # 1.4's row is lost
    assert list(plan.indicator_refs()) == ["1.1.1", "1.2.1", "1.3.1", "2.1.1", "3.1.1"]
    assert [int(i.weight) for i in plan.indicators] == [2, 2, 1, 2, 2]


def test_integrity_targets(plans: dict[PlanKind, Plan]) -> None:
    plan = plans[PlanKind.INTEGRITY]
    meeting = plan.indicator("1.1.1")
    assert meeting.unit is Unit.COUNT
    assert meeting.annual_target == n(1)
    assert meeting.quarterly_targets == ((Quarter.Q2, n(1)),)
    assert meeting.responsible.startswith("জনাব মোঃ আমিনুল ইসলাম ভূঞা")
    assert plan.indicator("1.2.1").annual_target == n(2)
    training = plan.indicator("1.3.1")
    assert training.annual_target == n(60)
    assert dict(training.quarterly_targets) == {Quarter.Q2: n(20), Quarter.Q4: n(20)}
    procurement = plan.indicator("2.1.1")
    assert procurement.unit is Unit.DATE
    assert procurement.annual_target == d("2023-07-31")  # printed ৩১/০৭/২০২৬
    register = plan.indicator("3.1.1")
    assert register.unit is Unit.PERCENT
    assert register.annual_target == pct(100)


def test_integrity_progress(plans: dict[PlanKind, Plan]) -> None:
    plan = plans[PlanKind.INTEGRITY]
    [progress] = plan.progress
    assert progress.indicator == "1.1.1"
    assert progress.quarter is Quarter.Q2
    assert progress.value == d("2023-10-23")  # a date where a count is expected: noted
    assert any(n.place == "1.1.1 Q2 achievement" for n in plan.source_notes)


# ---------------------------------------------------------------- e-governance & innovation


def test_egov_indicators(plans: dict[PlanKind, Plan]) -> None:
    plan = plans[PlanKind.EGOV_INNOVATION]
    assert plan.title == "ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা ২০২৩-২৪"
    refs = plan.indicator_refs()
    assert list(refs) == ["1.1.1", "2.1.1", "3.1.1", "4.1.1", "5.1.1", "5.1.2", "6.1.1"]
    assert [int(i.weight) for i in refs.values()] == [12, 5, 10, 8, 7, 3, 5]
    assert [i.unit for i in refs.values()] == [
        Unit.DATE, Unit.COUNT, Unit.DATE, Unit.PERCENT, Unit.COUNT, Unit.COUNT, Unit.COUNT]


def test_egov_levels(plans: dict[PlanKind, Plan]) -> None:
    plan = plans[PlanKind.EGOV_INNOVATION]
    idea = plan.indicator("1.1.1")
    assert [v for _, v in idea.levels.as_pairs()] == [
        d("2024-03-16"), d("2024-03-23"), d("2024-03-30"), d("2024-04-06"), d("2024-04-13")]
    assert [v for _, v in plan.indicator("3.1.1").levels.as_pairs()] == [
        d("2024-04-15"), d("2024-04-21"), d("2024-04-28"), d("2024-05-05"), d("2024-05-11")]
    assert [v for _, v in plan.indicator("4.1.1").levels.as_pairs()] == [
        pct(80), pct(75), pct(70), pct(65), pct(60)]
    assert [v for _, v in plan.indicator("2.1.1").levels.as_pairs()] == [
        n(4), n(3), n(2), n(1), Blank("-")]
    assert [v for _, v in plan.indicator("5.1.1").levels.as_pairs()] == [
        n(4), n(3), n(2), n(1), Blank("-")]  # 100 % printed ৬৪: evident 4, noted
    assert [v for _, v in plan.indicator("6.1.1").levels.as_pairs()] == [
        n(2), Blank("-"), n(1), Blank("-"), Blank("-")]
    assert plan.progress == ()


# ---------------------------------------------------------------- grievance redress


def test_grievance_redress(plans: dict[PlanKind, Plan]) -> None:
    plan = plans[PlanKind.GRIEVANCE_REDRESS]
    assert [(a.name, int(a.weight)) for a in plan.areas] == [
        ("প্রাতিষ্ঠানিক", 20), ("সক্ষমতা অর্জন", 5)]
    assert list(plan.indicator_refs()) == ["1.1.1", "1.2.1", "2.1.1"]
    fallback = plan.indicator("1.1.1")
    assert fallback.fallback_for == "1.1"
    assert "অভিযোগ পাওয়া না যায়" in fallback.remarks
    assert fallback.weight == Decimal(15)
    assert fallback.levels.v100 == n(2)
    assert plan.indicator("1.2.1").weight is None
    assert plan.indicator("2.1.1").weight == Decimal(5)
    assert plan.indicator("2.1.1").levels.v100 == n(2)


# ---------------------------------------------------------------- citizen's charter


def test_citizens_charter(plans: dict[PlanKind, Plan]) -> None:
    plan = plans[PlanKind.CITIZENS_CHARTER]
    assert [(a.name, int(a.weight)) for a in plan.areas] == [
        ("প্রাতিষ্ঠানিক কার্যক্রম", 18), ("বাস্তবায়ন সক্ষমতা উন্নয়ন", 7)]
    tiers = {act.number: act.not_applicable_tiers for a in plan.areas for act in a.activities}
    assert tiers == {"1.1": (), "1.2": (Tier.UPAZILA,), "2.1": (Tier.UPAZILA,)}
    assert any("উপজেলা পর্যায়ের কার্যালয়ের ক্ষেত্রে প্রযোজ্য হবে না" in note
               for note in plan.notes)
    charter = plan.indicator("1.1.1")
    assert charter.weight == Decimal(10)
    assert [v for _, v in charter.levels.as_pairs()] == [n(4), n(3), n(2), n(1), None]
    training = plan.indicator("2.1.1")
    assert training.weight == Decimal(7)
    assert [v for _, v in training.levels.as_pairs()] == [
        n(1), Blank("-"), Blank("-"), Blank("-"), None]


# ---------------------------------------------------------------- right to information


def test_right_to_information(plans: dict[PlanKind, Plan]) -> None:
    plan = plans[PlanKind.RIGHT_TO_INFORMATION]
    assert "২০২৩-২৪ অর্থবছরের" in plan.title
    assert [(a.name, int(a.weight)) for a in plan.areas] == [
        ("প্রাতিষ্ঠানিক", 1), ("সক্ষমতা বৃদ্ধি", 2)]
    assert list(plan.indicator_refs()) == ["1.1.1", "1.2.1", "1.3.1"]
    disposal = plan.indicator("1.1.1")
    assert disposal.unit is Unit.PERCENT
    assert [v for _, v in disposal.levels.as_pairs()] == [
        pct(100), pct(90), pct(80), Blank("-"), Blank("-")]
    report = plan.indicator("1.2.1")
    assert report.unit is Unit.DATE
    assert [v for _, v in report.levels.as_pairs()] == [
        d("2023-10-15"), d("2023-10-31"), d("2023-11-30"), Blank("-"), Blank("-")]
    assert plan.indicator("1.3.1").unit is Unit.COUNT


def test_round_trip(plans: dict[PlanKind, Plan]) -> None:
    loaded = list(plans.values())
    assert planformat.loads(planformat.dumps(loaded)) == loaded
