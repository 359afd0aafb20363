"""Writes of progress: one function per user action (STYLE.md "How one feature flows").

    progress_record    the focal point enters a quarter's achievement (typed, or derived)
    evidence_attach    ... attaches an evidence file;  evidence_remove removes one (kept)
    report_submit      the office submits a quarter's report (or the year-end evaluation)
    value_review       the supervising office accepts or returns one item, with a comment
    value_verify       ... sets a verified achievement beside the self-reported one
    report_return      ... returns the report;  report_accept accepts it
    progress_copy_to_revision   a plan revision carries the year's reporting along

Every function, inside one `transaction.atomic`: checks the actor's `Action` through
`kormo.offices.access` (AccessDenied, a 404, for strangers) and the state (`ProgressError` with
a code), stamps who and when, records the change (`kormo.audit.services.record_change`, with
the reason), sends notices, keeps `plans.ProgressValue` equal to the effective values and
recomputes the office's score (`kormo.progress.scores.score_refresh`). Pages, bulk actions,
imports and the API call these same functions.

Concurrency: a value carries a `lock_version`; a save that read an older version is refused
(compare-and-set with a conditional UPDATE, so it holds on PostgreSQL and SQLite alike), and two
first saves of one value meet the unique constraint: the later is refused, never merged.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import uuid
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from kormo.audit.models import NoticeKind
from kormo.audit.services import notice_send, record_change
from kormo.domain import calendar
from kormo.domain import plan as d
from kormo.domain.cells import parse_cell
from kormo.domain.dates import format_date
from kormo.domain.derived import FORMULAS
from kormo.domain.digits import to_bengali_digits
from kormo.domain.values import (
    Blank,
    DateValue,
    MonthValue,
    NotApplicable,
    Value,
)
from kormo.offices.access import AccessDenied, Action, can
from kormo.offices.models import Role
from kormo.offices.selectors import people_at, supervisors_above
from kormo.plans import models as pm
from kormo.plans.values import decimal_to_db, value_from_columns, value_to_columns
from kormo.plans.words import notice_words
from kormo.progress.errors import ProgressError, ProgressErrorCode
from kormo.progress.evidence import EXTENSIONS, evidence_check
from kormo.progress.models import (
    QUARTER_PERIODS,
    Evidence,
    Report,
    ReportedValue,
    ReportPeriod,
    ReportState,
    ReviewState,
)
from kormo.progress.scores import office_year_scores, score_refresh
from kormo.years.deadlines import deadline_for, for_tier
from kormo.years.models import Event

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from kormo.years.deadlines import DeadlineMap

    User = AbstractBaseUser


class _Unset:
    """No value given (distinct from None, which clears a value)."""


UNSET: Any = _Unset()
EDITABLE_REPORT_STATES = frozenset({ReportState.DRAFT, ReportState.RETURNED})


# ---------------------------------------------------------------- small helpers


def _require(actor: User, plan: pm.Plan, *actions: Action) -> None:
    if not any(can(actor, a, plan.office) for a in actions):
        raise AccessDenied()


def _plan_locked(plan_id: int) -> pm.Plan:
    return pm.Plan.objects.select_for_update(of=("self",)).select_related(
        "office", "office__parent").get(pk=plan_id)


def plan_in_force(plan: pm.Plan) -> bool:
    """Progress is reported on the current version of a signed plan; a revision in progress
    (a draft copy of a signed plan) goes on receiving the year's reports."""
    return plan.is_current and not plan.is_template and (
        plan.state == pm.PlanState.SIGNED or plan.revision_of_id is not None)


def _require_in_force(plan: pm.Plan) -> None:
    if not plan_in_force(plan):
        raise ProgressError(ProgressErrorCode.PLAN_NOT_IN_FORCE)


def _url(name: str, *args: Any) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _refresh(plan: pm.Plan) -> None:
    score_refresh(office_id=plan.office_id, fiscal_year=plan.fiscal_year)


def _touch(report: Report, actor: User) -> None:
    """Mark the report changed (its values changed): the dashboard's stamp follows it."""
    report.updated_by = actor
    report.save(update_fields=["updated_by", "updated_at"])


_EVENTS = {p: p.value for p in QUARTER_PERIODS}


