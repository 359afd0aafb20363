"""The client's address as the site's own proxies saw it (logs, login lockout).

With KORMO_PROXY_COUNT=N, the N proxies in front each append the address they were reached from
to X-Forwarded-For, so the client is the N-th entry from the right; anything further left was
written by the client and is not trusted. Without proxies: the connection's address.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    count = getattr(settings, "KORMO_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR", "")
    if count <= 0:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if h.strip()]
    return hops[-count] if len(hops) >= count else remote
