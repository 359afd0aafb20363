"""Pages served from the cache (kormo.web.page_cache) are exactly the pages a fresh render
shows now: after every action of the reporting loop, by the office or its supervisor, each
page that shows it (the report page, the office's year, the focal point's home, the
supervisor's dashboard) answers what it would answer without the cache. Between changes a
page comes from the cache, in fewer queries; it is never another person's or another
language's page, never replays a message, and the access check still runs."""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import HttpResponse
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kormo.audit.models import NoticeKind
from kormo.audit.services import notice_send
from kormo.offices.models import Role
from kormo.offices.services import membership_revoke
from kormo.progress.models import Evidence, Report, ScoreSnapshot
from kormo.progress.scores import score_refresh
from kormo.progress.services import evidence_attach, progress_record, report_submit
from kormo.web.page_cache import HEADER
from tests.progress.clients import client_of
from tests.progress.world import OfficeWorld, World

pytestmark = pytest.mark.django_db
FY = "2022-23"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


def _get(client: Client, url: str) -> HttpResponse:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def _same(response: HttpResponse) -> bytes:
    """The page without its CSRF tokens, which every render masks anew."""
    return TOKEN.sub(b"", response.content)


def _stored(client: Client, url: str) -> bytes:
    """Open the page until it comes from the cache (the first visit gets its CSRF cookie,
    the second is stored); its content."""
    _get(client, url)
    stored = _get(client, url)
    again = _get(client, url)
    assert again[HEADER] == "hit", (url, stored[HEADER], again[HEADER])
    assert again.content == stored.content
    return _same(again)


def _fresh(client: Client, url: str) -> bytes:
    with override_settings(KORMO_PAGE_CACHE_SECONDS=0):
        response = _get(client, url)
    assert response[HEADER] == "skip"
    return _same(response)


def _urls(place: OfficeWorld, world: World, period: str) -> dict[str, tuple[Any, str]]:
    """The deadline's pages: who opens them, where."""
    return {
        "report page": (place.focal, reverse("progress:report", args=[place.apa.pk])
                        + f"?period={period}"),
        "office's year": (place.focal, reverse("progress:office_year",
                                               args=[place.office.pk, FY])),
        "home": (place.focal, reverse("home:today")),
        "supervisor's home": (world.supervisor, reverse("home:today")),
        "office head's home": (place.head, reverse("home:today")),
        "dashboard": (world.supervisor, reverse("progress:dashboard",
                                                args=[world.directorate.pk, FY])),
        "supervisor's report page": (world.supervisor, reverse(
            "progress:report", args=[place.apa.pk]) + f"?period={period}"),
    }


def _post(client: Client, name: str, plan_id: int, data: dict[str, Any]) -> None:
    """The action, and the page it returns to (which shows its message)."""
    response = client.post(reverse(f"progress:{name}", args=[plan_id]), data, follow=True)
    assert response.redirect_chain and response.status_code == 200, (name, response)
    assert b'class="error"' not in response.content, response.content.decode()[:3000]


def _value(place: OfficeWorld, ref: str = "1.1.1", quarter: str = "Q1", text: str = "৩") -> Any:
    return progress_record(plan=place.apa, indicator_ref=ref, quarter=quarter,
                           actor=place.focal, text=text)


def _submitted(place: OfficeWorld) -> Report:
    rv = _value(place)
    report = rv.report
    return report_submit(report=report, actor=place.focal)


def _do_value_saved(place: OfficeWorld, world: World, focal: Client, sup: Client) -> None:
    _post(focal, "value_save", place.apa.pk,
          {"ref": "1.1.1", "quarter": "Q1", "period": "Q1", "value": "৭"})


def _do_values_saved(place: OfficeWorld, world: World, focal: Client, sup: Client) -> None:
    _post(focal, "values_save", place.apa.pk, {
        "period": "Q1", "entry": ["1.1.1|Q1", "1.1.2|Q1"], "value-1.1.1|Q1": "৮",
        "version-1.1.1|Q1": "1", "orig-value-1.1.1|Q1": "৩", "value-1.1.2|Q1": "২",
        "version-1.1.2|Q1": "0", "orig-value-1.1.2|Q1": ""})


def _do_evidence_attached(place: OfficeWorld, world: World, focal: Client, sup: Client) -> None:
    _post(focal, "evidence_upload", place.apa.pk, {
        "ref": "1.1.1", "quarter": "Q1", "period": "Q1",
        "file": SimpleUploadedFile("ছবি.png", PNG, "image/png")})


def _do_evidence_removed(place: OfficeWorld, world: World, focal: Client, sup: Client) -> None:
    ev = Evidence.objects.get(value__plan=place.apa)
    _post(focal, "evidence_remove", place.apa.pk, {"period": "Q1", "evidence_id": ev.pk})


