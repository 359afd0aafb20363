"""Domain plans built in code for the persistence tests.

`rich_plan()` sets every field of every part of a plan to a non-default value somewhere and
uses every kind of typed value, so that a round trip through the tables proves that nothing is
dropped. `sized_plan(n)` is a plan with `n` indicators, each with values in every child table,
for the fixed-query-count tests. `row_counts()` counts the rows of every plan table.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from kormo.domain.plan import (
    Acronym,
    Activity,
    Area,
    AreaKind,
    CalculationMethod,
    Dependency,
    Indicator,
    Outcome,
    Overview,
    Party,
    Plan,
    PlanKind,
    ProgressValue,
    Quantity,
    Quarter,
    RegisterEntry,
    Signature,
    SourceNote,
    TargetLevels,
    Tier,
    Unit,
    WorkItem,
    YearValue,
)
from kormo.domain.values import (
    Blank,
    DateValue,
    Money,
    MonthValue,
    NotApplicable,
    Number,
    Percent,
)
from kormo.plans import models as m
from kormo.progress.models import Report, ReportedValue

D = Decimal

PLAN_TABLES = (
    m.Plan,
    m.PlanText,
    m.Party,
    m.Outcome,
    m.OutcomeValue,
    m.Acronym,
    m.Area,
    m.Activity,
    m.Indicator,
    m.IndicatorValue,
    m.WorkItem,
    m.WorkItemAction,
    m.RegisterEntry,
    m.SourceNote,
)
# A plan's progress is stored in its one store, the progress tables.
PROGRESS_TABLES = (Report, ReportedValue)


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (*PLAN_TABLES, *PROGRESS_TABLES)}


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def rich_indicators() -> tuple[Indicator, ...]:
    return (
        Indicator(
            number="1.1.1",
            name="প্রশিক্ষিত জনবল",
            unit=Unit.PERSONS,
            weight=D("12.5"),
            unit_label="জন",
            calculation_method=CalculationMethod.SUM,
            actuals=(
                YearValue("2020-21", Number(D("300"))),
                YearValue("2021-22", Number(D("320.25")), provisional=True),
            ),
            levels=TargetLevels(
                Number(D("350")),
                Number(D("300")),
                Number(D("250")),
                Number(D("200")),
                Number(D("150")),
            ),
            quarterly_targets=(
                (Quarter.Q1, Number(D("50"))),
                (Quarter.Q2, Blank("-")),
                (Quarter.Q3, Number(D("150"))),
                (Quarter.Q4, Number(D("150"))),
            ),
            projections=(
                YearValue("2023-24", Number(D("360"))),
                YearValue("2024-25", None),
            ),
            responsible="প্রোগ্রামার",
            implementing_unit="জেলা কার্যালয়",
            evidence="হাজিরা তালিকা",
            dependency=Dependency("জেলা প্রশাসকের কার্যালয়", "সমন্বয় সভা"),
            remarks="মন্তব্য ১",
        ),
        Indicator(
            number="1.1.2",
            name="সেবা সহজীকরণ",
            unit=Unit.DATE,
            weight=D("0.5"),
            calculation_method=CalculationMethod.DATE,
            levels=TargetLevels(
                DateValue(_date("2022-12-12")),
                DateValue(_date("2023-01-31")),
                None,
                MonthValue(2023, 2),
                None,
            ),
            annual_target=MonthValue(2023, 4),
            dependency=Dependency("", ""),
            fallback_for="",
            derivation="",
        ),
        Indicator(
            number="1.2.1",
            name="ই-নথিতে নিষ্পত্তির হার",
            unit=Unit.PERCENT,
            weight=D("12"),
            unit_label="%",
            calculation_method=CalculationMethod.AVERAGE,
            actuals=(YearValue("2021-22", Percent(D("61"))),),
            levels=TargetLevels(v100=Percent(D("85.5")), v60=Percent(D("50"))),
            annual_target=Percent(D("80")),
            derivation="enothi_disposal_rate",
        ),
    )


def rich_plan() -> Plan:
    office_area = Area(
        number="1",
        name="দাপ্তরিক কার্যক্রম",
        weight=D("25"),
        kind=AreaKind.OFFICE,
        activities=(
            Activity(
                number="1.1",
                name="প্রশিক্ষণ",
                indicators=rich_indicators()[:2],
                not_applicable_tiers=(Tier.UPAZILA, Tier.DISTRICT),
                remarks="উপজেলার ক্ষেত্রে প্রযোজ্য নয়",
            ),
            Activity(number="1.2", name="ই-নথি", indicators=rich_indicators()[2:]),
            Activity(number="1.3", name="সূচকবিহীন কার্যক্রম"),
        ),
        note="",
    )
    governance_area = Area(
        number="1",  # the governance area numbers from [1] again (seed 000)
        name="সুশাসন ও সংস্কারমূলক কার্যক্রম",
        weight=D("30"),
        kind=AreaKind.GOVERNANCE,
        choose_at_least=3,
        note="কমপক্ষে ৩টি কার্যক্রম বাছাই করতে হবে",
        activities=(
            Activity(
                number="1.1",
                name="শুদ্ধাচার কর্মপরিকল্পনা বাস্তবায়ন",
                indicators=(
                    Indicator(
                        number="1.1.1",
                        name="শুদ্ধাচার কর্মপরিকল্পনা বাস্তবায়িত",
                        unit=Unit.MARKS,
                        weight=D("10"),
                        calculation_method=CalculationMethod.CUMULATIVE,
                        levels=TargetLevels(v100=Number(D("10"))),
                        feeds_from=PlanKind.INTEGRITY,
                    ),
                    Indicator(
                        number="1.1.2",
                        name="অংশীজনের সভা",
                        unit=Unit.COUNT,
                        weight=None,
                        annual_target=NotApplicable(),
                        quarterly_targets=((Quarter.Q4, NotApplicable()),),
                        fallback_for="G1.1.1",
                    ),
                    Indicator(
                        number="1.1.3",
                        name="বাজেট বাস্তবায়ন",
                        unit=Unit.LAKH_TAKA,
                        weight=D("2.75"),
                        unit_label="লক্ষ টাকা",
                        annual_target=Money(D("12000")),
                        levels=TargetLevels(v100=Money(D("0.000001")), v90=Blank("---")),
                        actuals=(YearValue("2021-22", Blank("---")),),
                    ),
                ),
            ),
        ),
    )
    empty_area = Area(number="2", name="ওজনহীন ক্ষেত্র", weight=None)
    return Plan(
        kind=PlanKind.APA,
        fiscal_year="2022-23",
        office="প্রোগ্রামার, জেলা কার্যালয়, রংপুর",
        title="বার্ষিক কর্মসম্পাদন চুক্তি ২০২২-২৩",
        subtitle="জেলা পর্যায়ের কার্যালয়ের জন্য",
        id="rich-apa-2022-23",
        office_tier=Tier.DISTRICT,
        supervisor="মহাপরিচালক, তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর",
        parent="some-umbrella-plan",
        total_weight=D("100"),
        overview=Overview(
            achievements="সাম্প্রতিক অর্জন",
            challenges="সমস্যা ও চ্যালেঞ্জ",
            future_plans="ভবিষ্যৎ পরিকল্পনা",
            expected_achievements=("প্রত্যাশিত অর্জন ১", "প্রত্যাশিত অর্জন ২"),
        ),
        preamble_parties=(
            Party(post="প্রোগ্রামার", office="জেলা কার্যালয়, রংপুর", name="ক"),
            Party(post="মহাপরিচালক", office="আইসিটি অধিদপ্তর"),
        ),
        vision="রূপকল্প",
        mission="অভিলক্ষ্য",
        functions=("কার্যাবলি ১", "কার্যাবলি ২", "কার্যাবলি ৩"),
        outcomes=(
            Outcome(
                outcome="ডিজিটাল সেবা বৃদ্ধি",
                indicator="অনলাইন সেবার সংখ্যা",
                unit=Unit.ITEMS,
                unit_label="টি",
                actuals=(
                    YearValue("2020-21", Number(D("10"))),
                    YearValue("2021-22", Number(D("12")), provisional=True),
                ),
                target=DateValue(_date("2023-06-30")),
                projections=(YearValue("2023-24", Percent(D("20"))),),
                joint_responsibility="জেলা প্রশাসন",
                data_source="বার্ষিক প্রতিবেদন",
            ),
            Outcome(outcome="দ্বিতীয় ফলাফল", indicator="সূচক", unit=Unit.TAKA),
        ),
        areas=(office_area, governance_area, empty_area),
        acronyms=(Acronym("আইসিটি", "তথ্য ও যোগাযোগ প্রযুক্তি"), Acronym("APA", "")),
        commitments=("অঙ্গীকার ১", "অঙ্গীকার ২"),
        signatures=(
            Signature(
                party=Party(post="প্রোগ্রামার", office="জেলা কার্যালয়", name="ক"),
                signed_on=_date("2022-06-20"),
                role="office",
            ),
            Signature(party=Party(post="মহাপরিচালক", office="অধিদপ্তর"), role="supervisor"),
            Signature(party=Party(post="", office="")),
        ),
        work_items=(
            WorkItem(
                term="short",
                number="1",
                subject="ইনোভেশন শোকেসিং",
                plan="কর্মশালা আয়োজন",
                actions=("প্রস্তুতি সভা", "ভেন্যু নির্বাচন"),
                quantity=Quantity(D("120"), "জন", "6×20", "৬×২০=১২০ জন"),
                period="জানুয়ারি-মার্চ",
                period_start=_date("2017-01-01"),
                period_end=_date("2017-03-31"),
            ),
            WorkItem(term="long", number="2", subject="পরিমাণহীন", quantity=Quantity(None)),
            WorkItem(term="other", number="3", subject="কিছুই নেই"),
        ),
        register=(
            RegisterEntry(
                number="1",
                name="অনলাইন ভর্তি",
                description="বিবরণ",
                working=True,
                recipients_get_result=True,
                link="http://example.gov.bd",
                order_date=_date("2021-03-04"),
                remarks="চালু",
            ),
            RegisterEntry(
                number="2",
                name="বন্ধ সেবা",
                working=False,
                not_working_reason="বাজেট নেই",
                recipients_get_result=False,
            ),
            RegisterEntry(number="3", name="অজানা"),
        ),
        progress=(
            ProgressValue(
                indicator="1.1.1",
                quarter=Quarter.Q1,
                value=Number(D("55")),
                evidence=("হাজিরা.pdf", "ছবি.jpg"),
                remarks="প্রথম কোয়ার্টার",
                published_score=D("9.5"),
            ),
            ProgressValue(
                indicator="1.1.2", quarter=Quarter.Q2, value=DateValue(_date("2023-01-15"))
            ),
            ProgressValue(
                indicator="1.2.1",
                quarter=Quarter.Q2,
                value=Percent(D("61")),
                inputs=(("e_disposals", D("2236")), ("hard_file_disposals", D("1439"))),
            ),
            ProgressValue(indicator="G1.1.1", quarter=Quarter.Q3, value=Number(D("7.25"))),
            ProgressValue(indicator="G1.1.2", quarter=Quarter.Q3, value=NotApplicable()),
            ProgressValue(indicator="G1.1.3", quarter=Quarter.Q4, value=Blank("-")),
            ProgressValue(indicator="G1.1.3", quarter=Quarter.Q1, value=MonthValue(2022, 9)),
            ProgressValue(indicator="G1.1.3", quarter=Quarter.Q2, value=Money(D("500"))),
            ProgressValue(indicator="1.1.1", quarter=Quarter.Q2, value=None),
            # A reference to no indicator of the plan is kept as written (validation flags it).
            ProgressValue(indicator="9.9.9", quarter=Quarter.Q1, value=Number(D("1"))),
        ),
        notes=("নোট ১", "নোট ২"),
        source_notes=(SourceNote("[1.1.1]", "অস্পষ্ট সংখ্যা"),),
    )


def sized_plan(n_indicators: int, *, plan_id: str = "sized") -> Plan:
    """An APA with `n_indicators` indicators, five per activity, every child table used."""
    indicators = [
        Indicator(
            number=f"1.{k // 5 + 1}.{k % 5 + 1}",
            name=f"সূচক {k}",
            unit=Unit.COUNT,
            weight=D("1"),
            calculation_method=CalculationMethod.SUM,
            actuals=(YearValue("2021-22", Number(D(k))),),
            levels=TargetLevels(*(Number(D(100 - 10 * i)) for i in range(5))),
            quarterly_targets=((Quarter.Q1, Number(D("1"))), (Quarter.Q2, Blank())),
            projections=(YearValue("2023-24", Number(D("110"))),),
        )
        for k in range(n_indicators)
    ]
    activities = tuple(
        Activity(number=f"1.{a + 1}", name=f"কার্যক্রম {a + 1}", indicators=tuple(chunk))
        for a, chunk in enumerate(indicators[i : i + 5] for i in range(0, n_indicators, 5))
    )
    return Plan(
        kind=PlanKind.APA,
        fiscal_year="2022-23",
        office="অফিস",
        id=plan_id,
        overview=Overview(expected_achievements=("এক",)),
        preamble_parties=(Party("পদ", "অফিস"),),
        functions=("কাজ",),
        outcomes=(Outcome("ফল", "সূচক", Unit.COUNT, actuals=(YearValue("2021-22", Number(D(1))),)),),
        areas=(Area(number="1", name="ক্ষেত্র", weight=D(n_indicators), activities=activities),),
        acronyms=(Acronym("ক", "খ"),),
        work_items=(WorkItem("short", "1", "বিষয়", actions=("কাজ",)),),
        register=(RegisterEntry("1", "সেবা"),),
        progress=tuple(
            ProgressValue(
                indicator=ind.number,
                quarter=Quarter.Q1,
                value=Number(D("1")),
                evidence=("প্রমাণ",),
                inputs=(("x", D("1")),),
            )
            for ind in indicators
        ),
        source_notes=(SourceNote("স্থান", "নোট"),),
    )


def typed_sections(plan: Plan) -> dict:
    """Every part of the sections page as the editor posts it, filled from `plan`."""
    from kormo.plans.selectors import sections_initial

    s = sections_initial(plan, "bn")
    return {
        "general": {"title": s["title"], "subtitle": s["subtitle"],
                    "supervisor": s["supervisor"]},
        "overview": {"achievements": s["overview_achievements"],
                     "challenges": s["overview_challenges"],
                     "future_plans": s["overview_future_plans"],
                     "expected_achievements": s["overview_expected_achievements"]},
        "preamble": {"text": s["preamble"], "parties": s["parties"]},
        "section1": {"vision": s["vision"], "mission": s["mission"],
                     "functions": s["functions"]},
        "outcomes": s["outcomes"], "acronyms": s["acronyms"],
        "annex2": {a["ref"]: a for a in s["annex"]}, "annex3": {a["ref"]: a for a in s["annex"]},
        "commitments": s["commitments"],
        "work_items": s["work_items"], "register": s["register"], "notes": s["notes"],
    }
