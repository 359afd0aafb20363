"""A page served again, as rendered, while what it shows has not changed.

At a reporting deadline the same people open the same pages again and again (the report page,
their office's year, the home page, a supervisor's dashboard) while most of what those pages
show stays as it was. A view that can say, in one cheap query, what its page depends on (its
*mark*: the last recorded change of its plans, the stored scores' times, the person's unread
notices, ...) hands that mark to `cached_page`; while the mark is the same, the page comes
from the cache instead of a dozen queries and a template.

The cache key holds everything else a page can depend on: the address with its query, the
language, the person, their session and CSRF secret (the page's forms carry a token for that
secret), today's date (due dates turn "late"), the release (`KORMO_RELEASE`) and the code's
files: the pages are kept in files shared by the machine's workers (kormo.web.page_files),
which outlive the processes, and a page of other templates must never be served.
A page is stored only when it is a plain 200 answer rendered without a flash message, a new
cookie or a new CSRF secret; a person with a message waiting gets a fresh page (which shows
it). Entries live at most `KORMO_PAGE_CACHE_SECONDS`: the bound for a change made outside
the recorded paths (a database edited by hand). The views still run their access check on
every request: a cached page is never shown to someone who may no longer see it.

The mark must be read before the page is rendered and from the same database: a page rendered
after its mark is at least as new as the mark, never older (docs/architecture.md, "Pages
served from the cache").
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string

CACHE = "pages"
# What the answer header says: "hit" (from the cache), "miss" (rendered and stored), "skip"
# (rendered, not storable: a message shown, a cookie set, ...).
HEADER = "X-Kormo-Page-Cache"


@dataclass(frozen=True, slots=True)
class Recheck:
    """A second mark, of what only the rendered page knows (the offices listed on one page of
    a dashboard): the view sets it on its response as `page_recheck`, and every later use of
    the stored page reads `recheck(arg)` again and compares it with `mark`."""

    arg: Any
    mark: str


@dataclass(frozen=True, slots=True)
class _Stored:
    """A page kept once: compressed as GZipMiddleware would (with its random padding against
    BREACH) when that is smaller, as it is for every page but the tiniest; the few browsers
    that do not take gzip get it decompressed."""

    content_type: str
    recheck: Recheck | None
    body: bytes
    gzipped: bool

    @property
    def size(self) -> int:
        return len(self.body)


def _stored(response: HttpResponse, recheck: Recheck | None) -> _Stored:
    content = response.content
    packed = compress_string(content, max_random_bytes=GZipMiddleware.max_random_bytes)
    if len(packed) < len(content):
        return _Stored(response["Content-Type"], recheck, packed, True)
    return _Stored(response["Content-Type"], recheck, content, False)


def _answer(request: HttpRequest, stored: _Stored, how: str) -> HttpResponse:
    if not stored.gzipped:
        response = HttpResponse(stored.body, content_type=stored.content_type)
    elif re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response = HttpResponse(stored.body, content_type=stored.content_type)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(stored.body), content_type=stored.content_type)
    if stored.gzipped:
        patch_vary_headers(response, ("Accept-Encoding",))
    response[HEADER] = how
    return response


def code_identity(root: Path) -> str:
    """The running code's files (how many, their sizes, the newest change): the pages are kept
    in files that outlive the processes (kormo.web.page_files), so a page rendered by other
    code (a new release without a new KORMO_RELEASE, a template edited) is never served."""
    count = size = newest = 0
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [d for d in subfolders if d != "__pycache__"]
        for name in files:
            found = os.stat(os.path.join(folder, name))
            count, size, newest = count + 1, size + found.st_size, max(newest,
                                                                       found.st_mtime_ns)
    return f"{count}.{size}.{newest}"


_CODE = code_identity(Path(__file__).resolve().parents[1])  # the kormo package


def page_key(request: HttpRequest, mark: str) -> str:
    """The cache key of this request's page under `mark`."""
    session = getattr(request, "session", None)
    parts = (
        settings.KORMO_RELEASE, _CODE, request.get_full_path(), translation.get_language() or "",
        str(getattr(request.user, "pk", "")), getattr(session, "session_key", "") or "",
        request.META.get("CSRF_COOKIE", ""), dt.date.today().isoformat(), mark,
    )
    return "page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


# A page kept takes at most this much memory, compressed (a dashboard of 50 offices is
# ~300 KB, ~40 KB gzipped); a larger one (a report page of a plan with thousands of rows) is
# rendered each time: the cache's memory stays bounded by its entries times this.
MAX_BYTES = 256 * 1024


def _storable(request: HttpRequest, response: HttpResponse, csrf_before: str) -> bool:
    return (response.status_code == 200 and not response.streaming and not response.cookies
            and request.META.get("CSRF_COOKIE", "") == csrf_before
            and not getattr(getattr(request, "session", None), "modified", False))


def cached_page(request: HttpRequest, mark: str | None, render: Callable[[], HttpResponse],
                *, recheck: Callable[[Any], str] | None = None) -> HttpResponse:
    """The page of `render()`, from the cache while `mark` is unchanged (and the stored
    page's `Recheck`, with `recheck`). `mark` None: this page is not cached for this request
    (rendered as always)."""
    csrf_before = request.META.get("CSRF_COOKIE", "")
    # A waiting message is shown (and used up) by a fresh render; a page without a CSRF
    # cookie yet gets one with its first render.
    if (mark is None or not getattr(settings, "KORMO_PAGE_CACHE_SECONDS", 0)
            or request.method != "GET" or not csrf_before
            or len(messages.get_messages(request))):
        response = render()
        response[HEADER] = "skip"
        return response
    cache = caches[CACHE]
    key = page_key(request, mark)
    stored = cache.get(key)
    if isinstance(stored, _Stored) and (stored.recheck is None or (
            recheck is not None and recheck(stored.recheck.arg) == stored.recheck.mark)):
        return _answer(request, stored, "hit")
    response = render()
    if not _storable(request, response, csrf_before):
        response[HEADER] = "skip"
        return response
    again = getattr(response, "page_recheck", None)
    stored = _stored(response, again if isinstance(again, Recheck) else None)
    if stored.size > MAX_BYTES:
        response[HEADER] = "skip"
        return response
    cache.set(key, stored, settings.KORMO_PAGE_CACHE_SECONDS)
    return _answer(request, stored, "miss")


__all__ = ["CACHE", "HEADER", "Recheck", "cached_page", "page_key"]
