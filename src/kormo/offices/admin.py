"""Admin for offices and memberships: reference data administrators may edit.

Saving an office goes through `offices.services` (`office_add`, `office_change`) so that the
materialised path (used by every access check) follows the tree and the change is in the
history with the administrator who made it; offices are not deleted here. Granting, changing
or removing a role goes through `membership_grant` / `membership_revoke`, so every change of
the data that drives permissions is in the history too; plans stay read-only in the admin
(STYLE.md pitfalls).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import QuerySet

from kormo.domain.plan import Tier
from kormo.offices.models import Membership, Office
from kormo.offices.services import (
    membership_grant,
    membership_revoke,
    office_add,
    office_change,
    person_delete,
    person_password_set,
    person_save,
)


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ("name", "name_en", "tier", "parent", "code")
    list_filter = ("tier",)
    search_fields = ("name", "name_en", "code")
    autocomplete_fields = ("parent",)
    list_select_related = ("parent",)
    readonly_fields = ("path",)

    def save_model(self, request: Any, obj: Office, form: Any, change: bool) -> None:
        if not change:
            created = office_add(name=obj.name, tier=Tier(obj.tier) if obj.tier else None,
                                 parent=obj.parent, name_en=obj.name_en, code=obj.code,
                                 actor=request.user)
            obj.pk, obj.path = created.pk, created.path
            return
        saved = office_change(office=obj, name=obj.name, name_en=obj.name_en, tier=obj.tier,
                              code=obj.code, parent=obj.parent, actor=request.user)
        obj.path = saved.path

    def has_delete_permission(self, request: Any, obj: Office | None = None) -> bool:
        # An office carries plans, reports and history: it is never deleted in the admin.
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "office", "role", "post")
    list_filter = ("role",)
    search_fields = ("user__username", "office__name")
    autocomplete_fields = ("office",)
    list_select_related = ("user", "office")

    @transaction.atomic
    def save_model(self, request: Any, obj: Membership, form: Any, change: bool) -> None:
        if change:
            # A changed grant is the old one revoked and the new one granted: two records.
            old = Membership.objects.select_related("user", "office").get(pk=obj.pk)
            membership_revoke(user=old.user, office=old.office, role=old.role,
                              actor=request.user)
        saved = membership_grant(user=obj.user, office=obj.office, role=obj.role,
                                 post=obj.post, actor=request.user)
        obj.pk = saved.pk

    def delete_model(self, request: Any, obj: Membership) -> None:
        membership_revoke(user=obj.user, office=obj.office, role=obj.role, actor=request.user)

    @transaction.atomic
    def delete_queryset(self, request: Any, queryset: QuerySet[Membership]) -> None:
        for obj in queryset.select_related("user", "office"):
            self.delete_model(request, obj)


class PersonAdmin(UserAdmin):
    """Django's user admin, with every change of an account in the history (`person_*`)."""

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        person_save(person=obj, changed=list(form.changed_data), created=not change,
                    actor=request.user)

    def delete_model(self, request: Any, obj: Any) -> None:
        person_delete(person=obj, actor=request.user)

    @transaction.atomic
    def delete_queryset(self, request: Any, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)

    def user_change_password(self, request: Any, id: str, form_url: str = "") -> Any:
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                person_password_set(person=self.get_object(request, id), actor=request.user)
        return response


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), PersonAdmin)
# Kormo's permissions are roles at offices (`Membership`, through the services above), never
# Django's groups: a group edited in the admin would be a change that no history records.
admin.site.unregister(Group)
