"""Every change made through the admin is kept and listed for administrators."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.test import Client

from kormo.offices.models import Membership, Role
from kormo.offices.services import office_create

pytestmark = pytest.mark.django_db


def test_an_admin_change_is_in_the_administrative_history(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    office = office_create(name="জেলা কার্যালয়", code="district-1")
    person = get_user_model().objects.create_user("focal", password="x")
    root = get_user_model().objects.create_superuser("demo", password="x")
    client = Client()
    client.force_login(root)
    added = client.post("/admin/offices/membership/add/", {
        "user": person.pk, "office": office.pk, "role": Role.FOCAL_POINT, "post": "প্রোগ্রামার"})
    assert added.status_code == 302, added.content.decode()[:2000]
    membership = Membership.objects.get(user=person)
    entry = LogEntry.objects.get(object_id=str(membership.pk))
    assert (entry.user, entry.action_flag) == (root, 1)
    page = client.get("/admin/admin/logentry/").content.decode()
    assert str(membership) in page or entry.object_repr in page
    # Read-only: the history cannot be edited or deleted through the admin.
    assert client.post(f"/admin/admin/logentry/{entry.pk}/delete/", {"post": "yes"}
                       ).status_code == 403
    assert LogEntry.objects.filter(pk=entry.pk).exists()
