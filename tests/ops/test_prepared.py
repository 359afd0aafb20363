"""Queries compiled once per connection (kormo.ops.prepared) give what the ORM gives: the same
model instances with their related objects, the same converted values, nothing for an id no
integer column holds; the permission gate built on them still refuses what it refused."""

from __future__ import annotations

import random
import threading

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from kormo.offices.access import AccessDenied, access_office
from kormo.offices.models import Membership, Office, Role
from kormo.ops.prepared import Prepared

pytestmark = pytest.mark.django_db
User = get_user_model()


def _offices(n: int) -> list[Office]:
    made = [Office.objects.create(code="T", name="শীর্ষ", name_en="Top", tier="ministry")]
    for i in range(n):
        made.append(Office.objects.create(code=f"O{i}", name=f"দপ্তর {i}", tier="district",
                                          parent=random.choice(made)))
    return made


def _same_office(a: Office, b: Office) -> None:
    for field in Office._meta.concrete_fields:
        assert getattr(a, field.attname) == getattr(b, field.attname), field.name
    assert (a.parent is None) == (b.parent is None)
    if a.parent is not None:
        _same_office(a.parent, b.parent)


@pytest.mark.parametrize("seed", range(3))
def test_objects_equal_the_orms_with_their_related_objects(seed: int) -> None:
    random.seed(seed)
    offices = _offices(12)
    query = Prepared(f"test-office-{seed}", lambda pk: Office.objects.select_related(
        "parent").filter(pk=pk), (0,))
    for office in offices:
        got = query.objects(Office, office.pk)
        assert len(got) == 1
        _same_office(got[0], Office.objects.select_related("parent").get(pk=office.pk))
    assert query.objects(Office, max(o.pk for o in offices) + 1) == []


def test_rows_are_converted_as_the_orm_converts_them() -> None:
    user = User.objects.create_user("p", is_staff=True, last_login=timezone.now())
    office = _offices(0)[0]
    Membership.objects.create(user=user, office=office, role=Role.SUPERVISOR)
    columns = ("last_login", "is_staff", "date_joined", "memberships__role")
    query = Prepared("test-rows", lambda pk: User.objects.filter(pk=pk).values_list(*columns),
                     (0,))
    assert query.rows(User, user.pk) == list(User.objects.filter(pk=user.pk).values_list(
        *columns))
    assert query.rows(User, user.pk)[0][0].tzinfo is not None


def test_an_id_no_column_can_hold_finds_nothing_and_the_gate_answers_404() -> None:
    office = _offices(0)[0]
    user = User.objects.create_superuser("root", password="a long pass phrase 26")
    for pk in (2**63, -(2**63) - 1, 10**30):
        with pytest.raises(AccessDenied):
            access_office(user, pk)
    assert access_office(user, office.pk) == office
    client = Client()
    client.force_login(user)
    assert client.get(f"/progress/plans/{10**25}/report/").status_code == 404


def test_a_query_whose_values_are_not_the_placeholders_is_refused() -> None:
    query = Prepared("test-bad", lambda pk: Office.objects.filter(pk=pk, code="x"), (0,))
    with pytest.raises(ValueError):
        query.objects(Office, 1)


@pytest.mark.django_db(transaction=True)
def test_each_thread_compiles_on_its_own_connection() -> None:
    office = _offices(0)[0]
    query = Prepared("test-threads", lambda pk: Office.objects.filter(pk=pk), (0,))
    found: list[object] = []

    def other() -> None:
        from django.db import connections

        try:
            found.append(query.objects(Office, office.pk)[0].pk)
            found.append("test-threads" in connections["default"].__dict__["_kormo_prepared"])
        finally:
            connections["default"].close()

    assert query.objects(Office, office.pk)[0].pk == office.pk
    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert found == [office.pk, True]
