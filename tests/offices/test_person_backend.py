"""The logged-in person and their roles come from one query (kormo.offices.person_backend):
the person as Django would load them, the roles as the gate would read them."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.contrib.auth import get_user, get_user_model
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kormo.offices.access import Action, grants_for
from kormo.offices.models import Membership, Office, Role

User = get_user_model()


def _request_of(client: Client) -> object:
    """A request carrying the client's session, as the session middleware would build it."""
    request = RequestFactory().get("/")
    request.session = client.session
    return request


def _tree(n: int) -> list[Office]:
    top = Office.objects.create(code="T", name="শীর্ষ", tier="ministry")
    offices = [top]
    for i in range(n):
        offices.append(Office.objects.create(code=f"O{i}", name=f"দপ্তর {i}",
                                             tier="district", parent=random.choice(offices)))
    return offices


@pytest.mark.django_db
@pytest.mark.parametrize("seed", range(6))
def test_the_person_and_their_roles_equal_what_django_and_the_gate_read(seed: int) -> None:
    random.seed(seed)
    offices = _tree(8)
    user = User.objects.create_user(f"p{seed}", email=f"p{seed}@example.gov.bd",
                                    first_name="নাম", is_superuser=seed == 5)
    user.last_login = timezone.now() - dt.timedelta(days=seed, minutes=7)
    user.save()
    held = {(random.choice(offices), random.choice(list(Role)))
            for _ in range(random.randint(0, 5))}
    for office, role in held:
        Membership.objects.create(user=user, office=office, role=role)
    client = Client()
    client.force_login(user)

    request = _request_of(client)
    request.session.keys()  # the session's own query is not the person's
    with CaptureQueriesContext(connection) as queries:
        got = get_user(request)
        grants = grants_for(got)
    assert len(queries) == 1, [q["sql"] for q in queries]

    fresh = User.objects.get(pk=user.pk)
    for field in User._meta.concrete_fields:
        assert getattr(got, field.attname) == getattr(fresh, field.attname), field.name
    assert got.last_login.tzinfo is not None
    expected = grants_for(fresh)
    assert grants.superuser == expected.superuser
    assert {r: sorted(p) for r, p in grants.paths.items()} == {
        r: sorted(p) for r, p in expected.paths.items()}
    for office in offices:
        for action in Action:
            assert grants.can(action, office) == expected.can(action, office)


@pytest.mark.django_db
def test_a_deactivated_person_is_logged_out_on_the_next_request() -> None:
    user = User.objects.create_user("gone", password="a long pass phrase 26")
    client = Client()
    client.force_login(user)
    assert get_user(_request_of(client)).is_authenticated
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert not get_user(_request_of(client)).is_authenticated
    assert client.get("/home/today/").status_code == 302  # the home page sends them to the login


@pytest.mark.django_db
def test_a_role_given_in_between_counts_on_the_next_request() -> None:
    office = _tree(0)[0]
    user = User.objects.create_user("new")
    client = Client()
    client.force_login(user)
    assert not grants_for(get_user(_request_of(client))).can(Action.READ, office)
    Membership.objects.create(user=user, office=office, role=Role.FOCAL_POINT)
    assert grants_for(get_user(_request_of(client))).can(Action.WRITE, office)
