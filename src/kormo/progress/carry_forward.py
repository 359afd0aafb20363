"""This year's plan from the office's plan of last year (issue "Writing a plan").

Last year's achievements become last year's actuals (final once the year-end evaluation was
accepted, else provisional), last year's projection becomes this year's target, and the APA's
governance indicators take the score of their action plans (DOMAIN.md, Scoring §5, §7). It
reads reports and scores, so it lives here, above `kormo.plans`; the rule for one indicator is
pure (`kormo.domain.carry`). One transaction, kept in the new plan's history.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q

from kormo.audit.services import record_change
from kormo.domain import plan as d
from kormo.domain.carry import carry_indicator
from kormo.domain.scoring import Status
from kormo.domain.values import Number, Value
from kormo.offices.models import Office
from kormo.plans import models as m
from kormo.plans.authoring import (
    AuthoringError,
    AuthoringErrorCode,
    _fiscal_year,
    _for_office,
    _new_plan,
    _refuse_duplicate,
)
from kormo.plans.convert import plan_to_domain
from kormo.plans.uniqueness import one_current_plan
from kormo.progress.models import Report, ReportPeriod, ReportState
from kormo.progress.scores import load_scoring_plans, score_office_plans
from kormo.years.deadlines import rules_for_year

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def _evaluation_accepted(previous_plan: m.Plan) -> bool:
    """Was last year's year-end evaluation of this plan accepted (any version of it)? Then its
    achievements are final, no longer provisional (DOMAIN.md glossary: * marks provisional)."""
    return Report.objects.filter(
        plan__office_id=previous_plan.office_id, plan__kind=previous_plan.kind,
        plan__fiscal_year=previous_plan.fiscal_year, plan__is_template=False,
        period=ReportPeriod.YEAR, state=ReportState.ACCEPTED,
    ).exists()


def _governance_values(previous_plan: m.Plan, old: d.Plan) -> dict[str, Value]:
    """Last year's computed values of the APA's governance indicators, by ref: weight × the
    feeding action plan's score ÷ its maximum (DOMAIN.md, Scoring §5), scored like the office's
    page scores it (`kormo.progress.scores`). An indicator whose action plan is missing or has
    nothing reported gets none. No query for a plan without governance indicators."""
    refs = [r for r, i in old.indicator_refs().items() if i.feeds_from is not None]
    if not refs:
        return {}
    plans = m.Plan.objects.filter(
        Q(pk=previous_plan.pk) | Q(
            office_id=previous_plan.office_id, fiscal_year=previous_plan.fiscal_year,
            is_current=True, is_template=False,
            kind__in=[k.value for k in d.ACTION_PLAN_KINDS]))
    domain = load_scoring_plans(plans)
    scores = score_office_plans(domain, rules_for_year(previous_plan.fiscal_year))
    apa = scores.get(previous_plan.pk)
    if apa is None:
        return {}
    # An action plan with nothing reported scores 0: that is no score to carry.
    reported = {s.kind for pk, s in scores.items() if pk != previous_plan.pk
                and any(i.status is Status.SCORED for i in s.indicators)}
    out: dict[str, Value] = {}
    for ref in refs:
        got = apa.indicator(ref)
        value = got.achievement.value if got is not None else None
        if got is not None and got.status is Status.SCORED and isinstance(value, Number) and \
                old.indicator_refs()[ref].feeds_from in reported:
            # As a person would type it: "2", not scoring's "2.0".
            n = value.value
            out[ref] = Number(n.quantize(Decimal(1)) if n == n.to_integral_value()
                              else n.normalize())
    return out


@one_current_plan
@transaction.atomic
def plan_carry_forward(
    *, office: Office, previous_plan: m.Plan, fiscal_year: str, actor: AbstractBaseUser | None
) -> m.Plan:
    """A new draft for `office` and `fiscal_year` from the office's plan of the year before."""
    fy = _fiscal_year(fiscal_year)
    if previous_plan.office_id != office.pk or previous_plan.is_template:
        raise AuthoringError(AuthoringErrorCode.PREVIOUS_OTHER_OFFICE)
    if previous_plan.fiscal_year != str(fy.previous):
        raise AuthoringError(AuthoringErrorCode.PREVIOUS_NOT_YEAR_BEFORE)
    kind = d.PlanKind(previous_plan.kind)
    _refuse_duplicate(office, kind, str(fy))
    old = plan_to_domain(previous_plan.pk)
    final = _evaluation_accepted(previous_plan)
    governance = _governance_values(previous_plan, old)
    by_ref: dict[str, list[d.ProgressValue]] = {}
    for pv in old.progress:
        by_ref.setdefault(pv.indicator, []).append(pv)
    areas = tuple(
        dataclasses.replace(area, activities=tuple(
            dataclasses.replace(act, indicators=tuple(
                carry_indicator(ind, by_ref.get(d.indicator_ref(area, ind), ()), fy,
                                 final=final, computed=governance.get(d.indicator_ref(area, ind)))
                for ind in act.indicators))
            for act in area.activities))
        for area in old.areas
    )
    plan = dataclasses.replace(_for_office(old, office, str(fy)), areas=areas)
    row = _new_plan(office=office, plan=plan, actor=actor)
    not_computed = [r for r, i in old.indicator_refs().items()
                    if i.feeds_from is not None and r not in governance]
    record_change(actor=actor, action="plan.carry_forward", obj=row, plan=row, before=None,
                  after={"from_plan": previous_plan.pk, "from_fiscal_year": str(fy.previous),
                         "last_year_actuals": "final" if final else "provisional",
                         "governance_computed": {r: governance[r] for r in governance},
                         "governance_not_computed": not_computed,
                         "indicators": len(plan.indicators)},
                  label=previous_plan.external_id or str(previous_plan.pk))
    return row
