"""The plan editor in a real browser (Debian's Chromium through Playwright).

(a) the Rangpur district focal point creates the 2022-23 APA from the year's template, types
    seed 000's section 3 (all 16 indicators, from data/seeds/000-*.json), sees a weight error
    appear and disappear, saves, reloads and finds everything as the seed holds it;
(b) the Kaliganj focal point writes a quarterly NIS action plan like seed 002's (weights in
    the sections, quarterly targets, a date and a money target, a choose-3 section), partly by
    pasting a block copied from Excel, then pastes all of seed 002's 39 rows (more fields than
    Django's default limit of 1,000 allows), saves and finds them after a reload;
(c) the editor on a 360 px wide phone;
(d) two people editing: the later save is refused and the typed values stay (and come back
    from the browser's draft after a reload);
(e) a live check the server refuses is reported in the checks panel;
(f) a plan of 2,000 rows opens with a screenful of rows drawn, its last row saves;
and screenshots of the main pages in Bengali and English.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from kormo.domain import plan as d
from kormo.domain.digits import to_bengali_digits
from kormo.domain.values import DateValue
from kormo.offices.models import Office
from kormo.plans.authoring import plan_create_from_template
from kormo.plans.convert import plan_to_domain
from kormo.plans.models import Plan
from kormo.plans.sheet import MAX_ROWS, ROW_FIELDS, Columns, default_columns, sheet_rows
from tests.browser.conftest import login, shot
from tests.plans.builders import sized_plan
from tests.world import save_as_current, seed_plan

pytestmark = pytest.mark.browser


def _cell(page, row: int, field: str):
    """Row `row`'s cell `field`, scrolled into view (the editor draws only the rows in view)."""
    page.evaluate("i => window.kormoGrid.show(i)", row)
    return page.locator(f"#sheet tbody tr[data-i='{row}'] [name='{field}']")


def _type_row(page, row: int, values: dict[str, str]) -> None:
    """Type a row's cells as a person would (fill fires the input events); cells that
    already hold the value are left alone."""
    page.evaluate("i => window.kormoGrid.show(i)", row)
    tr = page.locator(f"#sheet tbody tr[data-i='{row}']")
    shown = tr.evaluate(
        "tr => Object.fromEntries([...tr.querySelectorAll('[name]')]"
        ".map(e => [e.name, [e.tagName, e.value]]))")
    for name in ROW_FIELDS:
        if name == "key" or name not in values or name not in shown:
            continue
        tag, value = shown[name]
        if value == values[name]:
            continue
        el = tr.locator(f"[name='{name}']")
        if tag == "SELECT":
            el.select_option(values[name])
        else:
            el.fill(values[name])


def _template_option(page, label: str) -> None:
    option = page.locator("#template option", has_text=label).first
    page.select_option("#template", option.get_attribute("value"))
    page.click("form[action*='/plans/new/'] button.primary")
    page.wait_for_url(re.compile(r".*/plans/\d+/edit/$"))


def _plan_id(page) -> int:
    return int(re.search(r"/plans/(\d+)/", page.url).group(1))


def _grid(plan: d.Plan, columns: Columns) -> list[dict[str, str]]:
    return [{k: v for k, v in r.items() if k != "key"} for r in sheet_rows(plan, columns, "bn")]


def _bn_ref(name: str, value: str) -> str:
    """A reference cell (area, activity, indicator no.) as a Bengali page shows it."""
    return to_bengali_digits(value) if name in ("area_number", "activity_number", "number") \
        else value


def _save(page) -> None:
    page.locator(".editor-bar button.primary").click()
    page.wait_for_url(re.compile(r".*\?saved=1$"))


