"""A year's plans for two offices, built in code, that pass every quality check.

`apa(office)` is an APA of 2022-23 with every calculation method of DOMAIN.md (sum with a
quarterly path, average percent, date, cumulative, the derived e-Nothi rate of seed 004) and
the governance area fed by the action plans (Scoring §5). `integrity(office)` is an integrity
(NIS) action plan with single-target activities (Scoring §3), feeding G1.1.1.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

from kormo.domain.plan import (
    Activity,
    Area,
    AreaKind,
    CalculationMethod,
    Indicator,
    Party,
    Plan,
    PlanKind,
    Quarter,
    TargetLevels,
    Tier,
    Unit,
)
from kormo.domain.values import DateValue, Number, Percent

D = Decimal
FY = "2022-23"


def _key(office: str) -> str:
    return hashlib.sha256(office.encode()).hexdigest()[:8]


def _levels(*values: object) -> TargetLevels:
    return TargetLevels(*values)  # type: ignore[arg-type]


def apa(office: str, supervisor: str = "অধিদপ্তর", *, fiscal_year: str = FY) -> Plan:
    y = int(fiscal_year[:4])
    return Plan(
        kind=PlanKind.APA, fiscal_year=fiscal_year, office=office,
        id=f"apa-{_key(office)}-{fiscal_year}", title="বার্ষিক কর্মসম্পাদন চুক্তি",
        office_tier=Tier.DISTRICT, supervisor=supervisor,
        preamble_parties=(Party("প্রোগ্রামার", office), Party("মহাপরিচালক", supervisor)),
        areas=(
            Area("1", "সেবা সহজিকরণ", D(40), activities=(
                Activity("1.1", "প্রশিক্ষণ", indicators=(
                    Indicator("1.1.1", "প্রশিক্ষণার্থী", Unit.COUNT, D(20),
                              calculation_method=CalculationMethod.SUM,
                              levels=_levels(Number(D(100)), Number(D(90)), Number(D(80)),
                                             Number(D(70)), Number(D(60))),
                              quarterly_targets=tuple((q, Number(D(25))) for q in Quarter)),
                    Indicator("1.1.2", "সন্তুষ্টির হার", Unit.PERCENT, D(10),
                              calculation_method=CalculationMethod.AVERAGE,
                              levels=_levels(Percent(D(95)), Percent(D(90)), Percent(D(85)),
                                             Percent(D(80)), Percent(D(75)))),
                )),
                Activity("1.2", "সেবা চালু", indicators=(
                    Indicator("1.2.1", "সেবা চালুর তারিখ", Unit.DATE, D(10),
                              calculation_method=CalculationMethod.DATE,
                              levels=_levels(DateValue(dt.date(y, 12, 15)),
                                             DateValue(dt.date(y + 1, 1, 31)),
                                             DateValue(dt.date(y + 1, 2, 28)))),
                )),
            )),
            Area("2", "ই-নথি", D(30), activities=(
                Activity("2.1", "ই-নথি ব্যবহার", indicators=(
                    Indicator("2.1.1", "ই-ফাইলে নোট নিষ্পত্তিকৃত", Unit.PERCENT, D(15),
                              levels=_levels(Percent(D(85)), Percent(D(80)), Percent(D(75)),
                                             Percent(D(70)), Percent(D(60))),
                              derivation="enothi_disposal_rate"),
                    Indicator("2.1.2", "ডিজিটাইজকৃত সেবা", Unit.COUNT, D(15),
                              calculation_method=CalculationMethod.CUMULATIVE,
                              levels=_levels(Number(D(50)), Number(D(45)), Number(D(40)),
                                             Number(D(35)), Number(D(30)))),
                )),
            )),
            Area("1", "সুশাসন ও সংস্কারমূলক কার্যক্রম", D(30), kind=AreaKind.GOVERNANCE,
                 activities=(
                     Activity("1.1", "শুদ্ধাচার", indicators=(
                         Indicator("1.1.1", "শুদ্ধাচার কর্মপরিকল্পনা বাস্তবায়িত", Unit.MARKS,
                                   D(10), feeds_from=PlanKind.INTEGRITY),
                     )),
                     Activity("1.2", "ই-গভর্ন্যান্স", indicators=(
                         Indicator("1.2.1", "ই-গভর্ন্যান্স কর্মপরিকল্পনা বাস্তবায়িত", Unit.MARKS,
                                   D(10), feeds_from=PlanKind.EGOV_INNOVATION),
                     )),
                     Activity("1.3", "অভিযোগ প্রতিকার", indicators=(
                         Indicator("1.3.1", "অভিযোগ প্রতিকার কর্মপরিকল্পনা বাস্তবায়িত",
                                   Unit.MARKS, D(4), feeds_from=PlanKind.GRIEVANCE_REDRESS),
                     )),
                     Activity("1.4", "সেবা প্রদান প্রতিশ্রুতি", indicators=(
                         Indicator("1.4.1", "সেবা প্রদান প্রতিশ্রুতি কর্মপরিকল্পনা বাস্তবায়িত",
                                   Unit.MARKS, D(3), feeds_from=PlanKind.CITIZENS_CHARTER),
                     )),
                     Activity("1.5", "তথ্য অধিকার", indicators=(
                         Indicator("1.5.1", "তথ্য অধিকার কর্মপরিকল্পনা বাস্তবায়িত", Unit.MARKS,
                                   D(3), feeds_from=PlanKind.RIGHT_TO_INFORMATION),
                     )),
                 )),
        ),
    )


def integrity(office: str, *, fiscal_year: str = FY) -> Plan:
    y = int(fiscal_year[:4])
    return Plan(
        kind=PlanKind.INTEGRITY, fiscal_year=fiscal_year, office=office,
        id=f"nis-{_key(office)}-{fiscal_year}", title="শুদ্ধাচার কর্মপরিকল্পনা",
        office_tier=Tier.DISTRICT, total_weight=D(10),
        areas=(
            Area("1", "প্রাতিষ্ঠানিক ব্যবস্থা", D(10), activities=(
                Activity("1.1", "নৈতিকতা কমিটির সভা", indicators=(
                    Indicator("1.1.1", "সভা আয়োজিত", Unit.COUNT, D(4),
                              calculation_method=CalculationMethod.SUM,
                              annual_target=Number(D(4)),
                              quarterly_targets=tuple((q, Number(D(1))) for q in Quarter)),
                    Indicator("1.1.2", "কর্মপরিকল্পনা প্রণয়ন", Unit.DATE, D(3),
                              calculation_method=CalculationMethod.DATE,
                              annual_target=DateValue(dt.date(y, 10, 31))),
                )),
                Activity("1.2", "সিদ্ধান্ত বাস্তবায়ন", indicators=(
                    Indicator("1.2.1", "সিদ্ধান্ত বাস্তবায়িত", Unit.PERCENT, D(3),
                              calculation_method=CalculationMethod.AVERAGE,
                              annual_target=Percent(D(100))),
                )),
            )),
        ),
    )
