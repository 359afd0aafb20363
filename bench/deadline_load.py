"""The reporting deadline under load: locust against gunicorn (3 workers unless --workers) and
PostgreSQL on a country made by `kormo_make_national`. Prints throughput, p50/p95/p99 and
errors of the peak (focal points and supervisors in their proportion; 70 % reads: home,
report page or dashboard, office page; 30 % value saves as the report page's script sends
them, a quarter of them with an evidence upload; a supervisor reads again instead) beside
the same server's login page and /healthz measured the same way; the last line is one JSON object
(load_rps_ratio = the peak's throughput over the login page's, load_p99_ms, load_errors), with
the server's CPU time per request (load_app_cpu_ms, load_db_cpu_ms; load_cpu_ratio = the login
page's over the peak's), which other work on a shared machine does not inflate as it does
latencies. Asserts nothing.

Run: .venv/bin/python bench/deadline_load.py [--database-url URL] [--seconds 60]
     [--users 12] [--scale 0.02] [--plans-for 40] [--workers 3]

Without --database-url a throw-away PostgreSQL (scripts/pg-test-server) is started and
stopped; a given database must be empty. Everything listens on 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import shlex
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PASSWORD = "deadline bench pass 2026"  # a throw-away database's accounts
YEAR = "2022-23"
QUARTER = "Q3"  # the generator reports Q1 (accepted) and Q2 (waiting): Q3 is open


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(env: dict[str, str], args: argparse.Namespace, targets: Path) -> dict[str, int]:
    """Migrate, make the country, give every person PASSWORD, and write the locust targets."""
    run = [sys.executable, "-m", "django"]
    subprocess.run([*run, "migrate", "-v0"], env=env, check=True)
    subprocess.run([*run, "kormo_make_national", "--scale", str(args.scale), "--plans-for",
                    str(args.plans_for), "--kinds", "apa", "--year", YEAR], env=env, check=True)
    code = f"""
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from kormo.offices.models import Membership, Office, Role
from kormo.plans.models import Plan
from kormo.progress.models import ReportedValue
User = get_user_model()
User.objects.update(password=make_password({PASSWORD!r}))  # one hash for all: the setup's
plans = {{}}
for p in Plan.objects.filter(fiscal_year={YEAR!r}).order_by("pk"):
    plans.setdefault(p.office_id, []).append(p.pk)
people = []
values = {{}}
for pid, ref in ReportedValue.objects.filter(plan__office_id__in=plans, quarter="Q1",
        ).values_list("plan_id", "indicator_ref").order_by("pk"):
    values.setdefault(pid, []).append([ref, pid])
for m in Membership.objects.filter(role=Role.FOCAL_POINT, office_id__in=plans).select_related(
        "user").order_by("pk"):
    pid = plans[m.office_id][0]
    people.append({{"username": m.user.username, "values": values.get(pid, [])[:8],
                   "read": reverse("progress:report", args=[pid]) + "?period={QUARTER}",
                   "read_name": "report page",
                   "office": reverse("progress:office_year", args=[m.office_id, {YEAR!r}])}})
focal = len(people)
paths = Office.objects.filter(pk__in=plans).values_list("path", flat=True)
above = {{p[:i] for p in paths for i in range(1, len(p))}}
for m in Membership.objects.filter(role=Role.SUPERVISOR, office__path__in=above).select_related(
        "user").order_by("pk")[:focal]:
    people.append({{"username": m.user.username, "values": [],
                   "read": reverse("progress:dashboard", args=[m.office_id, {YEAR!r}]),
                   "read_name": "dashboard",
                   "office": reverse("progress:office_year", args=[m.office_id, {YEAR!r}])}})
# Each person's session made here, as a login makes it: the peak's window then holds no
# password hashing (~0.25 s of a worker's CPU a login), only the peak's own requests.
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
by_name = {{u.username: u for u in User.objects.filter(
    username__in=[p["username"] for p in people])}}
for p in people:
    user = by_name[p["username"]]
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    p["session"] = session.session_key
json.dump({{"password": {PASSWORD!r}, "quarter": {QUARTER!r}, "home": reverse("home:today"),
           "session_cookie": settings.SESSION_COOKIE_NAME, "people": people}},
          open({str(targets)!r}, "w"))
