"""The focal point enters a quarter's achievement, typed or derived (`progress_record`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction

from kormo.audit.services import record_change
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
    ReportedValue,
    ReportPeriod,
    ReviewState,
)
from kormo.progress.services.common import (
    EDITABLE_REPORT_STATES,
    PLAN_STATE_COLUMNS,
    UNSET,
    _fits,
    _one,
    _plan_locked,
    _require,
    _require_in_force,
    _save_claimed,
    _touch,
    _value_editable,
    _value_state,
    _with_gated_office,
)
from kormo.progress.services.reports import (
    _report_for,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    User = AbstractBaseUser


# What a save reads of the indicator (its unit, derivation, feeds) and of its plan
# (`PLAN_STATE_COLUMNS`): not the plan's texts and the indicator's wording.
_INDICATOR_COLUMNS = ("plan", "ref", "unit", "unit_label", "annual_target_kind", "feeds_from",
                      "derivation")
_PLAN_COLUMNS = tuple(f"plan__{f}" for f in PLAN_STATE_COLUMNS)
# The columns a save changes (`_save_claimed` writes only these, with the version claim).
_SAVED_COLUMNS = ("reported_kind", "reported_number", "reported_date", "reported_text",
                  "remarks", "inputs", "updated_by", "change_reason", "review_state",
                  "updated_at")


def _entry_locked(plan: pm.Plan, indicator_ref: str) -> tuple[pm.Plan, pm.Indicator | None]:
    """The plan's row, locked and read again (its state decides whether it is in force), and
    its indicator `indicator_ref`, in one query. The office is the one the caller's gate
    loaded (`access_plan`), not read again. Without such an indicator, the plan alone."""
    indicator = _one(pm.Indicator.objects.filter(plan_id=plan.pk, ref=indicator_ref)
                     .select_related("plan").select_for_update(of=("plan",))
                     .only(*_INDICATOR_COLUMNS, *_PLAN_COLUMNS))
    if indicator is None:
        return _plan_locked(plan.pk), None
    return _with_gated_office(indicator.plan, plan), indicator


@dataclass
class ValuesBatch:
    """Many values of one plan saved in one transaction (the report page's one form,
    `values_batch`): the plan locked and read with its indicators once, each report touched
    and the office's score refresh queued once; each value still checked, saved or refused
    on its own (`progress_record(batch=...)`, in a savepoint of its own)."""

    plan: pm.Plan  # locked until the caller's transaction ends
    indicators: dict[str, pm.Indicator]
    touched: set[int] = field(default_factory=set)  # the reports touched (primary keys)
    queued: bool = False  # the office's score refresh is queued


def values_batch(plan: pm.Plan) -> ValuesBatch:
    """Lock `plan` for the rest of the caller's transaction and read its indicators, in one
    query, for `progress_record(batch=...)`. The lock must outlive every save of the batch,
    so the caller's transaction must be open (taken inside a save's savepoint, it would be
    released with a refused save)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("values_batch needs its caller's transaction")
    indicators = list(pm.Indicator.objects.filter(plan_id=plan.pk).select_related("plan")
                      .select_for_update(of=("plan",)).only(*_INDICATOR_COLUMNS, *_PLAN_COLUMNS)
                      .order_by())
    row = indicators[0].plan if indicators else _plan_locked(plan.pk)
    return ValuesBatch(_with_gated_office(row, plan), {i.ref: i for i in indicators})


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


@transaction.atomic
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
    (`values_batch`, in the caller's transaction) the plan and its indicators are the
    batch's, read once for all its values.
    """
    if batch is not None and batch.plan.pk == plan.pk:
        row, indicator = batch.plan, batch.indicators.get(indicator_ref)
    else:
        batch = None
        row, indicator = _entry_locked(plan, indicator_ref)
    _require(actor, row, Action.WRITE)
    _require_in_force(row)
    quarter = d.Quarter(quarter)
    if indicator is None:
        raise ProgressError(ProgressErrorCode.UNKNOWN_INDICATOR, indicator_ref)
    if indicator.feeds_from:
        # DOMAIN.md, Scoring §5 and §7: a governance indicator's value is computed.
        raise ProgressError(ProgressErrorCode.COMPUTED_INDICATOR, indicator_ref)
    # The value with its report in one query; the quarter's report alone (opened on first
    # use) only for a value not entered yet. The report needs no lock of its own: every
    # change of a report's state holds the plan's lock taken above.
    rv = _one(ReportedValue.objects.select_related("report").filter(
        plan_id=row.pk, indicator_ref=indicator_ref, quarter=quarter.value))
    report = rv.report if rv is not None else _report_for(row, ReportPeriod(quarter.value),
                                                          actor)
    if not _value_editable(report, row, rv):
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

    if new_value is not UNSET:
        for k, v in value_to_columns(new_value, "reported", indicator_ref).items():
            setattr(rv, k, v)
    if remarks is not None:
        rv.remarks = remarks
    if indicator.derivation and inputs is not None:
        rv.inputs = {k: str(v) for k, v in clean_inputs.items()}
    rv.updated_by = actor
    rv.change_reason = reason.strip()
    if rv.review_state == ReviewState.RETURNED and report.state in EDITABLE_REPORT_STATES:
        rv.review_state = ReviewState.PENDING  # fixed: waits for the reviewer again
    # An item returned with the year-end evaluation stays returned (open, so it may be
    # corrected again) until the evaluation is submitted again (`report_submit`).
    if before is None:
        try:
            # No savepoint of its own: the error leaves this function, whose transaction (or
            # savepoint) is rolled back whole.
            rv.save(force_insert=True)
        except IntegrityError:
            # Someone saved the first value of this cell in the meantime: refuse, do not merge.
            raise ProgressError(ProgressErrorCode.STALE_VERSION, indicator_ref) from None
    else:
        _save_claimed(rv, expected_version, _SAVED_COLUMNS)
    record_change(actor=actor, action="progress.record", obj=rv, plan=row, before=before,
                  after=_value_state(rv), reason=reason.strip(),
                  label=f"{indicator_ref} {quarter.value}")
    if batch is None:
        _touch(report, actor, row)
    elif report.pk not in batch.touched:
        _touch(report, actor, row, refresh=not batch.queued)
        batch.touched.add(report.pk)
        batch.queued = True
    return rv
