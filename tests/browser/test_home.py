"""After login each demo person lands on their home page, which lists exactly their pending
work; a plan the head returns shows its comment, who returned it and when, on the focal
point's home, plan, agreement and editor pages."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from kormo.plans.models import Plan
from kormo.progress.models import Report
from tests.browser.conftest import login, shot

pytestmark = pytest.mark.browser

PEOPLE = ("admin", "dg-supervisor", "rangpur-focal", "rangpur-head", "pirgacha-focal",
          "pirgacha-head", "dinajpur-focal", "dinajpur-head", "kaliganj-focal")
COMMENT = "[১.২.১] এর লক্ষ্যমাত্রা বাড়ান"


@pytest.fixture
def demo_year(transactional_db, settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("kormo_load_demo", verbosity=0)


def _apa(code: str) -> Plan:
    return Plan.objects.get(office__code=code, kind="apa", is_current=True, is_template=False)


def _tasks(page) -> set[str]:
    return set(page.eval_on_selector_all("[data-testid=task]",
                                         "els => els.map(e => e.dataset.task)"))


def test_each_demo_persons_home_lists_exactly_their_work(demo_year, new_page) -> None:
    review = Report.objects.get(plan=_apa("demo-rangpur"), period="Q2", state="submitted")
    expected = {
        "dg-supervisor": {f"review-{review.pk}", f"sign_supervisor-{_apa('demo-dinajpur').pk}"},
        "pirgacha-head": {f"approve-{_apa('demo-pirgacha').pk}"},
    }
    for person in PEOPLE:
        page = new_page()
        login(page, person)  # login leads to the home page
        assert _tasks(page) == expected.get(person, set()), person
        if person not in expected:
            assert page.is_visible("[data-testid=nothing-waiting]"), person
        if person == "dg-supervisor":
            shot(page, "home-dg-supervisor-bn", full_page=True)
        page.context.close()


def test_a_returned_plans_comment_shows_where_the_work_is(demo_year, new_page) -> None:
    plan = _apa("demo-pirgacha")
    head = new_page()
    login(head, "pirgacha-head")
    head.goto(f"/agreement/{plan.pk}/")
    head.fill("form[action$='/return/'] input[name=comment]", COMMENT)
    with head.expect_navigation():
        head.click("form[action$='/return/'] button")
    head.goto("/home/today/")
    assert _tasks(head) == set()

    focal = new_page()
    login(focal, "pirgacha-focal")
    assert _tasks(focal) == {f"returned-plan-{plan.pk}"}
    for url in ("/home/today/", f"/plans/{plan.pk}/", f"/agreement/{plan.pk}/",
                f"/plans/{plan.pk}/edit/"):
        focal.goto(url)
        comment = focal.locator("[data-testid=return-comment]").first
        text = comment.inner_text()
        assert COMMENT in text and "পীরগাছা অফিস প্রধান" in text, url
        assert any(ch in text for ch in "০১২৩৪৫৬৭৮৯"), url  # the day, in Bengali digits
    focal.goto(f"/plans/{plan.pk}/")
    shot(focal, "plan-returned-comment-bn")
    # The history says it in words, the head by name and post.
    focal.goto(f"/history/plans/{plan.pk}/")
    first = focal.locator("ol.history > li").first
    assert "পীরগাছা অফিস প্রধান" in first.inner_text() and COMMENT in first.inner_text()
    assert "অবস্থা" in first.locator("[data-testid=history-change]").first.inner_text()
    shot(focal, "history-bn", full_page=True)
