"""Writes of history and notices: `record_change`, `notice_send`, `notice_mark_read`.

`record_plan_edit` keeps what an edit changed in a plan, cell by cell ("[1.1.1] weight": 4 →
5; the pure engine is `kormo.domain.diff`), so that the history page shows edits a person can
read, not two copies of the whole plan.

Services of plans and progress call `record_change` explicitly, inside their own
`transaction.atomic`, for every change they make (STYLE.md: no signals; "One path for every
change"), so a refused or rolled-back change leaves no record and a kept change always has one.

`notice_send` writes the in-app notice in the same transaction and queues its e-mails for the
task worker (`kormo.ops.mail`), queued only when the transaction commits, so that nobody is
mailed about a change that was rolled back and no request waits for the mail server.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone

from kormo.audit.models import ChangeRecord, Notice, NoticeKind
from kormo.domain import plan as d
from kormo.domain.diff import plan_changes
from kormo.domain.planformat import value_to_json
from kormo.domain.values import Blank, DateValue, Money, MonthValue, NotApplicable, Number, Percent
from kormo.ops.mail import mail_queue

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
    return insert_row(ChangeRecord(
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
    ))


_M = TypeVar("_M", bound=models.Model)


def insert_row(row: _M) -> _M:
    """INSERT `row`, a new row of its model, as `row.save(force_insert=True)` stores it (each
    field's `pre_save`, then its value prepared for the database by the field) and give it
    the primary key the database chose, on the primary database (where the ORM writes). Sent
    as SQL: the history's row of every write (`record_change`) and the file of an evidence
    upload, where compiling the ORM's insert cost 0.2 ms of each 0.3 ms. No signals are sent
    (the house uses none, STYLE.md)."""
    meta, connection = row._meta, connections[DEFAULT_DB_ALIAS]
    fields = [f for f in meta.concrete_fields if not f.primary_key and not f.generated]
    quote = connection.ops.quote_name
    values = [f.get_db_prep_save(f.pre_save(row, True), connection=connection) for f in fields]
    sql = (f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    returns = connection.features.can_return_columns_from_insert
    if returns:
        returned, returning = connection.ops.return_insert_columns([meta.pk])
        sql = f"{sql} {returned}"
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        pk = (connection.ops.fetch_returned_insert_columns(cursor, returning)[0] if returns
              else connection.ops.last_insert_id(cursor, meta.db_table, meta.pk.column))
    row.pk = pk
    row._state.adding, row._state.db = False, DEFAULT_DB_ALIAS
    return row


# ---------------------------------------------------------------- what an edit changed


def record_plan_edit(*, actor: AbstractBaseUser | None, action: str, plan: Plan,
                     before: d.Plan, after: d.Plan, reason: str = "") -> ChangeRecord | None:
    """Keep an edit of a plan's content as its changed cells; nothing when nothing changed.
    One insert, whatever the size of the plan."""
    changes = plan_changes(before, after)
    if not changes:
        return None
    extra = {"…": f"+{changes.more}"} if changes.more else {}
    return record_change(actor=actor, action=action, obj=plan, plan=plan,
                         before={**changes.before, **extra}, after={**changes.after, **extra},
                         reason=reason, label=changes.label)


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
    key: str = "",
) -> list[Notice]:
    """Tell each recipient (but not the person who acted) in the app and by e-mail.

    With a `key` (a reminder: "overdue:12:Q1:2022-10-15") the recipients who already have a
    notice of that key are skipped (one more query), so a reminder is never sent twice; a
    unique constraint backs this against two runs at once (IntegrityError)."""
    unique: dict[int, AbstractBaseUser] = {}
    for user in recipients:
        if exclude is not None and user.pk == exclude.pk:
            continue
        unique.setdefault(user.pk, user)
    if key and unique:
        for pk in Notice.objects.filter(key=key, recipient_id__in=list(unique)).values_list(
                "recipient_id", flat=True):
            unique.pop(pk, None)
    if not unique:
        return []
    notices = Notice.objects.bulk_create(
        Notice(recipient=u, kind=NoticeKind(kind), plan=plan, text_bn=text_bn, text_en=text_en,
               url=url, key=key)
        for u in unique.values()
    )
    # One e-mail per recipient, sent by the task worker after commit (kormo.ops.mail).
    mail_queue(((getattr(u, "email", ""), n.pk) for u, n in zip(unique.values(), notices,
                                                                strict=True)),
               subject=f"Kormo: {text_bn}", body=f"{text_bn}\n{text_en}\n{_absolute(url)}".strip())
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
