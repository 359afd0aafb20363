"""Password rules, change, reset by e-mail link, and the login lockout."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from kormo.ops.models import MailDelivery, MailStatus

GOOD = "ধানক্ষেত-2026-rangpur"


@pytest.mark.parametrize("password", ["1", "12345678901", "password123", "kormo"])
def test_weak_passwords_are_refused(password: str) -> None:
    with pytest.raises(ValidationError):
        validate_password(password)
    validate_password(GOOD)


@pytest.mark.django_db
def test_a_person_changes_their_password() -> None:
    user = get_user_model().objects.create_user("focal", password="old pass phrase 1")
    client = Client()
    client.force_login(user)
    weak = client.post("/password/change/", {"old_password": "old pass phrase 1",
                                              "new_password1": "1", "new_password2": "1"})
    assert weak.status_code == 200 and 'role="alert"' in weak.content.decode()
    done = client.post("/password/change/", {"old_password": "old pass phrase 1",
                                              "new_password1": GOOD, "new_password2": GOOD})
    assert done.status_code == 302 and done["Location"] == "/password/change/done/"
    user.refresh_from_db()
    assert user.check_password(GOOD)


@pytest.mark.django_db(transaction=True)
def test_reset_by_an_e_mailed_link() -> None:
    user = get_user_model().objects.create_user("focal", email="focal@example.gov.bd",
                                                password="old pass phrase 1")
    client = Client()
    sent = client.post("/password/reset/", {"email": "focal@example.gov.bd"})
    assert sent.status_code == 302
    row = MailDelivery.objects.get()
    assert row.to == "focal@example.gov.bd" and row.status == MailStatus.SENT
    (message,) = mail.outbox
    assert "নতুন পাসওয়ার্ড" in message.body and "Set it at this link" in message.body
    link = re.search(r"http://testserver(/password/reset/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    target = form.redirect_chain[-1][0] if form.redirect_chain else link
    done = client.post(target, {"new_password1": GOOD, "new_password2": GOOD})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(GOOD)
    # The link works once.
    again = client.get(link, follow=True)
    assert "no longer valid" in again.content.decode() or "আর কার্যকর নয়" in again.content.decode()
    # An unknown address tells nothing and sends nothing.
    assert client.post("/password/reset/", {"email": "nobody@example.gov.bd"}).status_code == 302
    assert len(mail.outbox) == 1


def _login(client: Client, username: str, password: str, path: str = "/login/") -> str:
    return client.post(path, {"username": username, "password": password},
                       REMOTE_ADDR="198.51.100.4").content.decode()


@pytest.mark.django_db
def test_twelve_wrong_passwords_lock_the_account_with_a_message() -> None:
    get_user_model().objects.create_user("focal", password=GOOD)
    client = Client()
    for _ in range(12):
        page = _login(client, "focal", "wrong password")
    assert "লগইন সাময়িকভাবে বন্ধ" in page and "Too many wrong passwords" in page
    # Now even the right password is refused, from any address ...
    other = Client().post("/login/", {"username": "focal", "password": GOOD},
                          REMOTE_ADDR="192.0.2.99")
    assert other.status_code == 429 and "Too many wrong passwords" in other.content.decode()
    # ... and the address that tried is refused for other accounts too.
    get_user_model().objects.create_user("head", password=GOOD)
    assert "Too many wrong passwords" in _login(Client(), "head", GOOD)


@pytest.mark.django_db
def test_the_admin_login_is_locked_too() -> None:
    get_user_model().objects.create_superuser("demo", password=GOOD)
    client = Client()
    for _ in range(12):
        page = _login(client, "demo", "wrong", "/admin/login/")
    assert "Too many wrong passwords" in page
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_few_wrong_passwords_do_not_lock() -> None:
    get_user_model().objects.create_user("focal", password=GOOD)
    client = Client()
    for _ in range(3):
        _login(client, "focal", "wrong")
    answer = client.post("/login/", {"username": "focal", "password": GOOD},
                         REMOTE_ADDR="198.51.100.4")
    assert answer.status_code == 302


@pytest.mark.django_db
def test_the_demo_refuses_a_database_with_real_people() -> None:
    from django.core.management import CommandError, call_command

    get_user_model().objects.create_user("real-officer", password=GOOD)
    with pytest.raises(CommandError, match="other than the demo logins"):
        call_command("kormo_load_demo")
    assert not get_user_model().objects.filter(username="demo").exists()


@pytest.mark.django_db
def test_abandoned_imports_are_purged_after_the_given_days() -> None:
    from datetime import timedelta

    from django.core.management import CommandError, call_command
    from django.utils import timezone

    from kormo.offices.services import office_create
    from kormo.plans.models import PendingImport

    office = office_create(name="অফিস", code="o1")
    owner = get_user_model().objects.create_user("focal", password=GOOD)
    fields = {f.name for f in PendingImport._meta.fields}
    base = {"office": office, "owner": owner}
    if "file_name" in fields:
        base["file_name"] = "a.docx"
    old = PendingImport.objects.create(**base)
    new = PendingImport.objects.create(**base)
    PendingImport.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    call_command("kormo_purge_imports", days="৭")
    assert list(PendingImport.objects.values_list("pk", flat=True)) == [new.pk]
    with pytest.raises(CommandError, match="not a number of days"):
        call_command("kormo_purge_imports", days="a week")
