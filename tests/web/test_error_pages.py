"""Error pages in both languages: a refusal (`offices.access.AccessDenied` is a 404) and the
other errors answer with a Bengali and an English message and a way home, not Django's English
default page. DEBUG is off, as on a server (with DEBUG on Django shows its technical pages)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.views import defaults

from tests.web.world import World

NOT_FOUND = ("পাওয়া যায়নি", "Not found")
HOME = 'href="/" data-testid="error-home"'


def _focal(world: World, lang: str = "bn") -> Client:
    client = Client()
    client.force_login(world.users["focal"])
    if lang != "bn":
        client.post(reverse("set_language"), {"language": lang, "next": "/"})
    return client


@pytest.mark.django_db
@override_settings(DEBUG=False)
@pytest.mark.parametrize("lang", ["bn", "en"])
def test_a_plan_of_another_branch_is_not_found_in_both_languages(world: World,
                                                                 lang: str) -> None:
    client = _focal(world, lang)
    for url in (reverse("plans:detail", args=[world.plans["Y"].pk]),
                reverse("offices:detail", args=[world.offices["Y"].pk]),
                reverse("agreements:detail", args=[world.plans["Y"].pk])):
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 404, url
        assert all(text in page for text in NOT_FOUND), page
        assert HOME in page
        # The page's language first.
        first = NOT_FOUND[0] if lang == "bn" else NOT_FOUND[1]
        assert f"<h1 lang=\"{lang}\">{first}</h1>" in page
        assert f'<html lang="{lang}">' in page
    # Nothing tells the refused id apart from one that does not exist.
    refused = client.get(reverse("plans:detail", args=[world.plans["Y"].pk]))
    missing = client.get(reverse("plans:detail", args=[world.plans["Y"].pk + 1000]))
    assert missing.status_code == 404 and missing.content == refused.content


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_an_unknown_address_for_someone_not_logged_in() -> None:
    response = Client().get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert all(text in page for text in NOT_FOUND) and HOME in page


@pytest.mark.django_db
@pytest.mark.parametrize(("view", "exception", "status", "bn", "en"), [
    (defaults.bad_request, SuspiciousOperation(), 400, "অনুরোধটি বোঝা যায়নি", "Bad request"),
    (defaults.permission_denied, PermissionDenied(), 403, "অনুমতি নেই", "Not allowed"),
    (defaults.page_not_found, Http404(), 404, *NOT_FOUND),
])
def test_400_403_404_pages_carry_both_languages(view: Callable[..., HttpResponse],
                                                exception: Exception, status: int, bn: str,
                                                en: str) -> None:
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/somewhere/")
    request.user = AnonymousUser()
    response = view(request, exception)
    page = response.content.decode()
    assert response.status_code == status
    assert bn in page and en in page and HOME in page


def test_the_500_page_needs_no_request_and_carries_both_languages() -> None:
    # Django renders it with an empty context; it must not need the database or a URL map.
    response = defaults.server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "সার্ভারে সমস্যা হয়েছে" in page and "Server error" in page
    assert 'href="/"' in page and "{%" not in page and "{{" not in page
