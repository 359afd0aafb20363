"""Setting up a fiscal year: open it, set its deadlines, keep its templates (one service each).

Templates are data, not code (issue "Setting up a year"): each is a `plans.Plan` with
`is_template=True`, owned by the administrator's office and meant for one tier of office
below it (the mandatory governance area of the APA; the five action plans). They are written
in the same editor as any plan, imported from and exported to the plan format
(`kormo.domain.planformat`), and copied by `plans.authoring.plan_create_from_template`.
Deadlines per event and tier are rows of `Deadline` (DOMAIN.md "Calendar seen": data per year);
`deadline_for` finds the one that applies to an office's tier.

Every change is kept in the history (`kormo.audit.services.record_change`) in the same
transaction: a year opened, the deadlines that changed (before and after, per event and tier),
a template created or replaced (the cells that changed, as for a plan's edit).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from django.db import transaction

from kormo.audit.services import plan_changes, record_change
from kormo.domain import plan as d
from kormo.domain.calendar import FiscalYear
from kormo.domain.dates import parse_date
from kormo.domain.errors import InputError
from kormo.domain.numerals import normalize_text
from kormo.domain.planformat import dumps, loads
from kormo.offices.models import Office
from kormo.plans import models as pm
from kormo.plans.convert import plan_save_from_domain, plan_to_domain
from kormo.plans.sheet import CellProblem, SheetError
from kormo.years.models import Deadline, Event, FiscalYearSetup

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

T = TypeVar("T")
MAX_TEMPLATE_FILE_BYTES = 5 * 1024 * 1024


class YearError(InputError):
    """A refused setup action; nothing was changed."""


@transaction.atomic
def year_open(*, fiscal_year: str, actor: AbstractBaseUser | None) -> FiscalYearSetup:
    """Open `fiscal_year` ("2022-23" or "২০২২-২৩") for planning; refused if already open."""
    fy = str(FiscalYear.parse(fiscal_year))
    if FiscalYearSetup.objects.filter(fiscal_year=fy).exists():
        raise YearError("এই অর্থবছরটি আগেই খোলা হয়েছে।", "This fiscal year is already open.")
    year = FiscalYearSetup.objects.create(fiscal_year=fy, opened_by=actor)
    record_change(actor=actor, action="year.open", obj=year, before=None,
                  after={"fiscal_year": fy, "is_open": True}, label=fy)
    return year


def deadline_for(*, fiscal_year: str, event: Event | str, tier: str) -> Deadline | None:
    """The deadline of `event` in `fiscal_year` for an office of `tier`: the tier's own row,
    else the row for every tier (blank tier), else None (DOMAIN.md "Calendar seen": windows are
    staggered by tier, upazila first). One query."""
    rows = {r.tier: r for r in Deadline.objects.filter(
        year__fiscal_year=fiscal_year, event=Event(event), tier__in={tier or "", ""})}
    return for_tier(rows, tier)


def for_tier(by_tier: Mapping[str, T], tier: str) -> T | None:
    """The tier's own entry, else the one for every tier (blank), else None."""
    return by_tier.get(tier) if tier and tier in by_tier else by_tier.get("")


# (fiscal year, event) → tier ("" for every tier) → due date
DeadlineMap = dict[tuple[str, str], dict[str, dt.date]]


def deadline_map(fiscal_years: Iterable[str]) -> DeadlineMap:
    """Every deadline of the years, in one query, for pages and jobs that need many plans'
    due dates (`kormo.progress.services.report_due(..., deadlines=)`)."""
    out: DeadlineMap = {}
    for fy, event, tier, due in Deadline.objects.filter(
            year__fiscal_year__in=set(fiscal_years)).values_list(
            "year__fiscal_year", "event", "tier", "due_on"):
        out.setdefault((fy, event), {})[tier] = due
    return out


def _deadline_cells(deadlines: Sequence[Deadline]) -> dict[str, dict[str, object]]:
    return {f"{x.event} {x.tier or '*'}": {"opens_on": x.opens_on, "due_on": x.due_on}
            for x in deadlines}


@transaction.atomic
def year_deadlines_save(
    *, year: FiscalYearSetup, rows: Sequence[Mapping[str, str]], actor: AbstractBaseUser | None
) -> list[Deadline]:
    """Replace the year's deadlines by `rows` (event, tier, opens_on, due_on as typed).

    Rows without a due date are dropped; dates accept Bengali or Latin digits. A bad row
    raises SheetError naming it, and the stored deadlines stay as they were.
    """
    problems: list[CellProblem] = []
    parsed: list[Deadline] = []
    seen: set[tuple[str, str]] = set()
    tiers = {t.value for t in d.Tier} | {""}
    for i, row in enumerate(rows):
        event, tier = str(row.get("event", "")).strip(), str(row.get("tier", "")).strip()
        opens, due = str(row.get("opens_on", "")), str(row.get("due_on", ""))
        if not normalize_text(due) and not normalize_text(opens):
            continue
        if event not in Event.values:
            problems.append(CellProblem(i, "event", "অজানা ঘটনা", "unknown event"))
            continue
        if tier not in tiers:
            problems.append(CellProblem(i, "tier", "অজানা স্তর", "unknown tier"))
            continue
        if (event, tier) in seen:
            problems.append(CellProblem(i, "tier", "একই ঘটনা ও স্তর দুবার দেওয়া হয়েছে",
                                        "the same event and tier are given twice"))
            continue
        seen.add((event, tier))
        dates = {}
        for name, text in (("opens_on", opens), ("due_on", due)):
            if not normalize_text(text):
                dates[name] = None
                continue
            try:
                dates[name] = parse_date(text, year.fiscal_year)
            except InputError as exc:
                problems.append(CellProblem(i, name, exc.bn, exc.en))
        if "due_on" in dates and dates["due_on"] is None:
            problems.append(CellProblem(i, "due_on", "শেষ তারিখ দিন", "give the due date"))
        elif dates.get("opens_on") and dates.get("due_on") and dates["opens_on"] > dates["due_on"]:
            problems.append(CellProblem(i, "opens_on", "শুরুর তারিখ শেষ তারিখের পরে",
                                        "the opening date is after the due date"))
        else:
            parsed.append(Deadline(year=year, event=event, tier=tier,
                                   opens_on=dates.get("opens_on"), due_on=dates.get("due_on")))
    if problems:
        raise SheetError(problems)
    old = _deadline_cells(list(Deadline.objects.filter(year=year)))
    Deadline.objects.filter(year=year).delete()
    saved = Deadline.objects.bulk_create(parsed)
    new = _deadline_cells(saved)
    changed = [k for k in old if old[k] != new.get(k)] + [k for k in new if k not in old]
    if changed:
        record_change(actor=actor, action="year.deadlines", obj=year,
                      before={k: old.get(k) for k in changed},
                      after={k: new.get(k) for k in changed},
                      label=f"{year.fiscal_year}: {', '.join(changed)}")
    return saved


