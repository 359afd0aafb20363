"""A plan's subtitle is written in the browser (issue 12, item 11: "the form's subtitle in its
header"): the plan details of the sections page set, change and clear it, for an office's plan
and for a template (a plan created from the template starts with it); the history says each
change in words in both languages; the plan page shows it under the title; the PDF rendered
afterwards prints it; an over-long subtitle is refused in both languages and nothing is saved.
"""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kormo.audit.models import ChangeRecord
from kormo.documents.render import labels
from kormo.documents.render.common import plan_heading
from kormo.documents.render.pdf import FONT_DIR, REQUIRED_FONTS
from kormo.domain import plan as d
from kormo.domain.diff import FieldChange, diff_plans
from kormo.domain.digits import to_bengali_digits
from kormo.plans import models as m
from kormo.plans.authoring import SUBTITLE_MAX_LENGTH
from kormo.plans.convert import plan_to_domain
from tests.documents.conftest import needs_poppler, pdf_text, squash
from tests.web.world import World, build_world
from tests.world import save_as_current, seed_plan

pytestmark = pytest.mark.django_db

# Subtitles as offices write them: tiers, quarters and years in Bengali digits, a revision
# mark, Latin digits typed by someone on an English keyboard, English words, and characters a
# page or a typesetter must escape (& < > " ').
TIERS = ("মাঠ (জেলা)", "উপজেলা", "বিভাগীয়", "আঞ্চলিক")
SUBTITLES = [
    f"{TIERS[0]} পর্যায়ের অফিসের জন্য",
    "২য় ত্রৈমাসিক অগ্রগতি প্রতিবেদন (অক্টোবর-ডিসেম্বর, ২০২২)",
    f"{TIERS[2]} কার্যালয়ের জন্য (সংশোধিত, 2023-24)",
    'For field offices: "RTI" & <grievance> plans — \'revised\'',
    *(f"{tier} পর্যায়ের কার্যালয়ের জন্য, {to_bengali_digits(str(2020 + i))}-"
      f"{to_bengali_digits(str(21 + i))}" for i, tier in enumerate(TIERS[1:])),
]


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def _client(world: World, who: str, lang: str = "bn") -> Client:
    client = Client()
    client.force_login(world.users[who])
    if lang != "bn":
        client.post(reverse("set_language"), {"language": lang, "next": "/"})
    return client


def _save_general(client: Client, plan: m.Plan, *, subtitle: str, title: str | None = None,
                  supervisor: str | None = None):  # type: ignore[no-untyped-def]
    """Post the plan details as the sections page does (title, subtitle, supervisor)."""
    plan.refresh_from_db()
    domain = plan_to_domain(plan.pk)
    return client.post(reverse("plans:sections", args=[plan.pk]), {
        "lock_version": str(plan.lock_version), "sections": ["general"],
        "title": domain.title if title is None else title, "subtitle": subtitle,
        "supervisor": domain.supervisor if supervisor is None else supervisor,
    })


def _page(client: Client, name: str, plan: m.Plan) -> str:
    return html.unescape(client.get(reverse(name, args=[plan.pk])).content.decode())


def _shown_subtitle(page: str) -> str | None:
    found = re.search(r'<p class="subtitle" data-testid="plan-subtitle">(.*?)</p>', page, re.S)
    return None if found is None else found.group(1)


def _history(client: Client, plan: m.Plan) -> list[str]:
    page = client.get(reverse("audit:history", args=[plan.pk])).content.decode()
    return [html.unescape(c) for c in re.findall(r'data-testid="history-change">(.*?)</li>',
                                                 page, re.S)]


def _bn(text: str) -> str:
    """A value as the Bengali history writes it (its digits Bengali)."""
    return to_bengali_digits(text)


def _needs_fonts() -> None:
    if not all((Path(FONT_DIR) / f).exists() for f in REQUIRED_FONTS):
        pytest.skip("Debian's fonts-noto-core is not installed (make test installs it)")


