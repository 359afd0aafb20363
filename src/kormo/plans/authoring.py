"""Writing plans: one service per thing a focal point does in the editor (STYLE.md, services).

- `plan_create_from_template`: this year's plan from the year's template (this year's plan
  from last year's is `kormo.progress.carry_forward.plan_carry_forward`: it reads results);
- `plan_save_table`: the edited section-3 / action-plan table;
- `plan_save_sections`: everything else (title, subtitle and supervisor, overview, preamble,
  section 1-2, annexes 1-3, commitments, work-plan items, register entries, notes; never
  signatures, which only `kormo.agreements.services.plan_sign` writes).

Each runs in one transaction and keeps the change in the plan's history
(`kormo.audit.services`): an edit as the cells it changed, each with its value before and
after ("[1.1.1] weight": 4 → 5); a new plan as where it came from. The saves first claim the
plan's `lock_version` with one conditional UPDATE: a plan that someone else saved since the page
was loaded, or that is no longer a draft, is refused with a bilingual message and nothing is
written (optimistic locking, as the model's comment on `lock_version` says). Bad cells raise
`SheetError` naming each cell; the claim is rolled back with everything else.

A save reads only the parts of the plan it edits (`convert.plans_to_domain(..., parts)`) and
writes only the rows that changed (`convert.plan_replace_content`): areas, activities and
indicators keep their ids, so history, progress and evidence that point at them stay valid, and
a one-cell edit costs a small constant number of queries whatever the plan's size (pinned in
tests/plans/test_edit_in_place.py). The conversion code stays the only code that knows the
tables' columns.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Mapping, Sequence
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from kormo.audit.services import record_change, record_plan_edit
from kormo.domain import plan as d
from kormo.domain.agreement import EDITABLE_STATES
from kormo.domain.calendar import FiscalYear
from kormo.domain.cells import CellProblem, SheetError
from kormo.domain.digits import normalize_text, to_bengali_digits
from kormo.domain.errors import CodedError, InputError
from kormo.domain.numerals import parse_number
from kormo.offices.models import Office
from kormo.plans import models as m
from kormo.plans.convert import (
    LoadedPlan,
    plan_replace_content,
    plan_save_from_domain,
    plan_to_domain,
    plans_to_domain,
)
from kormo.plans.sheet import CellReader, Columns, YearColumn, default_columns, sheet_parse
from kormo.plans.uniqueness import lock_office, numbers_once, one_current_plan

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


class AuthoringErrorCode(StrEnum):
    PLAN_EXISTS = "PLAN_EXISTS"
    NOT_A_TEMPLATE = "NOT_A_TEMPLATE"
    TEMPLATE_OTHER_YEAR = "TEMPLATE_OTHER_YEAR"
    TEMPLATE_OTHER_TIER = "TEMPLATE_OTHER_TIER"
    TEMPLATE_NOT_ABOVE = "TEMPLATE_NOT_ABOVE"
    PREVIOUS_OTHER_OFFICE = "PREVIOUS_OTHER_OFFICE"
    PREVIOUS_NOT_YEAR_BEFORE = "PREVIOUS_NOT_YEAR_BEFORE"
    UNKNOWN_PARTS = "UNKNOWN_PARTS"
    LOCK_CONFLICT = "LOCK_CONFLICT"
    NOT_EDITABLE = "NOT_EDITABLE"


class AuthoringError(CodedError):
    """A refused authoring action; nothing was changed."""

    MESSAGES: ClassVar[Mapping[Enum, tuple[str, str]]] = {
        AuthoringErrorCode.PLAN_EXISTS: (
            "এই অফিসের এই অর্থবছরের এই ধরনের পরিকল্পনা আগেই আছে।",
            "This office already has a plan of this kind for this fiscal year."),
        AuthoringErrorCode.NOT_A_TEMPLATE: ("এটি কোনো টেমপ্লেট নয়।", "This is not a template."),
        AuthoringErrorCode.TEMPLATE_OTHER_YEAR: (
            "টেমপ্লেটটি অন্য অর্থবছরের।", "The template belongs to another fiscal year."),
        AuthoringErrorCode.TEMPLATE_OTHER_TIER: (
            "টেমপ্লেটটি অন্য স্তরের অফিসের জন্য।", "The template is for another tier of office."),
        AuthoringErrorCode.TEMPLATE_NOT_ABOVE: (
            "টেমপ্লেটটি এই অফিসের ঊর্ধ্বতন অফিসের নয়।",
            "The template does not come from an office above this one."),
        AuthoringErrorCode.PREVIOUS_OTHER_OFFICE: (
            "আগের পরিকল্পনাটি এই অফিসের নয়।", "The previous plan is not this office's."),
        AuthoringErrorCode.PREVIOUS_NOT_YEAR_BEFORE: (
            "আগের পরিকল্পনাটি আগের অর্থবছরের হতে হবে।",
            "The previous plan must be of the fiscal year before."),
        AuthoringErrorCode.UNKNOWN_PARTS: ("অজানা অংশ: {parts}", "unknown parts: {parts}"),
        AuthoringErrorCode.LOCK_CONFLICT: (
            "অন্য কেউ এই পরিকল্পনাটি এর মধ্যে সংরক্ষণ করেছেন; আপনার লেখা সংরক্ষণ হয়নি। "
            "আপনার লেখা কপি করে রাখুন এবং পাতাটি আবার লোড করুন।",
            "Someone else saved this plan in the meantime; your changes were not saved. "
            "Copy what you typed and reload the page."),
        AuthoringErrorCode.NOT_EDITABLE: (
            "শুধু খসড়া বা ফেরত পাঠানো পরিকল্পনা সম্পাদনা করা যায়।",
            "Only a draft or a returned plan can be edited."),
    }


class LockConflict(AuthoringError):
    def __init__(self) -> None:
        super().__init__(AuthoringErrorCode.LOCK_CONFLICT)


class PlanNotEditable(AuthoringError):
    def __init__(self) -> None:
        super().__init__(AuthoringErrorCode.NOT_EDITABLE)


# ---------------------------------------------------------------- helpers


def _claim(plan: m.Plan, expected_lock_version: int, actor: AbstractBaseUser | None) -> None:
    """Take the next lock version, or refuse: stale version → LockConflict, not a draft →
    PlanNotEditable. Inside the caller's transaction, so a later failure releases it."""
    claimed = m.Plan.objects.filter(
        pk=plan.pk, lock_version=expected_lock_version, state__in=EDITABLE_STATES
    ).update(lock_version=F("lock_version") + 1, updated_by=actor, updated_at=timezone.now())
    if claimed:
        return
    state = m.Plan.objects.filter(pk=plan.pk).values_list("state", flat=True).first()
    if state not in EDITABLE_STATES:
        raise PlanNotEditable()
    raise LockConflict()


