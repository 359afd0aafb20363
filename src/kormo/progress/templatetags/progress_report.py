"""`{% load progress_report %}` … `{% report_rows %}`: the report page's table rows, written by
`kormo.progress.report_rows` (a library of its own: those rows use the `progress` filters).

`{% kept "name" var … %}…{% endkept %}`: a part of the report page rendered once a process
for each value of the variables it names (with the page's language, the site's address
prefix and URL map), then the same markup again. The report page is rendered after nearly
every save at the reporting deadline, and most of its frame (its heading, menus, document
links, the table's head, the forms' fixed parts) is the same every time. Only for markup
that depends on nothing but the variables named: never a CSRF token, a person or a value of
the request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from kormo.progress.report_rows import report_rows as _rows

register = template.Library()

# Parts kept a process: a few for each plan, period and language shown lately (~1 KB each).
KEPT_SIZE = 4096
_kept: OrderedDict[tuple[Hashable, ...], SafeString] = OrderedDict()
_lock = threading.Lock()


@register.simple_tag(takes_context=True)
def report_rows(context: Any) -> SafeString:
    return _rows(context)


class KeptNode(template.Node):
    def __init__(self, nodelist: NodeList, vary: list[FilterExpression]) -> None:
        self.nodelist = nodelist
        self.vary = vary

    def render(self, context: template.Context) -> SafeString:
        key = (self, get_language(), get_script_prefix(), get_urlconf(),
               *(v.resolve(context) for v in self.vary))
        with _lock:
            known = _kept.get(key)
            if known is not None:
                _kept.move_to_end(key)
                return known
        rendered = mark_safe(self.nodelist.render(context))
        with _lock:
            _kept[key] = rendered
            while len(_kept) > KEPT_SIZE:
                _kept.popitem(last=False)
        return rendered


@register.tag
def kept(parser: Parser, token: Token) -> KeptNode:
    """`{% kept "name" var … %}…{% endkept %}` (the name says what the part is)."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% kept %} takes the part's name, then variables")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, [parser.compile_filter(bit) for bit in bits[2:]])