def _do_report_submitted(place: OfficeWorld, world: World, focal: Client, sup: Client) -> None:
    _post(focal, "report_submit", place.apa.pk, {"period": "Q1"})


def _do_value_verified(place: OfficeWorld, world: World, focal: Client, sup: Client) -> None:
    _post(sup, "value_review", place.apa.pk, {"period": "Q1", "ref": "1.1.1", "quarter": "Q1",
                                              "decision": "verify", "verified": "২"})


def _do_item_returned(place: OfficeWorld, world: World, focal: Client, sup: Client) -> None:
    _post(sup, "value_review", place.apa.pk, {"period": "Q1", "ref": "1.1.1", "quarter": "Q1",
                                              "decision": "return", "comment": "আবার দেখুন"})


def _do_report_returned(place: OfficeWorld, world: World, focal: Client, sup: Client) -> None:
    _post(sup, "report_return", place.apa.pk, {"period": "Q1", "comment": "অসম্পূর্ণ"})


def _do_report_accepted(place: OfficeWorld, world: World, focal: Client, sup: Client) -> None:
    _post(sup, "report_accept", place.apa.pk, {"period": "Q1"})


def _do_score_stored(place: OfficeWorld, world: World, focal: Client, sup: Client) -> None:
    score_refresh(office_id=place.office.pk, fiscal_year=FY)  # what the worker does


def _do_notice_sent(place: OfficeWorld, world: World, focal: Client, sup: Client) -> None:
    notice_send(recipients=[place.focal, world.supervisor], kind=NoticeKind.REPORT_DUE_SOON,
                plan=place.apa, text_bn="প্রতিবেদন শীঘ্রই দিতে হবে", text_en="Report due soon")


Action = Callable[[OfficeWorld, World, Client, Client], None]
# Each action with what must stand before it: a value entered, a report submitted, a file.
ACTIONS: dict[str, tuple[Callable[[OfficeWorld], Any], Action]] = {
    "value saved": (_value, _do_value_saved),
    "values saved at once": (_value, _do_values_saved),
    "evidence attached": (_value, _do_evidence_attached),
    "evidence removed": (lambda p: evidence_attach(value=_value(p), actor=p.focal,
                                                   file=SimpleUploadedFile("a.png", PNG)),
                         _do_evidence_removed),
    "report submitted": (_value, _do_report_submitted),
    "value verified": (_submitted, _do_value_verified),
    "item returned": (_submitted, _do_item_returned),
    "report returned": (_submitted, _do_report_returned),
    "report accepted": (_submitted, _do_report_accepted),
    "score stored by the worker": (_submitted, _do_score_stored),
    "notice sent": (_value, _do_notice_sent),
}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_after_every_action_each_page_is_what_a_fresh_render_shows(
        world: World, rangpur: OfficeWorld, action: str) -> None:
    before, act = ACTIONS[action]
    score_refresh(office_id=rangpur.office.pk, fiscal_year=FY)  # then the worker lags behind
    before(rangpur)
    clients = {rangpur.focal.pk: client_of(rangpur.focal),
               world.supervisor.pk: client_of(world.supervisor),
               rangpur.head.pk: client_of(rangpur.head)}
    pages = _urls(rangpur, world, "Q1")
    shown = {name: _stored(clients[user.pk], url) for name, (user, url) in pages.items()}
    act(rangpur, world, clients[rangpur.focal.pk], clients[world.supervisor.pk])
    changed = []
    for name, (user, url) in pages.items():
        client = clients[user.pk]
        now = _same(_get(client, url))
        assert now == _fresh(client, url), f"{name} after '{action}' is not what it shows now"
        if now != shown[name]:
            changed.append(name)
    # The action is visible somewhere: the test compares pages that did change.
    assert changed, action


def test_an_unchanged_page_comes_from_the_cache_in_fewer_queries(rangpur: OfficeWorld) -> None:
    client = client_of(rangpur.focal)
    _value(rangpur)
    url = reverse("progress:report", args=[rangpur.apa.pk]) + "?period=Q1"
    _get(client, url)
    with CaptureQueriesContext(connection) as rendered:
        assert _get(client, url)[HEADER] == "miss"
    with CaptureQueriesContext(connection) as cached:
        assert _get(client, url)[HEADER] == "hit"
    # The session, the person, the gate (plan and roles), the marks: nothing of the page.
    assert len(cached) <= 5 < len(rendered), [q["sql"][:80] for q in cached]
    assert not any("progress_reportedvalue" in q["sql"] for q in cached)


