"""What a value save keeps while it costs fewer queries (`progress_record`): saves of one cell
at the same moment are serialised by the plan's lock (on SQLite and PostgreSQL), a save over a
newer one is refused with STALE_VERSION and leaves nothing, every kept save writes its history
row and queues the office's score refresh when it commits, and the plan's office is checked
whether or not the caller's gate loaded it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from django.db import close_old_connections, connection

from kormo.audit.models import ChangeRecord
from kormo.offices.access import AccessDenied
from kormo.offices.models import Role
from kormo.offices.services import membership_grant
from kormo.plans import models as pm
from kormo.progress.errors import ProgressError, ProgressErrorCode
from kormo.progress.models import Report, ReportedValue, ScoreSnapshot
from kormo.progress.scores import office_snapshot
from kormo.progress.services import progress_record, report_submit, value_review
from tests.progress.world import OfficeWorld, make_world
from tests.world import person

ROOT = Path(__file__).resolve().parents[2]
FY = "2022-23"
RACERS = 5


def race(place: OfficeWorld, ref: str, texts: list[str],
         expected: int | None) -> list[object]:
    """One thread per text saves it in the same cell at the same moment, each as a focal point
    of its own; what each got (the saved value or the refusal)."""
    actors = [place.focal]
    for i in range(1, len(texts)):
        actors.append(person(f"racer-{place.office.pk}-{ref}-{texts[i]}"))
        membership_grant(user=actors[-1], office=place.office, role=Role.FOCAL_POINT)
    start = threading.Barrier(len(texts))
    outcomes: list[object] = []

    def save(actor: Any, text: str) -> None:
        try:
            start.wait()
            plan = pm.Plan.objects.select_related("office").get(pk=place.apa.pk)
            outcomes.append(progress_record(plan=plan, indicator_ref=ref, quarter="Q1",
                                            actor=actor, text=text,
                                            expected_version=expected))
        except Exception as exc:  # ProgressError expected; anything else fails the test
            outcomes.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=save, args=(a, t))
               for a, t in zip(actors, texts, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return outcomes


def check(place: OfficeWorld) -> None:
    texts = [str(10 + i) for i in range(RACERS)]
    # All opened the empty cell (version 0): one first value is kept, the others refused.
    outcomes = race(place, "1.1.1", texts, expected=0)
    saved = [o for o in outcomes if isinstance(o, ReportedValue)]
    refused = [o for o in outcomes if isinstance(o, ProgressError)]
    assert (len(saved), len(refused)) == (1, RACERS - 1), outcomes
    assert {e.code for e in refused} == {ProgressErrorCode.STALE_VERSION}
    rv = ReportedValue.objects.get(plan=place.apa, indicator_ref="1.1.1", quarter="Q1")
    assert (rv.lock_version, rv.reported_number) == (1, saved[0].reported_number)
    assert ChangeRecord.objects.filter(action="progress.record", object_id=str(rv.pk)).count() == 1
    # All opened it at version 1: one save wins (version 2), the others are refused.
    outcomes = race(place, "1.1.1", [str(20 + i) for i in range(RACERS)], expected=1)
    assert sum(isinstance(o, ReportedValue) for o in outcomes) == 1, outcomes
    assert all(o.code is ProgressErrorCode.STALE_VERSION
               for o in outcomes if isinstance(o, ProgressError))
    assert ReportedValue.objects.get(pk=rv.pk).lock_version == 2
    # Saves without a version (the API's default) of a new cell wait for each other: every one
    # is kept, one after the other, none fails on the cell's uniqueness.
    outcomes = race(place, "1.1.2", [str(30 + i) for i in range(RACERS)], expected=None)
    assert all(isinstance(o, ReportedValue) for o in outcomes), outcomes
    rv = ReportedValue.objects.get(plan=place.apa, indicator_ref="1.1.2", quarter="Q1")
    assert rv.lock_version == RACERS
    assert ChangeRecord.objects.filter(action="progress.record",
                                       object_id=str(rv.pk)).count() == RACERS
    assert Report.objects.filter(plan=place.apa, period="Q1").count() == 1


# On SQLite the file database of a real installation: the test database in memory shares one
# cache between threads, which locks tables instead of waiting.
SQLITE_RACE = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tests.progress.test_value_save_writes import check
from tests.progress.world import make_world
world = make_world()
check(next(iter(world.offices.values())))
print("serialised")
"""


