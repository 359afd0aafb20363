"""A small office tree with one person per role, plans and templates, built with the real
services (STYLE.md: set up with real actions) from the shared builders of `tests/world.py`
(`office_tree` for the tree). Shared by
the page, permission and browser tests.

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

from kormo.domain import plan as d
from kormo.offices.models import Office, Role
from kormo.plans import models as pm
from kormo.plans.convert import plan_save_from_domain
from kormo.plans.templates import template_store
from kormo.years.models import FiscalYearSetup
from tests.world import YEAR, Node, office_tree, person, small_apa


@dataclass
class World:
    offices: dict[str, Office] = field(default_factory=dict)
    users: dict[str, object] = field(default_factory=dict)
    plans: dict[str, pm.Plan] = field(default_factory=dict)
    templates: dict[str, pm.Plan] = field(default_factory=dict)


def build_world() -> World:
    w = World()
    w.offices = office_tree(
        Node("T", "শীর্ষ মন্ত্রণালয়", d.Tier.MINISTRY, code="t"),
        Node("D", "অধিদপ্তর", d.Tier.DIRECTORATE, "T", code="d"),
        Node("X", "জেলা কার্যালয়, রংপুর", d.Tier.DISTRICT, "D", code="x"),
        Node("U", "উপজেলা কার্যালয়", d.Tier.UPAZILA, "X", code="u"),
        Node("Y", "জেলা কার্যালয়, দিনাজপুর", d.Tier.DISTRICT, "D", code="y"),
    )
    t, x = w.offices["T"], w.offices["X"]
    w.users = {
        "focal": person("focal", x, Role.FOCAL_POINT),
        "head": person("head", x, Role.OFFICE_HEAD),
        "supervisor": person("supervisor", x, Role.SUPERVISOR),
        "admin": person("admin", x, Role.ADMINISTRATOR),
        "admin_top": person("admin_top", t, Role.ADMINISTRATOR),
        "nobody": person("nobody", None, None),
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
