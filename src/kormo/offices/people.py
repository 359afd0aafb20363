"""Managing the people of an office from its people page: give a person a role, take it away.

One service per action (STYLE.md). Who may: the office's head (the roles that work in the
office: focal points and heads) and an administrator of the office or above (every role).
Each change is kept in the history (`audit.services.record_change`, action "membership.grant" /
"membership.revoke"); a person new to Kormo gets an invitation to set a password once the
change is committed.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from kormo.domain.errors import InputError
from kormo.offices.access import AccessDenied, Action, can
from kormo.offices.invitations import invitations_send
from kormo.offices.models import Membership, Office, Role
from kormo.offices.onboarding import unusable_password
from kormo.offices.services import membership_grant, membership_revoke

HEAD_ROLES = frozenset({Role.FOCAL_POINT, Role.OFFICE_HEAD})


def grantable_roles(actor: Any, office: Office) -> list[Role]:
    """The roles this person may give or take away at the office (none: not their page)."""
    if can(actor, Action.SETUP, office):
        return list(Role)
    if can(actor, Action.APPROVE, office):
        return [r for r in Role if r in HEAD_ROLES]
    return []


def _role(actor: Any, office: Office, role: str) -> Role:
    try:
        chosen = Role(role)
    except ValueError:
        raise InputError(f"“{role}” ভূমিকা নয়", f"“{role}” is not a role", "role") from None
    if chosen not in grantable_roles(actor, office):
        raise AccessDenied()
    return chosen


@transaction.atomic
def person_role_grant(*, actor: Any, office: Office, email: str, name: str, role: str,
                      post: str = "") -> Membership:
    """Give the person with this e-mail a role at the office; an unknown e-mail becomes a new
    account, invited to set its password."""
    chosen = _role(actor, office, role)
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise InputError(f"“{email}” ই-মেইল ঠিকানা নয়", f"“{email}” is not an e-mail address",
                         "email") from None
    User = get_user_model()
    user = (User.objects.filter(username__iexact=email).first()
            or User.objects.filter(email__iexact=email).order_by("pk").first())
    if user is None:
        name = name.strip()
        if not name:
            raise InputError("নতুন ব্যক্তির নাম দিন", "give the new person's name", "name")
        user = User.objects.create(username=email, email=email, first_name=name[:150],
                                   password=unusable_password())
        pk = user.pk
        transaction.on_commit(lambda: invitations_send(user_ids=[pk]))
    # The grant records itself in the history, with the actor (offices.services).
    return membership_grant(user=user, office=office, role=chosen, post=post.strip(),
                            actor=actor)


@transaction.atomic
def person_role_revoke(*, actor: Any, office: Office, membership_id: int | str) -> None:
    """Take one role at the office away (the account stays)."""
    try:
        membership = Membership.objects.select_related("user").get(
            pk=int(membership_id), office=office)
    except (Membership.DoesNotExist, ValueError, TypeError):
        raise AccessDenied() from None
    chosen = _role(actor, office, membership.role)
    membership_revoke(user=membership.user, office=office, role=chosen, actor=actor)
