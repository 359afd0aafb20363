"""The focal point enters a quarter's achievement, typed or derived (`progress_record`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction

from kormo.audit.services import insert_row, record_change
from kormo.domain import plan as d
from kormo.domain.cells import parse_cell
from kormo.domain.derived import FORMULAS
from kormo.domain.progress import derived_value
from kormo.domain.values import (
    Value,
)
from kormo.offices.access import Action
from kormo.plans import models as pm
from kormo.plans.values import decimal_to_db, value_to_columns
from kormo.progress.errors import ProgressError, ProgressErrorCode
from kormo.progress.models import (
    Report,
    ReportedValue,
    ReportPeriod,
    ReviewState,
)
from kormo.progress.services import rows
from kormo.progress.services.common import (
    EDITABLE_REPORT_STATES,
    UNSET,
    _fits,
    _require,
    _require_in_force,
    _save_claimed,
    _touch,
    _value_editable,
    _value_state,
    _with_gated_office,
)
from kormo.progress.services.reports import _report_open
from kormo.progress.services.rows import Cell

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    User = AbstractBaseUser


# The columns a save changes (`_save_claimed` writes only these, with the version claim).
_SAVED_COLUMNS = ("reported_kind", "reported_number", "reported_date", "reported_text",
                  "remarks", "inputs", "updated_by", "change_reason", "review_state",
                  "updated_at")


@dataclass
class ValuesBatch:
    """Many values of one plan saved in one transaction (the report page's one form,
    `values_batch`): the plan locked once, the indicators, reports and values of its entries
    read in one query, each report touched and the office's score refresh queued once; each
    value still checked, saved or refused on its own (`progress_record(batch=...)`)."""

    plan: pm.Plan  # locked until the caller's transaction ends
    indicators: dict[str, pm.Indicator]  # of the cells read
    # Of the cells read (`rows.cells_read`): the reports by quarter and the values by cell,
    # None for one that does not exist yet; a cell not read yet is read when saved.
    reports: dict[str, Report | None] = field(default_factory=dict)
    values: dict[Cell, ReportedValue | None] = field(default_factory=dict)
    unknown: set[str] = field(default_factory=set)  # refs read that the plan does not have
    touched: set[int] = field(default_factory=set)  # the reports touched (primary keys)
    queued: bool = False  # the office's score refresh is queued
    # Made by the caller (`values_batch`), whose transaction goes on after a refused value:
    # a first value's INSERT, which may fail, then needs a savepoint of its own.
    shared: bool = True

    def read(self, cells: Iterable[Cell]) -> None:
        """Read the cells not read yet (one query), keeping what this batch wrote."""
        missing = [c for c in cells if c not in self.values and c[0] not in self.unknown]
        if not missing:
            return
        refs, quarters = {r for r, _q in missing}, {q for _r, q in missing}
        indicators, reports, values = rows.cells_read(self.plan.pk, refs, quarters)
        self.indicators.update(indicators)
        self.unknown.update(refs - indicators.keys())
        for q, report in reports.items():
            self.reports.setdefault(q, report)
        for cell, rv in values.items():
            self.values.setdefault(cell, rv)

    def cell(self, ref: str, quarter: str
             ) -> tuple[pm.Indicator | None, Report | None, ReportedValue | None]:
        """The indicator `ref`, the report of `quarter` and the value of the cell."""
        self.read([(ref, quarter)])
        return (self.indicators.get(ref), self.reports.get(quarter),
                self.values.get((ref, quarter)))


def values_batch(plan: pm.Plan, cells: Iterable[Cell] = ()) -> ValuesBatch:
    """Lock `plan` for the rest of the caller's transaction and read the indicators, reports
    and values of `cells` ((indicator ref, quarter) pairs), for `progress_record(batch=...)`.
    The lock must outlive every save of the batch, so the caller's transaction must be open
    (taken inside a save's savepoint, it would be released with a refused save)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("values_batch needs its caller's transaction")
    return _batch(plan, cells, shared=True)


def _batch(plan: pm.Plan, cells: Iterable[Cell], *, shared: bool) -> ValuesBatch:
    row = rows.plan_locked(plan.pk)
    if row is None:
        raise pm.Plan.DoesNotExist()
    batch = ValuesBatch(_with_gated_office(row, plan), {}, shared=shared)
    batch.read(cells)
    return batch


def _clean_inputs(indicator: pm.Indicator, inputs: Mapping[str, Any]) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for name, raw in inputs.items():
        if not isinstance(name, str) or not name.replace("_", "").isalnum():
            raise ProgressError(ProgressErrorCode.BAD_INPUTS, detail=str(name))
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        try:
            # Bengali or Latin digits, as typed ("২২৩৬", "2,236").
            number = getattr(parse_cell(raw), "value", None) if isinstance(raw, str) \
                else Decimal(str(raw))
            if not isinstance(number, Decimal) or number < 0:
                raise ValueError(raw)
            checked = decimal_to_db(number, name)
            assert checked is not None
            out[name] = checked
        except (ValueError, InvalidOperation, ArithmeticError):
            raise ProgressError(ProgressErrorCode.BAD_INPUTS, detail=f"{name}={raw}") from None
    return out


def _derived_value(indicator: pm.Indicator, inputs: Mapping[str, Decimal]) -> Value | None:
    """The computed value of a derived indicator (`kormo.domain.progress.derived_value`);
    an unknown derivation or inputs that give no value are refused, naming them."""
    derivation = indicator.derivation or ""
    if derivation not in FORMULAS:
        raise ProgressError(ProgressErrorCode.BAD_INPUTS, detail=derivation)
    value = derived_value(derivation, inputs)
    if value is None:
        raise ProgressError(ProgressErrorCode.BAD_INPUTS, detail=", ".join(sorted(inputs)))
    return value


def progress_record(
    *,
    plan: pm.Plan,
    indicator_ref: str,
    quarter: d.Quarter | str,
    actor: User,
    text: str | None = None,
    value: Value | None = UNSET,
    remarks: str | None = None,
    inputs: Mapping[str, Any] | None = None,
    reason: str = "",
    expected_version: int | None = None,
    batch: ValuesBatch | None = None,
) -> ReportedValue:
    """Enter (or change) an indicator's achievement in a quarter, as the office reports it.

    The value is `text` as typed (Bengali or Latin digits, a percent, money, a date or "-",
    read by `kormo.domain.cells.parse_cell` in the indicator's unit), or an already typed
    `value` (None clears it); a derived indicator takes its `inputs` and computes the value.
    A value that went up in a submitted report, or was accepted or verified, changes only with
    a `reason`, which is kept. `expected_version` is the version the person saw (0 for a value
    that did not exist): a save over someone else's newer save is refused. With a `batch`
    (`values_batch`, in the caller's transaction) the plan is the batch's, locked once, and
    its cells are read once for all its values.

    A refused value leaves nothing: every check comes before the first write, and the only
    write that may still be refused (a first value's INSERT, which may meet another's) has a
    savepoint of its own when the caller's transaction goes on (`ValuesBatch.shared`).
    """
    record = partial(_record, indicator_ref=indicator_ref, quarter=quarter, actor=actor,
                     text=text, value=value, remarks=remarks, inputs=inputs, reason=reason,
                     expected_version=expected_version)
    if batch is not None and batch.plan.pk == plan.pk:
        return record(batch)
    with transaction.atomic():
        return record(_batch(plan, [(indicator_ref, str(getattr(quarter, "value", quarter)))],
                             shared=False))


def _record(batch: ValuesBatch, *, indicator_ref: str, quarter: d.Quarter | str, actor: User,
            text: str | None, value: Value | None, remarks: str | None,
            inputs: Mapping[str, Any] | None, reason: str, expected_version: int | None
            ) -> ReportedValue:
    """`progress_record` in `batch`, inside the caller's transaction."""
    row = batch.plan
    _require(actor, row, Action.WRITE)
    _require_in_force(row)
    quarter = d.Quarter(quarter)
    indicator, report, rv = batch.cell(indicator_ref, quarter.value)
    if indicator is None:
        raise ProgressError(ProgressErrorCode.UNKNOWN_INDICATOR, indicator_ref)
    if indicator.feeds_from:
        # DOMAIN.md, Scoring §5 and §7: a governance indicator's value is computed.
        raise ProgressError(ProgressErrorCode.COMPUTED_INDICATOR, indicator_ref)
    # The report needs no lock of its own: every change of a report's state holds the plan's
    # lock. A quarter's report not opened yet opens as a draft, where every value is open.
    if report is not None and not _value_editable(report, row, rv):
        raise ProgressError(ProgressErrorCode.REPORT_LOCKED, indicator_ref)

    clean_inputs: dict[str, Decimal] = {}
    if inputs and indicator.derivation:
        clean_inputs = _clean_inputs(indicator, inputs)
        new_value = _derived_value(indicator, clean_inputs) if clean_inputs else None
    elif text is not None:
        new_value = parse_cell(text, d.Unit(indicator.unit), row.fiscal_year)
    elif value is not UNSET:
        new_value = value
    else:
        new_value = UNSET
    if new_value is not UNSET and not _fits(indicator, new_value):
        raise ProgressError(ProgressErrorCode.VALUE_UNIT_MISMATCH, indicator_ref,
                            unit=indicator.unit_label or indicator.unit)

    if rv is None:
        if expected_version not in (None, 0):
            raise ProgressError(ProgressErrorCode.STALE_VERSION, indicator_ref)
        rv = ReportedValue(report=report, plan=row, indicator_ref=indicator_ref,
                           quarter=quarter.value, created_by=actor, lock_version=1)
        before = None
    else:
        before = _value_state(rv)
    old_value = None if before is None else before["reported"]
    changed_value = new_value is not UNSET and new_value != old_value
    changed_remarks = remarks is not None and remarks != rv.remarks
    changed_inputs = bool(indicator.derivation) and inputs is not None and \
        {k: str(v) for k, v in clean_inputs.items()} != dict(rv.inputs)
    if before is not None and not (changed_value or changed_remarks or changed_inputs):
        return rv  # nothing to change: no history, no version bump
    was_reported = before is not None and (
        rv.reported_at is not None or rv.review_state == ReviewState.ACCEPTED or rv.verified)
    if was_reported and not reason.strip():
        raise ProgressError(ProgressErrorCode.REASON_REQUIRED, indicator_ref)
    columns = {} if new_value is UNSET else value_to_columns(new_value, "reported",
                                                             indicator_ref)
    if before is not None and expected_version is not None and \
            expected_version != rv.lock_version:
        raise ProgressError(ProgressErrorCode.STALE_VERSION)

    cell = (indicator_ref, quarter.value)
    wrote = False
    try:
        for k, v in columns.items():
            setattr(rv, k, v)
        if remarks is not None:
            rv.remarks = remarks
        if indicator.derivation and inputs is not None:
            rv.inputs = {k: str(v) for k, v in clean_inputs.items()}
        rv.updated_by = actor
        rv.change_reason = reason.strip()
        if rv.review_state == ReviewState.RETURNED and report is not None and \
                report.state in EDITABLE_REPORT_STATES:
            rv.review_state = ReviewState.PENDING  # fixed: waits for the reviewer again
        # An item returned with the year-end evaluation stays returned (open, so it may be
        # corrected again) until the evaluation is submitted again (`report_submit`).
        if before is None:
            report = _first_value_save(batch, rv, report, ReportPeriod(quarter.value), actor)
        else:
            _save_claimed(rv, expected_version, _SAVED_COLUMNS)
        wrote = True
        assert report is not None
        record_change(actor=actor, action="progress.record", obj=rv, plan=row, before=before,
                      after=_value_state(rv), reason=reason.strip(),
                      label=f"{indicator_ref} {quarter.value}")
        if report.pk not in batch.touched:
            _touch(report, actor, row, refresh=not batch.queued)
            batch.touched.add(report.pk)
            batch.queued = True
    except BaseException:
        batch.values.pop(cell, None)  # changed in memory, not stored: read again if needed
        if wrote and batch.shared:
            # Written, but its history or its report's touch failed: the caller's transaction
            # must not go on to commit it.
            transaction.set_rollback(True)
        raise
    batch.values[cell] = rv
    batch.reports[quarter.value] = report
    return rv


def _first_value_save(batch: ValuesBatch, rv: ReportedValue, report: Report | None,
                      period: ReportPeriod, actor: User) -> Report:
    """INSERT a cell's first value, opening its quarter's report (a draft) if need be; a
    first value saved by someone else in the meantime is refused, not merged."""
    try:
        # A savepoint only when the caller's transaction goes on after a refusal.
        with transaction.atomic(savepoint=batch.shared):
            if report is None:
                report = _report_open(batch.plan, period, actor)
            rv.report = report
            insert_row(rv)
    except IntegrityError:
        raise ProgressError(ProgressErrorCode.STALE_VERSION, rv.indicator_ref) from None
    return report
