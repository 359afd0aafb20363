"""An action plan as its own document, or as an annex (4-8) of the APA.

Plans with single annual targets split by quarter (integrity plans, seeds 001 and 002) are
printed in the quarterly monitoring form: a target row and an achievement row per activity,
with the total, the score obtained and remarks. Plans with five target levels (seed 001's
e-governance, grievance redress, citizen's charter and RTI plans) are printed in the
five-level form of the APA's section 3.
"""

from __future__ import annotations

from kormo.documents.render import labels
from kormo.documents.render.common import plan_heading
from kormo.documents.render.model import (
    Align,
    Block,
    Heading,
    Paragraph,
    Section,
    SignatureBlock,
    Signatures,
)
from kormo.documents.render.tables import (
    action_plan_five_level_table,
    has_quarterly_targets,
    quarterly_table,
)
from kormo.domain.dates import format_date
from kormo.domain.plan import Plan
from kormo.domain.scoring import PlanScore


def plan_header(plan: Plan, lang: str, *, heading_level: int = 1) -> list[Block]:
    """The plan's title and, under it, its subtitle: part of the form's header, as the forms
    print it ("মাঠ (জেলা) পর্যায়ের অফিসের জন্য"; issue 12, item 11), never a note. The subtitle
    is the plan's own words, printed in either language like the rest of its text."""
    blocks: list[Block] = [Heading(plan_heading(plan, lang), level=heading_level,
                                   outlined=heading_level == 1)]
    if plan.subtitle:
        blocks.append(Paragraph(plan.subtitle, bold=True, align=Align.CENTER))
    return blocks


def office_line(plan: Plan, lang: str) -> Paragraph:
    return Paragraph(f"{labels.label('office_name', lang)}: {plan.office}", bold=True)


def plan_signatures(plan: Plan, lang: str, title: str = "") -> Signatures | None:
    """Signature blocks: name, post, office and the date signed. A plan without a signatory
    still gets an empty place to sign (the forms always have one)."""
    if not plan.signatures:
        return Signatures(title=title, blocks=(SignatureBlock((), labels.label("date", lang),
                                                              ""),))
    blocks = []
    for sig in plan.signatures:
        party = sig.party
        lines = tuple(x for x in (party.name, party.post, party.office) if x)
        when = format_date(sig.signed_on, lang) if sig.signed_on else ""
        blocks.append(SignatureBlock(lines, labels.label("date", lang), when))
    return Signatures(title=title, blocks=tuple(blocks))


def notes_blocks(plan: Plan, lang: str) -> list[Block]:
    if not plan.notes:
        return []
    return [Paragraph(labels.label("notes", lang), bold=True, space_before=0.6),
            *(Paragraph(note, size=8.5) for note in plan.notes)]


def action_plan_blocks(plan: Plan, score: PlanScore | None, lang: str, *,
                       heading_level: int = 1, sheet: str | None = None) -> list[Block]:
    """The heading (title and subtitle), office, table, notes and signatures of one action
    plan."""
    sheet = sheet or labels.sheet_title(plan.kind, lang)
    blocks: list[Block] = [*plan_header(plan, lang, heading_level=heading_level),
                           office_line(plan, lang)]
    if has_quarterly_targets(plan):
        blocks.append(quarterly_table(plan, score, lang, sheet=sheet))
    else:
        blocks.append(action_plan_five_level_table(plan, lang, sheet=sheet))
    blocks += notes_blocks(plan, lang)
    signatures = plan_signatures(plan, lang)
    if signatures is not None:
        blocks.append(signatures)
    return blocks


def action_plan_sections(plan: Plan, score: PlanScore | None, lang: str) -> list[Section]:
    return [Section(tuple(action_plan_blocks(plan, score, lang)), landscape=True)]
