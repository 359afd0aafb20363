"""Tasks run in the caller during tests (Django's immediate backend), so that a test sees the
e-mail of a notice in `mail.outbox` once the transaction commits. The worker itself, with the
database queue and a real SMTP server, is tested in tests/ops."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _tasks_run_in_process() -> Iterator[None]:
    from django.conf import settings

    if not settings.configured:  # the pure domain tests run without Django
        yield
        return
    from django.test import override_settings

    with override_settings(TASKS=IMMEDIATE):
        yield
