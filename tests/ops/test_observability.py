"""Logs, health, metrics and headers of every answer."""

from __future__ import annotations

import io
import json
import logging
import re
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from kormo.ops.logs import JsonFormatter

SRC = Path(__file__).resolve().parents[2] / "src" / "kormo"


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """What the configured stdout handler writes (settings.LOGGING), captured."""
    handler = next(h for h in logging.getLogger().handlers
                   if isinstance(h.formatter, JsonFormatter))
    stream = io.StringIO()
    # Swapped without `setStream`, which flushes the old stream: under pytest's capture the
    # stream the handler was configured with may be closed by now.
    with handler.lock:
        old, handler.stream = handler.stream, stream
    try:
        yield stream
    finally:
        with handler.lock:
            handler.stream = old


def _lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


@pytest.mark.django_db
@pytest.mark.urls("tests.ops.urls_boom")
def test_a_500_leaves_its_traceback_with_the_request_fields(log_lines: io.StringIO) -> None:
    user = get_user_model().objects.create_user("focal", password="x")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    answer = client.get("/boom/")
    assert answer.status_code == 500
    request_id = answer["X-Request-ID"]
    lines = _lines(log_lines)
    error = next(x for x in lines if x["level"] == "error")
    assert "ZeroDivisionError: forced for the test" in error["traceback"]
    assert (error["request_id"], error["path"]) == (request_id, "/boom/")
    access = next(x for x in lines if x["logger"] == "kormo.request")
    assert (access["request_id"], access["status"], access["user_id"]) == (
        request_id, 500, user.pk)
    assert access["duration_ms"] >= 0 and access["method"] == "GET"


@pytest.mark.django_db
def test_health_and_readiness(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    client = Client()
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "database": "ok", "storage": "ok", "queue": "ok"}


@pytest.mark.django_db
def test_readiness_fails_when_no_worker_takes_the_queue(settings: pytest.FixtureRequest) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from kormo.ops.tasks import deliver_mail

    result = deliver_mail.enqueue(1)
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=timezone.now() - timedelta(hours=1))
    ready = Client().get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["queue"].startswith("failed") and ready.json()["database"] == "ok"


@pytest.mark.django_db
def test_metrics_only_for_operators(settings: pytest.FixtureRequest) -> None:
    settings.KORMO_METRICS_TOKEN = "operator-token-123"
    client = Client()
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    answer = client.get("/metrics", HTTP_AUTHORIZATION="Bearer operator-token-123")
    assert answer.status_code == 200 and b"django_http_requests" in answer.content
    settings.KORMO_METRICS_ADDRESSES = ["10.0.0.5"]
    assert client.get("/metrics", REMOTE_ADDR="10.0.0.5").status_code == 200


@pytest.mark.django_db
def test_pages_carry_a_strict_script_policy_and_private_ones_no_store() -> None:
    user = get_user_model().objects.create_user("focal", password="x")
    client = Client()
    client.force_login(user)
    page = client.get("/offices/")
    csp = dict(part.strip().split(" ", 1) for part in page["Content-Security-Policy"].split(";"))
    assert csp["script-src"] == "'self'" and csp["frame-ancestors"] == "'none'"
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    public = Client().get("/public/")
    assert "no-store" not in public.get("Cache-Control", "")


def test_templates_hold_no_inline_script() -> None:
    # Inline scripts and event-handler attributes would need 'unsafe-inline' in the policy;
    # json_script's data blocks are not executed and stay allowed.
    found = []
    for template in SRC.glob("**/templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            # A JSON data block (type="application/json", escaped like json_script) is never
            # executed, so the policy does not need to allow it.
            if "src=" not in tag and 'type="application/json"' not in tag:
                found.append(f"{template.name}: {tag}")
        found += [f"{template.name}: {m}" for m in re.findall(r"\son[a-z]+\s*=", text)]
        found += [f"{template.name}: {m}" for m in re.findall(r"javascript:", text)]
    assert found == []


@pytest.mark.django_db
def test_an_idle_session_ends(settings: pytest.FixtureRequest) -> None:
    from django.core import signing

    from kormo.ops.middleware import SessionLifetimeMiddleware as Idle

    user = get_user_model().objects.create_user("focal", password="x")
    client = Client()
    client.force_login(user)
    assert client.get("/offices/").status_code == 200
    assert Idle.COOKIE in client.cookies
    # A minute ago: still in; the clock is renewed.
    client.cookies[Idle.COOKIE] = signing.dumps(int(time.time()) - 61, salt=Idle.SALT)
    assert client.get("/offices/").status_code == 200
    # Longer than the idle limit ago: logged out, for good.
    idle = int(time.time()) - settings.KORMO_SESSION_IDLE - 5
    client.cookies[Idle.COOKIE] = signing.dumps(idle, salt=Idle.SALT)
    answer = client.get("/offices/")
    assert answer.status_code == 302 and answer["Location"].startswith("/login/")
    assert "_auth_user_id" not in client.session
    assert client.get("/offices/").status_code == 302
    # A forged clock (not signed by the site) is no clock: it does not keep anyone in.
    client.force_login(user)
    client.cookies[Idle.COOKIE] = "12345"
    assert client.get("/offices/").status_code == 200
