"""`{% load progress_report %}` … `{% report_rows %}`: the report page's table rows, written by
`kormo.progress.report_rows` (a library of its own: those rows use the `progress` filters)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from kormo.progress.report_rows import report_rows as _rows

register = template.Library()


@register.simple_tag(takes_context=True)
def report_rows(context: Any) -> SafeString:
    return _rows(context)