def _pdf(client: Client, plan: m.Plan) -> str:
    response = client.get(reverse("plans:document", kwargs={"plan_id": plan.pk, "fmt": "pdf"}))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    return squash(pdf_text(response.content))


# ---------------------------------------------------------------- the field


@pytest.mark.parametrize(("lang", "label", "help_text", "summary"), [
    ("bn", "উপশিরোনাম", "যেমন: শিরোনামের নিচে লেখা ফরমের নাম", "শিরোনাম, উপশিরোনাম ও ঊর্ধ্বতন অফিস"),
    ("en", "Subtitle", "e.g. the form's name under the title",
     "Title, subtitle and supervising office"),
])
def test_the_plan_details_offer_the_subtitle_with_its_label_and_help(
        world: World, lang: str, label: str, help_text: str, summary: str) -> None:
    plan = save_as_current(plan=dataclasses.replace(seed_plan("002"), subtitle=SUBTITLES[1]),
                           office=world.offices["X"])
    page = _page(_client(world, "focal", lang), "plans:sections", plan)
    assert f'<label for="f-subtitle">{label}</label>' in page
    assert f'<span class="small muted" id="f-subtitle-help">{help_text}</span>' in page
    assert f"<summary>{summary}</summary>" in page
    field = re.search(r'<input id="f-subtitle"[^>]*>', page)
    assert field is not None
    assert f'value="{SUBTITLES[1]}"' in field.group(0)
    assert f'maxlength="{SUBTITLE_MAX_LENGTH}"' in field.group(0)
    assert 'aria-describedby="f-subtitle-help"' in field.group(0)


# ---------------------------------------------------------------- set, change, clear


@pytest.mark.parametrize(("first", "second"), [
    (SUBTITLES[0], SUBTITLES[1]), (SUBTITLES[2], SUBTITLES[3]), (SUBTITLES[4], SUBTITLES[5]),
])
def test_the_subtitle_is_set_changed_and_cleared_through_the_page_and_kept_in_words(
        world: World, first: str, second: str) -> None:
    plan = world.plans["X"]
    focal, english = _client(world, "focal"), _client(world, "focal", "en")
    before = plan_to_domain(plan.pk)
    assert before.subtitle == ""

    # Set: typed with stray spaces and a line break (pasted), kept as one line.
    typed = "  " + first.replace(" ", "  \n", 1) + " "
    response = _save_general(focal, plan, subtitle=typed)
    assert response.status_code == 302 and response["Location"].endswith("?saved=1")
    assert plan_to_domain(plan.pk) == dataclasses.replace(before, subtitle=first)
    record = ChangeRecord.objects.get(plan=plan, action="plan.edit_sections")
    assert (record.before, record.after, record.actor) == (
        {"subtitle": None}, {"subtitle": first}, world.users["focal"])
    assert _history(focal, plan) == [f"উপশিরোনাম লেখা হয়েছে: {_bn(first)}"]
    assert _history(english, plan) == [f"The subtitle set to {first}"]
    assert _shown_subtitle(_page(focal, "plans:detail", plan)) == first

    # Change.
    assert _save_general(focal, plan, subtitle=second).status_code == 302
    assert plan_to_domain(plan.pk).subtitle == second
    assert _history(focal, plan)[0] == f"উপশিরোনাম {_bn(first)} থেকে {_bn(second)} করা হয়েছে"
    assert _history(english, plan)[0] == f"The subtitle changed from {first} to {second}"
    assert _shown_subtitle(_page(english, "plans:detail", plan)) == second

    # Clear.
    assert _save_general(focal, plan, subtitle="   ").status_code == 302
    assert plan_to_domain(plan.pk) == before
    assert _history(focal, plan)[0] == f"উপশিরোনাম মুছে ফেলা হয়েছে (আগে ছিল {_bn(second)})"
    assert _history(english, plan)[0] == f"The subtitle removed (was {second})"
    assert _shown_subtitle(_page(focal, "plans:detail", plan)) is None
    assert ChangeRecord.objects.filter(plan=plan, action="plan.edit_sections").count() == 3


