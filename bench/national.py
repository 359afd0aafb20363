"""Benchmark at national size, in one run: onboarding, the year's plans, the national
recompute, the dashboard at 100 / 1,000 / 10,000 / 25,000 offices, the columnar engine
against plain NumPy. Prints the figures; the last line is one JSON object. Asserts nothing.

Run: .venv/bin/python bench/national.py [--database-url URL] [--kinds apa,integrity]
     [--sizes 100,1000,10000,25000] [--repeat 3] [--load-seconds 60]

Without --database-url the data goes to a temporary SQLite database (deleted afterwards);
with a PostgreSQL URL (e.g. from scripts/pg-test-server) into that database, which must be
empty. The country is `offices.national_tree`'s (seed 1) under one root office (the cabinet)
with exactly 25,000 offices below it, and three supervising offices below the cabinet that
hold exactly 9,999, 999 and 99 offices (whole directorates with their field offices, topped up
with institutions), so each dashboard lists exactly 100 / 1,000 / 10,000 / 25,000 offices
counting its own. Each office gets the year's plans of `--kinds` (default the APA and the
integrity plan: 50,000 plans), two quarters of values and reports.

The deadline load (locust against gunicorn and a throw-away PostgreSQL, bench/deadline_load.py)
runs last in its own processes for --load-seconds (0: skipped, its keys null).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]
YEAR = "2022-23"
GROUPS = (9_999, 999, 99)  # offices below each supervising office (the office itself: +1)
TOTAL_BELOW_ROOT = 25_000 - 1


def setup_django(url: str, data_dir: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["KORMO_DATA_DIR"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "kormo.project.settings"
    import django
    from django.conf import settings

    django.setup()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ALLOWED_HOSTS = ["*"]
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def country_rows(seed: int = 1) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The national tree under a cabinet, with the three supervising offices of exact size."""
    from kormo.offices.national_tree import make_country

    # Institutions top the country up to exactly 25,000 offices below the cabinet.
    extra = TOTAL_BELOW_ROOT - len(make_country(seed, institutions=0).offices) - len(GROUPS)
    country = make_country(seed, institutions=extra)
    offices, people = country.offices, country.people
    below: dict[str, int] = {}
    children: dict[str, list[str]] = {}
    for o in offices:
        children.setdefault(o["parent_code"], []).append(o["code"])

    def size(code: str) -> int:
        if code not in below:
            below[code] = 1 + sum(size(c) for c in children.get(code, ()))
        return below[code]

    by_code = {o["code"]: o for o in offices}
    directorates = sorted((o["code"] for o in offices if o["tier"] == "directorate"),
                          key=lambda c: -size(c))
    # Institutions hang from directorates; counted apart so that a directorate moves alone.
    leaves = [o["code"] for o in offices if o["tier"] == "institution"]
    for code in leaves:
        by_code[code]["parent_code"] = by_code[directorates[-1]]["parent_code"]
    below.clear()
    children.clear()
    for o in offices:
        children.setdefault(o["parent_code"], []).append(o["code"])
    rows = [{"code": "cabinet", "name_bn": "মন্ত্রিপরিষদ বিভাগ", "name_en": "Cabinet Division",
             "tier": "ministry", "parent_code": "", "district": "", "upazila": ""}]
    for o in offices:
        if o["tier"] == "ministry":
            o["parent_code"] = "cabinet"
    used: set[str] = set()
    for n in GROUPS:
        group = f"bench-group-{n + 1}"
        rows.append({"code": group, "name_bn": f"তত্ত্বাবধায়ক অফিস {n + 1}",
                     "name_en": f"Supervising office {n + 1}", "tier": "ministry",
                     "parent_code": "cabinet", "district": "", "upazila": ""})
        left = n
        for code in directorates:
            if code not in used and size(code) <= left and size(code) > 1:
                by_code[code]["parent_code"] = group
                used.add(code)
                left -= size(code)
        for code in [*directorates, *leaves]:
            if left == 0:
                break
            if code not in used and size(code) == 1:
                by_code[code]["parent_code"] = group
                used.add(code)
                left -= 1
        people.append({"name": f"তত্ত্বাবধায়ক {n + 1}", "post": "সচিব",
                       "email": f"supervisor-{n + 1}@example.gov.bd", "mobile": "",
                       "office_code": group, "role": "supervisor"})
    people.append({"name": "মন্ত্রিপরিষদ সচিব", "post": "সচিব",
                   "email": "supervisor-25000@example.gov.bd", "mobile": "",
                   "office_code": "cabinet", "role": "supervisor"})
    return rows + offices, people


