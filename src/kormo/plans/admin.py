"""Admin pages for plans: every table registered, all of them read-only.

Why read-only: a plan changes only through the services that keep its rules (validation,
state, history); an admin edit would bypass them (STYLE.md, pitfall "raw saves that skip the
flow"; cosmicpython Appendix D). The admin is for looking and filtering: plans by office,
fiscal year and kind, with their areas, activities and indicators inline.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model

from kormo.plans import models as m
from kormo.web.admin import ReadOnlyModelAdmin, ReadOnlyTabularInline


class PlanTextInline(ReadOnlyTabularInline):
    model = m.PlanText
    fields = ("section", "position", "text")


class PartyInline(ReadOnlyTabularInline):
    model = m.Party
    fields = ("section", "position", "post", "office_name", "name", "signed_on", "role")


class OutcomeInline(ReadOnlyTabularInline):
    model = m.Outcome
    fields = ("position", "outcome", "indicator_name", "unit", "unit_label")


class AcronymInline(ReadOnlyTabularInline):
    model = m.Acronym
    fields = ("position", "short", "meaning")


class AreaInline(ReadOnlyTabularInline):
    model = m.Area
    fields = ("position", "number", "name", "kind", "weight", "choose_at_least")


class ActivityInline(ReadOnlyTabularInline):
    model = m.Activity
    fields = ("position", "number", "name", "not_applicable_tiers")


class IndicatorInline(ReadOnlyTabularInline):
    model = m.Indicator
    fk_name = "activity"
    fields = ("position", "ref", "name", "unit", "weight", "calculation_method")


class IndicatorValueInline(ReadOnlyTabularInline):
    model = m.IndicatorValue
    fields = (
        "role",
        "position",
        "key",
        "value_kind",
        "value_number",
        "value_date",
        "value_text",
        "provisional",
    )


class OutcomeValueInline(ReadOnlyTabularInline):
    model = m.OutcomeValue
    fields = (
        "role",
        "position",
        "fiscal_year",
        "value_kind",
        "value_number",
        "value_date",
        "value_text",
        "provisional",
    )


class WorkItemInline(ReadOnlyTabularInline):
    model = m.WorkItem
    fields = ("position", "term", "number", "subject", "period")


class WorkItemActionInline(ReadOnlyTabularInline):
    model = m.WorkItemAction
    fields = ("position", "text")


class RegisterEntryInline(ReadOnlyTabularInline):
    model = m.RegisterEntry
    fields = ("position", "number", "name", "working", "order_date")


class SourceNoteInline(ReadOnlyTabularInline):
    model = m.SourceNote
    fields = ("position", "place", "note")


# ---------------------------------------------------------------- model admins


@admin.register(m.Plan)
class PlanAdmin(ReadOnlyModelAdmin):
    list_display = ("__str__", "office", "kind", "fiscal_year", "external_id", "updated_at")
    list_filter = ("office", "fiscal_year", "kind")
    list_select_related = ("office",)
    search_fields = ("title", "external_id", "office_name", "office__name")
    inlines = (
        PlanTextInline,
        PartyInline,
        OutcomeInline,
        AreaInline,
        AcronymInline,
        WorkItemInline,
        RegisterEntryInline,
        SourceNoteInline,
    )


@admin.register(m.Area)
class AreaAdmin(ReadOnlyModelAdmin):
    list_display = ("__str__", "kind", "weight", "plan")
    list_filter = ("plan__office", "plan__fiscal_year", "plan__kind", "kind")
    list_select_related = ("plan",)
    search_fields = ("number", "name")
    inlines = (ActivityInline,)


@admin.register(m.Activity)
class ActivityAdmin(ReadOnlyModelAdmin):
    list_display = ("__str__", "area", "not_applicable_tiers")
    list_filter = ("area__plan__office", "area__plan__fiscal_year", "area__plan__kind")
    list_select_related = ("area",)
    search_fields = ("number", "name")
    inlines = (IndicatorInline,)


@admin.register(m.Indicator)
class IndicatorAdmin(ReadOnlyModelAdmin):
    list_display = ("ref", "name", "unit", "weight", "calculation_method", "plan")
    list_filter = (
        "plan__office",
        "plan__fiscal_year",
        "plan__kind",
        "activity__area__kind",
        "unit",
    )
    list_select_related = ("plan",)
    search_fields = ("ref", "name", "responsible")
    inlines = (IndicatorValueInline,)


@admin.register(m.Outcome)
class OutcomeAdmin(ReadOnlyModelAdmin):
    list_display = ("__str__", "indicator_name", "unit", "plan")
    list_filter = ("plan__office", "plan__fiscal_year")
    list_select_related = ("plan",)
    inlines = (OutcomeValueInline,)


@admin.register(m.WorkItem)
class WorkItemAdmin(ReadOnlyModelAdmin):
    list_display = ("__str__", "term", "period", "plan")
    list_filter = ("plan__office", "plan__fiscal_year", "term")
    list_select_related = ("plan",)
    inlines = (WorkItemActionInline,)


@admin.register(m.RegisterEntry)
class RegisterEntryAdmin(ReadOnlyModelAdmin):
    list_display = ("__str__", "working", "recipients_get_result", "order_date", "plan")
    list_filter = ("plan__office", "plan__fiscal_year", "working")
    list_select_related = ("plan",)
    search_fields = ("name", "description")


def _register_plain(model: type[Model], list_display: tuple[str, ...]) -> None:
    """The child tables without a page of their own: listed, filterable by plan."""
    attrs: dict[str, Any] = {"list_display": list_display}
    admin.site.register(model, type(f"{model.__name__}Admin", (ReadOnlyModelAdmin,), attrs))


_register_plain(m.PlanText, ("__str__", "section", "position", "plan"))
_register_plain(m.Party, ("__str__", "section", "name", "signed_on", "plan"))
_register_plain(m.OutcomeValue, ("__str__", "value_kind", "value_number", "outcome"))
_register_plain(m.Acronym, ("short", "meaning", "plan"))
_register_plain(m.IndicatorValue, ("__str__", "value_kind", "value_number", "indicator"))
_register_plain(m.WorkItemAction, ("__str__", "work_item"))
_register_plain(m.SourceNote, ("__str__", "plan"))


@admin.register(m.PendingImport)
class PendingImportAdmin(ReadOnlyModelAdmin):
    """Uploads waiting for their owner's review: visible to operators, changed by nobody here
    (the owner confirms or cancels them on the review page)."""

    list_display = ("file_name", "format", "office", "owner", "fiscal_year", "created_at")
    list_filter = ("office", "format")
    list_select_related = ("office", "owner")
    exclude = ("plans", "flags", "document", "corrections")
