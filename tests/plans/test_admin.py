"""The admin shows plans and their children, filtered by office, year and kind, read-only."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from kormo.offices.services import office_ensure
from kormo.plans import models as m
from kormo.plans.convert import plan_save_from_domain
from tests.plans.builders import rich_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_with_plan() -> tuple[Client, m.Plan]:
    user = get_user_model().objects.create_superuser("admin", "", "pw")
    client = Client()
    client.force_login(user)
    office = office_ensure(name="রংপুর")
    m.PendingImport.objects.create(owner=user, office=office, file_name="apa.docx",
                                   sha256="0" * 64, plans="{}")
    return client, plan_save_from_domain(plan=rich_plan(), office=office)


def test_every_plans_model_is_registered_read_only() -> None:
    request = None
    for model in apps.get_app_config("plans").get_models():
        model_admin = admin.site._registry[model]
        assert not model_admin.has_add_permission(request)  # type: ignore[arg-type]
        assert not model_admin.has_change_permission(request)  # type: ignore[arg-type]
        assert not model_admin.has_delete_permission(request)  # type: ignore[arg-type]


def test_plan_list_filters_by_office_year_and_kind(client_with_plan: tuple[Client, m.Plan]) -> None:
    client, plan = client_with_plan
    url = reverse("admin:plans_plan_changelist")
    response = client.get(
        url, {"office__id__exact": plan.office_id, "fiscal_year": "2022-23", "kind": "apa"}
    )
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    assert client.get(url, {"fiscal_year": "2021-22"}).context["cl"].result_count == 0


def test_every_admin_page_opens(client_with_plan: tuple[Client, m.Plan]) -> None:
    client, _ = client_with_plan
    for model in apps.get_app_config("plans").get_models():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        assert client.get(reverse(f"{prefix}_changelist")).status_code == 200
        obj = model.objects.first()
        assert obj is not None, model
        change = client.get(reverse(f"{prefix}_change", args=[obj.pk]))
        assert change.status_code == 200, model
        assert client.get(reverse(f"{prefix}_add")).status_code == 403


def test_a_post_to_the_plan_page_changes_nothing(client_with_plan: tuple[Client, m.Plan]) -> None:
    client, plan = client_with_plan
    url = reverse("admin:plans_plan_change", args=[plan.pk])
    response = client.post(url, {"title": "changed"})
    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.title == rich_plan().title