@pytest.mark.django_db(transaction=True)
def test_saves_of_one_cell_at_the_same_moment_are_serialised(tmp_path: Path,
                                                            settings: Any) -> None:
    if connection.vendor == "sqlite":
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env["KORMO_DATA_DIR"] = str(tmp_path)
        env["KORMO_TASKS_IMMEDIATE"] = "1"
        out = subprocess.run([sys.executable, "-c", SQLITE_RACE], env=env, cwd=ROOT,
                             capture_output=True, text=True, timeout=300)
        assert out.returncode == 0 and "serialised" in out.stdout, out.stderr[-3000:]
        return
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = make_world()
    check(next(iter(world.offices.values())))


@pytest.mark.django_db
def test_a_kept_save_writes_its_history_and_queues_one_refresh_a_refused_one_nothing(
        world: Any, rangpur: OfficeWorld, django_capture_on_commit_callbacks: Any) -> None:
    office = rangpur.office.pk
    # Into the quarter's draft report: history, and no refresh (a draft's values move no score).
    with django_capture_on_commit_callbacks(execute=True) as queued:
        rv = progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                             actor=rangpur.focal, text="১২")
    assert len(queued) == 0
    history = ChangeRecord.objects.get(action="progress.record", object_id=str(rv.pk))
    assert (history.before, history.after["reported"], history.actor) == (
        None, "12", rangpur.focal)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        rv = progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                             actor=rangpur.focal, text="১৫", expected_version=1)
    assert len(queued) == 0
    history = ChangeRecord.objects.filter(action="progress.record",
                                          object_id=str(rv.pk)).latest("pk")
    assert (history.before["reported"], history.after["reported"]) == ("12", "15")
    assert history.after["lock_version"] == 2

    # A save over a newer one is refused and leaves nothing.
    rows = ChangeRecord.objects.count()
    with django_capture_on_commit_callbacks(execute=True) as queued, \
            pytest.raises(ProgressError) as refused:
        progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                        actor=rangpur.focal, text="১৮", expected_version=1)
    assert refused.value.code is ProgressErrorCode.STALE_VERSION
    assert (len(queued), ChangeRecord.objects.count()) == (0, rows)
    assert ReportedValue.objects.get(pk=rv.pk).reported_number == 15

    # Submitted, its values count: a change to one of them (the supervisor's review) queues
    # one refresh, which stores the office's current score.
    with django_capture_on_commit_callbacks(execute=True):
        report_submit(report=rv.report, actor=rangpur.focal)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        value_review(value=ReportedValue.objects.get(pk=rv.pk), actor=world.supervisor,
                     accept=True)
    assert len(queued) == 1
    snap = ScoreSnapshot.objects.get(office_id=office, fiscal_year=FY)
    assert office_snapshot(office_id=office, fiscal_year=FY).stamp == snap.stamp