def _template_plan(plan: d.Plan, office: Office, tier: d.Tier | None, fiscal_year: str) -> d.Plan:
    kind = d.PlanKind(plan.kind)
    return dataclasses.replace(
        plan, fiscal_year=fiscal_year, office=office.name,
        id=f"template-{office.code}-{kind.value}-{tier.value if tier else 'all'}-{fiscal_year}",
        office_tier=tier, progress=(), parent="",
    )


@transaction.atomic
def template_store(*, plan: d.Plan, office: Office, tier: d.Tier | None,
                    actor: AbstractBaseUser | None) -> pm.Plan:
    """Store `plan` as a template of `office` for `tier` (None: every tier).

    One template per office, year, kind and tier: a new one replaces the old. The history
    keeps the replacement as the cells that differ from the old template."""
    olds = pm.Plan.objects.filter(office=office, is_template=True,
                                  kind=d.PlanKind(plan.kind).value, fiscal_year=plan.fiscal_year,
                                  template_tier=tier.value if tier else "")
    old_ids = list(olds.order_by("pk").values_list("pk", flat=True))
    old_plan = plan_to_domain(old_ids[-1]) if old_ids else None
    olds.delete()
    row = plan_save_from_domain(plan=plan, office=office, template=True)
    pm.Plan.objects.filter(pk=row.pk).update(
        is_template=True, template_tier=tier.value if tier else "", created_by=actor,
        updated_by=actor)
    row.refresh_from_db()
    summary = {"kind": row.kind, "fiscal_year": row.fiscal_year, "tier": row.template_tier or "*"}
    if old_plan is None:
        record_change(actor=actor, action="template.create", obj=row, plan=row, before=None,
                      after={**summary, "indicators": len(plan.indicators)},
                      label=row.external_id)
    else:
        changes = plan_changes(old_plan, plan)
        more = {"…": f"+{changes.more}"} if changes.more else {}
        record_change(actor=actor, action="template.replace", obj=row, plan=row,
                      before={"template": old_ids, **changes.before, **more},
                      after={"template": row.pk, **changes.after, **more},
                      label=changes.label or row.external_id)
    return row


@transaction.atomic
def template_create(
    *, office: Office, kind: d.PlanKind, tier: d.Tier | None, fiscal_year: str,
    actor: AbstractBaseUser | None,
) -> pm.Plan:
    """An empty template of `kind` for the offices of `tier` below `office` (replaces one)."""
    fy = str(FiscalYear.parse(fiscal_year))
    plan = d.Plan(kind=d.PlanKind(kind), fiscal_year=fy, office=office.name,
                  total_weight=None)
    return template_store(plan=_template_plan(plan, office, tier, fy), office=office, tier=tier,
                           actor=actor)


@transaction.atomic
def template_import(
    *, office: Office, data: bytes, fiscal_year: str, tier: d.Tier | None,
    actor: AbstractBaseUser | None,
) -> list[pm.Plan]:
    """Templates from a plan file (JSON, docs/plan-format.md), each replacing the template of
    the same kind. A bad file raises PlanFormatError (bilingual) and nothing is saved."""
    fy = str(FiscalYear.parse(fiscal_year))
    if len(data) > MAX_TEMPLATE_FILE_BYTES:
        raise YearError("ফাইলটি অনেক বড় (সর্বোচ্চ ৫ MB)", "the file is too large (at most 5 MB)")
    plans = loads(data)
    if not plans:
        raise YearError("ফাইলে কোনো পরিকল্পনা নেই", "the file holds no plan")
    kinds = [p.kind for p in plans]
    if len(set(kinds)) != len(kinds):
        raise YearError("ফাইলে একই ধরনের একাধিক পরিকল্পনা আছে",
                        "the file holds more than one plan of the same kind")
    return [template_store(plan=_template_plan(p, office, tier, fy), office=office, tier=tier,
                            actor=actor) for p in plans]


def template_export(template: pm.Plan) -> str:
    """The template as a plan file (JSON) that `template_import` reads back."""
    return dumps([plan_to_domain(template.pk)])
