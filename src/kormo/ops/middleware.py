"""Request-wide concerns of a production site: the log line of each request, session lifetime,
and no caching of anything that is not public."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from kormo.domain.errors import InputError
from kormo.ops.clientip import client_ip
from kormo.ops.logs import request_fields

log = logging.getLogger("kormo.request")

# An id sent by the proxy (nginx's $request_id) is kept so that both logs can be joined.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
# Paths polled by load balancers and monitoring: logged at debug level only.
_QUIET = ("/healthz", "/readyz", "/metrics")

Handler = Callable[[HttpRequest], HttpResponse]


class RequestLogMiddleware:
    """One line per request: id, user, method, path, status, duration (ms), client address."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        fields: dict[str, object] = {"request_id": request_id, "path": request.path,
                                     "method": request.method}
        token = request_fields.set(fields)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
        finally:
            request_fields.reset(token)
        user = getattr(request, "user", None)
        fields |= {
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            "user_id": user.pk if user is not None and user.is_authenticated else None,
            "client": client_ip(request),
        }
        level = logging.DEBUG if request.path.startswith(_QUIET) else logging.INFO
        log.log(level, "%s %s %s", request.method, request.path, response.status_code,
                extra=fields)
        response["X-Request-ID"] = request_id
        return response


class SessionLifetimeMiddleware:
    """Log a person out after KORMO_SESSION_IDLE seconds without a request.

    The time of the last request is kept in a signed cookie beside the session cookie, not in
    the session: writing the session would cost database queries on every page. A session
    without that cookie (a first request) starts its idle clock now. The session itself ends
    SESSION_COOKIE_AGE seconds after it was last written (at login; Django's own expiry)."""

    COOKIE = "kormo_seen"
    SALT = "kormo.ops.session-seen"
    # Renewing the cookie on every answer would defeat caching of nothing, but is noise:
    # once a minute suffices for an idle limit counted in minutes.
    RESOLUTION = 60

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        now = int(time.time())
        try:
            seen = int(signing.loads(request.COOKIES.get(self.COOKIE, ""), salt=self.SALT))
        except (signing.BadSignature, ValueError, TypeError):
            seen = None
        if seen is not None and now - seen > settings.KORMO_SESSION_IDLE:
            logout(request)
            response = redirect_to_login(request.get_full_path())
            response.delete_cookie(self.COOKIE)
            return response
        response = self.get_response(request)
        if seen is None or now - seen >= self.RESOLUTION:
            response.set_cookie(self.COOKIE, signing.dumps(now, salt=self.SALT), httponly=True,
                                secure=settings.SESSION_COOKIE_SECURE, samesite="Lax")
        return response


class PrivateDocumentsMiddleware:
    """`Cache-Control: private, no-store` on every answer outside the public site, static files
    and fonts, unless the view chose its own: drafts and reports stay out of shared caches and
    the browser cache of a shared office PC."""

    PUBLIC = ("/public/", "/static/", "/fonts/")

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(self.PUBLIC) and "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_store=True)
        return response


class InputErrorMiddleware:
    """A bilingual refusal (`InputError`) that no view caught becomes a 400 page with its
    message, not a server error: input the code did not foresee (a calendar-year plan on a
    fiscal-year page, say) is still the person's input, and they should read why."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not isinstance(exc, InputError):
            return None
        log.warning("refused: %s", exc.one_line(), exc_info=exc)
        lang = getattr(request, "LANGUAGE_CODE", "bn")
        return render(request, "web/error.html", {
            "lang": lang, "bn_title": "অনুরোধটি রাখা গেল না", "en_title": "Cannot do this",
            "bn_text": exc.bn, "en_text": exc.en}, status=400)
