"""Progress pages: the plan's reports, the report page (enter, attach, submit; review, verify,
return, accept), evidence download, the indicator drill-down, the office's year and the
supervisor's dashboard with its CSV/XLSX download.

Thin views (STYLE.md): parse → `offices.access` (the only gate; a refusal is a 404) → a
service of `kormo.progress.services` or a selector → render. A refused action comes back as a
message on the page it came from, nothing changed. URLs carry only the plan or office id (and
the fiscal year); the period, indicator and file are query or form fields.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kormo.domain.calendar import FiscalYear
from kormo.domain.digits import to_latin_digits
from kormo.domain.errors import InputError
from kormo.offices.access import AccessDenied, Action, access_office, can
from kormo.ops.replica import replica_reads
from kormo.plans.documents import plan_document_response
from kormo.plans.models import Plan
from kormo.plans.values import value_from_columns
from kormo.progress import bulk_review, charts, page_marks, selectors, services, table_export
from kormo.progress import dashboard as dash
from kormo.progress.access import ACTION_COLUMNS, access_progress_plan
from kormo.progress.errors import ProgressError, ProgressErrorCode
from kormo.progress.evidence import CONTENT_TYPES, download_name, max_bytes, removal_needs_reason
from kormo.progress.models import Evidence, Report, ReportedValue, ReportPeriod
from kormo.progress.scores import office_year_scores
from kormo.web.i18n import message
from kormo.web.page_cache import Recheck, cached_page
from kormo.web.state_labels import plabel
from kormo.web.templatetags.kormo import cell, digits, num

_PERIODS = {p.value for p in ReportPeriod}


def _period(raw: str | None, default: str = "Q1") -> str:
    return raw if raw in _PERIODS else default


def _report_url(plan: Plan, period: str, ref: str = "") -> str:
    url = f"{reverse('progress:report', args=[plan.pk])}?period={period}"
    return f"{url}#i-{ref}" if ref else url


def _done(request: HttpRequest, text: str) -> None:
    messages.success(request, text)


# ---------------------------------------------------------------- reading


@login_required
@require_GET
def plan_progress(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_progress_plan(request.user, plan_id, Action.READ)
    scores = office_year_scores(office=plan.office, fiscal_year=plan.fiscal_year, detail=False)
    return render(request, "progress/plan_progress.html", {
        "plan": plan, "periods": selectors.plan_progress(plan),
        "in_force": services.plan_in_force(plan),
        "plan_score": scores.scores.get(plan.pk), "scores": scores,
    })


@login_required
@require_GET
def report(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_progress_plan(request.user, plan_id, Action.READ)
    period = _period(request.GET.get("period"))
    return cached_page(request, page_marks.report_page_mark(plan, request.user),
                       lambda: _report_page(request, plan, period))


def _report_page(request: HttpRequest, plan: Plan, period: str, *,
                 typed: dict[str, dict[str, str]] | None = None,
                 refused: dict[str, str] | None = None, status: int = 200) -> HttpResponse:
    """The report page; after a save with refused values, what was typed in every field that
    was not saved (`typed`, by entry "ref|quarter") and each refusal's reason beside it."""
    page = selectors.report_page(plan=plan, period=period)
    may_write = can(request.user, Action.WRITE, plan.office)
    return render(request, "progress/report.html", {
        "plan": plan, "page": page,
        "may_write": may_write, "may_submit": may_write,
        "may_review": can(request.user, Action.REVIEW, plan.office),
        "periods": [p.value for p in ReportPeriod],
        "max_kib": max_bytes() // 1024,
        "typed": typed or {}, "refused": refused or {},
        "saved_stamp": request.GET.get("saved", ""),
    }, status=status)


@login_required
@require_GET
def report_document(request: HttpRequest, plan_id: int, fmt: str) -> HttpResponse:
    """A quarter's progress report (`?period=Q1`..`Q4`) or the year-end evaluation
    (`?period=year`) as a document, in any state: what the office has reported so far."""
    plan = access_progress_plan(request.user, plan_id, Action.READ)
    period = request.GET.get("period", "")
    if period not in _PERIODS:
        return HttpResponseBadRequest(
            "কোন প্রতিবেদন? period হতে হবে Q1, Q2, Q3, Q4 বা year।\n"
            "Which report? period must be Q1, Q2, Q3, Q4 or year.\n",
            content_type="text/plain; charset=utf-8")
    if period == ReportPeriod.YEAR:
        return plan_document_response(request, plan, fmt, kind="evaluation", quarter=None,
                                      stem=f"kormo-plan-{plan.pk}-evaluation")
    return plan_document_response(request, plan, fmt, kind="progress", quarter=period,
                                  stem=f"kormo-plan-{plan.pk}-progress-{period.lower()}")


