"""The HTTP answer for an official document (PDF, DOCX, XLSX) of a set of domain plans.

Shared by the public downloads (`kormo.public.views`: signed plans, accepted reports) and the
signed-in ones (`kormo.plans.views.plan_document`, `kormo.progress.views.report_document`:
any plan a person may read, drafts too), so both make the same file with the same renderer
call (`kormo.documents.render.export`). Which plans go into the file, and who may have it,
is each caller's business; this module only renders and answers.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _

from kormo.documents.render import DOCUMENT_FORMATS, MEDIA_TYPES, FontsMissingError, export
from kormo.domain.errors import InputError
from kormo.domain.plan import Plan
from kormo.domain.rules import RuleSet
from kormo.web.i18n import page_lang


def document_lang(request: HttpRequest) -> str:
    """`?lang=bn|en`, else the page's language."""
    lang = request.GET.get("lang", "")
    return lang if lang in ("bn", "en") else page_lang()


def document_response(request: HttpRequest, plans: Sequence[Plan], fmt: str, *, kind: str,
                      plan_id: str, quarter: str | None, rules: RuleSet | None, stem: str,
                      explain: bool = False) -> HttpResponse:
    """The document `kind` of `plan_id` among `plans`, as an attachment named
    `<stem>-<lang>.<fmt>`.

    A file the renderer cannot make (e.g. a report of a plan without indicators) is a 404
    for the public, who should not learn why; with `explain` (signed-in readers of the plan)
    it is a 400 with the renderer's message in Bengali and English.
    """
    if fmt not in DOCUMENT_FORMATS:
        raise Http404()
    lang = document_lang(request)
    try:
        data = export(plans, fmt, kind=kind, lang=lang, plan_id=plan_id, quarter=quarter,
                      rules=rules)
    except InputError as exc:
        if explain:
            return HttpResponseBadRequest(f"{exc.bn}\n{exc.en}\n",
                                          content_type="text/plain; charset=utf-8")
        raise Http404() from None
    except FontsMissingError:
        return HttpResponse(_("The PDF cannot be made on this server now (its fonts are "
                              "missing). Try the DOCX or XLSX file."), status=503,
                            content_type="text/plain; charset=utf-8")
    response = HttpResponse(data, content_type=MEDIA_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{stem}-{lang}.{fmt}"'
    return response
