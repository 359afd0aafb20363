"""Bearer tokens: hashed in the table, made and revoked by the service, the management command
and the admin; refused when missing, wrong, revoked, expired or of an inactive person."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from kormo.api.models import ApiToken
from kormo.api.tokens import api_token_create, api_token_revoke
from kormo.audit.models import ChangeRecord
from kormo.domain.errors import InputError

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice():
    return get_user_model().objects.create_user("alice", password=None)


def _me(client, token: str | None, scheme: str = "Bearer"):
    headers = {} if token is None else {"HTTP_AUTHORIZATION": f"{scheme} {token}"}
    return client.get("/api/v1/me", **headers)


def test_only_the_digest_is_stored_and_the_change_is_recorded(client, alice):
    row, token = api_token_create(user=alice, name="মাসিক রপ্তানি")
    assert re.fullmatch(r"kormo_[A-Za-z0-9_-]{43}", token)
    assert row.digest == hashlib.sha256(token.encode()).hexdigest()
    assert row.prefix == token[len("kormo_"):][:8]
    stored = ApiToken.objects.filter(pk=row.pk).values().get()
    assert not any(token in str(v) or token[6:] in str(v) for v in stored.values())
    record = ChangeRecord.objects.get(action="api_token.create")
    assert token[6:] not in str(record.after) and record.after["prefix"] == row.prefix
    assert _me(client, token).json()["username"] == "alice"
    row.refresh_from_db()
    assert row.last_used_at is not None


@pytest.mark.parametrize("header", [None, "kormo_wrong", "not-even-kormo", "kormo_" + "x" * 300])
def test_a_missing_or_wrong_token_is_401_in_both_languages(client, header):
    response = _me(client, header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="kormo"'
    error = response.json()["error"]
    assert error["code"] == "UNAUTHENTICATED"
    assert "টোকেন" in error["bn"] and "token" in error["en"]


def test_another_scheme_is_refused(client, alice):
    _, token = api_token_create(user=alice, name="t")
    assert _me(client, token, scheme="Token").status_code == 401
    assert _me(client, token, scheme="bearer").status_code == 200  # schemes are caseless


def test_revoked_expired_and_inactive_are_refused(client, alice):
    row, token = api_token_create(user=alice, name="t")
    api_token_revoke(token=row, actor=alice)
    assert _me(client, token).status_code == 401
    assert api_token_revoke(token=row).revoked_at is not None  # twice: no error, no change
    assert ChangeRecord.objects.filter(action="api_token.revoke").count() == 1

    _, expiring = api_token_create(user=alice, name="t",
                                   expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert _me(client, expiring).status_code == 401

    _, token = api_token_create(user=alice, name="t")
    alice.is_active = False
    alice.save()
    assert _me(client, token).status_code == 401
    with pytest.raises(InputError):
        api_token_create(user=alice, name="t")


def test_a_token_needs_a_name(alice):
    with pytest.raises(InputError) as exc:
        api_token_create(user=alice, name="  ")
    assert exc.value.en == "give the token a name (what it is for)"
    assert ApiToken.objects.count() == 0


def test_the_management_command_makes_lists_and_revokes(client, alice):
    out, err = io.StringIO(), io.StringIO()
    call_command("kormo_api_token", "create", "alice", "--name", "script", "--days", "30",
                 stdout=out, stderr=err)
    token = out.getvalue().strip()
    assert "not stored" in err.getvalue()
    assert _me(client, token).status_code == 200
    row = ApiToken.objects.get()
    assert dt.timedelta(days=29) < row.expires_at - timezone.now() <= dt.timedelta(days=30)
    listing = io.StringIO()
    call_command("kormo_api_token", "list", stdout=listing)
    assert row.prefix in listing.getvalue() and token not in listing.getvalue()
    assert "active" in listing.getvalue()
    call_command("kormo_api_token", "revoke", row.prefix, stdout=io.StringIO())
    assert _me(client, token).status_code == 401
    with pytest.raises(CommandError):
        call_command("kormo_api_token", "create", "nobody", "--name", "x")
    with pytest.raises(CommandError):
        call_command("kormo_api_token", "revoke", row.prefix)  # no active token left


def test_the_admin_makes_a_token_for_a_person_and_shows_it_once(client, alice):
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", None)
    client.force_login(admin)
    response = client.post("/admin/api/apitoken/add/",
                           {"user": alice.pk, "name": "ড্যাশবোর্ড", "expires_at_0": "",
                            "expires_at_1": ""}, follow=True)
    assert response.status_code == 200
    shown = re.findall(r"kormo_[A-Za-z0-9_-]{43}", response.content.decode())
    assert len(set(shown)) == 1
    row = ApiToken.objects.get()
    assert (row.user, row.name, row.created_by) == (alice, "ড্যাশবোর্ড", admin)
    client.logout()
    assert _me(client, shown[0]).json()["username"] == "alice"
    # It is never shown again, and cannot be edited or deleted, only revoked.
    client.force_login(admin)
    page = client.get(f"/admin/api/apitoken/{row.pk}/change/").content.decode()
    assert shown[0] not in page and row.digest not in page
    client.post("/admin/api/apitoken/", {"action": "revoke", "_selected_action": [row.pk]})
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert client.get(f"/admin/api/apitoken/{row.pk}/delete/").status_code == 403
