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
"""

from __future__ import annotations

import random

from django.core.cache.backends.filebased import FileBasedCache


class PageFiles(FileBasedCache):
    CULL_EVERY = 50

    def _cull(self) -> None:
        if random.randrange(self.CULL_EVERY) == 0:
            super()._cull()
