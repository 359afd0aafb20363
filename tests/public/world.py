"""A world for the public-page, open-data and API tests, set up through the real services
(Zulip's "set up with real actions", the shared builders of `tests/world.py`: one `Place`
per office): an office tree, people
with every role, signed plans with reports in every state, and plans in every unpublished
state.

    মন্ত্রণালয় (t-ministry; `ministry_supervisor`)
    └── অধিদপ্তর (t-directorate; `dir_supervisor`, its own signed APA: "above")
        ├── জেলা কার্যালয়, রংপুর (t-rangpur; the office under test: "own")
        │   └── উপজেলা কার্যালয়, পীরগাছা (t-pirgacha; "below")
        ├── জেলা কার্যালয়, দিনাজপুর (t-dinajpur; "sibling")
        └── জেলা কার্যালয়, কুষ্টিয়া (t-kushtia; nothing signed: draft, submitted, returned,
            approved plans only)

Every office but Kushtia has its APA of 2022-23 signed by both parties; Rangpur its integrity
plan too (it feeds the APA's governance indicator G1.1.1).
Rangpur's APA has Q1 accepted, Q2 submitted (not accepted) and Q3 in draft, each with a value
of [1.1.1]; its integrity plan has Q1 accepted. Rangpur also has an e-governance plan in draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model

from kormo.agreements.services import plan_approve, plan_return, plan_submit
from kormo.domain.plan import Tier
from kormo.offices.models import Office, Role
from kormo.plans.convert import plan_save_from_domain
from kormo.plans.models import Plan
from kormo.progress.models import Report, ReportPeriod
from kormo.progress.services import (
    progress_record,
    report_accept,
    report_get_or_create,
    report_submit,
)
from tests.progress import builders
from tests.world import Node, Place, office_tree, person, staffed, with_signed_plans

POST = "উপপরিচালক"  # the office head's post on the signatures
ROLES = (Role.FOCAL_POINT, Role.OFFICE_HEAD, Role.SUPERVISOR, Role.ADMINISTRATOR)


@dataclass
class World:
    ministry: Place
    directorate: Place
    rangpur: Place
    pirgacha: Place
    dinajpur: Place
    kushtia: Place
    ministry_supervisor: Any
    dir_supervisor: Any
    superuser: Any
    # One person per role at Rangpur (the matrix of tests/api/test_permissions.py).
    at_rangpur: dict[Role, Any] = field(default_factory=dict)
    unpublished: dict[str, Plan] = field(default_factory=dict)  # state → a plan in it
    rangpur_draft_egov: Plan | None = None


def place(code: str, name: str, tier: Tier, parent: Office | None, supervisor: Any | None,
          *, plans: bool = True, integrity: bool = False) -> Place:
    office = office_tree(Node(code, name, tier, code=code,
                              name_en=code.removeprefix("t-").capitalize() + " office"),
                         under=parent)[code]
    p = staffed(office, f"{code}-focal", f"{code}-head")
    if plans and supervisor is not None:
        supervising = parent.name if parent else "মন্ত্রণালয়"
        with_signed_plans(p, supervisor, apa=builders.apa(name, supervising),
                          integrity=builders.integrity(name) if integrity else None,
                          office_post=POST)
    return p


def report(plan: Plan, quarter: str, text: str, focal: Any, *, submit: bool = False,
           accept_by: Any = None, ref: str = "1.1.1") -> Report:
    progress_record(plan=plan, indicator_ref=ref, quarter=quarter, actor=focal, text=text)
    rep = report_get_or_create(plan=plan, period=ReportPeriod(quarter), actor=focal)
    if submit or accept_by is not None:
        rep = report_submit(report=rep, actor=focal)
    if accept_by is not None:
        rep = report_accept(report=rep, actor=accept_by)
    return rep


def make_world() -> World:
    superuser = get_user_model().objects.create_superuser("root", "root@example.org", None)
    ministry = place("t-ministry", "মন্ত্রণালয়", Tier.MINISTRY, None, None, plans=False)
    ministry_supervisor = person("ministry-supervisor", ministry.office, Role.SUPERVISOR)
    directorate = place("t-directorate", "অধিদপ্তর", Tier.DIRECTORATE, ministry.office,
                        ministry_supervisor)
    dir_supervisor = person("dir-supervisor", directorate.office, Role.SUPERVISOR)
    rangpur = place("t-rangpur", "জেলা কার্যালয়, রংপুর", Tier.DISTRICT, directorate.office,
                    dir_supervisor, integrity=True)
    pirgacha = place("t-pirgacha", "উপজেলা কার্যালয়, পীরগাছা", Tier.UPAZILA, rangpur.office,
                     dir_supervisor)
    dinajpur = place("t-dinajpur", "জেলা কার্যালয়, দিনাজপুর", Tier.DISTRICT, directorate.office,
                     dir_supervisor)
    kushtia = place("t-kushtia", "জেলা কার্যালয়, কুষ্টিয়া", Tier.DISTRICT, directorate.office,
                    None, plans=False)
    world = World(ministry, directorate, rangpur, pirgacha, dinajpur, kushtia,
                  ministry_supervisor, dir_supervisor, superuser)
    world.at_rangpur = {Role.FOCAL_POINT: rangpur.focal, Role.OFFICE_HEAD: rangpur.head}
    for role in (Role.SUPERVISOR, Role.ADMINISTRATOR):
        world.at_rangpur[role] = person(f"t-rangpur-{role.value}", rangpur.office, role)

    # Rangpur's reports: Q1 accepted, Q2 submitted, Q3 a draft (DOMAIN.md: sum of quarters).
    assert rangpur.apa is not None and rangpur.integrity is not None
    report(rangpur.apa, "Q1", "20", rangpur.focal, accept_by=dir_supervisor)
    report(rangpur.apa, "Q2", "30", rangpur.focal, submit=True)
    report(rangpur.apa, "Q3", "40", rangpur.focal)
    report(rangpur.integrity, "Q1", "1", rangpur.focal, accept_by=dir_supervisor)
    world.rangpur_draft_egov = _egov_draft(rangpur.office)

    # Kushtia: one plan in each unpublished state.
    k = kushtia
    # Each in a year of its own: one current APA per office and year.
    for state, year in (("draft", "2022-23"), ("submitted", "2021-22"),
                        ("returned", "2020-21"), ("approved", "2019-20")):
        plan = plan_save_from_domain(plan=builders.apa(
            f"কুষ্টিয়া {state}", "অধিদপ্তর", fiscal_year=year), office=k.office)
        if state != "draft":
            plan = plan_submit(plan=plan, actor=k.focal)
        if state == "returned":
            plan = plan_return(plan=plan, actor=k.head, comment="সংশোধন করুন")
        if state == "approved":
            plan = plan_approve(plan=plan, actor=k.head)
        assert plan.state == state
        world.unpublished[state] = plan
    return world


def _egov_draft(office: Office) -> Plan:
    import dataclasses

    from kormo.domain.plan import PlanKind

    plan = dataclasses.replace(builders.integrity("রংপুর ই-গভর্ন্যান্স"),
                               kind=PlanKind.EGOV_INNOVATION, id="rangpur-egov-draft")
    return plan_save_from_domain(plan=plan, office=office)
