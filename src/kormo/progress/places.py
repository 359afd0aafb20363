"""Where an office is: its district and upazila, by name, for the dashboard's filters and
roll-ups.

District and upazila are data of the office (`Office.district`, `Office.upazila`: written by
onboarding from the country's office file, editable in the admin), not something inferred
from the tree: an upazila office under a directorate, or an institution in a district, is
placed by its own columns. One function, so that every figure reads them the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

from kormo.offices.models import Office

PLACES_QUERIES = 1


def office_places(office_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """(district, upazila) of each office ("" where it has none), in one query."""
    return {pk: (district, upazila) for pk, district, upazila in Office.objects.filter(
        pk__in=list(office_ids)).values_list("pk", "district", "upazila")}
