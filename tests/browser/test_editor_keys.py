"""The plan editor as a keyboard user and a person who reloads use it: ↑/↓ move out of a
list cell without changing it, Enter moves down and Alt+Enter starts a new line, a removed
row comes back with Undo, and typing made after a save survives reloads of `?saved=1` and a
lost session (grid.js)."""

from __future__ import annotations

import re

import pytest

from kormo.plans.convert import plan_to_domain
from tests.browser.conftest import login
from tests.browser.test_editor import _cell, _fresh_apa

pytestmark = pytest.mark.browser


def _active(page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement;
        return {name: e.name, row: Number(e.closest('tr')?.dataset.i ?? -1), value: e.value}; }""")


def test_arrows_move_out_of_list_cells_and_enter_moves_down(demo, new_page) -> None:
    plan = _fresh_apa()
    page = new_page()
    login(page, "rangpur-focal")
    page.goto(f"/plans/{plan.pk}/edit/")
    page.wait_for_selector("body[data-grid-ready]")
    method = _cell(page, 0, "method")
    before = [_cell(page, i, "method").input_value() for i in (0, 1)]
    method.focus()
    page.keyboard.press("ArrowDown")
    assert _active(page) == {"name": "method", "row": 1, "value": before[1]}
    page.keyboard.press("ArrowUp")
    assert _active(page) == {"name": "method", "row": 0, "value": before[0]}
    assert [_cell(page, i, "method").input_value() for i in (0, 1)] == before
    page.keyboard.press("ArrowRight")  # a list cell moves sideways too
    assert _active(page)["name"] == "unit"
    # Enter moves down in a text cell; Alt+Enter starts a new line in it.
    name = _cell(page, 0, "name")
    name.fill("প্রথম লাইন")
    name.press("End")
    page.keyboard.press("Alt+Enter")
    page.keyboard.type("দ্বিতীয় লাইন")
    assert name.input_value() == "প্রথম লাইন\nদ্বিতীয় লাইন"
    page.keyboard.press("Enter")
    assert _active(page)["name"] == "name" and _active(page)["row"] == 1
    # Row numbers and reference cells in Bengali digits.
    assert page.inner_text("#sheet tr[data-i='1'] .rownum") == "২"
    assert not re.search(r"[0-9]", _cell(page, 0, "number").input_value())


def test_a_removed_row_comes_back_with_undo(demo, new_page) -> None:
    plan = _fresh_apa()
    page = new_page()
    login(page, "rangpur-focal")
    page.goto(f"/plans/{plan.pk}/edit/")
    page.wait_for_selector("body[data-grid-ready]")
    count = int(page.get_attribute("#sheet", "data-rows"))
    second = _cell(page, 1, "name").input_value()
    page.click("#sheet tr[data-i='1'] button[data-row='delete']")
    assert page.get_attribute("#sheet", "data-rows") == str(count - 1)
    assert page.inner_text("#undo-notice") .startswith("সারি ২ সরানো হয়েছে")
    page.click("#undo-notice [data-undo]")
    assert page.get_attribute("#sheet", "data-rows") == str(count)
    assert _cell(page, 1, "name").input_value() == second
    assert page.is_hidden("#undo-notice")


def test_typing_after_a_save_survives_reloads_and_a_lost_session(demo, new_page) -> None:
    plan = _fresh_apa()
    page = new_page()
    page.on("dialog", lambda d: d.accept())
    login(page, "rangpur-focal")
    page.goto(f"/plans/{plan.pk}/edit/")
    page.wait_for_selector("body[data-grid-ready]")
    _cell(page, 0, "name").fill("সংরক্ষিত নাম")
    page.locator(".editor-bar button.primary").click()
    page.wait_for_url(re.compile(r".*\?saved=1$"))
    page.wait_for_selector("body[data-grid-ready]")
    assert plan_to_domain(plan.pk).indicators[0].name == "সংরক্ষিত নাম"
    assert page.is_hidden("#draft-notice")  # the saved draft was confirmed and dropped
    _cell(page, 1, "name").fill("সংরক্ষণের পরে লেখা")
    page.wait_for_timeout(700)  # the draft is written half a second after typing stops
    page.reload()
    page.wait_for_selector("body[data-grid-ready]")
    assert _cell(page, 1, "name").input_value() == "সংরক্ষণের পরে লেখা"
    notice = page.inner_text("#draft-notice")
    assert "ফিরিয়ে আনা হয়েছে" in notice and re.search(r"[০-৯]{2}:[০-৯]{2}", notice)
    page.reload()  # and again: the draft stays until the server holds the same
    page.wait_for_selector("body[data-grid-ready]")
    assert _cell(page, 1, "name").input_value() == "সংরক্ষণের পরে লেখা"
    # The session ends; Save leads to the login page; after it the typing is back.
    page.context.clear_cookies(name="sessionid")  # the CSRF cookie stays, as it does
    _cell(page, 2, "name").fill("মেয়াদ শেষের পরে লেখা")
    page.locator(".editor-bar button.primary").click()
    page.wait_for_url(re.compile(r".*/login/.*"))
    page.fill("#id_username", "rangpur-focal")
    page.fill("#id_password", "kormo-demo")
    page.click("button.primary")
    # Back on the page the post was sent from, here ?saved=1 of the first save: its draft
    # was not confirmed by that save, so it comes back.
    page.wait_for_url(re.compile(rf".*/plans/{plan.pk}/edit/\?saved=1$"))
    page.wait_for_selector("body[data-grid-ready]")
    assert _cell(page, 1, "name").input_value() == "সংরক্ষণের পরে লেখা"
    assert _cell(page, 2, "name").input_value() == "মেয়াদ শেষের পরে লেখা"
    page.locator(".editor-bar button.primary").click()
    page.wait_for_url(re.compile(r".*\?saved=1$"))
    stored = plan_to_domain(plan.pk).indicators
    assert [i.name for i in stored[:3]] == ["সংরক্ষিত নাম", "সংরক্ষণের পরে লেখা",
                                           "মেয়াদ শেষের পরে লেখা"]
