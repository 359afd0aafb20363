"""The year's templates (`kormo.plans.templates`): created, imported, exported, replaced, kept
in the history."""

from __future__ import annotations

import dataclasses

import pytest

from kormo.domain import plan as d
from kormo.domain.planformat import PlanFormatError, dumps
from kormo.plans import models as pm
from kormo.plans.convert import plan_to_domain
from kormo.plans.templates import template_create, template_export, template_import
from tests.plans.builders import row_counts
from tests.web.world import World, build_world
from tests.world import seed_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings) -> World:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_world()


def test_templates_are_imported_exported_and_replaced(world: World) -> None:
    top = world.offices["T"]
    source = seed_plan("001", d.PlanKind.CITIZENS_CHARTER)
    saved = template_import(office=top, data=dumps([source]).encode(), fiscal_year="2022-23",
                            tier=d.Tier.UPAZILA, actor=world.users["admin_top"])
    assert [(t.kind, t.is_template, t.template_tier, t.fiscal_year) for t in saved] == [
        ("citizens_charter", True, "upazila", "2022-23")]
    stored = plan_to_domain(saved[0].pk)
    assert stored.areas == source.areas  # with the notes on activities not for upazilas
    assert stored.areas[0].activities[1].not_applicable_tiers == (d.Tier.UPAZILA,)
    again = template_import(office=top, data=template_export(saved[0]).encode(),
                            fiscal_year="2022-23", tier=d.Tier.UPAZILA, actor=None)
    assert plan_to_domain(again[0].pk).areas == source.areas
    assert not pm.Plan.objects.filter(pk=saved[0].pk).exists()  # replaced, not doubled


@pytest.mark.parametrize("data", [b"{not json", b'{"format": "kormo-plan", "plans": 3}',
                                  "ঠিক নয়".encode()])
def test_a_bad_template_file_saves_nothing_and_says_why_in_both_languages(world: World, data):
    before = row_counts()
    with pytest.raises(PlanFormatError) as err:
        template_import(office=world.offices["T"], data=data, fiscal_year="2022-23", tier=None,
                        actor=None)
    assert err.value.bn and err.value.en and err.value.bn != err.value.en
    assert row_counts() == before


def test_an_empty_template_is_created_for_a_tier(world: World) -> None:
    t = template_create(office=world.offices["T"], kind=d.PlanKind.RIGHT_TO_INFORMATION,
                        tier=d.Tier.DISTRICT, fiscal_year="2022-23", actor=None)
    assert (t.is_template, t.template_tier, t.kind, t.state) == (
        True, "district", "right_to_information", "draft")


def test_a_replaced_template_keeps_the_cells_that_changed(world: World) -> None:
    from kormo.audit.models import ChangeRecord

    admin, top = world.users["admin_top"], world.offices["T"]
    source = seed_plan("001", d.PlanKind.CITIZENS_CHARTER)
    [first] = template_import(office=top, data=dumps([source]).encode(), fiscal_year="2022-23",
                              tier=d.Tier.UPAZILA, actor=admin)
    created = ChangeRecord.objects.get(action="template.create", plan=first)
    assert (created.actor, created.after) == (admin, {
        "kind": "citizens_charter", "fiscal_year": "2022-23", "tier": "upazila",
        "indicators": len(source.indicators)})
    ind = source.areas[0].activities[0].indicators[0]
    edited = dataclasses.replace(source, areas=(dataclasses.replace(
        source.areas[0], activities=(dataclasses.replace(
            source.areas[0].activities[0], indicators=(dataclasses.replace(
                ind, weight=ind.weight + 1), *source.areas[0].activities[0].indicators[1:])),
            *source.areas[0].activities[1:])), *source.areas[1:]))
    [second] = template_import(office=top, data=dumps([edited]).encode(),
                               fiscal_year="2022-23", tier=d.Tier.UPAZILA, actor=admin)
    replaced = ChangeRecord.objects.get(action="template.replace")
    place = f"[{ind.number}] weight"
    assert (replaced.plan_id, replaced.actor) == (second.pk, admin)
    assert replaced.before == {"template": [first.pk], place: str(ind.weight)}
    assert replaced.after == {"template": second.pk, place: str(ind.weight + 1)}
    assert replaced.object_label == place
