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


def test_offices_added_and_changed_in_the_admin_are_in_the_history(settings) -> None:
    from kormo.audit.models import ChangeRecord
    from kormo.offices.models import Office

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    top = office_create(name="মন্ত্রণালয়", code="ministry")
    other = office_create(name="অধিদপ্তর", code="directorate", parent=top)
    root = get_user_model().objects.create_superuser("root", password="x")
    client = Client()
    client.force_login(root)
    added = client.post("/admin/offices/office/add/", {
        "name": "জেলা কার্যালয়, সিলেট", "name_en": "", "tier": "district",
        "parent": top.pk, "code": "sylhet"})
    assert added.status_code == 302, added.content.decode()[:2000]
    office = Office.objects.get(code="sylhet")
    created = ChangeRecord.objects.get(action="office.create", object_id=str(office.pk))
    assert (created.actor, created.after["parent"]) == (root, "মন্ত্রণালয়")

    changed = client.post(f"/admin/offices/office/{office.pk}/change/", {
        "name": "জেলা কার্যালয়, সিলেট", "name_en": "Sylhet district office",
        "tier": "district", "parent": other.pk, "code": "sylhet"})
    assert changed.status_code == 302, changed.content.decode()[:2000]
    record = ChangeRecord.objects.get(action="office.change", object_id=str(office.pk))
    assert record.actor == root
    assert record.before == {"name_en": "", "parent": "মন্ত্রণালয়"}
    assert record.after == {"name_en": "Sylhet district office", "parent": "অধিদপ্তর"}
    office.refresh_from_db()
    assert office.path == f"{other.path}{office.pk}/"  # moved with the tree's paths
    # Saving unchanged adds no record; an office is not deleted through the admin.
    client.post(f"/admin/offices/office/{office.pk}/change/", {
        "name": office.name, "name_en": office.name_en, "tier": "district",
        "parent": other.pk, "code": "sylhet"})
    assert ChangeRecord.objects.filter(object_id=str(office.pk),
                                       object_type="offices.office").count() == 2
    assert client.post(f"/admin/offices/office/{office.pk}/delete/", {"post": "yes"}
                       ).status_code == 403
    assert Office.objects.filter(pk=office.pk).exists()


def test_accounts_changed_in_the_admin_are_in_the_history(settings) -> None:
    from kormo.audit.models import ChangeRecord

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    root = get_user_model().objects.create_superuser("root", password="x")
    client = Client()
    client.force_login(root)
    added = client.post("/admin/auth/user/add/", {
        "username": "new-focal", "password1": "a-long-pass-phrase-42",
        "password2": "a-long-pass-phrase-42", "usable_password": "true"})
    assert added.status_code == 302, added.content.decode()[:2000]
    person = get_user_model().objects.get(username="new-focal")
    created = ChangeRecord.objects.get(action="person.create", object_id=str(person.pk))
    assert (created.actor, created.after["username"]) == (root, "new-focal")
    assert "password" not in created.after  # the hash is never kept

    changed = client.post(f"/admin/auth/user/{person.pk}/change/", {
        "username": "new-focal", "first_name": "", "last_name": "", "email": "f@example.org",
        "is_active": "on", "is_staff": "on", "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00", "initial-date_joined_0": "2026-01-01",
        "initial-date_joined_1": "00:00:00"})
    assert changed.status_code == 302, changed.content.decode()[:3000]
    record = ChangeRecord.objects.get(action="person.change", object_id=str(person.pk))
    assert record.actor == root
    assert record.before == {"email": "", "is_staff": False}
    assert record.after == {"email": "f@example.org", "is_staff": True}

    password = client.post(f"/admin/auth/user/{person.pk}/password/", {
        "password1": "another-long-phrase-77", "password2": "another-long-phrase-77",
        "usable_password": "true"})
    assert password.status_code == 302, password.content.decode()[:2000]
    set_by = ChangeRecord.objects.get(action="person.password", object_id=str(person.pk))
    assert set_by.actor == root and set_by.after == {"password": "*"}

    deleted = client.post(f"/admin/auth/user/{person.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 302
    gone = ChangeRecord.objects.get(action="person.delete", object_id=str(person.pk))
    assert (gone.actor, gone.before["username"]) == (root, "new-focal")
    assert not get_user_model().objects.filter(pk=person.pk).exists()
