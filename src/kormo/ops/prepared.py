"""A query compiled by the ORM once per database connection, then run with other values.

Django builds a queryset's SQL anew every time it runs it. For the few statements nearly every
request runs (the person with their roles, the permission gate's plan or office), building
costs several times what the database spends answering: at a reporting deadline, where most
pages come from the page cache, that was the largest share of a request. A `Prepared` query is
built by the ORM from a queryset with placeholder values the first time a connection needs
it; afterwards only its SQL runs, and its rows become Python values and model instances
(with their `select_related` objects) exactly as the ORM makes them.

Compiled statements are kept on the connection object (one per thread, as connections are), so
a thread never uses another's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections, router
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators
from django.db.models.sql.compiler import SQLCompiler

_INT64 = (-(2**63), 2**63 - 1)


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    compiler: SQLCompiler
    converters: dict[int, Any]
    model: Any
    init_list: list[str]
    start: int
    end: int
    populators: list[Any]


class Prepared:
    """`build(*placeholders)` must return the queryset with the placeholders as its only
    parameters, in that order (integers: the ORM passes them unchanged)."""

    def __init__(self, name: str, build: Callable[..., QuerySet[Any]],
                 placeholders: Sequence[int]) -> None:
        self.name = name
        self.build = build
        self.placeholders = tuple(placeholders)

    def _compiled(self, alias: str) -> _Compiled:
        connection = connections[alias]
        kept: dict[str, _Compiled] = connection.__dict__.setdefault("_kormo_prepared", {})
        found = kept.get(self.name)
        if found is None:
            compiler = self.build(*self.placeholders).query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
            if tuple(params) != self.placeholders:
                raise ValueError(f"{self.name}: parameters {params!r} are not the placeholders")
            info = compiler.klass_info
            if info:  # model instances: where each one's columns are in a row
                fields = info["select_fields"]
                start, end = fields[0], fields[-1] + 1
                init_list = [f[0].target.attname for f in compiler.select[start:end]]
                populators = get_related_populators(info, compiler.select, alias)
                model = info["model"]
            else:
                start = end = 0
                init_list, populators, model = [], [], None
            # The columns' converters (database values to Python's), as results_iter finds them
            converters = compiler.get_converters(
                [c[0] for c in compiler.select[0:compiler.col_count]])
            found = kept[self.name] = _Compiled(sql, compiler, converters, model, init_list,
                                                start, end, populators)
        return found

    def _run(self, model: type[Model], params: Sequence[Any]) -> tuple[str, _Compiled, list[Any]]:
        alias = router.db_for_read(model)
        compiled = self._compiled(alias)
        with connections[alias].cursor() as cursor:
            cursor.execute(compiled.sql, list(params))
            rows = cursor.fetchall()
        if compiled.converters:
            rows = list(compiled.compiler.apply_converters(rows, compiled.converters))
        return alias, compiled, rows

    def rows(self, model: type[Model], *params: Any) -> list[tuple[Any, ...]]:
        """The rows (of a `values_list` queryset), their values converted as the ORM does."""
        if not _storable(params):
            return []
        return [tuple(r) for r in self._run(model, params)[2]]

    def objects(self, model: type[Model], *params: Any) -> list[Any]:
        """The model instances, with their `select_related` objects."""
        if not _storable(params):
            return []
        alias, compiled, rows = self._run(model, params)
        found = []
        for row in rows:
            obj = compiled.model.from_db(alias, compiled.init_list,
                                         row[compiled.start:compiled.end])
            for populator in compiled.populators:
                populator.populate(row, obj)
            found.append(obj)
        return found


def _storable(params: Sequence[Any]) -> bool:
    """Whether every integer fits a database's integer column: no row has an id that does not
    (the ORM answers "none" for such an id; the databases would refuse the statement)."""
    return all(not isinstance(p, int) or _INT64[0] <= p <= _INT64[1] for p in params)
