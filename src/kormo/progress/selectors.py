"""Reads that the progress pages need, each in a fixed number of queries (STYLE.md selectors).

- `plan_progress(plan)`: the plan's reports per period (state, due date, lateness);
  `plans_progress(plans)` the same for many plans in two queries.
- `report_page(plan, period)`: every indicator with its target, reported and verified values,
  review and evidence for one quarter (or all four, for the year-end evaluation), and its live
  score.
- `indicator_detail(plan, ref)`: one indicator through the year — values, evidence, and the
  series for the chart of progress against target.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any, cast

from kormo.domain import plan as d
from kormo.domain.path import score_office_plans
from kormo.domain.scoring import QUARTERS, IndicatorScore, PlanScore, default_method
from kormo.domain.values import Value, as_date, numeric
from kormo.plans import models as pm
from kormo.plans.convert import COUNTED_REPORT_STATES
from kormo.plans.convert.load import progress_value
from kormo.plans.values import value_from_columns
from kormo.progress.live_scores import scored
from kormo.progress.models import (
    QUARTER_PERIODS,
    Evidence,
    Report,
    ReportedValue,
    ReportPeriod,
    ReportState,
)
from kormo.progress.plan_content import PlanContent, TableRow, plan_contents
from kormo.progress.report_reads import (
    ShownFile,
    ShownValue,
    feeding_plan_ids,
    plan_reports,
    plan_values,
)
from kormo.progress.scores import OfficeYearScores, load_scoring_plans
from kormo.progress.services import EDITABLE_REPORT_STATES, plan_in_force, report_due, value_open
from kormo.years.deadlines import deadline_map, rules_for_year


@dataclass(frozen=True)
class PeriodRow:
    period: str
    report: Report | None
    due_on: dt.date
    state: str


def plan_progress(plan: pm.Plan) -> list[PeriodRow]:
    """The plan's five reports (four quarters, the year-end evaluation): two queries."""
    return plans_progress([plan])[plan.pk]


def plans_progress(plans: Sequence[pm.Plan]) -> dict[int, list[PeriodRow]]:
    """`plan_progress` of many plans (their offices selected with them) in two queries
    whatever their number: their reports, then every deadline of their years (the home page
    lists the due reports of all a person's plans)."""
    if not plans:
        return {}
    reports: dict[int, dict[str, Report]] = defaultdict(dict)
    for r in Report.objects.filter(plan__in=[p.pk for p in plans]):
        reports[r.plan_id][r.period] = r
    deadlines = deadline_map(p.fiscal_year for p in plans)  # report_due without a query
    out: dict[int, list[PeriodRow]] = {}
    for plan in plans:
        rows = []
        for period in (*QUARTER_PERIODS, ReportPeriod.YEAR):
            report = reports[plan.pk].get(period.value)
            due = report.due_on if report else report_due(plan, period, deadlines)
            rows.append(PeriodRow(period.value, report, due,
                                  report.state if report else "none"))
        out[plan.pk] = rows
    return out


# ---------------------------------------------------------------- the report page


@dataclass
class Cell:
    """One indicator in one quarter."""

    quarter: str
    target: Value | None
    value: ShownValue | None
    reported: Value | None
    verified: Value | None
    evidence: list[ShownFile] = field(default_factory=list)
    editable: bool = False
    reviewable: bool = False


@dataclass(frozen=True)
class IndicatorRow(TableRow):
    """A row of the report page: the indicator as the plan states it (`TableRow`), its
    quarters' values and its live score."""

    cells: list[Cell] = field(default_factory=list)
    score: IndicatorScore | None = None

    @property
    def computed(self) -> bool:
        """A governance indicator fed by an action plan's score (Scoring §5): not entered."""
        return self.fed


_TABLE_ROW = tuple(f.name for f in fields(TableRow))


@dataclass
class ReportPage:
    plan: pm.Plan
    period: str
    report: Report | None
    due_on: dt.date
    in_force: bool
    editable: bool  # the office may change values now
    reviewable: bool  # the supervising office may review now
    rows: list[IndicatorRow]
    plan_score: PlanScore | None
    scores: PlanScores
    quarter_states: dict[str, str]
    content: PlanContent  # the plan's version the rows show (`plan_content`)


@dataclass(frozen=True)
class PlanScores:
    """The live scores of a plan (and of the plans feeding it) as its report page shows them:
    the domain plans scored and their scores, by plan id."""

    domain: dict[int, d.Plan]
    scores: dict[int, PlanScore]


