"""Queries written once a process (kormo.web.prepared) answer as the ORM answers, for each
request's arguments: the unread notices of several people (none, one, several, some read),
and a query whose stand-in is not one of its parameters is refused when first run."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from kormo.audit.models import Notice, NoticeKind
from kormo.audit.selectors import notice_unread_count
from kormo.audit.services import notice_send
from kormo.web.prepared import Prepared

pytestmark = pytest.mark.django_db


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
