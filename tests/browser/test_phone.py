"""At 360 px no page scrolls sideways: every page of the permission walk that answers HTML,
opened as the office's administrator (who may read all of them) in a phone-sized window, and
the progress report's entry field is in view without scrolling sideways."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.browser.conftest import shot
from tests.web.test_permission_walk import _all_rules, _patterns
from tests.web.world import YEAR, build_world

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_world()


def _phone(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 360, "height": 740},
                                  base_url=live_server.url, is_mobile=True, has_touch=True)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                          "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15000)
    return page


def _pages(world) -> list[str]:
    """Every GET address of the walk, for office X and its plan and template."""
    from django.urls import get_resolver

    values = {"office_id": world.offices["X"].pk, "plan_id": world.plans["X"].pk,
              "fiscal_year": YEAR}
    out = []
    for name, pattern in _patterns(get_resolver()):
        rule = _all_rules().get(name)
        if rule is None or "GET" not in rule.methods or name in ("logout",):
            continue
        params = set(pattern.pattern.regex.groupindex)
        if set(params) - set(values) - {"plan_id"}:
            continue  # a file by name, a format: not a page
        kwargs = {k: values[k] for k in params}
        if rule.kind == "template" and "plan_id" in kwargs:
            kwargs["plan_id"] = world.templates["X"].pk
        out.append(reverse(name, kwargs=kwargs))
    return sorted(set(out))


def test_no_page_of_the_walk_scrolls_sideways_at_360_px(browser, live_server, world) -> None:
    page = _phone(browser, live_server, world.users["admin"])
    checked, wide = [], {}
    for url in _pages(world):
        response = page.request.get(url)
        if response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            continue
        page.goto(url)
        if not page.locator("meta[name=viewport]").count():
            continue  # a fragment for another page (htmx) or the API's own docs, not a page
        width = page.evaluate("document.documentElement.scrollWidth")
        checked.append(url)
        if width > 360:  # name what sticks out, for the failure message
            wide[url] = (width, page.evaluate("""() => [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > 361 && !e.closest('.scroll'))
              .slice(0, 4).map(e => e.tagName + ' ' + Math.round(e.getBoundingClientRect().right))
              """))
    assert wide == {}
    assert len(checked) >= 15, checked  # the walk's pages, not an empty list


def test_the_dashboard_and_report_entry_fit_a_phone(browser, live_server, settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from tests.progress.world import make_world

    world = make_world("জেলা কার্যালয়, রংপুর (একটি দীর্ঘ নামের অফিস, তথ্য ও যোগাযোগ প্রযুক্তি)",
                       "জেলা কার্যালয়, দিনাজপুর")
    office = next(iter(world.offices.values()))
    sup = _phone(browser, live_server, world.supervisor)
    sup.goto(f"/progress/offices/{world.directorate.pk}/2022-23/dashboard/")
    assert sup.evaluate("document.documentElement.scrollWidth") <= 360
    shot(sup, "dashboard-360-bn", full_page=True)
    focal = _phone(browser, live_server, office.focal)
    focal.goto(f"/progress/plans/{office.apa.pk}/report/?period=Q1")
    assert focal.evaluate("document.documentElement.scrollWidth") <= 360
    field = focal.locator("[data-testid=value-input]").first
    field.scroll_into_view_if_needed()
    box = field.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    shot(focal, "report-360-bn")
