"""A plan revision carries the year's reporting along (`progress_copy_to_revision`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kormo.audit.services import record_change
from kormo.plans import models as pm
from kormo.progress.models import (
    Evidence,
    Report,
    ReportedValue,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    User = AbstractBaseUser


def progress_copy_to_revision(*, old: pm.Plan, new: pm.Plan, actor: User) -> int:
    """Carry the year's reports, reported and verified values and evidence rows from a signed
    version to its revision (called by `kormo.plans.workflow.plan_revise`, in its
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
