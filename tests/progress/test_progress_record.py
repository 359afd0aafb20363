"""progress_record: the focal point enters a quarter's achievement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kormo.audit.models import ChangeRecord
from kormo.domain.errors import InputError
from kormo.domain.plan import ProgressValue, Quarter
from kormo.domain.values import Blank, DateValue, Number, Percent
from kormo.offices.access import AccessDenied
from kormo.plans import models as m
from kormo.plans.convert import plan_to_domain
from kormo.progress.errors import ProgressError, ProgressErrorCode
from kormo.progress.models import Report, ReportedValue
from kormo.progress.services import progress_record, report_submit

pytestmark = pytest.mark.django_db


def _progress(plan):
    return plan_to_domain(plan.pk).progress


def _progress_of_every_plan():
    return [pv for pk in m.Plan.objects.order_by("pk").values_list("pk", flat=True)
            for pv in plan_to_domain(pk).progress]


def _rows():
    return (list(ReportedValue.objects.values_list("indicator_ref", "quarter", "reported_kind",
                                                   "reported_number", "lock_version")),
            _progress_of_every_plan(),
            # (the world's own history: its plans and the people's roles)
            ChangeRecord.objects.exclude(action__startswith="plan.")
            .exclude(action__startswith="membership.").count())


@pytest.mark.parametrize(("ref", "text", "expected"), [
    ("1.1.1", "২৫", Number(Decimal(25))),
    ("1.1.1", "25", Number(Decimal(25))),
    ("1.1.2", "৯২.৫", Percent(Decimal("92.5"))),
    ("1.1.2", "৯২%", Percent(Decimal(92))),
    ("1.2.1", "১০.১২.২০২২", DateValue(dt.date(2022, 12, 10))),
    ("1.1.1", "-", Blank("-")),
])
def test_typed_values_in_bengali_or_latin_digits(rangpur, ref, text, expected):
    rv = progress_record(plan=rangpur.apa, indicator_ref=ref, quarter="Q1",
                         actor=rangpur.focal, text=text, remarks="মন্তব্য")
    assert rv.lock_version == 1 and rv.created_by == rangpur.focal
    assert _progress(rangpur.apa) == (ProgressValue(ref, Quarter.Q1, expected,
                                                    remarks="মন্তব্য"),)
    record = ChangeRecord.objects.get(action="progress.record")
    assert (record.before, record.after["reported"], record.object_label) == (
        None, _json(expected), f"{ref} Q1")


def _json(value):
    from kormo.audit.services import jsonable

    return jsonable(value)


def test_a_value_that_does_not_fit_the_unit_is_refused(rangpur):
    with pytest.raises(ProgressError) as err:
        progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                        actor=rangpur.focal, text="১২.১২.২০২২")
    assert err.value.code is ProgressErrorCode.VALUE_UNIT_MISMATCH
    with pytest.raises(InputError):
        progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                        actor=rangpur.focal, text="অনেক")
    assert _rows() == ([], [], 0)
    assert Report.objects.count() == 0  # the draft report was not left behind either


def test_the_derived_enothi_rate_is_computed_from_its_inputs_as_in_seed_004(rangpur):
    inputs = {"e_disposals": "২২৩৬", **{f"hard_files_branch_{i}": v for i, v in enumerate(
        ["328", "54", "65", "127", "110", "191", "57", "70", "12", "59", "297", "69"], 1)}}
    rv = progress_record(plan=rangpur.apa, indicator_ref="2.1.1", quarter="Q2",
                         actor=rangpur.focal, inputs=inputs)
    assert (rv.reported_kind, rv.reported_number) == ("percent", Decimal("60.843537"))
    (pv,) = _progress(rangpur.apa)
    assert dict(pv.inputs)["e_disposals"] == Decimal(2236)
    assert sum(v for k, v in pv.inputs if k.startswith("hard")) == Decimal(1439)
    from kormo.domain.scoring import annual_achievement

    ind = plan_to_domain(rangpur.apa.pk).indicator("2.1.1")
    assert float(annual_achievement(ind, [pv]).value.value) == pytest.approx(
        2236 / (2236 + 1439) * 100)


def test_bad_inputs_are_refused(rangpur):
    with pytest.raises(ProgressError) as err:
        progress_record(plan=rangpur.apa, indicator_ref="2.1.1", quarter="Q2",
                        actor=rangpur.focal, inputs={"e_disposals": "-5"})
    assert err.value.code is ProgressErrorCode.BAD_INPUTS
    assert _rows() == ([], [], 0)


def test_governance_indicators_are_computed_never_typed(rangpur):
    with pytest.raises(ProgressError) as err:
        progress_record(plan=rangpur.apa, indicator_ref="G1.1.1", quarter="Q1",
                        actor=rangpur.focal, text="৮")
    assert err.value.code is ProgressErrorCode.COMPUTED_INDICATOR
    with pytest.raises(ProgressError) as err:
        progress_record(plan=rangpur.apa, indicator_ref="9.9.9", quarter="Q1",
                        actor=rangpur.focal, text="৮")
    assert err.value.code is ProgressErrorCode.UNKNOWN_INDICATOR


def test_only_the_office_focal_point_reports(world, rangpur, dinajpur):
    for person in (world.stranger, world.supervisor, rangpur.head, dinajpur.focal):
        with pytest.raises(AccessDenied):
            progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                            actor=person, text="২৫")
    assert _rows() == ([], [], 0)


def test_no_progress_on_a_plan_that_is_not_signed():
    from tests.progress.world import make_world

    world = make_world("খসড়া অফিস", sign=False)
    o = world.offices["খসড়া অফিস"]
    with pytest.raises(ProgressError) as err:
        progress_record(plan=o.apa, indicator_ref="1.1.1", quarter="Q1", actor=o.focal,
                        text="২৫")
    assert err.value.code is ProgressErrorCode.PLAN_NOT_IN_FORCE
    assert _rows() == ([], [], 0)


def test_a_reported_value_changes_only_with_a_reason_which_is_kept(rangpur):
    rv = progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                         actor=rangpur.focal, text="২০")
    rv = progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                         actor=rangpur.focal, text="২২")  # a draft: no reason needed
    assert rv.lock_version == 2
    report = Report.objects.get(plan=rangpur.apa, period="Q1")
    report_submit(report=report, actor=rangpur.focal)
    Report.objects.filter(pk=report.pk).update(state="returned")  # as if returned
    with pytest.raises(ProgressError) as err:
        progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                        actor=rangpur.focal, text="২৫")
    assert err.value.code is ProgressErrorCode.REASON_REQUIRED
    assert ReportedValue.objects.get().reported_number == Decimal(22)
    progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                    actor=rangpur.focal, text="২৫", reason="হাজিরা খাতা আবার গোনা হয়েছে")
    record = ChangeRecord.objects.filter(action="progress.record").order_by("-pk").first()
    assert (record.reason, record.before["reported"], record.after["reported"]) == (
        "হাজিরা খাতা আবার গোনা হয়েছে", "22", "25")
    assert ReportedValue.objects.get().change_reason == "হাজিরা খাতা আবার গোনা হয়েছে"


def test_a_submitted_report_cannot_be_changed(rangpur):
    progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                    actor=rangpur.focal, text="২০")
    report_submit(report=Report.objects.get(), actor=rangpur.focal)
    before = _rows()
    with pytest.raises(ProgressError) as err:
        progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                        actor=rangpur.focal, text="২৫", reason="ভুল")
    assert err.value.code is ProgressErrorCode.REPORT_LOCKED
    assert _rows() == before


def test_two_people_saving_the_same_value_the_later_is_refused_and_nothing_is_lost(
        rangpur):
    from kormo.offices.models import Role
    from kormo.offices.services import membership_grant
    from tests.world import person

    second = person("second-focal")
    membership_grant(user=second, office=rangpur.office, role=Role.FOCAL_POINT)
    # Both opened the form on an empty cell (version 0).
    progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                    actor=rangpur.focal, text="২০", expected_version=0)
    before = _rows()
    with pytest.raises(ProgressError) as err:
        progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                        actor=second, text="৩০", expected_version=0)
    assert err.value.code is ProgressErrorCode.STALE_VERSION
    assert _rows() == before
    # Both opened the form at version 1; the first save wins, the second is refused.
    progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                    actor=second, text="২১", expected_version=1)
    before = _rows()
    with pytest.raises(ProgressError) as err:
        progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                        actor=rangpur.focal, text="২২", expected_version=1)
    assert err.value.code is ProgressErrorCode.STALE_VERSION
    assert _rows() == before
    rv = ReportedValue.objects.get()
    assert (rv.reported_number, rv.lock_version, rv.created_by, rv.updated_by) == (
        Decimal(21), 2, rangpur.focal, second)
    assert _progress(rangpur.apa)[0].value == Number(Decimal(21))


def test_the_same_value_again_changes_nothing(rangpur):
    progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                    actor=rangpur.focal, text="২০")
    before = _rows()
    rv = progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                         actor=rangpur.focal, text="20")
    assert rv.lock_version == 1 and _rows() == before


def test_clearing_a_value_leaves_an_empty_cell_in_the_progress(rangpur):
    progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                    actor=rangpur.focal, text="২০")
    progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                    actor=rangpur.focal, text="")
    # The cell stays (its history and version do) but holds nothing: not scored, not reported.
    assert _progress(rangpur.apa) == (ProgressValue("1.1.1", Quarter.Q1, None),)
    assert ReportedValue.objects.get().reported_kind == ""


# ---------------------------------------------------------------- what a save costs


def _statements(ctx):
    """The statements run, without the savepoints of the test's own transaction."""
    return [q["sql"] for q in ctx.captured_queries
            if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]


