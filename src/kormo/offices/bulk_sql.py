"""Bulk inserts without the ORM's per-object cost, for loading a country (onboarding, the
national data set): ids reserved up front, rows written by `executemany` in chunks.

The ORM's `bulk_create` spends most of its time building a model instance and compiling every
field of every row (cProfile of an onboarding run: ~70 %); these helpers send plain tuples.
Values are converted by the fields themselves where the database needs it (dates, decimals,
JSON), so what is stored is what `bulk_create` would store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.db import connection, models
from django.db.models import Max

CHUNK = 2000


def reserve_ids(model: type[models.Model], n: int) -> list[int]:
    """`n` fresh primary keys of `model`'s table. PostgreSQL: taken from its sequence (safe
    beside other writers); SQLite (one writer at a time): the ids above the largest."""
    if n <= 0:
        return []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) "
                           "FROM generate_series(1, %s)",
                           [model._meta.db_table, model._meta.pk.column, n])
            return [row[0] for row in cursor.fetchall()]
    top = model._default_manager.aggregate(top=Max("pk"))["top"] or 0
    return list(range(top + 1, top + 1 + n))


def defaults(model: type[models.Model]) -> dict[str, Any]:
    """Every column's default (attname → value), to complete rows that give only some."""
    return {f.attname: f.get_default() for f in model._meta.concrete_fields}


def _converter(field: models.Field) -> Callable[[Any], Any] | None:
    kind = field.get_internal_type()
    if kind in {"DateTimeField", "DateField", "DecimalField", "JSONField", "TimeField"}:
        return lambda v: field.get_db_prep_save(v, connection)
    return None


def insert_rows(model: type[models.Model], rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert rows (attname → Python value, every concrete field, the id included) by
    executemany in chunks; returns the count."""
    fields = list(model._meta.concrete_fields)
    convert = [_converter(f) for f in fields]
    table = connection.ops.quote_name(model._meta.db_table)
    cols = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * len(fields))})"
    count = 0
    batch: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(tuple(
                c(row[f.attname]) if c and row[f.attname] is not None else row[f.attname]
                for f, c in zip(fields, convert, strict=True)))
            if len(batch) >= CHUNK:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count