def _event(period: ReportPeriod) -> Any:
    return Event.YEAR_EVALUATION if period is ReportPeriod.YEAR else Event(period.value)


def _deadline(plan: pm.Plan, period: ReportPeriod) -> Any:
    """The year's `Deadline` of the report for the office's tier (or for every tier), if
    set. Deadlines are data per tier and year (DOMAIN.md "Calendar seen")."""
    return deadline_for(fiscal_year=plan.fiscal_year, event=_event(period),
                        tier=plan.office.tier or plan.office_tier)


def report_due(plan: pm.Plan, period: ReportPeriod | str,
               deadlines: DeadlineMap | None = None) -> dt.date:
    """The due date of a plan's report: the year's `Deadline` for the office's tier (or for
    every tier), else the calendar's default (DOMAIN.md "Calendar seen": about the 15th after a
    quarter ends, the evaluation by 15 July). `deadlines` (`years.services.deadline_map`)
    answers without a query, for jobs over many plans."""
    period = ReportPeriod(period)
    if deadlines is None:
        deadline = _deadline(plan, period)
        due = deadline.due_on if deadline is not None else None
    else:
        due = for_tier(deadlines.get((plan.fiscal_year, _event(period).value), {}),
                       plan.office.tier or plan.office_tier)
    if due is not None:
        return due
    if period is ReportPeriod.YEAR:
        return calendar.year_evaluation_due(plan.fiscal_year)
    return calendar.quarter_report_due(plan.fiscal_year, d.Quarter(period.value))


def _report_for(plan: pm.Plan, period: ReportPeriod, actor: User) -> Report:
    """The plan's report for the period, created as a draft on first use."""
    report = Report.objects.select_for_update().filter(plan=plan, period=period).first()
    if report is not None:
        return report
    report = Report.objects.create(plan=plan, period=period, due_on=report_due(plan, period),
                                   created_by=actor, updated_by=actor)
    record_change(actor=actor, action="report.create", obj=report, plan=plan, before=None,
                  after=_report_state(report), label=f"{period.value}")
    return report


def report_get_or_create(*, plan: pm.Plan, period: ReportPeriod | str, actor: User) -> Report:
    """Open the plan's report for a period (a draft), for the office's focal point or head."""
    with transaction.atomic():
        row = _plan_locked(plan.pk)
        _require(actor, row, Action.WRITE, Action.APPROVE)
        _require_in_force(row)
        return _report_for(row, ReportPeriod(period), actor)


def _report_state(report: Report) -> dict[str, Any]:
    return {"period": report.period, "state": report.state, "is_late": report.is_late,
            "due_on": report.due_on, "lock_version": report.lock_version}


def _year_report(plan: pm.Plan) -> Report | None:
    return Report.objects.filter(plan=plan, period=ReportPeriod.YEAR).first()


def value_open(quarter_state: str, year_state: str | None, rv: ReportedValue | None) -> bool:
    """Whether the office may change a value (the rule of `progress_record`, the evidence
    functions and the report page): while its quarter's report is a draft or returned; else,
    while the year-end evaluation is returned, only if it is one of the items returned for
    correction (`review_state` RETURNED, whatever its quarter). Every other value of a
    submitted or accepted quarter stays locked (`REPORT_LOCKED`), so accepted data never
    changes behind the supervisor's back; a value never entered in such a quarter cannot be
    added either (the supervisor returns that quarter's report for it)."""
    if quarter_state in EDITABLE_REPORT_STATES:
        return True
    return (year_state == ReportState.RETURNED and rv is not None
            and rv.review_state == ReviewState.RETURNED)


def _value_editable(report: Report, plan: pm.Plan, rv: ReportedValue | None) -> bool:
    """`value_open` for a value (or the cell of one not entered yet, `rv` None) of `report`'s
    quarter."""
    if report.state in EDITABLE_REPORT_STATES:
        return True
    year = _year_report(plan)
    return value_open(report.state, year.state if year is not None else None, rv)


def _under_review(report: Report, plan: pm.Plan) -> bool:
    """A supervisor reviews and verifies a value while its quarter's report or the year-end
    evaluation is submitted."""
    if report.state == ReportState.SUBMITTED:
        return True
    year = _year_report(plan)
    return year is not None and year.state == ReportState.SUBMITTED


