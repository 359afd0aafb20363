"""Importing a document in the browser: upload, review beside the file as read, correct,
confirm (issue "Import the documents offices already have").

Thin views (STYLE.md): parse the request → `offices.access` (the only gate: WRITE on the office
to upload, `access_pending_import` — the uploader only — to review) → a service of
`plans.importing` → render. Nothing is saved as a plan before "Confirm". A refused step
re-renders the page with everything typed: a bad file (400) shows the importer's message in
Bengali and English; an unreadable correction (400) marks its cell and names it; a plan that
already exists (409) says so.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kormo.domain.calendar import FiscalYear
from kormo.domain.digits import to_bengali_digits
from kormo.domain.errors import InputError
from kormo.domain.validation import validate_plan
from kormo.importers import DEFAULT_LIMITS, ImportFileCode, ImportFileError
from kormo.importers.review import (
    KEY_PREFIX,
    CorrectionError,
    PlanGrid,
    Problem,
    anchor,
    flag_place,
    place_label,
    plan_grid,
    plan_place,
    position_label,
    source_view,
)
from kormo.importers.safety import check_size
from kormo.offices.access import Action, access_office
from kormo.offices.models import Office
from kormo.plans import importing
from kormo.plans.access import access_pending_import
from kormo.web.i18n import both, message, page_lang

ACCEPT = ".docx,.xlsx,.pdf,.tsv,.txt"


# ---------------------------------------------------------------- upload


def _upload_page(request: HttpRequest, office: Office, *, error: InputError | None = None,
                 status: int = 200) -> HttpResponse:
    return render(request, "plans/import_upload.html", {
        "office": office,
        "accept": ACCEPT,
        "max_mb": DEFAULT_LIMITS.max_bytes // (1024 * 1024),
        "fiscal_year": request.POST.get("fiscal_year", "") if request.method == "POST" else "",
        "error": both(error) if error else None,
        "waiting": importing.pending_import_list_for(owner=request.user, office=office),
    }, status=status)


@login_required
def import_upload(request: HttpRequest, office_id: int) -> HttpResponse:
    office = access_office(request.user, office_id, Action.WRITE)
    if request.method != "POST":
        return _upload_page(request, office)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise ImportFileError(ImportFileCode.NO_FILE)
        name = upload.name or ""
        check_size(upload.size or 0, name, DEFAULT_LIMITS)  # before reading it
        pending = importing.pending_import_create(
            owner=request.user, office=office, data=upload.read(), file_name=name,
            fiscal_year=request.POST.get("fiscal_year", ""))
    except InputError as exc:
        return _upload_page(request, office, error=exc, status=400)
    return redirect("plans:import_review", pending.pk)


# ---------------------------------------------------------------- review


@dataclass(frozen=True, slots=True)
class _FlagRow:
    index: int
    code: str
    plan: int | None
    place: str
    reason: str
    kept: str
    written: str
    where: str
    in_plan: str  # the anchor of its cell or row in the plans, "" when none
    in_source: str  # the anchor of its cell in the file as read, "" when none
    corrected: bool


def _column_label(column: str) -> str:
    if column == "weight":
        return _("Weight")
    if column == "responsible":
        return _("Responsible")
    if column == "annual_target":
        return _("Annual target")
    if column.startswith("levels."):
        return column.split(".", 1)[1] + "%"
    if column.startswith("progress."):
        return _("Achievement %(quarter)s") % {"quarter": _(column.split(".", 1)[1])}
    if column.startswith(("actuals.", "projections.")):
        kind, year = column.split(".", 1)
        word = _("Actual") if kind == "actuals" else _("Projection")
        with contextlib.suppress(InputError):  # a year as the document wrote it, if not one
            year = FiscalYear.parse(year).label(page_lang())
        return f"{word} {year}"
    return _(column)  # Q1 … Q4


def _digits(text: str) -> str:
    return to_bengali_digits(text) if page_lang() == "bn" else text


def _typed(post: QueryDict) -> dict[str, str]:
    return {k: v for k, v in post.items() if k.startswith(KEY_PREFIX)}


def _review_page(request: HttpRequest, pending: importing.Pending, *,
                 typed: dict[str, str] | None = None, problems: tuple[Problem, ...] = (),
                 error: str = "", status: int = 200) -> HttpResponse:
    lang = page_lang()
    flags = pending.flags
    grids: list[PlanGrid] = [plan_grid(p, i, flags, lang, typed, problems)
                             for i, p in enumerate(pending.plans)]
    blocks, in_source = source_view(pending.document, flags)
    in_plan: dict[int, str] = {}
    for g in grids:
        for row in g.rows:
            for i in row.flags:
                in_plan.setdefault(i, row.anchor)
            for c in row.cells:
                for i in c.flags:
                    in_plan.setdefault(i, c.anchor)
        for i in g.total.flags:
            in_plan.setdefault(i, g.total.anchor)
    corrected = {(c.plan, c.place) for c in pending.changes}
    rows = [
        _FlagRow(i, f.code.value, flag_place(f.place).plan, place_label(f.place, lang),
                 f.reason_bn if lang == "bn" else f.reason_en, f.kept, f.written,
                 position_label(f.source, lang),
                 in_plan.get(i, ""), in_source.get(i, ""),
                 (flag_place(f.place).plan, plan_place(f.place)) in corrected)
        for i, f in enumerate(flags)
    ]
    clashes = importing.pending_import_clashes(pending)
    return render(request, "plans/import_review.html", {
        "pending": pending.row,
        "office": pending.row.office,
        "plans": [{
            "grid": g,
            "headers": [_column_label(c) for c in g.columns],
            "width": len(g.columns) + 3,
            "flags": [rows[i] for i in g.flags],
            "findings": validate_plan(g.plan),
            "exists": (g.plan.kind.value, g.plan.fiscal_year) in clashes,
        } for g in grids],
        "document_flags": [r for r in rows if r.plan is None],
        "flag_rows": {r.index: r for r in rows},
        "flag_count": len(rows),
        "blocks": blocks,
        "changes": pending.changes,
        "problems": [(anchor("p-" + p.key), message(p, lang)) for p in problems],
        "error": error,
        "checked": request.GET.get("checked") == "1",
    }, status=status)


@login_required
def import_review(request: HttpRequest, pending_id: int) -> HttpResponse:
    """The review page; a POST reads the corrections into the pending plans ("Check")."""
    row = access_pending_import(request.user, pending_id)
    if request.method != "POST":
        return _review_page(request, importing.pending_import_read(row))
    typed = _typed(request.POST)
    try:
        importing.pending_import_correct(pending=row, typed=typed)
    except CorrectionError as exc:
        return _review_page(request, importing.pending_import_read(row), typed=typed,
                            problems=exc.problems, error=message(exc), status=400)
    return redirect(f"{request.path}?checked=1")


@login_required
@require_POST
def import_confirm(request: HttpRequest, pending_id: int) -> HttpResponse:
    row = access_pending_import(request.user, pending_id)
    typed = _typed(request.POST)
    try:
        saved = importing.pending_import_confirm(pending=row, typed=typed, actor=request.user)
    except CorrectionError as exc:
        return _review_page(request, importing.pending_import_read(row), typed=typed,
                            problems=exc.problems, error=message(exc), status=400)
    except InputError as exc:  # the plan exists already, or a value the tables cannot hold
        return _review_page(request, importing.pending_import_read(row), typed=typed,
                            error=message(exc), status=409)
    if len(saved) == 1:
        messages.success(request, _("The plan was imported as a draft."))
        return redirect("plans:detail", saved[0].pk)
    messages.success(request, _("%(n)s plans were imported as drafts.") % {
        "n": _digits(str(len(saved)))})
    return redirect("offices:detail", row.office_id)


@login_required
@require_POST
def import_cancel(request: HttpRequest, pending_id: int) -> HttpResponse:
    row = access_pending_import(request.user, pending_id)
    office_id = row.office_id
    importing.pending_import_cancel(pending=row)
    messages.success(request, _("The import was cancelled; nothing was saved."))
    return redirect("offices:detail", office_id)
