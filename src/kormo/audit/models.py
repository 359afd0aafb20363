"""History of changes and in-app notices: data and constraints only.

`ChangeRecord` keeps every change to a plan, a progress value, an evidence file or a state with
who, when, the values before and after (JSON) and the reason. Rows are written only by
`kormo.audit.services.record_change`, which services call explicitly in the same transaction as
the change (STYLE.md: no signals). They are never updated or deleted by Kormo.

`Notice` tells a person what waits for them (a returned report, a plan to approve, a report to
review, a report coming due or overdue); the same text goes out by e-mail through Django's
e-mail backend. A reminder carries a `key`, and a person never gets two notices of one key.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ChangeRecord(models.Model):
    """One change: `action` names the service ("plan.submit", "progress.record", ...)."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text too, so the record still says who it was after the account is deleted.
    actor_name = models.CharField(max_length=150, blank=True, default="")
    action = models.CharField(max_length=60)
    # The plan version the change belongs to; SET_NULL so that history outlives a deleted plan.
    plan = models.ForeignKey(
        "plans.Plan", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What was changed: a table label ("plans.plan", "progress.reportedvalue") and its id,
    # with a readable label ("1.1.1 Q2") for the history page.
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40, blank=True, default="")
    object_label = models.TextField(blank=True, default="")
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    reason = models.TextField(blank=True, default="")

    class Meta:
        ordering = ("-at", "-pk")
        indexes = (
            models.Index(fields=["plan", "at"], name="change_plan_at_idx"),
            models.Index(fields=["object_type", "object_id"], name="change_object_idx"),
            # A plan's last change, and the last change without a plan, in one probe each:
            # the marks of cached pages (kormo.audit.marks).
            models.Index(fields=["plan", "id"], name="change_plan_id_idx"),
            models.Index(fields=["id"], condition=models.Q(plan__isnull=True),
                         name="change_no_plan_id_idx"),
        )

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_label}"


class NoticeKind(models.TextChoices):
    PLAN_SUBMITTED = "plan_submitted", "plan submitted for approval"
    PLAN_RETURNED = "plan_returned", "plan returned"
    PLAN_APPROVED = "plan_approved", "plan approved, waiting for signatures"
    PLAN_SIGNED = "plan_signed", "plan signed"
    PLAN_REVISED = "plan_revised", "plan revision started"
    REPORT_SUBMITTED = "report_submitted", "report submitted for review"
    REPORT_RETURNED = "report_returned", "report returned"
    REPORT_ACCEPTED = "report_accepted", "report accepted"
    # Reminders of deadlines (kormo.agreements.reminders.remind, run once a day by the operator).
    REPORT_DUE_SOON = "report_due_soon", "report due soon"
    REPORT_OVERDUE = "report_overdue", "report overdue"
    REVIEW_WAITING = "review_waiting", "report waiting for review"
    # ... and of agreements left waiting (a plan submitted and not approved, or approved and
    # not signed by both parties).
    AGREEMENT_APPROVAL_WAITING = "agreement_approval_waiting", "agreement waiting for approval"
    AGREEMENT_SIGNATURE_WAITING = ("agreement_signature_waiting",
                                   "agreement waiting for a signature")


class Notice(models.Model):
    """A message for one person; unread until they open it."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kormo_notices"
    )
    kind = models.CharField(max_length=30, choices=NoticeKind.choices)
    plan = models.ForeignKey(
        "plans.Plan", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text_bn = models.TextField()
    text_en = models.TextField()
    url = models.CharField(max_length=500, blank=True, default="")
    # What a reminder is about ("overdue:12:Q1:2022-10-15"): a person gets one notice per key,
    # however often the reminders run. Blank for the notices of a change.
    key = models.CharField(max_length=120, blank=True, default="", db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes = (
            models.Index(fields=["recipient", "read_at"], name="notice_recipient_read_idx"),
            # A person's last notice (their pages' mark, kormo.audit.marks) in one probe.
            models.Index(fields=["recipient", "id"], name="notice_recipient_id_idx"),
        )
        constraints = (
            # Two reminder runs at once cannot both tell one person the same thing.
            models.UniqueConstraint(fields=["recipient", "key"], condition=~models.Q(key=""),
                                    name="notice_recipient_key_unique"),
        )

    def __str__(self) -> str:
        return f"{self.recipient} · {self.kind}"
