"""Admin for API tokens: make a token for a person (shown once), revoke tokens.

Tokens are made and revoked through `kormo.api.tokens` only, so the history records it and the
token itself is never stored; nothing else about a token can be changed here.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from kormo.api.models import ApiToken
from kormo.api.tokens import api_token_create, api_token_revoke
from kormo.domain.errors import InputError


class ApiTokenAddForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ("user", "name", "expires_at")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "expires_at",
                    "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "user__username", "prefix")
    actions = ("revoke",)
    readonly_fields = ("user", "name", "prefix", "created_at", "created_by", "expires_at",
                       "last_used_at", "revoked_at")
    exclude = ("digest",)

    def get_form(self, request: HttpRequest, obj: Model | None = None, change: bool = False,
                 **kwargs: Any) -> Any:
        if obj is None:
            kwargs["form"] = ApiTokenAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        return () if obj is None else self.readonly_fields

    def get_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        return ("user", "name", "expires_at") if obj is None else self.readonly_fields

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False  # nothing to edit: revoke through the action

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False  # revoked tokens stay, for the history

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        data = form.cleaned_data
        try:
            row, token = api_token_create(user=data["user"], name=data["name"],
                                          actor=request.user, expires_at=data.get("expires_at"))
        except InputError as exc:
            messages.error(request, f"{exc.bn} / {exc.en}")
            raise
        obj.pk, obj.prefix, obj.created_at = row.pk, row.prefix, row.created_at
        obj._state.adding = False
        messages.warning(request, f"টোকেনটি এখনই কপি করুন; এটি আর দেখানো হবে না / Copy the token "
                                  f"now; it will not be shown again: {token}")

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            api_token_revoke(token=token, actor=request.user)
        messages.success(request, f"{queryset.count()} token(s) revoked.")
