"""Reads for the office pages, each in a fixed number of queries (STYLE.md, selectors).

The office list is built in memory from one query over the offices a person may see
(`offices.access.visible_offices`): the tree order and the indentation come from the
materialised paths, so the page costs the same few queries for ten offices or ten thousand.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kormo.domain.plan import Tier
from kormo.offices.access import grants_for, visible_offices
from kormo.offices.models import Membership, Office, Role
from kormo.plans.models import Plan

if TYPE_CHECKING:
    from kormo.offices.access import User


@dataclass(frozen=True, slots=True)
class OfficeRow:
    office: Office
    depth: int  # 0 for the highest office the person sees


def office_list_for_user(user: User, *, tier: str = "") -> list[OfficeRow]:
    """The offices this person may see, as a tree (parents first, siblings by name).

    With `tier`, only the offices of that tier, in the same order (a flat list). One query
    (plus the one that loads the person's roles, shared by the whole request).
    """
    offices = list(visible_offices(user).only("pk", "name", "name_en", "tier", "code", "path",
                                              "parent_id"))
    by_parent: defaultdict[int | None, list[Office]] = defaultdict(list)
    ids = {o.pk for o in offices}
    for o in offices:
        # An office whose parent is not visible is a root of this person's tree.
        by_parent[o.parent_id if o.parent_id in ids else None].append(o)
    for children in by_parent.values():
        children.sort(key=lambda o: (o.name, o.pk))
    rows: list[OfficeRow] = []
    stack = [(o, 0) for o in reversed(by_parent[None])]
    while stack:
        office, depth = stack.pop()
        rows.append(OfficeRow(office, depth))
        stack.extend((c, depth + 1) for c in reversed(by_parent[office.pk]))
    if tier:
        tier = Tier(tier).value
        rows = [OfficeRow(r.office, 0) for r in rows if r.office.tier == tier]
    return rows


@dataclass(frozen=True, slots=True)
class YearPlans:
    fiscal_year: str
    plans: list[Plan]


def office_plans_by_year(office: Office) -> list[YearPlans]:
    """The office's plans (not templates), newest year first, by kind within a year. One query."""
    plans = Plan.objects.filter(office=office, is_template=False).only(
        "pk", "kind", "fiscal_year", "title", "state", "revision", "is_current", "office_id",
        "updated_at",
    ).order_by("-fiscal_year", "kind", "-revision", "pk")
    years: dict[str, list[Plan]] = {}
    for p in plans:
        years.setdefault(p.fiscal_year, []).append(p)
    return [YearPlans(fy, ps) for fy, ps in years.items()]


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    username: str
    roles: list[tuple[Role, str]]  # (role, post)


def dashboard_year(years: list[YearPlans]) -> str | None:
    """The year a supervisor's dashboard opens on: the office's newest year with plans, else
    the newest fiscal year opened for planning (a supervising office may have no plans of its
    own). At most one query."""
    if years:
        return years[0].fiscal_year
    from kormo.years.models import FiscalYearSetup

    return FiscalYearSetup.objects.order_by("-fiscal_year").values_list(
        "fiscal_year", flat=True).first()


def supervises(user: User, office: Office) -> bool:
    """Does this person supervise from `office` (the dashboard of the offices below it is
    theirs)? Read from the grants `offices.access` has already loaded: no query. Only decides
    which links a page shows; the dashboard itself checks access again."""
    grants = grants_for(user)
    return grants.superuser or Role.SUPERVISOR in grants.roles_at(office)


def office_people(office: Office) -> list[Person]:
    """The people holding roles at the office, with their roles and posts. One query."""
    people: dict[int, Person] = {}
    rows = Membership.objects.filter(office=office).select_related("user").order_by(
        "user__username", "role")
    for m in rows:
        person = people.setdefault(m.user_id, Person(
            m.user.get_full_name() or m.user.username, m.user.username, []))
        person.roles.append((Role(m.role), m.post))
    return list(people.values())


def office_children(office: Office) -> list[Office]:
    """The offices directly below. One query."""
    return list(Office.objects.filter(parent=office).order_by("name", "pk"))


def office_memberships(office: Office) -> list[Membership]:
    """Every role held at the office with its person, by person then role. One query."""
    return list(Membership.objects.filter(office=office).select_related("user").order_by(
        "user__first_name", "user__username", "role"))
