"""The gate for reports (`kormo.progress.access`): a report is reached through its plan's
office, one id or a whole queue, by the same rule as plans."""

from __future__ import annotations

import pytest

from kormo.offices.access import AccessDenied, Action
from kormo.progress.access import access_report, reports_for_action
from kormo.progress.services import report_get_or_create

pytestmark = pytest.mark.django_db


def test_a_report_is_reached_as_its_plan_is(world, rangpur, dinajpur):
    mine = report_get_or_create(plan=rangpur.apa, period="Q1", actor=rangpur.focal)
    theirs = report_get_or_create(plan=dinajpur.apa, period="Q1", actor=dinajpur.focal)
    assert access_report(rangpur.focal, mine.pk, Action.WRITE) == mine
    for bad in (theirs.pk, "999999", "abc", "", None):
        with pytest.raises(AccessDenied):
            access_report(rangpur.focal, bad)
    with pytest.raises(AccessDenied):  # the office's own focal point does not review it
        access_report(rangpur.focal, mine.pk, Action.REVIEW)
    # The supervisor above reviews both offices' reports, and the queue says the same.
    assert access_report(world.supervisor, theirs.pk, Action.REVIEW) == theirs
    assert set(reports_for_action(world.supervisor, Action.REVIEW)) >= {mine, theirs}
    assert mine in set(reports_for_action(rangpur.focal, Action.WRITE))
    assert theirs not in set(reports_for_action(rangpur.focal, Action.READ))
