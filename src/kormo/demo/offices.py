"""The demo's offices, people and 2022-23 templates (used by `kormo_load_demo` and the tests).

Offices (codes are stable, so loading twice changes nothing):

    মন্ত্রিপরিষদ বিভাগ (Cabinet Division, top; `admin`)
    ├── তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর (ICT Directorate; `dg-supervisor`)
    │   ├── জেলা কার্যালয়, রংপুর (`rangpur-focal`, `rangpur-head`)
    │   │   └── উপজেলা কার্যালয়, পীরগাছা (`pirgacha-focal`, `pirgacha-head`)
    │   └── জেলা কার্যালয়, দিনাজপুর (a sibling branch; `dinajpur-focal`, `dinajpur-head`)
    └── সমবায় অধিদপ্তর (Department of Cooperatives)
        └── জেলা সমবায় কার্যালয়, ঝিনাইদহ
            └── উপজেলা সমবায় কার্যালয়, কালীগঞ্জ (`kaliganj-focal`)

Templates of 2022-23, owned by the Cabinet Division: the APA with seed 000's mandatory
governance area for district offices (names, units, weights, methods, levels; the office's own
actuals are left out), and the five action plans of seed 001 for every tier, keeping their notes
on activities that do not apply to upazila offices.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from kormo.domain import plan as d
from kormo.domain.planformat import load_path
from kormo.offices.models import Office, Role
from kormo.offices.services import membership_grant, office_create
from kormo.plans import models as pm
from kormo.plans.convert import plan_to_domain
from kormo.plans.templates import template_store
from kormo.years.calendar_fill import official_windows
from kormo.years.models import FiscalYearSetup
from kormo.years.services import year_deadlines_save
from kormo.years.template_year import template_for_year

DEMO_PASSWORD = "kormo-demo"
DEMO_YEAR = "2022-23"


@dataclass(frozen=True, slots=True)
class DemoOffice:
    code: str
    name: str
    name_en: str
    tier: d.Tier
    parent: str | None


OFFICES = (
    DemoOffice("demo-cabinet", "মন্ত্রিপরিষদ বিভাগ", "Cabinet Division", d.Tier.MINISTRY, None),
    DemoOffice("demo-ict-directorate", "তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর",
               "Department of ICT", d.Tier.DIRECTORATE, "demo-cabinet"),
    DemoOffice("demo-rangpur", "জেলা কার্যালয়, রংপুর, তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর",
               "District office, Rangpur, Department of ICT", d.Tier.DISTRICT,
               "demo-ict-directorate"),
    DemoOffice("demo-pirgacha", "উপজেলা কার্যালয়, পীরগাছা, রংপুর", "Upazila office, Pirgacha",
               d.Tier.UPAZILA, "demo-rangpur"),
    DemoOffice("demo-dinajpur", "জেলা কার্যালয়, দিনাজপুর, তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর",
               "District office, Dinajpur, Department of ICT", d.Tier.DISTRICT,
               "demo-ict-directorate"),
    DemoOffice("demo-cooperatives", "সমবায় অধিদপ্তর", "Department of Cooperatives",
               d.Tier.DIRECTORATE, "demo-cabinet"),
    DemoOffice("demo-jhenaidah-coop", "জেলা সমবায় কার্যালয়, ঝিনাইদহ",
               "District cooperative office, Jhenaidah", d.Tier.DISTRICT, "demo-cooperatives"),
    DemoOffice("demo-kaliganj-coop", "উপজেলা সমবায় কার্যালয়, কালীগঞ্জ, ঝিনাইদহ",
               "Upazila cooperative office, Kaliganj", d.Tier.UPAZILA, "demo-jhenaidah-coop"),
)

# (user name, full name, office code, role, post)
PEOPLE = (
    ("admin", "APA Administrator", "demo-cabinet", Role.ADMINISTRATOR, "এপিএ প্রশাসক"),
    ("dg-supervisor", "মহাপরিচালক (DG)", "demo-ict-directorate", Role.SUPERVISOR, "মহাপরিচালক"),
    ("rangpur-focal", "রংপুর এপিএ ফোকাল পয়েন্ট", "demo-rangpur", Role.FOCAL_POINT, "প্রোগ্রামার"),
    ("rangpur-head", "রংপুর অফিস প্রধান", "demo-rangpur", Role.OFFICE_HEAD, "উপপরিচালক"),
    ("pirgacha-focal", "পীরগাছা ফোকাল পয়েন্ট", "demo-pirgacha", Role.FOCAL_POINT,
     "সহকারী প্রোগ্রামার"),
    ("pirgacha-head", "পীরগাছা অফিস প্রধান", "demo-pirgacha", Role.OFFICE_HEAD,
     "উপজেলা আইসিটি অফিসার"),
    ("dinajpur-focal", "দিনাজপুর ফোকাল পয়েন্ট", "demo-dinajpur", Role.FOCAL_POINT, "প্রোগ্রামার"),
    ("dinajpur-head", "দিনাজপুর অফিস প্রধান", "demo-dinajpur", Role.OFFICE_HEAD, "প্রোগ্রামার"),
    ("kaliganj-focal", "কালীগঞ্জ ফোকাল পয়েন্ট", "demo-kaliganj-coop", Role.FOCAL_POINT,
     "উপজেলা সমবায় অফিসার"),
)

# Seed plans that belong to a demo office (the others are stored under offices by name).
SEED_OFFICES = {
    "rangpur-ict-apa-2022-23": "demo-rangpur",
    "kaliganj-cooperative-nis-2020-21": "demo-kaliganj-coop",
}


@transaction.atomic
def demo_offices_ensure() -> dict[str, Office]:
    """The demo office tree, created where missing (by code)."""
    out: dict[str, Office] = {}
    for spec in OFFICES:
        office = Office.objects.filter(code=spec.code).first()
        if office is None:
            office = office_create(name=spec.name, name_en=spec.name_en, tier=spec.tier,
                                   parent=out[spec.parent] if spec.parent else None,
                                   code=spec.code)
        out[spec.code] = office
    return out


@transaction.atomic
def demo_people_ensure(offices: dict[str, Office]) -> list[str]:
    """The demo people with their roles; returns the user names created now."""
    users = get_user_model()._default_manager
    created = []
    for username, full_name, code, role, post in PEOPLE:
        user = users.filter(username=username).first()
        if user is None:
            first, _, last = full_name.partition(" ")
            user = users.create_user(username=username, password=DEMO_PASSWORD,
                                     first_name=first, last_name=last)
            created.append(username)
        membership_grant(user=user, office=offices[code], role=role, post=post)
    return created


def _governance_template(seed_000: d.Plan) -> d.Plan:
    """Seed 000's APA reduced to its mandatory governance area, without the office's actuals
    and projections (the structure every district office of 2022-23 copies)."""
    def bare(ind: d.Indicator) -> d.Indicator:
        return dataclasses.replace(
            ind, actuals=(), projections=(), implementing_unit="", evidence="", dependency=None)

    areas = tuple(
        dataclasses.replace(area, activities=tuple(
            dataclasses.replace(act, indicators=tuple(bare(i) for i in act.indicators))
            for act in area.activities))
        for area in seed_000.areas if area.kind is d.AreaKind.GOVERNANCE
    )
    return d.Plan(kind=d.PlanKind.APA, fiscal_year=DEMO_YEAR, office="",
                  title="বার্ষিক কর্মসম্পাদন চুক্তি", total_weight=seed_000.total_weight,
                  areas=areas)


def _template_ensure(plan: d.Plan, office: Office, tier: d.Tier | None) -> pm.Plan:
    """`template_store`, unless the same template is stored already: loading the demo again
    then leaves its templates and their history as they were."""
    current = pm.Plan.objects.filter(
        office=office, is_template=True, kind=d.PlanKind(plan.kind).value,
        fiscal_year=plan.fiscal_year, template_tier=tier.value if tier else "",
    ).order_by("pk")
    if len(current) == 1 and plan_to_domain(current[0].pk) == plan:
        return current[0]
    return template_store(plan=plan, office=office, tier=tier, actor=None)


def demo_deadlines_ensure(year: FiscalYearSetup) -> None:
    """The demo year's deadlines, through the same service as the year page (its history
    records a change only when the rows differ, so loading twice records nothing new)."""
    # The official windows, staggered by tier (kormo.years.calendar_fill), as ISO dates.
    rows = [{"event": event, "tier": tier, "opens_on": opens.isoformat() if opens else "",
             "due_on": due.isoformat() if due else ""}
            for (event, tier), (opens, due) in official_windows(year.fiscal_year).items()]
    year_deadlines_save(year=year, rows=rows, actor=None)


@transaction.atomic
def demo_templates_ensure(seeds_dir: Path, offices: dict[str, Office], actor: object = None,
                          ) -> list[pm.Plan]:
    """Open 2022-23 with its deadlines and store its templates (replacing earlier copies that
    differ)."""
    year, _created = FiscalYearSetup.objects.get_or_create(fiscal_year=DEMO_YEAR)
    demo_deadlines_ensure(year)
    top = offices["demo-cabinet"]
    saved: list[pm.Plan] = []
    seed_000 = next(iter(sorted(seeds_dir.glob("000-*.json"))), None)
    if seed_000 is not None:
        apa = next(p for p in load_path(str(seed_000)) if p.kind is d.PlanKind.APA)
        plan = dataclasses.replace(_governance_template(apa), office=top.name,
                                   id=f"template-apa-district-{DEMO_YEAR}")
        saved.append(_template_ensure(plan, top, d.Tier.DISTRICT))
    seed_001 = next(iter(sorted(seeds_dir.glob("001-*.json"))), None)
    if seed_001 is not None:
        for p in load_path(str(seed_001)):
            if not d.PlanKind(p.kind).is_action_plan:
                continue
            # Another year's plan made this year's template: its dates, title and
            # responsible people belong to 2023-24 and one polytechnic (years.template_year).
            plan = dataclasses.replace(
                template_for_year(p, DEMO_YEAR), office=top.name, office_tier=None,
                progress=(), parent="", source_notes=(), signatures=(),
                id=f"template-{d.PlanKind(p.kind).value}-{DEMO_YEAR}")
            saved.append(_template_ensure(plan, top, None))
    return saved
