"""Benchmark: the supervisor's dashboard at 100, 1,000, 10,000 and 25,000 offices under the
supervisor; prints seconds and queries, and a JSON line last.

Run: .venv/bin/python bench/dashboard.py [SIZES...]   (default: 100 1000 10000 25000)
     `measure(sizes)` returns the figures, for bench/national.py.

Builds its data in a temporary SQLite database (deleted afterwards; DATABASE_URL set in the
environment is used instead, e.g. a throw-away PostgreSQL: `scripts/pg-test-server run
.venv/bin/python bench/dashboard.py`): one ministry with a directorate per size, each with
exactly N offices below it (8 division offices, a district office per 40 up to 64, upazila
offices and institutions under them), all in one database, as a national one would be. The
offices and their stored figures (`ScoreSnapshot`: score, rating, plans signed, reports,
place, due so far, indicators at risk; 1 in 20 offices without one, 1 in 13 not signed)
are bulk-inserted directly: the dashboard reads stored figures only, so how they were
computed does not change its cost (scoring is timed by bench/scoring.py and the national
recompute).

Timed per size, median of `REPEATS`, round-robin over the sizes:
- `dashboard_page`: the read (totals, option lists, three roll-ups, one page, ranks, the
  page's reports);
- the page: the view through the test client, rendered (one page of 50 rows);
- the CSV download, streamed to the end (every office: grows with N by nature).

It prints the figures; it asserts nothing.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
FY = "2022-23"
REPEATS = 5
SIZES = (100, 1_000, 10_000, 25_000)


def setup_django(db_path: str) -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{db_path}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "kormo.project.settings"
    import django
    from django.conf import settings

    django.setup()
    settings.ALLOWED_HOSTS = ["*"]
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(sizes: Sequence[int]) -> dict[int, tuple[Any, Any]]:
    """A directorate with exactly N offices below it per size: (directorate, supervisor)."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.db.models import Max

    from kormo.domain.plan import Tier
    from kormo.offices.models import Membership, Office, Role
    from kormo.progress.figures import score_key
    from kormo.progress.models import ScoreSnapshot

    out: dict[int, tuple[Any, Any]] = {}
    with transaction.atomic():
        next_id = (Office.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        ministry = Office(pk=next_id, name="মন্ত্রণালয়", tier=Tier.MINISTRY.value,
                          code=f"bench-ministry-{next_id}", path=f"/{next_id}/")
        next_id += 1
        offices, snaps = [ministry], []
        for n in sizes:
            top = Office(pk=next_id, name=f"অধিদপ্তর {n}", tier=Tier.DIRECTORATE.value,
                         parent_id=ministry.pk, code=f"bench-dir-{n}",
                         path=f"{ministry.path}{next_id}/")
            next_id += 1
            offices.append(top)
            # Real proportions: 8 division offices, up to 64 district offices, the rest
            # upazila offices and institutions (1 in 10) under the districts.
            n_div, n_dist = min(8, n // 12) or 1, min(64, max(1, n // 40))
            divisions, districts = [], []
            for i in range(n):
                if i < n_div:
                    tier, parent, name = Tier.DIVISION, top, f"বিভাগ {n}-{i}"
                elif i < n_div + n_dist:
                    tier, parent = Tier.DISTRICT, divisions[i % n_div]
                    name = f"জেলা {n}-{i - n_div:02d}"
                else:
                    tier = Tier.INSTITUTION if i % 10 == 0 else Tier.UPAZILA
                    parent, name = districts[i % n_dist], f"উপজেলা {n}-{i:05d}"
                office = Office(pk=next_id, name=name, tier=tier.value, parent_id=parent.pk,
                                code=f"bench-{n}-{next_id}", path=f"{parent.path}{next_id}/")
                next_id += 1
                offices.append(office)
                (divisions if tier is Tier.DIVISION else districts if tier is Tier.DISTRICT
                 else []).append(office)
                if i % 20 == 19:
                    continue  # no stored figure yet: not yet rated
                district = parent if tier in (Tier.UPAZILA, Tier.INSTITUTION) else (
                    office if tier is Tier.DISTRICT else None)
                percent = (i * 37 % 10_000) / 100
                snaps.append(ScoreSnapshot(
                    office_id=office.pk, fiscal_year=FY, stamp="bench", has_score=True,
                    total=percent, maximum=100.0, percent=percent, rating="good",
                    indicators_at_100=i % 10, indicator_count=10,
                    district=district.name if district else "",
                    # About 8 upazilas a district, as in the country (495 in 64).
                    upazila=f"{district.name} উপজেলা {i % 8}" if tier is Tier.UPAZILA
                    else "",
                    plans=6, plans_signed=0 if i % 13 == 0 else 6,
                    through="Q2", due_percent=(i * 53 % 10_000) / 100,
                    path_quarterly=i % 2 == 0, at_risk=i % 9,
                    reports={"Q1": [6, i % 2, 0, 6], "Q2": [i % 7, 0, i % 3 == 0, 0]},
                    reports_missing=i % 4,
                    score_key=score_key(True, percent, 0 if i % 13 == 0 else 6)))
            user = get_user_model().objects.create_user(username=f"bench-supervisor-{n}")
            out[n] = (top, user)
        Office.objects.bulk_create(offices, batch_size=2000)
        ScoreSnapshot.objects.bulk_create(snaps, batch_size=2000)
        Membership.objects.bulk_create(
            Membership(user=user, office=top, role=Role.SUPERVISOR.value)
            for top, user in out.values())
    return out


def timed(fn: Callable[[], Any]) -> tuple[float, int, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - start
    return seconds, len(queries), result


def measure(sizes: Sequence[int] = SIZES, repeats: int = REPEATS) -> dict[str, Any]:
    """Builds the data (Django set up already, an empty or national database), times each
    size `repeats` times round-robin; returns medians and query counts by size."""
    from django.test import Client

    from kormo.progress.dashboard import dashboard_page

    start = time.perf_counter()
    tops = build(sizes)
    print(f"data: {sum(sizes):,} offices built in {time.perf_counter() - start:.1f} s")
    clients = {}
    for n, (_top, user) in tops.items():
        clients[n] = Client()
        clients[n].force_login(user)
    samples: dict[str, dict[int, list[float]]] = {k: {n: [] for n in sizes}
                                                  for k in ("fn", "page", "csv")}
    queries: dict[str, dict[int, int]] = {k: {} for k in ("fn", "page", "csv")}
    size: dict[str, dict[int, int]] = {"page": {}, "csv": {}}
    for _ in range(repeats):
        for n, (top, _user) in tops.items():
            url = f"/progress/offices/{top.pk}/{FY}/dashboard"
            s, q, d = timed(lambda top=top: dashboard_page(office=top, fiscal_year=FY))
            assert d.count == n  # the bench's own check of its data, not a timing assertion
            samples["fn"][n].append(s)
            queries["fn"][n] = q
            s, q, r = timed(lambda url=url, n=n: clients[n].get(url + "/"))
            samples["page"][n].append(s)
            queries["page"][n], size["page"][n] = q, len(r.content)
            s, q, body = timed(lambda url=url, n=n: b"".join(
                clients[n].get(url + ".csv").streaming_content))
            samples["csv"][n].append(s)
            queries["csv"][n], size["csv"][n] = q, len(body)
    med = {k: {n: statistics.median(v) for n, v in by.items()} for k, by in samples.items()}
    print(f"{'offices':>8} {'dashboard_page':>20} {'page (view+template)':>30} "
          f"{'CSV, every row':>30}")
    for n in sizes:
        print(f"{n:>8,} {med['fn'][n]:>9.4f} s {queries['fn'][n]:>3} q "
              f"{med['page'][n]:>9.4f} s {queries['page'][n]:>3} q "
              f"{size['page'][n] / 1024:>7.0f} KiB "
              f"{med['csv'][n]:>9.4f} s {queries['csv'][n]:>3} q "
              f"{size['csv'][n] / 1024:>7.0f} KiB")
    first, last = sizes[0], sizes[-1]
    print(f"{last:,} / {first:,}: dashboard_page {med['fn'][last] / med['fn'][first]:.2f}x, "
          f"page {med['page'][last] / med['page'][first]:.2f}x")
    return {
        "dashboard_seconds": {str(n): round(med["page"][n], 4) for n in sizes},
        "dashboard_queries": {str(n): queries["page"][n] for n in sizes},
        "dashboard_page_seconds": {str(n): round(med["fn"][n], 4) for n in sizes},
        "dashboard_page_queries": {str(n): queries["fn"][n] for n in sizes},
        "dashboard_csv_seconds": {str(n): round(med["csv"][n], 4) for n in sizes},
    }


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or list(SIZES)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["KORMO_DATA_DIR"] = tmp
        setup_django(str(Path(tmp) / "bench.sqlite3"))
        result = measure(sizes)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