def _live_scores(plan: pm.Plan, content: PlanContent, values: Sequence[ShownValue]
                 ) -> PlanScores:
    """The plan scored from its current data: its content, its progress from `values` (the
    plan's values that scoring counts: those of submitted or accepted reports, never drafts,
    DOMAIN.md Scoring), with the office's other current plans when an indicator is fed by one
    (DOMAIN.md Scoring §5). Nothing written: the office's stored score (`ScoreSnapshot`) is the
    worker's, never recomputed in this request. Kept for what it was computed from
    (`live_scores.scored`): a value saved into a draft leaves it as it was."""
    # In the loader's order (as first stored), as `load_scoring_plans` gives them; a
    # `ShownValue` has every attribute of the model that `progress_value` reads.
    progress = tuple(progress_value(cast(Any, rv)) for rv in sorted(values, key=lambda rv: rv.pk))
    own = dataclasses.replace(content.domain, office=plan.office.name, progress=progress)
    if not plan.is_current or plan.is_template:  # a superseded version shows no score
        return PlanScores({plan.pk: own}, {})
    # Their ids first (a light query): most offices' APA has no action plan beside it yet.
    feeding = feeding_plan_ids(plan) if content.fed else []
    rules = rules_for_year(plan.fiscal_year)
    if feeding:  # their content and values read and scored each time
        domain = {plan.pk: own} | load_scoring_plans(pm.Plan.objects.filter(pk__in=feeding))
        return PlanScores(domain, score_office_plans(domain, rules))
    return scored(content, own, plan.pk, rules,
                  lambda: PlanScores({plan.pk: own}, score_office_plans({plan.pk: own}, rules)))


def report_page(*, plan: pm.Plan, period: ReportPeriod | str) -> ReportPage:
    """Everything the report page shows; a fixed number of queries (reports; values with
    their files; the plans feeding it, the rule set; the plan's content once per version of
    the plan, `plan_content`), each written once per process (`report_reads`)."""
    period = ReportPeriod(period)
    quarters = [q.value for q in QUARTERS] if period is ReportPeriod.YEAR else [period.value]
    reports = {r.period: r for r in plan_reports(plan.pk)}
    report = reports.get(period.value)
    year = reports.get(ReportPeriod.YEAR.value)
    year_state = year.state if year is not None else None
    year_review = year is not None and year.state == ReportState.SUBMITTED
    in_force = plan_in_force(plan)
    every_value, files = plan_values(plan.pk)  # the score reads all quarters
    values = {(rv.indicator_ref, rv.quarter): rv for rv in every_value if rv.quarter in quarters}
    content = plan_contents([plan])[plan.pk]
    # the live score counts what scoring counts: values of submitted or accepted reports
    counted = {r.pk for r in reports.values() if r.state in COUNTED_REPORT_STATES}
    scores = _live_scores(plan, content, [rv for rv in every_value if rv.report_id in counted])
    plan_score = scores.scores.get(plan.pk)
    by_ref: dict[str, IndicatorScore] = {}
    for scored_indicator in plan_score.indicators if plan_score else ():
        by_ref.setdefault(scored_indicator.ref, scored_indicator)  # the first of a reference

    def state_of(q: str) -> str:
        r = reports.get(q)
        return r.state if r else ReportState.DRAFT

    states = {q: state_of(q) for q in quarters}
    rows: list[IndicatorRow] = []
    for ind in content.rows:
        targets = dict(ind.quarterly)
        cells = []
        for q in quarters:
            rv = values.get((ind.ref, q))
            # The services' rule: while the year-end evaluation is returned, only the items
            # returned for correction open; accepted values stay locked.
            editable = in_force and not ind.fed and value_open(states[q], year_state, rv)
            reviewable = rv is not None and (states[q] == ReportState.SUBMITTED or year_review)
            cells.append(Cell(
                quarter=q, target=targets.get(q), value=rv,
                reported=value_from_columns(rv, "reported") if rv else None,
                verified=value_from_columns(rv, "verified") if rv and rv.verified else None,
                evidence=files.get(rv.pk, []) if rv else [],
                editable=editable, reviewable=reviewable,
            ))
        rows.append(IndicatorRow(**{name: getattr(ind, name) for name in _TABLE_ROW},
                                 cells=cells, score=by_ref.get(ind.ref)))
    current_state = report.state if report else ReportState.DRAFT
    return ReportPage(
        plan=plan, period=period.value, report=report,
        due_on=report.due_on if report else report_due(plan, period),
        in_force=in_force,
        editable=in_force and (current_state in EDITABLE_REPORT_STATES),
        reviewable=report is not None and report.state == ReportState.SUBMITTED,
        rows=rows, plan_score=plan_score, scores=scores,
        quarter_states={q.value: state_of(q.value) for q in QUARTER_PERIODS},
        content=content,
    )


# ---------------------------------------------------------------- one indicator


@dataclass(frozen=True)
class ChartBar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: Decimal | None  # shown with the page's digits by the template


@dataclass(frozen=True)
class Chart:
    """A server-rendered SVG chart: bars (achieved) against a line (the target path)."""

    width: int
    height: int
    bars: tuple[ChartBar, ...]
    line_points: str  # "x,y x,y ..." for <polyline>
    target_marks: tuple[tuple[float, float, Decimal], ...]
    axis_y: float
    peak: Decimal


@dataclass
class IndicatorDetail:
    plan: pm.Plan
    row: IndicatorRow
    chart: Chart | None
    cumulative: list[tuple[str, Decimal | None, Decimal | None]]


