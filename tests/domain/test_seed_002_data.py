"""The hand transcription of seed 002 (Kaliganj upazila cooperative office, NIS 2020-21, Q1).

Every fact below was read off /work/shared/seeds/002_120f2a24ce1055b0.txt; users rely on them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from kormo.domain import planformat
from kormo.domain.plan import Plan, PlanKind, Quarter, Tier, Unit
from kormo.domain.values import Blank, DateValue, Money, Number, Percent

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "data" / "seeds" / "002-kaliganj-cooperative-nis-2020-21.json"

HEADING_WEIGHTS = {"1": 11, "2": 7, "3": 10, "4": 14, "5": 13, "6": 5, "7": 16, "8": 6,
                   "9": 3, "10": 5, "11": None}


def d(text: str) -> DateValue:
    return DateValue(dt.date.fromisoformat(text))


def n(value: int) -> Number:
    return Number(Decimal(value))


def pct(value: int) -> Percent:
    return Percent(Decimal(value))


@pytest.fixture(scope="module")
def plan() -> Plan:
    plans = planformat.load_path(str(SEED))
    assert len(plans) == 1
    return plans[0]


def q1(plan: Plan, ref: str):
    found = [p for p in plan.progress if p.indicator == ref and p.quarter is Quarter.Q1]
    assert len(found) <= 1
    return found[0].value if found else None


def test_plan_head(plan: Plan) -> None:
    assert plan.kind is PlanKind.INTEGRITY
    assert plan.fiscal_year == "2020-21"
    assert plan.office_tier is Tier.UPAZILA
    assert plan.office == "উপজেলা সমবায় কার্যালয়, কালীগঞ্জ, ঝিনাইদহ"
    assert "জুলাই-সেপ্টেম্বর/২০" in plan.title
    assert plan.total_weight == Decimal(100)
    [sig] = plan.signatures
    assert sig.party.name == "মোঃ আসলাম আলী ভূইয়া"
    assert sig.party.post == "উপজেলা সমবায় অফিসার"
    assert sig.signed_on is None


def test_areas_and_heading_weights(plan: Plan) -> None:
    got = {a.number: (None if a.weight is None else int(a.weight)) for a in plan.areas}
    assert got == HEADING_WEIGHTS
    assert [a.number for a in plan.areas] == list(HEADING_WEIGHTS)
    names = {a.number: a.name for a in plan.areas}
    assert names["1"] == "প্রাতিষ্ঠানিক ব্যবস্থা"
    assert names["7"] == "স্বচ্ছতা ও জবাবদিহি শক্তিশালীকরণ"
    assert names["10"] == "অর্থ বরাদ্দ"
    assert names["11"] == "পরিবীক্ষণ ও মূল্যায়ন"


def test_area_8_choose_at_least_3(plan: Plan) -> None:
    choose = {a.number: a.choose_at_least for a in plan.areas}
    assert choose.pop("8") == 3
    assert set(choose.values()) == {None}
    area8 = next(a for a in plan.areas if a.number == "8")
    assert "কমপক্ষে 3টি কার্যক্রম" in area8.note
    assert [a.number for a in area8.activities] == ["8.1", "8.2", "8.3"]
    for act in area8.activities:
        [ind] = act.indicators
        assert ind.weight is None
        assert ind.name == act.name


def test_activity_counts_and_numbering(plan: Plan) -> None:
    counts = {a.number: len(a.activities) for a in plan.areas}
    assert counts == {"1": 4, "2": 3, "3": 0, "4": 6, "5": 6, "6": 3, "7": 6, "8": 3, "9": 1,
                      "10": 1, "11": 5}
    for area in plan.areas:
        for act in area.activities:
            assert act.number.split(".")[0] == area.number
            [ind] = act.indicators
            assert ind.number == act.number + ".1"


def test_weights_as_printed(plan: Plan) -> None:
    by_area = {a.number: sum((i.weight or 0) for i in a.indicators) for a in plan.areas}
    # area 7's indicators sum to 15 although its heading says 16 (kept as printed)
    assert by_area["7"] == 15
    assert by_area["11"] == 10
    for num in ("1", "2", "4", "5", "6", "9", "10"):
        assert by_area[num] == HEADING_WEIGHTS[num]
    headings = sum(w for w in HEADING_WEIGHTS.values() if w is not None)
    assert headings + by_area["11"] == 100


def test_indicator_1_1_1(plan: Plan) -> None:
    ind = plan.indicator("1.1.1")
    assert ind is not None
    assert ind.name == "আনুষ্ঠিত সভা"
    assert ind.weight == Decimal(4)
    assert ind.unit is Unit.COUNT
    assert ind.unit_label == "সংখ্যা"
    assert ind.responsible == "ইউসিও"
    assert ind.annual_target == n(8)
    assert ind.quarterly_targets == tuple((q, n(1)) for q in Quarter)


def test_ditto_responsible(plan: Plan) -> None:
    ind = plan.indicator("1.2.1")
    assert ind is not None
    assert ind.responsible == "ইউসিও"
    assert ind.unit is Unit.PERCENT
    assert ind.annual_target == pct(100)
    assert plan.indicator("1.3.1").responsible == ""  # not printed


def test_date_targets(plan: Plan) -> None:
    ind = plan.indicator("1.3.1")
    assert ind.unit is Unit.DATE
    assert ind.annual_target == d("2021-06-30")  # ৩০/৬/২1
    assert dict(ind.quarterly_targets) == {
        Quarter.Q1: d("2020-09-30"), Quarter.Q2: d("2020-12-31"),
        Quarter.Q3: d("2021-03-31"), Quarter.Q4: d("2021-06-30"),
    }
    assert plan.indicator("9.1.1").quarterly_target(Quarter.Q2) == d("2020-12-30")  # ৩০/১২/২০২
    assert plan.indicator("7.1.1").quarterly_target(Quarter.Q3) == d("2021-03-03")
    assert plan.indicator("7.1.1").quarterly_target(Quarter.Q1) is None  # empty cell
    assert plan.indicator("4.2.1").annual_target == d("2021-06-25")
    assert plan.indicator("11.3.1").annual_target == d("2021-06-21")


def test_money_target(plan: Plan) -> None:
    ind = plan.indicator("10.1.1")
    assert ind.unit is Unit.LAKH_TAKA
    assert ind.unit_label == "লক্ষ টাকা"
    assert ind.weight == Decimal(5)
    assert ind.annual_target == Money(Decimal(12000))
    assert ind.quarterly_targets == tuple((q, Money(Decimal(3000))) for q in Quarter)


def test_blank_and_missing_targets(plan: Plan) -> None:
    tender = plan.indicator("5.4.1")
    assert tender.annual_target is None
    assert tender.quarterly_targets == tuple((q, Blank("-")) for q in Quarter)
    conf = plan.indicator("5.2.1")
    assert conf.annual_target is None
    assert dict(conf.quarterly_targets) == {Quarter.Q1: n(1), Quarter.Q3: n(1),
                                            Quarter.Q4: n(1)}
    plan_sub = plan.indicator("11.3.1")
    assert dict(plan_sub.quarterly_targets) == {
        Quarter.Q1: Blank("-"), Quarter.Q2: Blank("-"), Quarter.Q3: Blank("-"),
        Quarter.Q4: d("2021-06-25"),
    }


def test_remarks(plan: Plan) -> None:
    assert plan.indicator("2.2.1").remarks == "সমবায় কর্ম কর্তৃক কর্মচারী বৃন্দ"
    assert [i.number for i in plan.indicators if i.remarks] == ["2.2.1"]


def test_q1_achievements(plan: Plan) -> None:
    assert q1(plan, "1.1.1") == n(1)
    assert q1(plan, "1.2.1") == pct(100)
    assert q1(plan, "1.3.1") == d("2020-09-30")
    assert q1(plan, "1.4.1") == Blank("---")
    assert q1(plan, "2.2.1") == n(5)
    assert q1(plan, "4.2.1") == d("2020-02-26")  # as written, before the fiscal year
    assert q1(plan, "4.5.1") == n(4)
    assert q1(plan, "4.6.1") == Blank("-")
    assert q1(plan, "5.4.1") == Blank("--")
    assert q1(plan, "7.2.1") == d("2020-06-30")
    assert q1(plan, "8.2.1") == n(100)
    assert q1(plan, "10.1.1") == Blank("-")
    assert q1(plan, "11.1.1") == d("2020-09-25")
    assert q1(plan, "11.2.1") == d("2020-09-25")  # ২৫/০৯/২০-
    assert q1(plan, "11.3.1") is None  # empty achievement row


def test_progress_is_q1_only(plan: Plan) -> None:
    assert len(plan.progress) == 37
    assert {p.quarter for p in plan.progress} == {Quarter.Q1}
    refs = [p.indicator for p in plan.progress]
    assert len(set(refs)) == len(refs)
    assert set(refs) <= set(plan.indicator_refs())
    assert set(plan.indicator_refs()) - set(refs) == {"11.3.1"}


def test_doubts_are_noted(plan: Plan) -> None:
    places = {note.place for note in plan.source_notes}
    for place in ("4.2.1", "9.1.1", "11.2.1", "10.1.1", "7.1.1", "area 3", "area 7",
                  "area 11", "area 8 (8.1-8.3)"):
        assert place in places, place
    assert all(note.note for note in plan.source_notes)


def test_round_trip(plan: Plan) -> None:
    assert planformat.loads(planformat.dumps([plan])) == [plan]
