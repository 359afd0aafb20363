"""Which document to make from a set of plans, and the document model for it.

`build_document` is the one entry point of the layouts: it picks the plans (one by id, the
APA with its action plans, or every plan of the file), scores them with
`kormo.domain.scoring.score_plans` (so governance indicators take their action plans'
scores), and returns a `Document` that any writer (PDF, DOCX, XLSX) can render.

Document kinds: `apa` — the whole APA with annexes 4-8; `plan` — each plan in its own form;
`progress` — the quarterly progress report; `evaluation` — the year-end evaluation; `auto` —
the APA when the file has one, else every plan in its own form.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from kormo.documents.render import labels
from kormo.documents.render.action_plan import action_plan_sections
from kormo.documents.render.apa import annexed_plans, apa_sections
from kormo.documents.render.common import fy_label, plan_heading
from kormo.documents.render.innovation import innovation_sections
from kormo.documents.render.model import Document, Section
from kormo.documents.render.reports import evaluation_sections, progress_sections
from kormo.domain.calendar import quarter_label
from kormo.domain.errors import InputError
from kormo.domain.plan import ACTION_PLAN_KINDS, Plan, PlanKind, Quarter
from kormo.domain.rules import RuleSet
from kormo.domain.scoring import QUARTERS, PlanScore, score_plans


class DocumentKind(StrEnum):
    AUTO = "auto"
    APA = "apa"
    PLAN = "plan"
    PROGRESS = "progress"
    EVALUATION = "evaluation"


def _scores(plans: Sequence[Plan], rules: RuleSet | None,
            through: Quarter | None) -> dict[str, PlanScore]:
    scorable = [p for p in plans if p.areas]
    return {s.plan_id: s for s in score_plans(scorable, rules, through=through)}


def find_plan(plans: Sequence[Plan], plan_id: str) -> Plan:
    for p in plans:
        if p.id == plan_id:
            return p
    known = ", ".join(p.id for p in plans if p.id)
    raise InputError(f"“{plan_id}” নামে কোনো পরিকল্পনা ফাইলে নেই (আছে: {known})",
                     f"no plan “{plan_id}” in the file (it holds: {known})", plan_id)


def _first_apa(plans: Sequence[Plan]) -> Plan | None:
    return next((p for p in plans if p.kind is PlanKind.APA), None)


def _top_level(plans: Sequence[Plan]) -> list[Plan]:
    """The plans that are not an annex of an APA in the same file."""
    annexed: set[int] = set()
    for p in plans:
        if p.kind is PlanKind.APA:
            annexed.update(id(a) for a in annexed_plans(p, plans).values())
    return [p for p in plans if id(p) not in annexed]


def _report_targets(plans: Sequence[Plan], plan_id: str | None) -> list[Plan]:
    """Plans a progress or evaluation report covers: the one asked for; else the APA and its
    action plans; else every plan with indicators."""
    if plan_id:
        targets = [find_plan(plans, plan_id)]
    else:
        apa = _first_apa(plans)
        if apa is not None:
            annexes = annexed_plans(apa, plans)
            targets = [apa, *(annexes[k] for k in sorted(annexes, key=list(PlanKind).index))]
        else:
            targets = list(plans)
    targets = [p for p in targets if p.areas]
    if not targets:
        raise InputError("প্রতিবেদনের জন্য কোনো সূচকসহ পরিকল্পনা নেই",
                         "no plan with indicators to report on", plan_id or "")
    return targets


def latest_quarter(plans: Sequence[Plan]) -> Quarter:
    """The last quarter for which any of the plans has progress (Q1 when none has)."""
    reported = {pv.quarter for p in plans for pv in p.progress}
    return max(reported, key=QUARTERS.index) if reported else Quarter.Q1


def _plan_sections(plan: Plan, plans: Sequence[Plan], scores: dict[str, PlanScore],
                   lang: str) -> list[Section]:
    if plan.kind is PlanKind.APA:
        return apa_sections(plan, plans, scores, lang)
    if plan.kind in ACTION_PLAN_KINDS:
        return action_plan_sections(plan, scores.get(plan.id), lang)
    return innovation_sections(plan, lang)


def _title(plans: Sequence[Plan], lang: str, suffix: str = "") -> str:
    first = plans[0]
    if first.kind is PlanKind.APA:
        base = f"{labels.kind_name(first.kind, lang)} {fy_label(first.fiscal_year, lang)}"
    else:
        base = plan_heading(first, lang)
    return f"{base}{suffix}"


def build_document(
    plans: Sequence[Plan],
    kind: DocumentKind | str = DocumentKind.AUTO,
    *,
    lang: str = "bn",
    plan_id: str | None = None,
    quarter: Quarter | str | None = None,
    rules: RuleSet | None = None,
) -> Document:
    """The document `kind` for `plans` (the plans of one file) in `lang` ("bn" or "en")."""
    labels.check_lang(lang)
    kind = DocumentKind(kind)
    if not plans:
        raise InputError("ফাইলে কোনো পরিকল্পনা নেই", "the file holds no plan")
    chosen = find_plan(plans, plan_id) if plan_id else None

    if kind is DocumentKind.AUTO:
        if chosen is not None:
            kind = DocumentKind.APA if chosen.kind is PlanKind.APA else DocumentKind.PLAN
        else:
            kind = DocumentKind.APA if _first_apa(plans) is not None else DocumentKind.PLAN

    if kind in (DocumentKind.PROGRESS, DocumentKind.EVALUATION):
        targets = _report_targets(plans, plan_id)
        if kind is DocumentKind.PROGRESS:
            q = Quarter(quarter) if quarter else latest_quarter(targets)
            scores = _scores(plans, rules, q)
            sections = progress_sections(targets, scores, q, lang)
            suffix = f" — {labels.label('progress_title', lang, quarter=quarter_label(q, lang))}"
            stem = f"{targets[0].id or 'plan'}-progress-{q.value.lower()}"
        else:
            scores = _scores(plans, rules, None)
            sections = evaluation_sections(targets, scores, lang)
            suffix = f" — {labels.label('evaluation_title', lang, fy='').strip()}"
            stem = f"{targets[0].id or 'plan'}-evaluation"
        return Document(title=_title(targets, lang, suffix), lang=lang,
                        sections=tuple(sections), subject=targets[0].office,
                        file_stem=f"{stem}-{lang}")

    scores = _scores(plans, rules, None)
    if kind is DocumentKind.APA:
        apa = chosen if chosen is not None else _first_apa(plans)
        if apa is None or apa.kind is not PlanKind.APA:
            raise InputError("ফাইলে কোনো বার্ষিক কর্মসম্পাদন চুক্তি (এপিএ) নেই",
                             "the file holds no APA", plan_id or "")
        targets = [apa]
    else:
        targets = [chosen] if chosen is not None else _top_level(plans)
    sections = [s for p in targets for s in _plan_sections(p, plans, scores, lang)]
    stem = targets[0].id or "plan"
    return Document(title=_title(targets, lang), lang=lang, sections=tuple(sections),
                    subject=targets[0].office, file_stem=f"{stem}-{lang}")
