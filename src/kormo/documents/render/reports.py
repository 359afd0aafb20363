"""The quarterly progress report and the year-end evaluation report.

Progress (seed 004's "২য় ত্রৈমাসিক অগ্রগতি প্রতিবেদন"): per indicator the target, what was
achieved in each quarter up to the report's quarter, the achievement so far by the
indicator's calculation method, its rate and the score so far. Evaluation: per indicator,
area and plan the annual achievement, the rate and the score, with the plan's total; the
unofficial band (DOMAIN.md, Scoring §6) is printed only as a secondary line.

All figures come from `kormo.domain.scoring`; nothing is typed or rounded before display.
"""

from __future__ import annotations

from collections.abc import Sequence

from kormo.documents.render import labels
from kormo.documents.render.action_plan import office_line
from kormo.documents.render.common import (
    as_decimal,
    fy_label,
    header_cell,
    number_cell,
    numbered,
    percent_cell,
    plan_heading,
    target_of,
    text_cell,
    value_cell,
    weight_cell,
)
from kormo.documents.render.model import Align, Block, Cell, Heading, Paragraph, Section, Table
from kormo.documents.render.tables import score_text
from kormo.domain.calendar import quarter_label, quarters_through
from kormo.domain.numerals import format_number, format_percent
from kormo.domain.plan import AreaKind, Plan, Quarter, indicator_ref
from kormo.domain.scoring import IndicatorScore, PlanScore, Status


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


def _maximum_text(maximum: float, lang: str) -> str:
    return f"{labels.label('maximum', lang)}: {format_number(as_decimal(maximum), lang, 2)}"


def _rate_cell(s: IndicatorScore | None, lang: str) -> Cell:
    if s is None or s.raw_percent is None:
        return text_cell("", align=Align.CENTER)
    return percent_cell(s.raw_percent, lang)


def _remark(s: IndicatorScore | None, lang: str, extra: str = "") -> str:
    parts = []
    if s is not None and s.linked_plan:
        parts.append(f"{labels.label('linked_plan', lang)}: {s.linked_plan}")
    if extra:
        parts.append(extra)
    return "; ".join(parts)


def _area_row(area_number: str, name: str, kind: AreaKind, weight: object, lang: str,
              ncols: int) -> tuple[Cell, ...]:
    title = numbered(area_number, name, lang)
    if kind is AreaKind.GOVERNANCE:
        title = f"{labels.label('governance_areas', lang)}: {title}"
    return (text_cell(title, colspan=ncols, bold=True, shaded=True),)


def progress_table(plan: Plan, score: PlanScore | None, quarter: Quarter, lang: str) -> Table:
    quarters = quarters_through(quarter)
    head1 = (
        header_cell(labels.label("indicator", lang), rowspan=2),
        header_cell(labels.label("unit", lang), rowspan=2),
        header_cell(labels.label("indicator_weight_short", lang), rowspan=2),
        header_cell(labels.label("target_fy", lang, fy=fy_label(plan.fiscal_year, lang)),
                    rowspan=2),
        header_cell(labels.label("achievement", lang), colspan=len(quarters)),
        header_cell(labels.label("achievement_so_far", lang), rowspan=2),
        header_cell(labels.label("achievement_rate", lang), rowspan=2),
        header_cell(labels.label("score_so_far", lang), rowspan=2),
        header_cell(f"{labels.label('evidence_short', lang)} / {labels.label('remarks', lang)}",
                    rowspan=2),
    )
    head2 = tuple(header_cell(quarter_label(q, lang).split(" (")[0]) for q in quarters)
    widths = (4.0, 0.9, 0.8, 1.2, *(1.1 for _ in quarters), 1.2, 1.1, 1.1, 3.2)
    ncols = len(widths)
    values = {(pv.indicator, pv.quarter): pv for pv in plan.progress}
    body: list[tuple[Cell, ...]] = []
    for area in plan.areas:
        body.append(_area_row(area.number, area.name, area.kind, area.weight, lang, ncols))
        for ind in area.indicators:
            ref = indicator_ref(area, ind)
            s = score.indicator(ref) if score is not None else None
            notes: list[str] = []
            row: list[Cell] = [
                text_cell(numbered(ind.number, ind.name, lang)),
                text_cell(labels.unit_name(ind.unit, lang, ind.unit_label), align=Align.CENTER),
                weight_cell(ind.weight, lang),
                value_cell(target_of(ind), lang),
            ]
            for q in quarters:
                pv = values.get((ref, q))
                row.append(value_cell(pv.value if pv else None, lang))
                if pv is not None:
                    notes += list(pv.evidence)
                    if pv.remarks:
                        notes.append(pv.remarks)
            achieved = s.achievement.value if s is not None else None
            row.append(value_cell(achieved, lang) if achieved is not None else
                       text_cell(labels.status_name(s.status.value, lang) if s else "",
                                 align=Align.CENTER))
            row.append(_rate_cell(s, lang))
            row.append(score_text(s, lang))
            row.append(text_cell(_remark(s, lang, "; ".join(notes))))
            body.append(tuple(row))
    if score is not None:
        body.append((text_cell(labels.label("total", lang), colspan=ncols - 2, bold=True,
                               align=Align.RIGHT, shaded=True),
                     number_cell(score.total, lang, decimals=2, bold=True),
                     text_cell(_maximum_text(score.maximum, lang), shaded=True)))
    sheet = labels.label("progress_title", lang,
                         quarter=quarter_label(quarter, lang).split(" (")[0])
    return Table(sheet=sheet, columns=widths, header=(head1, head2), body=tuple(body),
                 font_size=7.5)


