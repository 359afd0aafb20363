"""The supervisor's dashboard: a fixed number of queries whatever the number of offices,
filters by tier and district, dense ranking, downloads."""

from __future__ import annotations

import csv
import io

import pytest

from kormo.domain.plan import Tier
from kormo.progress.charts import dashboard_chart
from kormo.progress.dashboard import DASHBOARD_QUERIES, dashboard_rows
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


def test_an_office_without_an_agreement_in_force_is_shown_but_not_ranked(client, world,
                                                                          rangpur, dinajpur):
    unsigned = _add_offices(world, 1)[0]
    d = dashboard_rows(office=world.directorate, fiscal_year=FY)
    # Nothing reported yet: not yet rated, so no office is ranked (issue 12 rule 7).
    assert [r.rank for r in d.rows] == [None, None, None]
    assert {r.rating for r in d.rows if r.has_score} == {"not_rated"}
    for o in (rangpur, dinajpur):
        progress_record(plan=o.apa, indicator_ref="1.1.1", quarter="Q1", actor=o.focal,
                        text="২৫")
    d = dashboard_rows(office=world.directorate, fiscal_year=FY)
    by_name = {r.name: r for r in d.rows}
    row = by_name[unsigned.office.name]
    assert (row.plans_signed, row.periods["Q1"].plans, row.rank) == (0, 2, None)
    assert by_name[rangpur.office.name].plans_signed == 2
    assert [r.rank for r in d.rows] == [1, 1, None] and d.rows[-1] is row
    assert all(r.rank_joint for r in d.rows[:2])
    client.force_login(world.supervisor)
    base = f"/progress/offices/{world.directorate.pk}/{FY}/dashboard"
    page = client.get(base + "/").content.decode()
    assert "স্বাক্ষরিত পরিকল্পনা" in page and "০/২" in page and "২/২" in page
    # Ranks as published: a shared rank in Bengali ordinals, marked joint (issue 12 rule 8).
    assert page.count('data-testid="rank">১ম (যৌথভাবে)</td>') == 2
    head, *lines = csv.reader(io.StringIO(
        client.get(base + ".csv").content.decode("utf-8-sig")))
    signed, plans = head.index("স্বাক্ষরিত পরিকল্পনা"), head.index("পরিকল্পনাসমূহ")
    cells = {line[1]: line for line in lines}
    assert (cells[unsigned.office.name][0], cells[unsigned.office.name][signed],
            cells[unsigned.office.name][plans]) == ("", "0", "2")
    assert cells[rangpur.office.name][signed] == "2"


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


# ---------------------------------------------------------------- progress against the path
#
# The builders' plans (tests/progress/builders.py), by hand. APA (maximum 100): 1.1.1 sum,
# weight 20, levels 100…60, quarterly targets 25 a quarter; 1.1.2 average %, weight 10, best
# 95 %; 1.2.1 date, weight 10, best 15 Dec 2022; 2.1.1 e-Nothi rate %, weight 15, best 85 %;
# 2.1.2 cumulative, weight 15, levels 50…30; governance 30 marks, of which 10 fed by the
# integrity plan (its percent × 10) and 20 by action plans the office does not have (0).
# Integrity plan (maximum 10): 1.1.1 sum, weight 4, target 4, 1 a quarter; 1.1.2 date,
# weight 3, by 31 Oct 2022; 1.2.1 average %, weight 3, target 100 %.
#
# Due by the end of Q1 (30 Sep 2022): 1.1.1 25 (below the 60 level: 0); 1.1.2 95 % (10);
# 1.2.1 not due yet (0); 2.1.1 85 % (15); 2.1.2 an even quarter of 50 = 12.5 (below 30: 0);
# integrity 1 of 4 meetings (1) + date not due (0) + 100 % (3) = 4 of 10 → 40 % → 4 marks.
DUE_Q1 = 0 + 10 + 0 + 15 + 0 + 4  # = 29 %
# Due by the end of Q2 (31 Dec 2022): 1.1.1 50 (0); 1.1.2 10; 1.2.1 15 Dec passed: 10;
# 2.1.1 15; 2.1.2 25 (0); integrity 2 of 4 (2) + 3 + 3 = 8 → 8 marks.
DUE_Q2 = 0 + 10 + 10 + 15 + 0 + 8  # = 43 %


def _without_quarterly_targets(plan):
    from dataclasses import replace

    return replace(plan, areas=tuple(
        replace(a, activities=tuple(
            replace(act, indicators=tuple(replace(i, quarterly_targets=())
                                          for i in act.indicators))
            for act in a.activities))
        for a in plan.areas))


def _office_without_quarterly_targets(world, name):
    from kormo.offices.models import Role
    from kormo.offices.services import office_create
    from kormo.plans.convert import plan_save_from_domain
    from tests.progress import builders
    from tests.world import person, sign

    office = office_create(name=name, tier=Tier.DISTRICT, parent=world.directorate)
    focal = person(f"focal-even-{office.pk}", office, Role.FOCAL_POINT)
    head = person(f"head-even-{office.pk}", office, Role.OFFICE_HEAD)
    plans = [sign(plan_save_from_domain(plan=_without_quarterly_targets(p), office=office),
                       head, world.supervisor)
             for p in (builders.apa(name, world.directorate.name), builders.integrity(name))]
    return office, focal, plans[0]


