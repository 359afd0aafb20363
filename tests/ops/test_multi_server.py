"""More than one machine (scripts/multi-server): two application servers and two workers
sharing PostgreSQL and an S3-compatible store behind one address. Runs in the PostgreSQL step
of scripts/test-all; on SQLite there is no second server to share a database with."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


@pytest.mark.slow
@pytest.mark.skipif(not ON_POSTGRES, reason="several servers share one PostgreSQL; SQLite "
                    "is one process's file (set DATABASE_URL to a PostgreSQL server)")
def test_two_servers_share_sessions_evidence_lockouts_and_run_each_mail_once() -> None:
    # The script starts its own throw-away PostgreSQL: the test run's database stays as it is.
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    done = subprocess.run([sys.executable, str(ROOT / "scripts/multi-server")], env=env,
                          capture_output=True, text=True, timeout=600, check=False)
    report = done.stdout + done.stderr[-4000:]
    assert done.returncode == 0, report
    for proof in ("a login on one server is a session on the other: ok",
                  "an evidence upload through one server downloads through the other: ok",
                  "a lockout after 12 wrong passwords holds on both servers: ok",
                  "a queued e-mail ran exactly once with two workers: ok"):
        assert f"multi-server: {proof}" in done.stdout, report
