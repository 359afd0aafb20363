"""A page's mark (kormo.audit.marks) is one statement, logged by Django with its values like
any query; on PostgreSQL it is prepared on its connection after `KORMO_PG_PREPARE_AFTER` runs
(as every statement is), so that the server plans it once rather than on every page read, and
still answers what the database holds now."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kormo.audit.models import NoticeKind
from kormo.audit.services import notice_send
from kormo.progress.page_marks import office_page_mark, report_page_mark
from tests.progress.world import OfficeWorld

pytestmark = pytest.mark.django_db
FY = "2022-23"


def test_a_mark_is_one_query_logged_with_its_values(rangpur: OfficeWorld) -> None:
    with CaptureQueriesContext(connection) as queries:
        office_page_mark(rangpur.office, FY, rangpur.focal)
    assert len(queries) == 1
    sql = queries[0]["sql"]
    assert "WITH year_plans AS" in sql
    assert f"office_id = {rangpur.office.pk} " in sql and f"'{FY}'" in sql


def test_on_postgresql_a_mark_is_prepared_once_and_reads_the_data_of_now(
        rangpur: OfficeWorld) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")

    def prepared() -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements "
                           "WHERE statement LIKE %s", ["WITH year_plans AS%"])
            return [row[0] for row in cursor.fetchall()]

    threshold = connection.settings_dict["OPTIONS"]["prepare_threshold"]
    assert threshold == 5  # the setting's default (KORMO_PG_PREPARE_AFTER)
    before = prepared()
    marks = [report_page_mark(rangpur.apa, rangpur.focal) for _ in range(threshold + 2)]
    assert len(set(marks)) == 1
    assert len(prepared()) == len(before) + 1  # one statement, whatever the reads
    notice_send(recipients=[rangpur.focal], kind=NoticeKind.REPORT_DUE_SOON, plan=rangpur.apa,
                text_bn="প্রতিবেদন শীঘ্রই দিতে হবে", text_en="Report due soon")
    # Read again through the plan the server keeps: the new notice shows in the mark.
    assert report_page_mark(rangpur.apa, rangpur.focal) != marks[0]
    assert len(prepared()) == len(before) + 1
