"""What the progress services share: the permission and state checks, the value's history
state and compare-and-set, the notices' wording. Not a service of its own."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from django.db.models import Model, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from kormo.audit.models import NoticeKind
from kormo.audit.services import notice_send
from kormo.domain import plan as d
from kormo.domain import progress as rules
from kormo.domain.values import (
    Blank,
    DateValue,
    MonthValue,
    NotApplicable,
    Value,
)
from kormo.offices.access import AccessDenied, Action, can
from kormo.plans import models as pm
from kormo.plans.convert import COUNTED_REPORT_STATES
from kormo.plans.values import value_from_columns
from kormo.plans.words import notice_words
from kormo.progress.errors import ProgressError, ProgressErrorCode
from kormo.progress.models import (
    Report,
    ReportedValue,
    ReportPeriod,
    ReportState,
    ReviewState,
)
from kormo.progress.services.rows import value_update_claimed
from kormo.progress.tasks import office_score_refresh_later

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    User = AbstractBaseUser


_M = TypeVar("_M", bound=Model)


def _one(rows: QuerySet[_M]) -> _M | None:
    """The row of a lookup by a unique key, or None. Unlike `first()`, without ordering: the
    model's default ordering costs about a third of compiling such a query, and a save of
    the deadline peak runs several."""
    return next(iter(rows.order_by()[:1]), None)


class _Unset:
    """No value given (distinct from None, which clears a value)."""


UNSET: Any = _Unset()


EDITABLE_REPORT_STATES = rules.EDITABLE_REPORT_STATES


def _require(actor: User, plan: pm.Plan, *actions: Action) -> None:
    if not any(can(actor, a, plan.office) for a in actions):
        raise AccessDenied()


def _plan_locked(plan_id: int) -> pm.Plan:
    return pm.Plan.objects.select_for_update(of=("self",)).select_related(
        "office", "office__parent").get(pk=plan_id)


def _with_gated_office(row: pm.Plan, gated: pm.Plan | None) -> pm.Plan:
    """`row`, the plan read again under its lock, with the office the caller's gate loaded
    with `gated` (`access_plan`), instead of reading it again; else it is read on use."""
    if gated is not None and pm.Plan.office.is_cached(gated) and \
            gated.office.pk == row.office_id:
        row.office = gated.office
    return row


def plan_in_force(plan: pm.Plan) -> bool:
    """`kormo.domain.progress.plan_in_force` for a plan row."""
    return rules.plan_in_force(is_current=plan.is_current, is_template=plan.is_template,
                               state=plan.state, is_revision=plan.revision_of_id is not None)


def _require_in_force(plan: pm.Plan) -> None:
    if not plan_in_force(plan):
        raise ProgressError(ProgressErrorCode.PLAN_NOT_IN_FORCE)


def _url(name: str, *args: Any) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _touch(report: Report, actor: User, plan: pm.Plan, *, refresh: bool = True) -> None:
    """Mark the report changed (its values changed) when its values count in a score
    (submitted or accepted). The office's score stamp follows the reports' `updated_at`, so
    this marks its `ScoreSnapshot` stale; its refresh is queued for the worker when the change
    commits (`kormo.progress.tasks`), instead of every write recomputing the office inside the
    request (the pages show a stale one as being updated). A value typed into a draft (or
    returned) report moves no score, so it leaves the report, the stored score, the
    dashboard's figures and the pages that show them as they are (who changed the value is in
    its history); the report counts its values again when it is submitted. Without `refresh`
    the caller has queued it already (`ValuesBatch`)."""
    if report.state not in COUNTED_REPORT_STATES:
        return
    report.updated_by = actor
    report.save(update_fields=["updated_by", "updated_at"])
    if refresh:
        office_score_refresh_later(plan.office_id, plan.fiscal_year)


def _report_state(report: Report) -> dict[str, Any]:
    return {"period": report.period, "state": report.state, "is_late": report.is_late,
            "due_on": report.due_on, "lock_version": report.lock_version}


def _year_report(plan: pm.Plan) -> Report | None:
    return _one(Report.objects.filter(plan=plan, period=ReportPeriod.YEAR))


class _Reviewed(Protocol):
    review_state: str


def value_open(quarter_state: str, year_state: str | None, rv: _Reviewed | None) -> bool:
    """Whether the office may change a value (the rule of `progress_record`, the evidence
    functions and the report page): `kormo.domain.progress.value_open`, the value being one
    of the items returned for correction when its `review_state` is RETURNED."""
    return rules.value_open(quarter_state, year_state,
                            rv is not None and rv.review_state == ReviewState.RETURNED)


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


def _save_claimed(rv: ReportedValue, expected_version: int | None,
                  fields: Iterable[str] | None = None) -> None:
    """Save a changed value with the compare-and-set of `_claim` in the same statement: one
    UPDATE of every column (or of `fields`, those the caller changed) where the version is
    still the one read (a save of the deadline peak costs one round trip less than claiming,
    then saving), sent as SQL (`rows.value_update_claimed`)."""
    seen = rv.lock_version
    if expected_version is not None and expected_version != seen:
        raise ProgressError(ProgressErrorCode.STALE_VERSION)
    rv.updated_at = timezone.now()  # auto_now, which a queryset update does not apply
    if fields is None:
        names = [f.attname for f in ReportedValue._meta.concrete_fields
                 if not f.primary_key and f.attname != "lock_version"]
    else:
        names = [ReportedValue._meta.get_field(f).attname for f in fields]
    if not value_update_claimed(rv, seen, {name: getattr(rv, name) for name in names}):
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


def _item_names(items: Any) -> list[str]:
    """"1.1.1 Q1"-style names of reported values, in order (for the history)."""
    return [f"{ref} {q}" for ref, q in items.order_by("indicator_ref", "quarter").values_list(
        "indicator_ref", "quarter")]


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
