"""The report page's "Save all values" asked for JSON (report.js's fetch): the same save as the
form post, answered with the message in the request's language, each saved entry's new version
and fields as the page shows them, and each refused entry's reason (400 if any); without the
JSON Accept header the post/redirect/get flow and the 400 page stay as they were."""

from __future__ import annotations

import json
import re

import pytest

from kormo.progress.models import ReportedValue
from tests.progress.clients import JSON, client_of

pytestmark = pytest.mark.django_db



def _url(office) -> str:
    return f"/progress/plans/{office.apa.pk}/report/values/?period=Q1"


def _form(*entries: tuple[str, dict[str, str], int], **extra: str) -> dict[str, object]:
    """The report form's fields: per entry "ref|Q1" its typed fields, an empty original (what
    the page showed for a new value) and the version the page was drawn with."""
    data: dict[str, object] = {"period": "Q1", "stamp": "1700000000000",
                               "entry": [e for e, _f, _v in entries], **extra}
    for entry, fields, version in entries:
        data[f"version-{entry}"] = str(version)
        for name, text in fields.items():
            data[f"{name}-{entry}"] = text
            data.setdefault(f"orig-{name}-{entry}", "")
    return data


def _stored(office, ref: str) -> ReportedValue | None:
    return ReportedValue.objects.filter(plan=office.apa, indicator_ref=ref, quarter="Q1").first()


def _answer(response) -> dict:
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


@pytest.mark.parametrize(("lang", "shown", "said"), [
    ("bn", "৩০", "সংরক্ষিত: ২টি মান।"), ("en", "30", "Saved: 2 values.")])
def test_a_save_answers_versions_and_values_as_the_page_shows_them(rangpur, lang, shown, said):
    client = client_of(rangpur.focal, lang)
    response = client.post(_url(rangpur), _form(
        ("1.1.1|Q1", {"value": "30", "remarks": "হাজিরা খাতা"}, 0),
        ("2.1.1|Q1", {"input_e_disposals": "২২৩৬", "input_hard_file_disposals": "1439",
                      "remarks": ""}, 0)), **JSON)
    assert response.status_code == 200
    answer = _answer(response)
    assert answer["message"] == said and answer["refused"] == {}
    rv = _stored(rangpur, "1.1.1")
    assert answer["saved"]["1.1.1|Q1"] == {
        "version": rv.lock_version, "fields": {"value": shown, "remarks": "হাজিরা খাতা"}}
    derived = answer["saved"]["2.1.1|Q1"]["fields"]
    # The inputs as stored (the page shows them so), the value computed from them.
    assert (derived["input_e_disposals"], derived["input_hard_file_disposals"]) == (
        "2236", "1439")
    assert derived["value"].endswith("%") and derived["value"] not in ("", "%")
    # Answered with JSON: no message left behind for the next page.
    page = client.get(f"/progress/plans/{rangpur.apa.pk}/report/?period=Q1").content.decode()
    assert said not in page


def test_a_second_save_with_the_answered_version_and_a_stale_one(rangpur):
    client = client_of(rangpur.focal)
    first = _answer(client.post(_url(rangpur), _form(("1.1.1|Q1", {"value": "৩০"}, 0)), **JSON))
    version = first["saved"]["1.1.1|Q1"]["version"]
    again = client.post(_url(rangpur), _form(("1.1.1|Q1", {"value": "৪০"}, version)), **JSON)
    assert again.status_code == 200
    second = _answer(again)["saved"]["1.1.1|Q1"]
    assert second["version"] > version and second["fields"]["value"] == "৪০"
    # Someone saved in between: the page's old version is refused, the stored value stays.
    stale = client.post(_url(rangpur), _form(("1.1.1|Q1", {"value": "৫০"}, version)), **JSON)
    assert stale.status_code == 400
    answer = _answer(stale)
    assert answer["saved"] == {}
    assert "অন্য কেউ এর মধ্যে এটি বদলেছেন" in answer["refused"]["1.1.1|Q1"]["message"]
    assert answer["message"] == "১টি মান সংরক্ষণ হয়নি; প্রতিটির পাশে কারণ লেখা আছে।"
    stored = _stored(rangpur, "1.1.1")
    assert stored.reported_number == 40
    # The stored version comes back with the refusal (the 400 page draws the field so): saved
    # over it, the person's text wins, as they were told what changed.
    assert answer["refused"]["1.1.1|Q1"]["version"] == stored.lock_version == second["version"]
    over = client.post(_url(rangpur), _form(("1.1.1|Q1", {"value": "৫০"}, stored.lock_version)),
                       **JSON)
    assert over.status_code == 200 and _stored(rangpur, "1.1.1").reported_number == 50


