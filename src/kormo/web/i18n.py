"""The page's language as the domain functions take it: "bn" or "en".

Django's active language may be "bn", "en", "en-us" or unset; the pure formatting functions of
`kormo.domain` (numerals, dates, findings) know only "bn" and "en". Bengali is the default
(the users are Bengali-first), so anything that is not English counts as Bengali.
"""

from __future__ import annotations

from typing import Literal

from django.utils.translation import get_language

Lang = Literal["bn", "en"]


def page_lang() -> Lang:
    lang = (get_language() or "bn").lower()
    return "en" if lang.startswith("en") else "bn"
