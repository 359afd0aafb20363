"""The agreement: submit, return, approve, sign, revise and compare (agreements/services.py,
agreements/rules.py).

Each transition is tested for success, refusal of the wrong person (a 404), refusal in the
wrong state, and that a refused call changed nothing (exact rows)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail

from kormo.agreements.errors import AgreementError, AgreementErrorCode
from kormo.agreements.selectors import plan_compare, plan_versions
from kormo.agreements.services import (
    plan_approve,
    plan_ensure_editable,
    plan_is_editable,
    plan_return,
    plan_revise,
    plan_sign,
    plan_submit,
    plans_bulk,
)
from kormo.audit.models import ChangeRecord, Notice, NoticeKind
from kormo.domain.diff import diff_plans
from kormo.offices.access import AccessDenied
from kormo.plans import models as m
from kormo.plans.convert import plan_to_domain
from kormo.progress.services import progress_record
from tests.progress import builders
from tests.progress.world import make_world
from tests.world import PASSWORD, SIGNED_ON, save_as_current

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    world = make_world("জেলা কার্যালয়, রংপুর", sign=False)
    return world, world.offices["জেলা কার্যালয়, রংপুর"]


def _row(plan):
    return m.Plan.objects.values(
        "state", "lock_version", "submitted_by", "approved_by", "is_current", "revision",
        "submitted_at", "approved_at", "signed_at").get(pk=plan.pk)


def _signatures(plan):
    return list(m.Party.objects.filter(plan=plan, section="signature").order_by("position")
                .values_list("role", "name", "post", "signed_on"))


def test_submit_moves_to_submitted_stamps_records_and_tells_the_office_head(
        draft, django_capture_on_commit_callbacks):
    _world, o = draft
    with django_capture_on_commit_callbacks(execute=True):
        plan = plan_submit(plan=o.apa, actor=o.focal)
    row = _row(plan)
    assert (row["state"], row["submitted_by"], row["lock_version"]) == ("submitted",
                                                                         o.focal.pk, 1)
    assert row["submitted_at"] is not None
    record = ChangeRecord.objects.get(action="plan.submit")
    assert (record.actor, record.plan_id, record.before["state"], record.after["state"]) == (
        o.focal, plan.pk, "draft", "submitted")
    notice = Notice.objects.get()
    assert (notice.recipient, notice.kind) == (o.head, NoticeKind.PLAN_SUBMITTED)
    assert [msg.to for msg in mail.outbox] == [[o.head.email]]


def _plan_deadlines() -> None:
    """The year's plan_submission deadlines, upazila first (DOMAIN.md "Calendar seen")."""
    from kormo.years.models import Deadline, FiscalYearSetup

    year = FiscalYearSetup.objects.create(fiscal_year="2022-23")
    for tier, due in (("upazila", dt.date(2022, 6, 1)), ("district", dt.date(2022, 6, 15)),
                      ("", dt.date(2022, 6, 30))):
        Deadline.objects.create(year=year, event="plan_submission", tier=tier, due_on=due)


def _at(y, m, d):
    from zoneinfo import ZoneInfo

    return dt.datetime(y, m, d, 12, tzinfo=ZoneInfo("Asia/Dhaka"))


def test_a_plan_submitted_after_its_tiers_deadline_is_late_and_stays_late(
        draft, django_capture_on_commit_callbacks):
    _world, o = draft
    _plan_deadlines()
    with django_capture_on_commit_callbacks(execute=True):
        plan = plan_submit(plan=o.apa, actor=o.focal, now=_at(2022, 6, 20))
    assert (plan.submitted_late, plan.submitted_at) == (True, _at(2022, 6, 20))
    assert m.Plan.objects.get(pk=plan.pk).submitted_late is True
    record = ChangeRecord.objects.get(action="plan.submit")
    assert (record.after["submitted_late"], record.after["due_on"]) == (True, "2022-06-15")
    notice = Notice.objects.get()
    assert notice.text_bn.endswith("অনুমোদনের জন্য জমা দেওয়া হয়েছে (দেরিতে)")
    assert notice.text_en.endswith("submitted for your approval (late)")
    # A resubmission after a return keeps the first judgement, as reports do.
    plan = plan_return(plan=plan, actor=o.head, comment="লক্ষ্যমাত্রা বাড়ান")
    plan = plan_submit(plan=plan, actor=o.focal, now=_at(2022, 6, 10))
    assert plan.submitted_late is True
    # The integrity plan, in time: not late.
    nis = plan_submit(plan=o.integrity, actor=o.focal, now=_at(2022, 6, 15))
    assert nis.submitted_late is False
    assert ChangeRecord.objects.filter(plan=nis).get().after["submitted_late"] is False


