"""The hand transcription of seed 003 (Kushtia district innovation team, work plan 2017).

Every fact below was read off /work/shared/seeds/003_d6d4229359c49ae2.txt.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from kormo.domain import planformat
from kormo.domain.plan import Plan, PlanKind, Tier, WorkItem

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "data" / "seeds" / "003-kushtia-innovation-work-plan-2017.json"

PERIODS = {
    "short": ("জানুয়ারি-মার্চ ২০১৭", dt.date(2017, 1, 1), dt.date(2017, 3, 31)),
    "medium": ("জানুয়ারি-জুন ২০১৭", dt.date(2017, 1, 1), dt.date(2017, 6, 30)),
    "long": ("জানুয়ারি-ডিসেম্বর ২০১৭", dt.date(2017, 1, 1), dt.date(2017, 12, 31)),
    "other": ("জানুয়ারি-ডিসেম্বর ২০১৭", dt.date(2017, 1, 1), dt.date(2017, 12, 31)),
}


@pytest.fixture(scope="module")
def plan() -> Plan:
    plans = planformat.load_path(str(SEED))
    assert len(plans) == 1
    return plans[0]


def item(plan: Plan, term: str, number: str) -> WorkItem:
    (found,) = [w for w in plan.work_items if w.term == term and w.number == number]
    return found


def test_identity(plan: Plan) -> None:
    assert plan.id == "kushtia-innovation-work-plan-2017"
    assert plan.kind is PlanKind.INNOVATION_WORK_PLAN
    assert plan.fiscal_year == "2017"
    assert plan.office == "কুষ্টিয়া জেলা ইনোভেশন টিম"
    assert plan.office_tier is Tier.DISTRICT
    assert plan.title == "কুষ্টিয়া জেলা ইনোভেশন টিম কর্তৃক গৃহীত বার্ষিক কর্মপরিকল্পনা-২০১৭"
    assert plan.areas == ()


def test_27_items_by_term(plan: Plan) -> None:
    assert len(plan.work_items) == 27
    assert Counter(w.term for w in plan.work_items) == {
        "short": 6, "medium": 3, "long": 14, "other": 4
    }
    for term, count in (("short", 6), ("medium", 3), ("long", 14), ("other", 4)):
        numbers = [w.number for w in plan.work_items if w.term == term]
        assert numbers == [str(i) for i in range(1, count + 1)]


def test_subjects(plan: Plan) -> None:
    assert item(plan, "short", "1").subject == "সিটিজেন চার্টার"
    assert item(plan, "short", "6").subject == "মেন্টর তৈরী"
    assert item(plan, "medium", "2").subject == "প্রশিক্ষণ/কর্মশালা"
    assert item(plan, "long", "14").subject == "গ্রামবাতায়ন (Village Portal)"
    assert [w.subject for w in plan.work_items if w.term == "other"] == [
        "ইউডিসি", "ওয়েব পোর্টাল", "এমএমসি", "ই-নথি"
    ]


def test_quantities(plan: Plan) -> None:
    q = item(plan, "short", "1").quantity
    assert q is not None
    assert (q.value, q.unit_label, q.text) == (Decimal(70), "টি দপ্তর", "৭০ টি দপ্তর")

    q = item(plan, "short", "2").quantity
    assert q is not None
    assert (q.value, q.unit_label) == (Decimal(220), "টি ফেসবুক পেজ")

    q = item(plan, "short", "6").quantity
    assert q is not None
    assert (q.value, q.unit_label, q.text) == (Decimal(7), "জন", "০৭ জন")

    q = item(plan, "medium", "2").quantity
    assert q is not None
    assert (q.value, q.unit_label, q.expression, q.text) == (
        Decimal(120), "জন", "6×20", "৬×২০=১২০ জন"
    )
    assert Decimal(6) * Decimal(20) == q.value

    q = item(plan, "long", "12").quantity
    assert q is not None
    assert (q.value, q.text) == (Decimal(25), "২৫টি (জেলা, উপজেলা, ইউনিয়ন)")

    q = item(plan, "long", "14").quantity
    assert q is not None
    assert (q.value, q.unit_label, q.text) == (Decimal(105), "টি", "১০৫টি (পূর্বের ৬৫টিসহ)")


def test_all_long_term_quantities(plan: Plan) -> None:
    values = [w.quantity.value for w in plan.work_items if w.term == "long" and w.quantity]
    assert values == [12, 10, 10, 8, 25, 25, 14, 10, 1, 150, 12, 25, 15, 105]


def test_periods_apply_to_whole_groups(plan: Plan) -> None:
    for w in plan.work_items:
        assert (w.period, w.period_start, w.period_end) == PERIODS[w.term], (w.term, w.number)


def test_other_items_are_bullet_lists(plan: Plan) -> None:
    others = [w for w in plan.work_items if w.term == "other"]
    assert [len(w.actions) for w in others] == [6, 6, 5, 4]
    for w in others:
        assert w.quantity is None
        assert w.plan == ""
        for action in w.actions:
            assert "●" not in action and "<" not in action and action == action.strip()
    assert others[0].actions[0] == "সকল ইউডিসির মাধ্যমে অনলাইনে পল্লী বিদ্যুতের বিল গ্রহণ নিশ্চিতকরণ।"
    assert others[3].actions[-1] == "সফল ই-নথি ব্যবহারকারীদের পুরস্কার প্রদান।"


def test_non_other_items_have_plan_text(plan: Plan) -> None:
    for w in plan.work_items:
        if w.term != "other":
            assert w.plan and w.actions == () and w.quantity is not None


def test_source_notes_explain_merged_periods(plan: Plan) -> None:
    text = " ".join(n.note for n in plan.source_notes)
    assert "Merged cell" in text
    assert "after the table" in text
