"""Whole plans between the domain (`kormo.domain.plan.Plan`) and the plan tables.

Why one package: every other part of Kormo works on the pure domain object (scoring,
validation, documents), and pages need a whole plan at once. `save` writes plans (a new one, or
an edit in place), `load` reads them back in a fixed number of queries, `load_scoring` reads the
parts scoring needs, `load_grid` the editor's grid (cell texts, no domain plan). A plan's
progress is read from and written to its one store, `kormo.progress.models.ReportedValue`.
"""

from kormo.plans.convert.load import (
    PARTS,
    PLAN_TO_DOMAIN_QUERIES,
    LoadedPlan,
    PlanRows,
    part_queries,
    plan_to_domain,
    plans_to_domain,
)
from kormo.plans.convert.load_grid import GRID_QUERIES, plan_grid
from kormo.plans.convert.load_scoring import (
    COUNTED_REPORT_STATES,
    SCORING_LOAD_QUERIES,
    load_scoring_plans,
)
from kormo.plans.convert.save import (
    CONTENT_PARTS,
    plan_replace_content,
    plan_save_from_domain,
    plans_save_file,
)

__all__ = [
    "CONTENT_PARTS",
    "COUNTED_REPORT_STATES",
    "GRID_QUERIES",
    "PARTS",
    "PLAN_TO_DOMAIN_QUERIES",
    "SCORING_LOAD_QUERIES",
    "LoadedPlan",
    "PlanRows",
    "load_scoring_plans",
    "part_queries",
    "plan_grid",
    "plan_replace_content",
    "plan_save_from_domain",
    "plan_to_domain",
    "plans_save_file",
    "plans_to_domain",
]
