"""The office page leads to the workflow: each plan's agreement, progress and history, the
year's scores, and (for the office's supervisors) the dashboard of the offices below; it shows
the current year's score, rating, projection and risks in a query count that does not grow with
the plans, indicators or values. The plan page carries the same links."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kormo.offices.models import Role
from kormo.offices.services import membership_grant
from kormo.plans.convert import plan_save_from_domain
from kormo.progress.models import Report
from kormo.progress.scores import OFFICE_SCORES_QUERIES, score_refresh
from kormo.progress.services import progress_record, report_submit
from tests.progress import builders
from tests.progress.world import OfficeWorld, World, make_world
from tests.world import person

pytestmark = pytest.mark.django_db

RANGPUR, DINAJPUR = "জেলা কার্যালয়, রংপুর", "জেলা কার্যালয়, দিনাজপুর"
FY = "2022-23"


@pytest.fixture
def world(db: None) -> World:
    return make_world(RANGPUR, DINAJPUR)


def _get(who: Any, url: str) -> HttpResponse:
    client = Client()
    client.force_login(who)
    return client.get(url)


def _workflow_links(o: OfficeWorld) -> set[str]:
    """Every workflow page of an office's plans and year, as the office page links them."""
    links = {reverse("progress:office_year", args=[o.office.pk, FY])}
    for plan in (o.apa, o.integrity):
        links |= {reverse("agreements:detail", args=[plan.pk]),
                  reverse("progress:plan", args=[plan.pk]),
                  reverse("audit:history", args=[plan.pk])}
    return links


