"""The home page lists exactly each demo person's pending work, with a returned plan's comment,
who returned it (name and post) and when; its query count does not grow with the plans."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from kormo.agreements.services import plan_return
from kormo.home.selectors import home_for
from kormo.plans.models import Plan

pytestmark = pytest.mark.django_db

PEOPLE = ("admin", "dg-supervisor", "rangpur-focal", "rangpur-head", "pirgacha-focal",
          "pirgacha-head", "dinajpur-focal", "dinajpur-head", "kaliganj-focal")


def tasks(username: str) -> set[str]:
    """The home's tasks as the page names them (data-task)."""
    home = home_for(get_user_model().objects.get(username=username))
    out = {f"returned-plan-{r.plan.office.code}" for r in home.returned_plans}
    out |= {f"returned-report-{r.plan.office.code}-{r.period}" for r in home.returned_reports}
    out |= {f"{step}-{w.plan.office.code}-{w.plan.kind}" for step, items in home.waiting.items()
            for w in items}
    out |= {f"review-{r.plan.office.code}-{r.period}" for r in home.to_review}
    out |= {f"due-{d.plan.office.code}-{d.period}" for d in home.due}
    return out


@pytest.fixture
def demo_year(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("kormo_load_demo", verbosity=0)


def test_each_demo_person_sees_exactly_their_pending_work(demo_year) -> None:
    expected = {
        "dg-supervisor": {"review-demo-rangpur-Q2", "sign_supervisor-demo-dinajpur-apa"},
        "pirgacha-head": {"approve-demo-pirgacha-apa"},
    }
    for person in PEOPLE:
        assert tasks(person) == expected.get(person, set()), person
    # The head returns Pirgacha's APA: it moves to the focal point, with the comment.
    pirgacha = Plan.objects.get(office__code="demo-pirgacha", kind="apa", is_current=True,
                                is_template=False)
    head = get_user_model().objects.get(username="pirgacha-head")
    plan_return(plan=pirgacha, actor=head, comment="[১.২.১] এর লক্ষ্যমাত্রা বাড়ান")
    assert tasks("pirgacha-head") == set()
    assert tasks("pirgacha-focal") == {"returned-plan-demo-pirgacha"}
    why = home_for(get_user_model().objects.get(username="pirgacha-focal")).returned_plans[0].why
    assert why.comment == "[১.২.১] এর লক্ষ্যমাত্রা বাড়ান"
    assert why.by_name == "পীরগাছা অফিস প্রধান" and why.by_post


def test_login_leads_to_the_home_page(demo_year) -> None:
    client = Client()
    response = client.post(reverse("login"), {"username": "dg-supervisor",
                                              "password": "kormo-demo"})
    assert response["Location"] == reverse("home:today")
    page = client.get(reverse("home:today")).content.decode()
    assert "পর্যালোচনার অপেক্ষায় প্রতিবেদন" in page
    assert 'data-testid="home-sign_supervisor"' in page
