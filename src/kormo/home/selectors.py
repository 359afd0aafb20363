"""What needs a person now, read through the apps' own selectors, a fixed number of queries
per office the person belongs to (never per plan row of a list).

- returned to them: their offices' current plans returned with a comment (who, when) and
  reports returned by the supervising office;
- agreements to approve or sign (`plans_waiting`, the same rule as the waiting page);
- reports to review: submitted reports of the offices below those they supervise;
- deadlines: reports of their offices' plans in force due within `DAYS` days (or overdue),
  not yet submitted, with how many indicators still have no value;
- their offices' stored scores for the latest year with a plan in force.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import OuterRef, Q, Subquery

from kormo.agreements.selectors import STEPS, Waiting, plans_waiting
from kormo.offices.access import Action, grants_for
from kormo.offices.models import Membership, Office, Role
from kormo.plans.models import Plan, PlanState
from kormo.plans.selectors import Returned, plan_returns
from kormo.progress.models import Report, ReportedValue, ScoreSnapshot
from kormo.progress.plan_content import plan_contents
from kormo.progress.selectors import plans_progress

DAYS = 14  # "the next days": a fortnight ahead
OPEN_REPORT_STATES = ("none", "draft", "returned")


@dataclass(frozen=True, slots=True)
class ReturnedPlan:
    plan: Plan
    why: Returned | None


@dataclass(frozen=True, slots=True)
class Due:
    plan: Plan
    period: str
    due_on: dt.date
    missing: int  # indicators of the plan without a value for the quarter
    total: int

    @property
    def overdue(self) -> bool:
        return self.due_on < dt.date.today()


@dataclass(frozen=True, slots=True)
class OfficeScore:
    office: Office
    fiscal_year: str
    percent: float | None


@dataclass(slots=True)
class Home:
    returned_plans: list[ReturnedPlan] = field(default_factory=list)
    returned_reports: list[Report] = field(default_factory=list)
    waiting: dict[str, list[Waiting]] = field(default_factory=dict)
    to_review: list[Report] = field(default_factory=list)
    due: list[Due] = field(default_factory=list)
    scores: list[OfficeScore] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many things wait for the person (the header's "waiting for me" count)."""
        return (len(self.returned_plans) + len(self.returned_reports) + len(self.to_review)
                + sum(len(w) for w in self.waiting.values()) + len(self.due))


def home_for(user: Any, today: dt.date | None = None) -> Home:
    today = today or dt.date.today()
    grants = grants_for(user)
    writes = tuple(grants.paths.get(Role.FOCAL_POINT, ()))
    supervised = tuple(grants.paths.get(Role.SUPERVISOR, ()))
    home = Home(waiting=plans_waiting(user))
    current = Plan.objects.filter(is_current=True, is_template=False).select_related("office")
    if writes:
        # The returned plans and the plans in force (whose reports may be due): one query.
        mine = list(current.filter(office__path__in=writes,
                                   state__in=(PlanState.RETURNED, PlanState.SIGNED))
                    .order_by("office__path", "kind", "pk"))
        returned = [p for p in mine if p.state == PlanState.RETURNED]
        # Most days nothing is returned: no reasons to look up (not even an empty filter).
        why = plan_returns(p.pk for p in returned) if returned else {}
        home.returned_plans = [ReturnedPlan(p, why.get(p.pk)) for p in returned]
        home.returned_reports = list(
            Report.objects.filter(plan__in=current.filter(office__path__in=writes),
                                  state="returned").select_related("plan__office", "returned_by")
            .order_by("due_on"))
        home.due = _due([p for p in mine if p.state == PlanState.SIGNED], today)
    if supervised:
        below = Q()
        for path in supervised:
            below |= Q(plan__office__path__startswith=path) & ~Q(plan__office__path=path)
        home.to_review = [
            r for r in Report.objects.filter(below, state="submitted", plan__is_current=True)
            .select_related("plan__office").order_by("due_on", "plan__office__path")
            if grants.can(Action.REVIEW, r.plan.office)]
    home.scores = _scores(user)
    return home


def _due(plans: Any, today: dt.date) -> list[Due]:
    """Reports due from `today` to `DAYS` days ahead (and overdue ones) not yet submitted."""
    plans = list(plans)
    if not plans:
        return []
    # Each plan's indicators from its content, read once per version of the plan (the report
    # pages read the same): no count query each time the page is shown.
    totals = {pk: len(content.rows) for pk, content in plan_contents(plans).items()}
    filled = Counter(ReportedValue.objects.filter(plan__in=plans).exclude(reported_kind="")
                     .exclude(reported_kind__isnull=True)
                     .values_list("plan_id", "quarter"))
    periods = plans_progress(plans)  # two queries for all the plans
    out = []
    for plan in plans:
        for row in periods[plan.pk]:
            if row.state not in OPEN_REPORT_STATES or row.due_on > today + dt.timedelta(DAYS):
                continue
            if row.due_on < today - dt.timedelta(DAYS * 6):  # long past: not "now" any more
                continue
            total = totals.get(plan.pk, 0)
            missing = total if row.period == "year" else total - filled[(plan.pk, row.period)]
            out.append(Due(plan, row.period, row.due_on, max(0, missing), total))
    return sorted(out, key=lambda d: d.due_on)


def _scores(user: Any) -> list[OfficeScore]:
    """Each of the person's own offices' stored score (`ScoreSnapshot`, kept by the worker
    after every change) for its latest year with a plan in force: one query, never a
    recomputation in the request. An office whose score has not been stored yet shows none."""
    latest = (Plan.objects.filter(office=OuterRef("pk"), is_current=True, is_template=False,
                                  state=PlanState.SIGNED)
              .order_by("-fiscal_year").values("fiscal_year")[:1])
    stored = ScoreSnapshot.objects.filter(office=OuterRef("pk"), fiscal_year=OuterRef("year"),
                                          has_score=True)
    offices = (Office.objects.filter(pk__in=Membership.objects.filter(user=user)
                                     .values("office_id"))
               .annotate(year=Subquery(latest)).filter(year__isnull=False)
               .annotate(percent=Subquery(stored.values("percent")[:1]))
               .order_by("path"))
    return [OfficeScore(office, office.year, office.percent) for office in offices]


__all__ = ["DAYS", "STEPS", "Due", "Home", "OfficeScore", "ReturnedPlan", "home_for"]
