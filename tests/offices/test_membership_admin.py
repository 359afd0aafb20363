"""Role grants made in the admin are recorded like any other: the data that drives every
permission never changes without a history entry naming the administrator."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from kormo.audit.models import ChangeRecord
from kormo.offices.models import Membership, Role
from kormo.offices.services import membership_grant, office_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    users = get_user_model().objects
    root = users.create_superuser("root", "", "pw")
    client = Client()
    client.force_login(root)
    return client, root, users.create_user("karim", "", "pw"), office_create(name="রংপুর")


def records(action: str) -> list[ChangeRecord]:
    return list(ChangeRecord.objects.filter(action=action).order_by("pk"))


def test_a_grant_added_in_the_admin_is_recorded_with_the_administrator(admin_client) -> None:
    client, root, karim, office = admin_client
    response = client.post(reverse("admin:offices_membership_add"), {
        "user": karim.pk, "office": office.pk, "role": Role.FOCAL_POINT, "post": "প্রোগ্রামার"})
    assert response.status_code == 302, response.content.decode()[:2000]
    membership = Membership.objects.get(user=karim)
    (grant,) = records("membership.grant")
    assert (grant.actor, grant.object_id) == (root, str(membership.pk))
    assert grant.after == {"user": "karim", "office": "রংপুর", "role": "focal_point",
                           "post": "প্রোগ্রামার"}


def test_a_changed_grant_is_one_revoked_and_one_granted(admin_client) -> None:
    client, root, karim, office = admin_client
    old = membership_grant(user=karim, office=office, role=Role.FOCAL_POINT, actor=root)
    response = client.post(reverse("admin:offices_membership_change", args=[old.pk]), {
        "user": karim.pk, "office": office.pk, "role": Role.OFFICE_HEAD, "post": ""})
    assert response.status_code == 302
    assert list(Membership.objects.filter(user=karim).values_list("role", flat=True)) == [
        Role.OFFICE_HEAD]
    (revoke,) = records("membership.revoke")
    assert revoke.before["role"] == "focal_point" and revoke.actor == root
    assert [r.after["role"] for r in records("membership.grant")] == ["focal_point",
                                                                      "office_head"]


def test_deleting_grants_in_the_admin_is_recorded(admin_client) -> None:
    client, root, karim, office = admin_client
    one = membership_grant(user=karim, office=office, role=Role.FOCAL_POINT)
    two = membership_grant(user=karim, office=office, role=Role.OFFICE_HEAD)
    response = client.post(reverse("admin:offices_membership_delete", args=[one.pk]),
                           {"post": "yes"})
    assert response.status_code == 302
    response = client.post(reverse("admin:offices_membership_changelist"), {
        "action": "delete_selected", "_selected_action": [two.pk], "post": "yes"})
    assert response.status_code == 302
    assert not Membership.objects.exists()
    assert [(r.actor, r.before["role"]) for r in records("membership.revoke")] == [
        (root, "focal_point"), (root, "office_head")]


def test_granting_the_same_role_twice_records_it_once(admin_client) -> None:
    _client, root, karim, office = admin_client
    for _ in range(2):
        membership_grant(user=karim, office=office, role=Role.FOCAL_POINT, actor=root)
    assert len(records("membership.grant")) == 1


def test_the_admin_offers_no_unrecorded_way_to_give_permissions(admin_client) -> None:
    # Roles are granted through memberships (recorded above); Django's groups are not offered.
    client = admin_client[0]
    assert client.get("/admin/auth/group/").status_code == 404
    assert client.get("/admin/offices/membership/").status_code == 200
