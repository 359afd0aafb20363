"""Sessions (kormo.ops.sessions): Django's database sessions, the row read with a statement
built once: a live session is found, an expired, unknown or ended one is not."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from kormo.ops.sessions import SessionStore


@pytest.mark.django_db
def test_a_stored_session_is_read_back_and_an_expired_one_is_not() -> None:
    store = SessionStore()
    store["answer"] = "৪২"
    store.create()
    key = store.session_key
    assert SessionStore(key)["answer"] == "৪২"
    Session.objects.filter(pk=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    expired = SessionStore(key)
    assert expired.get("answer") is None
    assert expired.session_key is None  # a new session is started, as Django's store does
    assert SessionStore("x" * 32).get("answer") is None  # unknown key


@pytest.mark.django_db
def test_a_logged_in_person_stays_logged_in_until_logout_or_expiry() -> None:
    assert settings.SESSION_ENGINE == "kormo.ops.sessions"
    user = get_user_model().objects.create_user("focal", password="a long pass phrase 26")
    client = Client()
    client.force_login(user)
    assert client.get("/home/today/").status_code == 200
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(pk=key).update(expire_date=timezone.now() - dt.timedelta(minutes=1))
    assert client.get("/home/today/").status_code == 302  # expired: back to the login
    client.force_login(user)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post("/logout/")
    assert not Session.objects.filter(pk=key).exists()
    other = Client()
    other.cookies[settings.SESSION_COOKIE_NAME] = key  # the ended session's cookie, replayed
    assert other.get("/home/today/").status_code == 302