def _series(indicator: d.Indicator, values: dict[str, Value | None]
            ) -> list[tuple[str, Decimal | None, Decimal | None]]:
    """(quarter, achieved so far, due so far) for numeric indicators: summed for সমষ্টি,
    as reported (the latest) for the other methods (DOMAIN.md, Scoring §1)."""
    method = default_method(indicator)
    target = numeric(indicator.annual_target) if indicator.levels.is_empty() else \
        numeric(indicator.levels.v100)
    out: list[tuple[str, Decimal | None, Decimal | None]] = []
    got_total, due_total = Decimal(0), Decimal(0)
    last: Decimal | None = None
    for i, q in enumerate(QUARTERS):
        n = numeric(values.get(q.value))
        qt = numeric(indicator.quarterly_target(q))
        if method is d.CalculationMethod.SUM:
            got_total += n or Decimal(0)
            achieved: Decimal | None = got_total if any(
                numeric(values.get(x.value)) is not None for x in QUARTERS[: i + 1]) else None
            if qt is not None:
                due_total += qt
                due: Decimal | None = due_total
            else:
                due = None if target is None else target * (i + 1) / 4
        else:
            last = n if n is not None else last
            achieved = last
            due = qt if qt is not None else target
        out.append((q.value, achieved, due))
    return out


def _chart(series: list[tuple[str, Decimal | None, Decimal | None]]) -> Chart | None:
    peak = max([float(v) for _, a, b in series for v in (a, b) if v is not None] or [0.0])
    if peak <= 0:
        return None
    width, height, left, bottom, top = 360, 200, 40, 30, 15
    plot_h = height - bottom - top
    slot = (width - left - 10) / len(series)
    bars, points, marks = [], [], []
    for i, (q, achieved, due) in enumerate(series):
        x = left + i * slot
        if achieved is not None:
            h = float(achieved) / peak * plot_h
            bars.append(ChartBar(round(x + slot * 0.2, 1), round(top + plot_h - h, 1),
                                 round(slot * 0.6, 1), round(h, 1), q, achieved))
        else:
            bars.append(ChartBar(round(x + slot * 0.2, 1), top + plot_h, round(slot * 0.6, 1),
                                 0, q, None))
        if due is not None:
            y = top + plot_h - float(due) / peak * plot_h
            points.append(f"{round(x + slot / 2, 1)},{round(y, 1)}")
            marks.append((round(x + slot / 2, 1), round(y, 1), due))
    return Chart(width, height, tuple(bars), " ".join(points), tuple(marks),
                 top + plot_h, Decimal(str(round(peak, 2))))


def indicator_detail(*, plan: pm.Plan, ref: str) -> IndicatorDetail | None:
    """One indicator through the year, for the drill-down page (the year's report page rows
    plus the chart of progress against target)."""
    page = report_page(plan=plan, period=ReportPeriod.YEAR)
    row = next((r for r in page.rows if r.ref == ref), None)
    if row is None:
        return None
    domain = page.scores.domain.get(plan.pk)
    indicator = domain.indicator(ref) if domain else None
    effective: dict[str, Value | None] = {}
    if domain is not None:
        for pv in domain.progress:
            if pv.indicator == ref:
                effective[pv.quarter.value] = pv.value
    series = _series(indicator, effective) if indicator is not None else []
    chart = _chart(series) if series and any(as_date(v) is None for v in effective.values()) \
        else None
    return IndicatorDetail(plan=plan, row=row, chart=chart, cumulative=series)


def office_chart(scores: OfficeYearScores) -> Chart | None:
    """The office's score through each quarter against an even path to its maximum."""
    if scores.office_score is None:
        return None
    series: list[tuple[str, Decimal | None, Decimal | None]] = []
    by_q = dict(scores.by_quarter)
    for i, q in enumerate(QUARTERS):
        pct = by_q.get(q)
        series.append((q.value, None if pct is None else Decimal(str(round(pct, 2))),
                       Decimal(25 * (i + 1))))
    return _chart(series)



# ---------------------------------------------------------------- one row of a plan, by id
# The plan has passed the gate (`offices.access.access_plan`); a row of another plan is
# "not found" (None), like a plan one may not read.


def evidence_get_for_plan(*, plan: pm.Plan, evidence_id: object) -> Evidence | None:
    try:
        pk = int(str(evidence_id))
    except ValueError:
        return None
    return Evidence.objects.filter(pk=pk, plan=plan).first()


def value_get_for_plan(*, plan: pm.Plan, ref: str, quarter: str) -> ReportedValue | None:
    # One row by its unique key: by primary key, not by the model's three-column ordering
    # (a third of compiling the query, on every evidence upload of the deadline peak).
    return ReportedValue.objects.filter(plan=plan, indicator_ref=ref,
                                        quarter=quarter).order_by("pk").first()


def report_get_for_plan(*, plan: pm.Plan, period: str) -> Report | None:
    return Report.objects.filter(plan=plan, period=period).first()
