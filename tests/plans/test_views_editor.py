"""The plan editor's pages: typed values survive a refused save, conflicts answer 409, the live
checks name cells, the editor's query count does not grow with the plan, a plan of MAX_ROWS
rows saves (a longer post gets a message, never a bare 400), and Bengali pages write their
labels in Bengali digits."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from kormo.domain.numerals import format_number
from kormo.plans.convert import GRID_QUERIES, plan_to_domain
from kormo.plans.sheet import (
    ACTUAL_FIELDS,
    MAX_ROWS,
    PROJECTION_FIELDS,
    ROW_FIELDS,
    Columns,
    default_columns,
    sheet_rows,
)
from tests.plans.builders import sized_plan
from tests.web.world import World, build_world
from tests.world import save_as_current, seed_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def focal(world: World) -> Client:
    client = Client()
    client.force_login(world.users["focal"])
    return client


def _post(plan_pk: int, lang: str = "bn", **changes: dict[int, dict[str, str]]):
    domain = plan_to_domain(plan_pk)
    columns = default_columns(domain)
    rows = sheet_rows(domain, columns, lang)
    for i, cells in changes.get("rows", {}).items():
        rows[i] |= cells
    data: dict[str, list[str]] = {f: [r[f] for r in rows] for f in rows[0]}
    for i, c in enumerate(columns.actuals):
        data[f"actual_year_{i}"] = [c.fiscal_year]
        if c.provisional:
            data[f"actual_prov_{i}"] = ["on"]
    for i, c in enumerate(columns.projections):
        data[f"projection_year_{i}"] = [c.fiscal_year]
    total = domain.total_weight
    data["total_weight"] = ["" if total is None else format_number(total, lang, grouping=False)]
    return data


def _form_post(client: Client, url: str, data: dict[str, list[str]]):
    """Post as the browser does (url-encoded: Bengali letters weigh 9 bytes each), so that
    Django's request limits count what they count for a real page."""
    return client.post(url, urlencode(data, doseq=True),
                       content_type="application/x-www-form-urlencoded")


def test_the_editor_saves_and_redirects(world: World, focal: Client) -> None:
    plan = save_as_current(plan=seed_plan("000"), office=world.offices["X"])
    data = _post(plan.pk, rows={0: {"weight": "৪"}}) | {"lock_version": ["0"]}
    response = focal.post(reverse("plans:edit", args=[plan.pk]), data)
    assert response.status_code == 302 and response["Location"].endswith("?saved=1")
    assert plan_to_domain(plan.pk) == seed_plan("000")


def test_a_bad_cell_comes_back_with_everything_typed_and_marked(world: World,
                                                                 focal: Client) -> None:
    plan = save_as_current(plan=seed_plan("000"), office=world.offices["X"])
    data = _post(plan.pk, rows={1: {"weight": "পাঁচ", "name": "নতুন নাম যা হারাবে না"}})
    response = focal.post(reverse("plans:edit", args=[plan.pk]), data | {"lock_version": ["0"]})
    page = response.content.decode()
    assert response.status_code == 400
    grid = _grid_data(page)
    assert _cell(grid, 1, "name") == "নতুন নাম যা হারাবে না"
    assert _cell(grid, 1, "weight") == "পাঁচ"
    assert [(m["row"], m["field"]) for m in grid["marks"]] == [(1, "weight")]
    # The message names the row and the column (the header the person reads).
    assert "সারি ২, সূচকের মান: " in page
    assert plan_to_domain(plan.pk) == seed_plan("000")


def _grid_data(page: str) -> dict:
    """The editor's table as the page sends it (#grid-data, drawn by grid.js)."""
    found = re.search(r'<script type="application/json" id="grid-data">(.*?)</script>', page, re.S)
    assert found, "no grid payload"
    return json.loads(found.group(1))


def _cell(grid: dict, row: int, field: str) -> str:
    return grid["rows"][row]["v"][grid["fields"].index(field)]