def _hrefs(page: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', page))


def test_a_focal_points_office_page_links_to_the_progress_pages(world: World) -> None:
    o = world.offices[RANGPUR]
    response = _get(o.focal, reverse("offices:detail", args=[o.office.pk]))
    assert response.status_code == 200
    hrefs = _hrefs(response.content.decode())
    assert _workflow_links(o) <= hrefs
    # Not a supervisor of this office: no dashboard.
    assert not any("/dashboard/" in h for h in hrefs)


def test_the_supervisor_of_an_office_gets_its_dashboard(world: World) -> None:
    # The directorate has no plans of its own: the dashboard opens on the year opened last.
    from kormo.years.models import FiscalYearSetup

    FiscalYearSetup.objects.create(fiscal_year=FY)
    page = _get(world.supervisor, reverse("offices:detail", args=[world.directorate.pk]))
    dashboard = reverse("progress:dashboard", args=[world.directorate.pk, FY])
    assert f'href="{dashboard}"' in page.content.decode()
    # A supervisor at the district office itself sees its dashboard on its plan pages too.
    o = world.offices[RANGPUR]
    district_supervisor = person("district-supervisor", o.office, Role.SUPERVISOR)
    own = reverse("progress:dashboard", args=[o.office.pk, FY])
    assert f'href="{own}"' in _get(district_supervisor, reverse(
        "offices:detail", args=[o.office.pk])).content.decode()
    assert f'href="{own}"' in _get(district_supervisor, reverse(
        "plans:detail", args=[o.apa.pk])).content.decode()
    assert f'href="{own}"' not in _get(o.focal, reverse(
        "plans:detail", args=[o.apa.pk])).content.decode()


def test_a_person_without_a_relation_to_the_office_sees_none_of_them(world: World) -> None:
    o = world.offices[RANGPUR]
    sibling = world.offices[DINAJPUR]
    for who in (world.stranger, sibling.focal):
        for url in (reverse("offices:detail", args=[o.office.pk]),
                    reverse("plans:detail", args=[o.apa.pk])):
            response = _get(who, url)
            assert response.status_code == 404
            assert not (_workflow_links(o) & _hrefs(response.content.decode()))


def test_the_plan_page_links_the_workflow_pages_of_the_plan(world: World) -> None:
    o = world.offices[RANGPUR]
    page = _get(o.focal, reverse("plans:detail", args=[o.apa.pk])).content.decode()
    assert {reverse("agreements:detail", args=[o.apa.pk]),
            reverse("progress:plan", args=[o.apa.pk]),
            reverse("progress:office_year", args=[o.office.pk, FY]),
            reverse("audit:history", args=[o.apa.pk])} <= _hrefs(page)


def test_the_office_page_shows_the_years_score_projection_and_risks(world: World) -> None:
    o = world.offices[RANGPUR]
    url = reverse("offices:detail", args=[o.office.pk])
    page = _get(o.focal, url).content.decode()
    assert 'data-testid="year-summary"' in page
    assert "এখনও কোনো কোয়ার্টারের অগ্রগতি দেওয়া হয়নি" in page  # nothing reported yet
    # Q1: the training count is behind its path (20 of the 25 due by then).
    progress_record(plan=o.apa, indicator_ref="1.1.1", quarter="Q1", actor=o.focal, text="২০")
    from kormo.progress.scores import office_year_scores

    # A draft value is not counted in the projection nor the risks (issue 12 rule 10).
    scores = office_year_scores(office=o.office, fiscal_year=FY)
    assert not scores.at_risk and scores.projected is None
    report_submit(report=Report.objects.get(plan=o.apa, period="Q1"), actor=o.focal)
    scores = office_year_scores(office=o.office, fiscal_year=FY)
    assert scores.at_risk and scores.projected is not None
    # The stored score is the worker's: until the refresh the submission queued has run, the
    # page shows it as being updated (and stores nothing itself).
    assert 'data-testid="score-stale"' in _get(o.focal, url).content.decode()
    score_refresh(office_id=o.office.pk, fiscal_year=FY)  # the queued task, run
    page = _get(o.focal, url).content.decode()
    assert 'data-testid="score-stale"' not in page

    def shown(testid: str) -> str:
        match = re.search(rf'data-testid="{testid}">(.*?)</p>', page, re.S)
        assert match, testid
        return re.sub(r"<[^>]+>", "", match.group(1))

    from kormo.domain.digits import to_bengali_digits
    from kormo.web.state_labels import plabel

    total = f"{scores.office_score.total:.2f}"
    assert shown("year-score").startswith(to_bengali_digits(total))
    assert plabel("rating", scores.office_score.rating) in shown("year-score")
    assert to_bengali_digits(f"{scores.projected.percent:.2f}%") in shown("year-projected")
    assert shown("year-at-risk").endswith(to_bengali_digits(str(len(scores.at_risk))))


def _office_page_queries(who: Any, url: str) -> int:
    client = Client()
    client.force_login(who)
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


# Session, the person with their grants, the office, the plans by year (1 each); a focal point's
# open years and templates (2); the year's scores (`office_year_scores`: plans, rule set, their
# progress, the stored score as stored with the reports that stamp it; the plans' content
# read once per version of a plan, before); the offices below and the header's unread
# notices (1 each). A head's people and roles instead of the templates (1).
FOCAL_QUERIES = 4 + 2 + OFFICE_SCORES_QUERIES + 2
HEAD_QUERIES = 4 + 1 + OFFICE_SCORES_QUERIES + 2


def test_the_office_page_costs_the_same_queries_for_few_or_many_plans_and_values(
        world: World) -> None:
    o = world.offices[RANGPUR]
    url = reverse("offices:detail", args=[o.office.pk])
    assert (_office_page_queries(o.focal, url), _office_page_queries(o.head, url)) == (
        FOCAL_QUERIES, HEAD_QUERIES)
    # More plans (an earlier year's APA), more reported values, more people.
    plan_save_from_domain(plan=builders.apa(RANGPUR, "অধিদপ্তর", fiscal_year="2021-22"),
                          office=o.office)
    for q, text in (("Q1", "২০"), ("Q2", "৩০"), ("Q3", "২৫")):
        progress_record(plan=o.apa, indicator_ref="1.1.1", quarter=q, actor=o.focal, text=text)
        progress_record(plan=o.apa, indicator_ref="1.1.2", quarter=q, actor=o.focal, text="৯২%")
    progress_record(plan=o.integrity, indicator_ref="1.1.1", quarter="Q1", actor=o.focal,
                    text="১")
    membership_grant(user=person("second-head"), office=o.office, role=Role.OFFICE_HEAD)
    assert (_office_page_queries(o.focal, url), _office_page_queries(o.head, url)) == (
        FOCAL_QUERIES, HEAD_QUERIES)
