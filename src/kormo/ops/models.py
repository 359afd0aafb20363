"""E-mails waiting for the worker, sent, or given up: one row per message and recipient.

A notice's e-mail counts as delivered only when its row is `sent` (the SMTP server took it).
Rows that failed every attempt stay `failed` with the last error, listed for administrators in
the admin (Operations → E-mails) and logged at error level.
"""

from __future__ import annotations

from django.db import models


class MailStatus(models.TextChoices):
    QUEUED = "queued", "waiting to be sent"
    SENT = "sent", "sent"
    FAILED = "failed", "failed (no more attempts)"


class MailDelivery(models.Model):
    notice = models.ForeignKey("audit.Notice", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    to = models.CharField(max_length=254)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=MailStatus.choices,
                              default=MailStatus.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = "e-mail"
        verbose_name_plural = "e-mails"
        indexes = (models.Index(fields=["status", "created_at"], name="mail_status_idx"),)

    def __str__(self) -> str:
        return f"{self.to} · {self.subject[:40]} · {self.status}"