def _reported(rv: ReportedValue, prefix: str = "reported") -> Value | None:
    return value_from_columns(rv, prefix)


def _value_state(rv: ReportedValue) -> dict[str, Any]:
    return {
        "reported": _reported(rv),
        "remarks": rv.remarks,
        "inputs": dict(rv.inputs),
        "verified": _reported(rv, "verified") if rv.verified else None,
        "is_verified": rv.verified,
        "review_state": rv.review_state,
        "lock_version": rv.lock_version,
    }


def _fits(indicator: pm.Indicator, value: Value | None) -> bool:
    """DOMAIN.md "Structure rules": a cell may be a number, percent, date, money or "-"; a
    date indicator takes a date, other indicators a number (or a date where their targets are
    dates, as in the date-bound activities of integrity plans)."""
    if value is None or isinstance(value, Blank | NotApplicable):
        return True
    is_date = isinstance(value, DateValue | MonthValue)
    if indicator.unit == d.Unit.DATE.value:
        return is_date
    if is_date:
        return indicator.annual_target_kind in ("date", "month") or \
            indicator.values.filter(role__in=["level", "quarterly_target"],
                                    value_kind__in=["date", "month"]).exists()
    return True


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
    """The computed value of a derived indicator (DOMAIN.md, Scoring §8: the e-Nothi rate of
    seed 004 = e-disposals ÷ (e-disposals + hard-file disposals) × 100). Kept to six places for
    display; scoring computes it again from the inputs at full precision."""
    formula = FORMULAS.get(indicator.derivation or "")
    if formula is None:
        raise ProgressError(ProgressErrorCode.BAD_INPUTS, detail=indicator.derivation or "")
    value = formula(inputs)
    if value is None:
        raise ProgressError(ProgressErrorCode.BAD_INPUTS, detail=", ".join(sorted(inputs)))
    number = getattr(value, "value", None)
    if isinstance(number, Decimal):
        return type(value)(number.quantize(Decimal("0.000001")).normalize())  # type: ignore
    return value


def _sync_effective(rv: ReportedValue, plan: pm.Plan) -> None:
    """Keep `plans.ProgressValue` equal to the effective value: verified where it exists,
    else reported (the final score uses verified values where they exist). The inputs of a
    derived indicator go along unless a verified value overrides them; the evidence files'
    names become the value's evidence texts, as plan files list them."""
    pm.ProgressValue.objects.filter(plan=plan, indicator_ref=rv.indicator_ref,
                                    quarter=rv.quarter).delete()
    effective = _reported(rv, "verified") if rv.verified else _reported(rv)
    if effective is None:
        return
    position = pm.ProgressValue.objects.filter(plan=plan).aggregate(m=Max("position"))["m"]
    indicator = pm.Indicator.objects.filter(plan=plan, ref=rv.indicator_ref).first()
    pv = pm.ProgressValue.objects.create(
        plan=plan, indicator=indicator, indicator_ref=rv.indicator_ref, quarter=rv.quarter,
        position=0 if position is None else position + 1, remarks=rv.remarks,
        **value_to_columns(effective, "value", f"{rv.indicator_ref} {rv.quarter}"),
    )
    if rv.inputs and not rv.verified:
        pm.ProgressInput.objects.bulk_create(
            pm.ProgressInput(progress=pv, position=i, name=k, value=Decimal(v))
            for i, (k, v) in enumerate(rv.inputs.items()))
    names = list(Evidence.objects.filter(value=rv, removed_at__isnull=True).order_by(
        "uploaded_at", "pk").values_list("original_name", flat=True))
    pm.ProgressEvidence.objects.bulk_create(
        pm.ProgressEvidence(progress=pv, position=i, text=n) for i, n in enumerate(names))


def _claim(rv: ReportedValue, expected_version: int | None) -> None:
    """Compare-and-set on the value's version: refused if someone saved it since it was read
    (or since the version the caller saw)."""
    seen = rv.lock_version
    if expected_version is not None and expected_version != seen:
        raise ProgressError(ProgressErrorCode.STALE_VERSION)
    if ReportedValue.objects.filter(pk=rv.pk, lock_version=seen).update(
            lock_version=seen + 1) != 1:
        raise ProgressError(ProgressErrorCode.STALE_VERSION)
    rv.lock_version = seen + 1