def test_a_focal_point_writes_seed_000s_section_3_from_the_template(demo, new_page) -> None:
    page = new_page()
    login(page, "rangpur-focal")
    rangpur = Office.objects.get(code="demo-rangpur")
    page.goto(f"/offices/{rangpur.pk}/")
    _template_option(page, "বার্ষিক কর্মসম্পাদন চুক্তি")
    plan_pk = _plan_id(page)

    seed = seed_plan("000")
    columns = default_columns(seed)
    target = {"bn": sheet_rows(seed, columns, "bn"), "en": sheet_rows(seed, columns, "en")}
    page.check("input[data-group='more']")
    assert page.locator("#sheet tbody tr").count() == 5  # the governance area of the template
    office_rows = sum(1 for a in seed.areas if a.kind is d.AreaKind.OFFICE
                      for _ in a.indicators)
    for _ in range(office_rows):
        page.click("button[data-add-row='sheet']")
    # The new rows go above the governance area: each moves up past its five rows.
    for j in range(office_rows):
        for _ in range(5):
            page.locator(f"#sheet tbody tr[data-i='{5 + j}'] button[data-row='up']").click()
    # Type every row: Bengali digits on even rows, Latin digits on odd ones.
    for i in range(len(target["bn"])):
        _type_row(page, i, target["bn" if i % 2 == 0 else "en"][i])

    # A wrong weight shows the area's mismatch beside the table and marks the area's weight.
    _cell(page, 0, "weight").fill("৯")
    page.wait_for_selector("#checks [data-code='AREA_WEIGHT_MISMATCH']")
    page.wait_for_selector("#sheet tbody tr[data-i='0'] [name='area_weight'].cell-error")
    shot(page, "editor-weight-error-bn")
    _cell(page, 0, "weight").fill("৪")
    page.wait_for_selector("#checks [data-code='AREA_WEIGHT_MISMATCH']", state="detached")
    assert page.locator("[name='area_weight'].cell-error").count() == 0

    _save(page)
    page.reload()
    stored = plan_to_domain(plan_pk)
    assert _grid(stored, columns) == _grid(seed, columns)
    assert [(a.number, a.kind, a.weight) for a in stored.areas] == [
        (a.number, a.kind, a.weight) for a in seed.areas]
    assert len(stored.indicators) == 16
    # The reloaded page shows what the seed holds, cell by cell, references in Bengali digits.
    for i, row in enumerate(target["bn"]):
        for name in ("number", "weight", "level_100", "actual_1", "projection_1"):
            assert _cell(page, i, name).input_value() == _bn_ref(name, row[name]), (i, name)


def _nis_plan(sections: tuple[int, ...] | None = (0, 7, 9)) -> d.Plan:
    """Seed 002's sections 1, 8 (choose 3) and 10 (money), or all of them (None), moved into
    2022-23."""
    seed = seed_plan("002")

    def shift(value):
        if isinstance(value, DateValue):
            return DateValue(value.value.replace(year=value.value.year + 2))
        return value

    def ind(i: d.Indicator) -> d.Indicator:
        return dataclasses.replace(
            i, annual_target=shift(i.annual_target),
            quarterly_targets=tuple((q, shift(v)) for q, v in i.quarterly_targets))

    areas = tuple(
        dataclasses.replace(a, activities=tuple(dataclasses.replace(
            act, indicators=tuple(ind(i) for i in act.indicators)) for act in a.activities))
        for i, a in enumerate(seed.areas) if sections is None or i in sections)
    return dataclasses.replace(seed, fiscal_year="2022-23", areas=areas)


def _paste(page, text: str) -> None:
    """Paste `text` into the focused cell as the browser does with a block copied from Excel."""
    page.evaluate(
        """text => { const dt = new DataTransfer(); dt.setData('text/plain', text);
        document.activeElement.dispatchEvent(new ClipboardEvent('paste',
        {clipboardData: dt, bubbles: true, cancelable: true})); }""", text)


def _tsv(rows: list[list[str]]) -> str:
    """Rows as Excel copies them: tab-separated, a cell with a tab, newline or quote quoted."""
    def cell(v: str) -> str:
        return '"' + v.replace('"', '""') + '"' if re.search(r'[\t\n"]', v) else v
    return "\r\n".join("\t".join(cell(v) for v in r) for r in rows) + "\r\n"