def _read(plan: m.Plan, parts: Sequence[str]) -> LoadedPlan:
    """The plan's `parts` as the domain object, with the rows they were read from."""
    return plans_to_domain(m.Plan.objects.filter(pk=plan.pk), parts, keep_rows=True)[plan.pk]


def _write(plan: m.Plan, loaded: LoadedPlan, edited: d.Plan) -> None:
    """Write the edit in place and bring the caller's `plan` up to date (no query: the row
    read after the claim holds the new version)."""
    assert loaded.rows is not None
    plan_replace_content(loaded.row, edited, loaded.rows)
    for f in m.Plan._meta.concrete_fields:
        setattr(plan, f.attname, getattr(loaded.row, f.attname))


def _new_plan(*, office: Office, plan: d.Plan, actor: AbstractBaseUser | None) -> m.Plan:
    row = plan_save_from_domain(plan=plan, office=office)
    m.Plan.objects.filter(pk=row.pk).update(created_by=actor, updated_by=actor)
    row.refresh_from_db()
    return row


def _plan_id(office: Office, kind: d.PlanKind, fiscal_year: str) -> str:
    return f"{office.code}-{kind.value}-{fiscal_year}"


def _refuse_duplicate(office: Office, kind: d.PlanKind, fiscal_year: str) -> None:
    # Two requests at once (a double click) wait for each other here: the office row is
    # locked until the transaction ends (PostgreSQL; SQLite's writers already queue).
    lock_office(office)
    exists = m.Plan.objects.filter(office=office, kind=kind.value, fiscal_year=fiscal_year,
                                   is_template=False, is_current=True).exists()
    if exists:
        raise AuthoringError(AuthoringErrorCode.PLAN_EXISTS)


