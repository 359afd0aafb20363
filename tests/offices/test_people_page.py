"""The people page of an office: who may open it, which roles each may give, the history it
keeps, the invitation of a new person, bad input refused in both languages, fixed queries."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kormo.audit.models import ChangeRecord
from kormo.offices.models import Membership
from tests.web.world import World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings) -> World:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return build_world()


def _client(world: World, who: str) -> Client:
    client = Client()
    client.force_login(world.users[who])
    return client


def _url(world: World, key: str = "X") -> str:
    return reverse("offices:people", args=[world.offices[key].pk])


def test_only_the_head_and_administrators_open_the_page(world: World) -> None:
    assert _client(world, "head").get(_url(world)).status_code == 200
    assert _client(world, "admin_top").get(_url(world)).status_code == 200
    for who in ("focal", "supervisor", "nobody"):
        assert _client(world, who).get(_url(world)).status_code == 404, who
    assert _client(world, "head").get(_url(world, "Y")).status_code == 404  # another office


def test_a_head_gives_a_new_person_a_role_recorded_and_invited(
        world: World, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        answer = _client(world, "head").post(_url(world), {
            "email": "New.Focal@Example.org", "name": "নতুন ফোকাল", "role": "focal_point",
            "post": "সহকারী প্রোগ্রামার"})
    assert answer.status_code == 302
    new = get_user_model().objects.get(username="new.focal@example.org")
    m = Membership.objects.get(user=new)
    assert (m.office, m.role, m.post) == (world.offices["X"], "focal_point", "সহকারী প্রোগ্রামার")
    record = ChangeRecord.objects.filter(action="membership.grant").latest("pk")
    assert record.actor == world.users["head"]
    assert record.after["user"] == "new.focal@example.org"
    assert record.after["role"] == "focal_point"
    assert record.after["office"] == world.offices["X"].name
    assert [e.to for e in mail.outbox] == [["new.focal@example.org"]]
    assert "/password/reset/" in mail.outbox[0].body


def test_a_head_may_not_give_supervisor_roles_but_an_administrator_may(world: World) -> None:
    data = {"email": "focal@example.org", "name": "x", "role": "supervisor"}
    get_user_model().objects.filter(username="focal").update(email="focal@example.org")
    assert _client(world, "head").post(_url(world), data).status_code == 404
    assert not Membership.objects.filter(user=world.users["focal"], role="supervisor").exists()
    assert _client(world, "admin_top").post(_url(world), data).status_code == 302
    # An existing person (found by e-mail) gets the role; no new account, no invitation.
    assert Membership.objects.filter(user=world.users["focal"], role="supervisor").exists()
    assert mail.outbox == []


def test_taking_a_role_away_is_recorded(world: World) -> None:
    m = Membership.objects.get(user=world.users["focal"], office=world.offices["X"])
    answer = _client(world, "head").post(_url(world), {"revoke": m.pk})
    assert answer.status_code == 302
    assert not Membership.objects.filter(pk=m.pk).exists()
    record = ChangeRecord.objects.get(action="membership.revoke")
    assert record.before["user"] == "focal" and record.actor == world.users["head"]
    # A head cannot take an administrator's role away.
    admin = Membership.objects.get(user=world.users["admin"], office=world.offices["X"])
    assert _client(world, "head").post(_url(world), {"revoke": admin.pk}).status_code == 404
    assert Membership.objects.filter(pk=admin.pk).exists()


def test_bad_input_is_refused_in_both_languages_and_saves_nothing(world: World) -> None:
    before = (Membership.objects.count(), ChangeRecord.objects.count(),
              get_user_model().objects.count())
    page = _client(world, "head").post(_url(world), {"email": "not an address", "name": "ক",
                                                     "role": "focal_point"})
    assert page.status_code == 400
    assert "ই-মেইল ঠিকানা নয়" in page.content.decode()
    assert "is not an e-mail address" in page.content.decode()
    page = _client(world, "head").post(_url(world), {"email": "someone@example.org",
                                                     "name": "", "role": "focal_point"})
    assert "নতুন ব্যক্তির নাম দিন" in page.content.decode()
    assert (Membership.objects.count(), ChangeRecord.objects.count(),
            get_user_model().objects.count()) == before


def test_the_page_costs_the_same_queries_for_few_or_many_people(world: World) -> None:
    client = _client(world, "admin_top")
    client.get(_url(world))
    with CaptureQueriesContext(connection) as few:
        client.get(_url(world))
    for i in range(30):
        client.post(_url(world), {"email": f"p{i}@example.org", "name": f"ব্যক্তি {i}",
                                  "role": "focal_point"})
    with CaptureQueriesContext(connection) as many:
        page = client.get(_url(world))
    assert page.content.decode().count("data-membership=") == 34
    assert len(many) == len(few)


@pytest.mark.parametrize(("lang", "given", "taken"), [
    ("bn", "ভূমিকাটি দেওয়া হয়েছে।", "ভূমিকাটি প্রত্যাহার করা হয়েছে।"),
    ("en", "The role is given.", "The role is taken away."),
])
def test_the_saved_message_says_what_was_done_in_the_pages_language(
        world: World, lang: str, given: str, taken: str) -> None:
    """The message after a save comes from the catalogue (gettext), in the page's language."""
    client = _client(world, "head")
    client.cookies["django_language"] = lang
    answer = client.post(_url(world), {"email": "new@example.org", "name": "নতুন",
                                       "role": "focal_point"}, follow=True)
    assert [str(m) for m in answer.context["messages"]] == [given]
    assert given in answer.content.decode()
    m = Membership.objects.get(user__username="new@example.org")
    answer = client.post(_url(world), {"revoke": m.pk}, follow=True)
    assert [str(m) for m in answer.context["messages"]] == [taken]
    assert taken in answer.content.decode()
