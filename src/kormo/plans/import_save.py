"""Saving imported plans (after review) through the plan tables: one function, one transaction.

It lives with plans because it writes plan rows; `kormo.importers` (the readers and
recognisers) stays pure, below the apps, so that `kormo import --dry-run` works without a
database. All plans of one file are
saved together or not at all (`transaction.atomic`): a plan that fails to store rolls back the
ones before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from django.db import transaction

from kormo.domain.calendar import FiscalYear
from kormo.domain.plan import Plan, PlanKind, Tier
from kormo.importers.recognise.text import tier_of
from kormo.offices.models import Office
from kormo.offices.services import office_ensure
from kormo.plans import models as plan_models
from kormo.plans.convert import plan_save_from_domain

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def import_save(*, plans: Sequence[Plan], office_name: str | None = None,
                fiscal_year: str | None = None, replace_existing: bool = False,
                office: Office | None = None, actor: AbstractBaseUser | None = None,
                ) -> list[plan_models.Plan]:
    """Store `plans` under the office named `office_name` (default: each plan's own office),
    with `fiscal_year` ("2022-23") replacing the year read from the document when given.

    `office` (the review page: the office the person chose and may write for) stores every
    plan under that office row, named as it is, instead of finding offices by name; `actor`
    is recorded as the plans' author. Work plans of a calendar year ("2017") keep their year.
    Returns the saved plan rows (drafts).
    """
    fy = str(FiscalYear.parse(fiscal_year)) if fiscal_year else None
    saved: list[plan_models.Plan] = []
    with transaction.atomic():
        offices: dict[str, Office] = {}
        for plan in plans:
            if office is not None:
                name = office.name
                offices[name] = office
                tier = Tier(office.tier) if office.tier else plan.office_tier
                plan = replace(plan, office_tier=tier)
            else:
                name = (office_name or plan.office).strip()
            if name not in offices:
                offices[name] = office_ensure(name=name, tier=plan.office_tier or tier_of(name))
            if fy is not None and plan.kind is not PlanKind.INNOVATION_WORK_PLAN:
                plan = replace(plan, fiscal_year=fy)
            plan = replace(plan, office=name)
            row = plan_save_from_domain(plan=plan, office=offices[name],
                                        replace=replace_existing)
            if actor is not None:
                plan_models.Plan.objects.filter(pk=row.pk).update(created_by=actor,
                                                                  updated_by=actor)
                row.created_by = row.updated_by = actor
            saved.append(row)
    return saved
