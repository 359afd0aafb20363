"""Setting up a fiscal year: open it, set its deadlines, keep its templates (one service each).

Templates are data, not code (issue "Setting up a year"): each is a `plans.Plan` with
`is_template=True`, owned by the administrator's office and meant for one tier of office
below it (the mandatory governance area of the APA; the five action plans). They are written
in the same editor as any plan, imported from and exported to the plan format
(`kormo.domain.planformat`), and copied by `plans.authoring.plan_create_from_template`.
Deadlines per event and tier are rows of `Deadline` (DOMAIN.md "Calendar seen": data per year).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from django.db import transaction

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

MAX_TEMPLATE_FILE_BYTES = 5 * 1024 * 1024


class YearError(InputError):
    """A refused setup action; nothing was changed."""


@transaction.atomic
def year_open(*, fiscal_year: str, actor: AbstractBaseUser | None) -> FiscalYearSetup:
    """Open `fiscal_year` ("2022-23" or "২০২২-২৩") for planning; refused if already open."""
    fy = str(FiscalYear.parse(fiscal_year))
    if FiscalYearSetup.objects.filter(fiscal_year=fy).exists():
        raise YearError("এই অর্থবছরটি আগেই খোলা হয়েছে।", "This fiscal year is already open.")
    return FiscalYearSetup.objects.create(fiscal_year=fy, opened_by=actor)


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
    Deadline.objects.filter(year=year).delete()
    return Deadline.objects.bulk_create(parsed)


def _template_plan(plan: d.Plan, office: Office, tier: d.Tier | None, fiscal_year: str) -> d.Plan:
    kind = d.PlanKind(plan.kind)
    return dataclasses.replace(
        plan, fiscal_year=fiscal_year, office=office.name,
        id=f"template-{office.code}-{kind.value}-{tier.value if tier else 'all'}-{fiscal_year}",
        office_tier=tier, progress=(), parent="",
    )


def template_store(*, plan: d.Plan, office: Office, tier: d.Tier | None,
                    actor: AbstractBaseUser | None) -> pm.Plan:
    """Store `plan` as a template of `office` for `tier` (None: every tier).

    One template per office, year, kind and tier: a new one replaces the old."""
    pm.Plan.objects.filter(office=office, is_template=True, kind=d.PlanKind(plan.kind).value,
                           fiscal_year=plan.fiscal_year,
                           template_tier=tier.value if tier else "").delete()
    row = plan_save_from_domain(plan=plan, office=office)
    pm.Plan.objects.filter(pk=row.pk).update(
        is_template=True, template_tier=tier.value if tier else "", created_by=actor,
        updated_by=actor)
    row.refresh_from_db()
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
