"""`office_ensure`: offices found or created by name, codes stable, the tree kept."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from kormo.domain.plan import Plan, PlanKind, Tier
from kormo.offices.models import Office
from kormo.offices.services import office_code_for, office_ensure
from kormo.plans.convert import plan_save_from_domain

pytestmark = pytest.mark.django_db


def test_an_office_is_created_once_per_name() -> None:
    first = office_ensure(name="উপজেলা সমবায় কার্যালয়, কালীগঞ্জ", tier=Tier.UPAZILA)
    again = office_ensure(name="  উপজেলা সমবায় কার্যালয়, কালীগঞ্জ ")
    assert again.pk == first.pk
    assert Office.objects.count() == 1
    assert (again.name, again.tier, again.parent) == (
        "উপজেলা সমবায় কার্যালয়, কালীগঞ্জ",
        "upazila",
        None,
    )


def test_a_missing_tier_and_parent_are_filled_in_but_never_overwritten() -> None:
    ministry = office_ensure(name="মন্ত্রণালয়", tier=Tier.MINISTRY)
    directorate = office_ensure(name="অধিদপ্তর")
    assert (directorate.tier, directorate.parent) == ("", None)
    office_ensure(name="অধিদপ্তর", tier=Tier.DIRECTORATE, parent=ministry)
    directorate.refresh_from_db()
    assert (directorate.tier, directorate.parent) == ("directorate", ministry)
    office_ensure(name="অধিদপ্তর", tier=Tier.DISTRICT, parent=office_ensure(name="অন্য"))
    directorate.refresh_from_db()
    assert (directorate.tier, directorate.parent) == ("directorate", ministry)
    assert list(ministry.subordinates.all()) == [directorate]


def test_codes_are_stable_and_distinct_for_bengali_names() -> None:
    a, b = office_code_for("জেলা কার্যালয়, রংপুর"), office_code_for("জেলা কার্যালয়, দিনাজপুর")
    assert a == office_code_for("জেলা কার্যালয়, রংপুর")
    assert a != b
    assert a.startswith("office-") and len(a) == len("office-") + 12
    assert office_code_for("ICT Directorate").startswith("ict-directorate-")
    assert office_ensure(name="জেলা কার্যালয়, রংপুর").code == a


def test_offices_are_queried_by_tier_and_supervisor() -> None:
    dg = office_ensure(name="মহাপরিচালক, আইসিটি অধিদপ্তর", tier=Tier.DIRECTORATE)
    for district in ("রংপুর", "দিনাজপুর"):
        office_ensure(name=f"জেলা কার্যালয়, {district}", tier=Tier.DISTRICT, parent=dg)
    office_ensure(name="উপজেলা কার্যালয়", tier=Tier.UPAZILA)
    districts = Office.objects.filter(tier=Tier.DISTRICT, parent=dg).order_by("name")
    assert [o.name for o in districts] == ["জেলা কার্যালয়, দিনাজপুর", "জেলা কার্যালয়, রংপুর"]


def test_codes_are_unique() -> None:
    office = office_ensure(name="ক")
    with pytest.raises(IntegrityError), transaction.atomic():
        Office.objects.create(name="খ", code=office.code)


def test_an_office_with_plans_cannot_be_deleted() -> None:
    office = office_ensure(name="ক")
    plan = Plan(kind=PlanKind.APA, fiscal_year="2022-23", office="ক")
    plan_save_from_domain(plan=plan, office=office)
    with pytest.raises(ProtectedError):
        office.delete()
