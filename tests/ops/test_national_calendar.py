"""The national calendar (fiscal years and deadlines) belongs to the national office's
administrators: an administrator at the top of another tree cannot change it."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from kormo.offices.access import can_setup_years
from kormo.offices.models import Role
from kormo.offices.services import membership_grant, office_create
from kormo.years.models import FiscalYearSetup
from tests.web.world import World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings: pytest.FixtureRequest) -> World:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_world()


def test_only_the_national_offices_administrators_set_the_calendar(
        world: World, settings: pytest.FixtureRequest) -> None:
    # A seed's office that names no supervising office: a second top-level office.
    other_root = office_create(name="পলিটেকনিক ইনস্টিটিউট", code="polytechnic")
    stranger = get_user_model().objects.create_user("poly-admin", password="x")
    membership_grant(user=stranger, office=other_root, role=Role.ADMINISTRATOR)

    assert can_setup_years(world.users["admin_top"])
    assert not can_setup_years(stranger)
    client = Client()
    client.force_login(stranger)
    assert client.get("/years/").status_code == 404
    before = list(FiscalYearSetup.objects.values_list("fiscal_year", flat=True))
    assert client.post("/years/", {"fiscal_year": "2030-31"}).status_code == 404
    assert list(FiscalYearSetup.objects.values_list("fiscal_year", flat=True)) == before
    # Naming the other office as the national one moves the right there.
    settings.KORMO_NATIONAL_OFFICE = "polytechnic"
    assert can_setup_years(stranger) and not can_setup_years(world.users["admin_top"])
