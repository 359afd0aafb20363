"""The whole Annual Performance Agreement in the order of the official form (seed 000).

Cover (both parties, "বার্ষিক কর্মসম্পাদন চুক্তি", the period), contents, overview, preamble,
section 1 (vision, mission, areas, functions), section 2 (outcomes), section 3 (the
performance plan), commitments and signatures, annex 1 (acronyms), annex 2 (implementing
unit and evidence), annex 3 (indicators that depend on other offices) and annexes 4-8: the
five action plans of the governance area, taken from the same plan file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from kormo.documents.render import labels
from kormo.documents.render.action_plan import action_plan_blocks, plan_signatures
from kormo.documents.render.common import (
    digits,
    fy_label,
    fy_offset,
    header_cell,
    numbered,
    period_text,
    text_cell,
    value_cell,
    year_value,
    years_of,
)
from kormo.documents.render.model import (
    Align,
    Block,
    Bullets,
    Cell,
    Contents,
    Heading,
    Paragraph,
    Section,
    Table,
)
from kormo.documents.render.tables import five_level_table
from kormo.domain.dates import month_name
from kormo.domain.numerals import format_number
from kormo.domain.plan import AreaKind, Party, Plan, PlanKind
from kormo.domain.scoring import PlanScore

# Annexes 4-8 in the order of the form (seed 000's contents; DOMAIN.md Scoring §4).
ANNEX_KINDS: tuple[PlanKind, ...] = (
    PlanKind.INTEGRITY,
    PlanKind.EGOV_INNOVATION,
    PlanKind.GRIEVANCE_REDRESS,
    PlanKind.CITIZENS_CHARTER,
    PlanKind.RIGHT_TO_INFORMATION,
)


def annex_title(n: int, title: str, lang: str) -> str:
    return f"{labels.label('annex', lang, n=format_number(n, lang))}: {title}"


def _cover(plan: Plan, lang: str) -> Section:
    period = period_text(plan.fiscal_year, lang)
    blocks: list[Block] = [Paragraph(labels.label("government", lang), bold=True,
                                     align=Align.CENTER, size=15, space_before=4)]
    if lang == "bn":
        blocks += [
            Paragraph(plan.office, bold=True, align=Align.CENTER, size=14, space_before=5),
            Paragraph(labels.label("and", lang), align=Align.CENTER, size=13, space_before=1),
            Paragraph(plan.supervisor + labels.label("signed_between_suffix", lang), bold=True,
                      align=Align.CENTER, size=14, space_before=1),
            Paragraph(labels.label("apa", lang), bold=True, align=Align.CENTER, size=24,
                      space_before=5),
        ]
    else:
        blocks += [
            Paragraph(labels.label("apa", lang), bold=True, align=Align.CENTER, size=24,
                      space_before=5),
            Paragraph(labels.label("between", lang), align=Align.CENTER, size=13,
                      space_before=2),
            Paragraph(plan.office, bold=True, align=Align.CENTER, size=14, space_before=1),
            Paragraph(labels.label("and", lang), align=Align.CENTER, size=13, space_before=1),
            Paragraph(plan.supervisor, bold=True, align=Align.CENTER, size=14,
                      space_before=1),
        ]
    blocks.append(Paragraph(period, bold=True, align=Align.CENTER, size=15, space_before=3))
    return Section(tuple(blocks), cover=True)


def _overview(plan: Plan, lang: str, who: str) -> Section:
    blocks: list[Block] = [Heading(labels.label("overview", lang, who=who))]
    ov = plan.overview
    blocks.append(Paragraph(labels.label("overview_sub", lang), bold=True))
    if ov is not None:
        for key, text in (("recent_achievements", ov.achievements),
                          ("challenges", ov.challenges), ("future_plans", ov.future_plans)):
            if text:
                blocks.append(Paragraph(labels.label(key, lang), bold=True, space_before=0.6))
                blocks.extend(Paragraph(part) for part in text.split("\n") if part.strip())
        if ov.expected_achievements:
            blocks.append(Paragraph(labels.label("expected_achievements", lang,
                                                 fy=fy_label(plan.fiscal_year, lang)),
                                    bold=True, space_before=0.6))
            blocks.append(Bullets(ov.expected_achievements))
    return Section(tuple(blocks))


def _party_text(party: Party) -> str:
    return ", ".join(p for p in (party.name, party.post, party.office) if p)


def _signing_when(plan: Plan, lang: str) -> str:
    dates = sorted(s.signed_on for s in plan.signatures if s.signed_on is not None)
    if not dates:
        blank = "......"
        year = fy_label(plan.fiscal_year, lang).split("-")[0]
        return labels.label("preamble_when", lang, year=year, month=blank, day=blank)
    d = dates[0]
    return labels.label("preamble_when", lang, year=format_number(d.year, lang, grouping=False),
                        month=month_name(d.month, lang), day=format_number(d.day, lang))


# "২০২২ সালের মাসের তারিখে": a signing date whose day and month the office left to be written
# by hand; text copies lose the paper form's dotted blanks, so they are printed again.
_UNFILLED_DATE = re.compile(r"(সালের)\s+(মাসের)\s+(তারিখে)")
_BLANK = "........"


def _with_blanks(line: str) -> str:
    """Room to write the date in by hand (issue 12, item 13)."""
    return _UNFILLED_DATE.sub(rf"\1 {_BLANK} \2 {_BLANK} \3", line)


def _preamble(plan: Plan, lang: str) -> Section:
    if plan.preamble:
        # The preamble as the office wrote it (its date may be left blank: seed 000), line by
        # line; the parties and "এবং" centred as the form prints them.
        lines = [x.strip() for x in plan.preamble.split("\n") if x.strip()]
        blocks: list[Block] = [Heading(labels.label("preamble", lang))]
        for k, line in enumerate(lines):
            middle = 0 < k < len(lines) - 1
            space = 0.5 if k == 0 else 1.0 if k in (1, len(lines) - 1) else 0.0
            blocks.append(Paragraph(_with_blanks(line),
                                    bold=middle and line != labels.label("and", lang),
                                    align=Align.CENTER if middle else Align.LEFT,
                                    space_before=space))
        return Section(tuple(blocks))
    parties = plan.preamble_parties
    first = _party_text(parties[0]) if parties else plan.office
    second = _party_text(parties[1]) if len(parties) > 1 else plan.supervisor
    when = _signing_when(plan, lang)
    blocks = [
        Heading(labels.label("preamble", lang)),
        Paragraph(labels.label("preamble_text", lang), space_before=0.5),
        Paragraph(first, bold=True, align=Align.CENTER, space_before=1),
        Paragraph(labels.label("and", lang), align=Align.CENTER),
    ]
    if lang == "bn":
        blocks.append(Paragraph(second + labels.label("preamble_signed", lang, when=when),
                                align=Align.CENTER))
    else:
        blocks.append(Paragraph(second, bold=True, align=Align.CENTER))
        blocks.append(Paragraph(labels.label("preamble_signed", lang, when=when),
                                align=Align.CENTER))
    blocks.append(Paragraph(labels.label("preamble_agree", lang), space_before=1))
    return Section(tuple(blocks))


def _numbers(count: int, lang: str) -> tuple[str, ...]:
    return tuple(f"{format_number(i, lang)}." for i in range(1, count + 1))


def _section1(plan: Plan, lang: str, who: str) -> Section:
    def sub(number: str, text: str) -> Heading:
        return Heading(f"{digits(number, lang)} {text}", level=2)

    office_areas = tuple(a.name for a in plan.areas if a.kind is AreaKind.OFFICE)
    governance = tuple(a.name for a in plan.areas if a.kind is AreaKind.GOVERNANCE)
    blocks: list[Block] = [
        Heading(f"{labels.label('section', lang, n=format_number(1, lang))}: "
                f"{labels.label('section1_title', lang, who=who)}"),
        sub("1.1", labels.label("vision", lang)),
        Paragraph(plan.vision),
        sub("1.2", labels.label("mission", lang)),
        Paragraph(plan.mission),
        sub("1.3", labels.label("areas", lang)),
        sub("1.3.1", labels.label("office_areas_of", lang, who=who)),
        Bullets(office_areas, numbered=True, numbers=_numbers(len(office_areas), lang)),
        sub("1.3.2", labels.label("governance_areas", lang)),
        Bullets(governance, numbered=True, numbers=_numbers(len(governance), lang)),
        sub("1.4", labels.label("functions", lang)),
        Bullets(plan.functions, numbered=True, numbers=_numbers(len(plan.functions), lang)),
    ]
    return Section(tuple(blocks))


def outcomes_table(plan: Plan, lang: str) -> Table:
    """Section 2: outcome/impact, indicator, unit, actuals, target, projections, who, source."""
    fy = plan.fiscal_year
    actual_years = years_of((o.actuals for o in plan.outcomes),
                            [fy_offset(fy, -2), fy_offset(fy, -1)])
    projection_years = years_of((o.projections for o in plan.outcomes),
                                [fy_offset(fy, 1), fy_offset(fy, 2)])
    provisional = {v.fiscal_year for o in plan.outcomes for v in o.actuals if v.provisional}
    head1: list[Cell] = [
        header_cell(labels.label("outcome", lang), rowspan=2),
        header_cell(labels.label("indicators", lang), rowspan=2),
        header_cell(labels.label("unit", lang), rowspan=2),
        *(header_cell(labels.label("actual", lang, fy=fy_label(y, lang))
                      + ("*" if y in provisional else ""), rowspan=2) for y in actual_years),
        header_cell(labels.label("target_fy", lang, fy=fy_label(fy, lang)), rowspan=2),
        header_cell(labels.label("projection", lang), colspan=len(projection_years)),
        header_cell(labels.label("joint_responsibility", lang), rowspan=2),
        header_cell(labels.label("data_source", lang), rowspan=2),
    ]
    head2 = tuple(header_cell(fy_label(y, lang)) for y in projection_years)
    widths = (2.4, 2.8, 0.9, *(1.1 for _ in actual_years), 1.1,
              *(1.1 for _ in projection_years), 2.6, 2.0)
    body: list[tuple[Cell, ...]] = []
    outcomes = plan.outcomes
    i = 0
    while i < len(outcomes):
        j = i
        while j + 1 < len(outcomes) and outcomes[j + 1].outcome == outcomes[i].outcome:
            j += 1
        for k in range(i, j + 1):
            o = outcomes[k]
            row: list[Cell] = []
            if k == i:
                row.append(text_cell(o.outcome, rowspan=j - i + 1))
            row.append(text_cell(o.indicator))
            row.append(text_cell(labels.unit_name(o.unit, lang, o.unit_label),
                                 align=Align.CENTER))
            for y in actual_years:
                yv = year_value(o.actuals, y)
                row.append(value_cell(yv.value if yv else None, lang))
            row.append(value_cell(o.target, lang))
            for y in projection_years:
                yv = year_value(o.projections, y)
                row.append(value_cell(yv.value if yv else None, lang))
            row.append(text_cell(o.joint_responsibility))
            row.append(text_cell(o.data_source))
            body.append(tuple(row))
        i = j + 1
    notes = (labels.label("provisional_note", lang),)
    return Table(sheet=labels.label("section", lang, n=format_number(2, lang)),
                 columns=widths, header=(tuple(head1), head2), body=tuple(body),
                 font_size=7.5, notes=notes)


def _commitments(plan: Plan, lang: str) -> Section:
    blocks: list[Block] = [Paragraph(c, space_before=1) for c in plan.commitments]
    signatures = plan_signatures(plan, lang, labels.label("signed", lang))
    if signatures is not None:
        blocks.append(signatures)
    return Section(tuple(blocks))


def _annex1(plan: Plan, lang: str) -> Table:
    head = (header_cell(labels.label("serial", lang)), header_cell(labels.label("acronym", lang)),
            header_cell(labels.label("meaning", lang)))
    body = tuple((text_cell(format_number(n, lang), align=Align.CENTER), text_cell(a.short),
                  text_cell(a.meaning))
                 for n, a in enumerate(plan.acronyms, start=1))
    return Table(sheet=labels.label("annex", lang, n=format_number(1, lang)),
                 columns=(1.0, 3.0, 5.0), header=(head,), body=body, font_size=9.0)


def _annex2(plan: Plan, lang: str) -> Table:
    head = (header_cell(labels.label("activity", lang)),
            header_cell(labels.label("indicators", lang)),
            header_cell(labels.label("implementing_unit", lang)),
            header_cell(labels.label("evidence", lang)))
    body: list[tuple[Cell, ...]] = []
    for area in plan.areas:
        if area.kind is not AreaKind.OFFICE:
            continue
        for activity in area.activities:
            for ind in activity.indicators:
                body.append((text_cell(numbered(activity.number, activity.name, lang)),
                             text_cell(numbered(ind.number, ind.name, lang)),
                             text_cell(ind.implementing_unit), text_cell(ind.evidence)))
    return Table(sheet=labels.label("annex", lang, n=format_number(2, lang)),
                 columns=(4.0, 3.0, 3.2, 3.2), header=(head,), body=tuple(body), font_size=8.0)


def _annex3(plan: Plan, lang: str) -> Table:
    head = (header_cell(labels.label("activity", lang)),
            header_cell(labels.label("indicator", lang)),
            header_cell(labels.label("related_offices", lang)),
            header_cell(labels.label("coordination", lang)))
    body: list[tuple[Cell, ...]] = []
    for area in plan.areas:
        for activity in area.activities:
            for ind in activity.indicators:
                dep = ind.dependency
                if dep is None:
                    continue
                # The annex names the activity and indicator in its own words (DOMAIN.md:
                # kept as written); the numbers tie the row to section 3.
                body.append((text_cell(numbered(activity.number,
                                                dep.activity_text or activity.name, lang)),
                             text_cell(numbered(ind.number, dep.indicator_text or ind.name,
                                                lang)),
                             text_cell(dep.offices),
                             text_cell(dep.strategy)))
    return Table(sheet=labels.label("annex", lang, n=format_number(3, lang)),
                 columns=(4.0, 3.6, 2.8, 3.0), header=(head,), body=tuple(body), font_size=8.0)


def annexed_plans(apa: Plan, plans: Sequence[Plan]) -> dict[PlanKind, Plan]:
    """The action plans of an APA in a plan file: those naming it as `parent`, else those of
    the same office and fiscal year (the first of each kind)."""
    found: dict[PlanKind, Plan] = {}
    for p in plans:
        if p.kind in ANNEX_KINDS and apa.id and p.parent == apa.id:
            found.setdefault(p.kind, p)
    for p in plans:
        if (p.kind in ANNEX_KINDS and not p.parent and p.office == apa.office
                and p.fiscal_year == apa.fiscal_year):
            found.setdefault(p.kind, p)
    return found


def apa_sections(plan: Plan, plans: Sequence[Plan], scores: Mapping[str, PlanScore],
                 lang: str) -> list[Section]:
    """The APA `plan`, with the action plans found in `plans` as annexes 4-8."""
    who = labels.office_noun(plan.office_tier, lang)
    sec = labels.label
    n = format_number
    sections = [
        _cover(plan, lang),
        Section((Contents(sec("contents", lang)),)),
        _overview(plan, lang, who),
        _preamble(plan, lang),
        _section1(plan, lang, who),
        Section((Heading(f"{sec('section', lang, n=n(2, lang))}: "
                         f"{sec('section2_title', lang, who=who)}"),
                 outcomes_table(plan, lang)), landscape=True),
        Section((Heading(f"{sec('section', lang, n=n(3, lang))}: "
                         f"{sec('section3_title', lang)}"),
                 five_level_table(plan, lang, apa=True,
                                  sheet=sec("section", lang, n=n(3, lang)))),
                landscape=True),
        _commitments(plan, lang),
        Section((Heading(annex_title(1, sec("annex1_title", lang), lang)),
                 _annex1(plan, lang))),
        Section((Heading(annex_title(2, sec("annex2_title", lang), lang)),
                 _annex2(plan, lang)), landscape=True),
        Section((Heading(annex_title(3, sec("annex3_title", lang), lang)),
                 _annex3(plan, lang)), landscape=True),
    ]
    annexes = annexed_plans(plan, plans)
    group_title = (f"{sec('annex', lang, n=f'{n(4, lang)}-{n(8, lang)}')}: "
                   f"{sec('annex4_8_title', lang)}")
    # Each action plan starts a page; missing ones are a heading and one line each.
    pending: list[Block] = [Heading(group_title)]
    for number, kind in enumerate(ANNEX_KINDS, start=4):
        pending.append(Heading(annex_title(number, labels.kind_name(kind, lang), lang), level=2))
        action_plan = annexes.get(kind)
        if action_plan is None:
            pending.append(Paragraph(sec("annex_missing", lang)))
            continue
        pending += action_plan_blocks(action_plan, scores.get(action_plan.id), lang,
                                      heading_level=3,
                                      sheet=sec("annex", lang, n=n(number, lang)))
        sections.append(Section(tuple(pending), landscape=True))
        pending = []
    if pending:
        sections.append(Section(tuple(pending), landscape=True))
    return sections
