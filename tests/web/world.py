"""A small office tree with one person per role, plans and templates, built with the real
services (STYLE.md: set up with real actions). Shared by the page, permission and browser tests.

    T  top (ministry)                       admin_top: administrator
    └── D  directorate                      (above X)
        ├── X  Rangpur district office      focal, head, supervisor, admin: one role each
        │   └── U  upazila office           (below X)
        └── Y  Dinajpur district office     (sibling branch of X)

Each of D, X, U, Y has a draft APA of 2022-23 (`plans[...]`) and keeps a template
(`templates[...]`); T keeps the year's templates for district offices and for every tier.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model

from kormo.domain import plan as d
from kormo.domain.planformat import load_path
from kormo.domain.values import Number
from kormo.offices.models import Office, Role
from kormo.offices.services import membership_grant, office_create
from kormo.plans import models as pm
from kormo.plans.convert import plan_save_from_domain
from kormo.plans.templates import template_store
from kormo.years.models import FiscalYearSetup

SEEDS = Path(settings.BASE_DIR) / "data" / "seeds"
PASSWORD = "pw-kormo-test"
YEAR = "2022-23"


def seed_plan(prefix: str, kind: d.PlanKind | None = None) -> d.Plan:
    path = next(SEEDS.glob(f"{prefix}-*.json"))
    plans = load_path(str(path))
    return next(p for p in plans if kind is None or p.kind is kind)


def small_apa(office: Office, fiscal_year: str = YEAR) -> d.Plan:
    """A small, valid APA: one office area of 70 and the governance area of 30."""
    def ind(number: str, weight: int, unit: d.Unit = d.Unit.COUNT) -> d.Indicator:
        return d.Indicator(number=number, name=f"সূচক {number}", unit=unit, weight=Decimal(weight),
                           calculation_method=d.CalculationMethod.SUM,
                           levels=d.TargetLevels(Number(Decimal(10)), Number(Decimal(9))))
    return d.Plan(
        kind=d.PlanKind.APA, fiscal_year=fiscal_year, office=office.name, id=f"apa-{office.code}",
        office_tier=d.Tier(office.tier), total_weight=Decimal(100),
        areas=(
            d.Area("1", "ক্ষেত্র ১", Decimal(70), activities=(
                d.Activity("1.1", "কার্যক্রম ১.১", (ind("1.1.1", 40), ind("1.1.2", 30))),)),
            d.Area("1", "সুশাসন", Decimal(30), kind=d.AreaKind.GOVERNANCE, activities=(
                d.Activity("1.1", "শুদ্ধাচার", (ind("1.1.1", 30),)),)),
        ),
    )


@dataclass
class World:
    offices: dict[str, Office] = field(default_factory=dict)
    users: dict[str, object] = field(default_factory=dict)
    plans: dict[str, pm.Plan] = field(default_factory=dict)
    templates: dict[str, pm.Plan] = field(default_factory=dict)


def user_with_role(username: str, office: Office | None, role: Role | None, **extra: object):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    if office is not None and role is not None:
        membership_grant(user=user, office=office, role=role)
    return user


def build_world() -> World:
    w = World()
    t = office_create(name="শীর্ষ মন্ত্রণালয়", tier=d.Tier.MINISTRY, code="t")
    dd = office_create(name="অধিদপ্তর", tier=d.Tier.DIRECTORATE, parent=t, code="d")
    x = office_create(name="জেলা কার্যালয়, রংপুর", tier=d.Tier.DISTRICT, parent=dd, code="x")
    u = office_create(name="উপজেলা কার্যালয়", tier=d.Tier.UPAZILA, parent=x, code="u")
    y = office_create(name="জেলা কার্যালয়, দিনাজপুর", tier=d.Tier.DISTRICT, parent=dd, code="y")
    w.offices = {"T": t, "D": dd, "X": x, "U": u, "Y": y}
    w.users = {
        "focal": user_with_role("focal", x, Role.FOCAL_POINT),
        "head": user_with_role("head", x, Role.OFFICE_HEAD),
        "supervisor": user_with_role("supervisor", x, Role.SUPERVISOR),
        "admin": user_with_role("admin", x, Role.ADMINISTRATOR),
        "admin_top": user_with_role("admin_top", t, Role.ADMINISTRATOR),
        "nobody": user_with_role("nobody", None, None),
    }
    FiscalYearSetup.objects.create(fiscal_year=YEAR)
    for key in ("D", "X", "U", "Y"):
        office = w.offices[key]
        w.plans[key] = plan_save_from_domain(plan=small_apa(office), office=office)
        w.templates[key] = template_store(
            plan=dataclasses.replace(small_apa(office), id=f"tpl-{key}"), office=office,
            tier=None, actor=None)
    w.templates["T"] = template_store(
        plan=dataclasses.replace(small_apa(t), id="tpl-T", kind=d.PlanKind.INTEGRITY),
        office=t, tier=None, actor=None)
    return w
