"""The innovation team's work plan (seed 003) and the register of innovations (seed 004).

The work plan groups items by term (short, medium, long, other) with subject, plan (or a
list of actions), quantity with its unit ("৭০ টি দপ্তর") and period. The register lists
earlier innovations and digitised services: description, whether it works (or why not),
whether recipients get the expected result, the link and the date of the government order.
"""

from __future__ import annotations

import re

from kormo.documents.render import labels
from kormo.documents.render.action_plan import (
    notes_blocks,
    office_line,
    plan_header,
    plan_signatures,
)
from kormo.documents.render.common import (
    date_cell,
    digits,
    header_cell,
    number_cell,
    text_cell,
)
from kormo.documents.render.model import Align, Block, Cell, Section, Table
from kormo.domain.digits import normalize_text
from kormo.domain.numerals import format_number
from kormo.domain.plan import Plan, Quantity, WorkItem


def _quantity_cell(q: Quantity | None, lang: str) -> Cell:
    if q is None:
        return text_cell("", align=Align.CENTER)
    shown = q.text if lang == "bn" and q.text else None
    if q.value is None:
        return text_cell(shown or q.text, align=Align.CENTER)
    if shown is None:
        shown = f"{number_cell(q.value, lang).text} {q.unit_label}".strip()
        if q.expression:
            shown = f"{digits(q.expression, lang)} = {shown}"
    # The XLSX keeps a quantity as a number with its unit in the number format, spaced as
    # written ("৭০ টি দপ্তর", "১৩টি"), when that shows it as written (digits aside); otherwise
    # ("৬×২০=১২০ জন", "০৭ জন", "২৫টি (জেলা, উপজেলা, ইউনিয়ন)") as the text: a number would lose it.
    spaced = not q.text or bool(re.search(rf"\s{re.escape(q.unit_label)}\s*$", q.text))
    suffix = (" " if spaced and q.unit_label else "") + q.unit_label
    plain = format_number(q.value, "en", grouping=False) + suffix
    if q.expression or (q.text and normalize_text(q.text) != normalize_text(plain)):
        return text_cell(shown, align=Align.CENTER)
    return number_cell(q.value, lang, suffix=suffix, text=shown)


def _plan_text(item: WorkItem) -> str:
    lines = [item.plan] if item.plan else []
    lines += [f"• {a}" for a in item.actions]
    return "\n".join(lines)


def work_plan_table(plan: Plan, lang: str) -> Table:
    head = (
        header_cell(labels.label("work_plan_term", lang)),
        header_cell(labels.label("serial_short", lang)),
        header_cell(labels.label("subject", lang)),
        header_cell(labels.label("implementation_plan", lang)),
        header_cell(labels.label("quantity", lang)),
        header_cell(labels.label("implementation_period", lang)),
    )
    body: list[tuple[Cell, ...]] = []
    items = plan.work_items
    i = 0
    while i < len(items):
        j = i
        while j + 1 < len(items) and items[j + 1].term == items[i].term:
            j += 1
        for k in range(i, j + 1):
            item = items[k]
            row: list[Cell] = []
            if k == i:
                row.append(text_cell(labels.term_name(item.term, lang), rowspan=j - i + 1,
                                     bold=True))
            row += [
                text_cell(digits(item.number, lang), align=Align.CENTER),
                text_cell(item.subject),
                text_cell(_plan_text(item)),
                _quantity_cell(item.quantity, lang),
                text_cell(digits(item.period, lang) if lang == "bn" else item.period),
            ]
            body.append(tuple(row))
        i = j + 1
    return Table(sheet=labels.sheet_title(plan.kind, lang), columns=(1.3, 0.7, 2.4, 6.0, 1.6, 1.6),
                 header=(head,), body=tuple(body), font_size=8.0)


def _yes_no(flag: bool | None, yes: str, no: str, lang: str, reason: str = "") -> str:
    if flag is None:
        return reason
    text = labels.label(yes if flag else no, lang)
    return f"{text} — {reason}" if reason and not flag else text


def register_table(plan: Plan, lang: str) -> Table:
    head = (
        header_cell(labels.label("serial_short", lang)),
        header_cell(labels.label("register_name", lang)),
        header_cell(labels.label("register_description", lang)),
        header_cell(labels.label("register_working", lang)),
        header_cell(labels.label("register_result", lang)),
        header_cell(labels.label("register_link", lang)),
        header_cell(labels.label("register_order", lang)),
        header_cell(labels.label("remarks", lang)),
    )
    body = tuple(
        (
            text_cell(digits(e.number, lang), align=Align.CENTER),
            text_cell(e.name),
            text_cell(e.description),
            text_cell(_yes_no(e.working, "yes_working", "not_working", lang,
                              e.not_working_reason), align=Align.CENTER),
            text_cell(_yes_no(e.recipients_get_result, "yes_result", "no_result", lang),
                      align=Align.CENTER),
            text_cell(e.link),
            date_cell(e.order_date, lang),
            text_cell(e.remarks),
        )
        for e in plan.register
    )
    return Table(sheet=labels.sheet_title(plan.kind, lang),
                 columns=(0.6, 2.4, 5.2, 1.4, 1.3, 2.4, 1.3, 2.0), header=(head,), body=body,
                 font_size=7.5)


def innovation_sections(plan: Plan, lang: str) -> list[Section]:
    table = work_plan_table(plan, lang) if plan.work_items or not plan.register \
        else register_table(plan, lang)
    blocks: list[Block] = [*plan_header(plan, lang), office_line(plan, lang), table]
    blocks += notes_blocks(plan, lang)
    signatures = plan_signatures(plan, lang)
    if signatures is not None:
        blocks.append(signatures)
    return [Section(tuple(blocks), landscape=True)]