def _notify(report: Report, plan: pm.Plan, actor: User, kind: NoticeKind, recipients: Any,
            bn: str, en: str) -> None:
    period = ReportPeriod(report.period)
    pbn, pen = notice_words(plan, period.value)
    notice_send(
        recipients=recipients, kind=kind, plan=plan, exclude=actor,
        text_bn=f"{pbn} — {bn}",
        text_en=f"{pen} — {en}",
        url=_url("progress:report", plan.pk, period.value),
    )


# ---------------------------------------------------------------- the focal point


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
) -> ReportedValue:
    """Enter (or change) an indicator's achievement in a quarter, as the office reports it.

    The value is `text` as typed (Bengali or Latin digits, a percent, money, a date or "-",
    read by `kormo.domain.numerals.parse_cell` in the indicator's unit), or an already typed
    `value` (None clears it); a derived indicator takes its `inputs` and computes the value.
    A value that went up in a submitted report, or was accepted or verified, changes only with
    a `reason`, which is kept. `expected_version` is the version the person saw (0 for a value
    that did not exist): a save over someone else's newer save is refused.
    """
    row = _plan_locked(plan.pk)
    _require(actor, row, Action.WRITE)
    _require_in_force(row)
    quarter = d.Quarter(quarter)
    indicator = pm.Indicator.objects.filter(plan=row, ref=indicator_ref).first()
    if indicator is None:
        raise ProgressError(ProgressErrorCode.UNKNOWN_INDICATOR, indicator_ref)
    if indicator.feeds_from:
        # DOMAIN.md, Scoring §5 and §7: a governance indicator's value is computed.
        raise ProgressError(ProgressErrorCode.COMPUTED_INDICATOR, indicator_ref)
    report = _report_for(row, ReportPeriod(quarter.value), actor)
    rv = ReportedValue.objects.filter(plan=row, indicator_ref=indicator_ref,
                                      quarter=quarter.value).first()
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
            with transaction.atomic():
                rv.save(force_insert=True)
        except IntegrityError:
            # Someone saved the first value of this cell in the meantime: refuse, do not merge.
            raise ProgressError(ProgressErrorCode.STALE_VERSION, indicator_ref) from None
    else:
        _claim(rv, expected_version)
        rv.save()
    record_change(actor=actor, action="progress.record", obj=rv, plan=row, before=before,
                  after=_value_state(rv), reason=reason.strip(),
                  label=f"{indicator_ref} {quarter.value}")
    _sync_effective(rv, row)
    _touch(report, actor)
    _refresh(row)
    return rv


def _storage_name(plan: pm.Plan, rv: ReportedValue, kind: str) -> str:
    """Where the file goes: by office, year and plan; a random name, never the uploader's."""
    return posixpath.join("evidence", str(plan.office_id), plan.fiscal_year, str(plan.pk),
                          f"{rv.quarter}-{uuid.uuid4().hex}.{EXTENSIONS[kind]}")


