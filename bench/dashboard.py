"""Benchmark: the supervisor's dashboard for 100, 1,000 and 10,000 offices; prints seconds.

Run: .venv/bin/python bench/dashboard.py [SIZES...]   (default: 100 1000 10000)

Builds its own data in a temporary SQLite database (deleted afterwards): a directorate with
N district offices, each with seed 000's APA of 2022-23 (data/seeds; the bench imports no test
code) and four quarters of progress on three of its indicators, and a quarterly report per
office. Then times `kormo.progress.dashboard.dashboard_rows`:

- cold: no stored score yet, so every office's score is computed in this call (the scoring
  load in `SCORING_LOAD_QUERIES` queries, `domain.scoring` in memory, one upsert per batch);
- warm: every stored score is fresh (the usual case: services refresh them on each change),
  so the call is `DASHBOARD_QUERIES` queries whatever N. It includes the path of the offices
  the chart draws (the first `CHART_LIMIT`: their plans loaded in `PATH_QUERIES` queries, the
  score due so far and the indicators at risk computed in memory), a cost bounded by
  `CHART_LIMIT`, not by N;
- warm, table only: `path_limit=0`, as the CSV/XLSX downloads read it (no path);
- one office changed: a progress value saved through the service, then the dashboard again.

It prints the figures and the query counts; it asserts nothing.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]


def setup_django(db_path: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "kormo.project.settings"
    import django
    from django.conf import settings

    django.setup()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(n: int) -> tuple[object, object, object]:
    """N district offices with a signed APA and four quarters of progress (bulk inserts).

    Each office's APA is seed 000's (data/seeds), with its own achievements for three of its
    indicators, so the dashboard scores a real agreement's shape."""
    import dataclasses
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from django.db import transaction

    from kormo.domain import plan as d
    from kormo.domain.plan import ProgressValue, Quarter, Tier
    from kormo.domain.planformat import load_path
    from kormo.domain.values import Number, Percent
    from kormo.offices.models import Office, Role
    from kormo.offices.services import membership_grant, office_create
    from kormo.plans.convert import plan_save_from_domain
    from kormo.plans.models import Plan
    from kormo.progress.models import Report

    def user(name: str, office: Office, role: Role) -> object:
        person = get_user_model().objects.create_user(username=name, password="pw-" + name)
        membership_grant(user=person, office=office, role=role)
        return person

    seed = next(p for p in load_path(str(next((ROOT / "data" / "seeds").glob("000-*.json"))))
                if p.kind is d.PlanKind.APA)
    refs = [(ref, ind.unit) for ref, ind in seed.indicator_refs().items()
            if ind.unit in (d.Unit.COUNT, d.Unit.PERCENT) and not ind.feeds_from][:3]

    def value(unit: d.Unit, n: int) -> Number | Percent:
        return Percent(Decimal(50 + n % 50)) if unit is d.Unit.PERCENT else Number(Decimal(n))

    with transaction.atomic():
        ministry = office_create(name="মন্ত্রণালয়", tier=Tier.MINISTRY)
        directorate = office_create(name="অধিদপ্তর", tier=Tier.DIRECTORATE, parent=ministry)
        supervisor = user("supervisor", directorate, Role.SUPERVISOR)
        offices = Office.objects.bulk_create(
            Office(name=f"জেলা কার্যালয় {i}", tier=Tier.DISTRICT.value, parent=directorate,
                   code=f"district-{i}") for i in range(n))
        for o in offices:
            o.path = f"{directorate.path}{o.pk}/"
        Office.objects.bulk_update(offices, ["path"], batch_size=500)
        for i, office in enumerate(offices):
            plan = dataclasses.replace(seed, id=f"apa-{i}", office=office.name,
                                       supervisor=directorate.name, progress=tuple(
                ProgressValue(ref, q, value(unit, 5 + (i * 7 + int(q[1]) * (k + 1)) % 30))
                for q in Quarter for k, (ref, unit) in enumerate(refs)))
            plan_save_from_domain(plan=plan, office=office)
        Plan.objects.update(state="signed")
        # The plans' progress came with draft reports (one store): mark Q1's as the offices
        # left them (submitted, or returned; some late).
        reports = list(Report.objects.filter(period="Q1"))
        for r in reports:
            r.state = "submitted" if r.plan_id % 3 else "returned"
            r.is_late = r.plan_id % 5 == 0
        Report.objects.bulk_update(reports, ["state", "is_late"], batch_size=500)
        focal = user("focal-0", offices[0], Role.FOCAL_POINT)
    return directorate, supervisor, (offices[0], focal, refs[0][0])


def timed(label: str, fn) -> object:  # type: ignore[no-untyped-def]
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - start
    print(f"  {label:<28} {seconds:8.3f} s  {len(queries):5d} queries")
    return result


def run(n: int) -> None:
    from kormo.plans.models import Plan
    from kormo.progress.dashboard import CHART_LIMIT, dashboard_rows
    from kormo.progress.services import progress_record

    start = time.perf_counter()
    directorate, _supervisor, (office0, focal, ref) = build(n)
    print(f"{n:,} offices (data built in {time.perf_counter() - start:.1f} s)")
    d = timed("cold (every score computed)",
              lambda: dashboard_rows(office=directorate, fiscal_year="2022-23"))
    assert len(d.rows) == n  # a sanity check of the bench itself, not a timing assertion
    d = timed("warm (stored scores fresh)",
              lambda: dashboard_rows(office=directorate, fiscal_year="2022-23"))
    assert sum(r.path_known for r in d.rows) == min(n, CHART_LIMIT)  # the bench's own check
    timed("warm, table only (downloads)",
          lambda: dashboard_rows(office=directorate, fiscal_year="2022-23", path_limit=0))
    timed("filtered: one district",
          lambda: dashboard_rows(office=directorate, fiscal_year="2022-23",
                                 district_id=office0.pk))
    plan = Plan.objects.get(office=office0)
    timed("a value saved (service)",
          lambda: progress_record(plan=plan, indicator_ref=ref, quarter="Q2", actor=focal,
                                  text="২৫", reason="bench"))
    timed("warm after the change",
          lambda: dashboard_rows(office=directorate, fiscal_year="2022-23"))


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [100, 1_000, 10_000]
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            # Each size in a fresh process-wide database: Django is set up once per process,
            # so sizes after the first run in child processes.
            if n != sizes[0]:
                import subprocess

                subprocess.run([sys.executable, __file__, str(n)], check=True)
                continue
            db = str(Path(tmp) / "bench.sqlite3")
            os.environ["KORMO_DATA_DIR"] = tmp
            setup_django(db)
            run(n)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
