"""What one `kormo_load_demo` leaves (the module shares one load: `loaded`, rolled back after
the module): offices by name, and the demo year played through the services."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import override_settings

from kormo.audit.models import ChangeRecord, Notice
from kormo.demo import year as demo_year
from kormo.domain.planformat import load_path
from kormo.domain.validation import has_errors, validate_plan
from kormo.offices.models import Office
from kormo.plans import models as m
from kormo.plans.convert import plan_to_domain
from kormo.progress.dashboard import dashboard_page
from kormo.progress.evidence import evidence_kind
from kormo.progress.models import Evidence, Report, ReportedValue, ReportState
from tests.demo.test_load_demo import copy_seeds, load, person
from tests.plans.builders import rich_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _loaded_once(django_db_setup, django_db_blocker, tmp_path_factory
                 ) -> Iterator[tuple[Path, Path, str]]:
    """The seeds loaded and the demo year played once for the module, inside a transaction
    rolled back after it (like `TestCase.setUpTestData`); stored files in a folder of its own.
    """
    seeds_dir = copy_seeds(tmp_path_factory.mktemp("once") / "seeds")
    media = tmp_path_factory.mktemp("once-media")
    storages = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(media)}}}
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media, STORAGES=storages):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield seeds_dir, media, load(seeds_dir)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def loaded(_loaded_once: tuple[Path, Path, str], db: None, settings) -> tuple[Path, str]:
    """(the seed folder, the loader's output) of the module's one load; its stored files."""
    seeds_dir, media, output = _loaded_once
    settings.MEDIA_ROOT = media
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(media)}}}
    return seeds_dir, output


def test_offices_are_created_by_name_under_their_supervisor(loaded) -> None:
    plan = rich_plan()
    office = Office.objects.get(name=plan.office)
    assert office.tier == "district"
    assert office.parent is not None
    assert (office.parent.name, office.parent.tier) == (plan.supervisor, "")
    assert m.Plan.objects.get(external_id=plan.id).office == office
    sized = m.Plan.objects.get(external_id="sized")
    assert (sized.office.name, sized.office.tier, sized.office.parent) == ("অফিস", "", None)


def test_the_demo_year_is_half_a_year_played_through_the_services(loaded) -> None:
    from kormo.agreements.selectors import plans_waiting

    seeds, output = loaded
    assert "Rangpur APA: signed by both parties; reports: Q1 accepted, Q2 submitted" in output
    rangpur = m.Plan.objects.get(external_id=demo_year.RANGPUR_PLAN_ID, is_current=True)
    assert rangpur.state == m.PlanState.SIGNED
    assert not has_errors(validate_plan(plan_to_domain(rangpur.pk)))

    # Both signatures, with the posts, offices and dates of seed 000's signature block.
    seed = load_path(str(next(seeds.glob("000-*.json"))))[0]
    signed = list(m.Party.objects.filter(plan=rangpur, section=m.Party.Section.SIGNATURE)
                  .order_by("position").values_list("role", "name", "post", "office_name",
                                                    "signed_on"))
    assert [(r, p, o, on) for r, _n, p, o, on in signed] == [
        (s.role, s.party.post, s.party.office, s.signed_on) for s in seed.signatures]
    assert [n for _r, n, *_ in signed] == [person("rangpur-head").get_full_name(),
                                           person("dg-supervisor").get_full_name()]

    # Q1 accepted (after one return for an item's evidence), Q2 waiting for the review; both
    # on time.
    reports = {r.period: r for r in Report.objects.filter(plan=rangpur)}
    assert set(reports) == {"Q1", "Q2"}
    assert (reports["Q1"].state, reports["Q2"].state) == (ReportState.ACCEPTED,
                                                          ReportState.SUBMITTED)
    assert not reports["Q1"].is_late and not reports["Q2"].is_late
    # The year's windows are staggered by tier: Rangpur is a district office.
    assert (reports["Q1"].due_on, reports["Q2"].due_on) == (dt.date(2022, 10, 15),
                                                            dt.date(2023, 1, 15))
    assert not rangpur.submitted_late
    pirgacha = m.Plan.objects.get(external_id=demo_year.PIRGACHA_PLAN_ID)
    assert pirgacha.submitted_late  # an upazila office, due 5 June, submitted on 20 June
    assert reports["Q1"].return_comment and reports["Q2"].submitted_by == person(
        "rangpur-focal")
    q1 = ReportedValue.objects.filter(report=reports["Q1"])
    assert q1.count() >= 5 and set(q1.values_list("review_state", flat=True)) == {"accepted"}
    assert q1.get(indicator_ref="1.2.1").verified
    assert ReportedValue.objects.filter(report=reports["Q2"]).count() >= 5
    actions = set(ChangeRecord.objects.filter(plan=rangpur).values_list("action", flat=True))
    assert {"plan.edit_table", "plan.submit", "plan.approve", "plan.sign", "progress.record",
            "evidence.attach", "report.submit", "progress.review", "report.return",
            "progress.verify", "report.accept"} <= actions

    # Real evidence files in storage, with their checksums and kinds.
    evidence = list(Evidence.objects.filter(plan=rangpur))
    assert {e.kind for e in evidence} == {"pdf", "png"}
    for e in evidence:
        with default_storage.open(e.file.name, "rb") as f:
            data = f.read()
            assert evidence_kind(f) == e.kind
        assert (hashlib.sha256(data).hexdigest(), len(data)) == (e.sha256, e.size)

    # The supervisor's dashboard shows Rangpur with a score, Q1 accepted, Q2 to review.
    directorate = Office.objects.get(code="demo-ict-directorate")
    row = next(r for r in dashboard_page(office=directorate, fiscal_year="2022-23").rows
               if r.office_id == rangpur.office_id)
    assert row.has_score and row.percent and row.percent > 0 and row.rank == 1
    assert (row.periods["Q1"].label, row.periods["Q2"].label) == ("accepted", "submitted")
    assert [p[2] for p in row.pending] == ["Q2"]
    assert Notice.objects.filter(recipient=person("dg-supervisor"), plan=rangpur,
                                 kind="report_submitted").exists()

    # Agreements waiting: Pirgacha's for its head's approval, Dinajpur's for the DG's
    # signature (after one return to its focal point); nothing for Rangpur's head.
    def waiting(username: str) -> dict[str, list[str]]:
        return {step: [w.plan.external_id for w in items]
                for step, items in plans_waiting(person(username)).items() if items}

    assert waiting("pirgacha-head") == {"approve": [demo_year.PIRGACHA_PLAN_ID]}
    assert waiting("dg-supervisor") == {"sign_supervisor": [demo_year.DINAJPUR_PLAN_ID]}
    assert waiting("rangpur-head") == {}
    dinajpur = m.Plan.objects.get(external_id=demo_year.DINAJPUR_PLAN_ID)
    assert ChangeRecord.objects.filter(plan=dinajpur, action="plan.return").exists()




def test_the_demo_stores_every_offices_score_at_once_fresh(loaded) -> None:
    """Every demo office's stored score of the year is fresh after the load (its stamp is the
    office's plans and reports now, so the pages read it as stored), and storing them costs
    the same number of queries for one office as for all of them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kormo.progress.models import ScoreSnapshot
    from kormo.progress.scores import current_plans, office_stamps, score_stamp

    offices = list(Office.objects.filter(code__startswith="demo-").order_by("pk")
                   .values_list("pk", flat=True))
    assert len(offices) > 3
    fresh = office_stamps(plans=current_plans(office_ids=offices,
                                              fiscal_year=demo_year.DEMO_YEAR))
    stored = dict(ScoreSnapshot.objects.filter(office_id__in=offices,
                                               fiscal_year=demo_year.DEMO_YEAR)
                  .values_list("office_id", "stamp"))
    assert stored == {oid: fresh.get(oid, score_stamp([], [])) for oid in offices}
    scored = ScoreSnapshot.objects.filter(office_id__in=offices, has_score=True).count()
    assert scored >= 2  # Rangpur and the others the year played

    counts = []
    for ids in (sorted(fresh)[:1], offices):  # one office with plans; every demo office
        with CaptureQueriesContext(connection) as queries:
            demo_year.demo_scores_store(ids)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