def test_another_focal_point_writes_a_quarterly_nis_action_plan(demo, new_page) -> None:
    page = new_page()
    login(page, "kaliganj-focal")
    kaliganj = Office.objects.get(code="demo-kaliganj-coop")
    page.goto(f"/offices/{kaliganj.pk}/")
    _template_option(page, "শুদ্ধাচার কর্মপরিকল্পনা")
    plan_pk = _plan_id(page)
    page.check("input[data-group='more']")
    while page.locator("#sheet tbody tr").count() > 1:  # start from a clean sheet
        page.locator("#sheet tbody tr[data-i='0'] button[data-row='delete']").click()
    target = _nis_plan()
    columns = Columns()
    rows = sheet_rows(target, columns, "bn")
    for _ in range(len(rows) - 1):
        page.click("button[data-add-row='sheet']")
    for i, row in enumerate(rows):
        quarters = {k: row[k] for k in ("q1", "q2", "q3", "q4")}
        _type_row(page, i, {k: v for k, v in row.items() if k not in quarters})
    # The quarterly targets of every row are pasted as one block copied from Excel.
    block = "\r\n".join("\t".join(r[k] for k in ("q1", "q2", "q3", "q4")) for r in rows) + "\r\n"
    _cell(page, 0, "q1").focus()
    _paste(page, block)
    assert _cell(page, len(rows) - 1, "q4").input_value() == rows[-1]["q4"]
    page.fill("#total_weight", "")
    _save(page)
    stored = plan_to_domain(plan_pk)
    assert _grid(stored, columns) == _grid(target, columns)
    money = stored.areas[2].indicators[0]
    assert str(money.annual_target) == "Money(value=Decimal('12000'))"
    assert stored.areas[1].choose_at_least == 3
    dates = [v for _, v in stored.areas[0].indicators[2].quarterly_targets]
    assert dates[0] == DateValue(dt.date(2022, 9, 30))

    # Then the whole of seed 002, all 39 rows, pasted over the table as one Excel block:
    # about 1,200 fields, which Django's default limit (1,000) refused with a bare 400.
    whole = _nis_plan(None)
    rows = sheet_rows(whole, columns, "bn")
    assert len(rows) == 39
    page.check("input[data-group='more']")  # shown again after the save's reload
    names = page.evaluate(
        """() => [...document.querySelector('#sheet tbody tr')
        .querySelectorAll('input,select,textarea')]
        .filter(e => e.type !== 'hidden' && e.offsetParent !== null).map(e => e.name)""")
    _cell(page, 0, names[0]).focus()
    _paste(page, _tsv([[r[n] for n in names] for r in rows]))
    assert page.locator("#sheet").get_attribute("data-rows") == "39"
    with page.expect_response(lambda r: r.url.endswith("/edit/validate/")) as check:
        page.fill("#total_weight", "১০০")
    assert check.value.status == 200
    with page.expect_response(lambda r: r.request.method == "POST"
                              and re.search(r"/edit/(\?|$)", r.url)) as saved:
        page.locator(".editor-bar button.primary").click()
    assert saved.value.status == 302
    page.wait_for_url(re.compile(r".*\?saved=1$"))
    page.reload()
    stored = plan_to_domain(plan_pk)
    assert _grid(stored, columns) == _grid(whole, columns)
    assert len(stored.indicators) == len(whole.indicators) and stored.total_weight == 100
    # The reloaded page shows every row as the seed holds it, numbered in Bengali digits.
    assert page.locator("#sheet").get_attribute("data-rows") == "39"
    _cell(page, 38, "name")
    assert page.locator("#sheet tbody tr[data-i='38'] .rownum").inner_text() == "৩৯"
    for i, row in enumerate(rows):
        for name in ("number", "name", "weight", "q1", "q4"):
            assert _cell(page, i, name).input_value() == _bn_ref(name, row[name]), (i, name)


def _fresh_apa(code: str = "demo-rangpur") -> Plan:
    office = Office.objects.get(code=code)
    template = Plan.objects.get(is_template=True, kind="apa")
    from django.contrib.auth import get_user_model

    actor = get_user_model().objects.get(username="rangpur-focal")
    plan = plan_create_from_template(office=office, template=template, fiscal_year="2022-23",
                                     actor=actor)
    return plan


def test_a_plan_of_2000_rows_opens_a_screenful_and_its_last_row_saves(demo, new_page) -> None:
    """The editor draws only the rows in view: a 2,000-row plan opens with a screenful of
    rows in the page, and its last row is reached, typed in and saved like the first."""
    plan = save_as_current(plan=sized_plan(MAX_ROWS), office=Office.objects.get(
        code="demo-rangpur"))
    page = new_page()
    login(page, "rangpur-focal")
    page.goto(f"/plans/{plan.pk}/edit/")
    page.wait_for_selector("body[data-grid-ready]")
    # The live check the opening sends answers first (it must not outlive the test's server).
    page.wait_for_selector("#checks h2")
    assert page.locator("#sheet").get_attribute("data-rows") == "2000"
    drawn = page.locator("#sheet tbody tr").count()
    assert 10 <= drawn <= 80, drawn
    assert _cell(page, 0, "name").input_value() == "সূচক 0"
    last = _cell(page, MAX_ROWS - 1, "weight")
    assert page.locator(f"#sheet tbody tr[data-i='{MAX_ROWS - 1}'] .rownum").inner_text() \
        == "২০০০"
    assert page.locator("#sheet tbody tr").count() <= 80  # the first rows were let go
    last.fill("৩")
    _save(page)
    page.wait_for_selector("#checks h2")
    stored = plan_to_domain(plan.pk)
    assert [i.weight for i in stored.indicators[-2:]] == [1, 3]
    assert len(stored.indicators) == MAX_ROWS


