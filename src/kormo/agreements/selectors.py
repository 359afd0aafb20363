"""Reads of the agreement: a plan's versions and their differences, the plans waiting for a
person's step, and the post a person signs with.

What waits for whom is `kormo.agreements.rules.steps_open`, the rule the services and the
agreement page ask; this module only loads the candidates in a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from kormo.agreements import rules
from kormo.agreements.rules import Step
from kormo.domain.diff import PlanDiff, diff_plans
from kormo.offices.access import Action, grants_for
from kormo.offices.models import Membership, Role
from kormo.plans.convert import plan_to_domain
from kormo.plans.models import Party, Plan

# The steps the queue of plans waiting offers, in the page's order.
STEPS = (Step.APPROVE, Step.SIGN_OFFICE, Step.SIGN_SUPERVISOR)


@dataclass(frozen=True, slots=True)
class Waiting:
    """A plan and the step this person can take on it now."""

    plan: Plan
    step: str


def plans_waiting(user: Any) -> dict[str, list[Waiting]]:
    """The current plans waiting for this person, by step (`STEPS`): to approve, to sign for
    the office, to sign for the supervising office — whatever `rules.steps_open` opens to them.

    Two queries whatever the number of plans: the candidates (the offices where the person
    holds a power a step needs, in the states the step starts from), then their signatures."""
    grants = grants_for(user)
    scope = Q(pk__in=[])
    for step in STEPS:
        for power in rules.POWERS[step]:
            scope |= grants.office_q(Action(power.value)) & Q(
                state__in=[s.value for s in rules.states_from(step)])
    plans = list(Plan.objects.filter(scope, is_current=True, is_template=False)
                 .select_related("office").order_by("office__path", "kind", "pk"))
    signed: dict[int, set[str]] = {}
    for plan_id, role in Party.objects.filter(
            plan__in=[p.pk for p in plans], section=Party.Section.SIGNATURE
    ).values_list("plan_id", "role"):
        signed.setdefault(plan_id, set()).add(role)
    waiting: dict[str, list[Waiting]] = {step: [] for step in STEPS}
    for plan in plans:
        powers = [a.value for a in (Action.WRITE, Action.APPROVE, Action.REVIEW)
                  if grants.can(a, plan.office)]
        open_steps = rules.steps_open(plan.state, plan.is_current, powers,
                                      signed.get(plan.pk, ()))
        for step in STEPS:
            if step in open_steps:
                waiting[step].append(Waiting(plan, step))
    return waiting


def signer_posts(user: Any) -> dict[str, str]:
    """The post a person signs with for each party, from their memberships (the office head's
    for the office, the supervisor's for the supervising office): one query."""
    by_role = dict(Membership.objects.filter(
        user=user, role__in=(Role.OFFICE_HEAD, Role.SUPERVISOR)).exclude(post="")
        .order_by("-pk").values_list("role", "post"))
    return {Step.SIGN_OFFICE: by_role.get(Role.OFFICE_HEAD, ""),
            Step.SIGN_SUPERVISOR: by_role.get(Role.SUPERVISOR, "")}


def plan_versions(plan: Plan) -> list[Plan]:
    """Every version of the plan, oldest first (one query when the plan has a file id)."""
    if plan.external_id:
        return list(Plan.objects.filter(
            office_id=plan.office_id, kind=plan.kind, fiscal_year=plan.fiscal_year,
            external_id=plan.external_id, is_template=plan.is_template,
        ).order_by("revision", "pk"))
    versions = [plan]
    current = plan
    while current.revision_of_id is not None:
        current = Plan.objects.get(pk=current.revision_of_id)
        versions.append(current)
    return sorted(versions, key=lambda p: (p.revision, p.pk))


def plan_compare(a: Plan, b: Plan) -> PlanDiff:
    """What changed from version `a` to version `b` (any two stored plans; usually a plan and
    its revision). Reads both whole, in a fixed number of queries each."""
    return diff_plans(plan_to_domain(a.pk), plan_to_domain(b.pk))


def plan_signatures(plan: Plan) -> list[Party]:
    """The signatures given to this version, in the order of the signature block."""
    return list(Party.objects.filter(plan=plan, section=Party.Section.SIGNATURE)
                .order_by("position"))