@pytest.mark.django_db
def test_the_office_is_checked_whether_or_not_the_callers_plan_carries_it(
        world: Any, rangpur: OfficeWorld, dinajpur: OfficeWorld) -> None:
    bare = pm.Plan.objects.get(pk=rangpur.apa.pk)  # no office loaded with it
    assert not pm.Plan.office.is_cached(bare)
    with pytest.raises(AccessDenied):
        progress_record(plan=bare, indicator_ref="1.1.1", quarter="Q1",
                        actor=dinajpur.focal, text="১")
    # A plan object carrying another office (not its own) is not believed either.
    forged = pm.Plan.objects.get(pk=rangpur.apa.pk)
    pm.Plan.office.field.set_cached_value(forged, dinajpur.office)
    with pytest.raises(AccessDenied):
        progress_record(plan=forged, indicator_ref="1.1.1", quarter="Q1",
                        actor=dinajpur.focal, text="১")
    assert not ReportedValue.objects.filter(plan=rangpur.apa).exists()
    rv = progress_record(plan=bare, indicator_ref="1.1.1", quarter="Q1",
                         actor=rangpur.focal, text="১")
    assert rv.reported_number == 1
    # An unknown indicator is refused after the same checks.
    with pytest.raises(AccessDenied):
        progress_record(plan=bare, indicator_ref="9.9.9", quarter="Q1",
                        actor=dinajpur.focal, text="১")
    with pytest.raises(ProgressError) as unknown:
        progress_record(plan=bare, indicator_ref="9.9.9", quarter="Q1",
                        actor=rangpur.focal, text="১")
    assert unknown.value.code is ProgressErrorCode.UNKNOWN_INDICATOR


# ---------------------------------------------------------------- the report page's one form


def _save_all(client: Any, plan: pm.Plan, texts: dict[str, str]) -> Any:
    return client.post(f"/progress/plans/{plan.pk}/report/values/", _form(texts, plan))


def _form(texts: dict[str, str], plan: pm.Plan) -> dict[str, Any]:
    """The report page's one form (`values_save`) with `texts` typed in quarter 1, each over
    the version the page showed."""
    data: dict[str, Any] = {"period": "Q1", "entry": []}
    for ref, text in texts.items():
        entry = f"{ref}|Q1"
        rv = ReportedValue.objects.filter(plan=plan, indicator_ref=ref, quarter="Q1").first()
        data["entry"].append(entry)
        data[f"value-{entry}"] = text
        data[f"orig-value-{entry}"] = ""
        data[f"version-{entry}"] = str(rv.lock_version if rv else 0)
    return data


def _typed_refs(plan: pm.Plan) -> list[str]:
    """Three indicators of the plan that take a typed number (a count or a percent)."""
    refs = [i.ref for i in pm.Indicator.objects.filter(plan=plan, unit__in=["count", "percent"])
            .order_by("position") if not i.feeds_from and not i.derivation][:3]
    assert len(refs) == 3
    return refs


@pytest.mark.django_db
def test_saving_all_values_at_once_costs_a_few_queries_a_value(
        rangpur: OfficeWorld, django_capture_on_commit_callbacks: Any) -> None:
    from django.test import Client

    from tests.progress.test_deadline_pages import statements

    client = Client()
    client.force_login(rangpur.focal)
    refs = _typed_refs(rangpur.apa)
    assert _save_all(client, rangpur.apa, {r: "১" for r in refs}).status_code == 302
    counts = []
    url = f"/progress/plans/{rangpur.apa.pk}/report/values/"
    for n in (1, 3):
        form = _form({r: str(10 + n) for r in refs[:n]}, rangpur.apa)
        with statements() as seen, django_capture_on_commit_callbacks() as queued:
            answer = client.post(url, form)
        assert answer.status_code == 302
        assert len(queued) == 0  # a draft's values move no score: no refresh
        counts.append(len(seen))
    # Each changed value: the UPDATE with its version claim and the history row (no
    # savepoint: every check comes before them). The plan is locked once; the entries'
    # indicators, reports and values read in one query; the report touched once.
    assert counts[1] - counts[0] == 2 * 2, counts
    assert [ReportedValue.objects.get(plan=rangpur.apa, indicator_ref=r, quarter="Q1")
            .reported_number for r in refs] == [13, 13, 13]


