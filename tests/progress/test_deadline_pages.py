"""The requests of the reporting deadline (the home page, the report page, a value saved) cost
a fixed number of queries however much the data grows — more indicators in the plan, more
values and evidence files, more offices for the person — and the pages read stored scores:
a GET writes nothing and recomputes no office's score."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.db.models import F
from django.test import Client
from django.urls import reverse

from kormo.offices.models import Role
from kormo.offices.services import membership_grant
from kormo.plans import models as pm
from kormo.progress.models import ReportedValue, ScoreSnapshot
from kormo.progress.plan_content import CONTENT_QUERIES
from kormo.progress.scores import score_refresh
from kormo.progress.services import evidence_attach, progress_record
from tests.progress.world import OfficeWorld, World, office_world

pytestmark = pytest.mark.django_db
FY = "2022-23"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
WRITES = ("INSERT", "UPDATE", "DELETE")

# Every request: the session, the person with their roles (one query, for the gate:
# kormo.offices.person_backend); every page: the unread notices' count. The home page of a focal
# point: their returned and in-force plans, the returned reports, values entered per plan, the
# plans' reports and the years' deadlines, their offices' stored scores (no agreement step is
# theirs: no query for those). The plans' indicators come with their content, read once per
# version of a plan for all of them (`plan_content.CONTENT_QUERIES` more the first time).
# A page rendered (not served from the page cache, kormo.web.page_cache) reads its mark
# first: one query more than the page itself. tests/progress/test_page_cache.py has the rest.
MARK = 1
HOME_QUERIES = 9 + MARK
# The plan (gate), its reports, its values with their files (one query); the office's other
# current plans that feed it (their ids, then 6: plans, areas, activities, indicators,
# targets, values; only the ids when there is none), the year's rule set. The
# plan's own content (plan, areas, activities, indicators, targets: 5 more) is read once per
# version of the plan (`plan_content`), not again when the page is shown again.
REPORT_QUERIES = 14 + MARK
PLAN_CONTENT_QUERIES = 5
# The plan (gate); the plan locked; the indicator with the quarter's report and the value
# (one query, a new value's too); a changed value written with the claim of its version in
# one UPDATE, a new one inserted; the history row; the service's savepoint inside the test's
# transaction. Into a draft report nothing more: its values move no score until it is
# submitted (no report touched, no refresh queued).
NEW_VALUE_SAVE = 9
CHANGED_VALUE_SAVE = 9
# The office's scores page: the office (gate), the office's current plans,
# the year's rule set, their progress (the counted values), their reports and the stored
# score; the notices. Its plans' content is read once per version of a plan (5 more).
OFFICE_PAGE_QUERIES = 9 + MARK


@pytest.fixture(autouse=True)
def _pages_rendered(settings: Any) -> None:
    """These tests pin what a rendered page costs, shown again or not: the page cache is off
    (its marks are still read). What the cache saves: tests/progress/test_page_cache.py."""
    settings.KORMO_PAGE_CACHE_SECONDS = 0


@contextmanager
def statements() -> Iterator[list[str]]:
    """Every SQL statement run inside the block (savepoints included)."""
    seen: list[str] = []

    def log(execute: Callable[..., Any], sql: str, params: Any, many: bool,
            context: Any) -> Any:
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(log):
        yield seen


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _grow_plan(plan: pm.Plan, times: int) -> None:
    """Each indicator of the plan copied `times` times with its target levels (new refs), as
    a larger plan of the same shape: 5 indicators become 5 × (times + 1)."""
    # An edit of a plan takes its next lock version (`plans.authoring`): so does this one.
    pm.Plan.objects.filter(pk=plan.pk).update(lock_version=F("lock_version") + 1)
    originals = list(pm.Indicator.objects.filter(plan=plan).order_by("pk"))
    values = list(pm.IndicatorValue.objects.filter(indicator__plan=plan))
    for k in range(1, times + 1):
        for ind in originals:
            copy = pm.Indicator.objects.get(pk=ind.pk)
            copy.pk = None
            copy.ref = f"{ind.ref}.{k}"
            copy.number = f"{ind.number}.{k}"
            copy.position = ind.position + 100 * k
            copy.save()
            pm.IndicatorValue.objects.bulk_create(
                pm.IndicatorValue(**{f.attname: getattr(v, f.attname)
                                     for f in pm.IndicatorValue._meta.concrete_fields
                                     if f.attname not in ("id", "indicator_id")},
                                  indicator_id=copy.pk)
                for v in values if v.indicator_id == ind.pk)


def _fill(place: OfficeWorld, quarter: str = "Q1", files: int = 2) -> None:
    """A value for every indicator of the APA that takes one, and evidence on some."""
    plan = place.apa
    done = 0
    for ind in pm.Indicator.objects.filter(plan=plan, feeds_from="", unit="count"):
        rv = progress_record(plan=plan, indicator_ref=ind.ref, quarter=quarter,
                             actor=place.focal, text="৫")
        if done < files:
            evidence_attach(value=rv, actor=place.focal, file=ContentFile(PNG, "ছবি.png"))
            done += 1


def _save(client: Client, plan: pm.Plan, ref: str, text: str) -> Any:
    return client.post(reverse("progress:value_save", args=[plan.pk]),
                       {"ref": ref, "quarter": "Q2", "period": "Q2", "value": text})


def test_the_home_page_reads_stored_scores_in_queries_that_do_not_grow(world: World) -> None:
    rangpur = next(iter(world.offices.values()))
    score_refresh(office_id=rangpur.office.pk, fiscal_year=FY)
    # The stored figure is what the page shows: marked, it must come back as stored.
    ScoreSnapshot.objects.filter(office=rangpur.office).update(percent=12.34)
    client = _client(rangpur.focal)
    url = reverse("home:today")
    client.get(url)
    with statements() as small:
        page = client.get(url).content.decode()
    assert "১২.৩৪" in page
    assert not [s for s in small if s.lstrip().upper().startswith(WRITES)], small
    assert len(small) == HOME_QUERIES, "\n".join(q[:100] for q in small)

    # The person becomes focal point of four more offices (with plans, values, files, some
    # scores stored, some not yet): the page lists them all in as many queries.
    for i in range(4):
        other = office_world(world.directorate, f"উপজেলা {i}", world.supervisor)
        membership_grant(user=rangpur.focal, office=other.office, role=Role.FOCAL_POINT)
        _fill(other, files=1)
        if i % 2:
            score_refresh(office_id=other.office.pk, fiscal_year=FY)
    _fill(rangpur)
    with statements() as first:  # the four new plans' content read, together
        client.get(url)
    assert len(first) == len(small) + CONTENT_QUERIES, "\n".join(q[:100] for q in first)
    with statements() as large:
        page = client.get(url).content.decode()
    assert len(large) == len(small), (small, large)
    assert not [s for s in large if s.lstrip().upper().startswith(WRITES)]
    assert page.count("/progress/offices/") >= 5  # each office's score links its page
    assert "১২.৩৪" in page  # still the stored figure: nothing recomputed in the request


def test_the_report_page_costs_the_same_queries_for_5_or_20_indicators(world: World) -> None:
    rangpur, dinajpur = world.offices.values()
    client = _client(rangpur.focal)
    url = reverse("progress:report", args=[rangpur.apa.pk]) + "?period=Q1"
    # The quarter started (its report exists, with its due date): one value and one file.
    rv = progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                         actor=rangpur.focal, text="১")
    evidence_attach(value=rv, actor=rangpur.focal, file=ContentFile(PNG, "ছবি.png"))

    def shown() -> tuple[list[str], list[str], str]:
        """The queries of the page shown first (its plan's version read) and again, and the
        page shown again."""
        with statements() as first:
            assert client.get(url).status_code == 200
        with statements() as again:
            page = client.get(url).content.decode()
        assert not [s for s in first + again if s.lstrip().upper().startswith(WRITES)]
        return first, again, page

    small_first, small, _ = shown()
    assert len(small) == REPORT_QUERIES, "\n".join(q[:100] for q in small)
    assert len(small_first) == REPORT_QUERIES + PLAN_CONTENT_QUERIES, \
        "\n".join(q[:100] for q in small_first)
    indicators = pm.Indicator.objects.filter(plan=rangpur.apa).count()

    _grow_plan(rangpur.apa, 3)
    _fill(rangpur, files=2)
    _fill(dinajpur, files=2)
    assert pm.Indicator.objects.filter(plan=rangpur.apa).count() == 4 * indicators
    large_first, large, page = shown()
    assert len(large_first) == len(small_first), "\n".join(q[:100] for q in large_first)
    assert len(large) == len(small), "\n".join(q[:100] for q in large)
    # Every row is there (the plan's new version read, not the one shown before), with its
    # live score and its files.
    assert page.count('data-testid="value-input"') >= 4 * 2
    assert page.count('data-testid="indicator-score"') >= 4 * 2
    assert 'data-testid="score-so-far"' in page
    # (the table's; the page's <template> of a file attached in place comes before it)
    assert page.split('<table', 1)[1].count('data-testid="evidence-link"') == 3


def test_a_value_saved_costs_the_same_queries_in_a_larger_plan_and_country(
        world: World) -> None:
    rangpur, dinajpur = world.offices.values()
    client = _client(rangpur.focal)
    _save(client, rangpur.apa, "1.1.1", "১")  # the quarter's report exists from here on

    def saved(ref: str, text: str) -> list[str]:
        with statements() as seen:
            response = _save(client, rangpur.apa, ref, text)
        assert response.status_code == 302 and "error" not in response["Location"]
        assert ReportedValue.objects.get(plan=rangpur.apa, indicator_ref=ref,
                                         quarter="Q2").reported_number == int(text)
        return seen

    small_new, small_changed = saved("1.1.2", "5"), saved("1.1.1", "2")
    assert (len(small_new), len(small_changed)) == (NEW_VALUE_SAVE, CHANGED_VALUE_SAVE), \
        "\n".join(q[:70] for q in [*small_new, "--", *small_changed])
    _grow_plan(rangpur.apa, 3)
    _fill(rangpur)
    _fill(dinajpur)
    for i in range(3):
        office_world(world.directorate, f"উপজেলা {i}", world.supervisor)
    large_new, large_changed = saved("1.1.1.3", "7"), saved("1.1.1", "9")
    assert len(large_new) == len(small_new), "\n".join(q[:100] for q in large_new)
    assert len(large_changed) == len(small_changed), "\n".join(q[:100] for q in large_changed)
    # The value's validation and its history stay: each save wrote its history row.
    assert [s for s in large_changed if "audit_changerecord" in s and s.startswith("INSERT")]


def test_the_report_pages_live_score_is_the_engines_score_of_the_stored_data(
        world: World) -> None:
    """The page builds the plan's progress from the values it shows (every quarter, verified
    where verified): the score equals the one scoring computes from the loader's data."""
    from kormo.domain.path import score_office_plans
    from kormo.progress.models import Report
    from kormo.progress.scores import current_plans, load_scoring_plans
    from kormo.progress.selectors import report_page
    from kormo.progress.services import report_submit, value_verify
    from kormo.years.deadlines import rules_for_year

    rangpur = next(iter(world.offices.values()))
    _fill(rangpur, "Q1", files=1)
    report_submit(report=Report.objects.get(plan=rangpur.apa, period="Q1"), actor=rangpur.focal)
    first = ReportedValue.objects.get(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1")
    value_verify(value=first, actor=world.supervisor, text="৮০", comment="")  # 5 → 80
    progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q2", actor=rangpur.focal,
                    text="২০")
    plans = current_plans(office_ids=[rangpur.office.pk], fiscal_year=FY)
    expected = score_office_plans(load_scoring_plans(plans), rules_for_year(FY))
    for period in ("Q1", "Q2", "year"):
        page = report_page(plan=rangpur.apa, period=period)
        assert page.plan_score == expected[rangpur.apa.pk], period
        # 80 verified + 20 of the annual 100 trainees: the indicator's full marks count.
        assert page.plan_score is not None and page.plan_score.total > 0


