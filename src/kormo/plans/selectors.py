"""Reads of stored plans that pages and reports need (HackSoft selectors).

Whole plans are read with `kormo.plans.convert.plan_to_domain`; these are the cross-plan
queries the tables exist for: plans of an office by year and kind, and indicators by office,
year, kind, area and reference. Each returns one lazy queryset (one query when evaluated).
"""

from __future__ import annotations

from django.db.models import QuerySet

from kormo.domain.plan import AreaKind, PlanKind
from kormo.offices.models import Office
from kormo.plans.models import Indicator, Plan


def plan_list_for_office(
    *, office: Office, fiscal_year: str | None = None, kind: PlanKind | None = None
) -> QuerySet[Plan]:
    """The office's plans, optionally of one fiscal year and kind (index: office, year, kind)."""
    plans = Plan.objects.filter(office=office)
    if fiscal_year is not None:
        plans = plans.filter(fiscal_year=fiscal_year)
    if kind is not None:
        plans = plans.filter(kind=PlanKind(kind).value)
    return plans.order_by("fiscal_year", "kind", "pk")


def indicator_list_for_office(
    *,
    office: Office,
    fiscal_year: str | None = None,
    kind: PlanKind | None = None,
    area_number: str | None = None,
    area_kind: AreaKind | None = None,
    ref: str | None = None,
) -> QuerySet[Indicator]:
    """Indicators of the office's plans, narrowed by year, plan kind, area and reference."""
    indicators = Indicator.objects.filter(plan__office=office)
    if fiscal_year is not None:
        indicators = indicators.filter(plan__fiscal_year=fiscal_year)
    if kind is not None:
        indicators = indicators.filter(plan__kind=PlanKind(kind).value)
    if area_number is not None:
        indicators = indicators.filter(activity__area__number=area_number)
    if area_kind is not None:
        indicators = indicators.filter(activity__area__kind=AreaKind(area_kind).value)
    if ref is not None:
        indicators = indicators.filter(ref=ref)
    return indicators.select_related("plan").order_by("plan_id", "activity_id", "position")