def _fiscal_year(text: str) -> FiscalYear:
    return FiscalYear.parse(text)  # raises FiscalYearError (an InputError) in both languages


def _for_office(plan: d.Plan, office: Office, fiscal_year: str) -> d.Plan:
    """`plan` re-addressed to `office` and `fiscal_year`, as a fresh draft (no progress,
    no signatures' dates, no source notes of someone else's document)."""
    kind = d.PlanKind(plan.kind)
    return dataclasses.replace(
        plan,
        id=_plan_id(office, kind, fiscal_year),
        fiscal_year=fiscal_year,
        office=office.name,
        office_tier=d.Tier(office.tier) if office.tier else None,
        supervisor=office.parent.name if office.parent_id and office.parent else plan.supervisor,
        parent="",
        signatures=tuple(dataclasses.replace(s, signed_on=None) for s in plan.signatures),
        progress=(),
        source_notes=(),
    )


# ---------------------------------------------------------------- creating


@one_current_plan
@transaction.atomic
def plan_create_from_template(
    *, office: Office, template: m.Plan, fiscal_year: str, actor: AbstractBaseUser | None
) -> m.Plan:
    """A new draft for `office` and `fiscal_year`, copied from the year's `template`.

    Refused (nothing created): not a template; a template of another year; a template for
    another tier; an office outside the template office's tree; a plan of that kind exists.
    Activities that do not apply to the office's tier are kept with their note, so the
    document still shows them and scoring leaves them out (DOMAIN.md, "Structure rules").
    """
    fy = str(_fiscal_year(fiscal_year))
    if not template.is_template:
        raise AuthoringError(AuthoringErrorCode.NOT_A_TEMPLATE)
    if template.fiscal_year != fy:
        raise AuthoringError(AuthoringErrorCode.TEMPLATE_OTHER_YEAR)
    if template.template_tier and template.template_tier != office.tier:
        raise AuthoringError(AuthoringErrorCode.TEMPLATE_OTHER_TIER)
    if not office.path.startswith(template.office.path):
        raise AuthoringError(AuthoringErrorCode.TEMPLATE_NOT_ABOVE)
    kind = d.PlanKind(template.kind)
    _refuse_duplicate(office, kind, fy)
    source = plan_to_domain(template.pk)
    plan = _for_office(source, office, fy)
    row = _new_plan(office=office, plan=plan, actor=actor)
    record_change(actor=actor, action="plan.create_from_template", obj=row, plan=row,
                  before=None, after={
                      "template": template.pk, "template_id": template.external_id,
                      "template_tier": template.template_tier, "kind": kind.value,
                      "fiscal_year": fy, "indicators": len(plan.indicators)},
                  label=template.external_id or str(template.pk))
    return row


# ---------------------------------------------------------------- the table


