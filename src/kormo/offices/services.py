"""Writes to offices and memberships: one function per action (HackSoft services).

Plan files name offices in words, not codes, so `office_ensure` finds or creates them by name.
Every write keeps the materialised `path` right, so access checks can select a subtree with one
prefix query. Role grants and revocations are recorded in the history
(`kormo.audit.services.record_change`, actions `membership.grant` / `membership.revoke`),
whoever makes them: a page, the admin, the demo or a script; so are an administrator's
additions and edits of offices (`office_add` / `office_change`: `office.create`,
`office.change`).

`SYSTEM_USERNAME` names the system actor: the account that commands run by the operator
(`kormo import` without `--actor`) act as. It is a superuser that cannot log in (inactive,
no usable password), so history says "kormo-system" instead of nobody.
"""

from __future__ import annotations

import hashlib

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils.text import slugify

from kormo.audit.services import record_change
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


def _office_fields(office: Office) -> dict[str, str]:
    parent = office.parent
    return {"name": office.name, "name_en": office.name_en, "tier": office.tier,
            "code": office.code, "parent": parent.name if parent is not None else ""}


@transaction.atomic
def office_add(*, name: str, tier: Tier | None = None, parent: Office | None = None,
               name_en: str = "", code: str = "", actor: AbstractBaseUser | None) -> Office:
    """An office an administrator adds (the admin): created, and recorded with `actor`."""
    office = office_create(name=name, tier=tier, parent=parent, name_en=name_en, code=code)
    record_change(actor=actor, action="office.create", obj=office, after=_office_fields(office))
    return office


@transaction.atomic
def office_change(*, office: Office, name: str, name_en: str, tier: str, code: str,
                  parent: Office | None, actor: AbstractBaseUser | None) -> Office:
    """An administrator's edit of an office (the admin): its fields, its place in the tree
    (through `office_move`, which keeps the paths), and one record of what changed."""
    stored = Office.objects.select_related("parent").select_for_update(of=("self",)).get(
        pk=office.pk)
    before = _office_fields(stored)
    name = name.strip()
    if not name:
        raise InputError("অফিসের নাম দিন", "the office needs a name")
    stored.name, stored.name_en, stored.tier, stored.code = name, name_en, tier, code
    stored.save(update_fields=["name", "name_en", "tier", "code"])
    if stored.parent_id != (parent.pk if parent is not None else None):
        office_move(office=stored, parent=parent)
    after = _office_fields(stored)
    changed = [key for key in after if after[key] != before[key]]
    if changed:
        record_change(actor=actor, action="office.change", obj=stored,
                      before={k: before[k] for k in changed}, after={k: after[k] for k in changed})
    return stored


# A person's account fields kept in the history when an administrator changes them; a new
# password is named as changed, its hash never kept.
_PERSON_FIELDS = ("username", "first_name", "last_name", "email", "is_active", "is_staff",
                  "is_superuser")


def _person_fields(person: AbstractBaseUser) -> dict[str, object]:
    return {name: getattr(person, name) for name in _PERSON_FIELDS if hasattr(person, name)}


@transaction.atomic
def person_save(*, person: AbstractBaseUser, changed: list[str], created: bool,
                actor: AbstractBaseUser | None) -> AbstractBaseUser:
    """A person's account as an administrator saved it (the admin): stored, and recorded
    (`person.create` / `person.change`) with what changed."""
    stored = None if created else type(person)._default_manager.get(pk=person.pk)
    before = _person_fields(stored) if stored is not None else {}
    person.save()
    after = _person_fields(person)
    keys = [k for k in after if created or after[k] != before.get(k)]
    if "password" in changed:
        before, after, keys = {**before, "password": ""}, {**after, "password": "*"}, \
            [*keys, "password"]
    if keys:
        record_change(actor=actor, action="person.create" if created else "person.change",
                      obj=person, before=None if created else {k: before[k] for k in keys},
                      after={k: after[k] for k in keys})
    return person


@transaction.atomic
def person_password_set(*, person: AbstractBaseUser, actor: AbstractBaseUser | None) -> None:
    """Record that an administrator set a person's password (the admin's password form
    stores it); the hash is never kept."""
    record_change(actor=actor, action="person.password", obj=person,
                  after={"password": "*"})


@transaction.atomic
def person_delete(*, person: AbstractBaseUser, actor: AbstractBaseUser | None) -> None:
    """An administrator deletes an account (the admin): recorded first, with what it was."""
    record_change(actor=actor, action="person.delete", obj=person,
                  before=_person_fields(person))
    person.delete()


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


def _membership_after(membership: Membership) -> dict[str, str]:
    return {"user": membership.user.get_username(), "office": membership.office.name,
            "role": membership.role, "post": membership.post}


@transaction.atomic
def membership_grant(
    *, user: AbstractBaseUser, office: Office, role: Role | str, post: str = "",
    actor: AbstractBaseUser | None = None,
) -> Membership:
    """Give a person a role at an office (idempotent); a new grant is recorded with `actor`."""
    membership, created = Membership.objects.get_or_create(
        user=user, office=office, role=Role(role), defaults={"post": post}
    )
    if created:
        record_change(actor=actor, action="membership.grant", obj=membership,
                      after=_membership_after(membership))
    return membership


@transaction.atomic
def membership_revoke(*, user: AbstractBaseUser, office: Office, role: Role | str,
                      actor: AbstractBaseUser | None = None) -> int:
    """Take a role away; each removed grant is recorded with `actor`."""
    rows = list(Membership.objects.select_related("user", "office")
                .filter(user=user, office=office, role=Role(role)))
    for membership in rows:
        record_change(actor=actor, action="membership.revoke", obj=membership,
                      before=_membership_after(membership))
    deleted, _ = Membership.objects.filter(pk__in=[r.pk for r in rows]).delete()
    return deleted


SYSTEM_USERNAME = "kormo-system"


def system_actor_ensure() -> AbstractBaseUser:
    """The system actor (`SYSTEM_USERNAME`), created on first use: a superuser that cannot
    log in, so commands run by the operator pass the gate and are named in the history."""
    users = get_user_model()._default_manager
    user = users.filter(username=SYSTEM_USERNAME).first()
    if user is None:
        user = users.create_superuser(username=SYSTEM_USERNAME, email="", password=None)
        user.is_active = False
        user.save(update_fields=["is_active"])
    return user