def _compact(plan_pk: int, changes: dict[int, dict[str, str]], lock: int = 0,
             lang: str = "bn") -> dict[str, str]:
    """What grid.js posts: unchanged rows as their index, changed rows whole."""
    data = {k: v[0] for k, v in _post(plan_pk, lang).items() if k not in ROW_FIELDS}
    domain = plan_to_domain(plan_pk)
    rows = sheet_rows(domain, default_columns(domain), lang)
    table = [{"o": i, "v": [(rows[i] | changes[i]).get(f, "") for f in ROW_FIELDS]}
             if i in changes else {"o": i} for i in range(len(rows))]
    return data | {"lock_version": str(lock),
                   "table": json.dumps({"fields": list(ROW_FIELDS), "rows": table})}


def test_a_compact_save_sends_only_the_changed_row(world: World, focal: Client) -> None:
    seed = seed_plan("002")
    plan = save_as_current(plan=seed, office=world.offices["X"])
    data = _compact(plan.pk, {3: {"name": "নতুন নাম"}})
    assert len(data["table"].encode()) < 4000  # 39 rows, one of them whole
    response = focal.post(reverse("plans:edit", args=[plan.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = plan_to_domain(plan.pk)
    assert stored.indicators[3].name == "নতুন নাম"
    assert [i for i in stored.indicators if i.number != seed.indicators[3].number] == [
        i for i in seed.indicators if i.number != seed.indicators[3].number]
    # The live checks read the same compact post.
    check = focal.post(reverse("plans:validate", args=[plan.pk]),
                       _compact(plan.pk, {0: {"weight": "পাঁচ"}}, lock=1))
    assert check.status_code == 200 and "সারি ১, সূচকের মান:" in check.content.decode()


def test_a_compact_save_on_an_old_version_is_refused_and_names_nothing_stored(
        world: World, focal: Client) -> None:
    plan = save_as_current(plan=seed_plan("000"), office=world.offices["X"])
    assert focal.post(reverse("plans:edit", args=[plan.pk]),
                      _compact(plan.pk, {0: {"name": "প্রথম"}})).status_code == 302
    response = focal.post(reverse("plans:edit", args=[plan.pk]),
                          _compact(plan.pk, {1: {"name": "দ্বিতীয়"}}, lock=0))
    assert response.status_code == 409
    assert plan_to_domain(plan.pk).indicators[0].name == "প্রথম"
    assert plan_to_domain(plan.pk).indicators[1].name == seed_plan("000").indicators[1].name


@pytest.mark.parametrize("table", ["not json", '{"fields": ["name"], "rows": [{"o": 999}]}',
                                   '{"fields": ["name"], "rows": [{"v": 5}]}', "[]"])
def test_a_broken_compact_post_is_refused_in_both_languages(world: World, focal: Client,
                                                             table: str) -> None:
    plan = save_as_current(plan=seed_plan("000"), office=world.offices["X"])
    data = _compact(plan.pk, {}) | {"table": table}
    response = focal.post(reverse("plans:edit", args=[plan.pk]), data)
    assert response.status_code == 400
    assert "ছকের তথ্য পড়া যায়নি" in response.content.decode()
    assert plan_to_domain(plan.pk) == seed_plan("000")


def test_the_editor_page_of_2000_rows_is_compact(world: World, focal: Client) -> None:
    plan = save_as_current(plan=sized_plan(MAX_ROWS, plan_id="big"),
                                 office=world.offices["X"])
    page = focal.get(reverse("plans:edit", args=[plan.pk])).content
    assert len(_grid_data(page.decode())["rows"]) == MAX_ROWS
    assert len(page) < 2_000_000  # it was 9.7 MB of HTML cells
    assert page.count(b"<tr") < 10  # the rows are drawn by the script, not sent as HTML


# The session, the person with their roles, the plan with its office, the unread notices,
# then the grid straight from the plan's tables (convert.load_grid).
EDITOR_PAGE_QUERIES = 4 + GRID_QUERIES


@pytest.mark.parametrize("size", [5, MAX_ROWS])
def test_the_editor_page_costs_the_same_queries_at_5_or_2000_rows(
        world: World, focal: Client, size: int, django_assert_num_queries) -> None:
    plan = save_as_current(plan=sized_plan(size, plan_id="big"), office=world.offices["X"])
    focal.get(reverse("plans:edit", args=[plan.pk]))  # warm the session
    with django_assert_num_queries(EDITOR_PAGE_QUERIES):
        page = focal.get(reverse("plans:edit", args=[plan.pk]))
    assert len(_grid_data(page.content.decode())["rows"]) == size


def test_the_later_of_two_saves_is_refused_and_keeps_its_typing(world: World,
                                                                 focal: Client) -> None:
    plan = save_as_current(plan=seed_plan("000"), office=world.offices["X"])
    first = _post(plan.pk, rows={0: {"name": "প্রথম জনের লেখা"}}) | {"lock_version": ["0"]}
    second = _post(plan.pk, rows={0: {"name": "দ্বিতীয় জনের লেখা"}}) | {"lock_version": ["0"]}
    assert focal.post(reverse("plans:edit", args=[plan.pk]), first).status_code == 302
    response = focal.post(reverse("plans:edit", args=[plan.pk]), second)
    page = response.content.decode()
    assert response.status_code == 409
    assert "অন্য কেউ এই পরিকল্পনাটি এর মধ্যে সংরক্ষণ করেছেন" in page
    assert "দ্বিতীয় জনের লেখা" in page
    assert plan_to_domain(plan.pk).indicators[0].name == "প্রথম জনের লেখা"
    english = Client()
    english.force_login(world.users["focal"])
    english.cookies["django_language"] = "en"
    response = english.post(reverse("plans:edit", args=[plan.pk]), second)
    assert "Someone else saved this plan" in response.content.decode()


def test_the_live_checks_name_the_weight_cells(world: World, focal: Client) -> None:
    plan = save_as_current(plan=seed_plan("000"), office=world.offices["X"])
    data = _post(plan.pk, rows={0: {"weight": "৯"}})
    response = focal.post(reverse("plans:validate", args=[plan.pk]), data,
                          HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-code="AREA_WEIGHT_MISMATCH"' in page
    assert '{"row": 0, "field": "area_weight"}' in page
    assert "সূচকসমূহের মানের যোগফল ৩০, কিন্তু ক্ষেত্রের মান ২৫" in page
    assert plan_to_domain(plan.pk) == seed_plan("000")  # checking saves nothing


def test_the_live_checks_flag_numbers_mixing_digits_or_with_stray_marks(
        world: World, focal: Client) -> None:
    """Issue 12 rule 9: the cell as typed is checked, and marked where it stands."""
    plan = save_as_current(seed_plan("000"), world.offices["X"])
    url = reverse("plans:validate", args=[plan.pk])
    clean = focal.post(url, _post(plan.pk), HTTP_HX_REQUEST="true").content.decode()
    assert "NUMBER_MIXED_DIGITS" not in clean and "NUMBER_STRAY_CHARACTER" not in clean
    data = _post(plan.pk, rows={0: {"weight": "1০"}, 1: {"level_100": "১২o৫"}})
    page = focal.post(url, data, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-code="NUMBER_MIXED_DIGITS"' in page and "“1০”" in page
    assert 'data-code="NUMBER_STRAY_CHARACTER"' in page and "“o”" in page
    assert '{"row": 0, "field": "weight"}' in page
    assert '{"row": 1, "field": "level_100"}' in page
    assert plan_to_domain(plan.pk) == seed_plan("000")  # checking saves nothing


def test_an_action_plan_indicator_with_only_its_100_percent_target_is_single_target(
        world: World, focal: Client) -> None:
    """Issue 12 rule 5: a monitoring page printing only the অসাধারণ column and quarterly
    targets is a single-target activity — the editor accepts it as such and saves it so."""
    from kormo.domain.digits import to_bengali_digits
    from kormo.domain.scoring import is_single_target, score_plan

    seed = seed_plan("001")
    plan = save_as_current(seed, world.offices["X"])
    domain = plan_to_domain(plan.pk)
    rows = sheet_rows(domain, default_columns(domain), "bn")
    i = next(n for n, r in enumerate(rows) if r["number"])
    only_100 = {"annual_target": "", "level_100": "৪", "level_90": "", "level_80": "",
                "level_70": "", "level_60": "", "q1": "১", "q2": "১", "q3": "১", "q4": "১"}
    data = _post(plan.pk, rows={i: only_100})
    checks = focal.post(reverse("plans:validate", args=[plan.pk]), data,
                        HTTP_HX_REQUEST="true").content.decode()
    assert "Cells that cannot be read" not in checks and "পড়া যায়নি" not in checks
    ref = to_bengali_digits(rows[i]["number"])
    assert ref == "১.১.১"
    errors = re.findall(r'<li class="error"[^>]*>(.*?)</li>', checks)
    assert errors and not [e for e in errors if f"[{ref}]" in e]  # the seed's own remain
    # Its quarterly targets add up to its one target, as any single target's must.
    wrong = _post(plan.pk, rows={i: only_100 | {"q1": "২", "q2": "২", "q3": "২", "q4": "২"}})
    bad = focal.post(reverse("plans:validate", args=[plan.pk]), wrong,
                     HTTP_HX_REQUEST="true").content.decode()
    assert [e for e in re.findall(r'<li class="error"[^>]*>(.*?)</li>', bad)
            if f"[{ref}]" in e and "৮" in e and "৪" in e]
    assert f'{{"row": {i}, "field": "q1"}}' in bad
    response = _form_post(focal, reverse("plans:edit", args=[plan.pk]),
                          data | {"lock_version": ["0"]})
    assert response.status_code == 302
    saved = plan_to_domain(plan.pk)
    ind = saved.indicators[0]  # the first numbered row
    assert [q for q, _ in ind.quarterly_targets] and ind.levels.v90 is None
    assert is_single_target(ind, saved.kind)
    assert score_plan(saved) is not None


def _editor_queries(client: Client, plan_pk: int, django_assert_num_queries, n: int) -> None:
    with django_assert_num_queries(n):
        assert client.get(reverse("plans:edit", args=[plan_pk])).status_code == 200


def test_the_editor_costs_the_same_queries_for_5_or_60_indicators(
        world: World, focal: Client, django_assert_max_num_queries,
        django_assert_num_queries) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (5, 60):
        plan = save_as_current(plan=sized_plan(size, plan_id=f"s{size}"),
                                     office=world.offices["X"])
        focal.get(reverse("plans:edit", args=[plan.pk]))  # warm the session
        with CaptureQueriesContext(connection) as ctx:
            focal.get(reverse("plans:edit", args=[plan.pk]))
        counts.append(len(ctx.captured_queries))
        with CaptureQueriesContext(connection) as ctx:
            response = _form_post(focal, reverse("plans:validate", args=[plan.pk]),
                                  _post(plan.pk))
        assert response.status_code == 200, size  # 60 rows post 2,280 fields
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[2] and counts[1] == counts[3]
    _editor_queries(focal, plan.pk, django_assert_num_queries, counts[2])


# ---------------------------------------------------------------- big plans


def test_seed_002s_whole_nis_plan_saves_through_the_editor(world: World, focal: Client) -> None:
    """39 rows post about 1,500 fields: Django's default limit (1,000) refused them."""
    seed = seed_plan("002")
    plan = save_as_current(plan=seed, office=world.offices["X"])
    data = _post(plan.pk) | {"lock_version": ["0"]}
    assert len(data["number"]) == 39
    url = reverse("plans:validate", args=[plan.pk])
    assert _form_post(focal, url, data).status_code == 200
    response = _form_post(focal, reverse("plans:edit", args=[plan.pk]), data)
    assert response.status_code == 302 and response["Location"].endswith("?saved=1")
    assert plan_to_domain(plan.pk) == seed


def _rows_of_length(n: int) -> dict[str, list[str]]:
    """`n` rows like seed 002's (repeated, renumbered so that every number is new), with all
    eight year columns filled: the most fields a row can post, and real Bengali text."""
    seed = sheet_rows(seed_plan("002"), Columns(), "bn")
    rows = []
    for i in range(n):
        row = dict(seed[i % len(seed)], key="")
        block = i // len(seed) + 1
        for name in ("area_number", "activity_number", "number"):
            if row[name]:
                row[name] = f"{block}.{row[name]}"
        row |= dict.fromkeys((*ACTUAL_FIELDS, *PROJECTION_FIELDS), "১২")
        rows.append(row)
    data = {f: [r[f] for r in rows] for f in rows[0]}
    for i in range(4):
        data[f"actual_year_{i}"] = [f"{2016 + i}-{17 + i}"]
        data[f"projection_year_{i}"] = [f"{2021 + i}-{22 + i}"]
    return data | {"total_weight": [""], "lock_version": ["0"]}


@pytest.mark.slow
def test_a_plan_of_max_rows_rows_saves(world: World, focal: Client) -> None:
    plan = save_as_current(plan=seed_plan("002"), office=world.offices["X"])
    data = _rows_of_length(MAX_ROWS)
    assert sum(len(v) for v in data.values()) > 75_000
    response = _form_post(focal, reverse("plans:edit", args=[plan.pk]), data)
    assert response.status_code == 302
    saved = plan_to_domain(plan.pk)
    assert len(saved.indicators) == sum(1 for n in data["number"] if n)
    assert saved.indicators[-1].number == data["number"][-1]
    assert [str(y.value) for y in saved.indicators[-1].projections] == [
        "Number(value=Decimal('12'))"] * 4


@pytest.mark.slow
def test_one_row_too_many_is_refused_with_the_editors_message(world: World, focal: Client
                                                               ) -> None:
    seed = seed_plan("002")
    plan = save_as_current(plan=seed, office=world.offices["X"])
    data = _rows_of_length(MAX_ROWS + 1)
    response = _form_post(focal, reverse("plans:validate", args=[plan.pk]), data)
    assert response.status_code == 200
    assert "একটি ছকে সর্বোচ্চ ২,০০০টি সারি থাকতে পারে" in response.content.decode()
    response = _form_post(focal, reverse("plans:edit", args=[plan.pk]), data)
    assert response.status_code == 400
    assert "একটি ছকে সর্বোচ্চ ২,০০০টি সারি থাকতে পারে" in response.content.decode()
    assert plan_to_domain(plan.pk) == seed


@pytest.mark.parametrize("too_big", ["fields", "bytes"])
def test_a_post_above_djangos_limits_gets_a_bilingual_page(world: World, focal: Client,
                                                           too_big: str) -> None:
    seed = seed_plan("002")
    plan = save_as_current(plan=seed, office=world.offices["X"])
    if too_big == "fields":
        data = {"key": [""] * (django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    else:
        data = {"name": ["ক" * (django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 9 + 1)]}
    for url in (reverse("plans:edit", args=[plan.pk]), reverse("plans:validate", args=[plan.pk])):
        response = _form_post(focal, url, data | {"lock_version": ["0"]})
        page = response.content.decode()
        assert response.status_code == 400
        # Django's 400 page (web/templates/400.html), in both languages, not a bare "Bad
        # Request (400)"; what was typed stays in the browser's draft (editor.js).
        assert "Bad Request (400)" not in page
        assert re.search(r'lang="bn">[^<]*[\u0980-\u09ff]', page)
        assert re.search(r'lang="en">[A-Za-z]', page)
    assert plan_to_domain(plan.pk) == seed


# ---------------------------------------------------------------- Bengali digits


class _Visible(HTMLParser):
    """What a person reads or hears on the page: text, labelling attributes and the messages
    the script shows (data-msg-*); not what cells hold (input values, textareas: typed or
    stored, shown as they are), nor scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "textarea"):
            self._skip += 1
        for name, value in attrs:
            if value and (name in ("aria-label", "title", "placeholder", "alt")
                          or name.startswith("data-msg")):
                self.parts.append(f"{tag}[{name}]: {value}")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "textarea"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.parts.append(data.strip())


def _latin_digits(html: str) -> list[str]:
    parser = _Visible()
    parser.feed(html)
    return [p for p in parser.parts if re.search(r"[0-9]", p)]


def test_bengali_editor_and_sections_pages_write_bengali_digits(world: World,
                                                                 focal: Client) -> None:
    plan = save_as_current(plan=seed_plan("000"), office=world.offices["X"])
    pages = {
        "editor": focal.get(reverse("plans:edit", args=[plan.pk])),
        "sections": focal.get(reverse("plans:sections", args=[plan.pk])),
        # A refused save lists its problems by row, with "(and 1 more)".
        "refused": focal.post(reverse("plans:edit", args=[plan.pk]), _post(
            plan.pk, rows={1: {"weight": "পাঁচ"}, 2: {"level_90": "x"}}) | {
                "lock_version": ["0"]}),
        "checks": _form_post(focal, reverse("plans:validate", args=[plan.pk]),
                             _post(plan.pk, rows={0: {"weight": "৯"}})),
    }
    assert "(এবং আরও ১টি)" in pages["refused"].content.decode()
    assert 'aria-label="বাস্তবায়নকারী অনুবিভাগ/শাখা ১.১.১"' in pages["sections"].content.decode()
    for name, response in pages.items():
        assert _latin_digits(response.content.decode()) == [], name
    # The same pages in English keep Latin digits (the test tells them apart).
    focal.cookies["django_language"] = "en"
    english = focal.get(reverse("plans:edit", args=[plan.pk])).content.decode()
    assert "Excellent 100%" in _latin_digits(english)


def test_signatures_typed_into_the_sections_page_change_nothing(world: World,
                                                                focal: Client) -> None:
    # A version is signed only through the signing service (plan_sign): the sections page has
    # no signature table, and signature fields smuggled into its post are ignored.
    plan = save_as_current(plan=seed_plan("000"), office=world.offices["X"])
    before = plan_to_domain(plan.pk)
    page = focal.get(reverse("plans:sections", args=[plan.pk])).content.decode()
    assert 'name="signatures-' not in page and 'value="signatures"' not in page
    response = focal.post(reverse("plans:sections", args=[plan.pk]), {
        "lock_version": "0", "sections": ["signatures", "notes"], "notes": "একটি নোট",
        "signatures-post": ["মহাপরিচালক"], "signatures-office": ["অধিদপ্তর"],
        "signatures-name": ["অন্য কেউ"], "signatures-signed_on": ["০১/০৭/২০২২"],
        "signatures-role": ["supervisor"]})
    assert response.status_code == 302
    after = plan_to_domain(plan.pk)
    assert after.signatures == before.signatures
    assert after.notes == ("একটি নোট",)


@pytest.mark.parametrize(("lang", "said"), [("bn", "ছকটি সংরক্ষণ করা হয়েছে।"),
                                            ("en", "The table is saved.")])
def test_a_saved_table_is_confirmed_in_the_pages_language(world: World, lang: str,
                                                          said: str) -> None:
    plan = save_as_current(plan=seed_plan("000"), office=world.offices["X"])
    client = Client()
    client.force_login(world.users["focal"])
    client.cookies["django_language"] = lang
    data = _post(plan.pk, lang) | {"lock_version": ["0"]}
    page = client.post(reverse("plans:edit", args=[plan.pk]), data, follow=True)
    assert page.redirect_chain[-1][0].endswith("?saved=1")
    assert [str(m) for m in page.context["messages"]] == [said]
    assert said in page.content.decode()
    assert plan_to_domain(plan.pk) == seed_plan("000")
