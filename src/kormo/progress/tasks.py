"""Background work of progress through the Django tasks API (django-tasks now, django.tasks on
Django 6): an office's stored score and figures, refreshed after a change that moves them.

A value recorded, reviewed or verified only marks the office's `ScoreSnapshot` stale (its
stamp follows the reports' change times); the refresh is queued when the change commits, so a
request never waits for a recomputation and the dashboard, which never recomputes, shows the
new figure once the worker has run (and "being updated" until then)."""

from __future__ import annotations

from django.db import transaction

from kormo.ops.tasks import task  # Django 6's tasks API, or the django-tasks backport on 5.2
from kormo.progress.scores import score_refresh


@task()
def office_score_refresh(office_id: int, fiscal_year: str) -> None:
    """Store one office's score and dashboard figures for a year again (bounded: one office's
    current plans)."""
    score_refresh(office_id=office_id, fiscal_year=fiscal_year)


def office_score_refresh_later(office_id: int, fiscal_year: str) -> None:
    """Queue `office_score_refresh` once the caller's transaction commits (nothing is queued
    for a change that is rolled back)."""
    transaction.on_commit(lambda: office_score_refresh.enqueue(office_id, fiscal_year))