def test_a_save_that_leaves_the_subtitle_as_it_was_records_no_subtitle_change(
        world: World) -> None:
    plan = save_as_current(plan=dataclasses.replace(seed_plan("002"), subtitle=SUBTITLES[0]),
                           office=world.offices["X"])
    focal = _client(world, "focal")
    assert _save_general(focal, plan, subtitle=SUBTITLES[0], title="নতুন শিরোনাম").status_code \
        == 302
    record = ChangeRecord.objects.get(plan=plan, action="plan.edit_sections")
    assert set(record.after) == {"title"}
    assert plan_to_domain(plan.pk).subtitle == SUBTITLES[0]


def test_the_plan_page_shows_the_subtitle_under_the_title(world: World) -> None:
    plan = world.plans["X"]
    focal = _client(world, "focal")
    _save_general(focal, plan, subtitle=SUBTITLES[3], title="বার্ষিক কর্মসম্পাদন চুক্তি")
    for lang in ("bn", "en"):
        page = _page(_client(world, "focal", lang), "plans:detail", plan)
        heading = page.index("<h1>")
        title = page.index("<p>বার্ষিক কর্মসম্পাদন চুক্তি</p>")
        subtitle = page.index(f'data-testid="plan-subtitle">{SUBTITLES[3]}</p>')
        actions = page.index('data-testid="plan-documents"')
        assert heading < title < subtitle < actions


# ---------------------------------------------------------------- create, and the PDF


@needs_poppler
def test_a_plan_created_from_a_template_starts_with_its_subtitle_and_prints_it(
        world: World) -> None:
    _needs_fonts()
    template = world.templates["T"]  # the year's integrity plan template, kept at the top
    admin, focal = _client(world, "admin_top"), _client(world, "focal")
    assert _save_general(admin, template, subtitle=SUBTITLES[2]).status_code == 302
    assert plan_to_domain(template.pk).subtitle == SUBTITLES[2]

    response = focal.post(reverse("plans:create", args=[world.offices["X"].pk]),
                          {"template_id": str(template.pk)})
    assert response.status_code == 302
    plan = m.Plan.objects.get(office=world.offices["X"], kind=d.PlanKind.INTEGRITY.value,
                              is_template=False)
    assert plan_to_domain(plan.pk).subtitle == SUBTITLES[2]
    assert _shown_subtitle(_page(focal, "plans:detail", plan)) == SUBTITLES[2]
    text = _pdf(focal, plan)
    domain = plan_to_domain(plan.pk)
    heading, subtitle = squash(plan_heading(domain, "bn")), squash(SUBTITLES[2])
    office = squash(f"{labels.label('office_name', 'bn')}: {domain.office}")
    assert text.index(heading) < text.index(subtitle) < text.index(office)

    # Changed in the browser: the next PDF carries the new one, not the old.
    assert _save_general(focal, plan, subtitle=SUBTITLES[3]).status_code == 302
    text = _pdf(focal, plan)
    assert squash(SUBTITLES[3]) in text and subtitle not in text
    assert text.index(heading) < text.index(squash(SUBTITLES[3])) < text.index(office)


# ---------------------------------------------------------------- refused


