"""Background tasks through the Django tasks API (django-tasks now, django.tasks on Django 6)."""

from __future__ import annotations

from datetime import datetime

try:  # Django 6
    from django.tasks import task  # type: ignore[import-not-found]
except ImportError:  # Django 5.2: the django-tasks backport
    from django_tasks import task

from kormo.ops import mail


@task()
def deliver_mail(delivery_id: int) -> str:
    """Send one queued e-mail; after a failure the task queues itself again for later."""
    return mail.deliver(delivery_id, retry=_retry(delivery_id))


def _retry(delivery_id: int):  # type: ignore[no-untyped-def]
    def later(at: datetime) -> None:
        # The in-process backend (KORMO_TASKS_IMMEDIATE) cannot defer: the row stays queued
        # and the admin's "send again" or a worker install picks it up.
        if deliver_mail.get_backend().supports_defer:
            deliver_mail.using(run_after=at).enqueue(delivery_id)
    return later
