"""The report page's reads (`selectors.report_page`), each a query written once per process
(`kormo.web.prepared.Prepared`) and read as light records rather than model instances.

The page is rendered again after nearly every save at the reporting deadline (a value saved
changes its mark, kormo.progress.page_marks): these few reads run every time, for a few dozen
rows, and building their SQL and a model instance per row cost more than the database.

- `plan_reports(plan_id)`: the plan's reports, as `Report` rows (the page shows them whole).
- `plan_values(plan_id)`: every value of the plan (the live score reads all quarters) with its
  files not removed, in one query: `ShownValue`s in the order first stored, and each value's
  `ShownFile`s by value id in the order uploaded.
- `feeding_plan_ids(plan)`: the office's other current plans of the year (Scoring §5).

(The year's rule set, which the live score also reads, is `years.deadlines.rules_for_year`'s,
written once the same way.)
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any, NamedTuple

from django.db.models import FilteredRelation, Q, QuerySet, TextField
from django.db.models.functions import Cast

from kormo.plans import models as pm
from kormo.progress.models import Report, ReportedValue
from kormo.progress.scores import current_plans
from kormo.web.prepared import Prepared


class ShownValue(NamedTuple):
    """A reported value's columns that the report page shows and scores (the attributes of
    `ReportedValue` of the same names)."""

    pk: int
    report_id: int
    indicator_ref: str
    quarter: str
    reported_kind: str
    reported_number: Decimal | None
    reported_date: dt.date | None
    reported_text: str
    remarks: str
    inputs: dict[str, Any]
    evidence_texts: list[str]
    published_score: Decimal | None
    verified: bool
    verified_kind: str
    verified_number: Decimal | None
    verified_date: dt.date | None
    verified_text: str
    review_state: str
    review_comment: str
    reported_at: dt.datetime | None
    lock_version: int


class ShownFile(NamedTuple):
    """An evidence file as the report page lists it (the attributes of `Evidence`)."""

    pk: int
    original_name: str
    size: int
    sha256: str


# The JSON columns as their text (parsed here, most of them "{}" or "[]").
_JSON = ("inputs", "evidence_texts")
_VALUE_COLUMNS = tuple("id" if f == "pk" else Cast(f, TextField()) if f in _JSON else f
                       for f in ShownValue._fields)
_FILE_COLUMNS = tuple(f"alive__{'id' if f == 'pk' else f}" for f in ShownFile._fields)
_N = len(_VALUE_COLUMNS)
# Stand-ins for the arguments while the ORM writes the SQL (never an id or a year).
_ID, _OTHER_ID, _YEAR = -7_301_001, -7_301_002, "\x00prepared-year"


def _values(plan_id: int) -> QuerySet[Any]:
    alive = FilteredRelation("files", condition=Q(files__removed_at__isnull=True))
    return (ReportedValue.objects.filter(plan_id=plan_id).annotate(alive=alive)
            .order_by("pk", "alive__uploaded_at", "alive__pk")
            .values_list(*_VALUE_COLUMNS, *_FILE_COLUMNS))


_REPORTS = Prepared(lambda plan_id: Report.objects.filter(plan_id=plan_id).order_by(), _ID)
_VALUES = Prepared(_values, _ID)
_FEEDING = Prepared(lambda office_id, fiscal_year, plan_id: current_plans(
    office_ids=[office_id], fiscal_year=fiscal_year).exclude(pk=plan_id).order_by()
    .values_list("pk", flat=True), _ID, _YEAR, _OTHER_ID)


def plan_reports(plan_id: int) -> list[Report]:
    """The plan's reports (one query)."""
    return _REPORTS.objects(plan_id)


_EMPTY: dict[str, Any] = {"{}": {}, "[]": []}


def _json(value: Any) -> Any:
    """A JSON column read as text, as the model's field gives it (a new empty dict or list
    for the common empty ones)."""
    if not isinstance(value, str):
        return value
    empty = _EMPTY.get(value)
    return json.loads(value) if empty is None else type(empty)()


def plan_values(plan_id: int) -> tuple[list[ShownValue], dict[int, list[ShownFile]]]:
    """Every value of the plan, as first stored, and the files not removed of each (by value
    id, as uploaded): one query. A value comes once per file: its columns are converted
    from the first (the file's columns, numbers and texts, need no conversion)."""
    raw = _VALUES.raw_rows(plan_id)
    firsts = _VALUES.convert([row for i, row in enumerate(raw)
                              if i == 0 or row[0] != raw[i - 1][0]])
    values = [ShownValue._make(_json(v) if name in _JSON else v
                               for name, v in zip(ShownValue._fields, row[:_N], strict=True))
              for row in firsts]
    files: dict[int, list[ShownFile]] = {}
    for row in raw:
        if row[_N] is not None:
            files.setdefault(row[0], []).append(ShownFile(*row[_N:]))
    return values, files


def feeding_plan_ids(plan: pm.Plan) -> list[int]:
    """The ids of the office's other current plans of the plan's year (one query)."""
    return [row[0] for row in _FEEDING.rows(plan.office_id, plan.fiscal_year, plan.pk)]


__all__ = ["ShownFile", "ShownValue", "feeding_plan_ids", "plan_reports", "plan_values"]
