"""`{% return_comment plan %}`: a returned plan's comment, who returned it and when, shown on
every page where its work is done (plan, agreement, editor) until it is submitted again.

It lives in `plans`, the lowest unit all its pages can see (the plan pages are in `plans`, the
agreement page above it), beside the return record it reads (`plans.selectors.plan_returns`);
the home page includes its `plans/_returned.html` for each returned plan in its list."""

from __future__ import annotations

from typing import Any

from django import template

from kormo.domain.agreement import State
from kormo.plans.selectors import plan_returns

register = template.Library()


@register.inclusion_tag("plans/_returned_notice.html")
def return_comment(plan: Any) -> dict[str, Any]:
    why = None
    if plan is not None and getattr(plan, "state", "") == State.RETURNED:
        why = plan_returns([plan.pk]).get(plan.pk)  # one query, only for a returned plan
    return {"why": why}
