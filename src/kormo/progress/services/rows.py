"""The reads and the version-claiming UPDATE of a value's save and of an evidence upload, the
deadline peak's writes, in plain SQL instead of compiled by the ORM.

Why: compiling these few queries was most of such a write's own CPU (a JSON value save spent
0.9 ms locking its plan with its indicators, 0.7 ms reading its value with its report, 0.4 ms
on its UPDATE; the same statements sent as SQL cost about 0.1 ms each), and the ORM cannot say
"the indicators, each with its value of the quarter if there is one" in one query (the value
has no foreign key to its indicator). What is read is unchanged: the same rows and columns,
converted by each field's own database converters (as the ORM converts them, on PostgreSQL and
SQLite alike) into model instances whose other fields are deferred, as `.only()` leaves them.

Tables and columns are named from the models' `_meta`; every value is a query parameter.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from django.db import connection
from django.db.models import Model

from kormo.plans import models as pm
from kormo.progress.models import Report, ReportedValue

_M = TypeVar("_M", bound=Model)


class _Columns(Generic[_M]):
    """Some columns of one model's table under an alias in a SELECT, and how a row's slice of
    them becomes an instance (None when the row has none: the outer join found nothing)."""

    def __init__(self, model: type[_M], alias: str, names: Iterable[str]) -> None:
        wanted = {model._meta.pk.attname, *(model._meta.get_field(n).attname for n in names)}
        # In the model's field order, which `Model.from_db` expects; the primary key first.
        self.fields = [f for f in model._meta.concrete_fields if f.attname in wanted]
        assert self.fields[0].primary_key
        self.model, self.alias = model, alias
        self.attnames = frozenset(f.attname for f in self.fields)
        self._converters: dict[str, list[tuple[list[Callable[..., Any]], Any]]] = {}

    def __len__(self) -> int:
        return len(self.fields)

    def select(self) -> str:
        quote = connection.ops.quote_name
        return ", ".join(f"{self.alias}.{quote(f.column)}" for f in self.fields)

    def column(self, name: str) -> str:
        return f"{self.alias}.{connection.ops.quote_name(self.model._meta.get_field(name).column)}"

    def _field_converters(self) -> list[tuple[list[Callable[..., Any]], Any]]:
        """Each column's converters, as the ORM's compiler finds them (the backend's, then the
        field's), once per database."""
        found = self._converters.get(connection.alias)
        if found is None:
            found = []
            for f in self.fields:
                col = f.get_col(self.model._meta.db_table)
                found.append((connection.ops.get_db_converters(col)
                              + col.get_db_converters(connection), col))
            self._converters[connection.alias] = found
        return found

    def instance(self, row: Sequence[Any], start: int) -> _M | None:
        values = list(row[start:start + len(self.fields)])
        if values[0] is None:
            return None
        for i, (converters, col) in enumerate(self._field_converters()):
            for convert in converters:
                values[i] = convert(values[i], col, connection)
        return self.model.from_db(connection.alias, self.attnames, values)  # type: ignore[arg-type]


_SQL: dict[tuple[str, str], str] = {}


def _sql(name: str, build: Callable[[], str]) -> str:
    """The statement `name` as `build` writes it for this database, written once."""
    key = (connection.vendor, name)
    sql = _SQL.get(key)
    if sql is None:
        sql = _SQL[key] = build()
    return sql


def _table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _marks(n: int) -> str:
    return ", ".join(["%s"] * n)


def _for_update() -> str:
    """The lock clause of the database (SQLite has none: its transactions take the write lock
    when they begin, `transaction_mode` IMMEDIATE)."""
    return f" {connection.ops.for_update_sql()}" if connection.features.has_select_for_update \
        else ""


# What a write reads again of its plan under the lock: whether it is in force
# (`common.plan_in_force`), its office and year; not its texts.
_PLAN = _Columns(pm.Plan, "p", ("office", "fiscal_year", "office_tier", "is_current",
                                "is_template", "state", "revision_of"))
# What a save reads of an indicator: its unit, derivation and feeds; not its wording.
_INDICATOR = _Columns(pm.Indicator, "i", ("plan", "ref", "unit", "unit_label",
                                          "annual_target_kind", "feeds_from", "derivation"))
# What a save or an upload reads of a report: its state.
_REPORT = _Columns(Report, "r", ("plan", "period", "state"))
# What a save reads of a value: what it compares, keeps in the history and answers.
_VALUE = _Columns(ReportedValue, "v", (
    "report", "plan", "indicator_ref", "quarter", "reported_kind", "reported_number",
    "reported_date", "reported_text", "remarks", "inputs", "verified", "verified_kind",
    "verified_number", "verified_date", "verified_text", "review_state", "reported_at",
    "lock_version"))


def plan_locked(plan_id: int) -> pm.Plan | None:
    """The plan's row, locked until the caller's transaction ends, read again after the lock
    (its state decides whether it is in force); None if there is no such plan."""
    sql = _sql("plan_locked", lambda: f"SELECT {_PLAN.select()} FROM {_table(pm.Plan)} p "
               f"WHERE {_PLAN.column('id')} = %s{_for_update()}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [plan_id])
        row = cursor.fetchone()
    return None if row is None else _PLAN.instance(row, 0)


Cell = tuple[str, str]  # (indicator ref, quarter)


def cells_read(plan_id: int, refs: Collection[str], quarters: Collection[str]
               ) -> tuple[dict[str, pm.Indicator], dict[str, Report | None],
                          dict[Cell, ReportedValue | None]]:
    """The plan's indicators of `refs`, its reports of `quarters` (None for one not opened
    yet) and the values of each such indicator in each such quarter (None for one not entered
    yet), each value with its report: one query. Called under the plan's lock (`plan_locked`,
    an earlier statement: a statement that waits for a lock reads the other tables as they
    were before it waited). A value's report is the plan's report of its quarter."""
    if not refs or not quarters:
        return {}, {}, {}
    sql = _sql("cells_read", _cells_sql).format(quarters=_marks(len(quarters)),
                                                 refs=_marks(len(refs)))
    with connection.cursor() as cursor:
        cursor.execute(sql, [*quarters, plan_id, *refs])
        rows = cursor.fetchall()
    indicators: dict[str, pm.Indicator] = {}
    reports: dict[str, Report | None] = {}
    values: dict[Cell, ReportedValue | None] = {}
    at_report, at_value = len(_INDICATOR), len(_INDICATOR) + len(_REPORT)
    for row in rows:
        indicator = indicators.get(row[_INDICATOR_REF])
        if indicator is None:
            indicator = _INDICATOR.instance(row, 0)
            assert indicator is not None
            indicators[indicator.ref] = indicator
        report = _REPORT.instance(row, at_report)
        if report is not None:
            report = reports.setdefault(report.period, report)
            rv = _VALUE.instance(row, at_value)
            if rv is not None:
                rv.report = report
                values[(rv.indicator_ref, rv.quarter)] = rv
    if indicators:  # the reports (and values) the rows did not name do not exist
        for q in quarters:
            reports.setdefault(q, None)
        for ref in indicators:
            for q in quarters:
                values.setdefault((ref, q), None)
    return indicators, reports, values


def _cells_sql() -> str:
    r_plan, r_period, r_id = (_REPORT.column(n) for n in ("plan", "period", "id"))
    return (
        f"SELECT {_INDICATOR.select()}, {_REPORT.select()}, {_VALUE.select()} "
        f"FROM {_table(pm.Indicator)} i "
        f"LEFT JOIN {_table(Report)} r ON {r_plan} = {_INDICATOR.column('plan')} "
        f"AND {r_period} IN ({{quarters}}) "
        f"LEFT JOIN {_table(ReportedValue)} v ON {_VALUE.column('report')} = {r_id} "
        f"AND {_VALUE.column('plan')} = {r_plan} "
        f"AND {_VALUE.column('indicator_ref')} = {_INDICATOR.column('ref')} "
        f"AND {_VALUE.column('quarter')} = {r_period} "
        f"WHERE {_INDICATOR.column('plan')} = %s AND {_INDICATOR.column('ref')} IN ({{refs}})")


_INDICATOR_REF = next(i for i, f in enumerate(_INDICATOR.fields) if f.name == "ref")


def value_with_plan_locked(plan_id: int, ref: str, quarter: str
                           ) -> tuple[pm.Plan, ReportedValue] | None:
    """The value of an indicator in a quarter with its report and its plan, the plan's row
    locked until the caller's transaction ends: one query; None without such a value."""
    sql = _sql("value_with_plan_locked", lambda: (
        f"SELECT {_PLAN.select()}, {_REPORT.select()}, {_VALUE.select()} "
        f"FROM {_table(ReportedValue)} v "
        f"INNER JOIN {_table(Report)} r ON {_REPORT.column('id')} = {_VALUE.column('report')} "
        f"INNER JOIN {_table(pm.Plan)} p ON {_PLAN.column('id')} = {_VALUE.column('plan')} "
        f"WHERE {_VALUE.column('plan')} = %s AND {_VALUE.column('indicator_ref')} = %s "
        f"AND {_VALUE.column('quarter')} = %s{_for_update_of_plan()}"))
    with connection.cursor() as cursor:
        cursor.execute(sql, [plan_id, ref, quarter])
        row = cursor.fetchone()
    if row is None:
        return None
    plan, report = _PLAN.instance(row, 0), _REPORT.instance(row, len(_PLAN))
    rv = _VALUE.instance(row, len(_PLAN) + len(_REPORT))
    assert plan is not None and report is not None and rv is not None
    rv.report, rv.plan = report, plan
    return plan, rv


def _for_update_of_plan() -> str:
    if not connection.features.has_select_for_update:
        return ""
    if connection.features.has_select_for_update_of:
        return f" {connection.ops.for_update_sql(of=('p',))}"
    return f" {connection.ops.for_update_sql()}"


def value_update_claimed(rv: ReportedValue, seen: int, columns: Mapping[str, Any]) -> bool:
    """UPDATE the value's `columns` (attname → value, stored as each field prepares it for
    the database) and its version to `seen` + 1, where its version is still `seen`: whether
    it was. The compare-and-set of `common._save_claimed`, in one statement."""
    fields = [_BY_ATTNAME[name] for name in columns]

    def build() -> str:
        quote, meta = connection.ops.quote_name, ReportedValue._meta
        version = quote(meta.get_field("lock_version").column)
        sets = ", ".join(f"{quote(f.column)} = %s" for f in fields)
        return (f"UPDATE {_table(ReportedValue)} SET {sets}, {version} = %s "
                f"WHERE {quote(meta.pk.column)} = %s AND {version} = %s")

    sql = _sql(f"update {' '.join(columns)}", build)
    params = [f.get_db_prep_save(v, connection=connection)
              for f, v in zip(fields, columns.values(), strict=True)]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, seen + 1, rv.pk, seen])
        return cursor.rowcount == 1


_BY_ATTNAME = {f.attname: f for f in ReportedValue._meta.concrete_fields}
