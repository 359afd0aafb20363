"""The shared builders of every test world, set up with the real services (Zulip's "set up
with real actions"): people with roles, plans signed through the agreement workflow, and the
small valid APA and seed plans the page tests edit.

One builder of office trees (`office_tree`, from `Node` rows) and of an office's people and
signed plans (`Place`, `staffed`, `with_signed_plans`) serves every world; the worlds
themselves (which offices, which plans) are declared beside the tests that read them:
`tests/web/world.py` (one person per role around office X, drafts and templates),
`tests/progress/world.py` (signed plans of district offices under a directorate) and
`tests/public/world.py` (reports in every state, for the public pages and the API). Fast
password hashing and a temporary media folder come from `tests/conftest.py`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model

from kormo.agreements.services import plan_approve, plan_sign, plan_submit
from kormo.domain import plan as d
from kormo.domain.planformat import load_path
from kormo.domain.values import Number
from kormo.offices.models import Office, Role
from kormo.offices.services import membership_grant, office_create
from kormo.plans.convert import plan_save_from_domain
from kormo.plans.models import Plan

SEEDS = Path(settings.BASE_DIR) / "data" / "seeds"
PASSWORD = "pw-kormo-test"
YEAR = "2022-23"
SIGNED_ON = dt.date(2022, 6, 29)


def person(username: str, office: Office | None = None, role: Role | None = None, *,
           password: str | None = PASSWORD, **extra: Any) -> Any:
    """A person (password `PASSWORD`, e-mail username@example.org unless given), with one
    role at one office when both are given."""
    extra.setdefault("email", f"{username}@example.org")
    user = get_user_model().objects.create_user(username=username, password=password, **extra)
    if office is not None and role is not None:
        membership_grant(user=user, office=office, role=role)
    return user


@dataclass(frozen=True, slots=True)
class Node:
    """One office of a test tree: its key in the world, name, tier and its parent's key (None:
    under the tree's root, or a root itself)."""

    key: str
    name: str
    tier: d.Tier
    parent: str | None = None
    code: str = ""
    name_en: str = ""


def office_tree(*nodes: Node, under: Office | None = None) -> dict[str, Office]:
    """The offices by key, made in order (parents first) through `office_create`, so paths,
    codes and tiers are what production makes."""
    offices: dict[str, Office] = {}
    for n in nodes:
        parent = offices[n.parent] if n.parent is not None else under
        offices[n.key] = office_create(name=n.name, tier=n.tier, parent=parent, code=n.code,
                                       name_en=n.name_en)
    return offices


@dataclass
class Place:
    """An office with its focal point and head, and (when made) its APA and integrity plan."""

    office: Office
    focal: Any
    head: Any
    apa: Plan | None = None
    integrity: Plan | None = None


def staffed(office: Office, focal: str, head: str) -> Place:
    """The office with a focal point and an office head (these usernames)."""
    return Place(office, person(focal, office, Role.FOCAL_POINT),
                 person(head, office, Role.OFFICE_HEAD))


def with_signed_plans(place: Place, supervisor: Any, *, apa: d.Plan, integrity: d.Plan | None,
                      sign_plans: bool = True, office_post: str = "প্রোগ্রামার") -> Place:
    """Save the office's APA (and integrity plan), signed through the workflow by its head and
    `supervisor` unless `sign_plans` is False (then left in draft)."""
    def made(plan: d.Plan) -> Plan:
        row = plan_save_from_domain(plan=plan, office=place.office)
        if not sign_plans:
            return row
        return sign(row, place.head, supervisor, focal=place.focal, office_post=office_post)
    place.apa = made(apa)
    if integrity is not None:
        place.integrity = made(integrity)
    return place


def focal_of(plan: Plan) -> Any:
    from kormo.offices.models import Membership

    return Membership.objects.filter(office=plan.office, role=Role.FOCAL_POINT).first().user


def sign(plan: Plan, head: Any, supervisor: Any, *, focal: Any = None,
         office_post: str = "প্রোগ্রামার", signed_on: dt.date = SIGNED_ON) -> Plan:
    """Submit (by `focal`, default: the office's first focal point), approve and sign by both
    parties: the plan in force, as the workflow makes it."""
    plan = plan_submit(plan=plan, actor=focal or focal_of(plan))
    plan = plan_approve(plan=plan, actor=head)
    plan = plan_sign(plan=plan, actor=head, party="office", name="অফিস প্রধান",
                     post=office_post, signed_on=signed_on)
    return plan_sign(plan=plan, actor=supervisor, party="supervisor", name="মহাপরিচালক",
                     post="মহাপরিচালক", signed_on=signed_on)


def seed_plan(prefix: str, kind: d.PlanKind | None = None) -> d.Plan:
    """A plan of data/seeds (the file whose name starts with `prefix`; of `kind` if given)."""
    path = next(SEEDS.glob(f"{prefix}-*.json"))
    plans = load_path(str(path))
    return next(p for p in plans if kind is None or p.kind is kind)


def save_as_current(plan: d.Plan, office: Office) -> Plan:
    """Store `plan` as `office`'s current plan of its kind and year. The plan the office had
    for them (the world's draft) stops being current first, as after a revision: the database
    keeps one current plan per office, kind and year (`plan_one_current_unique`)."""
    Plan.objects.filter(office=office, kind=d.PlanKind(plan.kind).value,
                        fiscal_year=plan.fiscal_year, is_current=True,
                        is_template=False).update(is_current=False)
    return plan_save_from_domain(plan=plan, office=office)


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
