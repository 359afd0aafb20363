"""Bulk review from the supervisor's dashboard (progress:dashboard_bulk): the same services as
single actions, each item checked with access_plan(REVIEW), a foreign id refused and nothing
changed; and the dashboard's chart of score against target."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from kormo.audit.models import ChangeRecord, Notice
from kormo.offices.models import Office
from kormo.progress.bulk_review import reports_bulk
from kormo.progress.charts import dashboard_chart
from kormo.progress.dashboard import dashboard_page
from kormo.progress.models import Report, ReportedValue, ReportState, ScoreSnapshot
from kormo.progress.scores import office_snapshot, score_refresh
from kormo.progress.services import (
    progress_record,
    report_accept,
    report_get_or_create,
    report_submit,
)
from tests.progress.world import OfficeWorld, office_world
from tests.world import person

pytestmark = pytest.mark.django_db
FY = "2022-23"


def _record(**kw):
    """A value recorded, then the office's figures stored as the queued task stores them
    (`kormo.progress.tasks`: on commit, which a test's transaction never reaches)."""
    rv = progress_record(**kw)
    score_refresh(office_id=kw["plan"].office_id, fiscal_year=kw["plan"].fiscal_year)
    return rv


def _submitted(o: OfficeWorld, text: str = "২৫") -> Report:
    _record(plan=o.apa, indicator_ref="1.1.1", quarter="Q1", actor=o.focal, text=text)
    report = report_submit(report=Report.objects.get(plan=o.apa, period="Q1"), actor=o.focal)
    # Stored again as the queued task does: the submitted value now counts in the path so far.
    score_refresh(office_id=o.office.pk, fiscal_year=FY)
    return report


def _foreign() -> Report:
    """A submitted report of an office in another tree (its own supervisor)."""
    from kormo.domain.plan import Tier
    from kormo.offices.models import Role

    other = Office.objects.get(name="অন্য মন্ত্রণালয়")
    boss = person("other-supervisor", other, Role.SUPERVISOR)
    return _submitted(office_world(other, "অন্য জেলা", boss, tier=Tier.DISTRICT))


def _trace(reports: list[Report]) -> dict[str, Any]:
    """Everything an accept leaves behind, without ids of its own rows or times."""
    plans = [r.plan_id for r in reports]
    return {
        "reports": sorted(Report.objects.filter(pk__in=[r.pk for r in reports]).values_list(
            "plan_id", "period", "state", "accepted_by_id", "accept_comment", "lock_version",
            "returned_by_id", "return_comment", "final_total", "final_maximum",
            "final_percent")),
        "values": sorted(ReportedValue.objects.filter(plan_id__in=plans).values_list(
            "plan_id", "indicator_ref", "quarter", "review_state", "reviewed_by_id",
            "lock_version")),
        "history": sorted(ChangeRecord.objects.filter(plan_id__in=plans).values_list(
            "actor_id", "action", "plan_id", "object_type", "object_id", "object_label",
            "before", "after", "reason"), key=repr),
        "notices": sorted(Notice.objects.filter(plan_id__in=plans).values_list(
            "recipient_id", "kind", "plan_id", "text_bn", "text_en", "url", "read_at")),
        # The stored scores as pages read them (a stale one is recomputed on reading).
        "scores": sorted(
            (s.office_id, s.fiscal_year, s.has_score, s.percent, s.rating)
            for s in (office_snapshot(office_id=oid, fiscal_year=fy)
                      for oid, fy in ScoreSnapshot.objects.values_list(
                          "office_id", "fiscal_year"))),
    }


def _own_trace(report: Report) -> dict[str, Any]:
    """One report's row, its items and the history of that report alone (the plan's other
    reports may change beside it)."""
    r = Report.objects.get(pk=report.pk)
    items = ReportedValue.objects.filter(plan_id=r.plan_id)
    if r.period != "year":
        items = items.filter(quarter=r.period)
    return {
        "report": Report.objects.filter(pk=r.pk).values().get(),
        "values": sorted(items.values_list("pk", "review_state", "reviewed_by_id",
                                           "lock_version")),
        "history": ChangeRecord.objects.filter(object_type="progress.report",
                                               object_id=str(r.pk)).count(),
    }


class _Undo(Exception):
    pass


def test_bulk_accept_leaves_what_two_single_accepts_leave(client, world, rangpur, dinajpur):
    reports = [_submitted(rangpur), _submitted(dinajpur, "৯৫")]
    try:
        with transaction.atomic():
            for r in reports:
                report_accept(report=r, actor=world.supervisor, comment="ঠিক আছে")
            single = _trace(reports)
            raise _Undo
    except _Undo:
        pass
    assert {r.state for r in Report.objects.filter(pk__in=[r.pk for r in reports])} == {
        ReportState.SUBMITTED}
    client.force_login(world.supervisor)
    url = f"/progress/offices/{world.directorate.pk}/{FY}/dashboard/bulk/"
    response = client.post(url, {"decision": "accept", "comment": "ঠিক আছে",
                                 "report": [str(r.pk) for r in reports]}, follow=True)
    assert response.status_code == 200
    bulk = _trace(reports)
    assert bulk == single
    assert [row[2] for row in bulk["reports"]] == [ReportState.ACCEPTED] * 2
    assert len(bulk["history"]) >= 2 and bulk["notices"]


def test_a_foreign_id_is_refused_and_changes_nothing(client, world, rangpur):
    mine, foreign = _submitted(rangpur), _foreign()
    before = _trace([foreign])
    client.force_login(world.supervisor)
    url = f"/progress/offices/{world.directorate.pk}/{FY}/dashboard/bulk/"
    page = client.post(url, {"decision": "accept", "report": [str(foreign.pk), "x", "999999"]},
                       follow=True)
    assert page.status_code == 200
    assert _trace([foreign]) == before
    assert Report.objects.get(pk=foreign.pk).state == ReportState.SUBMITTED
    assert Report.objects.get(pk=mine.pk).state == ReportState.SUBMITTED
    text = page.content.decode()
    assert "not found" in text or "পাওয়া যায়নি" in text
    # One refusal undoes none of the others.
    client.post(url, {"decision": "accept", "report": [str(foreign.pk), str(mine.pk)]})
    assert Report.objects.get(pk=mine.pk).state == ReportState.ACCEPTED
    assert _trace([foreign]) == before


def test_bulk_helper_checks_review_and_scope(world, rangpur, dinajpur):
    r, n = _submitted(rangpur), _submitted(dinajpur)
    # The office's own focal point may not review its report.
    items = reports_bulk(actor=rangpur.focal, office=world.directorate,
                         report_ids=[str(r.pk)], accept=True)
    assert [i.done for i in items] == [False]
    # A report of the supervising office itself is not "below" it.
    items = reports_bulk(actor=world.supervisor, office=rangpur.office,
                         report_ids=[str(r.pk), str(n.pk)], accept=True)
    assert [i.done for i in items] == [False, False]
    # Returning needs the comment (refused by the service, per item).
    items = reports_bulk(actor=world.supervisor, office=world.directorate,
                         report_ids=[str(r.pk)], accept=False, comment="")
    assert [i.done for i in items] == [False]
    items = reports_bulk(actor=world.supervisor, office=world.directorate,
                         report_ids=[str(r.pk), str(r.pk), str(n.pk)], accept=False,
                         comment="আবার দেখুন")
    assert [i.done for i in items] == [True, True]
    assert set(Report.objects.filter(pk__in=[r.pk, n.pk]).values_list("state", flat=True)) \
        == {ReportState.RETURNED}


def test_bulk_return_needs_one_comment_and_a_decision(client, world, rangpur):
    r = _submitted(rangpur)
    client.force_login(world.supervisor)
    url = f"/progress/offices/{world.directorate.pk}/{FY}/dashboard/bulk/"
    assert client.post(url, {"decision": "x", "report": [str(r.pk)]}).status_code == 400
    client.post(url, {"decision": "return", "report": [str(r.pk)]})
    assert Report.objects.get(pk=r.pk).state == ReportState.SUBMITTED
    client.post(url, {"decision": "return", "comment": "সংশোধন করুন", "report": [str(r.pk)]})
    assert Report.objects.get(pk=r.pk).state == ReportState.RETURNED
    client.force_login(world.stranger)
    assert client.post(url, {"decision": "accept", "report": [str(r.pk)]}).status_code == 404


def test_dashboard_lists_submitted_reports_and_draws_the_chart(client, world, rangpur):
    r = _submitted(rangpur)
    d = dashboard_page(office=world.directorate, fiscal_year=FY)
    row = next(x for x in d.rows if x.office_id == rangpur.office.pk)
    assert row.pending == [(r.pk, rangpur.apa.pk, "Q1")]
    chart = dashboard_chart(d)
    assert chart is not None and len(chart.bars) == len(d.rows) == chart.total == d.count
    assert all(0 <= b.width <= chart.plot for b in chart.bars)
    assert dashboard_chart(d, limit=1).shown == 1
    client.force_login(world.supervisor)
    page = client.get(f"/progress/offices/{world.directorate.pk}/{FY}/dashboard/")
    html = page.content.decode()
    assert "<svg" in html and 'role="img"' in html and "aria-labelledby" in html
    assert f'name="report" value="{r.pk}"' in html and 'id="bulk"' in html
    assert "১০০%" in html  # Bengali digits on a Bengali page
    assert "<script" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]


