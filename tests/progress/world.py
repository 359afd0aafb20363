"""A small world for the progress tests, set up through the real services (Zulip's "set up
with real actions"): an office tree, people with roles, and each office's APA and integrity
plan of 2022-23 saved, submitted, approved and signed by both parties."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model

from kormo.agreements.services import plan_approve, plan_sign, plan_submit
from kormo.domain.plan import Tier
from kormo.offices.models import Office, Role
from kormo.offices.services import membership_grant, office_create
from kormo.plans.convert import plan_save_from_domain
from kormo.plans.models import Plan
from tests.progress import builders

SIGNED_ON = dt.date(2022, 6, 29)


@dataclass
class OfficeWorld:
    office: Office
    focal: Any
    head: Any
    apa: Plan
    integrity: Plan


@dataclass
class World:
    ministry: Office
    directorate: Office
    supervisor: Any  # supervisor at the directorate: reviews every district office
    stranger: Any  # focal point of an office in another tree
    offices: dict[str, OfficeWorld] = field(default_factory=dict)


def user(name: str, office: Office | None = None, role: Role | None = None,
         email: str = "") -> Any:
    u = get_user_model().objects.create_user(username=name, password="pw-" + name,
                                             email=email or f"{name}@example.org")
    if office is not None and role is not None:
        membership_grant(user=u, office=office, role=role)
    return u


def sign_plan(plan: Plan, head: Any, supervisor: Any) -> Plan:
    plan = plan_submit(plan=plan, actor=_focal_of(plan))
    plan = plan_approve(plan=plan, actor=head)
    plan = plan_sign(plan=plan, actor=head, party="office", name="অফিস প্রধান",
                     post="প্রোগ্রামার", signed_on=SIGNED_ON)
    return plan_sign(plan=plan, actor=supervisor, party="supervisor", name="মহাপরিচালক",
                     post="মহাপরিচালক", signed_on=SIGNED_ON)


def _focal_of(plan: Plan) -> Any:
    from kormo.offices.models import Membership

    return Membership.objects.filter(office=plan.office, role=Role.FOCAL_POINT).first().user


def office_world(parent: Office, name: str, supervisor: Any, *, sign: bool = True,
                 tier: Tier = Tier.DISTRICT) -> OfficeWorld:
    office = office_create(name=name, tier=tier, parent=parent)
    slug = f"o{office.pk}"
    focal = user(f"focal-{slug}", office, Role.FOCAL_POINT)
    head = user(f"head-{slug}", office, Role.OFFICE_HEAD)
    apa = plan_save_from_domain(plan=builders.apa(name, parent.name), office=office)
    nis = plan_save_from_domain(plan=builders.integrity(name), office=office)
    if sign:
        apa = sign_plan(apa, head, supervisor)
        nis = sign_plan(nis, head, supervisor)
    return OfficeWorld(office, focal, head, apa, nis)


def make_world(*names: str, sign: bool = True) -> World:
    ministry = office_create(name="মন্ত্রণালয়", tier=Tier.MINISTRY)
    directorate = office_create(name="অধিদপ্তর", tier=Tier.DIRECTORATE, parent=ministry)
    supervisor = user("supervisor", directorate, Role.SUPERVISOR)
    other = office_create(name="অন্য মন্ত্রণালয়", tier=Tier.MINISTRY)
    stranger = user("stranger", other, Role.FOCAL_POINT)
    world = World(ministry, directorate, supervisor, stranger)
    for name in names or ("জেলা কার্যালয়, রংপুর", "জেলা কার্যালয়, দিনাজপুর"):
        world.offices[name] = office_world(directorate, name, supervisor, sign=sign)
    return world
