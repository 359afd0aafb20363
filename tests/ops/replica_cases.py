"""Run by tests/ops/test_replica.py in a process with DATABASE_REPLICA_URL set (SQLite:
both aliases on one database, the replica a test mirror of the primary): which alias each
read and write goes to, counted on each connection. Not collected on its own (no test_ name).
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext

from kormo.offices.models import Office
from kormo.ops.replica import REPLICA, replica_alias, replica_reads
from kormo.progress.dashboard import DASHBOARD_QUERIES, dashboard_all_rows, dashboard_page
from kormo.progress.models import ScoreSnapshot
from kormo.progress.scores import current_plans, office_stamps, snapshots_compute
from kormo.public.opendata_files import files_write_all
from tests.progress.world import make_world as progress_world
from tests.public.world import make_world as public_world

pytestmark = pytest.mark.django_db(transaction=True, databases="__all__")
FY = "2022-23"


class Counted:
    """Queries on the primary and on the replica while the block runs."""

    def __enter__(self) -> Counted:
        self.primary = CaptureQueriesContext(connections["default"]).__enter__()
        self.replica = CaptureQueriesContext(connections[REPLICA]).__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.replica.__exit__(*exc)
        self.primary.__exit__(*exc)


def test_the_replica_is_set_up() -> None:
    assert REPLICA in settings.DATABASES
    assert settings.DATABASES[REPLICA]["TEST"]["MIRROR"] == "default"
    assert "DATABASE_ROUTERS" in dir(settings) and settings.DATABASE_ROUTERS


def test_the_dashboard_reads_the_replica() -> None:
    world = progress_world("জেলা কার্যালয়, রংপুর", "জেলা কার্যালয়, দিনাজপুর")
    ids = list(Office.objects.filter(plans__isnull=False).values_list("pk", flat=True))
    snapshots_compute(office_ids=ids, fiscal_year=FY,
                      stamps=office_stamps(plans=current_plans(office_ids=ids, fiscal_year=FY)))
    with Counted() as q:
        page = dashboard_page(office=world.directorate, fiscal_year=FY)
    assert page.count == 2 and {r.office_id for r in page.rows} == set(ids)
    assert len(q.replica) == DASHBOARD_QUERIES and len(q.primary) == 0
    with Counted() as q:
        rows = list(dashboard_all_rows(office=world.directorate, fiscal_year=FY))
    assert len(rows) == 2 and len(q.replica) == 2 and len(q.primary) == 0


def test_open_data_files_read_the_replica(tmp_path) -> None:
    public_world()
    with Counted() as q:
        result = files_write_all(tmp_path)
    assert result.plans > 0 and (tmp_path / "plans.json").exists()
    assert len(q.replica) > 0 and len(q.primary) == 0


def test_writes_and_reads_after_writes_stay_on_the_primary() -> None:
    office = Office.objects.create(name="অফিস", code="r-1", path="/")
    with replica_reads():
        assert replica_alias() == REPLICA
        read = Office.objects.get(pk=office.pk)  # from the replica
        assert read._state.db == REPLICA
        with Counted() as q:
            read.name = "অফিস ২"
            read.save()  # a row read from the replica is written to the primary
        assert len(q.replica) == 0 and any("UPDATE" in x["sql"] for x in q.primary)
        with transaction.atomic(), Counted() as q:
            Office.objects.filter(pk=office.pk).update(name="অফিস ৩")
            assert replica_alias() == "default"
            assert Office.objects.get(pk=office.pk).name == "অফিস ৩"
        assert len(q.replica) == 0
        assert [x["sql"].split()[0] for x in q.primary if "office" in x["sql"]] == [
            "UPDATE", "SELECT"]
    # Outside a block, reads are the primary's as before.
    with Counted() as q:
        assert Office.objects.get(pk=office.pk).name == "অফিস ৩"
        assert ScoreSnapshot.objects.count() == 0
    assert len(q.replica) == 0 and len(q.primary) == 2
