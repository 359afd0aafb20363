"""Liveness, readiness and metrics for load balancers and monitoring.

`/healthz`: the process answers (no database touched, so a database outage does not make the
balancer restart every web server). `/readyz`: the database answers, the evidence storage can
be reached, and the task queue is being worked (no e-mail waiting longer than
KORMO_READY_QUEUE_LAG seconds); 503 with the failing part otherwise. `/metrics`: Prometheus
metrics, for operators only (a bearer token or a listed address), else 404.
"""

from __future__ import annotations

import hmac
import os
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_prometheus.exports import ExportToDjangoView

from kormo.ops.clientip import client_ip


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"status": "ok"})


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _storage() -> str:
    if isinstance(default_storage, FileSystemStorage):
        # The media folder is made at the first upload: its nearest existing parent must be
        # writable by the server.
        folder = os.path.abspath(default_storage.location)
        while not os.path.exists(folder):
            folder = os.path.dirname(folder)
        if not os.access(folder, os.W_OK):
            raise OSError(f"{folder} is not writable")
        return "ok"
    default_storage.exists("readyz-probe")  # S3: a HEAD request with the credentials
    return "ok"


def _queue() -> str:
    from django_tasks_db.models import DBTaskResult

    lag = int(getattr(settings, "KORMO_READY_QUEUE_LAG", 900))
    oldest = DBTaskResult.objects.ready().order_by("enqueued_at").values_list(
        "run_after", "enqueued_at").first()
    if oldest is None:
        return "ok"
    waited_since = max(d for d in oldest if d.year < 9999)
    if timezone.now() - waited_since > timedelta(seconds=lag):
        raise RuntimeError(f"a task has waited since {waited_since.isoformat()}: is the "
                           "worker (kormo worker) running?")
    return "ok"


@never_cache
@require_GET
def readyz(request: HttpRequest) -> HttpResponse:
    parts: dict[str, str] = {}
    for name, probe in (("database", _database), ("storage", _storage), ("queue", _queue)):
        try:
            parts[name] = probe()
        except Exception as exc:  # any failure of a part is the answer, not a 500
            parts[name] = f"failed: {type(exc).__name__}: {exc}"[:300]
    ok = all(v == "ok" for v in parts.values())
    return JsonResponse({"status": "ok" if ok else "failed", **parts}, status=200 if ok else 503)


def _operator(request: HttpRequest) -> bool:
    token = settings.KORMO_METRICS_TOKEN
    given = request.META.get("HTTP_AUTHORIZATION", "").removeprefix("Bearer ").strip()
    if token and given and hmac.compare_digest(given, token):
        return True
    return client_ip(request) in settings.KORMO_METRICS_ADDRESSES


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    if not _operator(request):
        raise Http404
    return ExportToDjangoView(request)
