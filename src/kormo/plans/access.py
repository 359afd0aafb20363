"""The gate for plans, templates and uploads under review, built on `kormo.offices.access`.

`kormo.offices.access` knows offices and roles (`Grants`, loaded once per request); this module
applies them to the objects of this app, the way Zulip keeps `access_stream_*` beside streams.
Every view obtains a plan, a template or a pending import through these functions, never
through `Model.objects.get`; a refusal is `AccessDenied`, a 404.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from kormo.offices.access import AccessDenied, Action, Grants, grants_for, subtree_q
from kormo.offices.models import Office
from kormo.plans.models import PendingImport, Plan
from kormo.web.prepared import Prepared

if TYPE_CHECKING:
    from kormo.offices.access import User


def visible_plans(user: User) -> QuerySet[Plan]:
    """Every plan this person may read (their offices and every office below them)."""
    return plans_for_action(user, Action.READ)


def plans_for_action(user: User, action: Action) -> QuerySet[Plan]:
    """Every plan whose office this person may do `action` for, as one filter with the office
    loaded: what a queue or a bulk form offers, and the only way it loads ticked plans by id
    (`.filter(pk__in=...)`), so no caller writes the role rule again (`Grants.office_q`)."""
    return Plan.objects.filter(grants_for(user).office_q(action)).select_related(
        "office", "office__parent")


@cache
def _plan_query(only: tuple[str, ...]) -> Prepared:
    """The gate's plan query (with `only`, those fields), compiled once per connection: it
    runs on nearly every request."""
    if only:
        return Prepared(lambda pk: Plan.objects.select_related("office").only(
            *only, "office__path", "office__tier").filter(pk=pk), 0)
    return Prepared(lambda pk: Plan.objects.select_related("office", "office__parent").filter(
        pk=pk), 0)


def access_plan(user: User, plan_id: int | str, action: Action = Action.READ, *,
                only: Sequence[str] = ()) -> Plan:
    """The plan, if this person may do `action` for its office; else AccessDenied (404).
    With `only`, just those fields and its office's path and tier (an action that reads the
    plan again under its lock needs no more)."""

    try:
        found = _plan_query(tuple(only)).objects(int(plan_id))
    except (ValueError, TypeError):
        raise AccessDenied() from None
    if not found:
        raise AccessDenied()
    plan = found[0]
    if not grants_for(user).can(action, plan.office):
        raise AccessDenied()
    return plan


# ---------------------------------------------------------------- templates
# (issue "Setting up a year"): templates are plans owned by an administrator's office, read by
# every office below it; the year itself (deadlines) is opened at the top of a tree.


def _template_readable(grants: Grants, office: Office) -> bool:
    """People of the template's office, of any office below it, or above it, may read it."""
    if grants.superuser:
        return True
    mine = {p for ps in grants.paths.values() for p in ps}
    return any(p.startswith(office.path) or office.path.startswith(p) for p in mine)


def access_template(user: User, plan_id: int | str, action: Action = Action.READ) -> Plan:
    """A template of the year: READ for offices at, below or above its office (to copy it);
    SETUP (change, replace) for the administrators of its office or above. Else AccessDenied.
    """

    try:
        plan = Plan.objects.select_related("office").get(pk=int(plan_id), is_template=True)
    except (Plan.DoesNotExist, ValueError, TypeError):
        raise AccessDenied() from None
    grants = grants_for(user)
    allowed = (_template_readable(grants, plan.office) if action is Action.READ
               else action is Action.SETUP and grants.can(Action.SETUP, plan.office))
    if not allowed:
        raise AccessDenied()
    return plan


def access_plan_edit(user: User, plan_id: int | str) -> Plan:
    """A plan to edit: an office's plan for its focal points (WRITE), a template for the
    administrators of its office or above (SETUP). Else AccessDenied."""

    try:
        plan = Plan.objects.select_related("office", "office__parent").get(pk=int(plan_id))
    except (Plan.DoesNotExist, ValueError, TypeError):
        raise AccessDenied() from None
    action = Action.SETUP if plan.is_template else Action.WRITE
    if not grants_for(user).can(action, plan.office):
        raise AccessDenied()
    return plan


def templates_readable(user: User) -> QuerySet[Plan]:
    """Every template this person may read (see `access_template`), one query."""

    grants = grants_for(user)
    templates = Plan.objects.filter(is_template=True)
    if grants.superuser:
        return templates
    mine = {p for ps in grants.paths.values() for p in ps}
    # Above or at one of my offices: the template office's path is a prefix of mine.
    ancestors = {"/" + "/".join(p.strip("/").split("/")[:k]) + "/"
                 for p in mine for k in range(1, p.strip("/").count("/") + 2)}
    return templates.filter(subtree_q(mine, "office__path") | Q(office__path__in=ancestors))


# ---------------------------------------------------------------- an import under review


def access_pending_import(user: User, pending_id: int | str) -> PendingImport:
    """An uploaded file under review (`plans.models.PendingImport`): only the person who
    uploaded it, and only while they may still write the office's plans (WRITE). Anyone else,
    a focal point of the same office included, gets AccessDenied: the upload is not saved yet,
    so it is nobody else's business."""

    try:
        pending = PendingImport.objects.select_related("office").get(pk=int(pending_id))
    except (PendingImport.DoesNotExist, ValueError, TypeError):
        raise AccessDenied() from None
    if pending.owner_id != getattr(user, "pk", None) or not grants_for(user).can(
            Action.WRITE, pending.office):
        raise AccessDenied()
    return pending
