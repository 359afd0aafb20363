"""Queries written once a process (kormo.web.prepared) answer as the ORM answers, for each
request's arguments: the unread notices of several people (none, one, several, some read);
model instances with their related objects; values converted as the ORM converts them; nothing
for an id no integer column holds (the permission gate still answers 404); each thread on its
own connection; a query whose stand-in is not one of its parameters is refused when first
run."""

from __future__ import annotations

import random
import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.utils import timezone

from kormo.audit.models import Notice, NoticeKind
from kormo.audit.selectors import notice_unread_count
from kormo.audit.services import notice_send
from kormo.offices.access import AccessDenied, access_office
from kormo.offices.models import Membership, Office, Role
from kormo.web.prepared import Prepared

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_the_unread_count_is_the_orms_count_for_each_person() -> None:
    users = [get_user_model().objects.create_user(f"p{i}", password="x") for i in range(4)]
    for i, user in enumerate(users):
        for k in range(i * 2):
            notice_send(recipients=[user], kind=NoticeKind.REPORT_DUE_SOON,
                        text_bn=f"বার্তা {k}", text_en=f"notice {k}")
    # Some read: the count is of the unread ones only.
    first = Notice.objects.filter(recipient=users[3]).order_by("pk")[0]
    Notice.objects.filter(pk=first.pk).update(read_at=timezone.now())
    expected = [Notice.objects.filter(recipient=u, read_at__isnull=True).count() for u in users]
    assert expected == [0, 2, 4, 5]
    assert [notice_unread_count(user=u) for u in users] == expected


def test_a_stand_in_that_is_not_a_parameter_is_refused() -> None:
    query = Prepared(lambda pk: Notice.objects.filter(pk=1), -1)
    with pytest.raises(ImproperlyConfigured):
        query.rows(5)


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
    query = Prepared(lambda pk: Office.objects.select_related("parent").filter(pk=pk), 0)
    for office in offices:
        got = query.objects(office.pk)
        assert len(got) == 1
        _same_office(got[0], Office.objects.select_related("parent").get(pk=office.pk))
    assert query.objects(max(o.pk for o in offices) + 1) == []


def test_rows_are_converted_as_the_orm_converts_them() -> None:
    user = User.objects.create_user("p", is_staff=True, last_login=timezone.now())
    office = _offices(0)[0]
    Membership.objects.create(user=user, office=office, role=Role.SUPERVISOR)
    columns = ("last_login", "is_staff", "date_joined", "memberships__role")
    query = Prepared(lambda pk: User.objects.filter(pk=pk).values_list(*columns), 0)
    assert [tuple(r) for r in query.rows(user.pk)] == list(
        User.objects.filter(pk=user.pk).values_list(*columns))
    assert query.rows(user.pk)[0][0].tzinfo is not None


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


@pytest.mark.django_db(transaction=True)
def test_each_thread_compiles_on_its_own_connection() -> None:
    office = _offices(0)[0]
    query = Prepared(lambda pk: Office.objects.filter(pk=pk), 0)
    found: list[object] = []

    def other() -> None:
        from django.db import connections

        try:
            found.append(query.objects(office.pk)[0].pk)
            found.append(query._local.written.connection is connections["default"])
        finally:
            connections["default"].close()

    assert query.objects(office.pk)[0].pk == office.pk
    mine = query._local.written.connection
    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert found == [office.pk, True]
    assert query._local.written.connection is mine  # this thread's own, untouched
