"""The read replica (kormo.ops.replica): nothing changes without DATABASE_REPLICA_URL; with
it, the dashboard and the open data read the replica and everything else the primary — proven
in a process of its own with the variable set (tests/ops/replica_cases.py), since the
database aliases are fixed when Django starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from django.test.utils import CaptureQueriesContext

from kormo.offices.models import Office
from kormo.ops.replica import REPLICA, replica_alias, replica_reads

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_without_a_replica_nothing_changes() -> None:
    assert REPLICA not in settings.DATABASES and not getattr(settings, "DATABASE_ROUTERS", [])
    with replica_reads(), CaptureQueriesContext(connections["default"]) as q:
        assert replica_alias() == "default"
        Office.objects.count()
    assert len(q) == 1


def test_with_a_replica_dashboards_and_open_data_read_it(tmp_path: Path) -> None:
    db = tmp_path / "kormo.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}",
           "DATABASE_REPLICA_URL": f"sqlite:///{db}", "KORMO_DATA_DIR": str(tmp_path),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT),
                                          os.environ.get("PYTHONPATH", "")])}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", str(ROOT / "tests/ops/replica_cases.py"),
         "-q", "-p", "no:cacheprovider", "-x"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "4 passed" in run.stdout