def test_plan_deadlines_are_per_tier(draft):
    from kormo.domain.plan import Tier
    from tests.progress.world import office_world

    world, o = draft
    _plan_deadlines()
    upazila = office_world(o.office, "উপজেলা কার্যালয়, পীরগাছা", world.supervisor, sign=False,
                           tier=Tier.UPAZILA)
    late = plan_submit(plan=upazila.apa, actor=upazila.focal, now=_at(2022, 6, 5))
    on_time = plan_submit(plan=o.apa, actor=o.focal, now=_at(2022, 6, 5))
    assert (late.submitted_late, on_time.submitted_late) == (True, False)


def test_a_plan_cannot_be_submitted_before_its_tiers_window_opens(draft):
    from kormo.years.models import Deadline

    _world, o = draft
    _plan_deadlines()
    Deadline.objects.filter(tier="district").update(opens_on=dt.date(2022, 5, 20))
    with pytest.raises(AgreementError) as refused:
        plan_submit(plan=o.apa, actor=o.focal, now=_at(2022, 5, 19))
    assert refused.value.code is AgreementErrorCode.WINDOW_NOT_OPEN
    assert "২০" in refused.value.bn and "মে" in refused.value.bn
    assert "20 May 2022" in refused.value.en
    # Nothing was half-done: still a draft, no history, no notice.
    assert _row(o.apa)["state"] == "draft" and _row(o.apa)["submitted_at"] is None
    assert not ChangeRecord.objects.filter(action="plan.submit").exists()
    assert not Notice.objects.exists()
    # On the opening day it goes through; a resubmission after a return is not judged again.
    plan = plan_submit(plan=o.apa, actor=o.focal, now=_at(2022, 5, 20))
    assert (plan.state, plan.submitted_late) == ("submitted", False)
    plan = plan_return(plan=plan, actor=o.head, comment="লক্ষ্যমাত্রা বাড়ান")
    assert plan_submit(plan=plan, actor=o.focal, now=_at(2022, 5, 19)).state == "submitted"


def test_without_a_deadline_nothing_is_late(draft):
    _world, o = draft
    plan = plan_submit(plan=o.apa, actor=o.focal, now=_at(2030, 1, 1))
    assert plan.submitted_late is False
    assert "due_on" not in ChangeRecord.objects.get(action="plan.submit").after


def test_the_agreement_page_shows_a_late_submission(draft, client):
    _world, o = draft
    _plan_deadlines()
    plan_submit(plan=o.apa, actor=o.focal, now=_at(2022, 7, 1))
    plan_submit(plan=o.integrity, actor=o.focal, now=_at(2022, 6, 1))
    client.login(username=o.focal.username, password=PASSWORD)
    from django.urls import reverse

    late = client.get(reverse("agreements:detail", args=[o.apa.pk])).content.decode()
    in_time = client.get(reverse("agreements:detail", args=[o.integrity.pk])).content.decode()
    assert 'data-testid="plan-late"' in late
    assert 'data-testid="plan-late"' not in in_time


def test_a_stranger_or_the_office_head_cannot_submit_and_nothing_changes(draft):
    world, o = draft
    before = _row(o.apa)
    for person in (world.stranger, o.head, world.supervisor):
        with pytest.raises(AccessDenied):
            plan_submit(plan=o.apa, actor=person)
    assert _row(o.apa) == before
    assert ChangeRecord.objects.filter(plan=o.apa).count() == 0
    assert Notice.objects.count() == 0


