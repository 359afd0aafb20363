"""The one permission gate (STYLE.md: Zulip's `access_*`): every view obtains offices and plans
through these functions, never through `Model.objects.get`.

The rules (issue "Offices, people and roles"):
- an office's plans are read by the people of that office and, read-only, by the people of every
  office above it (supervising offices, at any depth); nobody sees other branches;
- drafts are written only by the office's focal points;
- the office head approves and signs for the office; a supervisor of an office above reviews,
  returns and accepts, and signs for the supervising side;
- an administrator sets up the year for the offices of their subtree;
- a Django superuser may do everything (the operators of a deployment).

A refusal raises `AccessDenied`, a 404: a stranger cannot even learn that an id exists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404

from kormo.offices.models import Membership, Office, Role
from kormo.web.prepared import Prepared

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser


class AccessDenied(Http404):
    """Not found, as far as this person is concerned."""


class Action(StrEnum):
    READ = "read"
    WRITE = "write"  # edit a draft, report progress
    APPROVE = "approve"  # office head: submit upward, approve, sign for the office
    REVIEW = "review"  # supervisor above: return, accept, verify, sign as supervisor
    SETUP = "setup"  # administrator: fiscal years, templates


@dataclass(frozen=True, slots=True)
class Grants:
    """What one person holds: the paths of the offices per role, loaded in one query."""

    superuser: bool
    paths: dict[Role, tuple[str, ...]]

    def _under(self, role: Role, path: str, *, strictly: bool = False) -> bool:
        for p in self.paths.get(role, ()):
            if path.startswith(p) and (not strictly or path != p):
                return True
        return False

    def _at(self, role: Role, path: str) -> bool:
        return path in self.paths.get(role, ())

    def can(self, action: Action, office: Office) -> bool:
        if self.superuser:
            return True
        path = office.path
        if action is Action.READ:
            return any(path.startswith(p) for ps in self.paths.values() for p in ps)
        if action is Action.WRITE:
            return self._at(Role.FOCAL_POINT, path)
        if action is Action.APPROVE:
            return self._at(Role.OFFICE_HEAD, path)
        if action is Action.REVIEW:
            return self._under(Role.SUPERVISOR, path, strictly=True)
        if action is Action.SETUP:
            return self._under(Role.ADMINISTRATOR, path)
        return False

    def office_q(self, action: Action, field: str = "office__path") -> Q:
        """The offices where `can(action, office)` holds, as a filter on `field` (an office's
        path), for queues that list many rows at once (no query of its own)."""
        if self.superuser:
            return Q()
        paths = self.paths
        if action is Action.READ:
            return subtree_q({p for ps in paths.values() for p in ps}, field)
        if action is Action.WRITE:
            return Q(**{f"{field}__in": paths.get(Role.FOCAL_POINT, ())})
        if action is Action.APPROVE:
            return Q(**{f"{field}__in": paths.get(Role.OFFICE_HEAD, ())})
        if action is Action.REVIEW:
            q = Q(pk__in=[])
            for p in paths.get(Role.SUPERVISOR, ()):
                q |= Q(**{f"{field}__startswith": p}) & ~Q(**{field: p})
            return q
        if action is Action.SETUP:
            return subtree_q(paths.get(Role.ADMINISTRATOR, ()), field)
        return Q(pk__in=[])

    def roles_at(self, office: Office) -> set[Role]:
        return {role for role, paths in self.paths.items() if office.path in paths}


def grants_for(user: User) -> Grants:
    """Everything a person holds, in one query (cached on the user object for the request)."""
    cached = getattr(user, "_kormo_grants", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    if not getattr(user, "is_authenticated", False):
        grants = Grants(False, {})
    else:
        paths: dict[Role, list[str]] = {}
        for role, path in Membership.objects.filter(user=user).values_list("role",
                                                                         "office__path"):
            paths.setdefault(Role(role), []).append(path)
        grants = Grants(bool(getattr(user, "is_superuser", False)),
                        {r: tuple(p) for r, p in paths.items()})
    remember_grants(user, grants)
    return grants


def remember_grants(user: User, grants: Grants) -> None:
    """Keep a person's grants on their user object for the rest of the request (the login
    backend, `kormo.offices.person_backend`, reads them with the person)."""
    user._kormo_grants = grants  # type: ignore[union-attr]


def subtree_q(paths: Iterable[str], field: str = "path") -> Q:
    q = Q(pk__in=[])
    for p in paths:
        q |= Q(**{f"{field}__startswith": p})
    return q


def visible_offices(user: User) -> QuerySet[Office]:
    """Every office this person may read: their offices and all offices under them."""
    grants = grants_for(user)
    if grants.superuser:
        return Office.objects.all()
    all_paths = {p for ps in grants.paths.values() for p in ps}
    return Office.objects.filter(subtree_q(all_paths))


# The gate runs on nearly every request: its query is compiled once per connection.
_OFFICE = Prepared(lambda pk: Office.objects.select_related("parent").filter(pk=pk), 0)


def access_office(user: User, office_id: int | str, action: Action = Action.READ) -> Office:
    """The office, if this person may do `action` for it; else AccessDenied (404)."""
    try:
        found = _OFFICE.objects(int(office_id))
    except (ValueError, TypeError):
        raise AccessDenied() from None
    if not found:
        raise AccessDenied()
    office = found[0]
    if not grants_for(user).can(action, office):
        raise AccessDenied()
    return office


def can(user: User, action: Action, office: Office) -> bool:
    """For templates and selectors: may this person do `action` for this office?"""
    return grants_for(user).can(action, office)


def can_setup_years(user: User) -> bool:
    """Opening a fiscal year and its deadlines, which hold for every office in the country:
    a superuser, or an administrator of the national office (KORMO_NATIONAL_OFFICE, an office
    code; unset: the first top-level office). An administrator at the top of another tree (a
    seed's office with no supervising office) may not."""
    grants = grants_for(user)
    if grants.superuser:
        return True
    tops = [p for p in grants.paths.get(Role.ADMINISTRATOR, ()) if p.count("/") == 2]
    return bool(tops) and national_office_path() in tops


def can_see_years(user: User) -> bool:
    """Reading the national calendar (fiscal years and deadlines): those who keep it
    (`can_setup_years`) and every other administrator, read-only."""
    grants = grants_for(user)
    return grants.superuser or bool(grants.paths.get(Role.ADMINISTRATOR))


def access_year_view(user: User) -> None:
    """Raise AccessDenied unless this person may read the national calendar (`can_see_years`)."""
    if not can_see_years(user):
        raise AccessDenied()


def national_office_path() -> str | None:
    """The path of the office whose administrators keep the national calendar (one query,
    asked only for administrators at the top of a tree)."""
    code = getattr(settings, "KORMO_NATIONAL_OFFICE", "")
    offices = (Office.objects.filter(code=code) if code
               else Office.objects.filter(parent__isnull=True).order_by("pk"))
    return offices.values_list("path", flat=True).first()


def access_year_setup(user: User) -> None:
    """Raise AccessDenied unless this person may open fiscal years (`can_setup_years`)."""
    if not can_setup_years(user):
        raise AccessDenied()
