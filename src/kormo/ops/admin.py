"""Administrators see every e-mail with its state and last error (and send failed ones
again), and every change made through the admin."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.db.models import QuerySet
from django.http import HttpRequest

from kormo.ops.mail import mail_requeue
from kormo.ops.models import MailDelivery


@admin.register(MailDelivery)
class MailDeliveryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "to", "subject", "status", "attempts", "sent_at",
                    "next_attempt_at", "last_error")
    list_filter = ("status",)
    search_fields = ("to", "subject")
    readonly_fields = tuple(f.name for f in MailDelivery._meta.fields)
    actions = ("send_again",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.action(description="Send the failed e-mails again")
    def send_again(self, request: HttpRequest, queryset: QuerySet[MailDelivery]) -> None:
        count = mail_requeue(queryset)
        self.message_user(request, f"{count} e-mail(s) queued again", messages.SUCCESS)


@admin.register(LogEntry)
class AdministrativeChangeAdmin(admin.ModelAdmin):
    """Every change made through the admin (offices, people, roles, ...): Django writes one
    entry per addition, change and deletion; shown here, read-only, for the administrators."""

    list_display = ("action_time", "user", "content_type", "object_repr", "action_flag",
                    "change_message")
    list_filter = ("action_flag", "content_type")
    search_fields = ("object_repr", "change_message", "user__username")
    date_hierarchy = "action_time"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
