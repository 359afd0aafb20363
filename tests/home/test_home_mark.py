"""The home page from the cache (kormo.home.marks): a focal point's due report shows how many
indicators still have no value, and entering one shows at once; a value entered below a
supervisor leaves their home as it was stored (their mark reads no value)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kormo.progress.models import Report
from kormo.progress.services import progress_record
from kormo.web.page_cache import HEADER
from tests.progress.clients import client_of
from tests.progress.conftest import rangpur, world  # noqa: F401
from tests.progress.world import OfficeWorld, World

pytestmark = pytest.mark.django_db
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
MISSING = re.compile(r"(\d+) of (\d+) indicators without a value")


def _page(client: Client) -> tuple[str, str]:
    response = client.get(reverse("home:today"))
    assert response.status_code == 200
    return response[HEADER], TOKEN.sub(b"", response.content).decode()


def _stored(client: Client) -> str:
    _page(client)
    _page(client)
    header, page = _page(client)
    assert header == "hit"
    return page


def _fresh(client: Client) -> str:
    with override_settings(KORMO_PAGE_CACHE_SECONDS=0):
        return _page(client)[1]


def test_a_value_entered_shows_at_once_in_the_due_reports_missing_count(
        world: World, rangpur: OfficeWorld) -> None:  # noqa: F811
    value = progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                            actor=rangpur.focal, text="৩")
    Report.objects.filter(pk=value.report_id).update(due_on=dt.date.today() + dt.timedelta(3))
    focal, supervisor = client_of(rangpur.focal, "en"), client_of(world.supervisor, "en")
    before = MISSING.findall(_stored(focal))
    assert len(before) == 1 and int(before[0][0]) > 0
    supervisors = _stored(supervisor)

    progress_record(plan=rangpur.apa, indicator_ref="1.1.2", quarter="Q1", actor=rangpur.focal,
                    text="২")
    header, page = _page(focal)
    assert page == _fresh(focal)
    assert MISSING.findall(page) == [(str(int(before[0][0]) - 1), before[0][1])]
    # The supervisor's home shows no value of the offices under them: still the stored page,
    # its mark read without touching a value.
    with CaptureQueriesContext(connection) as queries:
        header, page = _page(supervisor)
    assert (header, page) == ("hit", supervisors)
    assert not any("progress_reportedvalue" in (q["sql"] or "") for q in queries)
