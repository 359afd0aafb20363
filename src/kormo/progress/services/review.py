"""The supervising office reviews one item and verifies its value (`value_review`,
`value_verify`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from kormo.audit.services import record_change
from kormo.domain import plan as d
from kormo.domain.cells import parse_cell
from kormo.domain.values import (
    Value,
)
from kormo.offices.access import Action
from kormo.plans import models as pm
from kormo.plans.values import value_to_columns
from kormo.progress.errors import ProgressError, ProgressErrorCode
from kormo.progress.models import (
    ReportedValue,
    ReviewState,
)
from kormo.progress.services.common import (
    UNSET,
    _claim,
    _fits,
    _plan_locked,
    _require,
    _touch,
    _under_review,
    _value_state,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    User = AbstractBaseUser


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
    _touch(rv.report, actor, row)
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
    _touch(rv.report, actor, row)
    return rv
