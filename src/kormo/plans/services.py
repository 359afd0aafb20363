"""Writes around whole plans that are not conversion itself: offices for loaded plans, demo.

`kormo.plans.convert` stores a plan under an office it is given; plan files name offices only
in words, so loading a file needs `plan_office_resolve` to find or create them. The demo
superuser is made here too. State changes of plans live in `kormo.plans.workflow`.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from kormo.domain.plan import Plan
from kormo.offices.models import Office
from kormo.offices.services import office_ensure

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "kormo-demo"


def plan_office_resolve(plan: Plan) -> Office:
    """The office row for `plan.office`, created if absent, under its supervising office.

    The supervising office is created from `plan.supervisor` (its tier is not known from the
    text, so it stays blank); the plan's own office gets `plan.office_tier`.
    """
    parent = office_ensure(name=plan.supervisor) if plan.supervisor.strip() else None
    return office_ensure(name=plan.office, tier=plan.office_tier, parent=parent)


def demo_user() -> Any:
    """The demo superuser (after `demo_user_ensure`)."""
    return get_user_model()._default_manager.get(username=DEMO_USERNAME)


def demo_user_ensure() -> bool:
    """Create the demo superuser `demo` / `kormo-demo` if absent; True when created."""
    users = get_user_model()._default_manager
    if users.filter(username=DEMO_USERNAME).exists():
        return False
    users.create_superuser(username=DEMO_USERNAME, email="", password=DEMO_PASSWORD)
    return True
