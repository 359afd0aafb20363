"""Where the page cache (kormo.web.page_cache) keeps its pages: files in one folder, shared by
every worker process of a machine.

In each process's memory, a page rendered by one gunicorn worker was served only by that
worker; the next request of the same person, sent to another worker, rendered it again (at the
deadline half the report pages a focal point opened were rendered twice or three times).
Django's file cache shares them: a page is written once to a temporary file and moved into
place, so a reader never sees half a page.

Django's file cache counts its folder on every page stored (to cull the oldest third when it is
full): thousands of files listed at each store. This store counts one time in `CULL_EVERY`; the
folder can then hold a few more pages than its limit between two counts.

A cache must never break the page it serves: a full disk, a folder that cannot be written or a
damaged file is logged and the page is rendered as if nothing were kept.
"""

from __future__ import annotations

import logging
import pickle
import random
import zlib
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache

log = logging.getLogger("kormo.page_cache")
# What a folder or a file of the cache can raise that Django's file cache lets through.
_BROKEN = (OSError, EOFError, pickle.UnpicklingError, zlib.error)


class PageFiles(FileBasedCache):
    CULL_EVERY = 50

    def _createdir(self) -> None:
        try:
            super()._createdir()
        except OSError:  # storing will fail and say so; reading finds nothing
            log.warning("page cache: its folder could not be made", exc_info=True)

    def _cull(self) -> None:
        if random.randrange(self.CULL_EVERY) == 0:
            super()._cull()

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        try:
            return super().get(key, default, version)
        except _BROKEN:
            log.warning("page cache: a kept page could not be read", exc_info=True)
            return default

    def set(self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT,
            version: int | None = None) -> None:
        try:
            super().set(key, value, timeout, version)
        except _BROKEN:
            log.warning("page cache: a page could not be kept", exc_info=True)