def _long(n: int) -> str:
    words = "উপজেলা পর্যায়ের কার্যালয়ের জন্য সংশোধিত কর্মপরিকল্পনা "
    return (words * (n // len(words) + 1))[:n].strip().ljust(n, "ক")


@pytest.mark.parametrize(("lang", "said"), [
    ("bn", f"উপশিরোনামটি অনেক লম্বা ({to_bengali_digits(str(SUBTITLE_MAX_LENGTH + 1))} অক্ষর); "
           f"সর্বোচ্চ {to_bengali_digits(str(SUBTITLE_MAX_LENGTH))} অক্ষর লেখা যায়। "
           "কিছুই সংরক্ষণ হয়নি।"),
    ("en", f"The subtitle is too long ({SUBTITLE_MAX_LENGTH + 1} characters); at most "
           f"{SUBTITLE_MAX_LENGTH} are allowed. Nothing was saved."),
])
def test_an_over_long_subtitle_is_refused_in_both_languages_and_nothing_is_saved(
        world: World, lang: str, said: str) -> None:
    plan = world.plans["X"]
    client = _client(world, "focal", lang)
    before, version = plan_to_domain(plan.pk), plan.lock_version
    too_long = _long(SUBTITLE_MAX_LENGTH + 1)
    response = _save_general(client, plan, subtitle=too_long, title="নতুন শিরোনাম")
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert f'<p class="error" role="alert" id="save-error">{said}</p>' in page
    assert f'<span class="error" id="f-subtitle-error" role="alert">{said}</span>' in page
    field = re.search(r'<input id="f-subtitle"[^>]*>', page)
    assert field is not None and 'aria-invalid="true"' in field.group(0)
    assert f'value="{too_long}"' in field.group(0)  # what was typed comes back
    assert 'value="নতুন শিরোনাম"' in page
    plan.refresh_from_db()
    assert plan.lock_version == version and plan_to_domain(plan.pk) == before
    assert not ChangeRecord.objects.filter(plan=plan).exists()


def test_the_longest_subtitle_allowed_is_saved_counting_it_on_one_line(world: World) -> None:
    plan = world.plans["X"]
    longest = _long(SUBTITLE_MAX_LENGTH)
    # Longer as typed (spaces around and doubled), exactly the longest on one line.
    typed = "   " + longest.replace(" ", "   ") + "\n"
    assert len(typed) > SUBTITLE_MAX_LENGTH
    assert _save_general(_client(world, "focal"), plan, subtitle=typed).status_code == 302
    assert plan_to_domain(plan.pk).subtitle == longest


def test_a_longer_stored_subtitle_left_as_it_was_does_not_block_a_save(world: World) -> None:
    # An imported plan's subtitle is the document's own lines: the page keeps it untouched.
    imported = _long(SUBTITLE_MAX_LENGTH + 40)
    plan = save_as_current(plan=dataclasses.replace(seed_plan("002"), subtitle=imported),
                           office=world.offices["X"])
    focal = _client(world, "focal")
    assert _save_general(focal, plan, subtitle=imported, title="নতুন শিরোনাম").status_code == 302
    assert plan_to_domain(plan.pk).subtitle == imported
    edited = imported + " আরও"
    assert _save_general(focal, plan, subtitle=edited).status_code == 400
    assert plan_to_domain(plan.pk).subtitle == imported


# ---------------------------------------------------------------- compare page, queries


def test_the_compare_of_two_versions_names_a_subtitle_change() -> None:
    a = seed_plan("002")
    b = dataclasses.replace(a, subtitle=SUBTITLES[0])
    assert FieldChange("subtitle", "", SUBTITLES[0]) in diff_plans(a, b).plan_fields


def _queries(client: Client, name: str, plan: m.Plan) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse(name, args=[plan.pk])).status_code == 200
    return len(ctx.captured_queries)


def test_a_subtitle_costs_the_plan_pages_no_query(world: World) -> None:
    plan = world.plans["X"]
    focal = _client(world, "focal")
    _queries(focal, "plans:detail", plan)  # warm the session and caches
    counts = {name: _queries(focal, name, plan) for name in ("plans:detail", "plans:sections")}
    _save_general(focal, plan, subtitle=SUBTITLES[1])
    assert {name: _queries(focal, name, plan) for name in counts} == counts


@pytest.mark.parametrize(("lang", "said"), [("bn", "অন্যান্য অংশ সংরক্ষণ করা হয়েছে।"),
                                            ("en", "The other parts are saved.")])
def test_saved_details_are_confirmed_in_the_pages_language(world: World, lang: str,
                                                           said: str) -> None:
    plan = world.plans["X"]
    client = _client(world, "focal", lang)
    response = _save_general(client, plan, subtitle=SUBTITLES[0])
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert [str(m) for m in page.context["messages"]] == [said]
    assert said in page.content.decode()
    assert plan_to_domain(plan.pk).subtitle == SUBTITLES[0]