def test_a_plan_with_errors_cannot_be_submitted(draft):
    _world, o = draft
    import dataclasses

    broken = dataclasses.replace(builders.apa("ভাঙা অফিস"), id="broken")
    area = dataclasses.replace(broken.areas[0], weight=Decimal(41))  # weights no longer add up
    broken = dataclasses.replace(broken, areas=(area, *broken.areas[1:]))
    plan = save_as_current(plan=broken, office=o.office)
    with pytest.raises(AgreementError) as err:
        plan_submit(plan=plan, actor=o.focal)
    assert err.value.code is AgreementErrorCode.FINDINGS_BLOCK
    assert {f.code.value for f in err.value.findings} == {"AREA_WEIGHT_MISMATCH",
                                                          "PLAN_WEIGHT_MISMATCH"}
    assert _row(plan)["state"] == "draft"
    assert ChangeRecord.objects.filter(plan=plan).count() == 0


def test_submit_twice_is_a_state_error(draft):
    _world, o = draft
    plan_submit(plan=o.apa, actor=o.focal)
    with pytest.raises(AgreementError) as err:
        plan_submit(plan=o.apa, actor=o.focal)
    assert err.value.code is AgreementErrorCode.WRONG_STATE
    assert _row(o.apa)["lock_version"] == 1


def test_a_stale_version_is_refused(draft):
    _world, o = draft
    with pytest.raises(AgreementError) as err:
        plan_submit(plan=o.apa, actor=o.focal, expected_version=7)
    assert err.value.code is AgreementErrorCode.STALE_VERSION
    assert _row(o.apa)["state"] == "draft"


def test_return_needs_a_comment_and_goes_back_to_the_focal_point(draft):
    _world, o = draft
    plan_submit(plan=o.apa, actor=o.focal)
    with pytest.raises(AgreementError) as err:
        plan_return(plan=o.apa, actor=o.head, comment="  ")
    assert err.value.code is AgreementErrorCode.COMMENT_REQUIRED
    assert _row(o.apa)["state"] == "submitted"
    with pytest.raises(AccessDenied):
        plan_return(plan=o.apa, actor=o.focal, comment="নিজে ফেরত")
    plan = plan_return(plan=o.apa, actor=o.head, comment="লক্ষ্যমাত্রা বাড়ান")
    assert _row(plan)["state"] == "returned"
    assert ChangeRecord.objects.get(action="plan.return").reason == "লক্ষ্যমাত্রা বাড়ান"
    notice = Notice.objects.get(kind=NoticeKind.PLAN_RETURNED)
    assert notice.recipient == o.focal and "লক্ষ্যমাত্রা বাড়ান" in notice.text_bn
    assert plan_is_editable(plan)
    assert _row(plan_submit(plan=plan, actor=o.focal))["state"] == "submitted"


def test_approve_then_both_parties_sign_as_in_seed_000(draft):
    world, o = draft
    plan_submit(plan=o.apa, actor=o.focal)
    with pytest.raises(AccessDenied):
        plan_approve(plan=o.apa, actor=o.focal)
    plan = plan_approve(plan=o.apa, actor=o.head)
    assert (_row(plan)["state"], _row(plan)["approved_by"]) == ("approved", o.head.pk)
    with pytest.raises(AccessDenied):  # the supervisor does not sign for the office
        plan_sign(plan=plan, actor=world.supervisor, party="office", name="X", post="Y",
                  signed_on=SIGNED_ON)
    with pytest.raises(AccessDenied):  # nor the office head for the supervising office
        plan_sign(plan=plan, actor=o.head, party="supervisor", name="X", post="Y",
                  signed_on=SIGNED_ON)
    plan = plan_sign(plan=plan, actor=o.head, party="office", name="মোঃ রহিম",
                     post="প্রোগ্রামার", signed_on=SIGNED_ON)
    assert _row(plan)["state"] == "approved"
    with pytest.raises(AgreementError) as err:
        plan_sign(plan=plan, actor=o.head, party="office", name="মোঃ রহিম",
                  post="প্রোগ্রামার", signed_on=SIGNED_ON)
    assert err.value.code is AgreementErrorCode.ALREADY_SIGNED
    plan = plan_sign(plan=plan, actor=world.supervisor, party="supervisor", name="মহাপরিচালক",
                     post="মহাপরিচালক", signed_on=SIGNED_ON)
    assert _row(plan)["state"] == "signed" and _row(plan)["signed_at"] is not None
    assert _signatures(plan) == [
        ("office", "মোঃ রহিম", "প্রোগ্রামার", SIGNED_ON),
        ("supervisor", "মহাপরিচালক", "মহাপরিচালক", SIGNED_ON),
    ]
    domain = plan_to_domain(plan.pk)
    assert [(s.role, s.party.office) for s in domain.signatures] == [
        ("office", "জেলা কার্যালয়, রংপুর"), ("supervisor", "অধিদপ্তর")]


