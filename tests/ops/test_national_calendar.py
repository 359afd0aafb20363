"""The national calendar (fiscal years and deadlines) belongs to the national office's
administrators: an administrator at the top of another tree, or lower down, reads it but
cannot change it."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from kormo.offices.access import can_see_years, can_setup_years
from kormo.offices.models import Role
from kormo.offices.services import membership_grant, office_create
from kormo.years.models import Deadline, Event, FiscalYearSetup
from kormo.years.services import year_deadlines_save
from tests.web.world import World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings: pytest.FixtureRequest) -> World:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_world()


def _calendar() -> tuple[list[str], list[tuple]]:
    return (sorted(FiscalYearSetup.objects.values_list("fiscal_year", flat=True)),
            sorted(Deadline.objects.values_list("event", "tier", "opens_on", "due_on")))


def test_only_the_national_offices_administrators_set_the_calendar(
        world: World, settings: pytest.FixtureRequest) -> None:
    # A seed's office that names no supervising office: a second top-level office.
    other_root = office_create(name="পলিটেকনিক ইনস্টিটিউট", code="polytechnic")
    stranger = get_user_model().objects.create_user("poly-admin", password="x")
    membership_grant(user=stranger, office=other_root, role=Role.ADMINISTRATOR)

    assert can_setup_years(world.users["admin_top"])
    assert not can_setup_years(stranger) and can_see_years(stranger)
    client = Client()
    client.force_login(stranger)
    before = _calendar()
    assert client.post("/years/", {"fiscal_year": "2030-31"}).status_code == 404
    assert _calendar() == before
    # Naming the other office as the national one moves the right there.
    settings.KORMO_NATIONAL_OFFICE = "polytechnic"
    assert can_setup_years(stranger) and not can_setup_years(world.users["admin_top"])


@pytest.mark.parametrize("who", ["admin", "poly-admin"])
def test_other_administrators_read_the_calendar_without_forms(world: World, who: str) -> None:
    """Issue 14 item 7: a district office's administrator, or one at the top of another
    tree, sees the years and their deadlines, with no form and no save."""
    year = FiscalYearSetup.objects.get()
    event = Event.values[0]
    year_deadlines_save(year=year, rows=[{"event": event, "tier": "", "opens_on": "01/10/2022",
                                          "due_on": "১৫/১০/২০২২"}],
                        actor=world.users["admin_top"])
    if who == "poly-admin":
        user = get_user_model().objects.create_user(who, password="x")
        membership_grant(user=user, office=office_create(name="পলিটেকনিক", code="poly"),
                         role=Role.ADMINISTRATOR)
    else:
        user = world.users["admin"]
    client = Client()
    client.force_login(user)
    listing = client.get("/years/")
    page = listing.content.decode()
    assert listing.status_code == 200 and "২০২২-২৩" in page  # the year, in Bengali digits
    assert 'data-testid="calendar-read-only"' in page and 'name="fiscal_year"' not in page
    assert 'href="/years/"' in page  # the menu offers the calendar
    detail = client.get(f"/years/{year.fiscal_year}/?fill=official")
    page = detail.content.decode()
    assert detail.status_code == 200 and 'data-testid="calendar-read-only"' in page
    assert 'name="due_on"' not in page and 'data-testid="year-filled"' not in page
    assert "<td>১৫.১০.২০২২</td>" in page  # the stored deadline, as text, Bengali digits
    before = _calendar()
    saved = client.post(f"/years/{year.fiscal_year}/", {
        "event": [event], "tier": [""],
        "opens_on": ["01/11/2022"], "due_on": ["30/11/2022"]})
    assert saved.status_code == 404 and _calendar() == before


def test_the_calendars_keepers_still_see_the_forms(world: World) -> None:
    year = FiscalYearSetup.objects.get()
    for user in (world.users["admin_top"],
                 get_user_model().objects.create_superuser("root", password="x")):
        client = Client()
        client.force_login(user)
        assert 'name="fiscal_year"' in client.get("/years/").content.decode()
        page = client.get(f"/years/{year.fiscal_year}/").content.decode()
        assert 'name="due_on"' in page and 'data-testid="calendar-read-only"' not in page


def test_people_who_are_not_administrators_do_not_see_the_calendar(world: World) -> None:
    for who in ("focal", "head", "supervisor", "nobody"):
        client = Client()
        client.force_login(world.users[who])
        assert client.get("/years/").status_code == 404, who
