"""What an import could not read and a person must give: the fiscal year and the office.

A plan is never stored or printed with an empty fiscal year or office: `missing_facts` lists
what is missing, the CLI refuses with `MissingFactsError` naming `--year`/`--office`, and the
review page asks for them (its form has both fields). `with_office_and_year` applies what the
person gave, the way `services.import_save` stores it (a work plan of a calendar year keeps its
year).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from kormo.domain.calendar import FiscalYear
from kormo.domain.digits import to_bengali_digits
from kormo.domain.errors import InputError
from kormo.domain.plan import Plan, PlanKind

KIND_NAMES: dict[PlanKind, tuple[str, str]] = {
    PlanKind.APA: ("এপিএ", "APA"),
    PlanKind.INTEGRITY: ("শুদ্ধাচার কর্মপরিকল্পনা", "integrity plan"),
    PlanKind.EGOV_INNOVATION: ("ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা",
                               "e-governance and innovation plan"),
    PlanKind.GRIEVANCE_REDRESS: ("অভিযোগ প্রতিকার কর্মপরিকল্পনা", "grievance redress plan"),
    PlanKind.CITIZENS_CHARTER: ("সেবা প্রদান প্রতিশ্রুতি কর্মপরিকল্পনা", "citizen's charter plan"),
    PlanKind.RIGHT_TO_INFORMATION: ("তথ্য অধিকার কর্মপরিকল্পনা", "right to information plan"),
    PlanKind.INNOVATION_WORK_PLAN: ("উদ্ভাবন কর্মপরিকল্পনা", "innovation work plan"),
    PlanKind.INNOVATION_REGISTER: ("উদ্ভাবন রেজিস্টার", "innovation register"),
}


@dataclass(frozen=True, slots=True)
class MissingFact:
    plan: int  # index of the plan in the file
    field: str  # "fiscal_year" | "office"
    kind: PlanKind


def with_office_and_year(plans: Sequence[Plan], *, office: str | None = None,
                         fiscal_year: str | None = None) -> tuple[Plan, ...]:
    """`plans` with the office and fiscal year a person gave (Bengali or Latin digits)."""
    fy = str(FiscalYear.parse(fiscal_year)) if fiscal_year else None
    out = []
    for plan in plans:
        if office and office.strip():
            plan = replace(plan, office=office.strip())
        if fy is not None and plan.kind is not PlanKind.INNOVATION_WORK_PLAN:
            plan = replace(plan, fiscal_year=fy)
        elif fy is not None and not plan.fiscal_year:
            plan = replace(plan, fiscal_year=fy[:4])  # a work plan runs by calendar year
        out.append(plan)
    return tuple(out)


def missing_facts(plans: Sequence[Plan]) -> list[MissingFact]:
    out = []
    for i, plan in enumerate(plans):
        if not plan.fiscal_year.strip():
            out.append(MissingFact(i, "fiscal_year", plan.kind))
        if not plan.office.strip():
            out.append(MissingFact(i, "office", plan.kind))
    return out


class MissingFactsError(InputError):
    """Plans whose fiscal year or office could not be read and were not given."""

    def __init__(self, missing: Sequence[MissingFact], *, cli: bool = True) -> None:
        self.missing = tuple(missing)
        bn_parts, en_parts = [], []
        for m in self.missing:
            name_bn, name_en = KIND_NAMES[m.kind]
            what_bn = "অর্থবছর" if m.field == "fiscal_year" else "অফিসের নাম"
            what_en = "fiscal year" if m.field == "fiscal_year" else "office"
            bn_parts.append(f"{to_bengali_digits(str(m.plan + 1))} নং পরিকল্পনা ({name_bn}): "
                            f"{what_bn} পড়া যায়নি")
            en_parts.append(f"plan {m.plan + 1} ({name_en}): the {what_en} could not be read")
        fields = {m.field for m in self.missing}
        options = " ".join(o for f, o in (("fiscal_year", "--year ২০২৩-২৪"),
                                          ("office", '--office "…"')) if f in fields)
        options_en = " ".join(o for f, o in (("fiscal_year", "--year 2023-24"),
                                             ("office", '--office "…"')) if f in fields)
        ask_bn = f"; {options} দিয়ে দিন" if cli else "; ফর্মে দিয়ে দিন"
        ask_en = f"; give {options_en}" if cli else "; give it on the form"
        super().__init__("; ".join(bn_parts) + ask_bn, "; ".join(en_parts) + ask_en)
