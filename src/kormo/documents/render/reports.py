"""The quarterly progress report and the year-end evaluation report.

Both print each plan in its own official form (issue 12, item 12). Progress (seed 004's
"২য় ত্রৈমাসিক অগ্রগতি প্রতিবেদন"): the five-level form (areas, activities, indicators, five
levels) with the quarter's achievement, the achievement so far by the calculation method and
the evidence; quarterly-monitoring plans in their target/achievement form up to the quarter.
Evaluation: a summary of every plan's score, then each plan in the same forms with the annual
achievement, the rate and the score obtained, and the total; the unofficial band (DOMAIN.md,
Scoring §6) is printed only as a secondary line.

All figures come from `kormo.domain.scoring`; nothing is typed or rounded before display.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kormo.documents.render import labels
from kormo.documents.render.action_plan import office_line
from kormo.documents.render.common import (
    as_decimal,
    fy_label,
    header_cell,
    number_cell,
    percent_cell,
    plan_heading,
    text_cell,
    value_cell,
)
from kormo.documents.render.model import Align, Block, Cell, Heading, Paragraph, Section, Table
from kormo.documents.render.tables import (
    action_plan_five_level_table,
    has_quarterly_targets,
    quarterly_table,
    score_text,
)
from kormo.domain.calendar import quarter_label, quarters_through
from kormo.domain.derived import derive_value
from kormo.domain.numerals import format_number, format_percent
from kormo.domain.plan import Plan, ProgressValue, Quarter
from kormo.domain.scoring import IndicatorScore, PlanScore
from kormo.domain.values import Value


def _score_lines(score: PlanScore, lang: str) -> list[Block]:
    # Scores stay floats at full precision; format_number rounds them when printed (§6).
    total = format_number(as_decimal(score.total), lang, 2)
    maximum = format_number(as_decimal(score.maximum), lang, 2)
    scored = [i for i in score.indicators if i.maximum > 0]
    return [
        Paragraph(labels.label("total_score_line", lang, score=total, maximum=maximum,
                               percent=format_percent(as_decimal(score.percent), lang, 2)),
                  bold=True, space_before=0.6),
        Paragraph(labels.label("full_marks_line", lang, count=format_number(len(scored), lang),
                               full=format_number(score.full_marks_count, lang))),
    ]


def _rate_cell(s: IndicatorScore | None, lang: str) -> Cell:
    if s is None or s.raw_percent is None:
        return text_cell("", align=Align.CENTER)
    return percent_cell(s.raw_percent, lang)


def _through(plan: Plan, quarter: Quarter) -> Plan:
    """The plan with the progress reported up to and including `quarter`."""
    allowed = set(quarters_through(quarter))
    return replace(plan, progress=tuple(pv for pv in plan.progress if pv.quarter in allowed))


def _shown_value(plan: Plan, ref: str, pv: ProgressValue | None) -> Value | None:
    """A quarter's value as scoring reads it: a derived indicator's value computed from its
    inputs, so that the row shows one figure (the seed's ৬১% beside ৬০.৮৪% was two)."""
    if pv is None:
        return None
    ind = plan.indicator(ref)
    if ind is not None and ind.derivation is not None:
        derived = derive_value(ind, pv)
        if derived is not None:
            return derived
    return pv.value


def progress_form_table(plan: Plan, score: PlanScore | None, quarter: Quarter,
                        lang: str) -> Table:
    """Seed 004's quarterly progress report: the plan's own five-level form with the
    quarter's achievement, the achievement so far (by the calculation method) and the
    evidence. An indicator with nothing reported yet has blank cells, as the form has."""
    values = {(pv.indicator, pv.quarter): pv for pv in plan.progress}
    in_quarter: dict[str, Cell] = {}
    so_far: dict[str, Cell] = {}
    evidence: dict[str, Cell] = {}
    for ref in plan.indicator_refs():
        pv = values.get((ref, quarter))
        in_quarter[ref] = value_cell(_shown_value(plan, ref, pv), lang)
        s = score.indicator(ref) if score is not None else None
        so_far[ref] = value_cell(s.achievement.value if s is not None else None, lang)
        notes = [e for q in quarters_through(quarter)
                 for e in (values[(ref, q)].evidence if (ref, q) in values else ())]
        evidence[ref] = text_cell("; ".join(dict.fromkeys(notes)))
    q_short = quarter_label(quarter, lang).split(" (")[0]
    sheet = labels.sheet_title(plan.kind, lang)
    return action_plan_five_level_table(plan, lang, sheet=sheet, extra=(
        (f"{labels.label('achievement', lang)} ({q_short})", in_quarter, 1.2),
        (labels.label("achievement_so_far", lang), so_far, 1.2),
        (labels.label("evidence_short", lang), evidence, 2.4),
    ))


def progress_sections(plans: Sequence[Plan], scores: dict[str, PlanScore], quarter: Quarter,
                      lang: str) -> list[Section]:
    """One section per plan, in the plan's own form: five-level plans as seed 004's report,
    quarterly-monitoring plans in their target/achievement form up to the quarter."""
    out = []
    q_label = quarter_label(quarter, lang)
    for plan in plans:
        score = scores.get(plan.id)
        if has_quarterly_targets(plan) and not _five_level(plan):
            table = quarterly_table(_through(plan, quarter), score, lang,
                                    sheet=labels.sheet_title(plan.kind, lang))
        else:
            table = progress_form_table(plan, score, quarter, lang)
        blocks: list[Block] = [
            Heading(plan_heading(plan, lang)),
            # The report's own line stands where a plan prints its subtitle (seed 004).
            Paragraph(labels.label("progress_title", lang, quarter=q_label), bold=True,
                      align=Align.CENTER),
            office_line(plan, lang),
            table,
        ]
        if score is not None:
            blocks += _score_lines(score, lang)
        out.append(Section(tuple(blocks), landscape=True))
    return out


def _five_level(plan: Plan) -> bool:
    return any(not i.levels.is_empty() for i in plan.indicators)


# ---------------------------------------------------------------- evaluation


def summary_table(plans: Sequence[Plan], scores: dict[str, PlanScore], lang: str) -> Table:
    head = (
        header_cell(labels.label("plan", lang)),
        header_cell(labels.label("score", lang)),
        header_cell(labels.label("maximum", lang)),
        header_cell(labels.label("percent", lang)),
        header_cell(labels.label("rating_line", lang, rating="").rstrip(": ")),
    )
    body = []
    for plan in plans:
        s = scores.get(plan.id)
        if s is None:
            continue
        body.append((
            text_cell(plan_heading(plan, lang)),
            number_cell(s.total, lang, decimals=2),
            number_cell(s.maximum, lang, decimals=2),
            percent_cell(s.percent, lang),
            text_cell(labels.rating_name(s.rating, lang), align=Align.CENTER),
        ))
    return Table(sheet=labels.label("summary", lang), columns=(5.0, 1.2, 1.2, 1.2, 2.4),
                 header=(head,), body=tuple(body), font_size=8.5)


def evaluation_form_table(plan: Plan, score: PlanScore, lang: str) -> Table:
    """The year-end evaluation in the plan's own five-level form: the annual achievement,
    the rate and the score obtained per indicator, and the plan's total."""
    achieved: dict[str, Cell] = {}
    rate: dict[str, Cell] = {}
    obtained: dict[str, Cell] = {}
    for ref in plan.indicator_refs():
        s = score.indicator(ref)
        achieved[ref] = value_cell(s.achievement.value if s is not None else None, lang)
        rate[ref] = _rate_cell(s, lang)
        obtained[ref] = score_text(s, lang)
    return action_plan_five_level_table(
        plan, lang, sheet=labels.sheet_title(plan.kind, lang),
        extra=((labels.label("annual_achievement", lang), achieved, 1.2),
               (labels.label("achievement_rate", lang), rate, 1.0),
               (labels.label("score_obtained", lang), obtained, 1.0)),
        total=(number_cell(score.total, lang, decimals=2, bold=True),))


def evaluation_sections(plans: Sequence[Plan], scores: dict[str, PlanScore],
                        lang: str) -> list[Section]:
    """The summary of every plan's score, then each plan in its own form with its scores:
    the APA and five-level plans with achievement and score columns, quarterly-monitoring
    plans in their target/achievement form (which has its total and score columns)."""
    first = plans[0]
    title = labels.label("evaluation_title", lang, fy=fy_label(first.fiscal_year, lang))
    out = [Section((Heading(title), office_line(first, lang),
                    Heading(labels.label("summary", lang), level=2, outlined=False),
                    summary_table(plans, scores, lang)))]
    for plan in plans:
        score = scores.get(plan.id)
        if score is None:
            continue
        if has_quarterly_targets(plan) and not _five_level(plan):
            table = quarterly_table(plan, score, lang, sheet=labels.sheet_title(plan.kind, lang),
                                    total_row=True)
        else:
            table = evaluation_form_table(plan, score, lang)
        blocks: list[Block] = [
            Heading(plan_heading(plan, lang)),
            table,
            *_score_lines(score, lang),
            Paragraph(labels.label("rating_line", lang,
                                   rating=labels.rating_name(score.rating, lang)), size=8.5),
            Paragraph(labels.label("rule_set_line", lang, name=score.rule_set), size=8.5),
        ]
        out.append(Section(tuple(blocks), landscape=True))
    return out
