"""The year's templates: create, replace from a file, export (one service each).

Templates are data, not code (issue "Setting up a year"): each is a `plans.Plan` with
`is_template=True`, owned by the administrator's office and meant for one tier of office
below it (the mandatory governance area of the APA; the five action plans). They are written
in the same editor as any plan, imported from and exported to the plan format
(`kormo.domain.planformat`), and copied by `plans.authoring.plan_create_from_template`.
A template created or replaced is kept in the history (the cells that changed, as for a plan's
edit) in the same transaction.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, ClassVar

from django.db import transaction

from kormo.audit.services import record_change
from kormo.domain import plan as d
from kormo.domain.calendar import FiscalYear
from kormo.domain.diff import plan_changes
from kormo.domain.errors import CodedError
from kormo.domain.planformat import dumps, loads
from kormo.offices.models import Office
from kormo.plans import models as pm
from kormo.plans.convert import plan_save_from_domain, plan_to_domain

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

MAX_TEMPLATE_FILE_BYTES = 5 * 1024 * 1024


class TemplateErrorCode(StrEnum):
    FILE_TOO_LARGE = "FILE_TOO_LARGE"
    NO_PLAN = "NO_PLAN"
    KIND_TWICE = "KIND_TWICE"


class TemplateError(CodedError):
    """A refused template action; nothing was changed."""

    MESSAGES: ClassVar[Mapping[Enum, tuple[str, str]]] = {
        TemplateErrorCode.FILE_TOO_LARGE: ("ফাইলটি অনেক বড় (সর্বোচ্চ ৫ MB)",
                                           "the file is too large (at most 5 MB)"),
        TemplateErrorCode.NO_PLAN: ("ফাইলে কোনো পরিকল্পনা নেই", "the file holds no plan"),
        TemplateErrorCode.KIND_TWICE: ("ফাইলে একই ধরনের একাধিক পরিকল্পনা আছে",
                                       "the file holds more than one plan of the same kind"),
    }


def _template_plan(plan: d.Plan, office: Office, tier: d.Tier | None, fiscal_year: str) -> d.Plan:
    kind = d.PlanKind(plan.kind)
    return dataclasses.replace(
        plan, fiscal_year=fiscal_year, office=office.name,
        id=f"template-{office.code}-{kind.value}-{tier.value if tier else 'all'}-{fiscal_year}",
        office_tier=tier, progress=(), parent="",
    )


@transaction.atomic
def template_store(*, plan: d.Plan, office: Office, tier: d.Tier | None,
                    actor: AbstractBaseUser | None) -> pm.Plan:
    """Store `plan` as a template of `office` for `tier` (None: every tier).

    One template per office, year, kind and tier: a new one replaces the old. The history
    keeps the replacement as the cells that differ from the old template."""
    olds = pm.Plan.objects.filter(office=office, is_template=True,
                                  kind=d.PlanKind(plan.kind).value, fiscal_year=plan.fiscal_year,
                                  template_tier=tier.value if tier else "")
    old_ids = list(olds.order_by("pk").values_list("pk", flat=True))
    old_plan = plan_to_domain(old_ids[-1]) if old_ids else None
    olds.delete()
    row = plan_save_from_domain(plan=plan, office=office, template=True)
    pm.Plan.objects.filter(pk=row.pk).update(
        is_template=True, template_tier=tier.value if tier else "", created_by=actor,
        updated_by=actor)
    row.refresh_from_db()
    summary = {"kind": row.kind, "fiscal_year": row.fiscal_year, "tier": row.template_tier or "*"}
    if old_plan is None:
        record_change(actor=actor, action="template.create", obj=row, plan=row, before=None,
                      after={**summary, "indicators": len(plan.indicators)},
                      label=row.external_id)
    else:
        changes = plan_changes(old_plan, plan)
        more = {"…": f"+{changes.more}"} if changes.more else {}
        record_change(actor=actor, action="template.replace", obj=row, plan=row,
                      before={"template": old_ids, **changes.before, **more},
                      after={"template": row.pk, **changes.after, **more},
                      label=changes.label or row.external_id)
    return row


@transaction.atomic
def template_create(
    *, office: Office, kind: d.PlanKind, tier: d.Tier | None, fiscal_year: str,
    actor: AbstractBaseUser | None,
) -> pm.Plan:
    """An empty template of `kind` for the offices of `tier` below `office` (replaces one)."""
    fy = str(FiscalYear.parse(fiscal_year))
    plan = d.Plan(kind=d.PlanKind(kind), fiscal_year=fy, office=office.name,
                  total_weight=None)
    return template_store(plan=_template_plan(plan, office, tier, fy), office=office, tier=tier,
                           actor=actor)


@transaction.atomic
def template_import(
    *, office: Office, data: bytes, fiscal_year: str, tier: d.Tier | None,
    actor: AbstractBaseUser | None,
) -> list[pm.Plan]:
    """Templates from a plan file (JSON, docs/plan-format.md), each replacing the template of
    the same kind. A bad file raises PlanFormatError (bilingual) and nothing is saved."""
    fy = str(FiscalYear.parse(fiscal_year))
    if len(data) > MAX_TEMPLATE_FILE_BYTES:
        raise TemplateError(TemplateErrorCode.FILE_TOO_LARGE)
    plans = loads(data)
    if not plans:
        raise TemplateError(TemplateErrorCode.NO_PLAN)
    kinds = [p.kind for p in plans]
    if len(set(kinds)) != len(kinds):
        raise TemplateError(TemplateErrorCode.KIND_TWICE)
    return [template_store(plan=_template_plan(p, office, tier, fy), office=office, tier=tier,
                            actor=actor) for p in plans]


def template_export(template: pm.Plan) -> str:
    """The template as a plan file (JSON) that `template_import` reads back."""
    return dumps([plan_to_domain(template.pk)])
