"""The gate for reports, built on `kormo.offices.access` like `kormo.plans.access` for plans.

A report is reached through its plan's office: `access_report` for one id a request names,
`reports_for_action` for a queue or a bulk form (the dashboard's bulk review), each one filter
over `Grants.office_q`, so the role rule is not written again beside the rows. A value and a
piece of evidence are reached through their plan, after `access_plan`
(`kormo.progress.selectors.value_get_for_plan`, `evidence_get_for_plan`). A refusal is
`AccessDenied`, a 404, whether the id is unknown or not this person's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from kormo.offices.access import AccessDenied, Action, grants_for
from kormo.progress.models import Report

if TYPE_CHECKING:
    from kormo.offices.access import User


def reports_for_action(user: User, action: Action) -> QuerySet[Report]:
    """Every report of a plan whose office this person may do `action` for (one filter),
    with its plan and office loaded."""
    return Report.objects.filter(
        grants_for(user).office_q(action, "plan__office__path")).select_related(
        "plan", "plan__office")


def access_report(user: User, report_id: object, action: Action = Action.READ) -> Report:
    """The report, if this person may do `action` for its plan's office; else AccessDenied."""
    try:
        pk = int(str(report_id))
    except ValueError:
        raise AccessDenied() from None
    report = reports_for_action(user, action).filter(pk=pk).first()
    if report is None:
        raise AccessDenied()
    return report
