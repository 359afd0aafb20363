"""Writes of history and notices: `record_change`, `notice_send`, `notice_mark_read`.

Services of plans and progress call `record_change` explicitly, inside their own
`transaction.atomic`, for every change they make (STYLE.md: no signals; "One path for every
change"), so a refused or rolled-back change leaves no record and a kept change always has one.

`notice_send` writes the in-app notice in the same transaction and sends the e-mail through
Django's e-mail backend only after the transaction commits (`transaction.on_commit`), so that
nobody is mailed about a change that was rolled back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils import timezone

from kormo.audit.models import ChangeRecord, Notice, NoticeKind
from kormo.domain.planformat import value_to_json
from kormo.domain.values import Blank, DateValue, Money, MonthValue, NotApplicable, Number, Percent
from kormo.offices.models import Membership, Office, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from kormo.plans.models import Plan

_VALUE_TYPES = (Number, Percent, Money, DateValue, MonthValue, Blank, NotApplicable)


def jsonable(value: Any) -> Any:
    """`value` as plain JSON: typed cell values as the plan format writes them, decimals as
    strings (every digit kept), dates in ISO form, users by name."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, _VALUE_TYPES):
        return jsonable(value_to_json(value))
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, Iterable):
        return [jsonable(v) for v in value]
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def record_change(
    *,
    actor: AbstractBaseUser | None,
    action: str,
    obj: models.Model,
    plan: Plan | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    reason: str = "",
    label: str = "",
) -> ChangeRecord:
    """Keep one change: who (`actor`), what (`action` on `obj`), before and after, and why."""
    return ChangeRecord.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=getattr(actor, "get_username", lambda: "")() if actor else "",
        action=action,
        plan=plan,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk or ""),
        object_label=label or str(obj)[:200],
        before=None if before is None else jsonable(before),
        after=None if after is None else jsonable(after),
        reason=reason,
    )


# ---------------------------------------------------------------- who to tell


def people_at(office: Office, roles: Iterable[Role]) -> list[AbstractBaseUser]:
    """The people holding one of `roles` at `office` (one query)."""
    memberships = Membership.objects.filter(office=office, role__in=[Role(r) for r in roles])
    seen: dict[int, AbstractBaseUser] = {}
    for ms in memberships.select_related("user"):
        seen.setdefault(ms.user.pk, ms.user)
    return list(seen.values())


def supervisors_above(office: Office) -> list[AbstractBaseUser]:
    """The supervisors of the nearest office above `office` that has any (two queries).

    The supervising office (ঊর্ধ্বতন অফিস) is the parent; where nobody holds the supervisor
    role there, the next office up reviews (Action.REVIEW reaches any depth).
    """
    ancestor_ids = [int(p) for p in office.path.strip("/").split("/")[:-1] if p]
    if not ancestor_ids:
        return []
    rows = Membership.objects.filter(
        office_id__in=ancestor_ids, role=Role.SUPERVISOR
    ).select_related("user")
    by_office: dict[int, list[AbstractBaseUser]] = {}
    for ms in rows:
        by_office.setdefault(ms.office_id, []).append(ms.user)
    for office_id in reversed(ancestor_ids):  # nearest first
        if by_office.get(office_id):
            return by_office[office_id]
    return []


# ---------------------------------------------------------------- notices


def notice_send(
    *,
    recipients: Iterable[AbstractBaseUser],
    kind: NoticeKind,
    text_bn: str,
    text_en: str,
    plan: Plan | None = None,
    url: str = "",
    exclude: AbstractBaseUser | None = None,
) -> list[Notice]:
    """Tell each recipient (but not the person who acted) in the app and by e-mail."""
    unique: dict[int, AbstractBaseUser] = {}
    for user in recipients:
        if exclude is not None and user.pk == exclude.pk:
            continue
        unique.setdefault(user.pk, user)
    if not unique:
        return []
    notices = Notice.objects.bulk_create(
        Notice(recipient=u, kind=NoticeKind(kind), plan=plan, text_bn=text_bn, text_en=text_en,
               url=url)
        for u in unique.values()
    )
    addresses = [e for u in unique.values() if (e := getattr(u, "email", ""))]
    if addresses:
        subject = f"Kormo: {text_bn}"[:150]
        body = f"{text_bn}\n{text_en}\n{_absolute(url)}".strip()

        def mail() -> None:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, addresses,
                      fail_silently=True)

        transaction.on_commit(mail)
    return notices


def _absolute(url: str) -> str:
    base = getattr(settings, "KORMO_SITE_URL", "").rstrip("/")
    return f"{base}{url}" if url and base else url


def notice_mark_read(*, notice: Notice, actor: AbstractBaseUser) -> Notice:
    """Mark one of the actor's own notices read (others' notices are not theirs to mark)."""
    if notice.recipient_id != actor.pk:
        raise Notice.DoesNotExist()
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice


def notices_mark_all_read(*, actor: AbstractBaseUser) -> int:
    return Notice.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )
