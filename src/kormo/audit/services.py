"""Writes of history and notices: `record_change`, `notice_send`, `notice_mark_read`.

`plan_changes` says what an edit changed in a plan, cell by cell ("[1.1.1] weight": 4 → 5),
so that the history page shows edits a person can read, not two copies of the whole plan.

Services of plans and progress call `record_change` explicitly, inside their own
`transaction.atomic`, for every change they make (STYLE.md: no signals; "One path for every
change"), so a refused or rolled-back change leaves no record and a kept change always has one.

`notice_send` writes the in-app notice in the same transaction and queues its e-mails for the
task worker (`kormo.ops.mail`), queued only when the transaction commits, so that nobody is
mailed about a change that was rolled back and no request waits for the mail server.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from kormo.audit.models import ChangeRecord, Notice, NoticeKind
from kormo.domain import plan as d
from kormo.domain.planformat import plan_to_dict, value_to_json
from kormo.domain.values import Blank, DateValue, Money, MonthValue, NotApplicable, Number, Percent
from kormo.offices.models import Membership, Office, Role
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


# ---------------------------------------------------------------- what an edit changed

# A whole plan rewritten (a pasted table) is kept as its first cells and a count, so one
# record stays small enough for the history page.
MAX_PLAN_CHANGES = 200
_LABEL_PLACES = 6
# The plan format writes a typed value as a one-key object ({"percent": 85}): one cell.
_TYPED_KEYS = frozenset({"percent", "money", "date", "month", "blank", "not_applicable"})
# Kept apart from the plan's content: progress has its own records (progress.record).
_NOT_CONTENT = frozenset({"progress"})


@dataclass(frozen=True, slots=True)
class PlanChanges:
    """The changed cells of a plan: place → value before, place → value after (None: absent),
    in plan order, at most MAX_PLAN_CHANGES of them (`more` counts the rest)."""

    before: dict[str, Any]
    after: dict[str, Any]
    places: tuple[str, ...]
    more: int = 0

    def __bool__(self) -> bool:
        return bool(self.places)

    @property
    def label(self) -> str:
        """The changed places for the history page's "Item" column ("[1.1.1] weight, ...")."""
        shown = ", ".join(self.places[:_LABEL_PLACES])
        rest = len(self.places) - _LABEL_PLACES + self.more
        return f"{shown} … (+{rest})" if rest > 0 else shown


def _plan_cells(plan: d.Plan) -> dict[str, Any]:
    """The plan as flat cells keyed by a readable place: areas, activities and indicators by
    their number as printed ("[1.1.1] levels 100", "[G1.1.1] actuals 2021-22"), year values
    by fiscal year, other lists by position from 1 ("outcomes 2 target")."""
    cells: dict[str, Any] = {}

    def put(place: str, value: Any) -> None:
        key, n = place, 1
        while key in cells:  # a number repeated in a damaged document
            n += 1
            key = f"{place} #{n}"
        cells[key] = value

    def walk(place: str, value: Any) -> None:
        if isinstance(value, Mapping) and not (len(value) == 1 and set(value) <= _TYPED_KEYS):
            for k, v in value.items():
                walk(f"{place} {k}".strip(), v)
        elif isinstance(value, list):
            if value and all(isinstance(v, Mapping) and "fiscal_year" in v for v in value):
                # An empty year (a column the editor adds) says nothing, provisional or not.
                for v in value:
                    if v.get("value") is not None:
                        walk(f"{place} {v['fiscal_year']}",
                             {k: x for k, x in v.items() if k != "fiscal_year"})
            else:
                for i, v in enumerate(value, 1):
                    walk(f"{place} {i}", v)
        else:
            put(place, value)

    doc = plan_to_dict(plan)
    for key, value in doc.items():
        if key == "areas" or key in _NOT_CONTENT:
            continue
        walk(key, value)
    for area in doc.get("areas", []):
        g = "G" if area.get("kind") == d.AreaKind.GOVERNANCE.value else ""
        for k, v in area.items():
            if k not in ("number", "activities"):
                walk(f"[{g}{area['number']}] {k}", v)
        for act in area.get("activities", []):
            for k, v in act.items():
                if k not in ("number", "indicators"):
                    walk(f"[{g}{act['number']}] {k}", v)
            for ind in act.get("indicators", []):
                for k, v in ind.items():
                    if k != "number":
                        walk(f"[{g}{ind['number']}] {k}", v)
    return cells


