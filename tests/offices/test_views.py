"""Office pages: the tree a person may see, its tier filter, the office page and its people,
with a query count that does not grow with the number of offices."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kormo.domain.plan import Tier
from kormo.offices.services import office_create
from tests.web.world import World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def _client(world: World, who: str) -> Client:
    client = Client()
    client.force_login(world.users[who])
    return client


def _names(page: str) -> list[str]:
    return re.findall(r'<a class="name" href="/offices/\d+/">([^<]+)</a>', page)


def test_the_list_is_the_persons_subtree_in_tree_order(world: World) -> None:
    page = _client(world, "admin_top").get(reverse("offices:list")).content.decode()
    assert _names(page) == ["শীর্ষ মন্ত্রণালয়", "অধিদপ্তর", "জেলা কার্যালয়, দিনাজপুর",
                            "জেলা কার্যালয়, রংপুর", "উপজেলা কার্যালয়"]
    assert "margin-left:calc(3 * 1.25rem)" in page  # the upazila office, three levels down
    focal = _client(world, "focal").get(reverse("offices:list")).content.decode()
    assert _names(focal) == ["জেলা কার্যালয়, রংপুর", "উপজেলা কার্যালয়"]
    assert "২টি অফিস" in focal


def test_the_tier_filter_lists_one_tier(world: World) -> None:
    page = _client(world, "admin_top").get(reverse("offices:list"), {"tier": "district"})
    assert _names(page.content.decode()) == ["জেলা কার্যালয়, দিনাজপুর", "জেলা কার্যালয়, রংপুর"]
    odd = _client(world, "admin_top").get(reverse("offices:list"), {"tier": "planet"})
    assert len(_names(odd.content.decode())) == 5


def test_the_list_costs_the_same_queries_for_5_or_80_offices(world: World) -> None:
    client = _client(world, "admin_top")
    client.get(reverse("offices:list"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("offices:list"))
    parent = world.offices["U"]
    for i in range(75):
        parent = office_create(name=f"অফিস {i}", tier=Tier.UPAZILA,
                               parent=parent if i % 3 else world.offices["D"])
    with CaptureQueriesContext(connection) as large:
        page = client.get(reverse("offices:list")).content.decode()
    assert len(_names(page)) == 80
    assert len(large.captured_queries) == len(small.captured_queries)


def test_people_and_roles_are_shown_to_heads_and_administrators_only(world: World) -> None:
    url = reverse("offices:detail", args=[world.offices["X"].pk])
    for who, shown in (("head", True), ("admin", True), ("admin_top", True), ("focal", False),
                       ("supervisor", False)):
        page = _client(world, who).get(url).content.decode()
        assert ("ব্যক্তি ও দায়িত্ব" in page) is shown, who
    page = _client(world, "head").get(url).content.decode()
    assert "focal" in page and "এপিএ ফোকাল পয়েন্ট" in page


def test_the_office_page_offers_the_years_templates_to_its_focal_point(world: World) -> None:
    url = reverse("offices:detail", args=[world.offices["X"].pk])
    page = _client(world, "focal").get(url).content.decode()
    # The top office's integrity template of an open year; not the sibling's or its own APA
    # template (the office has its 2022-23 APA already).
    assert re.findall(r'<option value="(\d+)">', page) == [str(world.templates["T"].pk)]
    assert "শুদ্ধাচার কর্মপরিকল্পনা" in page
    head = _client(world, "head").get(url).content.decode()
    assert "পরিকল্পনা শুরু করুন" not in head
