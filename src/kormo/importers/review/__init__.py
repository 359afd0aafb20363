"""The review of an import before anything is saved (issue "Import the documents offices already
have"): the plans read shown as a grid of cells beside the document as read, each flag placed
on its cell in both, and the corrections a person types read back into the plans.

Why a module of its own, and pure: the review page (`kormo.plans.import_views`) only displays
what this module prepares, and the same rules — which cell a flag's place names, how a typed
value is read, what goes into the plan's source notes — are tested here without a database.
Values are read by `kormo.domain.cells.parse_cell` (Bengali or Latin digits, percents,
money, dates, "-"), like the plan editor reads them (`kormo.plans.sheet`).

A cell's key, which is also the name of its input on the page, is "cell:<plan>:<target>:<field>":
the plan's index in the file, the indicator's plan-wide reference ("2.1.1", "G1.1.1"), "area<i>"
(the i-th area) or "plan", and the field ("levels.70", "Q2", "progress.Q1", "actuals.2021-22",
"weight", "name", "responsible", "total_weight"). Flags name the same fields in their places
("plan 0 / 2.1.1 / levels.70"), see `kormo.importers.recognise`.

Modules: `places` (keys, field names, flags → places), `grid` (the plans as cells), `source`
(the document as read), `corrections` (typed values back into the plans; source notes).
"""

from kormo.importers.review.corrections import (
    Change,
    CorrectionError,
    Problem,
    apply_corrections,
    merge_changes,
    source_notes,
)
from kormo.importers.review.grid import GridCell, GridRow, PlanGrid, indicator_value, plan_grid
from kormo.importers.review.places import (
    KEY_PREFIX,
    LEVEL_FIELDS,
    PROGRESS_FIELDS,
    QUARTERS,
    TARGET_FIELDS,
    TEXT_FIELDS,
    FlagPlace,
    Spot,
    anchor,
    cell_key,
    field_names,
    flag_place,
    flag_spot,
    place_label,
    plan_place,
    position_label,
)
from kormo.importers.review.source import (
    SourceBlock,
    SourceCell,
    SourceRow,
    source_anchor,
    source_view,
)

__all__ = [
    "KEY_PREFIX", "LEVEL_FIELDS", "PROGRESS_FIELDS", "QUARTERS", "TARGET_FIELDS",
    "TEXT_FIELDS", "Change", "CorrectionError", "FlagPlace", "GridCell", "GridRow", "PlanGrid",
    "Problem", "SourceBlock", "SourceCell", "SourceRow", "Spot", "anchor", "apply_corrections",
    "cell_key", "field_names", "flag_place", "flag_spot", "indicator_value", "merge_changes",
    "place_label", "plan_grid", "plan_place", "position_label", "source_anchor",
    "source_notes", "source_view",
]
