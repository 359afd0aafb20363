"""A plan's reports: opened on first use, submitted by the office, returned or accepted by the
supervising office (`report_get_or_create`, `report_submit`, `report_return`, `report_accept`),
and when each is due (`report_due`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from kormo.audit.models import NoticeKind
from kormo.audit.services import record_change
from kormo.domain import calendar
from kormo.domain import plan as d
from kormo.domain.dates import format_date
from kormo.domain.digits import to_bengali_digits
from kormo.offices.access import Action
from kormo.offices.models import Role
from kormo.offices.selectors import people_at, supervisors_above
from kormo.plans import models as pm
from kormo.progress.errors import ProgressError, ProgressErrorCode
from kormo.progress.models import (
    QUARTER_PERIODS,
    Report,
    ReportedValue,
    ReportPeriod,
    ReportState,
    ReviewState,
)
from kormo.progress.scores import office_year_scores
from kormo.progress.services.common import (
    EDITABLE_REPORT_STATES,
    _item_names,
    _notify,
    _one,
    _plan_locked,
    _report_state,
    _require,
    _require_in_force,
)
from kormo.progress.tasks import office_score_refresh_later
from kormo.years.deadlines import deadline_for, for_tier
from kormo.years.models import Event

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from kormo.years.deadlines import DeadlineMap

    User = AbstractBaseUser


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
    quarter ends, the evaluation by 15 July). `deadlines` (`years.deadlines.deadline_map`)
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
    report = _one(Report.objects.select_for_update().filter(plan=plan, period=period))
    return report if report is not None else _report_open(plan, period, actor)


def _report_open(plan: pm.Plan, period: ReportPeriod, actor: User) -> Report:
    """The plan's report for the period opened as a draft (it has none), with its history."""
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
    # Which values count moved: the office's stored score is refreshed by the worker.
    office_score_refresh_later(row.office_id, row.fiscal_year)
    late_bn = " (দেরিতে)" if rep.is_late else ""
    late_en = " (late)" if rep.is_late else ""
    _notify(rep, row, actor, NoticeKind.REPORT_SUBMITTED, supervisors_above(row.office),
            f"পর্যালোচনার জন্য জমা দেওয়া হয়েছে{late_bn}", f"submitted for your review{late_en}")
    return rep


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
    office_score_refresh_later(row.office_id, row.fiscal_year)
    # Each indicator once (the year-end evaluation may return several quarters of one).
    refs = ", ".join(dict.fromkeys(items.order_by("indicator_ref").values_list(
        "indicator_ref", flat=True)))
    extra_bn = f" (সূচক: {to_bengali_digits(refs)})" if refs else ""
    extra_en = f" (indicators: {refs})" if refs else ""
    _notify(rep, row, actor, NoticeKind.REPORT_RETURNED, people_at(row.office,
                                                                   [Role.FOCAL_POINT]),
            f"সংশোধনের জন্য ফেরত: {comment.strip()}{extra_bn}",
            f"returned for corrections: {comment.strip()}{extra_en}")
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
    office_score_refresh_later(row.office_id, row.fiscal_year)
    _notify(rep, row, actor, NoticeKind.REPORT_ACCEPTED,
            people_at(row.office, [Role.FOCAL_POINT, Role.OFFICE_HEAD]),
            "গৃহীত হয়েছে", "accepted")
    return rep