def test_a_message_is_shown_once_and_never_stored(rangpur: OfficeWorld) -> None:
    client = client_of(rangpur.focal)
    _value(rangpur)
    url = reverse("progress:report", args=[rangpur.apa.pk]) + "?period=Q1"
    _stored(client, url)
    response = client.post(reverse("progress:value_save", args=[rangpur.apa.pk]),
                           {"ref": "1.1.1", "quarter": "Q1", "period": "Q1", "value": "৯"},
                           follow=True)
    assert "সংরক্ষিত" in response.content.decode()  # "Saved."
    assert response[HEADER] == "skip"
    for _ in range(2):
        again = _get(client, url)
        assert "সংরক্ষিত।" not in again.content.decode()


def test_a_page_is_never_served_to_another_person_or_in_another_language(
        world: World, rangpur: OfficeWorld) -> None:
    _submitted(rangpur)
    url = reverse("progress:report", args=[rangpur.apa.pk]) + "?period=Q1"
    focal_page = _stored(client_of(rangpur.focal), url)
    supervisor = client_of(world.supervisor)
    first = _get(supervisor, url)
    assert first[HEADER] != "hit"
    assert b'data-testid="accept-report"' in first.content  # the supervisor's own page
    assert b'data-testid="accept-report"' not in focal_page
    english = client_of(rangpur.focal)
    english.cookies["django_language"] = "en"
    _get(english, url)
    page = _get(english, url)
    assert page[HEADER] == "miss" and b"Achievement" in page.content


def test_access_is_checked_before_the_cache(world: World, rangpur: OfficeWorld) -> None:
    client = client_of(rangpur.focal)
    url = reverse("progress:report", args=[rangpur.apa.pk]) + "?period=Q1"
    _stored(client, url)
    membership_revoke(user=rangpur.focal, office=rangpur.office, role=Role.FOCAL_POINT,
                      actor=None)
    assert client.get(url).status_code == 404


def test_a_supervisors_home_shows_a_report_submitted_below_at_once(
        world: World, rangpur: OfficeWorld) -> None:
    """It lists the reports to review of every office under the supervisor's: its mark
    covers that subtree."""
    client = client_of(world.supervisor)
    url = reverse("home:today")
    before = _stored(client, url)
    report = _submitted(rangpur)
    after = _get(client, url)
    assert after[HEADER] == "miss"
    assert _same(after) != before and _same(after) == _fresh(client, url)
    assert reverse("progress:report", args=[report.plan_id]).encode() in after.content


def test_the_cache_can_be_turned_off(rangpur: OfficeWorld, settings: Any) -> None:
    settings.KORMO_PAGE_CACHE_SECONDS = 0
    client = client_of(rangpur.focal)
    url = reverse("progress:office_year", args=[rangpur.office.pk, FY])
    assert {_get(client, url)[HEADER] for _ in range(3)} == {"skip"}


def test_the_dashboard_shows_a_report_accepted_from_it_before_the_scores_are_stored_again(
        world: World, rangpur: OfficeWorld, settings: Any) -> None:
    """The stored scores mark the dashboard; its rows' reports are checked again on every use
    of a stored page: a report accepted there leaves the bulk form at once, even while the
    worker has not stored the office's score again."""
    report = _submitted(rangpur)
    score_refresh(office_id=rangpur.office.pk, fiscal_year=FY)
    client = client_of(world.supervisor)
    url = reverse("progress:dashboard", args=[world.directorate.pk, FY])
    before = _stored(client, url)
    assert f'value="{report.pk}"'.encode() in before
    stored_at = ScoreSnapshot.objects.get(office=rangpur.office).computed_at
    # The score's refresh is queued on commit, which a test's transaction never reaches.
    _post(client, "report_accept", rangpur.apa.pk, {"period": "Q1"})
    assert ScoreSnapshot.objects.get(office=rangpur.office).computed_at == stored_at
    after = _get(client, url)
    assert after[HEADER] != "hit"
    assert f'value="{report.pk}"'.encode() not in after.content
    assert _same(after) == _fresh(client, url)


def test_a_stored_page_goes_out_compressed_once_for_browsers_that_take_gzip(
        rangpur: OfficeWorld) -> None:
    client = client_of(rangpur.focal)
    url = reverse("progress:office_year", args=[rangpur.office.pk, FY])
    plain = _stored(client, url)
    packed = client.get(url, headers={"accept-encoding": "gzip, deflate"})
    assert packed[HEADER] == "hit" and packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert _same_bytes(gzip.decompress(packed.content)) == plain
    assert int(packed["Content-Length"]) == len(packed.content) < len(plain)


def _same_bytes(content: bytes) -> bytes:
    return TOKEN.sub(b"", content)