@login_required
@require_GET
def indicator(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_progress_plan(request.user, plan_id, Action.READ)
    detail = selectors.indicator_detail(plan=plan, ref=request.GET.get("ref", ""))
    if detail is None:
        return HttpResponseBadRequest(_("No such indicator in this plan."))
    return render(request, "progress/indicator.html", {"plan": plan, "detail": detail})


@login_required
@require_GET
def evidence_download(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The only way to an evidence file: the plan's access check, then the file of that plan
    (a file of another plan is "not found", like a plan one may not read)."""
    plan = access_progress_plan(request.user, plan_id, Action.READ)
    if not request.GET.get("id", "").strip().isdigit():
        return HttpResponseBadRequest(_("Which file?"))
    ev = selectors.evidence_get_for_plan(plan=plan, evidence_id=request.GET["id"])
    if ev is None:
        raise AccessDenied()
    response = FileResponse(ev.file.open("rb"), as_attachment=True,
                            filename=download_name(ev.original_name, ev.kind),
                            content_type=CONTENT_TYPES[ev.kind])
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _fiscal_year(text: str) -> str | None:
    try:
        return str(FiscalYear.parse(text))
    except InputError:
        return None


@login_required
@require_GET
def office_year(request: HttpRequest, office_id: int, fiscal_year: str) -> HttpResponse:
    office = access_office(request.user, office_id, Action.READ)
    year = _fiscal_year(fiscal_year)
    if year is None:
        return HttpResponseBadRequest(_("Not a fiscal year."))

    def page() -> HttpResponse:
        scores = office_year_scores(office=office, fiscal_year=year)
        return render(request, "progress/office_year.html", {
            "office": office, "fiscal_year": year, "scores": scores,
            "chart": selectors.office_chart(scores),
            "plans": [(p, scores.scores.get(pk), scores.projected_by_plan.get(pk))
                      for pk, p in scores.plans.items()],
            "dashboard_url": reverse("progress:dashboard", args=[office.pk, year]),
        })

    return cached_page(request, page_marks.office_page_mark(office, year, request.user), page)


def _dashboard_filter(request: HttpRequest) -> dash.DashboardFilter:
    """The page's filter from its query fields; ValueError for anything unknown. Page numbers
    may come in Bengali digits."""
    get = request.GET
    return dash.DashboardFilter(
        tier=get.get("tier", ""), district=get.get("district", "").strip(),
        upazila=get.get("upazila", "").strip(), q=get.get("q", "").strip()[:100],
        sort=get.get("sort", "") or "rank",
        page=int(to_latin_digits(get.get("page", "") or "1")),
        per_page=int(to_latin_digits(get.get("per_page", "") or str(dash.PER_PAGE))))


def _dashboard_office(request: HttpRequest, office_id: int, fiscal_year: str
                      ) -> tuple[Any, str, dash.DashboardFilter] | HttpResponse:
    office = access_office(request.user, office_id, Action.READ)
    year = _fiscal_year(fiscal_year)
    if year is None:
        return HttpResponseBadRequest(_("Not a fiscal year."))
    try:
        return office, year, _dashboard_filter(request)
    except ValueError:
        return HttpResponseBadRequest(_("Unknown filter."))


@login_required
@require_GET
def dashboard(request: HttpRequest, office_id: int, fiscal_year: str) -> HttpResponse:
    found = _dashboard_office(request, office_id, fiscal_year)
    if isinstance(found, HttpResponse):
        return found
    office, year, f = found
    user = request.user
    with replica_reads():  # the marks from where the page reads (kormo.web.page_cache)
        mark = page_marks.dashboard_mark(office, year, user)

    def rows_mark(office_ids: list[int]) -> str:
        with replica_reads():
            return page_marks.dashboard_rows_mark(office_ids, year)

    def page() -> HttpResponse:
        data = dash.dashboard_page(office=office, fiscal_year=year, filters=f)
        again = Recheck(ids, rows_mark(ids)) if (ids := [r.office_id for r in data.rows]) \
            else None
        response = _dashboard_render(request, data, f)
        response.page_recheck = again  # type: ignore[attr-defined]
        return response

    return cached_page(request, mark, page, recheck=rows_mark)


def _dashboard_render(request: HttpRequest, data: dash.Dashboard,
                      f: dash.DashboardFilter) -> HttpResponse:
    query = urlencode(f.query())
    return render(request, "progress/dashboard.html", {
        "d": data, "f": f, "query": f"?{query}" if query else "",
        "periods": [p.value for p in dash.PERIODS],
        "chart": charts.dashboard_chart(data),
        "pending": any(r.pending for r in data.rows),
        "sorts": dash.SORTS, "per_page_choices": dash.PER_PAGE_CHOICES,
        "prev_query": urlencode(f.query(page=f.page - 1)) if f.page > 1 else None,
        "next_query": urlencode(f.query(page=f.page + 1)) if f.page < data.pages else None,
        "sort_queries": {s: urlencode(f.query(sort=f"-{s}" if f.sort == s else s, page=1))
                         for s in dash.SORTS},
        "tier_queries": [(r, urlencode(f.query(page=1, **r.filter))) for r in data.by_tier],
        "district_queries": [(r, urlencode(f.query(page=1, upazila="", **r.filter)))
                             for r in data.by_district],
    })


@login_required
@require_POST
def dashboard_bulk(request: HttpRequest, office_id: int, fiscal_year: str) -> HttpResponse:
    """Accept, or return with one comment, the selected submitted reports (`report` ids): the
    dashboard's READ gate, then the ticked reports loaded through
    `progress.access.reports_for_action(..., REVIEW)` inside `bulk_review.reports_bulk`;
    each item's outcome is a message, a refused one changed nothing."""
    office = access_office(request.user, office_id, Action.READ)
    year = _fiscal_year(fiscal_year)
    if year is None:
        return HttpResponseBadRequest(_("Not a fiscal year."))
    back = redirect(reverse("progress:dashboard", args=[office.pk, year])
                    + (f"?{request.POST['query']}" if request.POST.get("query") else ""))
    decision = request.POST.get("decision", "")
    if decision not in ("accept", "return"):
        return HttpResponseBadRequest(_("Accept or return?"))
    ids = request.POST.getlist("report")
    comment = request.POST.get("comment", "").strip()
    if not ids:
        messages.error(request, _("Select at least one report."))
        return back
    if len(ids) > bulk_review.BULK_LIMIT:
        messages.error(request, _("Too many reports at once (at most %(n)s).")
                       % {"n": bulk_review.BULK_LIMIT})
        return back
    if decision == "return" and not comment:
        messages.error(request, message(ProgressError(ProgressErrorCode.COMMENT_REQUIRED)))
        return back
    for item in bulk_review.reports_bulk(actor=request.user, office=office, report_ids=ids,
                                  accept=decision == "accept", comment=comment):
        # The year-end evaluation by its full name; a quarter by its short one.
        group = "period" if item.period == ReportPeriod.YEAR else "period_short"
        what = f"{item.office_name} ({plabel(group, item.period)})"
        if item.done:
            text = _("Accepted.") if decision == "accept" else _("Returned to the office.")
            messages.success(request, f"{what}: {text}")
        elif isinstance(item.error, InputError):
            # A refusal of the service (ProgressError, in the page's language): that report
            # unchanged (its own transaction), the others done.
            messages.error(request, f"{what}: {message(item.error)}")
        else:
            messages.error(request, _("Report %(id)s: not found, or not yours to review; "
                                      "nothing changed.") % {"id": digits(item.raw_id)})
    return back


def _labels() -> dict[str, str]:
    return {
        "rank": _("Rank"), "office": _("Office"), "tier": _("Tier"), "district": _("District"),
        "percent": _("Score %"), "total": _("Marks"), "maximum": _("Maximum"),
        "rating": _("Rating"), "submitted": _("submitted"), "late": _("late"),
        "returned": _("returned"), "Q1": _("Q1"), "Q2": _("Q2"), "Q3": _("Q3"), "Q4": _("Q4"),
        "year": _("Year"), "signed": _("Plans signed"), "plans": _("Plans"),
        "upazila": _("Upazila"), "due": _("Due so far %"), "at_risk": _("Indicators at risk"),
        "missing": _("Reports missing"),
    }


@login_required
@require_GET
def dashboard_download(request: HttpRequest, office_id: int, fiscal_year: str,
                       fmt: str) -> HttpResponse:
    """Every office of the filter (not only the page), streamed."""
    found = _dashboard_office(request, office_id, fiscal_year)
    if isinstance(found, HttpResponse):
        return found
    office, year, f = found
    rows = dash.dashboard_all_rows(office=office, fiscal_year=year, filters=f)
    table = table_export.dashboard_table(rows, table_export.table_header(_labels()))
    name = f"kormo-dashboard-{office.pk}-{year}.{fmt}"
    if fmt == "xlsx":
        return FileResponse(
            table_export.table_xlsx(table, year), as_attachment=True, filename=name,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response = StreamingHttpResponse(table_export.table_csv(table),
                                     content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# ---------------------------------------------------------------- the office's actions


def _value_of(plan: Plan, post: Any) -> ReportedValue:
    value = selectors.value_get_for_plan(plan=plan, ref=post.get("ref", ""),
                                         quarter=post.get("quarter", ""))
    if value is None:
        raise ProgressError(ProgressErrorCode.UNKNOWN_INDICATOR, post.get("ref", ""))
    value.plan = plan  # the gate's plan, with its office: the service need not read it again
    return value


def _version(raw: str | None) -> int | None:
    try:
        return int(raw) if raw not in (None, "") else None
    except ValueError:
        return None


def _act(request: HttpRequest, plan_id: int, action: Action,
         run: Callable[[Plan, str], str | HttpResponse], *, to_row: bool = False) -> HttpResponse:
    """The shape of every action on a report: the gate, the service (`run` returns the message
    for the page, or a response of its own), a refusal shown as a message with nothing
    changed, and back to the report (at the indicator's row when `to_row`)."""
    plan = access_progress_plan(request.user, plan_id, action, only=ACTION_COLUMNS)
    period = _period(request.POST.get("period"))
    try:
        done = run(plan, period)
    except InputError as exc:
        messages.error(request, message(exc))
    else:
        if isinstance(done, HttpResponse):
            return done
        _done(request, done)
    return redirect(_report_url(plan, period, request.POST.get("ref", "") if to_row else ""))


@login_required
@require_POST
def value_save(request: HttpRequest, plan_id: int) -> HttpResponse:
    post = request.POST
    inputs = {k[len("input_"):]: v for k, v in post.items() if k.startswith("input_") and v}

    def run(plan: Plan, period: str) -> str:
        services.progress_record(
            plan=plan, indicator_ref=post.get("ref", ""), quarter=post.get("quarter", ""),
            actor=request.user, text=None if inputs else post.get("value", ""),
            remarks=post.get("remarks", ""), inputs=inputs or None,
            reason=post.get("reason", ""), expected_version=_version(post.get("version")),
        )
        return _("Saved.")

    return _act(request, plan_id, Action.WRITE, run, to_row=True)


# Every entry of the report page's one form (`entry` = "ref|quarter"): its fields are named
# "<field>-<entry>"; "orig-<field>-<entry>" holds what the page showed, so an entry nobody
# changed is not written again.
_ENTRY_FIELDS = ("value", "remarks", "input_e_disposals", "input_hard_file_disposals")
_MAX_ENTRIES = 400  # four quarters of a plan far larger than any real one


def _entries(post: Any) -> list[tuple[str, dict[str, str], bool]]:
    """Each posted entry, its typed fields and whether any of them changed."""
    out = []
    for entry in post.getlist("entry")[:_MAX_ENTRIES]:
        fields = {f: post.get(f"{f}-{entry}") for f in (*_ENTRY_FIELDS, "reason", "version")}
        typed = {k: v for k, v in fields.items() if v is not None}
        changed = any(f"{f}-{entry}" in post and post.get(f"{f}-{entry}", "").strip()
                      != post.get(f"orig-{f}-{entry}", "").strip() for f in _ENTRY_FIELDS)
        out.append((entry, typed, changed))
    return out


def _wants_json(request: HttpRequest) -> bool:
    """report.js's save (fetch) asks for JSON; a plain form post gets the page flow."""
    return "application/json" in request.headers.get("Accept", "")


def _shown(rv: ReportedValue) -> dict[str, str]:
    """An entry's fields as the report page shows them after a save (its value in the page's
    digits, like `{{ c.reported|cell }}`), named like the page's fields without the entry."""
    return {"value": cell(value_from_columns(rv, "reported")), "remarks": rv.remarks,
            **{f"input_{k}": str(v) for k, v in (rv.inputs or {}).items()}}


def _refused_answer(plan: Plan, refused: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Each refused entry's reason and its stored version (0 for none), read in one query: the
    page takes that version like the 400 page does, so after a stale refusal the person's text,
    kept in its field, may be saved over what they were told changed."""
    stored = {f"{ref}|{q}": v for ref, q, v in ReportedValue.objects.filter(
        plan=plan, indicator_ref__in={e.partition("|")[0] for e in refused}).values_list(
        "indicator_ref", "quarter", "lock_version")} if refused else {}
    return {e: {"message": text, "version": stored.get(e, 0)} for e, text in refused.items()}


@login_required
@transaction.atomic  # the values' batch holds the plan's lock for all its saves
def values_save(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Save every value typed on the report page at once. Each entry is its own service call:
    the accepted ones are saved, each refused one comes back in its field, as typed, with the
    reason beside it (400), so one Save never drops what was typed elsewhere. A GET (the
    login page sends a person back here after their session ended) returns to the report,
    where the browser's draft offers the typing back. Asked for JSON (report.js), the same
    save answers with the message, each saved entry's new version and stored fields and each
    refused entry's reason and stored version (400 if any), and the page updates itself
    without a new render."""
    plan = access_progress_plan(request.user, plan_id, Action.WRITE, only=ACTION_COLUMNS)
    period = _period(request.POST.get("period") or request.GET.get("period"))
    if request.method != "POST":
        return redirect(_report_url(plan, period))
    typed: dict[str, dict[str, str]] = {}
    refused: dict[str, str] = {}
    saved: dict[str, dict[str, Any]] = {}
    changed = [(entry, fields) for entry, fields, edited in _entries(request.POST) if edited]
    cells = [(ref, quarter) for ref, _sep, quarter in (e.partition("|") for e, _f in changed)]
    batch = services.values_batch(plan, cells)
    for (entry, fields), (ref, quarter) in zip(changed, cells, strict=True):
        inputs = {k[len("input_"):]: v for k, v in fields.items()
                  if k.startswith("input_") and v.strip()}
        try:
            rv = services.progress_record(
                plan=plan, indicator_ref=ref, quarter=quarter, actor=request.user,
                text=None if inputs else fields.get("value", ""),
                remarks=fields.get("remarks", ""), inputs=inputs or None,
                reason=fields.get("reason", ""), expected_version=_version(fields.get("version")),
                batch=batch)
        except (InputError, ValueError) as exc:
            typed[entry] = fields
            refused[entry] = message(exc) if isinstance(exc, InputError) else _(
                "Unknown quarter.")
        else:
            saved[entry] = {"version": rv.lock_version, "fields": _shown(rv)}
    said = []
    if saved:
        said.append(_("Saved: %(n)s values.") % {"n": digits(len(saved))})
    if refused:
        said.append(_("%(n)s values were not saved; each one says why beside it.")
                    % {"n": digits(len(refused))})
    if not said:
        said.append(_("Nothing changed."))
    if _wants_json(request):
        return JsonResponse({"message": " ".join(said), "saved": saved,
                             "refused": _refused_answer(plan, refused)},
                            status=400 if refused else 200,
                            json_dumps_params={"ensure_ascii": False})
    if saved:
        _done(request, said[0])
    if refused:
        messages.error(request, said[-1])
        # The gate read only what the saves need; the page shows the whole plan.
        whole = access_progress_plan(request.user, plan.pk, Action.WRITE)
        return _report_page(request, whole, period, typed=typed, refused=refused, status=400)
    if not saved:
        _done(request, said[0])
    stamp = "".join(ch for ch in request.POST.get("stamp", "")[:20] if ch.isalnum())
    return redirect(f"{_report_url(plan, period)}&saved={stamp or '1'}")


def _attach(request: HttpRequest, plan: Plan) -> Evidence:
    upload = request.FILES.get("file")
    if upload is None:
        raise ProgressError(ProgressErrorCode.FILE_EMPTY)
    return services.evidence_attach(plan=plan, indicator_ref=request.POST.get("ref", ""),
                                    quarter=request.POST.get("quarter", ""),
                                    actor=request.user, file=upload, name=upload.name or "")


def _evidence_shown(plan: Plan, ev: Evidence) -> dict[str, Any]:
    """A stored file as the report page's evidence cell draws it: its link (the download URL
    the page builds), its name, its size in the page's digits, and whether its remove form
    asks for a reason (`removal_needs_reason`, as the page's)."""
    return {"id": ev.pk, "entry": f"{ev.value.indicator_ref}|{ev.value.quarter}",
            "name": ev.original_name, "size": f"{num(ev.size)} B", "bytes": ev.size,
            "url": f"{reverse('progress:evidence_download', args=[plan.pk])}?id={ev.pk}",
            "reason_required": removal_needs_reason(ev.value)}


@login_required
@require_http_methods(["GET", "POST"])
def evidence_upload(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Attach a file to a reported value. The row's form post returns to the report; asked
    for JSON (report.js), the answer is the message and the stored file as the page shows
    it, or the refusal's message with a 400 (nothing stored), and the page updates itself.
    A GET (the login page sends a person back here after their session ended) returns to
    the report, where the browser's draft offers their typing back."""
    if request.method != "POST":
        plan = access_progress_plan(request.user, plan_id, Action.WRITE)
        return redirect(_report_url(plan, _period(request.GET.get("period"))))
    if not _wants_json(request):
        def run(plan: Plan, period: str) -> str:
            _attach(request, plan)
            return _("Evidence attached.")

        return _act(request, plan_id, Action.WRITE, run, to_row=True)
    plan = access_progress_plan(request.user, plan_id, Action.WRITE, only=ACTION_COLUMNS)
    try:
        ev = _attach(request, plan)
    except InputError as exc:
        return JsonResponse({"message": message(exc)}, status=400,
                            json_dumps_params={"ensure_ascii": False})
    return JsonResponse({"message": _("Evidence attached."), "evidence": _evidence_shown(plan, ev)},
                        json_dumps_params={"ensure_ascii": False})


@login_required
@require_POST
def evidence_remove(request: HttpRequest, plan_id: int) -> HttpResponse:
    def run(plan: Plan, period: str) -> str | HttpResponse:
        ev = selectors.evidence_get_for_plan(plan=plan,
                                             evidence_id=request.POST.get("evidence_id", ""))
        if ev is None:
            return HttpResponseBadRequest(_("Which file?"))
        services.evidence_remove(evidence=ev, actor=request.user,
                                 reason=request.POST.get("reason", ""))
        return _("Evidence removed.")

    return _act(request, plan_id, Action.WRITE, run)


@login_required
@require_POST
def report_submit(request: HttpRequest, plan_id: int) -> HttpResponse:
    def run(plan: Plan, period: str) -> str:
        report = services.report_get_or_create(plan=plan, period=period, actor=request.user)
        report = services.report_submit(report=report, actor=request.user,
                                        expected_version=_version(request.POST.get("version")))
        return _("Submitted late.") if report.is_late else _("Submitted.")

    return _act(request, plan_id, Action.WRITE, run)


# ---------------------------------------------------------------- the supervising office


@login_required
@require_POST
def value_review(request: HttpRequest, plan_id: int) -> HttpResponse:
    post = request.POST
    decision = post.get("decision", "")

    def run(plan: Plan, period: str) -> str | HttpResponse:
        if decision not in ("verify", "accept", "return"):
            return HttpResponseBadRequest(_("Accept, return or verify?"))
        value = _value_of(plan, post)
        if decision == "verify":
            services.value_verify(value=value, actor=request.user, text=post.get("verified", ""),
                                  comment=post.get("comment", ""))
        else:
            services.value_review(value=value, actor=request.user, accept=decision == "accept",
                                  comment=post.get("comment", ""))
        return _("Saved.")

    return _act(request, plan_id, Action.REVIEW, run, to_row=True)


def _report_of(plan: Plan, period: str) -> Report:
    report = selectors.report_get_for_plan(plan=plan, period=period)
    if report is None:
        raise ProgressError(ProgressErrorCode.WRONG_STATE, state=_("not started"))
    return report


@login_required
@require_POST
def report_return(request: HttpRequest, plan_id: int) -> HttpResponse:
    def run(plan: Plan, period: str) -> str:
        services.report_return(report=_report_of(plan, period), actor=request.user,
                               comment=request.POST.get("comment", ""))
        return _("Returned to the office.")

    return _act(request, plan_id, Action.REVIEW, run)


@login_required
@require_POST
def report_accept(request: HttpRequest, plan_id: int) -> HttpResponse:
    def run(plan: Plan, period: str) -> str:
        services.report_accept(report=_report_of(plan, period), actor=request.user,
                               comment=request.POST.get("comment", ""))
        return _("Accepted.")

    return _act(request, plan_id, Action.REVIEW, run)
