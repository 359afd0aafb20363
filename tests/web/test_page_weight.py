"""Pages are light on a slow connection: HTML goes out compressed when the browser accepts it
(every browser does), and the seed-000 APA's editor, the heaviest page, stays small on the wire."""

from __future__ import annotations

import gzip

from django.test import Client
from django.urls import reverse

from tests.web.world import World
from tests.world import save_as_current, seed_plan


def test_the_plan_editor_is_sent_compressed_and_small(world: World) -> None:
    plan = save_as_current(plan=seed_plan("000"), office=world.offices["X"])
    client = Client()
    client.force_login(world.users["focal"])
    url = reverse("plans:edit", args=[plan.pk])

    plain = client.get(url)
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain  # a client that cannot unpack gets plain HTML
    assert packed["Content-Encoding"] == "gzip"
    html = gzip.decompress(packed.content).decode()
    assert "১.১.১" in html or "1.1.1" in html  # the same page, whole
    # The whole seed-000 APA (section 3 with every level and projection) in under 16 KB.
    assert len(packed.content) < 16_000 < len(plain.content)
