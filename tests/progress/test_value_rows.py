"""The SQL of the deadline's writes (`kormo.progress.services.rows`, `audit.services.insert_row`)
reads and stores what the ORM reads and stores: the same typed values (decimals, dates, times,
JSON, booleans) on SQLite and PostgreSQL, the same history row."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from kormo.audit.models import ChangeRecord
from kormo.audit.services import insert_row
from kormo.plans import models as pm
from kormo.progress.models import Report, ReportedValue
from kormo.progress.services import progress_record, rows
from tests.progress.world import OfficeWorld

pytestmark = pytest.mark.django_db

_READ = ("report_id", "plan_id", "indicator_ref", "quarter", "reported_kind",
         "reported_number", "reported_date", "reported_text", "remarks", "inputs", "verified",
         "verified_kind", "verified_number", "verified_date", "verified_text", "review_state",
         "reported_at", "lock_version")


def _fields(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {n: getattr(obj, n) for n in names}


def _varied_values(place: OfficeWorld) -> list[ReportedValue]:
    """Values of every stored kind: a number with its inputs, a date, a blank, one verified
    with a reported time, in two quarters."""
    refs = list(pm.Indicator.objects.filter(plan=place.apa, feeds_from="", derivation=None)
                .order_by("position").values_list("ref", "unit"))
    numbers = [r for r, unit in refs if unit != "date"][:3]
    stored = [progress_record(plan=place.apa, indicator_ref=numbers[0], quarter="Q1",
                              actor=place.focal, text="১২৩.৪৫", remarks="খাতা ও ফাইল"),
              progress_record(plan=place.apa, indicator_ref=numbers[1], quarter="Q1",
                              actor=place.focal, text="-"),
              progress_record(plan=place.apa, indicator_ref=numbers[2], quarter="Q2",
                              actor=place.focal, text="৭৫%")]
    dates = [r for r, unit in refs if unit == "date"]
    if dates:
        stored.append(progress_record(plan=place.apa, indicator_ref=dates[0], quarter="Q2",
                                      actor=place.focal, text="১৫/০১/২০২৩"))
    ReportedValue.objects.filter(pk=stored[0].pk).update(
        verified=True, verified_kind="number", verified_number=Decimal("120.5"),
        reported_at=timezone.now(), inputs={"e_disposals": "12.5"})
    return stored


def test_the_cells_read_as_the_orm_reads_them(rangpur: OfficeWorld) -> None:
    stored = _varied_values(rangpur)
    cells = {(rv.indicator_ref, rv.quarter) for rv in stored}
    with transaction.atomic():
        assert rows.plan_locked(rangpur.apa.pk).state == rangpur.apa.state  # type: ignore[union-attr]
        indicators, reports, values = rows.cells_read(
            rangpur.apa.pk, {r for r, _q in cells} | {"9.9.9"}, {"Q1", "Q2", "Q4"})
    assert set(indicators) == {r for r, _q in cells}  # an unknown ref: not there
    assert reports["Q4"] is None  # not opened yet
    for q in ("Q1", "Q2"):
        orm = Report.objects.get(plan=rangpur.apa, period=q)
        assert (reports[q].pk, reports[q].state) == (orm.pk, orm.state)  # type: ignore[union-attr]
    for (ref, q), rv in values.items():
        orm_rv = ReportedValue.objects.filter(plan=rangpur.apa, indicator_ref=ref,
                                              quarter=q).first()
        if orm_rv is None:
            assert rv is None
            continue
        assert rv is not None and _fields(rv, _READ) == _fields(orm_rv, _READ)
        assert rv.report.pk == orm_rv.report_id
    indicator = pm.Indicator.objects.get(plan=rangpur.apa, ref=stored[0].indicator_ref)
    assert (indicators[indicator.ref].pk, indicators[indicator.ref].unit) == (
        indicator.pk, indicator.unit)
    found = rows.value_with_plan_locked(rangpur.apa.pk, stored[0].indicator_ref, "Q1")
    assert found is not None and _fields(found[1], _READ) == _fields(
        ReportedValue.objects.get(pk=stored[0].pk), _READ)
    assert rows.value_with_plan_locked(rangpur.apa.pk, stored[0].indicator_ref, "Q3") is None


def test_a_history_row_written_as_sql_is_the_one_save_writes(rangpur: OfficeWorld) -> None:
    given: dict[str, Any] = dict(
        actor=rangpur.focal, actor_name="focal", action="progress.record", plan=rangpur.apa,
        object_type="progress.reportedvalue", object_id="7", object_label="১.১.১ Q1",
        before={"reported": "12", "inputs": {}, "nested": [1, "দুই", None]},
        after={"reported": "১৫", "at": dt.date(2023, 1, 15).isoformat()}, reason="ভুল")
    by_orm = ChangeRecord(**given)
    by_orm.save(force_insert=True)
    by_sql = insert_row(ChangeRecord(**given))
    assert by_sql.pk is not None and by_sql.pk != by_orm.pk and by_sql.at is not None
    stored = {r.pk: r for r in ChangeRecord.objects.filter(pk__in=[by_orm.pk, by_sql.pk])}
    names = [f.attname for f in ChangeRecord._meta.concrete_fields if f.attname not in
             ("id", "at")]
    assert _fields(stored[by_sql.pk], tuple(names)) == _fields(stored[by_orm.pk], tuple(names))
    assert stored[by_sql.pk].at == by_sql.at  # the time it was given is the time stored