@numbers_once
@transaction.atomic
def plan_save_table(
    *,
    plan: m.Plan,
    rows: Sequence[Mapping[str, str]],
    expected_lock_version: int,
    actor: AbstractBaseUser | None,
    columns: Columns | None = None,
    total_weight: str | None = None,
) -> m.Plan:
    """Replace the plan's areas, activities and indicators by the edited table.

    `rows` are the grid's rows of cell texts as typed (`kormo.plans.sheet.ROW_FIELDS`);
    `columns` the year columns (default: the plan's own); `total_weight` the plan's total
    as typed (None: unchanged). Raises LockConflict, PlanNotEditable or SheetError; on any of
    them nothing is written.
    """
    _claim(plan, expected_lock_version, actor)
    loaded = _read(plan, ("areas",))
    current = loaded.domain
    cols = columns if columns is not None else default_columns(current)
    areas, problems = sheet_parse(rows, cols, current.fiscal_year, current.indicator_refs())
    weight = current.total_weight
    if total_weight is not None:
        weight = None
        if normalize_text(total_weight):
            try:
                weight = parse_number(total_weight)
            except InputError as exc:
                problems.append(CellProblem(-1, "total_weight", exc.bn, exc.en))
    if problems:
        raise SheetError(problems)
    edited = dataclasses.replace(current, areas=areas, total_weight=weight)
    _write(plan, loaded, edited)
    record_plan_edit(actor=actor, action="plan.edit_table", plan=plan, before=current,
                     after=edited)
    return plan


# ---------------------------------------------------------------- the other parts

SECTION_NAMES = ("general", "overview", "preamble", "section1", "outcomes", "acronyms",
                 "annex2", "annex3", "commitments", "work_items", "register", "notes")
# Not "signatures": a version is signed only through `kormo.agreements.services.plan_sign`.
# The stored parts (`convert.PARTS`) each section is read from and written to; "general" and
# the single texts (vision, preamble...) are columns of the plan row itself.
_SECTION_PARTS = {"general": (), "overview": ("texts",), "preamble": ("parties",),
                  "section1": ("texts",), "outcomes": ("outcomes",), "acronyms": ("acronyms",),
                  "annex2": ("areas",), "annex3": ("areas",), "commitments": ("texts",),
                  "work_items": ("work_items",),
                  "register": ("register",), "notes": ("texts",)}


def _lines(text: str) -> tuple[str, ...]:
    """One item per line, blank lines dropped (lists of functions, commitments, notes)."""
    return tuple(line.strip() for line in str(text).splitlines() if line.strip())


def _text(data: Mapping[str, Any], key: str) -> str:
    return str(data.get(key, "") or "").strip()


def _yes_no(text: str) -> bool | None:
    return {"yes": True, "no": False}.get(text.strip())


def _rows(value: Any) -> list[Mapping[str, str]]:
    return [r for r in (value or []) if any(str(v).strip() for v in r.values())]


# The subtitle is one line under the title ("মাঠ (জেলা) পর্যায়ের অফিসের জন্য"): the forms'
# own run to some 60 letters; 300 leaves room for a long one and still prints on one or two
# centred lines of an A4 header.
SUBTITLE_MAX_LENGTH = 300


def _one_line(text: Any) -> str:
    return unicodedata.normalize("NFC", " ".join(str(text or "").split()))


def _subtitle(p: CellReader, current: d.Plan, typed: str) -> str:
    """The subtitle as typed, on one line (it prints as one centred line; the importer joins
    lines the same way). Refused when longer than SUBTITLE_MAX_LENGTH; a stored subtitle left
    as it was (an imported one may be longer) is not the person's input and is kept."""
    text = _one_line(typed)
    if len(text) > SUBTITLE_MAX_LENGTH and text != _one_line(current.subtitle):
        n, most = str(len(text)), str(SUBTITLE_MAX_LENGTH)
        p.problem(-1, "subtitle",
                  f"উপশিরোনামটি অনেক লম্বা ({to_bengali_digits(n)} অক্ষর); সর্বোচ্চ "
                  f"{to_bengali_digits(most)} অক্ষর লেখা যায়। কিছুই সংরক্ষণ হয়নি।",
                  f"The subtitle is too long ({n} characters); at most {most} are allowed. "
                  "Nothing was saved.")
    return text


