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
from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.sql.compiler import SQLCompiler

from kormo.offices.access import Grants, remember_grants
from kormo.offices.models import Role

_ROLES = ("memberships__role", "memberships__office__path")


def _statement(connection: BaseDatabaseWrapper, model: Any,
               fields: list[str]) -> tuple[str, SQLCompiler]:
    """The person-and-roles query compiled once per database connection (the ORM would
    compile it again on every request, at about the cost of running it), with its compiler,
    which turns the rows' database values into Python's as the ORM does. Kept on the
    connection object: one per thread, as connections are."""
    found = getattr(connection, "_kormo_person_statement", None)
    if found is None:
        query = model._default_manager.filter(pk=0).values_list(*fields, *_ROLES).query
        compiler = query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        assert list(params) == [0], params  # the person's id is its only parameter
        found = (sql, compiler)
        connection._kormo_person_statement = found  # type: ignore[attr-defined]
    return found  # type: ignore[no-any-return]


class PersonBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        model = get_user_model()
        fields = [f.attname for f in model._meta.concrete_fields]
        alias = router.db_for_read(model)
        connection = connections[alias]
        sql, compiler = _statement(connection, model, fields)
        with connection.cursor() as cursor:
            cursor.execute(sql, [user_id])
            rows = list(compiler.results_iter(results=[cursor.fetchall()]))
        if not rows:
            return None
        width = len(fields)
        user = model.from_db(alias, fields, rows[0][:width])
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
