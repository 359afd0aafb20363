"""Serving the open data files (`kormo.public.opendata_files`) as static files: ETag and
Last-Modified with 304 answers, the gzip copy for clients that accept it, any website's
scripts allowed (no cookies involved). Behind a proxy the same folder can be served by it.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from kormo.public.opendata_files import FILES, open_data_dir

# Public on purpose: published data only (the files are written through the publication gate).
PUBLIC_VIEWS = ("data_file",)
_CODE = re.compile(r"^[-\w]+\Z")
_TYPES = {".json": "application/json; charset=utf-8", ".csv": "text/csv; charset=utf-8"}


def _path(code: str | None, name: str) -> Path:
    if name not in FILES or (code is not None and not _CODE.match(code)):
        raise Http404()
    folder = open_data_dir()
    return folder / name if code is None else folder / "offices" / code / name


@require_safe
def data_file(request: HttpRequest, name: str, code: str | None = None) -> HttpResponse:
    path = _path(code, name)
    try:
        stat = path.stat()
    except OSError:
        raise Http404() from None
    etag = f'"{stat.st_size:x}-{stat.st_mtime_ns:x}"'
    conditional = get_conditional_response(request, etag=etag,
                                           last_modified=int(stat.st_mtime))
    if conditional is not None:
        conditional["Access-Control-Allow-Origin"] = "*"
        return conditional
    gz = path.with_name(path.name + ".gz")
    gzipped = "gzip" in request.headers.get("Accept-Encoding", "") and gz.exists()
    response = FileResponse((gz if gzipped else path).open("rb"),
                            content_type=_TYPES[path.suffix])
    if gzipped:
        response["Content-Encoding"] = "gzip"
    response["Vary"] = "Accept-Encoding"
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stat.st_mtime)
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    if path.suffix == ".csv":
        response["Content-Disposition"] = f'attachment; filename="kormo-{code or "all"}-{name}"'
    return response
