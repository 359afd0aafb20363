"""Invitations: an e-mail to each new person with a link to set their password.

One function, `invitations_send`: it queues the e-mails through the task queue
(`kormo.ops.mail.mail_queue_each`), so a slow mail server never holds up `kormo onboard` or the
people page, and a failed send is retried by the worker and shown to administrators.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from kormo.ops.mail import mail_queue_each

SUBJECT = "Kormo: আপনার পাসওয়ার্ড ঠিক করুন / set your password"
BODY = """{name},

Kormo-তে আপনাকে যুক্ত করা হয়েছে। এই লিংকে গিয়ে পাসওয়ার্ড ঠিক করুন:
You have been added to Kormo. Set your password at this link:

{link}

ব্যবহারকারীর নাম / user name: {username}
"""
CHUNK = 500


def invite_link(user: object, site_url: str = "") -> str:
    """The one-time address where this person sets a password (Django's reset token: it stops
    working once the password is set)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))  # type: ignore[attr-defined]
    token = default_token_generator.make_token(user)  # type: ignore[arg-type]
    # The accounts' reset page sets it: an invitation is a first password reset.
    path = reverse("password_reset_confirm", args=[uid, token])
    site = (site_url or getattr(settings, "KORMO_SITE_URL", "")).rstrip("/")
    return f"{site}{path}"


def invitations_send(*, user_ids: Sequence[int], site_url: str = "") -> int:
    """Queue an e-mail to every listed person who has an address and no usable password yet;
    returns how many were queued (one insert per chunk: 50,000 people are one command)."""
    User = get_user_model()
    sent = 0
    ids = list(user_ids)
    for start in range(0, len(ids), CHUNK):
        users = User.objects.filter(pk__in=ids[start:start + CHUNK]).exclude(email="")
        sent += len(mail_queue_each(
            (u.email, SUBJECT, BODY.format(name=u.get_full_name() or u.get_username(),
                                           link=invite_link(u, site_url),
                                           username=u.get_username()))
            for u in users if not u.has_usable_password()))
    return sent
