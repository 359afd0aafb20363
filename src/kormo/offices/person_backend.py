"""The logged-in person and their roles, read in one query per request.

Every page behind the login needs the person (Django's `get_user`, one query) and then their
roles (`grants_for`, one more query) for the permission gate. At a reporting deadline most
pages come from the page cache, where these two queries are much of what a request costs; this
backend reads the person with their memberships' roles and offices in one query (a left join:
one row per membership, one row for a person without any) and hands the gate its `Grants`
ready, so `grants_for` asks the database nothing more in that request.

Login and password checks stay Django's `ModelBackend`'s: only `get_user` changes.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import router

from kormo.offices.access import Grants, remember_grants
from kormo.offices.models import Role
from kormo.web.prepared import Prepared


def _person_and_roles(pk: int) -> Any:
    model = get_user_model()
    return model._default_manager.filter(pk=pk).values_list(
        *_fields(model), "memberships__role", "memberships__office__path")


def _fields(model: Any) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


_PERSON = Prepared(_person_and_roles, 0)


class PersonBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        model = get_user_model()
        rows = _PERSON.rows(user_id)
        if not rows:
            return None
        fields = _fields(model)
        width = len(fields)
        user = model.from_db(router.db_for_read(model), fields, rows[0][:width])
        if not self.user_can_authenticate(user):
            return None
        paths: dict[Role, list[str]] = {}
        for row in rows:
            role, path = row[width], row[width + 1]
            if role is not None:
                paths.setdefault(Role(role), []).append(path)
        remember_grants(user, Grants(bool(user.is_superuser),
                                     {r: tuple(p) for r, p in paths.items()}))
        return user
