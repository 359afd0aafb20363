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

from kormo.audit.services import record_change
from kormo.offices.access import Action
from kormo.plans import models as pm
from kormo.progress.errors import ProgressError, ProgressErrorCode
from kormo.progress.evidence import EXTENSIONS, evidence_check
from kormo.progress.models import (
    Evidence,
    Report,
    ReportedValue,
)
from kormo.progress.services.common import (
    PLAN_STATE_COLUMNS,
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


# What `evidence_attach` reads under the plan's lock: the value and its report whole, the
# plan's state (`PLAN_STATE_COLUMNS`).
_VALUE_REPORT_PLAN = (
    *(f.name for f in ReportedValue._meta.concrete_fields),
    *(f"report__{f.name}" for f in Report._meta.concrete_fields),
    *(f"plan__{f}" for f in PLAN_STATE_COLUMNS),
)


def _storage_name(plan: pm.Plan, rv: ReportedValue, kind: str) -> str:
    """Where the file goes: by office, year and plan; a random name, never the uploader's."""
    return posixpath.join("evidence", str(plan.office_id), plan.fiscal_year, str(plan.pk),
                          f"{rv.quarter}-{uuid.uuid4().hex}.{EXTENSIONS[kind]}")


@transaction.atomic
def evidence_attach(*, value: ReportedValue, actor: User, file: File, name: str = ""
                    ) -> Evidence:
    """Attach an evidence file to a reported value, after checking its type by content and its
    size (`kormo.progress.evidence`); stored through Django's storage API with its SHA-256."""
    # The value read again with its report and its plan, the plan locked: one query.
    rv = (ReportedValue.objects.select_related("report", "plan")
          .select_for_update(of=("plan",)).only(*_VALUE_REPORT_PLAN).get(pk=value.pk))
    gated = value.plan if ReportedValue.plan.is_cached(value) else None
    row = _with_gated_office(rv.plan, gated)
    _require(actor, row, Action.WRITE)
    _require_in_force(row)
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
    _touch(rv.report, actor, row)
    return ev
