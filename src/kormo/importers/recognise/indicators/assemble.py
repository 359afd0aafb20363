"""The drafts → domain areas, progress and the plan's total weight (`read_indicator_tables`).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from kormo.domain.calendar import FiscalYear
from kormo.domain.plan import (
    Activity,
    Area,
    AreaKind,
    Indicator,
    PlanKind,
    ProgressValue,
    Quarter,
    TargetLevels,
    Unit,
)
from kormo.domain.values import Blank
from kormo.importers.readers.model import Table
from kormo.importers.recognise.headers import Header
from kormo.importers.recognise.indicators.drafts import (
    AreaDraft,
    IndicatorDraft,
    TableResult,
)
from kormo.importers.recognise.indicators.levels import ValueReader
from kormo.importers.recognise.indicators.repairs import check_area_weights
from kormo.importers.recognise.indicators.rows import (
    QUARTERS,
)
from kormo.importers.recognise.indicators.structure import IndicatorReader
from kormo.importers.recognise.text import (
    feeds_from_of,
)
from kormo.importers.recognise.values import Sink
from kormo.importers.result import FlagCode

# ---------------------------------------------------------------- assembly


def read_indicator_tables(segments: list[tuple[Table, Header, int]], *, plan_kind: PlanKind,
                          fy: FiscalYear | None, report_quarter: Quarter | None, sink: Sink,
                          quarterly: bool) -> TableResult:
    reader = IndicatorReader(plan_kind=plan_kind, fy=fy, report_quarter=report_quarter,
                             sink=sink, quarterly=quarterly)
    reader.read(segments)
    values = ValueReader(reader)
    for area in reader.areas:
        for ind in area.indicators():
            start = len(sink.flags)
            values.read(ind, area)
            if area.kind is AreaKind.GOVERNANCE:
                # The APA numbers its governance area from [1] again: a value's place names
                # the plan-wide reference ("G1.1.1", as progress does), so the review page
                # can tell it from the office's own [1.1.1].
                sink.flags[start:] = [
                    replace(f, place="G" + f.place) if f.place.split(" / ")[0] == ind.number
                    else f for f in sink.flags[start:]]
    check_area_weights(reader.areas, sink)
    if plan_kind.is_action_plan:
        # Issue 12, item 11: the grievance-redress and RTI forms print their two past-actual
        # columns even when empty; an empty column is no actual of the plan.
        for area in reader.areas:
            for ind in area.indicators():
                ind.actuals = [yv for yv in ind.actuals if yv.value is not None]
    progress = _progress(reader, sink)
    areas = [_area_out(a) for a in reader.areas]
    total = _total(reader.areas, sink)
    acts = {a.number: a for ar in reader.areas for a in ar.activities}
    return TableResult(areas, progress, total, acts)


def _total(areas: list[AreaDraft], sink: Sink) -> Decimal | None:
    """DOMAIN.md: an area's weight is the sum of its indicators; the plan's the sum of areas.
    Computed only where the document prints area weights at all (else left empty)."""
    if not areas or all(a.weight is None for a in areas):
        return None
    total = Decimal(0)
    for a in areas:
        if a.weight is not None:
            total += a.weight
        else:
            total += sum((i.weight for i in a.indicators() if i.weight is not None), Decimal(0))
    sink.add(FlagCode.TOTAL_COMPUTED, "total_weight", None,
             f"মোট মান ছাপা নেই: ক্ষেত্রগুলোর মানের যোগফল {total} ধরা হয়েছে",
             f"no total is printed: the sum of the area weights, {total}, is used",
             kept=str(total))
    return total


def _progress(reader: IndicatorReader, sink: Sink) -> list[ProgressValue]:
    """Achievements up to the report's quarter (DOMAIN.md: a quarterly report); without a stated
    quarter, up to the latest quarter that has any achievement."""
    inds = [(a, i) for a in reader.areas for i in a.indicators()]
    quarter = reader.report_quarter
    if quarter is None:
        reported = [q for _, i in inds for q, (v, _) in i.achievements.items()
                    if not isinstance(v, Blank)]
        if not reported:
            return []
        quarter = max(reported, key=lambda q: q.value)
    out = []
    for area, ind in inds:
        for q in QUARTERS:
            if q.value > quarter.value or q not in ind.achievements:
                continue
            value, _cell = ind.achievements[q]
            ref = ("G" if area.kind is AreaKind.GOVERNANCE else "") + ind.number
            out.append(ProgressValue(ref, q, value))
    return out


def _area_out(area: AreaDraft) -> Area:
    return Area(
        number=area.number,
        name=area.name,
        weight=area.weight,
        kind=area.kind,
        choose_at_least=area.choose_at_least,
        note=area.note,
        activities=tuple(
            Activity(
                number=act.number,
                name=act.name,
                not_applicable_tiers=tuple(act.tiers),
                indicators=tuple(_indicator_out(i, area) for i in act.indicators),
            )
            for act in area.activities
        ),
    )


def _indicator_out(ind: IndicatorDraft, area: AreaDraft) -> Indicator:
    levels = TargetLevels(*(ind.levels.get(p) for p in (100, 90, 80, 70, 60)))
    feeds = None
    if area.kind is AreaKind.GOVERNANCE and ind.unit is Unit.MARKS:
        feeds = feeds_from_of(ind.name)
    return Indicator(
        number=ind.number,
        name=ind.name,
        unit=ind.unit or Unit.COUNT,
        weight=ind.weight,
        unit_label=ind.unit_label,
        calculation_method=ind.method,
        actuals=tuple(ind.actuals),
        levels=levels,
        annual_target=ind.annual_target,
        quarterly_targets=tuple((q, ind.quarterly[q]) for q in QUARTERS if q in ind.quarterly),
        projections=tuple(ind.projections),
        responsible=ind.responsible,
        feeds_from=feeds,
        fallback_for=ind.fallback_for,
        remarks=ind.remarks,
    )
