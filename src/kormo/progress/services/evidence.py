"""Evidence files of a reported value: attached after checking their type by content and size,
removed but kept (`evidence_attach`, `evidence_remove`)."""

from __future__ import annotations

import posixpath
import uuid
from typing import TYPE_CHECKING

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from kormo.audit.services import insert_row, record_change
from kormo.offices.access import Action
from kormo.plans import models as pm
from kormo.progress.errors import ProgressError, ProgressErrorCode
from kormo.progress.evidence import EXTENSIONS, evidence_check, removal_needs_reason
from kormo.progress.models import (
    Evidence,
    ReportedValue,
)
from kormo.progress.services import rows
from kormo.progress.services.common import (
    _plan_locked,
    _require,
    _require_in_force,
    _touch,
    _value_editable,
    _with_gated_office,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    User = AbstractBaseUser


def _storage_name(plan: pm.Plan, rv: ReportedValue, kind: str) -> str:
    """Where the file goes: by office, year and plan; a random name, never the uploader's."""
    return posixpath.join("evidence", str(plan.office_id), plan.fiscal_year, str(plan.pk),
                          f"{rv.quarter}-{uuid.uuid4().hex}.{EXTENSIONS[kind]}")


@transaction.atomic
def evidence_attach(*, actor: User, file: File, name: str = "",
                    value: ReportedValue | None = None, plan: pm.Plan | None = None,
                    indicator_ref: str = "", quarter: str = "") -> Evidence:
    """Attach an evidence file to a reported value (`value`, or the value of `indicator_ref`
    in `quarter` of `plan`, as the report page names it), after checking its type by content
    and its size (`kormo.progress.evidence`); stored through Django's storage API with its
    SHA-256."""
    if value is not None:
        gated = value.plan if ReportedValue.plan.is_cached(value) else None
        key = (value.plan_id, value.indicator_ref, value.quarter)
    elif plan is not None:
        gated, key = plan, (plan.pk, indicator_ref, quarter)
    else:
        raise TypeError("evidence_attach needs a value, or a plan with its cell")
    # The value read again with its report and its plan, the plan locked: one query.
    found = rows.value_with_plan_locked(*key)
    if found is None:
        if value is not None:
            raise ReportedValue.DoesNotExist()
        raise ProgressError(ProgressErrorCode.UNKNOWN_INDICATOR, indicator_ref)
    row, rv = found
    row = _with_gated_office(row, gated)
    _require(actor, row, Action.WRITE)
    _require_in_force(row)
    if not _value_editable(rv.report, row, rv):
        raise ProgressError(ProgressErrorCode.REPORT_LOCKED, rv.indicator_ref)
    checked = evidence_check(file, getattr(file, "size", None))
    original = posixpath.basename((name or getattr(file, "name", "") or "evidence").replace(
        "\\", "/"))[:255] or "evidence"
    stored = default_storage.save(_storage_name(row, rv, checked.kind), file)
    try:
        evidence = insert_row(Evidence(
            value=rv, plan=row, file=stored, original_name=original, kind=checked.kind,
            content_type=checked.content_type, size=checked.size, sha256=checked.sha256,
            uploaded_by=actor,
        ))
        record_change(actor=actor, action="evidence.attach", obj=evidence, plan=row,
                      before=None,
                      after={"name": original, "kind": checked.kind, "size": checked.size,
                             "sha256": checked.sha256, "value": f"{rv.indicator_ref} "
                                                                f"{rv.quarter}"},
                      label=f"{rv.indicator_ref} {rv.quarter}: {original}")
        _touch(rv.report, actor, row)
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
    if removal_needs_reason(rv) and not reason.strip():
        raise ProgressError(ProgressErrorCode.REASON_REQUIRED, rv.indicator_ref)
    ev.removed_at = timezone.now()
    ev.removed_by = actor
    ev.remove_reason = reason.strip()
    ev.save(update_fields=["removed_at", "removed_by", "remove_reason"])
    record_change(actor=actor, action="evidence.remove", obj=ev, plan=row,
                  before={"name": ev.original_name, "sha256": ev.sha256}, after=None,
                  reason=reason.strip(), label=f"{rv.indicator_ref} {rv.quarter}: "
                                               f"{ev.original_name}")
    _touch(rv.report, actor, row)
    return ev