def test_the_office_page_reads_the_stored_score_and_writes_nothing_after_a_save(
        world: World) -> None:
    rangpur, dinajpur = world.offices.values()
    score_refresh(office_id=rangpur.office.pk, fiscal_year=FY)
    client = _client(rangpur.focal)
    url = reverse("progress:office_year", args=[rangpur.office.pk, FY])
    client.get(url)
    with statements() as small:
        page = client.get(url).content.decode()
    assert len(small) == OFFICE_PAGE_QUERIES, "\n".join(q[:100] for q in small)
    assert 'data-testid="office-score"' in page and 'data-testid="score-stale"' not in page
    stored = ScoreSnapshot.objects.get(office=rangpur.office, fiscal_year=FY)

    # A save (its refresh queued, not yet run), more values and files, more offices: the page
    # shows the stored score as being updated, in as many queries, writing nothing.
    _save(client, rangpur.apa, "1.1.1", "৭")
    _fill(rangpur, files=2)
    _fill(dinajpur, files=2)
    for i in range(3):
        office_world(world.directorate, f"উপজেলা {i}", world.supervisor)
    with statements() as large:
        page = client.get(url).content.decode()
    assert len(large) == len(small), "\n".join(q[:100] for q in large)
    assert not [s for s in large if s.lstrip().upper().startswith(WRITES)], large
    assert 'data-testid="score-stale"' in page
    again = ScoreSnapshot.objects.get(office=rangpur.office, fiscal_year=FY)
    assert (again.stamp, again.computed_at) == (stored.stamp, stored.computed_at)
