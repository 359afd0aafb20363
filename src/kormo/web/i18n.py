"""The page's language as the domain functions take it: "bn" or "en".

Django's active language may be "bn", "en", "en-us" or unset; the pure formatting functions of
`kormo.domain` (numerals, dates, findings) know only "bn" and "en". Bengali is the default
(the users are Bengali-first), so anything that is not English counts as Bengali.

`message(exc)` is the one way a page shows what a service or the domain said: every error
(`InputError` and its coded subclasses) and every problem of a form carries `bn` and `en`,
and the page picks the one of its language; `both(exc)` gives the page's first, then the other
(for a message the person may have to pass on).
"""

from __future__ import annotations

from typing import Literal, Protocol

from django.utils.translation import get_language

Lang = Literal["bn", "en"]


def page_lang() -> Lang:
    lang = (get_language() or "bn").lower()
    return "en" if lang.startswith("en") else "bn"


class Bilingual(Protocol):
    """Anything that says something in both languages: errors, problems, findings."""

    @property
    def bn(self) -> str: ...

    @property
    def en(self) -> str: ...


def message(said: Bilingual, lang: Lang | None = None) -> str:
    """What `said` says in the page's language (or `lang`)."""
    return said.bn if (lang or page_lang()) == "bn" else said.en


def both(said: Bilingual) -> tuple[str, str]:
    """The page's language first, then the other."""
    return (said.bn, said.en) if page_lang() == "bn" else (said.en, said.bn)
