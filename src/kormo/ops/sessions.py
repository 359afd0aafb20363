"""Django's database sessions, the session's row read with a statement written once.

Every request behind the login reads its session row first. Django's store builds that
query through the ORM on every request (`Session.objects.get(...)`), and compiling it costs
about as much application time as the database spends answering it; at a reporting deadline
most pages come from the page cache, where that is a visible share of the request. This store
keeps Django's everything (the table, the cookie, expiry, saving, logout, `clearsessions`)
and reads the row with one SQL text built from the model once per database.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


@cache
def _select(alias: str, model: Any) -> str:
    meta, quote = model._meta, connections[alias].ops.quote_name
    column = {f.name: quote(f.column) for f in meta.concrete_fields}
    return (f"SELECT {column['session_data']} FROM {quote(meta.db_table)} "
            f"WHERE {column['session_key']} = %s AND {column['expire_date']} > %s")


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Any:
        model = self.model
        alias = router.db_for_read(model)
        connection = connections[alias]
        # As the ORM passes it: a naive UTC text on SQLite, an aware datetime on PostgreSQL.
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(_select(alias, model), [self.session_key, now])
            row = cursor.fetchone()
        if row is None:  # unknown or expired: a new session, as Django's store does
            self._session_key = None
            return None
        return model(session_key=self.session_key, session_data=row[0])
