"""A small world for the progress tests, set up through the real services with the builders of
`tests/world.py`: an office tree, people with roles, and each office's APA and integrity plan
of 2022-23 saved, submitted, approved and signed by both parties."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kormo.domain.plan import Tier
from kormo.offices.models import Office, Role
from kormo.offices.services import office_create
from kormo.plans.convert import plan_save_from_domain
from kormo.plans.models import Plan
from tests import world as shared
from tests.progress import builders
from tests.world import person


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


def office_world(parent: Office, name: str, supervisor: Any, *, sign: bool = True,
                 tier: Tier = Tier.DISTRICT) -> OfficeWorld:
    office = office_create(name=name, tier=tier, parent=parent)
    slug = f"o{office.pk}"
    focal = person(f"focal-{slug}", office, Role.FOCAL_POINT)
    head = person(f"head-{slug}", office, Role.OFFICE_HEAD)
    apa = plan_save_from_domain(plan=builders.apa(name, parent.name), office=office)
    nis = plan_save_from_domain(plan=builders.integrity(name), office=office)
    if sign:
        apa = shared.sign(apa, head, supervisor)
        nis = shared.sign(nis, head, supervisor)
    return OfficeWorld(office, focal, head, apa, nis)


def make_world(*names: str, sign: bool = True) -> World:
    ministry = office_create(name="মন্ত্রণালয়", tier=Tier.MINISTRY)
    directorate = office_create(name="অধিদপ্তর", tier=Tier.DIRECTORATE, parent=ministry)
    supervisor = person("supervisor", directorate, Role.SUPERVISOR)
    other = office_create(name="অন্য মন্ত্রণালয়", tier=Tier.MINISTRY)
    stranger = person("stranger", other, Role.FOCAL_POINT)
    world = World(ministry, directorate, supervisor, stranger)
    for name in names or ("জেলা কার্যালয়, রংপুর", "জেলা কার্যালয়, দিনাজপুর"):
        world.offices[name] = office_world(directorate, name, supervisor, sign=sign)
    return world
