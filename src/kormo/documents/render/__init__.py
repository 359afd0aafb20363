"""Domain plans → official documents (PDF, DOCX, XLSX) and data exports (JSON, CSV).

Pure: imports `kormo.domain` and the file libraries (typst, python-docx, openpyxl) only,
never Django, so `kormo export --from FILE` needs no database and the web app can call the
same functions with a plan loaded from its tables.

    from kormo.documents.render import export
    pdf = export(plans, "pdf", kind="apa", lang="bn")

`build_document` makes the format-neutral `Document` (see `model`); `render_pdf`,
`render_docx` and `render_xlsx` write it; `export` does both, and also writes the plan
format (JSON) and the per-indicator scores (CSV).
"""

from __future__ import annotations

from collections.abc import Sequence

from kormo.documents.render.layout import DocumentKind, build_document, find_plan
from kormo.documents.render.model import Document
from kormo.documents.render.pdf import FontsMissingError, render_pdf
from kormo.documents.render.scores_csv import scores_csv
from kormo.domain import planformat
from kormo.domain.plan import Plan, Quarter
from kormo.domain.rules import RuleSet

DOCUMENT_FORMATS = ("pdf", "docx", "xlsx")
DATA_FORMATS = ("json", "csv")
FORMATS = DOCUMENT_FORMATS + DATA_FORMATS
EXTENSIONS = {f: f".{f}" for f in FORMATS}
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "csv": "text/csv",
}

def render_docx(doc: Document) -> bytes:
    """The document as DOCX (python-docx is imported only when a DOCX is asked for)."""
    from kormo.documents.render.docx import render_docx as write

    return write(doc)


def render_xlsx(doc: Document) -> bytes:
    """The document as XLSX (openpyxl, which loads numpy, is imported only when needed)."""
    from kormo.documents.render.xlsx import render_xlsx as write

    return write(doc)


_WRITERS = {"pdf": render_pdf, "docx": render_docx, "xlsx": render_xlsx}


def render(doc: Document, fmt: str) -> bytes:
    """A built document written as "pdf", "docx" or "xlsx"."""
    if fmt not in _WRITERS:
        raise ValueError(f"format must be one of {DOCUMENT_FORMATS}, not {fmt!r}")
    return _WRITERS[fmt](doc)


def export(
    plans: Sequence[Plan],
    fmt: str,
    *,
    kind: DocumentKind | str = DocumentKind.AUTO,
    lang: str = "bn",
    plan_id: str | None = None,
    quarter: Quarter | str | None = None,
    rules: RuleSet | None = None,
) -> bytes:
    """The plans of one file as a document or data file in format `fmt` (see FORMATS).

    json: the plan format (the plan `plan_id`, else all plans); csv: one row per indicator
    with its scores (through `quarter` when given); pdf/docx/xlsx: the document `kind`.
    """
    q = Quarter(quarter) if quarter else None
    if fmt == "json":
        chosen = [find_plan(plans, plan_id)] if plan_id else list(plans)
        return planformat.dumps(chosen).encode("utf-8")
    if fmt == "csv":
        if plan_id:
            find_plan(plans, plan_id)
        # With a byte-order mark: Excel then reads the Bengali names as UTF-8.
        return scores_csv(plans, plan_id=plan_id, quarter=q, rules=rules).encode("utf-8-sig")
    doc = build_document(plans, kind, lang=lang, plan_id=plan_id, quarter=q, rules=rules)
    return render(doc, fmt)


__all__ = [
    "DATA_FORMATS",
    "DOCUMENT_FORMATS",
    "EXTENSIONS",
    "FORMATS",
    "MEDIA_TYPES",
    "Document",
    "DocumentKind",
    "FontsMissingError",
    "build_document",
    "export",
    "render",
    "render_docx",
    "render_pdf",
    "render_xlsx",
    "scores_csv",
]
