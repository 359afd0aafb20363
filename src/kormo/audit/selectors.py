"""Reads of history and notices, each one query.

A plan's history covers every version of it (a revision is a new row with the same office,
kind, fiscal year and file id), so the history page of a revision still shows how the signed
version came to be.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from kormo.audit.models import ChangeRecord, Notice

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from kormo.plans.models import Plan


def history_for_plan(*, plan: Plan, limit: int | None = None) -> QuerySet[ChangeRecord]:
    """Every change to any version of `plan`, newest first.

    One query where the plan has a file id (versions share it); otherwise the earlier versions
    are found along `revision_of`, one query per earlier version.
    """
    if plan.external_id:
        records = ChangeRecord.objects.filter(
            plan__office_id=plan.office_id,
            plan__kind=plan.kind,
            plan__fiscal_year=plan.fiscal_year,
            plan__external_id=plan.external_id,
        )
    else:
        from kormo.plans.models import Plan as PlanRow

        ids = [plan.pk]
        previous = plan.revision_of_id
        while previous is not None and previous not in ids:
            ids.append(previous)
            previous = PlanRow.objects.filter(pk=previous).values_list(
                "revision_of_id", flat=True).first()
        records = ChangeRecord.objects.filter(plan_id__in=ids)
    records = records.select_related("plan").order_by("-at", "-pk")
    return records[:limit] if limit else records


def notice_list_for_user(*, user: AbstractBaseUser, unread_only: bool = False
                         ) -> QuerySet[Notice]:
    notices = Notice.objects.filter(recipient=user)
    if unread_only:
        notices = notices.filter(read_at__isnull=True)
    return notices.order_by("-created_at", "-pk")


def notice_unread_count(*, user: AbstractBaseUser) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()


@dataclass(frozen=True, slots=True)
class Returned:
    """Why a plan came back: the comment, who returned it (name and post) and when."""

    plan_id: int
    comment: str
    by_name: str
    by_post: str
    at: dt.datetime


def plan_returns(plan_ids: Iterable[int]) -> dict[int, Returned]:
    """The latest return ("plan.return") of each of these plans, by plan id: two queries
    (the records, then the returners' posts) whatever the number of plans."""
    from kormo.offices.models import Membership

    latest: dict[int, ChangeRecord] = {}
    for record in ChangeRecord.objects.filter(plan_id__in=list(plan_ids), action="plan.return") \
            .select_related("actor").order_by("plan_id", "-at", "-pk"):
        latest.setdefault(record.plan_id, record)
    posts = dict(Membership.objects.filter(
        user_id__in={r.actor_id for r in latest.values() if r.actor_id}).exclude(post="")
        .values_list("user_id", "post"))
    return {pid: Returned(pid, r.reason, person_name(r.actor, r.actor_name),
                          posts.get(r.actor_id, ""), r.at) for pid, r in latest.items()}


def person_name(user: Any, fallback: str = "") -> str:
    """A person as people know them: their full name, else the login name."""
    if user is None:
        return fallback
    return user.get_full_name() or user.get_username()