def _pruned(before: d.Plan, after: d.Plan) -> tuple[d.Plan, d.Plan]:
    """Both plans without the areas, activities and indicators equal at the same position in
    both: they change no cell, and a plan of 2,000 rows with one edit is then compared in
    milliseconds, not seconds. Where the counts differ, the part is kept whole."""
    if len(before.areas) != len(after.areas):
        return before, after
    old_areas: list[d.Area] = []
    new_areas: list[d.Area] = []
    for x, y in zip(before.areas, after.areas, strict=True):
        if x == y:
            continue
        if len(x.activities) == len(y.activities):
            old_acts: list[d.Activity] = []
            new_acts: list[d.Activity] = []
            for ax, ay in zip(x.activities, y.activities, strict=True):
                if ax == ay:
                    continue
                if len(ax.indicators) == len(ay.indicators):
                    pairs = [(i, j) for i, j in zip(ax.indicators, ay.indicators, strict=True)
                             if i != j]
                    ax = dataclasses.replace(ax, indicators=tuple(i for i, _ in pairs))
                    ay = dataclasses.replace(ay, indicators=tuple(j for _, j in pairs))
                old_acts.append(ax)
                new_acts.append(ay)
            x = dataclasses.replace(x, activities=tuple(old_acts))
            y = dataclasses.replace(y, activities=tuple(new_acts))
        old_areas.append(x)
        new_areas.append(y)
    return (dataclasses.replace(before, areas=tuple(old_areas)),
            dataclasses.replace(after, areas=tuple(new_areas)))


def plan_changes(before: d.Plan, after: d.Plan) -> PlanChanges:
    """What changed from `before` to `after`, cell by cell (pure; no query)."""
    if before == after:
        return PlanChanges(before={}, after={}, places=())
    before, after = _pruned(dataclasses.replace(before, progress=()),
                            dataclasses.replace(after, progress=()))
    old, new = _plan_cells(before), _plan_cells(after)
    places = [p for p in old if old[p] != new.get(p)]
    places += [p for p in new if p not in old and new[p] is not None]
    kept = places[:MAX_PLAN_CHANGES]
    return PlanChanges(before={p: old.get(p) for p in kept}, after={p: new.get(p) for p in kept},
                       places=tuple(kept), more=len(places) - len(kept))


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


# ---------------------------------------------------------------- who to tell


def people_at(office: Office, roles: Iterable[Role]) -> list[AbstractBaseUser]:
    """The people holding one of `roles` at `office` (one query)."""
    return people_at_offices([office.pk], roles).get(office.pk, [])


def people_at_offices(office_ids: Iterable[int], roles: Iterable[Role]
                      ) -> dict[int, list[AbstractBaseUser]]:
    """Office id → the people holding one of `roles` there, each once (one query, for any
    number of offices)."""
    memberships = Membership.objects.filter(
        office_id__in=set(office_ids), role__in=[Role(r) for r in roles]
    ).select_related("user").order_by("office_id", "pk")
    found: dict[int, dict[int, AbstractBaseUser]] = {}
    for ms in memberships:
        found.setdefault(ms.office_id, {}).setdefault(ms.user.pk, ms.user)
    return {office_id: list(users.values()) for office_id, users in found.items()}


def _ancestor_ids(office: Office) -> list[int]:
    return [int(p) for p in office.path.strip("/").split("/")[:-1] if p]


def supervisors_above(office: Office) -> list[AbstractBaseUser]:
    """The supervisors of the nearest office above `office` that has any (one query).

    The supervising office (ঊর্ধ্বতন অফিস) is the parent; where nobody holds the supervisor
    role there, the next office up reviews (Action.REVIEW reaches any depth).
    """
    return supervisors_above_offices([office]).get(office.pk, [])


def supervisors_above_offices(offices: Iterable[Office]) -> dict[int, list[AbstractBaseUser]]:
    """Office id → `supervisors_above(office)`, for any number of offices in one query."""
    ancestors = {o.pk: _ancestor_ids(o) for o in offices}
    wanted = {a for ids in ancestors.values() for a in ids}
    if not wanted:
        return {}
    rows = Membership.objects.filter(
        office_id__in=wanted, role=Role.SUPERVISOR
    ).select_related("user").order_by("pk")
    by_office: dict[int, list[AbstractBaseUser]] = {}
    for ms in rows:
        by_office.setdefault(ms.office_id, []).append(ms.user)
    found: dict[int, list[AbstractBaseUser]] = {}
    for office_id, ids in ancestors.items():
        nearest = next((by_office[a] for a in reversed(ids) if by_office.get(a)), None)
        if nearest:
            found[office_id] = nearest
    return found


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
