"""Benchmark: the plan table editor in Chromium for plans of 100, 500 and 2,000 rows.

Run: .venv/bin/python bench/editor_browser.py [SIZES...]   (default: 100 500 2000)

Builds a temporary SQLite database (deleted afterwards) holding a district office per size, their
focal point and one APA per size (`tests.plans.builders.sized_plan`: one row per indicator, five
indicators per activity), serves it with Django's runserver (`KORMO_DEBUG=1`, as `make run`),
and drives Debian's Chromium with Playwright (executable_path=/usr/bin/chromium). Per size:

- open: from navigation to the editor ready to type (`body[data-grid-ready]`: the table
  drawn and measured), server time included; after one untimed opening whose live check
  has answered;
- keystroke: the median of 20 keys typed into a cell, each from the key event in the page
  until the next frame painted after it (what the person waits for), once the live check
  sent on opening has answered; `keystroke_roundtrip_ms` is the same keys timed from this
  script, Playwright's two round trips to the browser included (pessimistic, and noisy on a
  loaded machine);
- paste: a block of every row × 4 quarterly targets pasted into the first row, until the
  next frame.

It prints the figures, then (last line) one JSON object: open_seconds, keystroke_ms,
keystroke_roundtrip_ms and paste_seconds, each keyed by row count. It asserts nothing
(targets: docs/ui.md).
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PASSWORD = "bench-password-1"


def setup_django(db_path: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "kormo.project.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(sizes: list[int]) -> dict[int, int]:
    """One district office per size (a plan per office, kind and year), their focal point
    (PASSWORD) and an APA of each size; plan ids by size."""
    from tests.plans.builders import sized_plan
    from tests.world import person

    from kormo.domain.plan import Tier
    from kormo.offices.models import Role
    from kormo.offices.services import membership_grant, office_create
    from kormo.plans.convert import plan_save_from_domain

    focal = person("bench-focal", password=PASSWORD)
    plans = {}
    for n in sizes:
        office = office_create(name=f"জেলা কার্যালয় {n}", tier=Tier.DISTRICT, code=f"bench{n}")
        membership_grant(user=focal, office=office, role=Role.FOCAL_POINT)
        plans[n] = plan_save_from_domain(plan=sized_plan(n, plan_id=f"bench-{n}"),
                                         office=office).pk
    return plans


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(port: int) -> subprocess.Popen:
    env = dict(os.environ, KORMO_DEBUG="1", PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen([sys.executable, "-m", "django", "runserver", "--noreload",
                             f"127.0.0.1:{port}"], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2)
            return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("runserver did not start")


# A key's cost inside the page: from the key event (its timeStamp, the page's clock) until the
# next frame is painted after it.
KEY_CLOCK = """() => document.addEventListener('keydown', e => { window.kormoKeyAt = e.timeStamp; },
                                                true)"""
AFTER_KEY = """() => new Promise(r => requestAnimationFrame(
  () => setTimeout(() => r(performance.now() - window.kormoKeyAt), 0)))"""
PASTE = """([text, field]) => new Promise(done => {
  window.kormoGrid.show(0);
  const cell = document.querySelector(`#sheet tr[data-i='0'] [name='${field}']`);
  cell.focus();
  const t0 = performance.now(), dt = new DataTransfer();
  dt.setData('text/plain', text);
  cell.dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true,
                                                  cancelable: true}));
  requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));
})"""


def measure(page, base: str, plan_pk: int, n: int) -> tuple[float, float, float, float]:
    url = f"{base}/plans/{plan_pk}/edit/"
    start = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded", timeout=600_000)
    page.wait_for_selector("body[data-grid-ready]", timeout=600_000)
    open_s = time.perf_counter() - start
    nav = page.evaluate("""() => { const n = performance.getEntriesByType('navigation')[0];
      return [n.responseStart - n.requestStart, n.responseEnd - n.responseStart,
              performance.now() - n.responseEnd]; }""")
    print(f"{n:>5} rows: server {nav[0] / 1000:5.2f} s, download {nav[1] / 1000:5.2f} s, "
          f"browser {nav[2] / 1000:5.2f} s")
    assert page.evaluate("window.kormoGrid.count()") == n  # the bench's own check
    # The live check sent on opening runs on the server meanwhile (seconds at 2,000 rows, on
    # the same two cores): let it answer, so the keys time the editor, not that contention.
    page.wait_for_selector("#checks h2", timeout=600_000)
    page.evaluate("i => window.kormoGrid.show(i)", min(10, n - 1))
    cell = page.locator(f"#sheet tr[data-i='{min(10, n - 1)}'] [name='weight']")
    cell.focus()
    page.keyboard.press("End")
    page.evaluate(KEY_CLOCK)
    keys, trips = [], []
    for k in range(20):
        t0 = time.perf_counter()
        page.keyboard.press(str(k % 10))
        keys.append(page.evaluate(AFTER_KEY))
        trips.append((time.perf_counter() - t0) * 1000)
    keystroke, trip = statistics.median(keys), statistics.median(trips)
    block = "\r\n".join("\t".join(str(i % 7 + q) for q in range(4)) for i in range(n)) + "\r\n"
    if not page.is_checked("input[data-group='quarters']"):
        page.check("input[data-group='quarters']")
    paste_ms = page.evaluate(PASTE, [block, "q1"])
    page.evaluate("() => window.onbeforeunload = null")
    return open_s, keystroke, trip, paste_ms / 1000


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [100, 500, 2000]
    from playwright.sync_api import sync_playwright

    result: dict[str, dict[str, float]] = {"open_seconds": {}, "keystroke_ms": {},
                                           "keystroke_roundtrip_ms": {}, "paste_seconds": {}}
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(str(Path(tmp) / "bench.sqlite3"))
        plans = build(sizes)
        port = free_port()
        server = serve(port)
        base = f"http://127.0.0.1:{port}"
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.on("dialog", lambda d: d.accept())
                page.goto(f"{base}/login/")
                page.fill("#id_username", "bench-focal")
                page.fill("#id_password", PASSWORD)
                page.click("button.primary")
                page.wait_for_load_state()
                for n in sizes:
                    page.goto(f"{base}/plans/{plans[n]}/edit/")  # warm the server's caches
                    # ... and let the live check it sends answer: left running, it shares the
                    # two cores with the timed opening (someone opening the editor has no
                    # check of a page before it still running).
                    page.wait_for_selector("#checks h2", timeout=600_000)
                    open_s, key_ms, trip_ms, paste_s = measure(page, base, plans[n], n)
                    print(f"{n:>5} rows: open {open_s:6.2f} s   keystroke {key_ms:6.1f} ms "
                          f"({trip_ms:6.1f} ms with the round trip)   paste {paste_s:6.2f} s")
                    result["open_seconds"][str(n)] = round(open_s, 3)
                    result["keystroke_ms"][str(n)] = round(key_ms, 1)
                    result["keystroke_roundtrip_ms"][str(n)] = round(trip_ms, 1)
                    result["paste_seconds"][str(n)] = round(paste_s, 3)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
