"""Change history (who, when, before, after, reason; every version of a plan) and notices
(in the app with an unread count, and by e-mail after the change commits)."""

from __future__ import annotations

import pytest
from django.core import mail

from kormo.agreements.services import plan_revise
from kormo.audit.models import ChangeRecord, Notice, NoticeKind
from kormo.audit.selectors import notice_list_for_user, notice_unread_count
from kormo.audit.services import notice_mark_read, notice_send
from kormo.plans.selectors import history_for_plan
from kormo.progress.services import progress_record

pytestmark = pytest.mark.django_db


def test_history_covers_every_version_of_a_plan_newest_first(world, rangpur):
    progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                    actor=rangpur.focal, text="২৫")
    new = plan_revise(plan=rangpur.apa, actor=rangpur.focal, reason="লক্ষ্যমাত্রা পরিবর্তন")
    actions = [r.action for r in history_for_plan(plan=new)]
    assert actions[0] == "plan.revision_created"
    assert set(actions[1:3]) == {"plan.revise", "progress.copy_to_revision"}
    assert actions[-1] == "plan.submit"  # the first change of the signed version
    assert actions.count("plan.sign") == 2 and "progress.record" in actions
    assert [r.action for r in history_for_plan(plan=rangpur.apa)] == actions
    record = ChangeRecord.objects.get(action="plan.revise")
    assert (record.actor_name, record.reason, record.before["is_current"],
            record.after["is_current"]) == (rangpur.focal.username, "লক্ষ্যমাত্রা পরিবর্তন",
                                            True, False)


def test_the_history_page_is_readable_on_the_plan_and_refused_to_strangers(client, world,
                                                                          rangpur):
    progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                    actor=rangpur.focal, text="২৫", remarks="প্রথম")
    client.force_login(world.supervisor)
    page = client.get(f"/history/plans/{rangpur.apa.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-action="progress.record"' in html and rangpur.focal.username in html
    client.force_login(world.stranger)
    assert client.get(f"/history/plans/{rangpur.apa.pk}/").status_code == 404


def test_notices_unread_count_and_mail_after_commit(world, rangpur,
                                                    django_capture_on_commit_callbacks):
    mail.outbox.clear()
    Notice.objects.all().delete()  # those of setting up the world
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notice_send(recipients=[rangpur.focal, rangpur.head, rangpur.focal],
                    kind=NoticeKind.REPORT_RETURNED, text_bn="ফেরত", text_en="returned",
                    plan=rangpur.apa, exclude=rangpur.head)
    assert mail.outbox == []  # nothing is mailed before the change commits
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [[rangpur.focal.email]]
    assert notice_unread_count(user=rangpur.focal) == 1
    assert notice_unread_count(user=rangpur.head) == 0
    notice = notice_list_for_user(user=rangpur.focal).get()
    with pytest.raises(Notice.DoesNotExist):
        notice_mark_read(notice=notice, actor=rangpur.head)
    notice_mark_read(notice=notice, actor=rangpur.focal)
    assert notice_unread_count(user=rangpur.focal) == 0


def test_a_rolled_back_change_sends_no_mail_and_leaves_no_notice(world, rangpur,
                                                                 django_capture_on_commit_callbacks):
    from django.db import transaction

    mail.outbox.clear()
    Notice.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notice_send(recipients=[rangpur.focal], kind=NoticeKind.REPORT_RETURNED,
                            text_bn="ফেরত", text_en="returned")
                raise RuntimeError("refused later in the same service")
        except RuntimeError:
            pass
    assert mail.outbox == [] and Notice.objects.filter(recipient=rangpur.focal).count() == 0


def test_notice_pages(client, world, rangpur):
    Notice.objects.all().delete()
    notice_send(recipients=[rangpur.focal], kind=NoticeKind.REPORT_RETURNED,
                text_bn="প্রতিবেদন ফেরত", text_en="report returned",
                url=f"/progress/plans/{rangpur.apa.pk}/")
    client.force_login(rangpur.focal)
    assert "প্রতিবেদন ফেরত" in client.get("/notices/").content.decode()
    assert 'data-testid="unread"' in client.get("/notices/count/").content.decode()
    notice = Notice.objects.get(recipient=rangpur.focal)
    response = client.post("/notices/read/", {"notice_id": notice.pk})
    assert response.status_code == 302 and response["Location"] == notice.url
    assert notice_unread_count(user=rangpur.focal) == 0
    client.force_login(rangpur.head)  # another person's notice is not theirs to open
    response = client.post("/notices/read/", {"notice_id": notice.pk})
    assert response["Location"] == "/notices/"
