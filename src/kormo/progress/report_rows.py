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
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.formats import localize
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import get_language, gettext

from kormo.progress.evidence import removal_needs_reason
from kormo.progress.plan_content import PlanContent
from kormo.progress.report_reads import ShownFile
from kormo.progress.selectors import Cell, IndicatorRow, ReportPage
from kormo.progress.templatetags.progress import plabel, score
from kormo.web.templatetags.kormo import cell, digits, num

# The two inputs of a derived indicator (Scoring §4: e-file disposal), in the page's order.
_DERIVED_INPUTS = (("e_disposals", "e-disposals"), ("hard_file_disposals", "hard-file disposals"))
# What `html.escape` changes: most texts of a page have none of it and are kept as they are.
_SPECIAL = re.compile("[&<>\"']").search


def _escaped(value: Any) -> str:
    """`value` as the template writes it: escaped (as `django.utils.html.escape`), unless
    already safe HTML."""
    if isinstance(value, SafeData):
        return str(value)
    text = value if type(value) is str else str(value)
    return html.escape(text) if _SPECIAL(text) else text


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
    forms' addresses and CSRF field, the labels in the page's language, and the pieces of
    markup every file, upload form or review form of the page starts or ends with."""

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
    file_link: str  # a file's line up to its id
    remove_form: str  # a file's remove form up to its id
    upload_form: str  # the upload form up to its indicator
    labels: dict[tuple[str, str], str]  # plabel(code, group), escaped, as asked for
    values: dict[Any, str]  # cell(value), escaped, as asked for
    lang: str  # the active language


def _value(p: _Page, value: Any) -> str:
    """`cell(value)` escaped, once a page for each value (a value is shown in its cell and in
    its field)."""
    known = p.values.get(value)
    if known is None:
        known = p.values[value] = _escaped(cell(value))
    return known


def _label(p: _Page, code: str, group: str) -> str:
    """`plabel(code, group)` escaped, once a page."""
    known = p.labels.get((code, group))
    if known is None:
        known = p.labels[code, group] = _escaped(plabel(code, group))
    return known


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


_labels_of: dict[str, dict[str, SafeString]] = {}


def _page_labels() -> dict[str, SafeString]:
    """`_labels()` of the active language, translated once a process."""
    lang = get_language() or ""
    known = _labels_of.get(lang)
    if known is None:
        known = _labels_of[lang] = _labels()
    return known


def report_rows(context: Any) -> SafeString:
    """Every row of the report table for the page in `context` (the template's context)."""
    page: ReportPage = context["page"]
    plan_id = page.plan.pk
    token = context.get("csrf_token")
    csrf = _h('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token) \
        if token and token != "NOTPROVIDED" else SafeString()
    kib = gettext("PDF, PNG, JPEG, DOCX or XLSX; at most %(kib)s KiB.")
    urls = _plan_urls(plan_id)
    period = _h("{}", page.period)
    shared = _Page(
        page=page, may_write=bool(context.get("may_write")),
        may_review=bool(context.get("may_review")),
        typed=context.get("typed") or {}, refused=context.get("refused") or {}, csrf=csrf,
        urls=urls, period=period, text=_page_labels(),
        kib_note=mark_safe(kib % {"kib": _escaped(num(context.get("max_kib")))}),
        file_link=f'<div><a href="{urls["evidence_download"]}?id=',
        remove_form=(f'<form method="post" action="{urls["evidence_remove"]}" class="row small">'
                     f'{csrf}<input type="hidden" name="period" value="{period}">'
                     '<input type="hidden" name="evidence_id" value="'),
        upload_form=(f'<form method="post" enctype="multipart/form-data" '
                     f'action="{urls["evidence_upload"]}" class="small">{csrf}<input '
                     f'type="hidden" name="period" value="{period}"><input type="hidden" '
                     'name="ref" value="'),
        labels={}, values={}, lang=get_language() or "",
    )
    side = _plan_side(shared)
    return _joined(_row(shared, side, row) for row in page.rows)


_URL_NAMES = ("indicator", "evidence_download", "evidence_remove", "evidence_upload",
              "value_review")
_urls: OrderedDict[tuple[int, str, Any], dict[str, SafeString]] = OrderedDict()


def _plan_urls(plan_id: int) -> dict[str, SafeString]:
    """The addresses the rows' links and forms go to, escaped: reversed once a process for
    each plan (and address prefix and URL map)."""
    key = (plan_id, get_script_prefix(), get_urlconf())
    with _sides_lock:
        known = _urls.get(key)
        if known is not None:
            return known
    known = {name: _h("{}", reverse(f"progress:{name}", args=[plan_id])) for name in _URL_NAMES}
    with _sides_lock:
        _urls[key] = known
        while len(_urls) > SIDE_MEMO_SIZE:
            _urls.popitem(last=False)
    return known


# ---------------------------------------------------------------- what the plan alone decides


@dataclass(frozen=True)
class _PlanSide:
    """A page's markup that depends on the plan's version, the page's language and period
    only: each row up to its achievement cell (a computed row: up to its evidence cell) and
    each cell's opening (its quarter, its quarter's target)."""

    heads: dict[str, str]
    cell_heads: dict[tuple[str, str], str]


# Files' lines kept (~200 bytes each): the files of the pages shown lately.
FILE_LINES = 8192
# Kept for the plans shown lately: one entry per plan, language and period.
SIDE_MEMO_SIZE = 512
_SideKey = tuple[int, str, str, str]
_sides: OrderedDict[_SideKey, tuple[PlanContent, _PlanSide]] = OrderedDict()
_sides_lock = threading.Lock()


def _plan_side(p: _Page) -> _PlanSide:
    """The plan's side of the page's rows: kept under the plan's content (the same
    `PlanContent` object: one version of the plan), the language, the period and the
    indicator page's address; written again when any of them differs."""
    page = p.page
    key: _SideKey = (page.plan.pk, get_language() or "", page.period, p.urls["indicator"])
    with _sides_lock:
        kept = _sides.get(key)
        if kept is not None and kept[0] is page.content:
            _sides.move_to_end(key)
            return kept[1]
    side = _PlanSide({row.ref: _head(p, row) for row in page.rows},
                     {(row.ref, c.quarter): _cell_head(p, c) for row in page.rows
                      for c in row.cells})
    with _sides_lock:
        _sides[key] = (page.content, side)
        _sides.move_to_end(key)
        while len(_sides) > SIDE_MEMO_SIZE:
            _sides.popitem(last=False)
    return side


def _head(p: _Page, row: IndicatorRow) -> str:
    t = p.text
    target = row.best_level if row.best_level else row.annual_target
    ref = _escaped(row.ref)
    head = (
        f'<tr id="i-{ref}" data-ref="{ref}">\n'
        f'<td><a href="{p.urls["indicator"]}?ref={ref}">[{_escaped(digits(row.ref))}]</a> '
        f'{_escaped(row.name)}<div class="small muted">{_escaped(row.activity)}</div></td>\n'
        f'<td class="n" data-label="{t["Weight"]}">{_escaped(num(row.weight))}</td>\n'
        f'<td data-label="{t["Target"]}">{_escaped(cell(target))}</td>\n<td>')
    if row.computed:
        computed = t["computed from the action plan's score"]
        head += f'<span class="muted small">{computed}</span>'
    return head


def _cell_head(p: _Page, c: Cell) -> str:
    parts = [f'<div class="cell" data-quarter="{_escaped(c.quarter)}">']
    if p.period == "year":
        parts.append(f"<strong>{_label(p, c.quarter, 'period_short')}</strong>")
    if c.target:
        parts.append(f'<span class="small muted">{p.text["quarter target"]}: '
                     f"{_value(p, c.target)}</span>")
    return "\n".join(parts)


# ---------------------------------------------------------------- a row


def _row(p: _Page, side: _PlanSide, row: IndicatorRow) -> str:
    achievement = "" if row.computed else "".join(_cell(p, side, row, c) for c in row.cells)
    scored = (f'<span data-testid="indicator-score">{_escaped(score(row.score.score))}</span>'
              f'<div class="small muted">{_label(p, row.score.status, "status")}</div>'
              if row.score else "")
    out = (f'{side.heads[row.ref]}{achievement}</td>\n'
           f'<td>{"".join(_evidence(p, row, c) for c in row.cells)}</td>\n'
           f'<td class="n" data-label="{p.text["Score"]}">{scored}</td>\n</tr>\n')
    if p.may_review:
        out += "".join(_review(p, row, c) for c in row.cells if c.reviewable)
    return out


def _cell(p: _Page, side: _PlanSide, row: IndicatorRow, c: Cell) -> str:
    """One quarter of the achievement column: target, what was reported and its review, and
    the fields to change it while the quarter is open."""
    t = p.text
    out = side.cell_heads[row.ref, c.quarter]
    v = c.value
    if v:
        verified = (f' · {t["verified"]}: <strong data-testid="verified">'
                    f"{_value(p, c.verified)}</strong>" if c.verified else "")
        comment = (f' <span class="small">“{_escaped(v.review_comment)}”</span>'
                   if v.review_comment else "")
        out += (f'\n<div>{t["reported"]}: <span data-testid="reported">'
                f'{_value(p, c.reported) or "—"}</span>{verified} · <span class="tag">'
                f'{_label(p, v.review_state, "review_state")}</span>{comment}</div>')
    if p.may_write and c.editable:
        out += "\n" + _entry(p, row, c)
    return out + "\n</div>"


def _shown(value: Any) -> str:
    """A stored field as the template shows `{{ x|default:'' }}`."""
    return localize(value) if value else ""


def _entry(p: _Page, row: IndicatorRow, c: Cell) -> str:
    """The fields of one open quarter, bound to the page's "save all values" form; after a
    refused save, what was typed and why it was refused."""
    t = p.text
    raw_key = f"{row.ref}|{c.quarter}"
    key = _escaped(raw_key)
    typed = p.typed.get(raw_key) or {}
    err = p.refused.get(raw_key, "")
    v = c.value
    inputs = v.inputs if v else {}
    version = _escaped(localize(v.lock_version)) if v else "0"
    fields = [
        f'<input type="hidden" form="report-values" name="entry" value="{key}">'
        f'<input type="hidden" form="report-values" name="version-{key}" value="{version}">']
    if row.derivation:
        for name, label in _DERIVED_INPUTS:
            stored = _escaped(_shown(inputs.get(name)))
            shown = _escaped(typed.get(f"input_{name}", "")) if typed else stored
            fields.append(
                f'<label>{t[label]} <input form="report-values" name="input_{name}-{key}" '
                f'size="6" value="{shown}"></label><input type="hidden" form="report-values" '
                f'name="orig-input_{name}-{key}" value="{stored}">')
    else:
        reported = _value(p, c.reported)
        invalid = f' aria-invalid="true" aria-describedby="err-{key}"' if err else ""
        shown = _escaped(typed.get("value", "")) if typed else reported
        fields.append(
            f'<label>{t["Achievement"]} <input form="report-values" name="value-{key}" '
            f'size="10" value="{shown}" data-testid="value-input"{invalid}></label><input '
            f'type="hidden" form="report-values" name="orig-value-{key}" value="{reported}">')
    remarks = _escaped(_shown(v.remarks)) if v else ""
    shown = _escaped(typed.get("remarks", "")) if typed else remarks
    fields.append(
        f'<label>{t["Remarks"]} <input form="report-values" name="remarks-{key}" '
        f'value="{shown}"></label><input type="hidden" form="report-values" '
        f'name="orig-remarks-{key}" value="{remarks}">')
    if v and (v.reported_at or v.verified):
        fields.append(
            f'<label>{t["Reason for the change"]} <input form="report-values" name="reason-{key}" '
            f'data-testid="reason-input" value="{_escaped(typed.get("reason") or "")}"></label>')
    if err:
        fields.append(f'<p class="error" role="alert" id="err-{key}" '
                      f'data-testid="value-error">{_escaped(err)}</p>')
    joined = "\n".join(fields)
    return (f'<div class="entry small{" refused" if err else ""}" data-entry="{key}">'
            f"{joined}</div>")


@lru_cache(maxsize=FILE_LINES)
def _file_line(file_link: str, ev: ShownFile, lang: str) -> str:
    """A file's link and size (without its remove form), in the page's language `lang`
    (the active one): kept for the files shown lately, each listed on every render of its
    page."""
    return (f'{file_link}{ev.pk}" data-testid="evidence-link">{_escaped(ev.original_name)}'
            f'</a> <span class="small muted">{_escaped(num(ev.size))} B</span>\n')


def _evidence(p: _Page, row: IndicatorRow, c: Cell) -> str:
    """One quarter of the evidence column: the texts a document named, the files (with their
    remove form while open) and the upload form."""
    t = p.text
    v = c.value
    writable = p.may_write and c.editable
    parts = [f'<div data-testid="evidence-text">{_escaped(text)}</div>'
             for text in (v.evidence_texts if v else ())]
    if c.evidence:
        remove_end = ""
        if writable:
            reason = f'<input name="reason" placeholder="{t["reason"]}">' \
                if v is not None and removal_needs_reason(v) else ""
            remove_end = f'">{reason}<button>{t["Remove"]}</button></form>'
        for ev in c.evidence:
            remove = f"{p.remove_form}{ev.pk}{remove_end}" if writable else ""
            parts.append(f"{_file_line(p.file_link, ev, p.lang)}{remove}</div>")
    if writable and v:
        parts.append(
            f'{p.upload_form}{_escaped(row.ref)}"><input type="hidden" name="quarter" '
            f'value="{_escaped(c.quarter)}"><input type="file" name="file" '
            'accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx" data-testid="evidence-file"> <button '
            f'data-testid="upload-evidence">{t["Attach"]}</button><div class="muted">'
            f"{p.kib_note}</div></form>")
    return "\n".join(parts)


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
        quarter=c.quarter, number=digits(row.ref),
        short=mark_safe(_label(p, c.quarter, "period_short")),
        verified_label=t["Verified achievement"], verified=cell(c.verified),
        comment=t["Comment"], verify=t["Verify"], accept=t["Accept item"],
        ret=t["Return item"])