def test_dashboard_page_queries_do_not_grow_with_offices(client, world):
    client.force_login(world.supervisor)
    url = f"/progress/offices/{world.directorate.pk}/{FY}/dashboard/"
    client.get(url)  # stores every score
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for i in range(5):
        _submitted(office_world(world.directorate, f"নতুন {i}", world.supervisor))
    client.get(url)
    with CaptureQueriesContext(connection) as large:
        html = client.get(url).content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)
    assert html.count('name="report"') == 5
    # Each new office reported Q1: its marker of the score due so far, no query more.
    assert html.count('data-testid="due-marker"') == 5


def _year_submitted(o: OfficeWorld, supervisor: Any) -> Report:
    """The four quarters reported, submitted and accepted, then the year-end evaluation
    submitted."""
    for q in ("Q1", "Q2", "Q3", "Q4"):
        _record(plan=o.apa, indicator_ref="1.1.1", quarter=q, actor=o.focal,
                        text="২৫")
        report_submit(report=Report.objects.get(plan=o.apa, period=q), actor=o.focal)
        report_accept(report=Report.objects.get(plan=o.apa, period=q), actor=supervisor)
    year = report_get_or_create(plan=o.apa, period="year", actor=o.focal)
    return report_submit(report=year, actor=o.focal)


