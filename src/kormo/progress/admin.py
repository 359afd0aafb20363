"""Admin pages for reports, values, evidence and stored scores: read-only.

Reports and values change only through `kormo.progress.services`, which keep the rules (state,
reasons, history, notices, scores); an admin edit would bypass them (STYLE.md pitfall "raw
saves that skip the flow"). Evidence files are not linked from here: they are downloaded
through the access-checked view only.
"""

from __future__ import annotations

from django.contrib import admin

from kormo.progress.models import Evidence, Report, ReportedValue, ScoreSnapshot
from kormo.web.admin import ReadOnlyModelAdmin


@admin.register(Report)
class ReportAdmin(ReadOnlyModelAdmin):
    list_display = ("plan", "period", "state", "due_on", "is_late", "submitted_at")
    list_filter = ("period", "state", "is_late")


@admin.register(ReportedValue)
class ReportedValueAdmin(ReadOnlyModelAdmin):
    list_display = ("plan", "indicator_ref", "quarter", "reported_kind", "reported_number",
                    "verified", "review_state")
    list_filter = ("quarter", "review_state", "verified")


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyModelAdmin):
    list_display = ("original_name", "plan", "kind", "size", "sha256", "uploaded_at",
                    "removed_at")
    exclude = ("file",)


@admin.register(ScoreSnapshot)
class ScoreSnapshotAdmin(ReadOnlyModelAdmin):
    list_display = ("office", "fiscal_year", "percent", "rating", "computed_at")
