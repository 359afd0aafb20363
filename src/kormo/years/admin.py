"""Admin pages for fiscal years and deadlines: read-only, like the plans' (setup goes through
`years.services`, which checks the dates; STYLE.md: no logic in the admin)."""

from __future__ import annotations

from django.contrib import admin

from kormo.web.admin import ReadOnlyModelAdmin
from kormo.years.models import Deadline, FiscalYearSetup


@admin.register(FiscalYearSetup)
class FiscalYearSetupAdmin(ReadOnlyModelAdmin):
    list_display = ("fiscal_year", "is_open", "rule_set", "opened_by", "opened_at")


@admin.register(Deadline)
class DeadlineAdmin(ReadOnlyModelAdmin):
    list_display = ("year", "event", "tier", "opens_on", "due_on")
    list_filter = ("year", "event", "tier")
