"""Agreements waiting for me: an office head sees what to approve and sign, a supervisor what
to sign for the supervising office; the bulk form does for each plan exactly what the single
action does, refuses what changed since the page was drawn, and never touches a foreign plan."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from kormo.agreements.selectors import plans_waiting
from kormo.agreements.services import plan_approve, plan_sign, plan_submit
from kormo.audit.models import ChangeRecord, Notice, NoticeKind
from kormo.plans.models import Party, Plan
from tests.progress.world import make_world, office_world

pytestmark = pytest.mark.django_db

WAITING = reverse("agreements:waiting")
BULK = reverse("agreements:waiting_bulk")


@pytest.fixture
def drafts():
    """Two district offices with their APA and integrity plan as drafts."""
    return make_world(sign=False)


def _submit_all(world):
    for o in world.offices.values():
        o.apa = plan_submit(plan=o.apa, actor=o.focal)
        o.integrity = plan_submit(plan=o.integrity, actor=o.focal)


def _ticks(*plans: Plan) -> list[str]:
    return [f"{p.pk}:{Plan.objects.get(pk=p.pk).lock_version}" for p in plans]


def _english(client) -> None:
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_each_person_sees_what_waits_for_them_and_nothing_else(drafts, client):
    rangpur, dinajpur = drafts.offices.values()
    assert all(not v for v in plans_waiting(rangpur.head).values())
    _submit_all(drafts)
    waiting = plans_waiting(rangpur.head)
    assert [w.plan.pk for w in waiting["approve"]] == sorted(
        [rangpur.apa.pk, rangpur.integrity.pk])
    assert not waiting["sign_office"] and not waiting["sign_supervisor"]
    # The supervisor signs only after the office head approved.
    assert all(not v for v in plans_waiting(drafts.supervisor).values())
    plan_approve(plan=rangpur.apa, actor=rangpur.head)
    assert [w.plan.pk for w in plans_waiting(drafts.supervisor)["sign_supervisor"]] == [
        rangpur.apa.pk]
    assert [w.plan.pk for w in plans_waiting(rangpur.head)["sign_office"]] == [rangpur.apa.pk]
    # Neither the focal point, the other office's head nor a stranger is asked.
    for person in (rangpur.focal, dinajpur.focal, drafts.stranger):
        assert all(not v for v in plans_waiting(person).values())
    assert [w.plan.pk for w in plans_waiting(dinajpur.head)["approve"]] == sorted(
        [dinajpur.apa.pk, dinajpur.integrity.pk])

    client.force_login(rangpur.head)
    page = client.get(WAITING).content.decode()
    assert "আমার অপেক্ষায় থাকা চুক্তি" in page and 'data-testid="waiting-sign_office"' in page
    assert f'value="{rangpur.integrity.pk}:' in page and f'value="{dinajpur.apa.pk}:' not in page


def test_bulk_approval_does_what_a_single_approval_does(drafts, client,
                                                        django_capture_on_commit_callbacks):
    rangpur, _dinajpur = drafts.offices.values()
    _submit_all(drafts)
    Notice.objects.all().delete()
    client.force_login(rangpur.head)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(BULK, {"step": "approve",
                                      "plan": _ticks(rangpur.apa, rangpur.integrity)},
                               follow=True)
    assert "অনুমোদিত: ২টি।" in _messages(response)
    for plan in (rangpur.apa, rangpur.integrity):
        row = Plan.objects.get(pk=plan.pk)
        assert (row.state, row.approved_by, row.updated_by) == (
            "approved", rangpur.head, rangpur.head)
        assert ChangeRecord.objects.filter(plan=row, action="plan.approve",
                                           actor=rangpur.head).count() == 1
    # The supervisor is told of each approval, as with the single action.
    assert Notice.objects.filter(recipient=drafts.supervisor,
                                 kind=NoticeKind.PLAN_APPROVED).count() == 2


def test_bulk_signing_by_the_supervisor_signs_every_ticked_plan(drafts, client):
    rangpur, dinajpur = drafts.offices.values()
    _submit_all(drafts)
    approved = []
    for o in (rangpur, dinajpur):
        plan = plan_approve(plan=o.apa, actor=o.head)
        approved.append(plan_sign(plan=plan, actor=o.head, party="office", name="প্রধান",
                                  post="জেলা প্রশাসক", signed_on=dt.date(2022, 6, 20)))
    client.force_login(drafts.supervisor)
    response = client.post(BULK, {"step": "sign_supervisor", "plan": _ticks(*approved),
                                  "name": "মহাপরিচালক", "post": "মহাপরিচালক",
                                  "signed_on": "২৯-০৬-২০২২"}, follow=True)
    assert "স্বাক্ষরিত: ২টি।" in _messages(response)
    for plan in approved:
        row = Plan.objects.get(pk=plan.pk)
        assert row.state == "signed"
        sig = Party.objects.get(plan=row, section="signature", role="supervisor")
        assert (sig.name, sig.post, sig.signed_on) == ("মহাপরিচালক", "মহাপরিচালক",
                                                       dt.date(2022, 6, 29))
    assert all(not v for v in plans_waiting(drafts.supervisor).values())


def test_a_bad_date_or_missing_comment_changes_nothing(drafts, client):
    rangpur, _dinajpur = drafts.offices.values()
    _submit_all(drafts)
    apa = plan_approve(plan=rangpur.apa, actor=rangpur.head)
    client.force_login(drafts.supervisor)
    before = list(Plan.objects.order_by("pk").values_list("state", "lock_version"))
    response = client.post(BULK, {"step": "sign_supervisor", "plan": _ticks(apa),
                                  "name": "ম", "post": "ম", "signed_on": "৩১-০২-২০২২"},
                           follow=True)
    assert _messages(response) and "২০২২" in _messages(response)[0]
    response = client.post(BULK, {"step": "sign_supervisor"}, follow=True)
    assert _messages(response) == ["অন্তত একটি পরিকল্পনা চিহ্নিত করুন।"]
    _english(client)
    response = client.post(BULK, {"step": "return", "plan": _ticks(apa), "comment": " "},
                           follow=True)
    assert _messages(response) == ["write why it is returned (a comment)"]
    assert list(Plan.objects.order_by("pk").values_list("state", "lock_version")) == before
    assert not Party.objects.filter(section="signature", role="supervisor").exists()


def test_a_plan_changed_since_the_page_was_drawn_is_refused_and_the_others_go_through(
        drafts, client):
    rangpur, _dinajpur = drafts.offices.values()
    _submit_all(drafts)
    ticks = _ticks(rangpur.apa, rangpur.integrity)
    # Meanwhile the APA is returned and resubmitted: its version moved on.
    from kormo.agreements.services import plan_return
    plan_return(plan=rangpur.apa, actor=rangpur.head, comment="আবার দেখুন")
    plan_submit(plan=rangpur.apa, actor=rangpur.focal)
    client.force_login(rangpur.head)
    response = client.post(BULK, {"step": "approve", "plan": ticks}, follow=True)
    shown = _messages(response)
    assert "অনুমোদিত: ১টি।" in shown
    assert any("অন্য কেউ এর মধ্যে পরিকল্পনাটি বদলেছেন" in m for m in shown)
    assert Plan.objects.get(pk=rangpur.apa.pk).state == "submitted"
    assert Plan.objects.get(pk=rangpur.integrity.pk).state == "approved"


def test_foreign_plans_are_never_touched(drafts, client):
    rangpur, dinajpur = drafts.offices.values()
    _submit_all(drafts)
    client.force_login(rangpur.head)
    before = Plan.objects.get(pk=dinajpur.apa.pk).lock_version
    response = client.post(BULK, {"step": "approve", "plan": _ticks(dinajpur.apa)},
                           follow=True)
    # Another office's plan is readable only by its own people: it is dropped unseen.
    assert _messages(response) == ["অন্তত একটি পরিকল্পনা চিহ্নিত করুন।"]
    assert Plan.objects.get(pk=dinajpur.apa.pk).lock_version == before
    # The supervisor can read it but may not approve for the office: refused, named.
    client.force_login(drafts.supervisor)
    _english(client)
    response = client.post(BULK, {"step": "approve", "plan": _ticks(dinajpur.apa)},
                           follow=True)
    assert _messages(response) == [
        f"{dinajpur.office.name} (Annual performance agreement (APA)): not allowed"]
    assert Plan.objects.get(pk=dinajpur.apa.pk).state == "submitted"


def test_the_queue_takes_the_same_queries_for_few_and_many_offices(drafts, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(WAITING).status_code == 200
        return len(ctx.captured_queries)

    _submit_all(drafts)
    for o in drafts.offices.values():
        plan_approve(plan=o.apa, actor=o.head)
    client.force_login(drafts.supervisor)
    few = count()
    for i in range(4):
        o = office_world(drafts.directorate, f"জেলা কার্যালয় {i}", drafts.supervisor,
                         sign=False)
        plan_approve(plan=plan_submit(plan=o.apa, actor=o.focal), actor=o.head)
    assert len(plans_waiting(drafts.supervisor)["sign_supervisor"]) == 6
    assert count() == few


def test_the_signature_forms_are_filled_with_the_signers_name_and_post(drafts, client):
    from kormo.offices.models import Membership, Role

    rangpur, _dinajpur = drafts.offices.values()
    _submit_all(drafts)
    plan_approve(plan=rangpur.apa, actor=rangpur.head)
    Membership.objects.filter(user=rangpur.head, role=Role.OFFICE_HEAD).update(
        post="জেলা প্রশাসক")
    Membership.objects.filter(user=drafts.supervisor).update(post="মহাপরিচালক")
    rangpur.head.first_name = "রহিম"
    rangpur.head.save()
    client.force_login(rangpur.head)
    page = client.get(WAITING).content.decode()
    assert 'value="রহিম"' in page and 'value="জেলা প্রশাসক"' in page
    page = client.get(reverse("agreements:detail", args=[rangpur.apa.pk])).content.decode()
    assert 'value="জেলা প্রশাসক" data-testid="sign-post"' in page
    client.force_login(drafts.supervisor)
    page = client.get(reverse("agreements:detail", args=[rangpur.apa.pk])).content.decode()
    assert 'value="মহাপরিচালক" data-testid="sign-post"' in page
