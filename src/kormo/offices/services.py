"""Writes to offices and memberships: one function per action (HackSoft services).

Plan files name offices in words, not codes, so `office_ensure` finds or creates them by name.
Every write keeps the materialised `path` right, so access checks can select a subtree with one
prefix query.
"""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils.text import slugify

from kormo.domain.errors import InputError
from kormo.domain.plan import Tier
from kormo.offices.models import Membership, Office, Role

CODE_MAX_LENGTH = 100


def office_code_for(name: str) -> str:
    """A stable code for an office known only by name.

    ASCII names give a readable slug; Bengali names (whose vowel signs a slug would drop) give
    "office-" and a short hash of the name, so the same name always gets the same code.
    """
    slug = slugify(name)[: CODE_MAX_LENGTH - 13].strip("-")
    digest = hashlib.sha256(name.strip().encode("utf-8")).hexdigest()[:12]
    return f"{slug}-{digest}" if slug else f"office-{digest}"


def _path_for(office: Office, parent: Office | None) -> str:
    return f"{parent.path if parent else '/'}{office.pk}/"


@transaction.atomic
def office_create(
    *,
    name: str,
    tier: Tier | None = None,
    parent: Office | None = None,
    name_en: str = "",
    code: str = "",
) -> Office:
    """A new office under `parent` (its supervising office)."""
    name = name.strip()
    if not name:
        raise InputError("অফিসের নাম দিন", "the office needs a name")
    office = Office.objects.create(
        name=name,
        name_en=name_en,
        tier=tier.value if tier is not None else "",
        parent=parent,
        code=code or office_code_for(name),
    )
    office.path = _path_for(office, parent)
    office.save(update_fields=["path"])
    return office


@transaction.atomic
def office_move(*, office: Office, parent: Office | None) -> Office:
    """Put an office (and everything under it) under another supervising office."""
    if parent is not None and (parent.pk == office.pk or parent.path.startswith(office.path)):
        raise InputError(
            "কোনো অফিস নিজের বা নিজের অধীন অফিসের অধীনে যেতে পারে না",
            "an office cannot be placed under itself or an office below it",
        )
    old_path = office.path
    new_path = _path_for(office, parent)
    office.parent = parent
    office.path = new_path
    office.save(update_fields=["parent", "path"])
    if old_path and old_path != new_path:
        Office.objects.filter(path__startswith=old_path).exclude(pk=office.pk).update(
            path=Concat(Value(new_path), Substr("path", len(old_path) + 1))
        )
    return office


@transaction.atomic
def office_ensure(*, name: str, tier: Tier | None = None, parent: Office | None = None) -> Office:
    """The office with this name, created if absent; a missing tier or parent is filled in.

    Known values are never overwritten: a later plan that guesses differently does not move an
    office in the tree.
    """
    name = name.strip()
    office = Office.objects.filter(name=name).order_by("pk").first()
    if office is None:
        return office_create(name=name, tier=tier, parent=parent)
    if not office.tier and tier is not None:
        office.tier = tier.value
        office.save(update_fields=["tier"])
    if office.parent_id is None and parent is not None and parent.pk != office.pk \
            and not parent.path.startswith(office.path or "//"):
        office_move(office=office, parent=parent)
    return office


def membership_grant(
    *, user: AbstractBaseUser, office: Office, role: Role | str, post: str = ""
) -> Membership:
    """Give a person a role at an office (idempotent)."""
    membership, _ = Membership.objects.get_or_create(
        user=user, office=office, role=Role(role), defaults={"post": post}
    )
    return membership


def membership_revoke(*, user: AbstractBaseUser, office: Office, role: Role | str) -> int:
    deleted, _ = Membership.objects.filter(user=user, office=office, role=Role(role)).delete()
    return deleted
