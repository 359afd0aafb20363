"""What the public may see: the one gate of the public pages and the open data.

The rules (issue "Official documents, public pages, open data and API"):

- a plan is **published** once it is signed by both parties (`PlanState.SIGNED`); drafts,
  submitted, returned and approved plans, and the year's templates, are not;
- a signed version stays published after a revision (it was the agreement in force); the
  collections of the open data hold the **latest signed version** of each plan only (a version
  is left out once a later revision of it is signed);
- a quarter's progress is published once that quarter's report is **accepted** by the
  supervising office (or the year-end evaluation is accepted, which covers the four quarters);
  values of other quarters are left out of every public page, document and data file, and so
  are the scores they would move;
- within a published quarter, a value whose item is not accepted (`ReviewState`: returned for
  correction with the year-end evaluation, or corrected and waiting for review again) is
  **under correction** (সংশোধনাধীন): the office may have changed it after its acceptance, and
  the value accepted before is not kept apart, so it is left out like an unpublished quarter's
  (the office page says how many values of a plan are under correction) until the supervising
  office accepts it again.

Everything not published answers 404, exactly like a plan id or office code that does not
exist (`Unpublished`), so guessing ids or codes tells nothing. The logged-in pages and the API
use `kormo.offices.access` instead; this module is the public counterpart and the only place
that decides publication.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.db.models import CharField, Exists, OuterRef, Q, QuerySet, Value
from django.http import Http404

from kormo.domain import plan as d
from kormo.domain.scoring import QUARTERS
from kormo.offices.models import Office
from kormo.plans.models import Plan, PlanState
from kormo.progress.models import Report, ReportedValue, ReportPeriod, ReportState, ReviewState


class Unpublished(Http404):
    """Not published, or does not exist: the public cannot tell which."""


def published_plans() -> QuerySet[Plan]:
    """Every published plan version: signed, not a template."""
    return Plan.objects.filter(state=PlanState.SIGNED, is_template=False)


def published_latest() -> QuerySet[Plan]:
    """The latest signed version of each published plan (the open data's collections)."""
    later_signed = Plan.objects.filter(revision_of=OuterRef("pk"), state=PlanState.SIGNED)
    return published_plans().filter(~Exists(later_signed))


_CODE = re.compile(r"[-\w]{1,100}")  # Office.code is a unicode slug
_MAX_ID = 2**63 - 1  # beyond what an id column holds: cannot exist


def public_office(code: str) -> Office:
    """The office with this code, if it has at least one published plan; else `Unpublished`."""
    if not _CODE.fullmatch(code):
        raise Unpublished()
    office = Office.objects.filter(code=code).first()
    if office is None or not published_plans().filter(office=office).exists():
        raise Unpublished()
    return office


def public_plan(plan_id: int | str) -> Plan:
    """The published plan `plan_id` (with its office); else `Unpublished`."""
    try:
        pk = int(plan_id)
    except (TypeError, ValueError):
        raise Unpublished() from None
    if not 0 < pk <= _MAX_ID:
        raise Unpublished()
    plan = published_plans().select_related("office").filter(pk=pk).first()
    if plan is None:
        raise Unpublished()
    return plan


Cell = tuple[str, d.Quarter]  # an indicator's reference and a quarter


@dataclasses.dataclass(frozen=True)
class PublishedProgress:
    """Per plan id: the quarters whose progress is published, and the values of those quarters
    under correction (left out)."""

    quarters: dict[int, set[d.Quarter]]
    under_correction: dict[int, set[Cell]]


def published_progress(plans: QuerySet[Plan] | Iterable[int]) -> PublishedProgress:
    """What of the plans' progress is published (one query: the accepted reports and the
    items under correction of accepted quarters, as one UNION ALL)."""
    scope = plans.values("pk") if isinstance(plans, QuerySet) else list(plans)
    reports = (Report.objects.filter(plan__in=scope, state=ReportState.ACCEPTED)
               .annotate(ref=Value("", output_field=CharField()))
               .values_list("plan_id", "period", "ref").order_by())
    year_accepted = Report.objects.filter(plan=OuterRef("plan"), period=ReportPeriod.YEAR,
                                          state=ReportState.ACCEPTED)
    # Only values of published quarters matter (the others are left out anyway): those of an
    # accepted quarter report, or of any quarter once the year-end evaluation is accepted.
    correcting = (ReportedValue.objects.filter(plan__in=scope)
                  .exclude(review_state=ReviewState.ACCEPTED)
                  .filter(Q(report__state=ReportState.ACCEPTED) | Exists(year_accepted))
                  .values_list("plan_id", "quarter", "indicator_ref").order_by())
    quarters: dict[int, set[d.Quarter]] = defaultdict(set)
    under: dict[int, set[Cell]] = defaultdict(set)
    for plan_id, period, ref in reports.union(correcting, all=True):
        if ref:  # a reported value's row (an indicator reference is never empty)
            under[plan_id].add((ref, d.Quarter(period)))
        elif period == ReportPeriod.YEAR:
            quarters[plan_id].update(QUARTERS)
        else:
            quarters[plan_id].add(d.Quarter(period))
    return PublishedProgress(quarters, under)


def published_quarters(plans: QuerySet[Plan] | Iterable[int]) -> dict[int, set[d.Quarter]]:
    """The quarters whose progress is published, per plan id (one query)."""
    return published_progress(plans).quarters


def accepted_reports(plans: QuerySet[Plan]) -> dict[int, list[Report]]:
    """The accepted reports of the plans, per plan id, quarters first (one query)."""
    order = {p.value: i for i, p in enumerate(ReportPeriod)}
    out: dict[int, list[Report]] = defaultdict(list)
    for r in Report.objects.filter(plan__in=plans.values("pk"), state=ReportState.ACCEPTED):
        out[r.plan_id].append(r)
    for reports in out.values():
        reports.sort(key=lambda r: order[r.period])
    return out


def published_view(plan: d.Plan, quarters: set[d.Quarter],
                   under_correction: set[Cell] | frozenset[Cell] = frozenset()) -> d.Plan:
    """The plan as the public sees it: progress of the published quarters only, without the
    values under correction."""
    kept = tuple(p for p in plan.progress if p.quarter in quarters
                 and (p.indicator, p.quarter) not in under_correction)
    if len(kept) == len(plan.progress):
        return plan
    return dataclasses.replace(plan, progress=kept)


def published_views(loaded: Mapping[int, d.Plan], published: PublishedProgress
                    ) -> dict[int, d.Plan]:
    return {pk: published_view(p, published.quarters.get(pk, set()),
                               published.under_correction.get(pk, set()))
            for pk, p in loaded.items()}