def test_the_editor_works_on_a_360_px_phone(demo, new_page) -> None:
    plan = _fresh_apa()
    page = new_page(width=360, height=740)
    login(page, "rangpur-focal")
    page.goto(f"/plans/{plan.pk}/edit/")
    page.wait_for_selector("#checks h2")
    # The page itself does not scroll sideways; the table scrolls inside its own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    box = page.locator(".editor-layout > .scroll")
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")
    _cell(page, 0, "weight").fill("৫")
    page.wait_for_selector("#checks [data-code='AREA_WEIGHT_MISMATCH']")
    _cell(page, 0, "weight").press("Enter")  # Enter moves down, never submits
    assert page.evaluate("document.activeElement.name") == "weight"
    assert "saved" not in page.url
    shot(page, "editor-360-bn")


def test_a_stale_save_is_refused_and_the_typed_values_stay(demo, new_page) -> None:
    plan = _fresh_apa()
    first, second = new_page(), new_page()
    for page in (first, second):
        login(page, "rangpur-focal")
        page.goto(f"/plans/{plan.pk}/edit/")
    _cell(first, 0, "name").fill("প্রথম জনের লেখা")
    _save(first)
    _cell(second, 0, "name").fill("দ্বিতীয় জনের লেখা")
    second.locator(".editor-bar button.primary").click()
    second.wait_for_selector("#save-error")
    assert "অন্য কেউ এই পরিকল্পনাটি এর মধ্যে সংরক্ষণ করেছেন" in second.inner_text("#save-error")
    assert _cell(second, 0, "name").input_value() == "দ্বিতীয় জনের লেখা"
    shot(second, "editor-conflict-bn")
    assert plan_to_domain(plan.pk).indicators[0].name == "প্রথম জনের লেখা"
    # After a reload the browser still has the typed values, and offers them back.
    second.goto(f"/plans/{plan.pk}/edit/")
    second.wait_for_selector("#draft-notice:not([hidden])")
    assert _cell(second, 0, "name").input_value() == "প্রথম জনের লেখা"
    second.click("#draft-notice [data-draft='restore']")
    assert _cell(second, 0, "name").input_value() == "দ্বিতীয় জনের লেখা"


def test_a_refused_check_says_so_in_the_panel(demo, new_page) -> None:
    """A live check the server refuses (a post above its limits answers 400) must not leave
    the last answer standing as if it were current."""
    plan = _fresh_apa()
    page = new_page()
    login(page, "rangpur-focal")
    page.goto(f"/plans/{plan.pk}/edit/")
    page.wait_for_selector("#checks h2")
    page.route("**/edit/validate/", lambda route: route.fulfill(status=400, body="Bad"))
    _cell(page, 0, "weight").fill("৫")
    page.wait_for_selector("#checks [data-check-failed]")
    assert page.inner_text("#checks").startswith("যাচাই চালানো যায়নি")
    assert page.locator("#checks h2").count() == 0
    assert _cell(page, 0, "weight").input_value() == "৫"


def _relogin(page, lang: str) -> None:
    """Forget the session (log out), keeping the page's language."""
    page.context.clear_cookies()
    origin = re.match(r"https?://[^/]+", page.url).group(0)
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": origin + "/"}])


@pytest.mark.parametrize("lang", ["bn", "en"])
def test_screenshots_of_the_main_pages(demo, new_page, lang: str) -> None:
    plan = _fresh_apa()
    page = new_page(width=1280, height=800, lang=lang)
    page.goto("/login/")
    shot(page, f"login-{lang}")
    login(page, "rangpur-head")
    shot(page, f"office-list-{lang}")
    page.goto(f"/offices/{plan.office_id}/")
    shot(page, f"office-{lang}", full_page=True)
    page.goto(f"/plans/{plan.pk}/")
    shot(page, f"plan-{lang}")
    _relogin(page, lang)
    login(page, "rangpur-focal")
    page.goto(f"/plans/{plan.pk}/edit/")
    _cell(page, 0, "weight").fill("১৫" if lang == "bn" else "15")
    page.wait_for_selector("#sheet tbody tr[data-i='0'] [name='area_weight'].cell-error")
    shot(page, f"editor-{lang}")
    _relogin(page, lang)
    login(page, "admin")
    page.goto("/years/2022-23/")
    shot(page, f"year-deadlines-{lang}")
    top = Office.objects.get(code="demo-cabinet")
    page.goto(f"/years/templates/office/{top.pk}/")
    shot(page, f"year-templates-{lang}")
    assert (page.locator("html").get_attribute("lang")) == lang
