"""One store per fact: a reported value, its review and verification live in `ReportedValue`
alone; plans read their progress from it, and every page shows the one stored score."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from django.urls import reverse

from kormo.domain.plan import ProgressValue, Quarter
from kormo.domain.values import Number
from kormo.plans.convert import plan_save_from_domain, plan_to_domain
from kormo.progress.dashboard import dashboard_page
from kormo.progress.models import Report, ReportedValue, ScoreSnapshot
from kormo.progress.services import progress_record, report_submit, value_review, value_verify
from kormo.progress.templatetags.progress import score
from tests.progress import builders
from tests.progress.world import office_world
from tests.world import sign as sign_plan

pytestmark = pytest.mark.django_db
FY = "2022-23"


@pytest.fixture
def imported(world):
    """An office whose APA came with last quarter's achievements (an import or a plan file)."""
    place = office_world(world.directorate, "জেলা কার্যালয়, কুড়িগ্রাম", world.supervisor,
                         sign=False)
    plan = dataclasses.replace(
        builders.apa("জেলা কার্যালয়, কুড়িগ্রাম", world.directorate.name), id="imported",
        progress=(ProgressValue("1.1.1", Quarter.Q1, Number(Decimal(37)),
                                evidence=("হাজিরা খাতা.pdf",), remarks="আমদানি করা"),))
    place.apa.delete()
    row = plan_save_from_domain(plan=plan, office=place.office)
    return place, sign_plan(row, place.head, world.supervisor)


def test_imported_achievements_are_reported_values_on_the_report_page_and_in_review(
        client, world, imported):
    place, apa = imported
    rv = ReportedValue.objects.get(plan=apa)
    assert (rv.indicator_ref, rv.quarter, rv.reported_number, rv.report.state) == (
        "1.1.1", "Q1", Decimal(37), "draft")
    url = reverse("progress:report", args=[apa.pk]) + "?period=Q1"
    client.force_login(place.focal)
    page = client.get(url).content.decode()
    assert 'data-testid="reported">৩৭<' in page and "হাজিরা খাতা.pdf" in page
    report_submit(report=rv.report, actor=place.focal)
    client.force_login(world.supervisor)
    page = client.get(url).content.decode()
    assert 'data-testid="reported">৩৭<' in page and 'data-testid="verify"' in page
    value_verify(value=rv, actor=world.supervisor, text="৩০")
    value_review(value=rv, actor=world.supervisor, accept=True)
    # The plan's progress is the verified value: one store, no copy to keep in step.
    assert plan_to_domain(apa.pk).progress == (ProgressValue(
        "1.1.1", Quarter.Q1, Number(Decimal(30)), evidence=("হাজিরা খাতা.pdf",),
        remarks="আমদানি করা"),)


def test_the_office_page_and_the_dashboard_show_the_same_stored_score(
        client, world, rangpur, django_capture_on_commit_callbacks):
    before = list(ScoreSnapshot.objects.filter(office=rangpur.office).values_list(
        "stamp", "total"))
    progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                    actor=rangpur.focal, text="৭০")
    # submitted: a draft value counts in no score (issue 12 rule 10)
    with django_capture_on_commit_callbacks() as queued:
        report_submit(report=Report.objects.get(plan=rangpur.apa, period="Q1"),
                      actor=rangpur.focal)
    # The writes leave the stored score alone (stale now), and so do the readers: they show
    # it as being updated until the refresh the change queued has run.
    client.force_login(rangpur.head)
    office_page = client.get(reverse("offices:detail", args=[rangpur.office.pk])).content.decode()
    assert 'data-testid="score-stale"' in office_page
    assert list(ScoreSnapshot.objects.filter(office=rangpur.office).values_list(
        "stamp", "total")) == before
    for task in queued:
        task()
    office_page = client.get(reverse("offices:detail", args=[rangpur.office.pk])).content.decode()
    stored = ScoreSnapshot.objects.get(office=rangpur.office, fiscal_year=FY)
    assert stored.has_score and stored.percent > 0
    assert score(stored.total) in office_page and 'data-testid="score-stale"' not in office_page
    row = next(r for r in dashboard_page(office=world.directorate, fiscal_year=FY).rows
               if r.office_id == rangpur.office.pk)
    assert (row.total, row.percent) == (stored.total, stored.percent)
    # A change after that makes the stored score stale; its refresh stores it again.
    with django_capture_on_commit_callbacks(execute=True):
        progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q2",
                        actor=rangpur.focal, text="৩০")
        report_submit(report=Report.objects.get(plan=rangpur.apa, period="Q2"),
                      actor=rangpur.focal)
    year_page = client.get(reverse("progress:office_year", args=[rangpur.office.pk, FY]))
    fresh = ScoreSnapshot.objects.get(office=rangpur.office, fiscal_year=FY)
    assert fresh.total > stored.total and score(fresh.total) in year_page.content.decode()
    assert 'data-testid="score-stale"' not in year_page.content.decode()
    row = next(r for r in dashboard_page(office=world.directorate, fiscal_year=FY).rows
               if r.office_id == rangpur.office.pk)
    assert row.total == fresh.total and Report.objects.filter(plan=rangpur.apa).count() == 2
