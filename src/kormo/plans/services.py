"""Writes around whole plans that are not conversion itself: offices for loaded plans.

`kormo.plans.convert` stores a plan under an office it is given; plan files name offices only
in words, so loading a file needs `plan_office_resolve` to find or create them. State changes
of plans (submit, approve, ...) live in `kormo.agreements.services`.
"""

from __future__ import annotations

from kormo.domain.plan import Plan
from kormo.offices.models import Office
from kormo.offices.services import office_ensure


def plan_office_resolve(plan: Plan) -> Office:
    """The office row for `plan.office`, created if absent, under its supervising office.

    The supervising office is created from `plan.supervisor` (its tier is not known from the
    text, so it stays blank); the plan's own office gets `plan.office_tier`.
    """
    parent = office_ensure(name=plan.supervisor) if plan.supervisor.strip() else None
    return office_ensure(name=plan.office, tier=plan.office_tier, parent=parent)

