"""The home page's mark (kormo.web.page_cache): what it shows of a focal point's offices.

Only the home of a person who holds nothing but focal-point roles is marked: what it shows
comes from their own offices (their plans and signatures, their reports' states, how many
values are entered, the stored scores), so a value changed in a draft leaves it as stored.
A supervisor's, office head's or administrator's home also lists plans and reports of other
offices (to review, to approve or sign for the supervising office), which one cheap mark
cannot cover: that home is rendered as always.
"""

from __future__ import annotations

from typing import Any

from kormo.audit.marks import person_marks
from kormo.offices.access import grants_for
from kormo.offices.models import Role
from kormo.progress.page_marks import OFFICES, PLANS, SNAPSHOTS, VALUES, states_marks


def home_mark(user: Any) -> str | None:
    paths = grants_for(user).paths
    if not paths or set(paths) != {Role.FOCAL_POINT}:
        return None
    own = list(paths[Role.FOCAL_POINT])
    offices = f"SELECT id FROM {OFFICES} WHERE path IN ({', '.join(['%s'] * len(own))})"
    scope = f"SELECT id FROM {PLANS} WHERE office_id IN ({offices})"
    marks = states_marks(person_marks(user), scope, own)
    # How many values are entered (the due reports' "still missing"), not their versions.
    marks.add(f"(SELECT COUNT(*) FROM {VALUES} WHERE plan_id IN ({scope}) AND "
              f"reported_kind IS NOT NULL AND reported_kind <> '')", *own)
    return marks.add(f"(SELECT MAX(computed_at) FROM {SNAPSHOTS} WHERE office_id IN "
                     f"({offices}))", *own).read()


__all__ = ["home_mark"]