print(json.dumps({{"focal_points": focal, "supervisors": len(people) - focal,
                  "plans": sum(map(len, plans.values()))}}))
"""
    out = subprocess.run([*run, "shell", "-c", code], env=env, check=True, capture_output=True,
                         text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU seconds of each of these processes (Linux /proc)."""
    out = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return out


class _CpuWatch:
    """CPU seconds spent by the children of some processes (gunicorn's workers, PostgreSQL's
    backends) while it runs: their times are read every half second, so a child that ends
    (a database connection replaced after CONN_MAX_AGE) keeps what it had spent up to its
    last reading."""

    def __init__(self, parents: list[int]) -> None:
        self.parents = parents
        self.start = {p: _cpu_seconds(_children(p)) for p in parents}
        self.last = {p: dict(t) for p, t in self.start.items()}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)
        self.thread.start()

    def _poll(self) -> None:
        while not self.stop.wait(0.5):
            self._read()

    def _read(self) -> None:
        for p in self.parents:
            self.last[p].update(_cpu_seconds(_children(p)))

    def spent(self) -> dict[int, float]:
        self.stop.set()
        self.thread.join()
        self._read()
        return {p: sum(t - self.start[p].get(pid, 0.0) for pid, t in self.last[p].items())
                for p in self.parents}


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _postmaster(pg_dir: str) -> int | None:
    """The throw-away PostgreSQL's postmaster (its backends are its children)."""
    found = list(Path(pg_dir).glob("**/postmaster.pid")) if pg_dir else []
    return int(found[0].read_text().split()[0]) if found else None


def wait_up(port: int, seconds: float = 60) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(0.5)
    return False


def locust(kind: str, port: int, env: dict[str, str], args: argparse.Namespace, tmp: str,
           seconds: int, servers: tuple[int, int | None]) -> dict[str, float]:
    """One headless locust run; the aggregated row of its CSV statistics, and the CPU time
    the server spent per request (gunicorn's workers; PostgreSQL's backends when it is the
    bench's own): a figure the other work on a shared machine does not inflate, unlike the
    latencies."""
    prefix = f"{tmp}/locust-{kind}"
    web_pid, pg_pid = servers
    watch = _CpuWatch([web_pid, *([pg_pid] if pg_pid else [])])
    with open(f"{prefix}.log", "w") as log:
        subprocess.run([str(BIN / "locust"), "-f", str(ROOT / "bench/deadline_locust.py"),
                        "--headless", "-u", str(args.users), "-r", str(args.users),
                        "-t", f"{seconds}s", "--host", f"http://127.0.0.1:{port}",
                        "--csv", prefix, "--only-summary", "--loglevel", "WARNING",
                        "--stop-timeout", "10"],
                       env={**env, "KORMO_LOAD_KIND": kind}, check=False,
                       stdout=subprocess.DEVNULL, stderr=log)
    with open(f"{prefix}_stats.csv") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["Name"] != "Aggregated":
            print(f"  {kind:8} {row['Type']:5} {row['Name']:18} n={row['Request Count']:>6} "
                  f"failures={row['Failure Count']:>4} p50={row['50%']} p95={row['95%']} "
                  f"p99={row['99%']} ms")
    agg = next(r for r in rows if r["Name"] == "Aggregated")
    spent = watch.spent()
    app, pg = spent[web_pid], spent.get(pg_pid) if pg_pid else None
    n = max(int(agg["Request Count"]), 1)
    return {"rps": float(agg["Requests/s"]), "p50": float(agg["50%"]),
            "p95": float(agg["95%"]), "p99": float(agg["99%"]),
            "requests": int(agg["Request Count"]), "errors": int(agg["Failure Count"]),
            "app_cpu_ms": round(app / n * 1000, 2),
            "db_cpu_ms": None if pg is None else round(pg / n * 1000, 2)}


