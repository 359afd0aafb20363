"""Queries a page runs on every render, written by the ORM once per process.

The report page is rendered again after nearly every save at the reporting deadline, and
every page counts the person's unread notices. Such reads are small queries (the plan's
reports, values, files; a count), and for each the ORM's work of writing the SQL —
resolving the filters, listing the columns, the ordering — costs several times more CPU
than the database's answer. A `Prepared` query is written once by the ORM from a sample
queryset (its parameters stand-in values), kept with the converters the ORM would apply to
its columns (decimals, dates and JSON as each database returns them), and then run with
the request's parameters: the same SQL, the same Python values.

`Prepared(build, *samples)`: `build(*samples)` is the queryset; each sample is a value that
the query's parameters hold where the request's arguments go (distinct, and not a value the
query holds otherwise). `rows(*args)` runs it with `args` in the samples' places;
`objects(*args)` gives the model instances of a queryset of models, with its `select_related`
objects, as the ORM makes them. Used for the statements nearly every request runs: the person
with their roles (kormo.offices.person_backend), the permission gate's plan or office, the
unread notices, and the report page's reads.

Written statements are kept per thread and connection, so a thread never uses another's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import get_related_populators
from django.db.models.sql.compiler import SQLCompiler

# The ORM answers "no such row" for an integer no column can hold; the databases would refuse
# the statement (PostgreSQL) or the value (SQLite) instead.
_INT64 = (-(2**63), 2**63 - 1)


@dataclass(frozen=True)
class _Written:
    connection: Any  # the thread's connection the compiler was made with
    sql: str
    params: tuple[Any, ...]  # the constants of the query; None where an argument goes
    slots: tuple[int | None, ...]  # for each parameter, the argument's position or None
    compiler: SQLCompiler
    converters: dict[int, tuple[list[Any], Any]]
    columns: int
    # For `objects`, found when first asked: the model, where its columns are in a row, how
    # its select_related objects are filled.
    instances: dict[str, Any] = field(default_factory=dict)


class Prepared:
    """A query written once per process (and database connection), run with new arguments."""

    def __init__(self, build: Callable[..., QuerySet[Any]], *samples: object) -> None:
        self._build = build
        self._samples = samples
        self._local = threading.local()
        self._db: str | None = None  # the database the queryset reads, known once built

    def _write(self) -> _Written:
        written: _Written | None = getattr(self._local, "written", None)
        if (written is not None and self._db is not None
                and written.connection is connections[self._db]):
            return written
        query = self._build(*self._samples)
        self._db = query.db
        connection = connections[query.db]
        compiler = query.query.get_compiler(using=query.db)
        sql, params = compiler.as_sql()
        slots = tuple(self._samples.index(p) if _is_sample(p, self._samples) else None
                      for p in params)
        if set(range(len(self._samples))) - set(slots):
            raise ImproperlyConfigured(f"a sample is not a parameter of: {sql}")
        columns = compiler.col_count
        fields = [s[0] for s in compiler.select[:columns]]
        written = _Written(connection, sql, tuple(params), slots, compiler,
                           compiler.get_converters(fields), columns)
        self._local.written = written
        return written

    def raw_rows(self, *args: object) -> list[Sequence[Any]]:
        """The rows of the query with `args` for its samples, as the database driver gives
        them (`convert` gives them as the ORM would)."""
        if any(isinstance(a, int) and not _INT64[0] <= a <= _INT64[1] for a in args):
            return []  # no row has such an id
        w = self._write()
        params = [p if slot is None else args[slot] for p, slot in zip(w.params, w.slots,
                                                                      strict=True)]
        with w.connection.cursor() as cursor:
            cursor.execute(w.sql, params)
            rows: list[Sequence[Any]] = cursor.fetchall()
        if rows and len(rows[0]) != w.columns:
            rows = [row[:w.columns] for row in rows]
        return rows

    def convert(self, rows: list[Sequence[Any]]) -> list[Sequence[Any]]:
        """`rows` of `raw_rows` with each column as the ORM gives it (decimals, dates, JSON)."""
        w = self._write()
        return list(w.compiler.apply_converters(rows, w.converters)) if w.converters else rows

    def rows(self, *args: object) -> list[Sequence[Any]]:
        """The rows of the query with `args` for its samples, as `values_list` gives them."""
        return self.convert(self.raw_rows(*args))

    def objects(self, *args: object) -> list[Any]:
        """The model instances of the query with `args` for its samples, with their
        `select_related` objects."""
        rows = self.rows(*args)
        w = self._write()
        db = w.connection.alias
        if not w.instances:  # as the ORM's ModelIterable makes them
            info, select = w.compiler.klass_info, w.compiler.select
            start, end = info["select_fields"][0], info["select_fields"][-1] + 1
            w.instances.update(
                model=info["model"], start=start, end=end,
                init_list=[f[0].target.attname for f in select[start:end]],
                populators=get_related_populators(info, select, db))
        model, start, end = w.instances["model"], w.instances["start"], w.instances["end"]
        init_list, populators = w.instances["init_list"], w.instances["populators"]
        found = []
        for row in rows:
            obj = model.from_db(db, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            found.append(obj)
        return found


def _is_sample(param: object, samples: Sequence[object]) -> bool:
    return any(type(param) is type(s) and param == s for s in samples)
