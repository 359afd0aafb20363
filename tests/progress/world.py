"""A small world for the progress tests, declared with the shared builders of `tests/world.py`
(`office_tree`, `staffed`, `with_signed_plans`): an office tree, people with roles, and each
office's APA and integrity plan of 2022-23 saved, submitted, approved and signed by both
parties."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kormo.domain.plan import Tier
from kormo.offices.models import Office, Role
from tests.progress import builders
from tests.world import Node, Place, office_tree, person, staffed, with_signed_plans

OfficeWorld = Place  # an office of this world: its people and its two plans


@dataclass
class World:
    ministry: Office
    directorate: Office
    supervisor: Any  # supervisor at the directorate: reviews every district office
    stranger: Any  # focal point of an office in another tree
    offices: dict[str, Place] = field(default_factory=dict)


def office_world(parent: Office, name: str, supervisor: Any, *, sign: bool = True,
                 tier: Tier = Tier.DISTRICT) -> Place:
    office = office_tree(Node("o", name, tier), under=parent)["o"]
    slug = f"o{office.pk}"
    return with_signed_plans(staffed(office, f"focal-{slug}", f"head-{slug}"), supervisor,
                             apa=builders.apa(name, parent.name),
                             integrity=builders.integrity(name), sign_plans=sign)


def make_world(*names: str, sign: bool = True) -> World:
    tree = office_tree(Node("ministry", "মন্ত্রণালয়", Tier.MINISTRY),
                       Node("directorate", "অধিদপ্তর", Tier.DIRECTORATE, "ministry"),
                       Node("other", "অন্য মন্ত্রণালয়", Tier.MINISTRY))
    supervisor = person("supervisor", tree["directorate"], Role.SUPERVISOR)
    stranger = person("stranger", tree["other"], Role.FOCAL_POINT)
    world = World(tree["ministry"], tree["directorate"], supervisor, stranger)
    for name in names or ("জেলা কার্যালয়, রংপুর", "জেলা কার্যালয়, দিনাজপুর"):
        world.offices[name] = office_world(tree["directorate"], name, supervisor, sign=sign)
    return world