def test_signing_needs_an_approved_plan_and_a_named_signer(draft):
    _world, o = draft
    with pytest.raises(AgreementError) as err:
        plan_sign(plan=o.apa, actor=o.head, party="office", name="X", post="Y",
                  signed_on=SIGNED_ON)
    assert err.value.code is AgreementErrorCode.WRONG_STATE
    plan_submit(plan=o.apa, actor=o.focal)
    plan_approve(plan=o.apa, actor=o.head)
    with pytest.raises(AgreementError) as err:
        plan_sign(plan=o.apa, actor=o.head, party="office", name=" ", post="Y",
                  signed_on=SIGNED_ON)
    assert err.value.code is AgreementErrorCode.SIGNER_REQUIRED
    with pytest.raises(AgreementError) as err:
        plan_sign(plan=o.apa, actor=o.head, party="witness", name="X", post="Y",
                  signed_on=SIGNED_ON)
    assert err.value.code is AgreementErrorCode.BAD_PARTY
    assert _signatures(o.apa) == []


def test_approval_withdraws_signatures_that_came_with_an_imported_file(draft):
    _world, o = draft
    import dataclasses

    from kormo.domain.plan import Party, Signature

    signed_file = dataclasses.replace(
        builders.apa("স্বাক্ষরসহ"), id="with-signatures",
        signatures=(Signature(Party("প্রোগ্রামার", "স্বাক্ষরসহ"), SIGNED_ON, "office"),
                    Signature(Party("মহাপরিচালক", "অধিদপ্তর"), SIGNED_ON, "supervisor")))
    plan = save_as_current(plan=signed_file, office=o.office)
    plan_submit(plan=plan, actor=o.focal)
    plan = plan_approve(plan=plan, actor=o.head)
    assert _signatures(plan) == []
    assert len(ChangeRecord.objects.get(action="plan.approve").before["signatures"]) == 2
    plan = plan_sign(plan=plan, actor=o.head, party="office", name="A", post="B",
                     signed_on=SIGNED_ON)
    assert _row(plan)["state"] == "approved"  # one signature is not an agreement


def test_a_signed_plan_cannot_be_edited():
    world = make_world("জেলা কার্যালয়, রংপুর")
    o = world.offices["জেলা কার্যালয়, রংপুর"]
    assert o.apa.state == "signed"
    with pytest.raises(AgreementError) as err:
        plan_ensure_editable(o.apa)
    assert err.value.code is AgreementErrorCode.PLAN_LOCKED
    assert not plan_is_editable(o.apa)


def test_the_web_edit_services_refuse_a_signed_plan():
    """Every edit service must refuse a signed plan: the authoring services of the pages too."""
    from kormo.plans.authoring import PlanNotEditable, plan_save_sections, plan_save_table

    world = make_world("জেলা কার্যালয়, রংপুর")
    o = world.offices["জেলা কার্যালয়, রংপুর"]
    before, version = plan_to_domain(o.apa.pk), o.apa.lock_version
    with pytest.raises(PlanNotEditable):
        plan_save_table(plan=o.apa, rows=[], expected_lock_version=version, actor=o.focal)
    with pytest.raises(PlanNotEditable):
        plan_save_sections(plan=o.apa, sections={}, expected_lock_version=version,
                           actor=o.focal)
    assert plan_to_domain(o.apa.pk) == before
    assert m.Plan.objects.get(pk=o.apa.pk).lock_version == version


