"""Reads for the office pages, each in a fixed number of queries (STYLE.md, selectors).

The office list is built in memory from one query over the offices a person may see
(`offices.access.visible_offices`): the tree order and the indentation come from the
materialised paths, so the page costs the same few queries for ten offices or ten thousand.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kormo.domain.plan import Tier
from kormo.offices.access import grants_for, visible_offices
from kormo.offices.models import Membership, Office, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

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
class Person:
    name: str
    username: str
    roles: list[tuple[Role, str]]  # (role, post)


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


# ---------------------------------------------------------------- who to tell (notices, reminders)


def people_at(office: Office, roles: Iterable[Role]) -> list[AbstractBaseUser]:
    """The people holding one of `roles` at `office` (one query)."""
    return people_at_offices([office.pk], roles).get(office.pk, [])


def people_at_offices(office_ids: Iterable[int], roles: Iterable[Role]
                      ) -> dict[int, list[AbstractBaseUser]]:
    """Office id → the people holding one of `roles` there, each once (one query, for any
    number of offices)."""
    memberships = Membership.objects.filter(
        office_id__in=set(office_ids), role__in=[Role(r) for r in roles]
    ).select_related("user").order_by("office_id", "pk")
    found: dict[int, dict[int, AbstractBaseUser]] = {}
    for ms in memberships:
        found.setdefault(ms.office_id, {}).setdefault(ms.user.pk, ms.user)
    return {office_id: list(users.values()) for office_id, users in found.items()}


def _ancestor_ids(office: Office) -> list[int]:
    return [int(p) for p in office.path.strip("/").split("/")[:-1] if p]


def supervisors_above(office: Office) -> list[AbstractBaseUser]:
    """The supervisors of the nearest office above `office` that has any (one query).

    The supervising office (ঊর্ধ্বতন অফিস) is the parent; where nobody holds the supervisor
    role there, the next office up reviews (Action.REVIEW reaches any depth).
    """
    return supervisors_above_offices([office]).get(office.pk, [])


def supervisors_above_offices(offices: Iterable[Office]) -> dict[int, list[AbstractBaseUser]]:
    """Office id → `supervisors_above(office)`, for any number of offices in one query."""
    ancestors = {o.pk: _ancestor_ids(o) for o in offices}
    wanted = {a for ids in ancestors.values() for a in ids}
    if not wanted:
        return {}
    rows = Membership.objects.filter(
        office_id__in=wanted, role=Role.SUPERVISOR
    ).select_related("user").order_by("pk")
    by_office: dict[int, list[AbstractBaseUser]] = {}
    for ms in rows:
        by_office.setdefault(ms.office_id, []).append(ms.user)
    found: dict[int, list[AbstractBaseUser]] = {}
    for office_id, ids in ancestors.items():
        nearest = next((by_office[a] for a in reversed(ids) if by_office.get(a)), None)
        if nearest:
            found[office_id] = nearest
    return found


def membership_list_for_user(user: User) -> list[Membership]:
    """The person's roles with their offices, by office code and role. One query."""
    return list(Membership.objects.filter(user=user).select_related("office").order_by(
        "office__code", "role"))


def posts_of(user_ids: Iterable[int]) -> dict[int, str]:
    """User id → a post they hold (from their roles), for naming people (one query)."""
    return dict(Membership.objects.filter(user_id__in=set(user_ids)).exclude(post="")
                .values_list("user_id", "post"))


def office_memberships(office: Office) -> list[Membership]:
    """Every role held at the office with its person, by person then role. One query."""
    return list(Membership.objects.filter(office=office).select_related("user").order_by(
        "user__first_name", "user__username", "role"))