@transaction.atomic
def evidence_attach(*, value: ReportedValue, actor: User, file: File, name: str = ""
                    ) -> Evidence:
    """Attach an evidence file to a reported value, after checking its type by content and its
    size (`kormo.progress.evidence`); stored through Django's storage API with its SHA-256."""
    row = _plan_locked(value.plan_id)
    _require(actor, row, Action.WRITE)
    _require_in_force(row)
    rv = ReportedValue.objects.select_related("report").get(pk=value.pk)
    if not _value_editable(rv.report, row, rv):
        raise ProgressError(ProgressErrorCode.REPORT_LOCKED, rv.indicator_ref)
    checked = evidence_check(file, getattr(file, "size", None))
    original = posixpath.basename((name or getattr(file, "name", "") or "evidence").replace(
        "\\", "/"))[:255] or "evidence"
    stored = default_storage.save(_storage_name(row, rv, checked.kind), file)
    try:
        evidence = Evidence.objects.create(
            value=rv, plan=row, file=stored, original_name=original, kind=checked.kind,
            content_type=checked.content_type, size=checked.size, sha256=checked.sha256,
            uploaded_by=actor,
        )
        record_change(actor=actor, action="evidence.attach", obj=evidence, plan=row,
                      before=None,
                      after={"name": original, "kind": checked.kind, "size": checked.size,
                             "sha256": checked.sha256, "value": f"{rv.indicator_ref} "
                                                                f"{rv.quarter}"},
                      label=f"{rv.indicator_ref} {rv.quarter}: {original}")
        _sync_effective(rv, row)
        _touch(rv.report, actor)
    except BaseException:
        default_storage.delete(stored)
        raise
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: Evidence, actor: User, reason: str = "") -> Evidence:
    """Withdraw an evidence file. The row and the stored file stay (history); the file is no
    longer listed as evidence. Removing evidence of a reported value needs a reason."""
    row = _plan_locked(evidence.plan_id)
    _require(actor, row, Action.WRITE)
    _require_in_force(row)
    ev = Evidence.objects.select_related("value__report").get(pk=evidence.pk)
    if ev.removed_at is not None:
        raise ProgressError(ProgressErrorCode.ALREADY_REMOVED, ev.original_name)
    rv = ev.value
    if not _value_editable(rv.report, row, rv):
        raise ProgressError(ProgressErrorCode.REPORT_LOCKED, rv.indicator_ref)
    if (rv.reported_at is not None or rv.verified) and not reason.strip():
        raise ProgressError(ProgressErrorCode.REASON_REQUIRED, rv.indicator_ref)
    ev.removed_at = timezone.now()
    ev.removed_by = actor
    ev.remove_reason = reason.strip()
    ev.save(update_fields=["removed_at", "removed_by", "remove_reason"])
    record_change(actor=actor, action="evidence.remove", obj=ev, plan=row,
                  before={"name": ev.original_name, "sha256": ev.sha256}, after=None,
                  reason=reason.strip(), label=f"{rv.indicator_ref} {rv.quarter}: "
                                               f"{ev.original_name}")
    _sync_effective(rv, row)
    _touch(rv.report, actor)
    return ev


@transaction.atomic
def report_submit(*, report: Report, actor: User, now: dt.datetime | None = None,
                  expected_version: int | None = None) -> Report:
    """Submit a quarter's report (Q2 is the half-yearly self-assessment) or the year-end
    evaluation to the supervising office. Before its window opens (the deadline's `opens_on`
    for the office's tier) it is refused; past its due date the first submission is marked
    late. Submitting the year-end evaluation again after a return puts the items returned
    with it back to waiting for review (PENDING)."""
    row = _plan_locked(report.plan_id)
    _require(actor, row, Action.WRITE, Action.APPROVE)
    _require_in_force(row)
    rep = Report.objects.select_for_update().get(pk=report.pk)
    if expected_version is not None and rep.lock_version != expected_version:
        raise ProgressError(ProgressErrorCode.STALE_VERSION)
    if rep.state not in EDITABLE_REPORT_STATES:
        raise ProgressError(ProgressErrorCode.WRONG_STATE, state=rep.get_state_display())
    if rep.period == ReportPeriod.YEAR:
        states = dict(Report.objects.filter(plan=row, period__in=QUARTER_PERIODS).values_list(
            "period", "state"))
        if any(states.get(p) not in (ReportState.SUBMITTED, ReportState.ACCEPTED)
               for p in QUARTER_PERIODS):
            raise ProgressError(ProgressErrorCode.QUARTERS_OPEN)
    moment = now or timezone.now()
    deadline = _deadline(row, ReportPeriod(rep.period))
    opens = deadline.opens_on if deadline is not None else None
    if opens is not None and timezone.localdate(moment) < opens:
        # DOMAIN.md "Calendar seen": submission windows are staggered by tier.
        raise ProgressError(ProgressErrorCode.WINDOW_NOT_OPEN,
                            date_bn=format_date(opens, "bn", "long"),
                            date_en=format_date(opens, "en", "long"))
    before = _report_state(rep)
    rep.due_on = deadline.due_on if deadline is not None else report_due(row, rep.period)
    if rep.first_submitted_at is None:
        rep.first_submitted_at = moment
        rep.is_late = timezone.localdate(moment) > rep.due_on
    rep.state = ReportState.SUBMITTED
    rep.submitted_at = moment
    rep.submitted_by = actor
    rep.updated_by = actor
    rep.lock_version += 1
    rep.save()
    rep.values.filter(reported_at__isnull=True).update(reported_at=moment)
    after = _report_state(rep)
    if rep.period == ReportPeriod.YEAR:
        # The items returned with the evaluation (corrected or not) go back to the reviewer.
        answered = ReportedValue.objects.filter(plan=row, review_state=ReviewState.RETURNED)
        refs = _item_names(answered)
        if refs:
            answered.update(review_state=ReviewState.PENDING,
                            lock_version=F("lock_version") + 1)
            after["items"] = refs
    record_change(actor=actor, action="report.submit", obj=rep, plan=row, before=before,
                  after=after, label=rep.period)
    late_bn = " (দেরিতে)" if rep.is_late else ""
    late_en = " (late)" if rep.is_late else ""
    _notify(rep, row, actor, NoticeKind.REPORT_SUBMITTED, supervisors_above(row.office),
            f"পর্যালোচনার জন্য জমা দেওয়া হয়েছে{late_bn}", f"submitted for your review{late_en}")
    _refresh(row)
    return rep


