"""Where an office is: its district and upazila, by name, for the dashboard's filters and
roll-ups.

One function, `office_places`, so that the source can change in one place: today the names of
the office's ancestor (or itself) of tier district and of tier upazila on the materialised
path; once offices carry district and upazila as data (onboarding's `Office.district` /
`Office.upazila`), it reads those columns instead (one query).
"""

from __future__ import annotations

from collections.abc import Iterable

from kormo.domain.plan import Tier
from kormo.offices.models import Office


def _ids(path: str) -> list[int]:
    return [int(p) for p in path.strip("/").split("/") if p]


def office_places(office_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """(district, upazila) of each office ("" where it has none), in two queries."""
    paths = dict(Office.objects.filter(pk__in=list(office_ids)).values_list("pk", "path"))
    ancestors = {i for p in paths.values() for i in _ids(p)}
    named = {pk: (tier, name) for pk, tier, name in Office.objects.filter(
        pk__in=ancestors, tier__in=(Tier.DISTRICT.value, Tier.UPAZILA.value)).values_list(
        "pk", "tier", "name")}
    out: dict[int, tuple[str, str]] = {}
    for oid, path in paths.items():
        district = upazila = ""
        for i in _ids(path):  # from the root down: the nearest one wins
            tier, name = named.get(i, ("", ""))
            if tier == Tier.DISTRICT.value:
                district = name
            elif tier == Tier.UPAZILA.value:
                upazila = name
        out[oid] = (district, upazila)
    return out
