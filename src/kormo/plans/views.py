"""Plan pages: read a plan, start one, write its table and its other parts, check it live.

Thin views (STYLE.md): parse the request → `offices.access` (the only gate) → an authoring
service or a selector → render. A refused save re-renders the page with everything the person
typed (400 for unreadable cells, 409 when someone else saved first), so nothing typed is lost.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kormo.domain import plan as d
from kormo.domain.agreement import content_editable
from kormo.domain.cells import CellProblem, SheetError
from kormo.domain.digits import normalize_text, to_bengali_digits
from kormo.domain.errors import InputError
from kormo.domain.numerals import format_number, parse_number
from kormo.domain.planformat import dumps
from kormo.domain.validation import validate_plan
from kormo.offices.access import Action, access_office, can
from kormo.offices.selectors import supervises
from kormo.plans import authoring, forms
from kormo.plans.access import access_plan, access_plan_edit, access_template
from kormo.plans.convert import plan_grid, plan_to_domain
from kormo.plans.documents import plan_document_response
from kormo.plans.models import Plan
from kormo.plans.selectors import plan_page_data, sections_initial, sections_typed
from kormo.plans.sheet import (
    ROW_FIELDS,
    Columns,
    Grid,
    default_columns,
    finding_cells,
    number_cell_doubts,
    row_places,
    sheet_grid,
    sheet_parse,
    sheet_rows,
)
from kormo.plans.values import decimal_from_db
from kormo.web.i18n import message, page_lang

# ---------------------------------------------------------------- reading


@login_required
@require_GET
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, Action.READ)
    data = plan_page_data(plan, page_lang())
    return render(request, "plans/plan_detail.html", {
        "plan": plan,
        "page": data,
        "findings": validate_plan(data.domain),
        "may_edit": can(request.user, Action.WRITE, plan.office)
        and content_editable(plan.state, plan.is_current),
        "may_dashboard": supervises(request.user, plan.office),
    })


@login_required
@require_GET
def plan_export(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The plan as a plan file (JSON, docs/plan-format.md)."""
    plan = access_plan(request.user, plan_id, Action.READ)
    response = HttpResponse(dumps([plan_to_domain(plan.pk)]),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="kormo-plan-{plan.pk}-{plan.kind}-{plan.fiscal_year}.json"')
    return response


@login_required
@require_GET
def plan_document(request: HttpRequest, plan_id: int, fmt: str) -> HttpResponse:
    """The plan as its official document (PDF, DOCX, XLSX; `?lang=en`), drafts too: the
    office's other current plans of the year come along as its annexes."""
    plan = access_plan(request.user, plan_id, Action.READ)
    return plan_document_response(request, plan, fmt, kind="auto", quarter=None,
                                  stem=f"kormo-plan-{plan.pk}-{plan.kind}-{plan.fiscal_year}")


# ---------------------------------------------------------------- starting a plan


@login_required
@require_POST
def plan_create(request: HttpRequest, office_id: int) -> HttpResponse:
    office = access_office(request.user, office_id, Action.WRITE)
    template = access_template(request.user, request.POST.get("template_id", ""), Action.READ)
    try:
        plan = authoring.plan_create_from_template(
            office=office, template=template, fiscal_year=template.fiscal_year,
            actor=request.user)
    except InputError as exc:
        messages.error(request, message(exc))
        return redirect("offices:detail", office.pk)
    return redirect("plans:edit", plan.pk)


# ---------------------------------------------------------------- the table editor


def _cells(rows: list[dict[str, str]], fields: list[forms.Field],
           bad: dict[tuple[int, str], str]) -> list[dict[str, Any]]:
    """Each row as its key and (field, value, problem) cells, in column order."""
    return [{"key": row.get("key", ""), "start": bool(row.get("area_number", "").strip()),
             "cells": [(f, row.get(f.name, ""), bad.get((i, f.name), "")) for f in fields]}
            for i, row in enumerate(rows)]


def _headers(fields: list[forms.Field], columns: Columns) -> list[tuple[forms.Field, Any]]:
    """Column headers; a year column carries its year input and * (provisional) checkbox."""
    out: list[tuple[forms.Field, Any]] = []
    for f in fields:
        extra = None
        for kind, cols in (("actual", columns.actuals), ("projection", columns.projections)):
            if f.name.startswith(f"{kind}_"):
                i = int(f.name.rsplit("_", 1)[1])
                extra = {"year_name": f"{kind}_year_{i}", "year": cols[i].fiscal_year,
                         "prov_name": f"{kind}_prov_{i}", "prov": cols[i].provisional}
        out.append((f, extra))
    return out


def _groups(kind: str, grid: Grid, columns: Columns) -> dict[str, bool]:
    """Which column groups start visible: the APA's levels and years, the action plans'
    quarters (and levels where they print them). `grid` is the stored plan's, `columns` the
    page's (typed ones after a refused save)."""
    apa = kind == d.PlanKind.APA
    return {
        "levels": apa or grid.levels_given,
        "years": bool(columns.actuals or columns.projections),
        "quarters": not apa or grid.quarters_given,
        "more": False,
    }


# Reference cells are stored with Latin digits (DOMAIN.md) and read in either; a Bengali page
# shows them in Bengali digits like every other number on it.
REF_FIELDS = ("area_number", "activity_number", "number")


def _page_rows(rows: list[dict[str, str]], lang: str) -> list[dict[str, str]]:
    """The grid rows the editor page is given (and a compact save's unchanged rows)."""
    if lang == "bn":
        for row in rows:
            for name in REF_FIELDS:
                row[name] = to_bengali_digits(row[name])
    return rows


def _json_script(value: Any) -> SafeString:
    """JSON for a <script type="application/json">: UTF-8 (Bengali text stays 3 bytes a
    letter, not a 6-byte escape) with the characters that could end the script escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return mark_safe(text)


def _column_names(fields: list[forms.Field]) -> dict[str, str]:
    names = {f.name: str(f.header) for f in fields}
    names["total_weight"] = _("Total weight")
    return names


def _editor(request: HttpRequest, plan: Plan, grid: Grid, *,
            rows: list[forms.PostedRow], columns: Columns, total_weight: str,
            lock_version: int, problems: list[CellProblem] = (), error: str = "",
            status: int = 200) -> HttpResponse:
    """The editor page: the grid travels as one JSON payload (`#grid-data`) that grid.js
    draws, a screenful at a time, from the row template; not as HTML per cell (2,000 rows
    were 9.7 MB of it). Each row keeps its index in the rows as loaded, so a save sends
    only the rows that changed (forms.table_rows_from_payload)."""
    lang = page_lang()
    fields = forms.plan_fields(columns)
    names = _column_names(fields)
    bad = {(p.row, p.field): message(p, lang) for p in problems}
    payload = {
        "fields": list(ROW_FIELDS),
        "rows": [{"o": r.origin, "v": [r.cells.get(f, "") for f in ROW_FIELDS],
                  **({"d": 1} if r.changed else {})} for r in rows],
        "marks": [{"row": p.row, "field": p.field, "text": bad[(p.row, p.field)]}
                  for p in problems],
    }
    return render(request, "plans/plan_edit.html", {
        "plan": plan,
        "headers": _headers(fields, columns),
        "grid_data": _json_script(payload),
        "blank_row": _cells([{}], fields, {})[0],
        "columns": columns,
        "total_weight": total_weight,
        "total_weight_error": bad.get((-1, "total_weight"), ""),
        "lock_version": lock_version,
        "problems": [(p.row + 1, names.get(p.field, ""), bad[(p.row, p.field)])
                     for p in problems],
        "error": error,
        "groups": _groups(plan.kind, grid, columns),
        "just_saved": request.GET.get("saved") == "1",
        "row_count": len(rows),
    }, status=status)


def _posted_rows(request: HttpRequest, base: list[dict[str, str]]) -> list[forms.PostedRow]:
    """The compact post of grid.js (`table`), or a plain form's columns (every row sent)."""
    if "table" in request.POST:
        return forms.table_rows_from_payload(request.POST["table"], base)
    return [forms.PostedRow(None, True, r) for r in forms.table_rows_from_post(request.POST)]


def _weight_text(value: Any) -> str:
    return "" if value is None else format_number(value, page_lang(), grouping=False)


@login_required
def plan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan_edit(request.user, plan_id)
    lang = page_lang()
    if request.method != "POST":
        # The grid straight from the tables: no domain plan is needed to draw it.
        grid = plan_grid(plan, lang)
        return _editor(request, plan, grid,
                       rows=[forms.PostedRow(i, False, r)
                             for i, r in enumerate(_page_rows(grid.rows, lang))],
                       columns=grid.columns,
                       total_weight=_weight_text(decimal_from_db(plan.total_weight)),
                       lock_version=plan.lock_version)
    domain = plan_to_domain(plan.pk)
    grid = sheet_grid(domain, lang)
    stored_columns = grid.columns
    base = _page_rows(grid.rows, lang)
    columns = forms.columns_from_post(request.POST)
    total = request.POST.get("total_weight", "")
    expected = forms.lock_version_from_post(request.POST)
    try:
        posted = _posted_rows(request, base)
    except InputError as exc:
        return _editor(request, plan, grid,
                       rows=[forms.PostedRow(i, False, r) for i, r in enumerate(base)],
                       columns=stored_columns, total_weight=total, lock_version=expected,
                       error=message(exc), status=400)
    if "table" in request.POST and expected != plan.lock_version:
        # Unchanged rows name rows of the version the page was loaded with, which is gone:
        # show the stored plan; the browser's draft offers the typed rows back (grid.js).
        return _editor(request, plan, grid,
                       rows=[forms.PostedRow(i, False, r) for i, r in enumerate(base)],
                       columns=stored_columns, total_weight=_weight_text(domain.total_weight),
                       lock_version=expected,
                       error=message(authoring.LockConflict()), status=409)
    rows = [r.cells for r in posted]
    try:
        authoring.plan_save_table(plan=plan, rows=rows, expected_lock_version=expected,
                                  actor=request.user, columns=columns, total_weight=total)
    except SheetError as exc:
        return _editor(request, plan, grid, rows=posted, columns=columns, total_weight=total,
                       lock_version=expected, problems=list(exc.problems),
                       error=message(exc), status=400)
    except InputError as exc:  # LockConflict, PlanNotEditable
        return _editor(request, plan, grid, rows=posted, columns=columns, total_weight=total,
                       lock_version=expected, error=message(exc), status=409)
    messages.success(request, _("The table is saved."))
    return redirect(f"{request.path}?saved=1")


@login_required
@require_POST
def plan_validate(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The live checks beside the editor (htmx): weights per area and plan, the quality
    checks of `kormo.domain.validation`, and the cells they are about. Saves nothing."""
    plan = access_plan_edit(request.user, plan_id)
    domain = plan_to_domain(plan.pk)
    lang = page_lang()
    try:
        rows = [r.cells for r in _posted_rows(request, _page_rows(
            sheet_rows(domain, default_columns(domain), lang), lang))]
    except InputError as exc:
        return HttpResponse(message(exc), status=400)
    columns = forms.columns_from_post(request.POST)
    areas, problems = sheet_parse(rows, columns, domain.fiscal_year, domain.indicator_refs())
    total_text = request.POST.get("total_weight", "")
    total = domain.total_weight
    try:
        total = parse_number(total_text) if normalize_text(total_text) else None
    except InputError as exc:
        problems.append(CellProblem(-1, "total_weight", exc.bn, exc.en))
    edited = dataclasses.replace(domain, areas=areas, total_weight=total)
    findings = validate_plan(edited)
    places = row_places(rows)
    names = _column_names(forms.plan_fields(columns))
    marks = [{"row": r, "field": f} for p in problems for r, f in [(p.row, p.field)]]
    for finding in findings:
        marks += [{"row": r, "field": f} for r, f in finding_cells(
            finding.code.value, finding.place, dict(finding.params), rows, columns, places)]
    # Numbers as typed (issue 12 rule 9): mixed digits or a stray mark, beside the cell.
    doubts = number_cell_doubts(rows, places)
    findings = [*findings, *(doubt for _, _, doubt in doubts)]
    marks += [{"row": r, "field": f} for r, f, _ in doubts]
    return render(request, "plans/_checks.html", {
        "totals": _totals(edited),
        "findings": findings,
        "problems": [(p.row + 1, names.get(p.field, ""), message(p, lang))
                     for p in problems],
        "marks": marks,
    })


@dataclasses.dataclass(frozen=True, slots=True)
class _Total:
    label: str
    weight: Any
    total: Any
    ok: bool


def _totals(plan: d.Plan) -> list[_Total]:
    """Weight totals per area (indicators vs the area) and for the plan (areas vs total)."""
    out = []
    for area in plan.areas:
        weights = [i.weight for i in area.indicators if i.weight is not None]
        total = sum(weights) if weights else None
        prefix = "G" if area.kind is d.AreaKind.GOVERNANCE else ""
        out.append(_Total(f"[{prefix}{area.number}] {area.name}", area.weight, total,
                          area.weight is None or total is None or total == area.weight))
    area_weights = [a.weight for a in plan.areas if a.weight is not None]
    plan_total = sum(area_weights) if area_weights else None
    out.append(_Total("", plan.total_weight, plan_total,
                      plan.total_weight is None or plan_total == plan.total_weight))
    return out


# ---------------------------------------------------------------- the other parts


def _section_context(plan: Plan, domain: d.Plan, values: dict[str, Any] | None) -> dict[str, Any]:
    """What the sections page shows: stored parts, or (after a refused save) what was typed;
    each table as its fields and rows of cells for the shared grid row template."""
    lang = page_lang()
    s = sections_initial(domain, lang)
    if values is not None:
        s.update(values)
    tables = dict(forms.SECTION_TABLES, outcomes=forms.outcome_fields(s["outcome_columns"]))
    s["tables"] = {
        name: {"fields": fields, "rows": _cells(s[name], fields, {}),
               "blank": _cells([{}], fields, {})[0], "prefix": f"{name}-"}
        for name, fields in tables.items()
    }
    s["subtitle_max"] = authoring.SUBTITLE_MAX_LENGTH
    return s


@login_required
def plan_sections(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan_edit(request.user, plan_id)
    domain = plan_to_domain(plan.pk)
    lang = page_lang()
    refs = list(domain.indicator_refs())
    if request.method != "POST":
        return render(request, "plans/plan_sections.html", {
            "plan": plan, "domain": domain, "lock_version": plan.lock_version,
            "s": _section_context(plan, domain, None),
            "just_saved": request.GET.get("saved") == "1",
        })
    sections = forms.sections_from_post(request.POST, refs)
    expected = forms.lock_version_from_post(request.POST)
    error, status, problems = "", 200, []
    try:
        authoring.plan_save_sections(plan=plan, sections=sections,
                                     expected_lock_version=expected, actor=request.user)
    except SheetError as exc:
        error, status, problems = message(exc), 400, list(exc.problems)
    except InputError as exc:
        error, status = message(exc), 409
    else:
        messages.success(request, _("The other parts are saved."))
        return redirect(f"{request.path}?saved=1")
    return render(request, "plans/plan_sections.html", {
        "plan": plan, "domain": domain, "lock_version": expected,
        "s": _section_context(plan, domain, sections_typed(request.POST, domain, refs)),
        "error": error,
        # A plan-wide field's problem (row -1: the subtitle) stands beside its input.
        "problems": [(p.row + 1, p.field, message(p, lang)) for p in problems if p.row >= 0],
        "field_errors": {p.field: message(p, lang) for p in problems if p.row < 0},
    }, status=status)