def progress_sections(plans: Sequence[Plan], scores: dict[str, PlanScore], quarter: Quarter,
                      lang: str) -> list[Section]:
    out = []
    q_label = quarter_label(quarter, lang)
    for plan in plans:
        score = scores.get(plan.id)
        blocks: list[Block] = [
            Heading(f"{plan_heading(plan, lang)} — "
                    f"{labels.label('progress_title', lang, quarter=q_label)}"),
            office_line(plan, lang),
            progress_table(plan, score, quarter, lang),
        ]
        if score is not None:
            blocks += _score_lines(score, lang)
        out.append(Section(tuple(blocks), landscape=True))
    return out


# ---------------------------------------------------------------- evaluation


def evaluation_table(plan: Plan, score: PlanScore, lang: str) -> Table:
    head = (
        header_cell(labels.label("indicator", lang)),
        header_cell(labels.label("unit", lang)),
        header_cell(labels.label("indicator_weight_short", lang)),
        header_cell(labels.label("target_fy", lang, fy=fy_label(plan.fiscal_year, lang))),
        header_cell(labels.label("annual_achievement", lang)),
        header_cell(labels.label("achievement_rate", lang)),
        header_cell(labels.label("score", lang)),
        header_cell(labels.label("status", lang)),
    )
    widths = (4.6, 0.9, 0.8, 1.2, 1.3, 1.1, 1.1, 2.2)
    ncols = len(widths)
    body: list[tuple[Cell, ...]] = []
    for area, area_score in zip(plan.areas, score.areas, strict=True):
        body.append(_area_row(area.number, area.name, area.kind, area.weight, lang, ncols))
        for ind in area.indicators:
            s = score.indicator(indicator_ref(area, ind))
            achieved = s.achievement.value if s is not None else None
            status = "" if s is None or s.status is Status.SCORED else \
                labels.status_name(s.status.value, lang)
            body.append((
                text_cell(numbered(ind.number, ind.name, lang)),
                text_cell(labels.unit_name(ind.unit, lang, ind.unit_label), align=Align.CENTER),
                weight_cell(ind.weight, lang),
                value_cell(target_of(ind), lang),
                value_cell(achieved, lang),
                _rate_cell(s, lang),
                number_cell(s.score, lang, decimals=2) if s is not None else text_cell(""),
                text_cell("; ".join(x for x in (status, _remark(s, lang)) if x)),
            ))
        body.append((
            text_cell(f"{labels.label('area_total', lang)} {numbered(area.number, '', lang)}",
                      colspan=6, bold=True, align=Align.RIGHT),
            number_cell(area_score.score, lang, decimals=2, bold=True),
            text_cell(_maximum_text(area_score.maximum, lang)),
        ))
    body.append((
        text_cell(labels.label("total", lang), colspan=6, bold=True, align=Align.RIGHT,
                  shaded=True),
        number_cell(score.total, lang, decimals=2, bold=True),
        text_cell(_maximum_text(score.maximum, lang), shaded=True),
    ))
    return Table(sheet=labels.kind_name(plan.kind, lang), columns=widths, header=(head,),
                 body=tuple(body), font_size=7.5)


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


def evaluation_sections(plans: Sequence[Plan], scores: dict[str, PlanScore],
                        lang: str) -> list[Section]:
    first = plans[0]
    title = labels.label("evaluation_title", lang, fy=fy_label(first.fiscal_year, lang))
    out = [Section((Heading(title), office_line(first, lang),
                    Heading(labels.label("summary", lang), level=2, outlined=False),
                    summary_table(plans, scores, lang)))]
    for plan in plans:
        score = scores.get(plan.id)
        if score is None:
            continue
        blocks: list[Block] = [
            Heading(plan_heading(plan, lang)),
            evaluation_table(plan, score, lang),
            *_score_lines(score, lang),
            Paragraph(labels.label("rating_line", lang,
                                   rating=labels.rating_name(score.rating, lang)), size=8.5),
            Paragraph(labels.label("rule_set_line", lang, name=score.rule_set), size=8.5),
        ]
        out.append(Section(tuple(blocks), landscape=True))
    return out