# ---------------------------------------------------------------- the supervising office


def _reviewable_value(value: ReportedValue, actor: User) -> tuple[pm.Plan, ReportedValue]:
    row = _plan_locked(value.plan_id)
    _require(actor, row, Action.REVIEW)
    rv = ReportedValue.objects.select_related("report").get(pk=value.pk)
    if not _under_review(rv.report, row):
        raise ProgressError(ProgressErrorCode.WRONG_STATE, rv.indicator_ref,
                            state=rv.report.get_state_display())
    return row, rv


@transaction.atomic
def value_review(*, value: ReportedValue, actor: User, accept: bool, comment: str = "",
                 expected_version: int | None = None) -> ReportedValue:
    """Accept one reported item, or return it with a comment (the report goes back with
    `report_return`)."""
    row, rv = _reviewable_value(value, actor)
    if not accept and not comment.strip():
        raise ProgressError(ProgressErrorCode.COMMENT_REQUIRED, rv.indicator_ref)
    before = _value_state(rv)
    _claim(rv, expected_version)
    rv.review_state = ReviewState.ACCEPTED if accept else ReviewState.RETURNED
    rv.review_comment = comment.strip()
    rv.reviewed_by = actor
    rv.reviewed_at = timezone.now()
    rv.save()
    record_change(actor=actor, action="progress.review", obj=rv, plan=row, before=before,
                  after={**_value_state(rv), "comment": rv.review_comment},
                  reason=rv.review_comment, label=f"{rv.indicator_ref} {rv.quarter}")
    _touch(rv.report, actor)
    return rv


@transaction.atomic
def value_verify(*, value: ReportedValue, actor: User, text: str | None = None,
                 verified: Value | None = UNSET, comment: str = "",
                 expected_version: int | None = None) -> ReportedValue:
    """Set the verified achievement beside the self-reported one (both are kept); the final
    score uses the verified value. An empty `text` (or `verified=None`) withdraws it. Changing
    or withdrawing a verified value needs a `comment` saying why."""
    row, rv = _reviewable_value(value, actor)
    indicator = pm.Indicator.objects.filter(plan=row, ref=rv.indicator_ref).first()
    if indicator is None:
        raise ProgressError(ProgressErrorCode.UNKNOWN_INDICATOR, rv.indicator_ref)
    if text is not None:
        new = parse_cell(text, d.Unit(indicator.unit), row.fiscal_year)
    elif verified is not UNSET:
        new = verified
    else:
        raise ProgressError(ProgressErrorCode.BAD_INPUTS, rv.indicator_ref, detail="value")
    if not _fits(indicator, new):
        raise ProgressError(ProgressErrorCode.VALUE_UNIT_MISMATCH, rv.indicator_ref,
                            unit=indicator.unit_label or indicator.unit)
    before = _value_state(rv)
    if rv.verified and new != before["verified"] and not comment.strip():
        # As a reported value changes after submission only with a reason (progress_record),
        # a verified value is changed or withdrawn only with one, kept in the history.
        raise ProgressError(ProgressErrorCode.VERIFY_REASON_REQUIRED, rv.indicator_ref)
    _claim(rv, expected_version)
    rv.verified = new is not None
    for k, v in value_to_columns(new, "verified", rv.indicator_ref).items():
        setattr(rv, k, v)
    rv.verified_by = actor if new is not None else None
    rv.verified_at = timezone.now() if new is not None else None
    rv.verify_comment = comment.strip()
    rv.save()
    record_change(actor=actor, action="progress.verify", obj=rv, plan=row, before=before,
                  after=_value_state(rv), reason=comment.strip(),
                  label=f"{rv.indicator_ref} {rv.quarter}")
    _sync_effective(rv, row)
    _touch(rv.report, actor)
    _refresh(row)
    return rv


