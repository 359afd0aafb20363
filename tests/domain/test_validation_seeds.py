"""The plan checks (DOMAIN.md, Scoring §9) on the five seed documents in data/seeds/.

The seeds are real documents, so a check that fires on one must point at a real break of a rule
in the source. Each expected finding below names the source cell and the rule it breaks
(sources: /work/shared/seeds/*.txt; the seeds' own source_notes say the same). Anything not
listed here must not be found: a new finding on a seed is either a wrong check or a
transcription to look at again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kormo.domain.findings import FindingCode
from kormo.domain.plan import Plan
from kormo.domain.planformat import load_path
from kormo.domain.validation import Severity, validate_plan

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"
C = FindingCode

# plan id → the exact findings as (code, place), in any order; repeated pairs count.
EXPECTED: dict[str, list[tuple[FindingCode, str]]] = {
    # Seed 000, section 3 row [১.৬.১] prints "৮ ৮ ৭ ৬ ৫" in the 100 %…60 % columns and
    # "৪ ৮" as projections: the 100 % and 90 % levels repeat 8 (levels strictly ordered, no
    # repeats), and the 2023-24 projection 4 is below the 2022-23 target 8 (projections not
    # below the target for "more is better"). Section 2 gives 8/8/8 for the same indicator, so
    # the printed row is probably shifted by one column — but it is printed so.
    "rangpur-ict-apa-2022-23": [
        (C.LEVELS_REPEATED, "1.6.1"),
        (C.PROJECTION_BELOW_TARGET, "1.6.1"),
    ],
    # Seed 001, integrity plan (NIS 2023-24).
    "kendri-polytechnic-nis-2023-24": [
        # Row ১.৪ (কর্ম-পরিবেশ উন্নয়ন) holds only the column numbers ১-১৪: no indicator.
        (C.ACTIVITY_WITHOUT_INDICATOR, "activity 1.4"),
        # Row ১.১, Q2 achievement "২৩/১০/২০২৩": a date where a count (সংখ্যা) is expected
        # (values match units; a warning in progress).
        (C.VALUE_UNIT_MISMATCH, "1.1.1"),
        # Row ১.২: annual target ২ but only ১ in the Q2 column (quarterly targets add up to
        # the annual target).
        (C.QUARTERLY_SUM_MISMATCH, "1.2.1"),
        # Row ১.৩: annual target ৬০ but ২০ in Q2 and Q4 only (a third ২০ stands in the score
        # column, not a quarter).
        (C.QUARTERLY_SUM_MISMATCH, "1.3.1"),
    ],
    # Seed 001, e-governance & innovation plan: clean.
    "kendri-polytechnic-egov-2023-24": [],
    # Seed 001, grievance redress plan: the table is garbled.
    "kendri-polytechnic-grs-2023-24": [
        # One weight (১৫) is printed for the cell holding [১.১.১] and [১.২.১]: [১.২.১] has
        # none of its own (an indicator without weight).
        (C.WEIGHT_MISSING, "1.2.1"),
        # [১.১.১] is the fallback "if no complaint is received, hold a stakeholder meeting",
        # but the main indicator of activity [১.১] (complaints disposed) is not printed, so the
        # fallback names no existing indicator (the seed points it at activity "1.1").
        (C.FALLBACK_UNKNOWN, "1.1.1"),
    ],
    # Seed 001, citizen's charter plan.
    "kendri-polytechnic-cc-2023-24": [
        # Area প্রাতিষ্ঠানিক কার্যক্রম weighs ১৮, but only [১.১.১] (১০) is printed; activity
        # [১.২] has no indicator (area weight = sum of its indicators' weights).
        (C.AREA_WEIGHT_MISMATCH, "area 1"),
        (C.ACTIVITY_WITHOUT_INDICATOR, "activity 1.2"),
    ],
    # Seed 001, right-to-information plan: one unit cell "তারিখ সংখ্যা" and one weight ০১
    # are printed for [১.২.১] and [১.২.২] (kept as 1.3.1): the second has no weight.
    "kendri-polytechnic-rti-2023-24": [
        (C.WEIGHT_MISSING, "1.3.1"),
    ],
    # Seed 002, upazila cooperative office's NIS plan 2020-21 with Q1 achievements.
    "kaliganj-cooperative-nis-2020-21": [
        # Heading "7. স্বচ্ছতা ও জবাবদিহি শক্তিশালীকরণ.....16" but the indicator weights are
        # 3+1+4+1+4+2 = 15.
        (C.AREA_WEIGHT_MISMATCH, "area 7"),
        # Section 8 (choose at least 3 from the list) prints no weight for 8.1-8.3.
        (C.WEIGHT_MISSING, "8.1.1"),
        (C.WEIGHT_MISSING, "8.2.1"),
        (C.WEIGHT_MISSING, "8.3.1"),
        # Heading "11. পরিবীক্ষণ ও মূল্যায়ন" prints no weight.
        (C.WEIGHT_MISSING, "area 11"),
        # Section 3 (…10) has only the empty rows 3.1 and 3.2.
        (C.AREA_EMPTY, "area 3"),
        # Row 4.6: Q2 target column "30/03/21", a date of the third quarter.
        (C.QUARTER_DATE_OUTSIDE_QUARTER, "4.6.1"),
        # Row 7.2: Q1 target and Q1 achievement "30/6/20", the day before 2020-21 begins.
        (C.DATE_OUTSIDE_YEAR, "7.2.1"),
        (C.DATE_OUTSIDE_YEAR, "7.2.1"),
        # Row 4.2: Q1 achievement "২৬/০২/২০২০", before the fiscal year 2020-21.
        (C.DATE_OUTSIDE_YEAR, "4.2.1"),
        # Rows 1.1 and 2.1: annual target 8, quarterly targets 1/1/1/1 = 4.
        (C.QUARTERLY_SUM_MISMATCH, "1.1.1"),
        (C.QUARTERLY_SUM_MISMATCH, "2.1.1"),
        # Row 4.5: annual target ২০, quarterly targets ০৪ × 4 = 16.
        (C.QUARTERLY_SUM_MISMATCH, "4.5.1"),
        # Row 8.2: annual target ১০০ and ১০০ in every quarter = 400.
        (C.QUARTERLY_SUM_MISMATCH, "8.2.1"),
    ],
    # Seed 003, district innovation team's work plan 2017: no scored parts, nothing to find.
    "kushtia-innovation-work-plan-2017": [],
    # Seed 004, DTE e-governance & innovation plan 2022-23 (Q2 report) and its register.
    "dte-egov-innovation-2022-23": [],
    "dte-innovation-register-2022-23": [],
}

# The seeds every run must find (other helpers write them; all five must be there).
SEED_PREFIXES = ("000-", "001-", "002-", "003-", "004-")


def _seed_plans() -> dict[str, Plan]:
    plans: dict[str, Plan] = {}
    for path in sorted(SEEDS.glob("*.json")):
        for plan in load_path(str(path)):
            assert plan.id not in plans, f"plan id {plan.id} twice"
            plans[plan.id] = plan
    return plans


@pytest.fixture(scope="module")
def seed_plans() -> dict[str, Plan]:
    return _seed_plans()


def test_all_five_seeds_are_there() -> None:
    names = [p.name for p in SEEDS.glob("*.json")]
    for prefix in SEED_PREFIXES:
        assert [n for n in names if n.startswith(prefix)], f"no seed {prefix}*.json"


def test_every_seed_plan_has_its_expected_findings_listed(seed_plans: dict[str, Plan]) -> None:
    assert sorted(seed_plans) == sorted(EXPECTED)


@pytest.mark.parametrize("plan_id", sorted(EXPECTED))
def test_seed_findings_are_exactly_the_rule_breaks_of_the_source(
    seed_plans: dict[str, Plan], plan_id: str
) -> None:
    findings = validate_plan(seed_plans[plan_id])
    assert sorted((f.code, f.place) for f in findings) == sorted(EXPECTED[plan_id])


@pytest.mark.parametrize("plan_id", sorted(EXPECTED))
def test_seed_findings_have_messages_in_both_languages(
    seed_plans: dict[str, Plan], plan_id: str
) -> None:
    for f in validate_plan(seed_plans[plan_id]):
        assert f.message_bn and f.message_en
        assert f.severity in (Severity.ERROR, Severity.WARNING)
