"""Browser tests: Playwright's sync API driving Debian's Chromium against pytest-django's
live server (docs/ui.md, "Browser tests"). Playwright's own browser download is never used:
`executable_path` points at /usr/bin/chromium (Makefile: TEST_DEB_PACKAGES).

The database is filled with the demo's offices, people and 2022-23 templates
(`kormo.demo.offices`), not the seed plans, so the focal points start from the templates.
Screenshots go to test-artifacts/screenshots/ (git-ignored).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# live_server runs Django in a thread while Playwright's event loop runs in this one.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
PASSWORD = "kormo-demo"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    # Module scope: Playwright's sync API allows one running instance per thread, so each
    # test module starts and stops its own (another module may bring its own fixture).
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def demo(transactional_db: None) -> dict[str, object]:
    """The demo offices, people (password kormo-demo) and templates of 2022-23."""
    from django.conf import settings as s

    from kormo.demo import offices as d

    offices = d.demo_offices_ensure()
    d.demo_people_ensure(offices)
    d.demo_templates_ensure(Path(s.BASE_DIR) / "data" / "seeds", offices)
    return offices


@pytest.fixture
def new_page(browser, live_server):
    """new_page(viewport_width=1280, lang="bn") → a fresh page in its own context."""
    contexts = []

    def make(width: int = 1280, height: int = 900, lang: str = "bn"):
        context = browser.new_context(viewport={"width": width, "height": height},
                                      base_url=live_server.url)
        if lang != "bn":
            host = live_server.url.split("//", 1)[1].split(":")[0]
            context.add_cookies([{"name": "django_language", "value": lang, "domain": host,
                                  "path": "/"}])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        return page

    yield make
    for c in contexts:
        c.close()


def login(page, username: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url("**/home/today/")


def shot(page, name: str, full_page: bool = False) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