def timed(fn: Any, repeat: int = 1) -> tuple[float, int, Any]:
    """Median seconds and the query count of `fn` (after one warm-up call when repeat > 1)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if repeat > 1:
        fn()
    times, queries, out = [], 0, None
    for _ in range(max(1, repeat - 1) if repeat > 1 else 1):
        with CaptureQueriesContext(connection) as q:
            t = time.perf_counter()
            out = fn()
            times.append(time.perf_counter() - t)
        queries = len(q)
    return statistics.median(times), queries, out


def run(args: argparse.Namespace, tmp: str) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.test import Client, override_settings
    from django.urls import reverse

    import national_scoring
    from kormo.demo.national_plans import year_plans
    from kormo.domain.bulk_plans import five_level_percents
    from kormo.offices.models import Office
    from kormo.offices.national_tree import write_csv
    from kormo.offices.onboarding import onboard
    from kormo.offices.onboarding_files import OFFICE_COLUMNS, PEOPLE_COLUMNS
    from kormo.progress.dashboard import dashboard_page
    from kormo.progress.recompute import year_columns, year_recompute
    from kormo.progress.scores import (
        current_plans,
        office_stamps,
        rules_for_year,
        snapshots_compute,
    )

    out: dict[str, Any] = {}
    offices, people = country_rows()
    o_csv = write_csv(Path(tmp) / "offices.csv", OFFICE_COLUMNS, offices)
    p_csv = write_csv(Path(tmp) / "people.csv", PEOPLE_COLUMNS, people)
    t = time.perf_counter()
    result = onboard(offices=str(o_csv), people=str(p_csv))
    out["onboarding_seconds"] = time.perf_counter() - t
    assert not result.problems, result.problems[:3]  # the bench's own input
    print(f"onboarding: {result.offices_created:,} offices, {result.people_created:,} people, "
          f"{result.roles_created:,} roles in {out['onboarding_seconds']:.1f} s")

    everyone = list(Office.objects.exclude(code__startswith="bench-group").exclude(
        code="cabinet").order_by("code").only("pk", "name", "tier"))
    t = time.perf_counter()
    counts = year_plans(YEAR, everyone, seed=1, quarters=2, seeds_dir=ROOT / "data/seeds",
                        kinds=args.kinds)
    out["plans_seconds"] = time.perf_counter() - t
    print(f"plans: {counts['plans_plan'] + len(args.kinds.split(',')):,} plans, "
          f"{sum(counts.values()):,} rows in {out['plans_seconds']:.1f} s")

    r = year_recompute(YEAR)
    out["recompute_seconds"] = r.seconds
    print(f"national recompute (columnar engine, stored with the dashboard's figures): "
          f"{r.offices:,} offices, {r.plans:,} plans, {r.indicators:,} indicators in "
          f"{r.seconds:.1f} s ({r.seconds / max(r.offices, 1) * 1000:.1f} ms an office; "
          f"engine {r.seconds_scoring:.1f} s; {r.by_rules:,} offices by the rules)")
    sample = sorted(set(current_plans(fiscal_year=YEAR).values_list("office_id", flat=True)))
    sample = sample[:: max(1, len(sample) // 500)][:500]
    t = time.perf_counter()
    snapshots_compute(office_ids=sample, fiscal_year=YEAR, stamps=office_stamps(
        plans=current_plans(office_ids=sample, fiscal_year=YEAR)))
    per_office = (time.perf_counter() - t) / max(len(sample), 1)
    out["recompute_rules_seconds_estimate"] = per_office * r.offices
    print(f"the same by the rules (snapshots_compute, {len(sample)} offices): "
          f"{per_office * 1000:.1f} ms an office, ~{per_office * r.offices:.0f} s for the year")
    cols = year_columns(YEAR)
    rules = rules_for_year(YEAR)
    t_eng, _, _ = timed(lambda: five_level_percents(cols.levels, cols.achieved, cols.is_date,
                                                    cols.is_date, rules), 3)
    t_base, _, _ = timed(lambda: national_scoring.baseline(
        cols.levels, cols.achieved, cols.is_date, cols.weights, cols.plan_id), 3)
    print(f"five-level kernel on the year's {len(cols.ref):,} five-level indicators: "
          f"{t_eng:.3f} s (plain NumPy {t_base:.3f} s)")
    m = national_scoring.measure(1_000_000)
    out["scoring_vs_numpy"] = m["ratio"]
    print(f"1,000,000 indicators: plain NumPy {m['baseline_s']:.3f} s, engine "
          f"{m['engine_s']:.3f} s → {m['ratio']:.0%} of the baseline's speed "
          f"(largest score difference {m['max_diff']:.2g})")

    seconds: dict[str, float] = {}
    queries: dict[str, int] = {}
    fn_seconds: dict[str, float] = {}
    cached: dict[str, float] = {}
    sizes = [int(s) for s in args.sizes.split(",")]
    codes = {n: ("cabinet" if n == 25_000 else f"bench-group-{n}") for n in sizes}
    for n in sizes:
        office = Office.objects.get(code=codes[n])
        below = Office.objects.filter(path__startswith=office.path).count()
        user = get_user_model().objects.get(username=f"supervisor-{n}@example.gov.bd")
        client = Client()
        client.force_login(user)
        url = reverse("progress:dashboard", args=[office.pk, YEAR])
        repeat = args.repeat if n <= 1_000 else 2
        s_fn, q_fn, _ = timed(lambda office=office: dashboard_page(office=office,
                                                                   fiscal_year=YEAR), repeat)
        # The page as rendered (the page cache off: what a changed dashboard costs), then as
        # served again from the page cache while nothing under the office changed.
        with override_settings(KORMO_PAGE_CACHE_SECONDS=0):
            s_page, q_page, resp = timed(lambda url=url, client=client: client.get(url),
                                         repeat)
        client.get(url)
        client.get(url)
        s_hit, q_hit, hit = timed(lambda url=url, client=client: client.get(url), 1)
        seconds[str(n)], queries[str(n)], fn_seconds[str(n)] = s_page, q_page, s_fn
        cached[str(n)] = s_hit
        print(f"dashboard of {below:,} offices: page {s_page:.3f} s, {q_page} queries, "
              f"{len(resp.content) / 1024:,.0f} KiB (status {resp.status_code}); "
              f"dashboard_page {s_fn:.3f} s, {q_fn} queries; from the page cache "
              f"{s_hit:.3f} s, {q_hit} queries ({hit.get('X-Kormo-Page-Cache')})")
    out.update(dashboard_seconds=seconds, dashboard_queries=queries,
               dashboard_rows_seconds=fn_seconds, dashboard_cached_seconds=cached)
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--database-url", default="")
    p.add_argument("--kinds", default="apa,integrity")
    p.add_argument("--sizes", default="100,1000,10000,25000")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--load-seconds", type=int, default=60)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
        setup_django(url, tmp)
        start = time.perf_counter()
        out = run(args, tmp)
        print(f"total {time.perf_counter() - start:.0f} s")
    out.update(load_rps_ratio=None, load_p99_ms=None, load_errors=None)
    if args.load_seconds > 0:
        load = subprocess.run([sys.executable, str(ROOT / "bench/deadline_load.py"),
                               "--seconds", str(args.load_seconds)],
                              capture_output=True, text=True, check=False)
        print(load.stdout.rstrip(), load.stderr[-2000:] if load.returncode else "", sep="\n")
        if load.returncode == 0:
            out.update(json.loads(load.stdout.strip().splitlines()[-1]))
    print(json.dumps(out, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
