"""Plans migration 0007 on a database that already holds two current plans of one office,
kind and year (a double click before the office lock): the newest stays current, the older
stops being current, nothing is deleted, and the index is in place afterwards."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from kormo.offices.models import Office

BEFORE, AFTER = ("plans", "0006_retire_progress_mirror"), ("plans", "0007_plan_one_current_unique")


@pytest.mark.django_db(transaction=True)
def test_older_duplicates_stop_being_current_and_the_newest_stays() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    apps = executor.loader.project_state([BEFORE]).apps
    Plan = apps.get_model("plans", "Plan")  # the offices' table is not migrated back
    office = Office.objects.create(name="জেলা কার্যালয়", code="dup", path="/")
    other = Office.objects.create(name="উপজেলা কার্যালয়", code="one", path="/")
    older, newest = (Plan.objects.create(office_id=office.pk, kind="apa", fiscal_year="2022-23")
                     for _ in range(2))
    alone = Plan.objects.create(office_id=other.pk, kind="apa", fiscal_year="2022-23")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([AFTER])
    apps = executor.loader.project_state([AFTER]).apps
    Plan = apps.get_model("plans", "Plan")
    current = dict(Plan.objects.values_list("pk", "is_current"))
    assert current == {older.pk: False, newest.pk: True, alone.pk: True}
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(office_id=other.pk, kind="apa", fiscal_year="2022-23")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