def measure(args: argparse.Namespace, database_url: str, pg_dir: str = "") -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_URL": database_url, "KORMO_DATA_DIR": f"{tmp}/data",
               "DJANGO_SETTINGS_MODULE": "kormo.project.settings", "KORMO_LOG_LEVEL": "WARNING",
               "KORMO_SECRET_KEY": secrets.token_urlsafe(50),
               "KORMO_LOAD_TARGETS": f"{tmp}/targets.json",
               "PYTHONPATH": f"{ROOT / 'src'}:{os.environ.get('PYTHONPATH', '')}"}
        os.makedirs(env["KORMO_DATA_DIR"])
        t = time.perf_counter()
        made = prepare(env, args, Path(env["KORMO_LOAD_TARGETS"]))
        print(f"deadline load: {made} ready in {time.perf_counter() - t:.0f} s")
        port = free_port()
        web_log = open(f"{tmp}/web.log", "w")  # noqa: SIM115 - open while gunicorn runs
        web = subprocess.Popen([str(BIN / "gunicorn"), "kormo.project.wsgi:application",
                                "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
                                "--timeout", "60", "--no-control-socket"], env=env,
                               stdout=subprocess.DEVNULL, stderr=web_log)
        try:
            if not wait_up(port):
                raise SystemExit("gunicorn did not answer /healthz:\n"
                                 + Path(f"{tmp}/web.log").read_text()[-3000:])
            base = max(10, args.seconds // 3)
            servers = (web.pid, _postmaster(pg_dir))
            out = {"peak": locust("peak", port, env, args, tmp, args.seconds, servers),
                   "login": locust("login", port, env, args, tmp, base, servers),
                   "healthz": locust("healthz", port, env, args, tmp, base, servers)}
            saved = subprocess.run(
                [sys.executable, "-m", "django", "shell", "-c",
                 "from kormo.progress.models import ReportedValue, Evidence;"
                 f"print(ReportedValue.objects.filter(quarter={QUARTER!r}).count(),"
                 f"Evidence.objects.count())"],
                env=env, capture_output=True, text=True, check=True).stdout.splitlines()[-1].split()
        finally:
            web.terminate()
            web.wait(timeout=60)
            web_log.close()
    for kind, m in out.items():
        print(f"{kind:8}: {m['rps']:7.1f} requests/s, p50 {m['p50']:.0f} ms, p95 "
              f"{m['p95']:.0f} ms, p99 {m['p99']:.0f} ms, {m['errors']} errors of "
              f"{m['requests']:,}; server CPU a request: app {m['app_cpu_ms']:.1f} ms, "
              f"database {m['db_cpu_ms'] if m['db_cpu_ms'] is not None else '?'} ms")
    print(f"stored by the peak: {saved[0]} {QUARTER} values, {saved[1]} evidence files")
    peak = out["peak"]
    return {"load_rps_ratio": round(peak["rps"] / max(out["login"]["rps"], 1e-9), 3),
            "load_p99_ms": peak["p99"], "load_errors": peak["errors"],
            "load_rps": peak["rps"], "load_login_rps": out["login"]["rps"],
            "load_healthz_rps": out["healthz"]["rps"],
            # CPU per request, which the machine's other work does not inflate: the ratio
            # the throughput would approach on a machine of our own.
            "load_app_cpu_ms": peak["app_cpu_ms"], "load_db_cpu_ms": peak["db_cpu_ms"],
            "load_login_app_cpu_ms": out["login"]["app_cpu_ms"],
            "load_cpu_ratio": round(out["login"]["app_cpu_ms"] / max(
                peak["app_cpu_ms"] + (peak["db_cpu_ms"] or 0.0), 1e-9), 3)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--database-url", default="")
    p.add_argument("--seconds", type=int, default=60)
    p.add_argument("--users", type=int, default=12)
    p.add_argument("--scale", type=float, default=0.02)
    p.add_argument("--plans-for", type=int, default=40)
    # docs/deployment.md's 2 × cores; more workers overlap the requests' waits on the database
    p.add_argument("--workers", type=int, default=3)
    args = p.parse_args(argv)
    if args.database_url:
        result = measure(args, args.database_url)
    else:
        pg = subprocess.run(["bash", str(ROOT / "scripts/pg-test-server"), "start"],
                            capture_output=True, text=True, check=True).stdout
        found = dict(line.removeprefix("export ").split("=", 1) for line in pg.splitlines())
        url, pg_dir = (shlex.split(found[k])[0] for k in ("DATABASE_URL", "KORMO_PG_TEST_DIR"))
        try:
            result = measure(args, url, pg_dir)
        finally:
            subprocess.run(["bash", str(ROOT / "scripts/pg-test-server"), "stop", pg_dir],
                           capture_output=True, check=False)
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
