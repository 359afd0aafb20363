"""Read-only admin pages, shared by every app whose tables change only through services.

Why read-only: a plan, a year or a history record changes only through the services that keep
its rules (validation, state, history); an admin edit would bypass them (STYLE.md, pitfall "raw
saves that skip the flow"; cosmicpython Appendix D). The admin is for looking and filtering.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest


class ReadOnlyAdminMixin:
    """No add, change or delete: only the view permission is left."""

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class ReadOnlyModelAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass


class ReadOnlyTabularInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    show_change_link = True
    can_delete = False


# ---------------------------------------------------------------- inlines
