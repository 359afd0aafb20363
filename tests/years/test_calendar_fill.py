"""A new year's deadlines in minutes: opening a year offers last year's calendar a year later
(the official staggered windows where last year has none); nothing is saved until the
administrator saves the page, and what they save is what they saw."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from kormo.years.calendar_fill import a_year_later, official_windows, start_calendar
from kormo.years.models import Deadline, FiscalYearSetup
from kormo.years.services import year_deadlines_save
from tests.web.world import World, build_world


def test_a_year_later_keeps_the_day_and_moves_29_february() -> None:
    assert a_year_later(dt.date(2022, 10, 15)) == dt.date(2023, 10, 15)
    assert a_year_later(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)
    assert a_year_later(None) is None


@pytest.mark.parametrize("year", ["2022-23", "2030-31"])
def test_the_official_windows_are_staggered_by_tier_inside_the_year(year: str) -> None:
    windows = official_windows(year)
    start = int(year[:4])
    for event in ("Q1", "Q2", "Q3", "Q4", "year_evaluation", "plan_submission"):
        dues = [windows[(event, t)][1] for t in ("upazila", "district", "directorate", "")]
        assert dues == sorted(dues) and len(set(dues)) == 4, event  # upazila first
        assert all(windows[(event, t)][0] <= windows[(event, t)][1]
                   for t in ("upazila", "district", "directorate", ""))
    assert windows[("Q1", "district")][1] == dt.date(start, 10, 15)
    assert windows[("year_evaluation", "")][1] == dt.date(start + 1, 7, 15)


def test_last_years_date_wins_over_the_official_one() -> None:
    previous = [("Q1", "district", dt.date(2022, 10, 2), dt.date(2022, 10, 17))]
    windows = start_calendar("2023-24", previous)
    assert windows[("Q1", "district")] == (dt.date(2023, 10, 2), dt.date(2023, 10, 17))
    assert windows[("Q1", "upazila")] == official_windows("2023-24")[("Q1", "upazila")]


@pytest.mark.django_db
def test_opening_a_year_fills_its_calendar_to_adjust_and_save(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world: World = build_world()
    last = FiscalYearSetup.objects.get(fiscal_year="2022-23")
    year_deadlines_save(year=last, actor=None, rows=[
        {"event": "Q1", "tier": "district", "opens_on": "02.10.2022", "due_on": "17.10.2022"},
        {"event": "Q2", "tier": "ministry", "opens_on": "", "due_on": "29.01.2023"},
    ])
    client = Client()
    client.force_login(world.users["admin_top"])
    response = client.post(reverse("years:list"), {"fiscal_year": "2023-24"})
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="year-filled"' in page
    assert Deadline.objects.filter(year__fiscal_year="2023-24").count() == 0  # not saved yet
    # Save the page as it was filled (the form's own fields, as the browser sends them).
    fields = re.findall(r'<input (?:type="hidden" )?name="(event|tier|opens_on|due_on)" '
                        r'value="([^"]*)"', page)
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    assert len(data["due_on"]) == 7 * 7
    client.post(reverse("years:detail", args=["2023-24"]), data)
    saved = {(d.event, d.tier): (d.opens_on, d.due_on)
             for d in Deadline.objects.filter(year__fiscal_year="2023-24")}
    assert saved[("Q1", "district")] == (dt.date(2023, 10, 2), dt.date(2023, 10, 17))
    assert saved[("Q2", "ministry")] == (None, dt.date(2024, 1, 29))
    assert saved[("Q1", "upazila")] == official_windows("2023-24")[("Q1", "upazila")]
    assert len(saved) == len(official_windows("2023-24")) + 1