def test_revise_creates_a_current_draft_version_with_the_progress_and_keeps_the_old_one():
    world = make_world("জেলা কার্যালয়, রংপুর")
    o = world.offices["জেলা কার্যালয়, রংপুর"]
    progress_record(plan=o.apa, indicator_ref="1.1.1", quarter="Q1", actor=o.focal, text="২৫")
    with pytest.raises(AgreementError) as err:
        plan_revise(plan=o.apa, actor=o.focal, reason=" ")
    assert err.value.code is AgreementErrorCode.REASON_REQUIRED
    with pytest.raises(AccessDenied):
        plan_revise(plan=o.apa, actor=world.supervisor, reason="কেন")
    new = plan_revise(plan=o.apa, actor=o.focal, reason="বাজেট কমেছে")
    old = m.Plan.objects.get(pk=o.apa.pk)
    assert (old.is_current, old.state, new.is_current, new.state) == (False, "signed", True,
                                                                      "draft")
    assert (new.revision, new.revision_of_id, new.revision_reason) == (2, old.pk, "বাজেট কমেছে")
    assert _signatures(new) == [] and len(_signatures(old)) == 2
    # Progress came along: the effective value and the reported one.
    assert plan_to_domain(new.pk).progress == plan_to_domain(old.pk).progress
    from kormo.progress.models import ReportedValue

    assert ReportedValue.objects.filter(plan=new).count() == 1
    assert [p.pk for p in plan_versions(new)] == [old.pk, new.pk]
    with pytest.raises(AgreementError) as err:  # the old version stays read-only
        plan_revise(plan=old, actor=o.focal, reason="আবার")
    assert err.value.code is AgreementErrorCode.NOT_CURRENT
    # The revision goes the same way: submit, approve, both sign.
    new = plan_submit(plan=new, actor=o.focal)
    new = plan_approve(plan=new, actor=o.head)
    new = plan_sign(plan=new, actor=o.head, party="office", name="A", post="B",
                    signed_on=dt.date(2023, 1, 10))
    new = plan_sign(plan=new, actor=world.supervisor, party="supervisor", name="C", post="D",
                    signed_on=dt.date(2023, 1, 11))
    assert new.state == "signed"


def test_compare_names_added_removed_and_changed_indicators():
    import dataclasses

    a = builders.apa("তুলনা")
    area = a.areas[0]
    activity = area.activities[0]
    changed = dataclasses.replace(activity.indicators[0], weight=Decimal(15),
                                  name="প্রশিক্ষণার্থী (নতুন)")
    added = dataclasses.replace(activity.indicators[1], number="1.1.3", name="নতুন সূচক")
    b_area = dataclasses.replace(area, activities=(
        dataclasses.replace(activity, indicators=(changed, added)), *area.activities[1:]))
    b = dataclasses.replace(a, title="সংশোধিত", areas=(b_area, *a.areas[1:]))
    diff = diff_plans(a, b)
    assert [(c.field, c.before, c.after) for c in diff.plan_fields] == [
        ("title", "বার্ষিক কর্মসম্পাদন চুক্তি", "সংশোধিত")]
    assert [i.key for i in diff.indicators_added] == ["1.1.3"]
    assert [i.key for i in diff.indicators_removed] == ["1.1.2"]
    assert [(i.key, [(c.field, c.before, c.after) for c in i.changes])
            for i in diff.indicators_changed] == [
        ("1.1.1", [("name", "প্রশিক্ষণার্থী", "প্রশিক্ষণার্থী (নতুন)"), ("weight", "20", "15")])]
    assert not diff.is_empty and diff_plans(a, a).is_empty


def test_compare_two_stored_versions():
    world = make_world("জেলা কার্যালয়, রংপুর")
    o = world.offices["জেলা কার্যালয়, রংপুর"]
    new = plan_revise(plan=o.apa, actor=o.focal, reason="কারণ")
    assert plan_compare(o.apa, new).is_empty


def test_bulk_approve_calls_the_same_function_for_each_plan(draft):
    _world, o = draft
    plan_submit(plan=o.apa, actor=o.focal)  # the integrity plan stays a draft
    result = plans_bulk(plan_approve, plans=[o.apa, o.integrity], actor=o.head)
    assert [p.pk for p in result.done] == [o.apa.pk]
    assert [(p.pk, e.code) for p, e in result.refused] == [
        (o.integrity.pk, AgreementErrorCode.WRONG_STATE)]
    assert _row(o.apa)["approved_by"] == o.head.pk
    assert ChangeRecord.objects.filter(action="plan.approve").count() == 1