def test_each_office_has_its_score_due_so_far_along_its_quarterly_path(world, rangpur,
                                                                      dinajpur):
    progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                    actor=rangpur.focal, text="২৫")
    d = dashboard_rows(office=world.directorate, fiscal_year=FY)
    r = next(x for x in d.rows if x.office_id == rangpur.office.pk)
    n = next(x for x in d.rows if x.office_id == dinajpur.office.pk)
    # 25 trainees against a 60-level of 60: no mark yet, though on its quarterly path.
    assert (r.through, r.path_quarterly, r.percent) == ("Q1", True, pytest.approx(0.0))
    assert r.due_percent == pytest.approx(DUE_Q1)
    # At risk (as on the office's page): 1.1.2, 2.1.1, 2.1.2 and the integrity plan's 1.1.1
    # and 1.2.1 report nothing; 1.1.1 is on its path; the dates are not due by 30 Sep.
    assert r.at_risk == 5
    assert (n.path_known, n.through, n.due_percent, n.at_risk) == (True, "", None, None)
    chart = dashboard_chart(d)
    bar = next(b for b in chart.bars if b.office_id == rangpur.office.pk)
    assert bar.due_x == pytest.approx(chart.left + chart.plot * DUE_Q1 / 100)
    assert (chart.path, chart.unmarked) == ("quarterly", 1)

    progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q2",
                    actor=rangpur.focal, text="২৫")
    r = next(x for x in dashboard_rows(office=world.directorate, fiscal_year=FY).rows
             if x.office_id == rangpur.office.pk)
    assert (r.through, r.due_percent) == ("Q2", pytest.approx(DUE_Q2))


def test_an_even_path_where_the_plans_give_no_quarterly_targets(client, world, rangpur):
    office, focal, apa = _office_without_quarterly_targets(world, "জেলা কার্যালয়, নীলফামারী")
    for o_plan, actor in ((rangpur.apa, rangpur.focal), (apa, focal)):
        progress_record(plan=o_plan, indicator_ref="1.1.1", quarter="Q1", actor=actor,
                        text="২৫")
    d = dashboard_rows(office=world.directorate, fiscal_year=FY)
    even = next(x for x in d.rows if x.office_id == office.pk)
    # 1.1.1 without quarterly targets: an even quarter of its 100 = 25, the same as its
    # quarterly path; the integrity plan's 1 of 4 likewise: the same 29 %.
    assert (even.path_quarterly, even.due_percent) == (False, pytest.approx(DUE_Q1))
    assert dashboard_chart(d).path == "mixed"
    client.force_login(world.supervisor)
    client.cookies["django_language"] = "en"
    html = client.get(f"/progress/offices/{world.directorate.pk}/{FY}/dashboard/"
                      ).content.decode()
    assert "Solid marker: a path by the plan's quarterly targets; dashed marker" in html
    assert "due so far on an even path (through Q1) 29.00%" in html
    assert "due so far by the quarterly targets (through Q1) 29.00%" in html
    assert html.count('stroke-dasharray="3 2"') == 1 and "29.00*" in html


def test_the_chart_shows_the_marker_in_the_pages_language(client, world, rangpur):
    progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                    actor=rangpur.focal, text="২৫")
    client.force_login(world.supervisor)
    url = f"/progress/offices/{world.directorate.pk}/{FY}/dashboard/"
    html = client.get(url).content.decode()
    chart = html.split('data-testid="dashboard-chart"', 1)[1].split("</figure>", 1)[0]
    assert 'data-testid="due-marker"' in chart and "<desc" in chart
    assert "কোয়ার্টারভিত্তিক লক্ষ্যমাত্রা অনুসারে এ পর্যন্ত প্রাপ্য (১ম কোয়ার্টার পর্যন্ত) ২৯.০০%" \
        in chart
    assert "২৯.০০%" in chart and "29.00" not in html
    for english in ("score so far", "due so far", "Bars:", "Marker:", "marker:", "even path",
                    "Due so far", "at risk", "quarterly targets", "reported nothing",
                    "year-end evaluation"):
        assert english not in html, english
    row = html.split(f'<tr data-office="{rangpur.office.pk}"', 1)[1].split("</tr>", 1)[0]
    assert '<td class="n" data-testid="due"' in row and ">২৯.০০</td>" in row
    assert 'data-testid="at-risk">৫</td>' in row
    client.cookies["django_language"] = "en"
    html = client.get(url).content.decode()
    assert "29.00%" in html and 'data-testid="at-risk">5</td>' in html


def test_path_queries_do_not_grow_with_offices(world, rangpur, dinajpur,
                                               django_assert_num_queries):
    """N offices with progress, then 3N: the same `DASHBOARD_QUERIES`, every office with its
    score due so far; and only the first `path_limit` rows carry it."""
    def record(plan, focal):
        progress_record(plan=plan, indicator_ref="1.1.1", quarter="Q1", actor=focal,
                        text="২৫")

    for o in (rangpur, dinajpur):
        record(o.apa, o.focal)
    dashboard_rows(office=world.directorate, fiscal_year=FY)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        small = dashboard_rows(office=world.directorate, fiscal_year=FY)
    for i in range(4):
        o = office_world(world.directorate, f"নতুন জেলা {i}", world.supervisor)
        record(o.apa, o.focal)
    dashboard_rows(office=world.directorate, fiscal_year=FY)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        large = dashboard_rows(office=world.directorate, fiscal_year=FY)
    assert (len(small.rows), len(large.rows), large.recomputed) == (2, 6, 0)
    assert [r.due_percent for r in large.rows] == [pytest.approx(DUE_Q1)] * 6
    with django_assert_num_queries(DASHBOARD_QUERIES):
        some = dashboard_rows(office=world.directorate, fiscal_year=FY, path_limit=2)
    assert [r.path_known for r in some.rows] == [True, True, False, False, False, False]
    with django_assert_num_queries(0):  # the chart is drawn from the rows, in memory
        assert dashboard_chart(large).unmarked == 0