def _parse_sections(current: d.Plan, sections: Mapping[str, Any],
                    columns: Columns) -> tuple[dict[str, Any], list[CellProblem]]:
    p = CellReader(current.fiscal_year)
    out: dict[str, Any] = {}
    if "general" in sections:
        g = sections["general"]
        out["title"] = _text(g, "title")
        out["subtitle"] = _subtitle(p, current, g.get("subtitle", ""))
        out["supervisor"] = _text(g, "supervisor")
    if "overview" in sections:
        o = sections["overview"]
        overview = d.Overview(
            achievements=_text(o, "achievements"), challenges=_text(o, "challenges"),
            future_plans=_text(o, "future_plans"),
            expected_achievements=_lines(o.get("expected_achievements", "")),
        )
        out["overview"] = None if overview == d.Overview() else overview
    if "preamble" in sections:
        pre = sections["preamble"]
        out["preamble"] = _text(pre, "text")
        out["preamble_parties"] = tuple(
            d.Party(post=_text(r, "post"), office=_text(r, "office"), name=_text(r, "name"))
            for r in _rows(pre.get("parties")))
    if "section1" in sections:
        s1 = sections["section1"]
        out["vision"] = _text(s1, "vision")
        out["mission"] = _text(s1, "mission")
        out["functions"] = _lines(s1.get("functions", ""))
    if "outcomes" in sections:
        outcomes = []
        for i, r in enumerate(_rows(sections["outcomes"])):
            unit = p.choice(i, "outcomes.unit", _text(r, "unit"), d.Unit, d.Unit.PERCENT)
            assert unit is not None
            outcomes.append(d.Outcome(
                outcome=_text(r, "outcome"), indicator=_text(r, "indicator"), unit=unit,
                unit_label=_text(r, "unit_label"),
                actuals=tuple(
                    d.YearValue(c.fiscal_year, p.cell(i, f"outcomes.actual_{k}",
                                                      _text(r, f"actual_{k}"), unit),
                                c.provisional)
                    for k, c in enumerate(columns.actuals)),
                target=p.cell(i, "outcomes.target", _text(r, "target"), unit),
                projections=tuple(
                    d.YearValue(c.fiscal_year, p.cell(i, f"outcomes.projection_{k}",
                                                      _text(r, f"projection_{k}"), unit),
                                c.provisional)
                    for k, c in enumerate(columns.projections)),
                joint_responsibility=_text(r, "joint_responsibility"),
                data_source=_text(r, "data_source"),
            ))
        out["outcomes"] = tuple(outcomes)
    if "acronyms" in sections:
        out["acronyms"] = tuple(d.Acronym(short=_text(r, "short"), meaning=_text(r, "meaning"))
                                for r in _rows(sections["acronyms"]))
    if "commitments" in sections:
        out["commitments"] = _lines(sections["commitments"])
    if "notes" in sections:
        out["notes"] = _lines(sections["notes"])
    if "work_items" in sections:
        items = []
        for i, r in enumerate(_rows(sections["work_items"])):
            term, number = _text(r, "term") or "other", _text(r, "number")
            quantity = p.quantity(i, "work_items.quantity", _text(r, "quantity"),
                                  _text(r, "quantity_value"), _text(r, "quantity_unit"),
                                  _text(r, "quantity_expression"))
            items.append(d.WorkItem(
                term=term, number=number, subject=_text(r, "subject"), plan=_text(r, "plan"),
                actions=_lines(r.get("actions", "")), quantity=quantity,
                period=_text(r, "period"),
                period_start=p.date(i, "work_items.period_start", _text(r, "period_start")),
                period_end=p.date(i, "work_items.period_end", _text(r, "period_end")),
            ))
        out["work_items"] = tuple(items)
    if "register" in sections:
        out["register"] = tuple(
            d.RegisterEntry(
                number=_text(r, "number"), name=_text(r, "name"),
                description=_text(r, "description"), working=_yes_no(_text(r, "working")),
                not_working_reason=_text(r, "not_working_reason"),
                recipients_get_result=_yes_no(_text(r, "recipients_get_result")),
                link=_text(r, "link"),
                order_date=p.date(i, "register.order_date", _text(r, "order_date")),
                remarks=_text(r, "remarks"),
            )
            for i, r in enumerate(_rows(sections["register"])))
    if "annex2" in sections or "annex3" in sections:
        out["areas"] = _annexes(current, sections.get("annex2"), sections.get("annex3"))
    return out, p.problems


