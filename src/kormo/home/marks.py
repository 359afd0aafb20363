"""The home page's mark (kormo.web.page_cache): the plans of every office whose plans or
reports the page can list, and the person's offices' stored scores.

A focal point's home shows their own offices: their plans and signatures, their reports'
states, how many values are entered, the stored scores. Anyone holding another role (office
head, supervisor, administrator) also sees plans and reports of other offices (to review, to
approve or sign for the supervising office), all under the offices they hold that role at:
their marks cover those subtrees whole. Values show only as the count of those entered in the
focal point's offices' plans (the due reports' "still missing"; scores are the stored ones):
a value changed in a draft leaves all of it as it is, and a supervisor's mark reads no value
of the offices under them.
"""

from __future__ import annotations

from typing import Any

from kormo.audit.marks import person_marks
from kormo.offices.access import grants_for
from kormo.offices.models import Role
from kormo.progress.page_marks import OFFICES, PLANS, SNAPSHOTS, VALUES, states_marks, subtrees


def home_mark(user: Any) -> str | None:
    """The mark of `user`'s home; None (rendered every time) for a superuser, whose home
    lists the whole country's waiting plans, and for someone without a role."""
    grants = grants_for(user)
    paths = grants.paths
    if grants.superuser or not paths:
        return None
    own = sorted({p for ps in paths.values() for p in ps})
    writes = sorted(paths.get(Role.FOCAL_POINT, ()))
    reach = sorted({p for role, ps in paths.items() if role != Role.FOCAL_POINT for p in ps})
    exact = ", ".join(["%s"] * len(own))
    under, under_params = subtrees(reach)
    offices = f"SELECT o.id FROM {OFFICES} o WHERE o.path IN ({exact}) OR {under}"
    marks = person_marks(user)
    scope = marks.scope("home_plans", f"SELECT id FROM {PLANS} WHERE office_id IN ({offices})",
                        [*own, *under_params])
    marks = states_marks(marks, scope, (), counted_values=False)
    if writes:
        # How many values are entered (the due reports' "still missing"), not their versions.
        marks.add(f"(SELECT COUNT(*) FROM {VALUES} WHERE plan_id IN (SELECT id FROM {PLANS} "
                  f"WHERE office_id IN (SELECT id FROM {OFFICES} WHERE path IN "
                  f"({', '.join(['%s'] * len(writes))}))) AND reported_kind IS NOT NULL AND "
                  f"reported_kind <> '')", *writes)
    return marks.add(f"(SELECT MAX(computed_at) FROM {SNAPSHOTS} WHERE office_id IN "
                     f"(SELECT id FROM {OFFICES} WHERE path IN ({exact})))", *own).read()


__all__ = ["home_mark"]
