"""The domain plans that scoring reads: the area tree and the progress, for many plans at once.

The same reader as `plans_to_domain` (one place reads each column), limited to the parts
scoring needs: `SCORING_LOAD_QUERIES` queries whatever the number of plans, so the dashboard
and the stored scores load a whole region without per-row queries (STYLE.md pitfall "N+1").
"""

from __future__ import annotations

import dataclasses

from django.db.models import QuerySet

from kormo.domain import plan as d
from kormo.plans import models as m
from kormo.plans.convert.load import part_queries, plans_to_domain
from kormo.plans.progress_tables import ReportState

_SCORING_PARTS = ("areas", "progress")
# The reports whose values count in a score (issue 12 rule 10: "never drafts"): a value typed
# or imported into a draft report, or into one returned for correction, counts once the report
# is submitted (again).
COUNTED_REPORT_STATES = (ReportState.SUBMITTED, ReportState.ACCEPTED)
# The plans, the area tree (4), the reported values; the evidence files are not read.
SCORING_LOAD_QUERIES = part_queries(_SCORING_PARTS) - 1


def load_scoring_plans(plans: QuerySet[m.Plan]) -> dict[int, d.Plan]:
    """The domain plans (the parts scoring reads) of every plan in `plans`, by plan id.

    Past actuals and projections are left out (scoring does not read them), and so are the
    values of reports not submitted (`COUNTED_REPORT_STATES`): every score Kormo shows or
    stores — the office's current score, its stored snapshot, the dashboard, the year-end
    evaluation — counts submitted and accepted values only, never drafts. A plan's `office`
    is its office row's name, so that plans of one office link by office and year as they do
    in the database (DOMAIN.md, Scoring §5: "same office and year").
    """
    role = m.IndicatorValue.Role
    loaded = plans_to_domain(plans, _SCORING_PARTS, evidence_files=False,
                             value_roles=(role.LEVEL, role.QUARTERLY_TARGET),
                             report_states=COUNTED_REPORT_STATES)
    return {pk: dataclasses.replace(lp.domain, office=lp.row.office.name)
            for pk, lp in loaded.items()}
