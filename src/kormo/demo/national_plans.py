"""A year of plans for many offices at once: the year's plans of one office copied to every
other office by bulk inserts, with quarterly values and reports varied per office.

Used by `kormo_make_national` (benchmarks, load tests, demos), never by a page. The source
plans are stored once through the real service (`plans.convert.plan_save_from_domain`); their
rows (areas, activities, indicators, levels, annexes, ...) are then copied table by table with
explicit ids, so a copy costs one `executemany` per table and chunk, not one query per row.

Ids are taken above the largest one of each table and the PostgreSQL sequences are moved past
them at the end: run it on a database nobody else writes to at the same time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from kormo.domain import planformat
from kormo.offices.bulk_sql import insert_rows
from kormo.offices.models import Office
from kormo.plans import models as pm
from kormo.plans.convert import plan_save_from_domain
from kormo.progress.models import Report, ReportedValue
from kormo.years.models import FiscalYearSetup

# Rows a copy does not take from the source: progress is generated per office, imports under
# review belong to a person, notes on the source document describe that document only.
_SKIP = {"Plan", "PendingImport",
         "SourceNote"}


def _plan_tables() -> list[tuple[type[models.Model], dict[str, type[models.Model]]]]:
    """The plan's child tables in insert order, each with its keys to tables copied before it
    (found from the models, so a table added to `plans` is copied too)."""
    done: list[type[models.Model]] = [pm.Plan]
    out = []
    pending = [m for m in apps.get_app_config("plans").get_models()
               if m.__name__ not in _SKIP]
    while pending:
        for model in list(pending):
            links = {f.attname: f.related_model for f in model._meta.concrete_fields
                     if f.is_relation and f.related_model in (*done, *pending)
                     and f.related_model is not model}
            if all(target in done for target in links.values()) and links:
                out.append((model, links))
                done.append(model)
                pending.remove(model)
            elif not links:
                pending.remove(model)  # not part of a plan
    return out


def _top_id(model: type[models.Model]) -> int:
    return model.objects.aggregate(top=Max("pk"))["top"] or 0


def _sync_sequence(model: type[models.Model]) -> None:
    if connection.vendor != "postgresql":
        return  # SQLite's AUTOINCREMENT follows the largest id inserted
    with connection.cursor() as cursor:
        table = model._meta.db_table
        cursor.execute(f"SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                       f"(SELECT COALESCE(MAX(id), 1) FROM {connection.ops.quote_name(table)}))",
                       [table])


def copy_plans(source: Sequence[pm.Plan], offices: Sequence[Office], *,
               state: str = pm.PlanState.SIGNED) -> dict[str, int]:
    """Copy the `source` plans (one office's plans of a year) to each of `offices`; returns
    rows inserted per table. The copies are `state` (signed: in force, reported against)."""
    now = timezone.now()
    counts: dict[str, int] = {}
    k = len(offices)
    src_ids = [p.pk for p in source]
    # The plans: office j's copy of source plan i gets id base + j * n + i.
    plan_rows = list(pm.Plan.objects.filter(pk__in=src_ids).values())
    index = {r["id"]: i for i, r in enumerate(plan_rows)}
    n = len(plan_rows)
    base = _top_id(pm.Plan) + 1
    new_ids: dict[type[models.Model], tuple[int, dict[int, int], int]] = {
        pm.Plan: (base, index, n)}

    def new_id(model: type[models.Model], old: int, j: int) -> int:
        b, idx, size = new_ids[model]
        return b + j * size + idx[old]

    def plans() -> Iterable[dict[str, Any]]:
        for j, office in enumerate(offices):
            for r in plan_rows:
                yield {**r, "id": new_id(pm.Plan, r["id"], j), "office_id": office.pk,
                       "office_name": office.name, "office_tier": office.tier,
                       "parent_id": (new_id(pm.Plan, r["parent_id"], j)
                                     if r["parent_id"] in index else None),
                       "revision_of_id": None, "is_current": True, "state": state,
                       "created_at": now, "updated_at": now,
                       "submitted_at": now if state != pm.PlanState.DRAFT else None,
                       "approved_at": now if state == pm.PlanState.SIGNED else None,
                       "signed_at": now if state == pm.PlanState.SIGNED else None}

    counts["plans_plan"] = insert_rows(pm.Plan, plans())
    for model, links in _plan_tables():
        first = next(iter(links.items()))
        parent_ids = list(new_ids[first[1]][1])
        rows = list(model.objects.filter(**{f"{first[0]}__in": parent_ids}).values())
        # Rows whose other keys point outside the source (none expected) are left out.
        rows = [r for r in rows if all(r[a] is None or r[a] in new_ids[t][1]
                                       for a, t in links.items())]
        idx = {r["id"]: i for i, r in enumerate(rows)}
        new_ids[model] = (_top_id(model) + 1, idx, len(rows))

        def copies(model: type[models.Model] = model, rows: list[dict[str, Any]] = rows,
                   links: dict[str, type[models.Model]] = links) -> Iterable[dict[str, Any]]:
            for j in range(k):
                for r in rows:
                    yield {**r, "id": new_id(model, r["id"], j),
                           **{a: (None if r[a] is None else new_id(t, r[a], j))
                              for a, t in links.items()}}

        counts[model._meta.db_table] = insert_rows(model, copies())
    for model in (pm.Plan, *(m for m, _ in _plan_tables())):
        _sync_sequence(model)
    return counts


# ---------------------------------------------------------------- quarterly values, reports


def _achieved(level: Decimal, method: str, factor: float, quarter: int) -> Decimal:
    """An office's value of a numeric indicator in a quarter: its 100 % level scaled by the
    office's factor, a quarter's share for a sum, the level so far for the other methods."""
    share = 0.25 if method == "sum" else quarter / 4 if method == "cumulative" else 1.0
    return Decimal(f"{float(level) * factor * share:.2f}")


def progress_and_reports(fiscal_year: str, *, quarters: int = 2, seed: int = 1,
                         plan_ids: Sequence[int] | None = None) -> dict[str, int]:
    """Quarterly values for every numeric indicator of the year's plans (`plan_ids`: only
    these), each office a factor around its targets; a report per quarter (the last one
    submitted and waiting for review, the earlier ones accepted) with the values reported."""
    rng = random.Random(seed)
    start = int(fiscal_year[:4])
    plans = pm.Plan.objects.filter(fiscal_year=fiscal_year, is_template=False, is_current=True)
    if plan_ids is not None:
        plans = plans.filter(pk__in=plan_ids)
    plan_office = dict(plans.values_list("pk", "office_id"))
    factors = {o: rng.uniform(0.55, 1.15) for o in sorted(set(plan_office.values()))}
    levels = pm.IndicatorValue.objects.filter(
        indicator__plan_id__in=list(plan_office), role="level", key="100",
        value_kind__in=("number", "percent", "money")).values_list(
        "indicator_id", "indicator__plan_id", "indicator__ref", "indicator__calculation_method",
        "value_kind", "value_number")
    now = timezone.now()
    rep_id, rv_id = (_top_id(m) + 1 for m in (Report, ReportedValue))
    reported: list[dict[str, Any]] = []
    report_of: dict[tuple[int, int], int] = {}
    reports: list[dict[str, Any]] = []
    for plan_id in plan_office:
        for q in range(1, quarters + 1):
            last = q == quarters
            due = dt.date(start + (q >= 3), (7 + 3 * q) % 12 or 12, 15)
            report_of[(plan_id, q)] = rep_id
            reports.append({
                "id": rep_id, "plan_id": plan_id, "period": f"Q{q}",
                "state": "submitted" if last else "accepted", "due_on": due,
                "is_late": rng.random() < 0.1, "first_submitted_at": now, "submitted_at": now,
                "submitted_by_id": None, "returned_at": None, "returned_by_id": None,
                "return_comment": "", "accepted_at": None if last else now,
                "accepted_by_id": None, "accept_comment": "", "created_at": now,
                "created_by_id": None, "updated_at": now, "updated_by_id": None,
                "lock_version": 0, "final_total": None, "final_maximum": None,
                "final_percent": None})
            rep_id += 1
    for _ind, plan_id, ref, method, kind, level in levels:
        if level is None:
            continue
        factor = factors[plan_office[plan_id]] * rng.uniform(0.9, 1.1)
        for q in range(1, quarters + 1):
            number = _achieved(level, method, factor, q)
            last = q == quarters
            reported.append({
                "id": rv_id, "report_id": report_of[(plan_id, q)], "plan_id": plan_id,
                "indicator_ref": ref, "quarter": f"Q{q}", "reported_kind": kind,
                "reported_number": number, "reported_date": None, "reported_text": "",
                "remarks": "", "inputs": {}, "evidence_texts": [], "published_score": None,
                "verified": False, "verified_kind": "",
                "verified_number": None, "verified_date": None, "verified_text": "",
                "verified_by_id": None, "verified_at": None, "verify_comment": "",
                "review_state": "pending" if last else "accepted", "review_comment": "",
                "reviewed_by_id": None, "reviewed_at": None if last else now,
                "created_at": now, "created_by_id": None, "updated_at": now,
                "updated_by_id": None, "reported_at": now, "change_reason": "",
                "lock_version": 1})
            rv_id += 1
    counts = {"reports": insert_rows(Report, reports),
              "reported_values": insert_rows(ReportedValue, reported)}
    for model in (Report, ReportedValue):
        _sync_sequence(model)
    return counts


SEED_FILES = ("000-rangpur-ict-apa-2022-23.json", "001-polytechnic-action-plans-2023-24.json")


def year_plans(fiscal_year: str, offices: Sequence[Office], *, seed: int = 1,
               quarters: int = 2, seeds_dir: str | Path, kinds: str = "") -> dict[str, int]:
    """The year's plans (seed 000's APA and seed 001's five action plans, or only `kinds`,
    comma-separated) for every office: stored through the service for the first, copied to
    the others, signed; then quarterly values and reports. One transaction."""
    wanted = {k.strip() for k in kinds.split(",") if k.strip()}
    with transaction.atomic():
        FiscalYearSetup.objects.get_or_create(fiscal_year=fiscal_year)
        source = [plan_save_from_domain(
            plan=dataclasses.replace(p, fiscal_year=fiscal_year, progress=()),
            office=offices[0])
                  for name in SEED_FILES
                  for p in planformat.load_path(str(Path(seeds_dir) / name))
                  if not wanted or p.kind.value in wanted]
        now = timezone.now()
        pm.Plan.objects.filter(pk__in=[p.pk for p in source]).update(
            state=pm.PlanState.SIGNED, submitted_at=now, approved_at=now, signed_at=now)
        counts = copy_plans(source, offices[1:])
        counts.update(progress_and_reports(fiscal_year, quarters=quarters, seed=seed))
    return counts