@pytest.mark.parametrize(("lang", "reason", "said"), [
    ("bn", "“একশো” ঘরটি বোঝা যায়নি",
     "সংরক্ষিত: ১টি মান। ১টি মান সংরক্ষণ হয়নি; প্রতিটির পাশে কারণ লেখা আছে।"),
    ("en", "cell “একশো” not understood",
     "Saved: 1 values. 1 values were not saved; each one says why beside it.")])
def test_a_refusal_is_400_with_its_reason_and_the_others_are_saved(rangpur, lang, reason, said):
    response = client_of(rangpur.focal, lang).post(_url(rangpur), _form(
        ("1.1.1|Q1", {"value": "একশো"}, 0), ("2.1.2|Q1", {"value": "১২"}, 0)), **JSON)
    assert response.status_code == 400
    answer = _answer(response)
    assert answer["message"] == said
    assert list(answer["refused"]) == ["1.1.1|Q1"]
    assert answer["refused"]["1.1.1|Q1"]["message"].startswith(reason)
    assert answer["refused"]["1.1.1|Q1"]["version"] == 0  # no value stored yet
    assert list(answer["saved"]) == ["2.1.2|Q1"]
    assert _stored(rangpur, "1.1.1") is None and _stored(rangpur, "2.1.2") is not None


def test_unknown_entries_are_refused_each_with_its_reason(rangpur):
    response = client_of(rangpur.focal, "en").post(_url(rangpur), _form(
        ("9.9.9|Q1", {"value": "1"}, 0), ("1.1.1|Q9", {"value": "1"}, 0),
        ("1.1.1", {"value": "1"}, 0), ("2.1.2|Q1", {"value": "3"}, 7)), **JSON)
    assert response.status_code == 400
    refused = {e: r["message"] for e, r in _answer(response)["refused"].items()}
    assert refused["9.9.9|Q1"] == "the plan has no such indicator"
    assert refused["1.1.1|Q9"] == refused["1.1.1"] == "Unknown quarter."
    assert refused["2.1.2|Q1"].startswith("someone else changed this")  # no value, version 7
    assert not ReportedValue.objects.filter(plan=rangpur.apa).exists()


def test_nothing_changed(rangpur):
    data = _form(("1.1.1|Q1", {"value": ""}, 0))
    response = client_of(rangpur.focal).post(_url(rangpur), data, **JSON)
    assert response.status_code == 200
    assert _answer(response) == {"message": "কিছুই বদলায়নি।", "saved": {}, "refused": {}}


def test_without_json_the_page_flow_is_unchanged(rangpur):
    client = client_of(rangpur.focal)
    ok = client.post(_url(rangpur), _form(("1.1.1|Q1", {"value": "৩০"}, 0)))
    assert ok.status_code == 302
    assert ok["Location"].endswith("/report/?period=Q1&saved=1700000000000")
    page = client.get(ok["Location"]).content.decode()
    assert "সংরক্ষিত: ১টি মান।" in page
    refused = client.post(_url(rangpur), _form(("1.1.2|Q1", {"value": "একশো"}, 0)))
    assert refused.status_code == 400 and refused["Content-Type"].startswith("text/html")
    html = refused.content.decode()
    assert re.search(r'data-testid="value-error">“একশো” ঘরটি বোঝা যায়নি', html)
    assert 'value="একশো"' in html


def test_a_get_returns_to_the_report_and_saves_nothing(rangpur):
    response = client_of(rangpur.focal).get(_url(rangpur), **JSON)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/progress/plans/{rangpur.apa.pk}/report/?period=Q1")
    assert not ReportedValue.objects.filter(plan=rangpur.apa).exists()


def test_a_supervisor_may_not_save_through_json(world, rangpur):
    response = client_of(world.supervisor).post(
        _url(rangpur), _form(("1.1.1|Q1", {"value": "৩০"}, 0)), **JSON)
    assert response.status_code == 404
    assert _stored(rangpur, "1.1.1") is None


def test_the_json_answer_costs_no_query_over_the_form_posts_save(rangpur, dinajpur):
    """The JSON answer is built from the saved rows in hand: the same queries as the form
    post's save (without the page it redirects to), for the same three first values."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def entries():
        return _form(("1.1.1|Q1", {"value": "৩০", "remarks": "খাতা"}, 0),
                     ("1.1.2|Q1", {"value": "৯০%"}, 0),
                     ("2.1.1|Q1", {"input_e_disposals": "২২", "input_hard_file_disposals": "৮"}, 0))

    form_client, json_client = client_of(rangpur.focal), client_of(dinajpur.focal)
    with CaptureQueriesContext(connection) as by_form:
        assert form_client.post(_url(rangpur), entries()).status_code == 302
    with CaptureQueriesContext(connection) as by_json:
        answer = json_client.post(_url(dinajpur), entries(), **JSON)
    assert answer.status_code == 200 and len(_answer(answer)["saved"]) == 3
    assert len(by_json) == len(by_form)
