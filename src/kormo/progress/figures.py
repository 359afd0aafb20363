"""The dashboard's figures of an office, stored with its score in `ScoreSnapshot` by
`kormo.progress.scores.snapshots_compute`: its plans and how many are signed, its reports per
period, the reports missing, its place, and its path so far (the score due so far and the
indicators at risk, as on the office's page). The dashboard then reads them only, so that it
costs the same whether 100 or 25,000 offices are under the supervisor.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import QuerySet

from kormo.domain.calendar import quarter_range
from kormo.domain.scoring import NOT_RATED
from kormo.plans import models as m
from kormo.progress.models import QUARTER_PERIODS, Report, ReportState
from kormo.progress.places import office_places

FIGURE_FIELDS = ("district", "upazila", "plans", "plans_signed", "through", "due_percent",
                 "path_quarterly", "at_risk", "reports", "reports_missing", "score_key")
FIGURE_QUERIES = 3  # plans, reports, the offices' districts and upazilas (`office_places`)


def score_key(has_score: bool, percent: float, plans_signed: int,
              rating: str = "") -> int | None:
    """The score in hundredths when the office is ranked (a score and a plan in force: an
    office without one scores 0 against nothing agreed, and is not ranked; nothing reported
    yet is "not yet rated", no rank either: issue 12 rule 7), else None."""
    if not has_score or not plans_signed or rating == NOT_RATED:
        return None
    return round(percent * 100)


def office_figures(*, office_ids: Sequence[int], fiscal_year: str, plans: QuerySet[m.Plan],
                   paths: Mapping[int, Any], today: dt.date | None = None
                   ) -> dict[int, dict[str, Any]]:
    """The figures of each office (`FIGURE_FIELDS` but `score_key`, which `score_key` gives
    once the score is known), from its current plans `plans` and its path so far (`paths`:
    `scores.office_path` of each office, None when nothing is reported), in `FIGURE_QUERIES`
    queries whatever the number of offices."""
    today = today or dt.date.today()
    plan_count: dict[int, int] = defaultdict(int)
    signed: dict[int, int] = defaultdict(int)
    for office_id, kind, state in plans.values_list("office_id", "kind", "state"):
        if kind != "innovation_register":
            plan_count[office_id] += 1
            signed[office_id] += state == m.PlanState.SIGNED
    reports: dict[int, dict[str, list[int]]] = defaultdict(dict)
    for office_id, period, state, late in Report.objects.filter(
            plan__in=plans.values("pk")).values_list("plan__office_id", "period", "state",
                                                     "is_late"):
        c = reports[office_id].setdefault(period, [0, 0, 0, 0])
        c[0] += state in (ReportState.SUBMITTED, ReportState.ACCEPTED)
        c[1] += bool(late)
        c[2] += state == ReportState.RETURNED
        c[3] += state == ReportState.ACCEPTED
    ended = [q.value for q in QUARTER_PERIODS if quarter_range(fiscal_year, q.value)[1] < today]
    places = office_places(office_ids)
    out: dict[int, dict[str, Any]] = {}
    for oid in office_ids:
        mine, n = reports.get(oid, {}), plan_count.get(oid, 0)
        path = paths.get(oid)
        out[oid] = {
            "district": places.get(oid, ("", ""))[0], "upazila": places.get(oid, ("", ""))[1],
            "plans": n, "plans_signed": signed.get(oid, 0),
            "through": path.through.value if path else "",
            "due_percent": path.due_percent if path else None,
            "path_quarterly": bool(path and path.quarterly),
            "at_risk": len(path.at_risk) if path else None,
            "reports": mine,
            "reports_missing": sum(max(n - c[0] - c[2], 0) for c in
                                   (mine.get(q, [0, 0, 0, 0]) for q in ended)),
        }
    return out
