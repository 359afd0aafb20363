"""The two plan tables of the official forms, shared by the APA and the action plans.

* The five-level table: the APA's section 3 (seed 000) — area, area weight, activity,
  indicator, calculation method, unit, indicator weight, actuals of the two previous years
  (* provisional), the five target levels with their names and percents (অসাধারণ 100 % …
  চলতি মানের নিম্নে 60 %), projections of the next two years. Action plans printed with five
  levels (seed 001: e-governance, grievance redress, citizen's charter, RTI) use the same
  table without the columns they do not fill.
* The quarterly monitoring table of integrity plans (seeds 001, 002): per activity a target
  row and an achievement row for Q1-Q4, the total, the score obtained and remarks.

Scores come from `kormo.domain.scoring`; this module only lays them out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kormo.documents.render import labels
from kormo.documents.render.common import (
    digits,
    fiscal_year,
    fy_label,
    fy_offset,
    header_cell,
    header_numbers,
    level_percent_text,
    number_cell,
    numbered,
    ref,
    text_cell,
    value_cell,
    weight_cell,
    year_value,
    years_of,
)
from kormo.documents.render.model import Align, Cell, Table
from kormo.domain.calendar import quarter_label
from kormo.domain.plan import (
    LEVEL_PERCENTS,
    Activity,
    Area,
    AreaKind,
    Indicator,
    Plan,
    PlanKind,
    indicator_ref,
)
from kormo.domain.scoring import QUARTERS, IndicatorScore, PlanScore, Status

# ---------------------------------------------------------------- five levels


def _indicator_rows(area: Area) -> list[tuple[Activity | None, Indicator | None]]:
    """(activity, indicator) per printed row; an activity or area without indicators still
    takes one row so that its name is printed."""
    rows: list[tuple[Activity | None, Indicator | None]] = []
    for activity in area.activities:
        if activity.indicators:
            rows.extend((activity, i) for i in activity.indicators)
        else:
            rows.append((activity, None))
    return rows or [(None, None)]


def _has_method(plan: Plan) -> bool:
    return any(i.calculation_method is not None for i in plan.indicators)


def five_level_table(plan: Plan, lang: str, *, sheet: str, apa: bool = False,
                     brackets: bool = True) -> Table:
    """Section 3 of the APA (`apa=True`: every column, group rows by area kind) or an action
    plan printed with five levels (columns without any value are left out)."""
    fy = plan.fiscal_year
    indicators = plan.indicators
    actual_years = years_of((i.actuals for i in indicators),
                            [fy_offset(fy, -2), fy_offset(fy, -1)] if apa else [])
    if not apa and not any(yv.value is not None for i in indicators for yv in i.actuals):
        actual_years = []
    projection_years = years_of((i.projections for i in indicators),
                                [fy_offset(fy, 1), fy_offset(fy, 2)] if apa else [])
    if not apa and not any(yv.value is not None for i in indicators for yv in i.projections):
        projection_years = []
    with_method = apa or _has_method(plan)
    provisional_years = {v.fiscal_year for i in indicators for v in i.actuals if v.provisional}

    # header: three rows (names; level names; level percents)
    head: list[Cell] = [
        header_cell(labels.label("area", lang), rowspan=3),
        header_cell(labels.label("area_weight", lang), rowspan=3),
        header_cell(labels.label("activity", lang), rowspan=3),
        header_cell(labels.label("indicator", lang), rowspan=3),
    ]
    # Value columns are wide enough for a date ("১২.১২.২০২২"); names wrap instead.
    widths: list[float] = [1.5, 1.15, 2.3, 1.9]
    if with_method:
        head.append(header_cell(labels.label("calculation_method", lang), rowspan=3))
        widths.append(1.05)
    head.append(header_cell(labels.label("unit", lang), rowspan=3))
    head.append(header_cell(labels.label("indicator_weight", lang), rowspan=3))
    widths += [0.85, 1.0]
    for year in actual_years:
        mark = "*" if year in provisional_years else ""
        head.append(header_cell(labels.label("actual", lang, fy=fy_label(year, lang)) + mark,
                                rowspan=3))
        widths.append(1.3)
    head.append(header_cell(labels.label("levels_fy", lang, fy=fy_label(fy, lang)), colspan=5))
    widths += [1.3] * 5
    for year in projection_years:
        head.append(header_cell(labels.label("projection_fy", lang, fy=fy_label(year, lang)),
                                rowspan=3))
        widths.append(1.3)
    names = tuple(header_cell(labels.level_name(p, lang)) for p in LEVEL_PERCENTS)
    percents = tuple(header_cell(level_percent_text(p, lang)) for p in LEVEL_PERCENTS)
    ncols = len(widths)

    body: list[tuple[Cell, ...]] = []
    group: AreaKind | None = None
    for area in plan.areas:
        if apa and area.kind is not group:
            group = area.kind
            key = "office_area_group" if group is AreaKind.OFFICE else "governance_area_group"
            body.append((text_cell(labels.label(key, lang), colspan=ncols, bold=True,
                                   shaded=True),))
        rows = _indicator_rows(area)
        seen_activities: set[int] = set()
        for index, (activity, indicator) in enumerate(rows):
            row: list[Cell] = []
            if index == 0:
                area_text = numbered(area.number, area.name, lang, brackets)
                if area.note:
                    area_text += f" ({area.note})"
                row.append(text_cell(area_text, rowspan=len(rows)))
                row.append(weight_cell(area.weight, lang, rowspan=len(rows)))
            if activity is not None and id(activity) not in seen_activities:
                seen_activities.add(id(activity))
                span = sum(1 for a, _ in rows if a is activity)
                row.append(text_cell(_activity_text(activity, lang, brackets), rowspan=span))
            elif activity is None:
                row.append(text_cell(""))
            row.extend(_five_level_indicator_cells(indicator, lang, brackets, with_method,
                                                   actual_years, projection_years))
            body.append(tuple(row))

    notes = (labels.label("provisional_note", lang),) if apa or provisional_years else ()
    return Table(sheet=sheet, columns=tuple(widths), header=(tuple(head), names, percents),
                 body=tuple(body), font_size=8.0, notes=notes)


def _activity_text(activity: Activity, lang: str, brackets: bool) -> str:
    text = numbered(activity.number, activity.name, lang, brackets)
    for ind in activity.indicators:
        # A fallback indicator's condition is printed in the activity's cell, as the form
        # does (seed 001, grievance redress: "[১.১.১] যদি কোনো অফিসে … সভা আয়োজন").
        if ind.fallback_for and ind.remarks.startswith("যদি"):
            text += " " + numbered(ind.number, ind.remarks, lang, brackets)
    if activity.not_applicable_tiers:
        tiers = ", ".join(labels.tier_name(t, lang) for t in activity.not_applicable_tiers)
        text += f" ({labels.label('not_applicable_tiers', lang, tiers=tiers)})"
    return text


def _five_level_indicator_cells(indicator: Indicator | None, lang: str, brackets: bool,
                                with_method: bool, actual_years: Sequence[str],
                                projection_years: Sequence[str]) -> list[Cell]:
    count = 3 + int(with_method) + len(actual_years) + 5 + len(projection_years)
    if indicator is None:
        return [text_cell("") for _ in range(count)]
    cells = [text_cell(numbered(indicator.number, indicator.name, lang, brackets))]
    if with_method:
        cells.append(text_cell(labels.method_name(indicator.calculation_method, lang),
                               align=Align.CENTER))
    cells.append(text_cell(labels.unit_name(indicator.unit, lang, indicator.unit_label),
                           align=Align.CENTER))
    cells.append(weight_cell(indicator.weight, lang))
    for year in actual_years:
        yv = year_value(indicator.actuals, year)
        cells.append(value_cell(yv.value if yv else None, lang))
    cells.extend(value_cell(v, lang) for _, v in indicator.levels.as_pairs())
    for year in projection_years:
        yv = year_value(indicator.projections, year)
        cells.append(value_cell(yv.value if yv else None, lang))
    return cells


# ---------------------------------------------------------------- action plans, five levels


@dataclass(frozen=True, slots=True)
class FiveLevelForm:
    """The columns of one action plan's official five-level form (seed 001 pp. 2-5, 004 p. 1).

    `serial`: a "ক্রম" column (e-governance & innovation), with the area and its weight only
    where the plan names or weighs its areas (seed 004 does, seed 001 does not);
    `actuals`: the two past-actual columns, printed even when empty (grievance redress, RTI).
    """

    serial: bool = False
    actuals: bool = False


FIVE_LEVEL_FORMS: dict[PlanKind, FiveLevelForm] = {
    PlanKind.EGOV_INNOVATION: FiveLevelForm(serial=True),
    PlanKind.GRIEVANCE_REDRESS: FiveLevelForm(actuals=True),
    PlanKind.RIGHT_TO_INFORMATION: FiveLevelForm(actuals=True),
    PlanKind.CITIZENS_CHARTER: FiveLevelForm(),
    PlanKind.INTEGRITY: FiveLevelForm(),
}


def long_fy(text: str, lang: str) -> str:
    """"২০২৩-২০২৪": the action-plan forms write both years in full."""
    fy = fiscal_year(text)
    if fy is None:
        return fy_label(text, lang)
    return digits(f"{fy.start_year}-{fy.end_year}", lang)


def action_plan_five_level_table(
    plan: Plan, lang: str, *, sheet: str,
    extra: Sequence[tuple[str, Mapping[str, Cell], float]] = (),
    total: Sequence[Cell] = (),
) -> Table:
    """A plan in its own five-level form: the form's columns (`FIVE_LEVEL_FORMS`) and a row
    of column numbers. Reports add columns after the levels (`extra`: heading and the cell per
    indicator reference), as seed 004's quarterly report adds its achievement column, and a
    closing `total` row (its cells cover the last columns). Each extra column: its heading,
    its cell per indicator reference and its width."""
    form = FIVE_LEVEL_FORMS.get(plan.kind, FiveLevelForm())
    fy = plan.fiscal_year
    head: list[Cell] = []
    widths: list[float] = []
    with_area = not form.serial or any(a.name or a.weight is not None for a in plan.areas)
    if form.serial:
        head.append(header_cell(labels.label("serial_kram", lang), rowspan=3))
        widths.append(0.7)
    if with_area:
        head += [header_cell(labels.label("action_area", lang), rowspan=3),
                 header_cell(labels.label("action_area_weight", lang), rowspan=3)]
        widths += [1.6, 0.8]
    head += [header_cell(labels.label("activity", lang), rowspan=3),
             header_cell(labels.label("indicator", lang), rowspan=3),
             header_cell(labels.label("unit", lang), rowspan=3),
             header_cell(labels.label("indicator_weight", lang), rowspan=3)]
    widths += [2.6, 2.4, 0.9, 1.0]
    actual_years = [fy_offset(fy, -2), fy_offset(fy, -1)] if form.actuals else []
    for year in actual_years:
        head.append(header_cell(labels.label("actual", lang, fy=long_fy(year, lang)), rowspan=3))
        widths.append(1.2)
    head.append(header_cell(labels.label("action_levels_fy", lang, fy=long_fy(fy, lang)),
                            colspan=5))
    widths += [1.2] * 5
    for heading, _, width in extra:
        head.append(header_cell(heading, rowspan=3))
        widths.append(width)
    names = tuple(header_cell(labels.level_name(p, lang)) for p in LEVEL_PERCENTS)
    percents = tuple(header_cell(level_percent_text(p, lang)) for p in LEVEL_PERCENTS)
    ncols = len(widths)

    body: list[tuple[Cell, ...]] = []
    for serial, area in enumerate(plan.areas, start=1):
        rows = _indicator_rows(area)
        seen: set[int] = set()
        for index, (activity, indicator) in enumerate(rows):
            row: list[Cell] = []
            if index == 0:
                if form.serial:
                    row.append(text_cell(digits(f"{serial:02d}", lang), rowspan=len(rows),
                                         align=Align.CENTER))
                if with_area:
                    row.append(text_cell(numbered(area.number, area.name, lang),
                                         rowspan=len(rows)))
                    row.append(weight_cell(area.weight, lang, rowspan=len(rows)))
            if activity is not None and id(activity) not in seen:
                seen.add(id(activity))
                span = sum(1 for a, _ in rows if a is activity)
                row.append(text_cell(_activity_text(activity, lang, True), rowspan=span))
            elif activity is None:
                row.append(text_cell(""))
            row.extend(_five_level_indicator_cells(indicator, lang, True, False,
                                                   actual_years, []))
            key = indicator_ref(area, indicator) if indicator is not None else ""
            row.extend(cells.get(key, text_cell("")) for _, cells, _ in extra)
            body.append(tuple(row))
    if total:
        span = ncols - sum(c.colspan for c in total)
        body.append((text_cell(labels.label("total", lang), colspan=span, bold=True,
                               align=Align.RIGHT, shaded=True), *total))
    return Table(sheet=sheet, columns=tuple(widths),
                 header=(tuple(head), names, percents, header_numbers(ncols, lang)),
                 body=tuple(body), font_size=8.0)


# ---------------------------------------------------------------- quarterly monitoring


def has_quarterly_targets(plan: Plan) -> bool:
    """Plans of the quarterly-monitoring layout: single annual targets split by quarter."""
    return any(i.quarterly_targets or i.annual_target is not None for i in plan.indicators)


def score_text(s: IndicatorScore | None, lang: str, *, rowspan: int = 1) -> Cell:
    """A score cell: the computed score, or why there is none (never a typed 0, Scoring §1)."""
    if s is None:
        return text_cell("", align=Align.CENTER, rowspan=rowspan)
    if s.status is Status.SCORED:
        return number_cell(s.score, lang, decimals=2, rowspan=rowspan)
    if s.status is Status.NOT_APPLICABLE:  # the form's own words
        return text_cell(labels.status_name(s.status.value, lang), align=Align.CENTER,
                         rowspan=rowspan)
    # No software status on an official page: a cell the form leaves blank stays blank.
    return text_cell("", align=Align.CENTER, rowspan=rowspan)


def quarterly_table(plan: Plan, score: PlanScore | None, lang: str, *, sheet: str,
                    total_row: bool = False) -> Table:
    """The monitoring form of seeds 001/002: target and achievement rows per indicator;
    `total_row`: a closing row with the plan's score (the evaluation report)."""
    fy = fy_label(plan.fiscal_year, lang)
    has_progress = bool(plan.progress)
    head1 = (
        header_cell(labels.label("activity_name", lang), rowspan=2),
        header_cell(labels.label("indicator", lang), rowspan=2),
        header_cell(labels.label("indicator_weight_short", lang), rowspan=2),
        header_cell(labels.label("unit", lang), rowspan=2),
        header_cell(labels.label("responsible", lang), rowspan=2),
        header_cell(labels.label("annual_target_fy", lang, fy=fy), rowspan=2),
        header_cell(labels.label("monitoring_fy", lang, fy=fy), colspan=7),
        header_cell(labels.label("remarks", lang), rowspan=2),
    )
    head2 = (
        header_cell(labels.label("target_or_achievement", lang)),
        *(header_cell(quarter_label(q, lang).split(" (")[0]) for q in QUARTERS),
        header_cell(labels.label("total_achievement", lang)),
        header_cell(labels.label("score_obtained", lang)),
    )
    widths = (3.2, 2.2, 0.8, 0.9, 2.2, 1.2, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.0, 1.6)
    ncols = len(widths)
    values = {(pv.indicator, pv.quarter): pv for pv in plan.progress}

    body: list[tuple[Cell, ...]] = []
    for area in plan.areas:
        # "1.প্রাতিষ্ঠানিক ব্যবস্থা.....11" in seed 002: number, name and the area's weight
        title = f"{ref(area.number, lang, brackets=False)}. {area.name}".strip()
        if area.weight is not None:
            title += f" ({labels.label('weight', lang)}: {number_cell(area.weight, lang).text})"
        if area.note:
            title += f" — {area.note}"
        body.append((text_cell(title, colspan=ncols, bold=True, shaded=True),))
        for activity in area.activities:
            indicators = activity.indicators
            if not indicators:
                body.append((text_cell(_activity_text(activity, lang, False)),
                             *(text_cell("") for _ in range(ncols - 1))))
                continue
            for position, indicator in enumerate(indicators):
                key = indicator_ref(area, indicator)
                s = score.indicator(key) if score is not None else None
                target_row: list[Cell] = []
                if position == 0:
                    target_row.append(text_cell(_activity_text(activity, lang, False),
                                                rowspan=2 * len(indicators)))
                remarks = "; ".join(r for r in (indicator.remarks, activity.remarks) if r)
                target_row += [
                    text_cell(indicator.name, rowspan=2),
                    weight_cell(indicator.weight, lang, rowspan=2),
                    text_cell(labels.unit_name(indicator.unit, lang, indicator.unit_label),
                              rowspan=2, align=Align.CENTER),
                    text_cell(indicator.responsible, rowspan=2),
                    value_cell(indicator.annual_target, lang, rowspan=2),
                    text_cell(labels.label("target", lang)),
                    *(value_cell(indicator.quarterly_target(q), lang) for q in QUARTERS),
                    text_cell(""),
                    score_text(s if has_progress else None, lang, rowspan=2),
                    text_cell(remarks, rowspan=2),
                ]
                achieved_row: list[Cell] = [text_cell(labels.label("achievement", lang))]
                for q in QUARTERS:
                    pv = values.get((key, q))
                    achieved_row.append(value_cell(pv.value if pv else None, lang))
                total = s.achievement.value if (s is not None and has_progress) else None
                achieved_row.append(value_cell(total, lang))
                body.append(tuple(target_row))
                body.append(tuple(achieved_row))

    if total_row and score is not None:
        body.append((text_cell(labels.label("total", lang), colspan=ncols - 2, bold=True,
                               align=Align.RIGHT, shaded=True),
                     number_cell(score.total, lang, decimals=2, bold=True),
                     text_cell("", shaded=True)))
    return Table(sheet=sheet, columns=widths,
                 header=(head1, head2, header_numbers(ncols, lang)),
                 body=tuple(body), font_size=8.0)