def _reviewable_report(report: Report, actor: User, expected_version: int | None
                       ) -> tuple[pm.Plan, Report]:
    row = _plan_locked(report.plan_id)
    _require(actor, row, Action.REVIEW)
    rep = Report.objects.select_for_update().get(pk=report.pk)
    if expected_version is not None and rep.lock_version != expected_version:
        raise ProgressError(ProgressErrorCode.STALE_VERSION)
    if rep.state != ReportState.SUBMITTED:
        raise ProgressError(ProgressErrorCode.WRONG_STATE, state=rep.get_state_display())
    return row, rep


def _item_names(items: Any) -> list[str]:
    """"1.1.1 Q1"-style names of reported values, in order (for the history)."""
    return [f"{ref} {q}" for ref, q in items.order_by("indicator_ref", "quarter").values_list(
        "indicator_ref", "quarter")]


@transaction.atomic
def report_return(*, report: Report, actor: User, comment: str,
                  expected_version: int | None = None) -> Report:
    """Return a submitted report to the office with a comment; its focal points are told,
    with the items returned.

    The year-end evaluation opens only the items returned for correction (`value_review`
    with accept=False, on any quarter's value): accepted values stay locked (`value_open`).
    Returned with no item marked (as a bulk return does), it returns every value not yet
    accepted — typically the fourth quarter's, submitted with the evaluation — marking each
    with the return's comment; when every value of the plan is already accepted there is
    nothing it could open, and the return is refused (`YEAR_RETURN_NO_ITEMS`: return the
    items to correct one by one first)."""
    row, rep = _reviewable_report(report, actor, expected_version)
    if not comment.strip():
        raise ProgressError(ProgressErrorCode.COMMENT_REQUIRED)
    now = timezone.now()
    marked: list[str] = []
    if rep.period == ReportPeriod.YEAR and not ReportedValue.objects.filter(
            plan=row, review_state=ReviewState.RETURNED).exists():
        open_items = ReportedValue.objects.filter(plan=row, review_state=ReviewState.PENDING)
        marked = _item_names(open_items)
        if not marked:
            raise ProgressError(ProgressErrorCode.YEAR_RETURN_NO_ITEMS)
        open_items.update(review_state=ReviewState.RETURNED, review_comment=comment.strip(),
                          reviewed_by=actor, reviewed_at=now,
                          lock_version=F("lock_version") + 1)
    before = _report_state(rep)
    rep.state = ReportState.RETURNED
    rep.returned_at = now
    rep.returned_by = actor
    rep.return_comment = comment.strip()
    rep.updated_by = actor
    rep.lock_version += 1
    rep.save()
    items = ReportedValue.objects.filter(plan=row, review_state=ReviewState.RETURNED)
    if rep.period != ReportPeriod.YEAR:
        items = items.filter(quarter=rep.period)
    after = _report_state(rep)
    if rep.period == ReportPeriod.YEAR:
        after["items"] = _item_names(items)
        if marked:
            after["items_marked_by_the_return"] = True
    record_change(actor=actor, action="report.return", obj=rep, plan=row, before=before,
                  after=after, reason=comment.strip(), label=rep.period)
    # Each indicator once (the year-end evaluation may return several quarters of one).
    refs = ", ".join(dict.fromkeys(items.order_by("indicator_ref").values_list(
        "indicator_ref", flat=True)))
    extra_bn = f" (সূচক: {to_bengali_digits(refs)})" if refs else ""
    extra_en = f" (indicators: {refs})" if refs else ""
    _notify(rep, row, actor, NoticeKind.REPORT_RETURNED, people_at(row.office,
                                                                   [Role.FOCAL_POINT]),
            f"সংশোধনের জন্য ফেরত: {comment.strip()}{extra_bn}",
            f"returned for corrections: {comment.strip()}{extra_en}")
    _refresh(row)
    return rep


