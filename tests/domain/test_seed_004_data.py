"""The hand transcription of seed 004 (Directorate of Technical Education, e-governance and
innovation plan 2022-23 with its second-quarter progress report, and the register of earlier
innovations).

Every fact below was read off /work/shared/seeds/004_6855e44dd3650a70.txt.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from kormo.domain import planformat
from kormo.domain.plan import Plan, PlanKind, ProgressValue, Quarter, Tier, Unit
from kormo.domain.values import DateValue, Number, Percent

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "data" / "seeds" / "004-dte-egov-innovation-2022-23.json"
OFFICE = "কারিগরি শিক্ষা অধিদপ্তর"

WEIGHTS = {
    "1.1.1": 10, "1.2.1": 2, "1.2.2": 7, "1.3.1": 4, "1.4.1": 4, "1.4.2": 3,
    "2.1.1": 6, "2.2.1": 3, "2.2.2": 3, "2.2.3": 3, "2.2.4": 2, "2.2.5": 3,
}
BRANCHES = (328, 54, 65, 127, 110, 191, 57, 70, 12, 59, 297, 69)


def d(text: str) -> DateValue:
    return DateValue(dt.date.fromisoformat(text))


def pc(value: int) -> Percent:
    return Percent(Decimal(value))


def n(value: int) -> Number:
    return Number(Decimal(value))


@pytest.fixture(scope="module")
def plans() -> list[Plan]:
    return planformat.load_path(str(SEED))


@pytest.fixture(scope="module")
def egov(plans: list[Plan]) -> Plan:
    return plans[0]


@pytest.fixture(scope="module")
def register(plans: list[Plan]) -> Plan:
    return plans[1]


def progress(plan: Plan, ref: str) -> ProgressValue:
    (found,) = [p for p in plan.progress if p.indicator == ref]
    return found


def test_two_plans(plans: list[Plan]) -> None:
    assert [(p.id, p.kind) for p in plans] == [
        ("dte-egov-innovation-2022-23", PlanKind.EGOV_INNOVATION),
        ("dte-innovation-register-2022-23", PlanKind.INNOVATION_REGISTER),
    ]
    for p in plans:
        assert p.fiscal_year == "2022-23"
        assert p.office == OFFICE
        assert p.office_tier is Tier.DIRECTORATE


def test_egov_identity(egov: Plan) -> None:
    assert egov.title == "ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা, ২০২২-২০২৩"
    assert egov.total_weight == 50


def test_indicators_and_weights(egov: Plan) -> None:
    refs = egov.indicator_refs()
    assert list(refs) == list(WEIGHTS)
    assert {r: i.weight for r, i in refs.items()} == WEIGHTS


def test_area_weights_sum(egov: Plan) -> None:
    assert [(a.number, a.name, a.weight) for a in egov.areas] == [
        ("1", "ই-গভর্ন্যান্স ও উদ্ভাবন সংক্রান্ত কার্যক্রম জোরদারকরণ", 30),
        ("2", "প্রাতিষ্ঠানিক দক্ষতা বৃদ্ধি", 20),
    ]
    for area in egov.areas:
        assert sum(i.weight or 0 for i in area.indicators) == area.weight
    assert sum(a.weight or 0 for a in egov.areas) == egov.total_weight


def test_levels_of_1_1_1(egov: Plan) -> None:
    i = egov.indicator("1.1.1")
    assert i is not None and i.unit is Unit.DATE
    assert [v for _, v in i.levels.as_pairs()] == [
        d("2023-05-04"), d("2023-05-11"), d("2023-05-18"), d("2023-05-25"), d("2023-05-31")
    ]


def test_second_1_2_1_is_1_2_2(egov: Plan) -> None:
    i = egov.indicator("1.2.2")
    assert i is not None
    assert i.name.endswith("সেবাসমূহ চালুকৃত")
    assert i.unit is Unit.DATE and i.weight == 7
    assert i.levels.v100 == d("2023-05-04") and i.levels.v60 == d("2023-05-31")
    assert any("[১.২.২]" in s.place for s in egov.source_notes)


def test_levels_of_1_2_1_have_blanks(egov: Plan) -> None:
    i = egov.indicator("1.2.1")
    assert i is not None
    assert [v for _, v in i.levels.as_pairs()] == [
        d("2022-10-13"), d("2022-10-27"), d("2022-11-10"), None, None
    ]


def test_levels_of_1_3_1(egov: Plan) -> None:
    i = egov.indicator("1.3.1")
    assert i is not None
    assert i.unit is Unit.PERCENT
    assert i.derivation == "enothi_disposal_rate"
    assert [v for _, v in i.levels.as_pairs()] == [pc(85), pc(80), pc(75), pc(70), pc(60)]


def test_count_levels(egov: Plan) -> None:
    def levels(ref: str) -> list[object]:
        i = egov.indicator(ref)
        assert i is not None and i.unit is Unit.COUNT
        return [v for _, v in i.levels.as_pairs()]

    assert levels("2.1.1") == [n(4), n(3), n(2), n(1), None]  # the shifted row, read evidently
    assert levels("1.4.2") == [n(2), None, n(1), None, None]
    assert levels("2.2.1") == [n(4), None, n(3), n(2), None]


def test_other_date_and_percent_levels(egov: Plan) -> None:
    i = egov.indicator("2.2.4")
    assert i is not None
    assert i.levels.v100 == d("2023-01-31")  # printed ৩১/০১.২০২৩
    i = egov.indicator("2.2.2")
    assert i is not None
    assert [v for _, v in i.levels.as_pairs()] == [pc(85), pc(70), pc(60), pc(55), pc(50)]
    i = egov.indicator("2.2.5")
    assert i is not None
    assert [v for _, v in i.levels.as_pairs()] == [d("2023-05-31"), d("2023-06-30"), None,
                                                    None, None]
    i = egov.indicator("1.4.1")
    assert i is not None
    assert i.levels.v100 == d("2022-10-31") and i.levels.v60 == d("2022-12-29")


def test_q2_progress(egov: Plan) -> None:
    assert [(p.indicator, p.quarter) for p in egov.progress] == [
        ("1.2.1", Quarter.Q2), ("1.3.1", Quarter.Q2), ("1.4.1", Quarter.Q2)
    ]
    assert progress(egov, "1.2.1").value == d("2022-10-10")
    assert progress(egov, "1.3.1").value == pc(61)
    assert progress(egov, "1.4.1").value == d("2022-10-10")
    for p in egov.progress:
        assert p.evidence
    assert any("ই-নথিতে ডাক ও নোট নিষ্পত্তির হার" in e for e in progress(egov, "1.3.1").evidence)


def test_enothi_inputs(egov: Plan) -> None:
    p = progress(egov, "1.3.1")
    inputs = dict(p.inputs)
    assert inputs["e_disposals"] == 2236
    assert inputs["hard_file_disposals"] == 1439
    branches = tuple(inputs[f"hard_files_branch_{k}"] for k in range(1, 13))
    assert branches == BRANCHES
    assert sum(branches) == 1439 == inputs["hard_file_disposals"]
    e, hard = inputs["e_disposals"], inputs["hard_file_disposals"]
    rate = e / (e + hard) * 100
    assert rate.quantize(Decimal("0.01"), ROUND_HALF_UP) == Decimal("60.84")
    assert rate.quantize(Decimal(1), ROUND_HALF_UP) == 61
    assert "শাখা-১ ৩২৮" in p.remarks and "শাখা-১২ ৬৯" in p.remarks and "১৪৩৯" in p.remarks


def test_signature(egov: Plan) -> None:
    (s,) = egov.signatures
    assert s.party.name == "মফিজুল ইসলাম"
    assert s.party.post == "সহকারি পরিচালক"
    assert s.signed_on == dt.date(2023, 2, 20)


def test_unmodelled_parts_are_notes(egov: Plan) -> None:
    assert any("চতুর্থ শিল্প বিপ্লব" in note for note in egov.notes)
    assert any("সেবাবক্স" in note for note in egov.notes)
    places = " ".join(s.place for s in egov.source_notes)
    assert "চতুর্থ শিল্প বিপ্লবের" in places and "সেবাবক্স" in places


def test_register_entries(register: Plan) -> None:
    entries = register.register
    assert [e.number for e in entries] == ["1", "2", "3", "4", "5"]
    assert [e.order_date for e in entries] == [
        dt.date(2021, 12, 19), dt.date(2021, 2, 16), None, None, dt.date(2017, 2, 8)
    ]
    assert [e.link for e in entries] == [
        "http://mpi.edu.bd/clearance/",
        "http://service.dte.gov.bd/tsc-leave/index.php",
        "https://planningdte.onlinetvet.com/",
        "",
        "http://service.dte.gov.bd/tran-sfer_portal//index.html",
    ]
    assert [e.working for e in entries] == [True, True, True, False, True]
    assert [e.recipients_get_result for e in entries] == [True, True, True, None, True]
    assert entries[3].not_working_reason == "পাইলটিং কার্যক্রম চলমান"
    assert entries[1].name == "Online Casual Leave Approval for TSC Principals"


def test_register_page_break_joined(register: Plan) -> None:
    e = register.register[1]
    assert e.description.endswith(
        "তার নৈমিত্তিক ছুটির জন্য অনলাইনে আবেদন করতে পারবেন এবং পরিচালকগণ তা অনলাইনেই "
        "নিষ্পন্ন করতে পারবেন।"
    )
    assert e.remarks == "১৬/০২/২০২১ তারিখে সহজীকরণের সরকারি আদেশ জারী হয়।"
    assert register.register[0].remarks == "১৯/১২/২০২১ তারিখে সহজীকরণের সরকারি আদেশ জারী হয়।"


def test_register_signatures(register: Plan) -> None:
    assert [s.signed_on for s in register.signatures] == [dt.date(2021, 12, 27),
                                                           dt.date(2022, 2, 17)]
