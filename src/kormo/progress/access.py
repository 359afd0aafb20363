"""The gate for reports, built on `kormo.offices.access` like `kormo.plans.access` for plans.

A report is reached through its plan's office: `access_report` for one id a request names,
`reports_for_action` for a queue or a bulk form (the dashboard's bulk review), each one filter
over `Grants.office_q`, so the role rule is not written again beside the rows. A value and a
piece of evidence are reached through their plan, after `access_plan`
(`kormo.progress.selectors.value_get_for_plan`, `evidence_get_for_plan`). A refusal is
`AccessDenied`, a 404, whether the id is unknown or not this person's. The progress pages of
one plan reach it through `access_progress_plan`: `access_plan`, and a plan of a calendar
year (not a fiscal year) is refused with its message, since it has no quarters to report.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from kormo.domain.calendar import FiscalYear, FiscalYearError
from kormo.domain.digits import to_bengali_digits
from kormo.offices.access import AccessDenied, Action, grants_for
from kormo.plans.access import access_plan
from kormo.progress.errors import ProgressError, ProgressErrorCode
from kormo.progress.models import Report

if TYPE_CHECKING:
    from kormo.offices.access import User
    from kormo.plans.models import Plan


# What an action on a report reads of its plan at the gate: the services read the plan again
# under its lock, so the gate reads its year and office only (`access_plan(only=...)`).
ACTION_COLUMNS = ("office", "fiscal_year", "office_tier")


def access_progress_plan(user: User, plan_id: int | str, action: Action = Action.READ, *,
                         only: Sequence[str] = ()) -> Plan:
    """The plan whose progress this person may do `action` on (`access_plan`, with `only`
    its fields); a plan whose year is not a fiscal year (a calendar year's work plan) is
    refused with its message."""
    plan = access_plan(user, plan_id, action, only=only)
    if not has_progress(plan):
        raise ProgressError(ProgressErrorCode.NOT_A_FISCAL_YEAR_PLAN, place=plan.fiscal_year,
                            year=plan.fiscal_year, year_bn=to_bengali_digits(plan.fiscal_year))
    return plan


def has_progress(plan: Plan) -> bool:
    """Whether the plan has progress pages: its year is a fiscal year, with quarters (the
    pages offer the links only then)."""
    try:
        FiscalYear.parse(plan.fiscal_year)
    except FiscalYearError:
        return False
    return True


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
