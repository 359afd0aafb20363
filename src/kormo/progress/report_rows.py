"""The rows of the report page's table (`progress/report.html`), written in Python.

The page is shown again after every save at the reporting deadline, and its rows of forms —
one or four cells an indicator, each with its fields, files and review form — cost the
template engine most of the page's time (a variable lookup, a filter and a translation per
cell). Here each row is written with `_h` (`format_html` without its lazy-text wrappers:
every value escaped as the template would, safe HTML kept) and the page's labels translated
once, not once a cell: the same markup for a fraction of the time. The template keeps the
rest of the page.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.formats import localize
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import gettext

from kormo.progress.selectors import Cell, IndicatorRow, ReportPage
from kormo.progress.templatetags.progress import plabel, score
from kormo.web.templatetags.kormo import cell, digits, num

# The two inputs of a derived indicator (Scoring §4: e-file disposal), in the page's order.
_DERIVED_INPUTS = (("e_disposals", "e-disposals"), ("hard_file_disposals", "hard-file disposals"))


def _escaped(value: Any) -> str:
    return value if isinstance(value, SafeData) else html.escape(str(value))


def _h(template: str, *args: Any, **kwargs: Any) -> SafeString:
    """`template` filled with `args` and `kwargs`, each escaped unless already safe HTML."""
    return SafeString(template.format(*map(_escaped, args),
                                      **{k: _escaped(v) for k, v in kwargs.items()}))


def _joined(parts: Iterable[str], sep: str = "") -> SafeString:
    """Pieces written by `_h` (already escaped) as one piece."""
    return SafeString(sep.join(parts))


@dataclass(frozen=True)
class _Page:
    """What every row shares: the page, the person's rights, what a refused save typed, the
    forms' addresses and CSRF field, and the labels in the page's language."""

    page: ReportPage
    may_write: bool
    may_review: bool
    typed: Mapping[str, Mapping[str, str]]
    refused: Mapping[str, str]
    csrf: SafeString
    urls: dict[str, SafeString]
    period: SafeString  # the page's period, escaped once
    text: dict[str, SafeString]
    kib_note: SafeString


def _labels() -> dict[str, SafeString]:
    """The row labels, translated once for the page: the template's messages (written out, so
    that `makemessages` finds them), trusted as the template trusts them (`{% translate %}` of
    a literal is not escaped)."""
    texts = {
        "Weight": gettext("Weight"), "Target": gettext("Target"), "Score": gettext("Score"),
        "computed from the action plan's score": gettext(
            "computed from the action plan's score"),
        "quarter target": gettext("quarter target"), "reported": gettext("reported"),
        "verified": gettext("verified"), "Achievement": gettext("Achievement"),
        "e-disposals": gettext("e-disposals"),
        "hard-file disposals": gettext("hard-file disposals"), "Remarks": gettext("Remarks"),
        "Reason for the change": gettext("Reason for the change"), "reason": gettext("reason"),
        "Remove": gettext("Remove"), "Attach": gettext("Attach"),
        "Verified achievement": gettext("Verified achievement"), "Comment": gettext("Comment"),
        "Verify": gettext("Verify"), "Accept item": gettext("Accept item"),
        "Return item": gettext("Return item"),
    }
    return {key: mark_safe(text) for key, text in texts.items()}


def report_rows(context: Any) -> SafeString:
    """Every row of the report table for the page in `context` (the template's context)."""
    page: ReportPage = context["page"]
    plan_id = page.plan.pk
    token = context.get("csrf_token")
    csrf = _h('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token) \
        if token and token != "NOTPROVIDED" else SafeString()
    kib = gettext("PDF, PNG, JPEG, DOCX or XLSX; at most %(kib)s KiB.")
    shared = _Page(
        page=page, may_write=bool(context.get("may_write")),
        may_review=bool(context.get("may_review")),
        typed=context.get("typed") or {}, refused=context.get("refused") or {}, csrf=csrf,
        urls={name: _h("{}", reverse(f"progress:{name}", args=[plan_id])) for name in (
            "indicator", "evidence_download", "evidence_remove", "evidence_upload",
            "value_review")},
        period=_h("{}", page.period), text=_labels(),
        kib_note=mark_safe(kib % {"kib": _escaped(num(context.get("max_kib")))}),
    )
    return _joined(_row(shared, row) for row in page.rows)


def _row(p: _Page, row: IndicatorRow) -> SafeString:
    t = p.text
    target = row.best_level if row.best_level else row.annual_target
    if row.computed:
        achievement = _h('<span class="muted small">{}</span>',
                         t["computed from the action plan's score"])
    else:
        achievement = _joined(_cell(p, row, c) for c in row.cells)
    scored = _h(
        '<span data-testid="indicator-score">{}</span><div class="small muted">{}</div>',
        score(row.score.score), plabel(row.score.status, "status")) if row.score else ""
    out = _h(
        '<tr id="i-{ref}" data-ref="{ref}">\n'
        '<td><a href="{url}?ref={ref}">[{number}]</a> {name}<div class="small muted">'
        '{activity}</div></td>\n'
        '<td class="n" data-label="{weight_label}">{weight}</td>\n'
        '<td data-label="{target_label}">{target}</td>\n'
        '<td>{achievement}</td>\n'
        '<td>{evidence}</td>\n'
        '<td class="n" data-label="{score_label}">{scored}</td>\n'
        '</tr>\n',
        ref=row.ref, url=p.urls["indicator"], number=digits(row.ref), name=row.name,
        activity=row.activity, weight_label=t["Weight"], weight=num(row.weight),
        target_label=t["Target"], target=cell(target), achievement=achievement,
        evidence=_joined(_evidence(p, row, c) for c in row.cells),
        score_label=t["Score"], scored=scored,
    )
    if p.may_review:
        out += _joined(_review(p, row, c) for c in row.cells if c.reviewable)
    return out


def _cell(p: _Page, row: IndicatorRow, c: Cell) -> SafeString:
    """One quarter of the achievement column: target, what was reported and its review, and
    the fields to change it while the quarter is open."""
    t = p.text
    parts = [_h('<div class="cell" data-quarter="{}">', c.quarter)]
    if p.period == "year":
        parts.append(_h("<strong>{}</strong>", plabel(c.quarter, "period_short")))
    if c.target:
        parts.append(_h('<span class="small muted">{}: {}</span>', t["quarter target"],
                        cell(c.target)))
    v = c.value
    if v:
        verified = _h(' · {}: <strong data-testid="verified">{}</strong>', t["verified"],
                      cell(c.verified)) if c.verified else ""
        comment = _h(' <span class="small">“{}”</span>', v.review_comment) \
            if v.review_comment else ""
        parts.append(_h(
            '<div>{}: <span data-testid="reported">{}</span>{} · <span class="tag">{}</span>'
            "{}</div>",
            t["reported"], cell(c.reported) or "—", verified,
            plabel(v.review_state, "review_state"), comment))
    if p.may_write and c.editable:
        parts.append(_entry(p, row, c))
    parts.append("</div>")
    return _joined(parts, "\n")


def _shown(value: Any) -> str:
    """A stored field as the template shows `{{ x|default:'' }}`."""
    return localize(value) if value else ""


def _entry(p: _Page, row: IndicatorRow, c: Cell) -> SafeString:
    """The fields of one open quarter, bound to the page's "save all values" form; after a
    refused save, what was typed and why it was refused."""
    t = p.text
    key = f"{row.ref}|{c.quarter}"
    typed = p.typed.get(key) or {}
    err = p.refused.get(key, "")
    v = c.value
    inputs = v.inputs if v else {}
    fields = [_h(
        '<input type="hidden" form="report-values" name="entry" value="{key}">'
        '<input type="hidden" form="report-values" name="version-{key}" value="{version}">',
        key=key, version=localize(v.lock_version) if v else "0")]
    if row.derivation:
        for name, label in _DERIVED_INPUTS:
            stored = _shown(inputs.get(name))
            fields.append(_h(
                '<label>{label} <input form="report-values" name="input_{name}-{key}" size="6" '
                'value="{value}"></label><input type="hidden" form="report-values" '
                'name="orig-input_{name}-{key}" value="{stored}">',
                label=t[label], name=name, key=key,
                value=typed.get(f"input_{name}", "") if typed else stored, stored=stored))
    else:
        reported = cell(c.reported)
        invalid = _h(' aria-invalid="true" aria-describedby="err-{}"', key) if err else ""
        fields.append(_h(
            '<label>{label} <input form="report-values" name="value-{key}" size="10" '
            'value="{value}" data-testid="value-input"{invalid}></label><input type="hidden" '
            'form="report-values" name="orig-value-{key}" value="{reported}">',
            label=t["Achievement"], key=key,
            value=typed.get("value", "") if typed else reported, invalid=invalid,
            reported=reported))
    remarks = _shown(v.remarks) if v else ""
    fields.append(_h(
        '<label>{label} <input form="report-values" name="remarks-{key}" value="{value}">'
        '</label><input type="hidden" form="report-values" name="orig-remarks-{key}" '
        'value="{remarks}">',
        label=t["Remarks"], key=key, value=typed.get("remarks", "") if typed else remarks,
        remarks=remarks))
    if v and (v.reported_at or v.verified):
        fields.append(_h(
            '<label>{} <input form="report-values" name="reason-{}" data-testid="reason-input" '
            'value="{}"></label>', t["Reason for the change"], key, typed.get("reason") or ""))
    if err:
        fields.append(_h(
            '<p class="error" role="alert" id="err-{}" data-testid="value-error">{}</p>',
            key, err))
    return _h('<div class="entry small{}" data-entry="{}">{}</div>',
              " refused" if err else "", key, _joined(fields, "\n"))


def _evidence(p: _Page, row: IndicatorRow, c: Cell) -> SafeString:
    """One quarter of the evidence column: the texts a document named, the files (with their
    remove form while open) and the upload form."""
    t = p.text
    v = c.value
    writable = p.may_write and c.editable
    parts = [_h('<div data-testid="evidence-text">{}</div>', text)
             for text in (v.evidence_texts if v else ())]
    for ev in c.evidence:
        remove = _h(
            '<form method="post" action="{}" class="row small">{}<input type="hidden" '
            'name="period" value="{}"><input type="hidden" name="evidence_id" value="{}">{}'
            "<button>{}</button></form>",
            p.urls["evidence_remove"], p.csrf, p.period, ev.pk,
            _h('<input name="reason" placeholder="{}">', t["reason"])
            if v is not None and v.reported_at else "",
            t["Remove"]) if writable else ""
        parts.append(_h(
            '<div><a href="{}?id={}" data-testid="evidence-link">{}</a> '
            '<span class="small muted">{} B</span>\n{}</div>',
            p.urls["evidence_download"], ev.pk, ev.original_name, num(ev.size), remove))
    if writable and v:
        parts.append(_h(
            '<form method="post" enctype="multipart/form-data" action="{url}" class="small">'
            '{csrf}<input type="hidden" name="period" value="{period}"><input type="hidden" '
            'name="ref" value="{ref}"><input type="hidden" name="quarter" value="{quarter}">'
            '<input type="file" name="file" accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx" '
            'data-testid="evidence-file"> <button data-testid="upload-evidence">{attach}</button>'
            '<div class="muted">{note}</div></form>',
            url=p.urls["evidence_upload"], csrf=p.csrf, period=p.period, ref=row.ref,
            quarter=c.quarter, attach=t["Attach"], note=p.kib_note))
    return _joined(parts, "\n")


def _review(p: _Page, row: IndicatorRow, c: Cell) -> SafeString:
    """The supervising office's review form of one submitted value, in a row of its own."""
    t = p.text
    return _h(
        '<tr class="review"><td colspan="6"><form method="post" action="{url}" class="row small">'
        '{csrf}<input type="hidden" name="period" value="{period}"><input type="hidden" '
        'name="ref" value="{ref}"><input type="hidden" name="quarter" value="{quarter}">'
        "<strong>[{number}] {short}</strong> "
        '<label>{verified_label} <input name="verified" size="10" value="{verified}" '
        'data-testid="verify-input"></label> '
        '<label>{comment} <input name="comment" data-testid="review-comment"></label> '
        '<button name="decision" value="verify" data-testid="verify">{verify}</button> '
        '<button name="decision" value="accept">{accept}</button> '
        '<button name="decision" value="return" data-testid="return-item">{ret}</button>'
        "</form></td></tr>\n",
        url=p.urls["value_review"], csrf=p.csrf, period=p.period, ref=row.ref,
        quarter=c.quarter, number=digits(row.ref), short=plabel(c.quarter, "period_short"),
        verified_label=t["Verified achievement"], verified=cell(c.verified),
        comment=t["Comment"], verify=t["Verify"], accept=t["Accept item"],
        ret=t["Return item"])
