"""API tokens: make, revoke and check them (one function per action, HackSoft services).

A token reads `kormo_<prefix><secret>` (43 URL-safe characters after "kormo_", 256 random
bits). It is returned once by `api_token_create` and never stored: the table keeps its SHA-256
(`ApiToken.digest`). `Authorization: Bearer <token>` acts for the token's person with exactly
that person's roles (`kormo.offices.access` decides, as for the pages). Making and revoking a
token are recorded in the history (`kormo.audit`), without the token.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from kormo.api.models import ApiToken
from kormo.audit.services import record_change
from kormo.domain.errors import InputError

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

TOKEN_START = "kormo_"
PREFIX_LENGTH = 8
# Writing "last used" on every request would make every read a write; once a minute is enough.
LAST_USED_EVERY = dt.timedelta(minutes=1)
MAX_TOKEN_LENGTH = 200


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _state(token: ApiToken) -> dict[str, Any]:
    return {"user": token.user.get_username(), "name": token.name, "prefix": token.prefix,
            "expires_at": token.expires_at, "revoked_at": token.revoked_at}


@transaction.atomic
def api_token_create(*, user: AbstractBaseUser, name: str, actor: AbstractBaseUser | None = None,
                     expires_at: dt.datetime | None = None) -> tuple[ApiToken, str]:
    """A new token for `user`: the stored row and the token itself (shown once, never kept)."""
    name = name.strip()
    if not name:
        raise InputError("টোকেনের একটি নাম দিন (কী কাজে লাগবে)",
                         "give the token a name (what it is for)")
    if not getattr(user, "is_active", False):
        raise InputError("নিষ্ক্রিয় ব্যবহারকারীর জন্য টোকেন হয় না",
                         "an inactive user cannot have a token")
    secret = secrets.token_urlsafe(32)
    while secret.startswith("-"):  # a prefix "-x..." would read as an option in `revoke PREFIX`
        secret = secrets.token_urlsafe(32)
    token = f"{TOKEN_START}{secret}"
    row = ApiToken.objects.create(user=user, name=name[:100], prefix=secret[:PREFIX_LENGTH],
                                  digest=token_digest(token), expires_at=expires_at,
                                  created_by=actor if getattr(actor, "pk", None) else None)
    record_change(actor=actor, action="api_token.create", obj=row, before=None,
                  after=_state(row), label=str(row))
    return row, token


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: AbstractBaseUser | None = None) -> ApiToken:
    """Stop a token from working (the row stays, for the history). Revoking twice is a no-op."""
    row = ApiToken.objects.select_for_update(of=("self",)).select_related("user").get(pk=token.pk)
    if row.revoked_at is not None:
        return row
    before = _state(row)
    row.revoked_at = timezone.now()
    row.save(update_fields=["revoked_at"])
    record_change(actor=actor, action="api_token.revoke", obj=row, before=before,
                  after=_state(row), label=str(row))
    return row


def api_token_user(token: str) -> AbstractBaseUser | None:
    """The active person a valid, unrevoked, unexpired token acts for; else None (one query,
    plus a write at most once a minute to stamp the last use)."""
    if not token.startswith(TOKEN_START) or len(token) > MAX_TOKEN_LENGTH:
        return None
    row = ApiToken.objects.select_related("user").filter(
        digest=token_digest(token), revoked_at__isnull=True).first()
    now = timezone.now()
    if row is None or not row.user.is_active or (row.expires_at and row.expires_at <= now):
        return None
    if row.last_used_at is None or now - row.last_used_at > LAST_USED_EVERY:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user
