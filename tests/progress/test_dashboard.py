"""The supervisor's dashboard: a fixed number of queries whatever the number of offices,
filters by tier and district, dense ranking, downloads."""

from __future__ import annotations

import io

import pytest

from kormo.domain.plan import Tier
from kormo.progress.dashboard import DASHBOARD_QUERIES, dashboard_chart, dashboard_rows
from kormo.progress.models import Report, ScoreSnapshot
from kormo.progress.scores import SCORING_LOAD_QUERIES
from kormo.progress.services import progress_record, report_submit
from tests.progress.world import office_world

pytestmark = pytest.mark.django_db
FY = "2022-23"


def _add_offices(world, n, *, parent=None, tier=Tier.UPAZILA):
    return [office_world(parent or world.directorate, f"অফিস {parent.pk if parent else 0}-{i}",
                         world.supervisor, sign=False, tier=tier) for i in range(n)]


def test_query_count_is_the_same_for_few_and_many_offices(world, rangpur,
                                                          django_assert_num_queries):
    progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                    actor=rangpur.focal, text="২৫")
    dashboard_rows(office=world.directorate, fiscal_year=FY)  # stores every score
    with django_assert_num_queries(DASHBOARD_QUERIES):
        small = dashboard_rows(office=world.directorate, fiscal_year=FY)
    _add_offices(world, 6)
    dashboard_rows(office=world.directorate, fiscal_year=FY)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        large = dashboard_rows(office=world.directorate, fiscal_year=FY)
    assert (len(small.rows), len(large.rows), large.recomputed) == (2, 8, 0)
    with django_assert_num_queries(0):  # the chart is drawn from the rows, in memory
        assert len(dashboard_chart(large).bars) == 8


def test_stale_scores_are_recomputed_together_in_a_fixed_number_of_queries(
        world, django_assert_num_queries):
    stale = DASHBOARD_QUERIES + SCORING_LOAD_QUERIES + 3
    ScoreSnapshot.objects.all().delete()
    with django_assert_num_queries(stale):
        first = dashboard_rows(office=world.directorate, fiscal_year=FY)
    _add_offices(world, 4)
    ScoreSnapshot.objects.all().delete()
    with django_assert_num_queries(stale):
        second = dashboard_rows(office=world.directorate, fiscal_year=FY)
    assert (first.recomputed, second.recomputed) == (2, 6)


def test_rows_have_reports_scores_and_dense_ranks(world, rangpur, dinajpur):
    for o, text in ((rangpur, "২৫"), (dinajpur, "২৫")):
        progress_record(plan=o.apa, indicator_ref="1.1.1", quarter="Q1", actor=o.focal,
                        text=text)
    report_submit(report=Report.objects.get(plan=rangpur.apa, period="Q1"),
                  actor=rangpur.focal)
    Report.objects.filter(plan=rangpur.apa, period="Q1").update(is_late=True)
    d = dashboard_rows(office=world.directorate, fiscal_year=FY)
    by_name = {r.name: r for r in d.rows}
    r, n = by_name[rangpur.office.name], by_name[dinajpur.office.name]
    # Equal scores share a rank (DOMAIN.md, Scoring §6).
    assert (r.rank, n.rank) == (1, 1) and r.percent == pytest.approx(n.percent)
    assert (r.periods["Q1"].plans, r.periods["Q1"].submitted, r.periods["Q1"].late) == (2, 1, 1)
    assert r.periods["Q1"].label == "missing" and n.periods["Q1"].submitted == 0
    progress_record(plan=dinajpur.apa, indicator_ref="1.1.2", quarter="Q1",
                    actor=dinajpur.focal, text="৯৫%")
    d = dashboard_rows(office=world.directorate, fiscal_year=FY)
    assert [(x.name, x.rank) for x in d.rows] == [(dinajpur.office.name, 1),
                                                  (rangpur.office.name, 2)]


def test_filters_by_tier_and_district(world, rangpur):
    below = _add_offices(world, 2, parent=rangpur.office)
    d = dashboard_rows(office=world.directorate, fiscal_year=FY, tier="upazila")
    assert {r.name for r in d.rows} == {b.office.name for b in below}
    assert {r.district_name for r in d.rows} == {rangpur.office.name}
    d = dashboard_rows(office=world.directorate, fiscal_year=FY,
                       district_id=rangpur.office.pk)
    assert {r.name for r in d.rows} == {rangpur.office.name, *(b.office.name for b in below)}
    assert (rangpur.office.pk, rangpur.office.name) in d.districts


def test_dashboard_page_and_downloads(client, world, rangpur):
    progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                    actor=rangpur.focal, text="২৫")
    client.force_login(world.supervisor)
    base = f"/progress/offices/{world.directorate.pk}/{FY}/dashboard"
    page = client.get(base + "/")
    assert page.status_code == 200 and rangpur.office.name in page.content.decode()
    csv_body = client.get(base + ".csv").content.decode("utf-8-sig")
    assert rangpur.office.name in csv_body and len(csv_body.strip().splitlines()) == 3
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(client.get(base + ".xlsx").content))
    rows = list(book.active.iter_rows(values_only=True))
    assert len(rows) == 3 and {rows[1][1], rows[2][1]} == {rangpur.office.name,
                                                           "জেলা কার্যালয়, দিনাজপুর"}
    client.force_login(world.stranger)
    assert client.get(base + "/").status_code == 404
    assert client.get(base + ".csv").status_code == 404