def test_a_page_too_large_to_keep_is_rendered_every_time(
        rangpur: OfficeWorld, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache's memory stays bounded: a page that would take more than `MAX_BYTES` kept
    (gzipped) is never stored; one that takes less is, and a browser that does not take gzip
    gets it as rendered."""
    from kormo.web import page_cache

    client = client_of(rangpur.focal)
    url = reverse("progress:office_year", args=[rangpur.office.pk, FY])
    size = len(_get(client, url).content)
    packed = client.get(url, headers={"accept-encoding": "gzip"})
    assert packed[HEADER] == "miss" and len(packed.content) < size
    monkeypatch.setattr(page_cache, "MAX_BYTES", len(packed.content) - 200)
    page_cache.caches[page_cache.CACHE].clear()
    assert [_get(client, url)[HEADER] for _ in range(2)] == ["skip", "skip"]
    monkeypatch.setattr(page_cache, "MAX_BYTES", len(packed.content) + 200)
    rendered = _get(client, url)
    assert rendered[HEADER] == "miss"
    again = _get(client, url)
    assert again[HEADER] == "hit" and "Content-Encoding" not in again
    assert _same(again) == _same(rendered)


def test_a_page_stored_by_one_worker_process_is_served_by_another(
        rangpur: OfficeWorld, settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages are files in one folder (kormo.web.page_files): another process of the same
    machine (a second gunicorn worker) reads the page this one stored."""
    import os
    import subprocess
    import sys

    from kormo.web import page_cache

    keys: list[str] = []
    real = page_cache.page_key
    monkeypatch.setattr(page_cache, "page_key", lambda r, m: keys.append(real(r, m)) or keys[-1])
    client = client_of(rangpur.focal)
    url = reverse("progress:office_year", args=[rangpur.office.pk, FY])
    page = _stored(client, url)
    code = ("import gzip, sys, django; django.setup()\n"
            "from django.conf import settings\n"
            "from kormo.web.page_files import PageFiles\n"
            "kept = PageFiles(str(settings.KORMO_PAGE_CACHE_DIR), {}).get(sys.argv[1])\n"
            "sys.stdout.buffer.write(gzip.decompress(kept.body) if kept.gzipped else kept.body)\n")
    other = subprocess.run([sys.executable, "-c", code, keys[-1]], capture_output=True,
                           check=True, env={**os.environ, "KORMO_PAGE_CACHE_DIR": str(
                                               settings.KORMO_PAGE_CACHE_DIR)})
    assert _same_bytes(other.stdout) == page


def test_the_page_folder_stays_within_its_bound(
        tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from kormo.web.page_files import PageFiles

    monkeypatch.setattr(PageFiles, "CULL_EVERY", 1)
    store = PageFiles(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 12}})
    for i in range(60):
        store.set(f"page:{i}", b"x" * 100, 60)
    kept = [f for f in tmp_path.iterdir() if f.suffix == ".djcache"]
    assert 1 <= len(kept) <= 12
    assert store.get("page:59") == b"x" * 100  # the page just stored is there


def test_the_code_identity_changes_with_any_file_of_the_code(tmp_path: Any) -> None:
    """Pages outlive the processes in their files: a template edited or a release installed
    without a new KORMO_RELEASE must change the key of every page."""
    import os

    from kormo.web.page_cache import code_identity

    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("<p>{{ a }}</p>")
    (tmp_path / "views.py").write_text("x = 1\n")
    before = code_identity(tmp_path)
    assert code_identity(tmp_path) == before
    page.write_text("<p>{{ b }}</p>")  # same size, newer
    stat = page.stat()
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    edited = code_identity(tmp_path)
    assert edited != before
    (tmp_path / "new.py").write_text("")
    added = code_identity(tmp_path)
    assert added != edited
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "views.pyc").write_bytes(b"\0")  # written by Python itself
    assert code_identity(tmp_path) == added


def test_a_broken_page_folder_never_breaks_a_page(
        rangpur: OfficeWorld, tmp_path: Any, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    """A full disk, a folder that cannot be made or a damaged file: the page is rendered as
    without a cache, and the fault is logged."""
    from kormo.web import page_cache
    from kormo.web.page_files import PageFiles

    blocker = tmp_path / "a-file"
    blocker.write_text("")
    unusable = PageFiles(str(blocker / "pages"), {})  # a folder under a file: never made
    monkeypatch.setattr(page_cache, "caches", {page_cache.CACHE: unusable})
    client = client_of(rangpur.focal)
    url = reverse("progress:office_year", args=[rangpur.office.pk, FY])
    fresh = [_get(client, url) for _ in range(3)]
    assert [r[HEADER] for r in fresh[1:]] == ["miss", "miss"]  # rendered, not kept
    assert "a page could not be kept" in caplog.text

    damaged = PageFiles(str(tmp_path / "pages"), {})
    damaged.set("page:x", b"kept", 60)
    kept = next((tmp_path / "pages").iterdir())
    kept.write_bytes(kept.read_bytes()[:12] + b"\x00garbage")
    assert damaged.get("page:x") is None
    assert "a kept page could not be read" in caplog.text
