"""The permission gate: who reads and writes what in the office tree."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from kormo.domain.plan import Tier
from kormo.offices.access import AccessDenied, Action, access_office, visible_offices
from kormo.offices.models import Office, Role
from kormo.offices.services import membership_grant, office_create, office_move
from kormo.plans.access import access_plan, visible_plans
from kormo.plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    m = office_create(name="মন্ত্রণালয়", tier=Tier.MINISTRY)
    d = office_create(name="অধিদপ্তর", tier=Tier.DIRECTORATE, parent=m)
    x = office_create(name="জেলা কার্যালয়, রংপুর", tier=Tier.DISTRICT, parent=d)
    u1 = office_create(name="উপজেলা কার্যালয় ১", tier=Tier.UPAZILA, parent=x)
    y = office_create(name="জেলা কার্যালয়, দিনাজপুর", tier=Tier.DISTRICT, parent=d)
    u2 = office_create(name="উপজেলা কার্যালয় ২", tier=Tier.UPAZILA, parent=y)
    other = office_create(name="অন্য মন্ত্রণালয়", tier=Tier.MINISTRY)
    return {"m": m, "d": d, "x": x, "u1": u1, "y": y, "u2": u2, "other": other}


def _user(name, office, role):
    user = get_user_model().objects.create_user(username=name, password="pw-" + name)
    membership_grant(user=user, office=office, role=role)
    return user


def _plan(office):
    return Plan.objects.create(office=office, kind="apa", fiscal_year="2022-23")


def test_paths_follow_the_tree_and_moves(tree):
    assert tree["u1"].path == f"/{tree['m'].pk}/{tree['d'].pk}/{tree['x'].pk}/{tree['u1'].pk}/"
    office_move(office=tree["x"], parent=tree["other"])
    tree["u1"].refresh_from_db()
    assert tree["u1"].path == f"/{tree['other'].pk}/{tree['x'].pk}/{tree['u1'].pk}/"


def test_an_office_cannot_move_under_its_own_subtree(tree):
    from kormo.domain.errors import InputError

    with pytest.raises(InputError):
        office_move(office=tree["d"], parent=tree["u1"])
    tree["d"].refresh_from_db()
    assert tree["d"].parent_id == tree["m"].pk


def test_people_see_their_office_and_everything_under_it_but_no_other_branch(tree):
    focal = _user("focal", tree["x"], Role.FOCAL_POINT)
    supervisor = _user("sup", tree["d"], Role.SUPERVISOR)
    assert set(visible_offices(focal)) == {tree["x"], tree["u1"]}
    assert set(visible_offices(supervisor)) == {tree["d"], tree["x"], tree["u1"], tree["y"],
                                                tree["u2"]}


def test_plans_visible_follow_offices(tree):
    focal = _user("focal", tree["x"], Role.FOCAL_POINT)
    mine, below, sibling = _plan(tree["x"]), _plan(tree["u1"]), _plan(tree["y"])
    assert set(visible_plans(focal)) == {mine, below}
    assert access_plan(focal, mine.pk) == mine
    assert access_plan(focal, below.pk) == below
    with pytest.raises(AccessDenied):
        access_plan(focal, sibling.pk)


@pytest.mark.parametrize(
    ("who", "office", "action", "allowed"),
    [
        ("focal_x", "x", Action.WRITE, True),
        ("focal_x", "u1", Action.WRITE, False),  # reads the upazila's plans, never writes them
        ("focal_x", "u1", Action.READ, True),
        ("focal_x", "y", Action.READ, False),
        ("focal_x", "d", Action.READ, False),  # not upward either
        ("head_x", "x", Action.APPROVE, True),
        ("head_x", "x", Action.WRITE, False),
        ("head_x", "u1", Action.APPROVE, False),
        ("sup_d", "x", Action.REVIEW, True),
        ("sup_d", "u2", Action.REVIEW, True),
        ("sup_d", "d", Action.REVIEW, False),  # a supervisor does not review its own office
        ("sup_d", "x", Action.WRITE, False),
        ("admin_m", "u2", Action.SETUP, True),
        ("admin_m", "other", Action.SETUP, False),
        ("admin_m", "x", Action.WRITE, False),
    ],
)
def test_each_role_may_do_exactly_its_part(tree, who, office, action, allowed):
    users = {
        "focal_x": (tree["x"], Role.FOCAL_POINT),
        "head_x": (tree["x"], Role.OFFICE_HEAD),
        "sup_d": (tree["d"], Role.SUPERVISOR),
        "admin_m": (tree["m"], Role.ADMINISTRATOR),
    }
    user = _user(who, *users[who])
    if allowed:
        assert access_office(user, tree[office].pk, action) == tree[office]
    else:
        with pytest.raises(AccessDenied):
            access_office(user, tree[office].pk, action)


def test_anonymous_and_people_without_roles_see_nothing(tree):
    from django.contrib.auth.models import AnonymousUser

    nobody = get_user_model().objects.create_user(username="nobody", password="x")
    plan = _plan(tree["x"])
    for user in (AnonymousUser(), nobody):
        assert list(visible_offices(user)) == []
        with pytest.raises(AccessDenied):
            access_plan(user, plan.pk)


@pytest.mark.parametrize("bad_id", ["999999", "abc", "", None, "1; DROP TABLE"])
def test_unknown_or_malformed_ids_are_not_found(tree, bad_id):
    focal = _user("focal", tree["x"], Role.FOCAL_POINT)
    with pytest.raises(AccessDenied):
        access_plan(focal, bad_id)
    with pytest.raises(AccessDenied):
        access_office(focal, bad_id)


def test_grants_are_loaded_in_one_query(tree, django_assert_num_queries):
    focal = _user("focal", tree["x"], Role.FOCAL_POINT)
    focal = get_user_model().objects.get(pk=focal.pk)
    # Three years' plans (one current plan per office, kind and year).
    plans = [Plan.objects.create(office=tree["x"], kind="apa", fiscal_year=year)
             for year in ("2021-22", "2022-23", "2023-24")]
    with django_assert_num_queries(1 + 3):  # grants once, then one query per plan fetched
        for p in plans:
            access_plan(focal, p.pk)


def test_superuser_reads_and_writes_everywhere(tree):
    admin = get_user_model().objects.create_superuser(username="root", password="x")
    assert access_office(admin, tree["other"].pk, Action.WRITE) == tree["other"]
    assert Office.objects.count() == visible_offices(admin).count()


ROLES = {"focal_x": ("x", Role.FOCAL_POINT), "head_x": ("x", Role.OFFICE_HEAD),
         "sup_d": ("d", Role.SUPERVISOR), "admin_m": ("m", Role.ADMINISTRATOR)}


@pytest.mark.parametrize("who", sorted(ROLES))
def test_the_plans_for_an_action_are_exactly_those_the_gate_allows_one_by_one(tree, who):
    """`plans_for_action` (queues, bulk forms) and `access_plan` (one id) say the same thing
    for every role, action and office: the rule is written once."""
    from kormo.offices.access import grants_for
    from kormo.plans.access import plans_for_action

    office, role = ROLES[who]
    user = _user(who, tree[office], role)
    plans = [_plan(o) for o in tree.values()]
    grants = grants_for(user)
    for action in Action:
        expected = {p.pk for p in plans if grants.can(action, p.office)}
        assert {p.pk for p in plans_for_action(user, action)} == expected, action
        for plan in plans:
            if plan.pk in expected:
                assert access_plan(user, plan.pk, action) == plan
            else:
                with pytest.raises(AccessDenied):
                    access_plan(user, plan.pk, action)
