"""The Bengali web font, served by the app itself from Debian's fonts-noto-core.

Why not a CDN: offices work on slow or filtered connections, and a page must not depend on a
third-party host. Why not a copy in the repository: the font is Debian's package (licensed and
updated there); the Makefile installs it (`RUN_DEB_PACKAGES`). The files are read from
`settings.KORMO_FONT_DIR` and sent with a year-long cache lifetime, so a phone downloads them
once. A missing file is a 404 and the browser falls back to its own Bengali font.
"""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

# The only files served: name in the URL → file name in the font folder.
FONT_FILES = {
    "NotoSansBengali-Regular.ttf": "NotoSansBengali-Regular.ttf",
    "NotoSansBengali-Bold.ttf": "NotoSansBengali-Bold.ttf",
}
CACHE_SECONDS = 365 * 24 * 3600


@require_GET
def font(request: HttpRequest, name: str) -> FileResponse:
    file_name = FONT_FILES.get(name)
    if file_name is None:
        raise Http404()
    path = settings.KORMO_FONT_DIR / file_name
    try:
        handle = path.open("rb")
    except OSError:
        raise Http404() from None
    response = FileResponse(handle, content_type="font/ttf")
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}, immutable"
    response["Access-Control-Allow-Origin"] = "*"
    return response