# Lock the plan, the focal point's roles, the indicator with the quarter's report and the
# value (one query, a new value's too); write it, the history. Into a draft the report is
# left alone (its values move no score until it is submitted: no refresh queued). A changed
# value is written with the claim of its version in the same UPDATE; the quarter's first
# value also creates its report (its deadline, the row, its history).
FIRST_OF_QUARTER_QUERIES = 8
NEW_VALUE_QUERIES = 5
CHANGED_VALUE_QUERIES = 5


def test_saving_a_value_costs_a_small_constant_number_of_queries(rangpur):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for ref, text in (("1.1.1", "১"), ("1.1.2", "৫০%"), ("1.1.2", "৬০%")):
        actor = get_user_model().objects.get(pk=rangpur.focal.pk)  # nothing cached, as a request
        with CaptureQueriesContext(connection) as ctx:
            progress_record(plan=rangpur.apa, indicator_ref=ref, quarter="Q1", actor=actor,
                            text=text)
        counts.append(len(_statements(ctx)))
    assert counts == [FIRST_OF_QUARTER_QUERIES, NEW_VALUE_QUERIES, CHANGED_VALUE_QUERIES]
    assert max(counts) <= 11
    assert ReportedValue.objects.get(indicator_ref="1.1.2").reported_number == 60


def test_saving_a_value_stays_within_11_queries_savepoints_included(
        rangpur, django_assert_max_num_queries):
    progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                    actor=rangpur.focal, text="১")  # the quarter's report exists
    for text in ("৫০%", "৬০%"):  # a new value, then a changed one
        with django_assert_max_num_queries(11):
            progress_record(plan=rangpur.apa, indicator_ref="1.1.2", quarter="Q1",
                            actor=rangpur.focal, text=text)