@transaction.atomic
def report_accept(*, report: Report, actor: User, comment: str = "",
                  expected_version: int | None = None) -> Report:
    """Accept a submitted report: its items are accepted with it. Accepting the year-end
    evaluation accepts every value of the plan not yet accepted (the items corrected after a
    return among them, which the public pages show again from then on) and fixes the plan's
    final score (verified values where they exist)."""
    row, rep = _reviewable_report(report, actor, expected_version)
    before = _report_state(rep)
    now = timezone.now()
    rep.state = ReportState.ACCEPTED
    rep.accepted_at = now
    rep.accepted_by = actor
    rep.accept_comment = comment.strip()
    rep.updated_by = actor
    rep.lock_version += 1
    items = ReportedValue.objects.filter(plan=row).exclude(review_state=ReviewState.ACCEPTED)
    if rep.period != ReportPeriod.YEAR:
        items = items.filter(quarter=rep.period)
    items.update(review_state=ReviewState.ACCEPTED, reviewed_by=actor, reviewed_at=now,
                 lock_version=F("lock_version") + 1)
    if rep.period == ReportPeriod.YEAR:
        scores = office_year_scores(office=row.office, fiscal_year=row.fiscal_year,
                                    detail=False)
        final = scores.scores.get(row.pk)
        if final is not None:
            rep.final_total, rep.final_maximum, rep.final_percent = (
                final.total, final.maximum, final.percent)
    rep.save()
    after = _report_state(rep)
    if rep.final_total is not None:
        after.update(final_total=rep.final_total, final_maximum=rep.final_maximum,
                     final_percent=rep.final_percent)
    record_change(actor=actor, action="report.accept", obj=rep, plan=row, before=before,
                  after=after, reason=comment.strip(), label=rep.period)
    _notify(rep, row, actor, NoticeKind.REPORT_ACCEPTED,
            people_at(row.office, [Role.FOCAL_POINT, Role.OFFICE_HEAD]),
            "গৃহীত হয়েছে", "accepted")
    _refresh(row)
    return rep


# ---------------------------------------------------------------- revisions


def progress_copy_to_revision(*, old: pm.Plan, new: pm.Plan, actor: User) -> int:
    """Carry the year's reports, reported and verified values and evidence rows from a signed
    version to its revision (called by `kormo.agreements.services.plan_revise`, in its
    transaction). The effective values came along with the plan copy; the stored files are
    shared, not copied. Values of indicators the revision no longer has stay with the old
    version only. Returns the number of values carried."""
    reports = {r.pk: r for r in Report.objects.filter(plan=old)}
    new_reports: dict[int, Report] = {}
    for pk, r in reports.items():
        r.pk = None
        r.plan = new
        r.save(force_insert=True)
        new_reports[pk] = r
    refs = set(pm.Indicator.objects.filter(plan=new).values_list("ref", flat=True))
    mapping: dict[int, ReportedValue] = {}
    for rv in ReportedValue.objects.filter(plan=old):
        if rv.indicator_ref not in refs:
            continue
        old_pk = rv.pk
        rv.pk = None
        rv.plan = new
        rv.report = new_reports[rv.report_id]
        rv.save(force_insert=True)
        mapping[old_pk] = rv
    for ev in Evidence.objects.filter(value_id__in=list(mapping)):
        ev.pk = None
        ev.plan = new
        ev.value = mapping[ev.value_id]
        ev.save(force_insert=True)
    if reports:
        record_change(actor=actor, action="progress.copy_to_revision", obj=new, plan=new,
                      before=None, after={"from_plan": old.pk, "reports": len(reports),
                                          "values": len(mapping)})
    return len(mapping)