@pytest.mark.django_db
def test_saving_all_keeps_the_good_values_and_refuses_the_bad_one_beside_them(
        rangpur: OfficeWorld, django_capture_on_commit_callbacks: Any) -> None:
    from django.test import Client

    client = Client()
    client.force_login(rangpur.focal)
    refs = _typed_refs(rangpur.apa)
    report = Report.objects.filter(plan=rangpur.apa, period="Q1").first()
    before = report.updated_at if report else None
    with django_capture_on_commit_callbacks(execute=True) as queued:
        answer = _save_all(client, rangpur.apa, {refs[0]: "৭", refs[1]: "সাত", refs[2]: "9"})
    assert answer.status_code == 400
    assert len(queued) == 0  # into a draft: no score moves, no refresh
    kept = dict(ReportedValue.objects.filter(plan=rangpur.apa, quarter="Q1")
                .values_list("indicator_ref", "reported_number"))
    assert kept == {refs[0]: 7, refs[2]: 9}
    assert ChangeRecord.objects.filter(action="progress.record", plan=rangpur.apa).count() == 2
    report = Report.objects.get(plan=rangpur.apa, period="Q1")
    # A draft's values leave its last change (the score's stamp) alone: they count once
    # the report is submitted.
    assert before is None or report.updated_at == before
    # The refused value comes back as typed; the office's stored score is the current one.
    assert "সাত" in answer.content.decode()
    office = rangpur.office.pk
    assert office_snapshot(office_id=office, fiscal_year=FY).stamp == \
        ScoreSnapshot.objects.get(office_id=office, fiscal_year=FY).stamp


@pytest.mark.django_db(transaction=True)
def test_a_batch_is_made_only_inside_its_callers_transaction(settings: Any) -> None:
    """Its lock must outlive each save's savepoint: outside a transaction, refused."""
    from django.db import transaction

    from kormo.progress.services import values_batch

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    place = next(iter(make_world().offices.values()))
    with pytest.raises(RuntimeError):
        values_batch(place.apa)
    with transaction.atomic():
        batch = values_batch(place.apa)
        rv = progress_record(plan=place.apa, indicator_ref="1.1.1", quarter="Q1",
                             actor=place.focal, text="৩", batch=batch)
    assert ReportedValue.objects.get(pk=rv.pk).reported_number == 3
    assert "1.1.1" in batch.indicators and batch.touched == {rv.report_id}


@pytest.mark.django_db
def test_a_first_value_meeting_another_is_refused_and_the_batch_goes_on(
        rangpur: OfficeWorld) -> None:
    """A batch reads its cells once; a first value stored by someone else since then meets
    it at the INSERT: refused (STALE_VERSION) in a savepoint of its own, so the batch's other
    values are still saved, and the cell, read again, takes a save over the version stored."""
    from django.db import transaction

    from kormo.progress.services import values_batch

    first, other, opener = _typed_refs(rangpur.apa)
    progress_record(plan=rangpur.apa, indicator_ref=opener, quarter="Q1", actor=rangpur.focal,
                    text="৯")  # the quarter's report is open
    with transaction.atomic():
        batch = values_batch(rangpur.apa, [(first, "Q1"), (other, "Q1")])
        progress_record(plan=rangpur.apa, indicator_ref=first, quarter="Q1",
                        actor=rangpur.focal, text="১")  # not through the batch
        with pytest.raises(ProgressError) as refused:
            progress_record(plan=rangpur.apa, indicator_ref=first, quarter="Q1",
                            actor=rangpur.focal, text="২", expected_version=0, batch=batch)
        assert refused.value.code is ProgressErrorCode.STALE_VERSION
        progress_record(plan=rangpur.apa, indicator_ref=other, quarter="Q1",
                        actor=rangpur.focal, text="৩", batch=batch)
        again = progress_record(plan=rangpur.apa, indicator_ref=first, quarter="Q1",
                                actor=rangpur.focal, text="৪", expected_version=1, batch=batch)
    assert again.lock_version == 2
    assert dict(ReportedValue.objects.filter(plan=rangpur.apa, quarter="Q1").values_list(
        "indicator_ref", "reported_number")) == {first: 4, other: 3, opener: 9}
    assert ChangeRecord.objects.filter(action="progress.record", plan=rangpur.apa).count() == 4
