"""Admin for offices: reference data that administrators may edit directly.

Unlike plans (read-only in the admin, STYLE.md pitfalls: "raw saves that skip the flow"), an
office has no state rules yet, so the stock admin is safe.
"""

from __future__ import annotations

from django.contrib import admin

from kormo.offices.models import Office


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ("name", "name_en", "tier", "parent", "code")
    list_filter = ("tier",)
    search_fields = ("name", "name_en", "code")
    autocomplete_fields = ("parent",)
    list_select_related = ("parent",)
