"""The API's lists at national size: limit/offset pages cover every visible office exactly
once, in a stable order, each page in the same number of queries, bad paging refused."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kormo.api.tokens import api_token_create
from kormo.offices.access import visible_offices
from kormo.offices.models import Office

pytestmark = pytest.mark.django_db


def test_pages_cover_every_office_once_at_a_fixed_query_count(client) -> None:
    call_command("kormo_make_national", "--scale", "0.02", "--plans-for", "0",
                 stdout=io.StringIO())
    # A supervisor of a field directorate: hundreds of offices below.
    field = Office.objects.filter(code__endswith="-div-0").first().code.removesuffix("-div-0")
    user = get_user_model().objects.get(memberships__role="supervisor",
                                        memberships__office__code=field)
    _, token = api_token_create(user=user, name="paging")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    expected = set(visible_offices(user).values_list("pk", flat=True))
    assert len(expected) > 500
    client.get("/api/v1/offices?limit=1", **headers)  # the token's first use is recorded
    seen: list[int] = []
    counts = []
    offset = 0
    while True:
        with CaptureQueriesContext(connection) as q:
            page = client.get(f"/api/v1/offices?limit=97&offset={offset}", **headers).json()
        counts.append(len(q))
        assert page["count"] == len(expected)
        seen += [o["id"] for o in page["items"]]
        if len(page["items"]) < 97:
            break
        offset += 97
    assert sorted(seen) == sorted(expected) and len(seen) == len(set(seen))
    assert len(set(counts)) == 1  # the last, short page costs what a full one does
    again = client.get("/api/v1/offices?limit=97&offset=194", **headers).json()
    assert [o["id"] for o in again["items"]] == seen[194:291]
    bad = client.get("/api/v1/offices?limit=1001", **headers)
    assert bad.status_code == 422