def _annexes(current: d.Plan, annex2: Mapping[str, Mapping[str, str]] | None,
             annex3: Mapping[str, Mapping[str, str]] | None) -> tuple[d.Area, ...]:
    """Annex 2 (implementing unit, evidence) and annex 3 (dependencies) by indicator ref."""

    def edit(area: d.Area, ind: d.Indicator) -> d.Indicator:
        ref = d.indicator_ref(area, ind)
        changes: dict[str, Any] = {}
        if annex2 is not None and ref in annex2:
            changes["implementing_unit"] = _text(annex2[ref], "implementing_unit")
            changes["evidence"] = _text(annex2[ref], "evidence")
        if annex3 is not None and ref in annex3:
            a = annex3[ref]
            dep = d.Dependency(offices=_text(a, "offices"), strategy=_text(a, "strategy"),
                               activity_text=_text(a, "activity_text"),
                               indicator_text=_text(a, "indicator_text"))
            changes["dependency"] = None if dep == d.Dependency("", "") else dep
        return dataclasses.replace(ind, **changes)

    return tuple(
        dataclasses.replace(area, activities=tuple(
            dataclasses.replace(act, indicators=tuple(edit(area, i) for i in act.indicators))
            for act in area.activities))
        for area in current.areas
    )


def outcome_columns(plan: d.Plan) -> Columns:
    """The year columns of section 2: those its outcomes use, else the APA's usual four."""
    years_a: dict[str, bool] = {}
    years_p: dict[str, bool] = {}
    for o in plan.outcomes:
        for yv in o.actuals:
            years_a[yv.fiscal_year] = years_a.get(yv.fiscal_year, False) or yv.provisional
        for yv in o.projections:
            years_p[yv.fiscal_year] = years_p.get(yv.fiscal_year, False) or yv.provisional
    if years_a or years_p:
        return Columns(tuple(YearColumn(y, v) for y, v in years_a.items()),
                       tuple(YearColumn(y, v) for y, v in years_p.items()))
    return default_columns(dataclasses.replace(plan, kind=d.PlanKind.APA, areas=()))


@transaction.atomic
def plan_save_sections(
    *,
    plan: m.Plan,
    sections: Mapping[str, Any],
    expected_lock_version: int,
    actor: AbstractBaseUser | None,
) -> m.Plan:
    """Replace the named parts of the plan (`SECTION_NAMES`); parts not named are kept.

    Values are as typed: texts, one-item-per-line texts for lists, lists of row dicts for
    tables (preamble parties, outcomes, acronyms, work items, register entries)
    and dicts by indicator reference for annexes 2 and 3. Dates and values accept Bengali or
    Latin digits. Raises LockConflict, PlanNotEditable or SheetError; nothing is written then.
    """
    unknown = set(sections) - set(SECTION_NAMES)
    if unknown:
        raise AuthoringError(AuthoringErrorCode.UNKNOWN_PARTS, parts=", ".join(sorted(unknown)))
    _claim(plan, expected_lock_version, actor)
    loaded = _read(plan, sorted({p for name in sections for p in _SECTION_PARTS[name]}))
    current = loaded.domain
    changes, problems = _parse_sections(current, sections, outcome_columns(current))
    if problems:
        raise SheetError(problems)
    edited = dataclasses.replace(current, **changes)
    _write(plan, loaded, edited)
    record_plan_edit(actor=actor, action="plan.edit_sections", plan=plan, before=current,
                     after=edited)
    return plan

