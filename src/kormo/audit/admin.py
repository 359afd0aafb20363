"""Admin pages for the change history and notices: read-only (history is never edited)."""

from __future__ import annotations

from django.contrib import admin

from kormo.audit.models import ChangeRecord, Notice
from kormo.web.admin import ReadOnlyModelAdmin


@admin.register(ChangeRecord)
class ChangeRecordAdmin(ReadOnlyModelAdmin):
    list_display = ("at", "actor_name", "action", "object_label", "reason")
    list_filter = ("action",)


@admin.register(Notice)
class NoticeAdmin(ReadOnlyModelAdmin):
    list_display = ("created_at", "recipient", "kind", "read_at")
    list_filter = ("kind",)
