"""Marks of change: what a cached page (kormo.web.page_cache) compares to know that what it
shows is unchanged, read together in one query.

Every change Kormo makes to a plan, its progress, evidence or states keeps a `ChangeRecord`
with the plan; changes of offices, people, roles and the calendar keep one without a plan;
the admin site keeps its own log. So the last record of a page's plans, the last record
without a plan and the admin log's last entry change whenever anything the page shows was
changed by a person. Notices (the header's badge) are marked by the person's unread count
and last notice. Figures stored by the worker are marked by the pages' own selectors.

The marks are plain SQL (one SELECT of scalar subqueries, the same on SQLite and PostgreSQL)
because they run on every request of a cached page: the ORM spent ~2-5 ms building and
compiling a dozen subqueries that the database answers in a fraction of that. On PostgreSQL
the statement is prepared on its connection after a few runs, as every statement is
(`KORMO_PG_PREPARE_AFTER`, settings): planning a dozen subqueries took the server 0.4-1 ms per
read, three to six times their execution, and a page read at the deadline runs one mark.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.admin.models import LogEntry
from django.db import connections, router

from kormo.audit.models import ChangeRecord, Notice

CHANGES = ChangeRecord._meta.db_table
NOTICES = Notice._meta.db_table
ADMIN_LOG = LogEntry._meta.db_table


@dataclass
class Marks:
    """Scalar subqueries (SQL, each with its parameters) read as one row."""

    parts: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    scopes: list[str] = field(default_factory=list)
    scope_params: list[Any] = field(default_factory=list)

    def add(self, sql: str, *params: Any) -> Marks:
        self.parts.append(sql)
        self.params.extend(params)
        return self

    def scope(self, name: str, sql: str, params: Sequence[Any]) -> str:
        """Name the ids `sql` selects for several marks (a SELECT of ids, read as `name`):
        selected once (PostgreSQL materialises a common table expression read more than
        once) instead of again in each mark, which planned and ran it each time. Returns
        the SELECT of them for the marks' `IN (...)`."""
        self.scopes.append(f"{name} AS ({sql})")
        self.scope_params.extend(params)
        return f"SELECT id FROM {name}"

    def sql(self) -> tuple[str, list[Any]]:
        """The one statement and its parameters."""
        head = "WITH " + ", ".join(self.scopes) + " " if self.scopes else ""
        return head + "SELECT " + ", ".join(self.parts), [*self.scope_params, *self.params]

    def read(self) -> str:
        """The marks as one text; from the database reads go to (the replica inside
        `kormo.ops.replica.replica_reads`)."""
        connection = connections[router.db_for_read(ChangeRecord) or "default"]
        sql, params = self.sql()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        return "|".join("" if v is None else str(v) for v in row or ())


def person_marks(user: Any) -> Marks:
    """The changes every page shows: offices, people, roles and the calendar (records without
    a plan, `change_no_plan_id_idx`), the admin site's edits, and the person's notices (unread
    count, last one)."""
    return (Marks()
            .add(f"(SELECT MAX(id) FROM {CHANGES} WHERE plan_id IS NULL)")
            .add(f"(SELECT MAX(id) FROM {ADMIN_LOG})")
            .add(f"(SELECT COUNT(*) FROM {NOTICES} WHERE recipient_id = %s AND read_at IS NULL)",
                 user.pk)
            .add(f"(SELECT MAX(id) FROM {NOTICES} WHERE recipient_id = %s)", user.pk))


def last_change_of_plans(plans_sql: str, params: Sequence[Any]) -> tuple[str, list[Any]]:
    """The id of the last change recorded on any of the plans `plans_sql` selects (a SELECT
    of plan ids): the last record of each plan, one probe of `change_plan_id_idx` each."""
    return (f"(SELECT MAX((SELECT c.id FROM {CHANGES} c WHERE c.plan_id = s.id "
            f"ORDER BY c.id DESC LIMIT 1)) FROM ({plans_sql}) s)", list(params))


__all__ = ["Marks", "last_change_of_plans", "person_marks"]
