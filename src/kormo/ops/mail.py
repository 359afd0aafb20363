"""E-mail through the task queue: queued in the caller's transaction, sent by the worker.

A request (or the reminder run) only writes `MailDelivery` rows and queues one task per row, so
a slow or dead SMTP server never holds up a page. The worker sends each message to one
recipient (people do not see each other's addresses; one bad address does not stop the rest),
with EMAIL_TIMEOUT on the connection. A failure is retried after 1, 2, 4 ... minutes (at most
an hour apart) until KORMO_MAIL_ATTEMPTS attempts; then the row is `failed` for good.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from kormo.ops.models import MailDelivery, MailStatus

log = logging.getLogger("kormo.mail")

MAX_DELAY = timedelta(hours=1)


def mail_queue(messages: Iterable[tuple[str, int | None]], *, subject: str, body: str
               ) -> list[MailDelivery]:
    """Queue one e-mail per (address, notice id); the tasks are queued when the caller's
    transaction commits, so nobody is mailed about a change that was rolled back."""
    rows = MailDelivery.objects.bulk_create(
        MailDelivery(to=to, notice_id=notice_id, subject=subject[:200], body=body)
        for to, notice_id in messages if to)
    if rows:
        ids = [r.pk for r in rows]
        transaction.on_commit(lambda: _enqueue(ids))
    return rows


def mail_queue_each(messages: Iterable[tuple[str, str, str]]) -> list[MailDelivery]:
    """Queue one e-mail per (address, subject, body), each its own text (invitations): one
    insert for all of them, the tasks queued when the caller's transaction commits."""
    rows = MailDelivery.objects.bulk_create(
        MailDelivery(to=to, subject=subject[:200], body=body)
        for to, subject, body in messages if to)
    if rows:
        ids = [r.pk for r in rows]
        transaction.on_commit(lambda: _enqueue(ids))
    return rows


def _enqueue(ids: list[int]) -> None:
    from kormo.ops.tasks import deliver_mail

    for pk in ids:
        deliver_mail.enqueue(pk)


def retry_delay(attempts: int) -> timedelta:
    base = timedelta(seconds=getattr(settings, "KORMO_MAIL_RETRY_SECONDS", 60))
    return min(base * 2 ** max(attempts - 1, 0), MAX_DELAY)


def deliver(delivery_id: int, *, retry: Callable[[datetime], object]) -> str:
    """Send the queued e-mail `delivery_id` once; schedule `retry(at)` after a failure."""
    row = MailDelivery.objects.filter(pk=delivery_id).first()
    if row is None or row.status != MailStatus.QUEUED:
        return row.status if row else "missing"
    message = EmailMessage(row.subject, row.body, settings.DEFAULT_FROM_EMAIL, [row.to])
    row.attempts += 1
    try:
        message.send(fail_silently=False)
    except Exception as exc:  # any SMTP, socket or TLS error: recorded, retried
        row.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        fields = {"delivery_id": row.pk, "attempts": row.attempts, "error": row.last_error}
        if row.attempts >= settings.KORMO_MAIL_ATTEMPTS:
            row.status = MailStatus.FAILED
            row.next_attempt_at = None
            log.error("e-mail to %s failed for good", row.to, extra=fields)
        else:
            row.next_attempt_at = timezone.now() + retry_delay(row.attempts)
            log.warning("e-mail to %s failed, will retry", row.to, extra=fields)
        row.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
        if row.status == MailStatus.QUEUED:
            retry(row.next_attempt_at)
        return row.status
    row.status = MailStatus.SENT
    row.sent_at = timezone.now()
    row.next_attempt_at = None
    row.save(update_fields=["attempts", "status", "sent_at", "next_attempt_at"])
    log.info("e-mail sent to %s", row.to, extra={"delivery_id": row.pk, "attempts": row.attempts})
    return row.status


def mail_requeue(rows: Iterable[MailDelivery]) -> int:
    """Send failed e-mails again (the admin's action): a fresh round of attempts."""
    ids = [r.pk for r in rows if r.status == MailStatus.FAILED]
    MailDelivery.objects.filter(pk__in=ids).update(status=MailStatus.QUEUED, attempts=0,
                                                   next_attempt_at=None)
    transaction.on_commit(lambda: _enqueue(ids))
    return len(ids)