def test_a_year_end_evaluation_accepted_in_bulk_ends_as_a_single_accept(client, world,
                                                                        rangpur):
    year = _year_submitted(rangpur, world.supervisor)
    try:
        with transaction.atomic():
            report_accept(report=year, actor=world.supervisor, comment="চূড়ান্ত")
            single = _trace([year])
            raise _Undo
    except _Undo:
        pass
    assert Report.objects.get(pk=year.pk).state == ReportState.SUBMITTED
    client.force_login(world.supervisor)
    base = f"/progress/offices/{world.directorate.pk}/{FY}/dashboard/"
    html = client.get(base).content.decode()
    # The year-end evaluation is listed for bulk review beside the quarters.
    assert f'name="report" value="{year.pk}"' in html and "বছর শেষের মূল্যায়ন" in html
    page = client.post(base + "bulk/", {"decision": "accept", "comment": "চূড়ান্ত",
                                        "report": [str(year.pk)]}, follow=True)
    assert f"{rangpur.office.name} (বছর শেষের মূল্যায়ন): গৃহীত হয়েছে।" in page.content.decode()
    bulk = _trace([year])
    assert bulk == single
    (_plan, period, state, accepted_by, *_, total, maximum, percent), = bulk["reports"]
    assert (period, state, accepted_by) == ("year", ReportState.ACCEPTED, world.supervisor.pk)
    assert total is not None and maximum and percent is not None
    assert [h for h in bulk["history"] if h[1] == "report.accept" and h[5] == "year"]
    assert [n for n in bulk["notices"] if n[1] == "report_accepted"]
    # Not listed any more: nothing awaits review.
    assert f'name="report" value="{year.pk}"' not in client.get(base).content.decode()


def test_a_refused_report_in_a_bulk_is_left_untouched_and_the_others_done(client, world,
                                                                         rangpur, dinajpur):
    year = _year_submitted(rangpur, world.supervisor)
    q4 = Report.objects.get(plan=rangpur.apa, period="Q4")  # accepted already: refused
    q1 = _submitted(dinajpur)
    before = _own_trace(q4)
    client.force_login(world.supervisor)
    url = f"/progress/offices/{world.directorate.pk}/{FY}/dashboard/bulk/"
    page = client.post(url, {"decision": "accept", "report": [str(q4.pk), str(year.pk),
                                                              str(q1.pk)]}, follow=True)
    text = page.content.decode()
    assert _own_trace(q4) == before
    assert Report.objects.get(pk=year.pk).state == ReportState.ACCEPTED
    assert Report.objects.get(pk=q1.pk).state == ReportState.ACCEPTED
    # The refusal is the service's ProgressError, said for that office in the page's language.
    assert f"{rangpur.office.name} (৪র্থ কোয়ার্টার): প্রতিবেদনটি এখন" in text
    client.cookies["django_language"] = "en"
    page = client.post(url, {"decision": "accept", "report": [str(q4.pk)]}, follow=True)
    assert f"{rangpur.office.name} (Q4): the report is accepted; this cannot be done now" \
        in page.content.decode()
    assert _own_trace(q4) == before


def test_returning_a_year_end_evaluation_in_bulk_is_all_or_nothing_per_report(
        client, world, rangpur, dinajpur):
    """Returning the year-end evaluation with no item marked: whether the service returns it
    or refuses it (ProgressError), the bulk does for it exactly what the service did, and the
    other report is returned all the same."""
    year = _year_submitted(rangpur, world.supervisor)
    q1 = _submitted(dinajpur)
    before = _own_trace(year)
    client.force_login(world.supervisor)
    url = f"/progress/offices/{world.directorate.pk}/{FY}/dashboard/bulk/"
    page = client.post(url, {"decision": "return", "comment": "আবার দেখুন",
                             "report": [str(year.pk), str(q1.pk)]}, follow=True)
    text = page.content.decode()
    assert Report.objects.get(pk=q1.pk).state == ReportState.RETURNED
    after = _own_trace(year)
    if Report.objects.get(pk=year.pk).state == ReportState.RETURNED:
        assert f"{rangpur.office.name} (বছর শেষের মূল্যায়ন): অফিসে ফেরত পাঠানো হয়েছে।" in text
        assert after["history"] == before["history"] + 1
    else:
        assert after == before  # refused: nothing of it changed
        assert f"{rangpur.office.name} (বছর শেষের মূল্যায়ন):" in text
