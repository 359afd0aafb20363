"""Translated names of the domain's codes, for templates only (the `label` filter and the
`choices` tag): plan kinds, tiers, roles, states, units, calculation methods, events.

The codes themselves ("apa", "district", "focal_point") are the enums of `kormo.domain` and
the models; what a person reads is here, through gettext, so it follows the page's language.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

LABELS: Mapping[str, Mapping[str, Promise]] = {
    "kind": {
        "apa": _("Annual performance agreement (APA)"),
        "integrity": _("Integrity (NIS) action plan"),
        "egov_innovation": _("E-governance and innovation action plan"),
        "grievance_redress": _("Grievance redress action plan"),
        "citizens_charter": _("Citizen's charter action plan"),
        "right_to_information": _("Right to information action plan"),
        "innovation_work_plan": _("Innovation team's work plan"),
        "innovation_register": _("Register of innovations and digitised services"),
    },
    "tier": {
        "": _("any tier"),
        "ministry": _("Ministry/division"),
        "directorate": _("Directorate/agency"),
        "division": _("Divisional office"),
        "district": _("District office"),
        "upazila": _("Upazila office"),
        "institution": _("Institution"),
    },
    "role": {
        "focal_point": _("APA focal point"),
        "office_head": _("Office head"),
        "supervisor": _("Supervisor"),
        "administrator": _("Administrator"),
    },
    "state": {
        "draft": _("draft"),
        "submitted": _("submitted"),
        "returned": _("returned with comments"),
        "approved": _("approved"),
        "signed": _("signed"),
    },
    "unit": {
        "": pgettext_lazy("no unit", "—"),
        "count": _("count"),
        "percent": _("%"),
        "date": _("date"),
        "marks": _("marks obtained"),
        "lakh_taka": _("lakh taka"),
        "taka": _("taka"),
        "persons": _("persons"),
        "items": _("items"),
    },
    "method": {
        "": pgettext_lazy("calculation method", "—"),
        "sum": _("sum"),
        "average": _("average"),
        "cumulative": _("cumulative"),
        "date": pgettext_lazy("calculation method", "date"),
    },
    "area_kind": {
        "": pgettext_lazy("no area kind", "—"),
        "office": _("office's own"),
        "governance": _("governance (mandatory)"),
    },
    "feeds": {
        "": pgettext_lazy("fed by no plan", "—"),
        "integrity": _("integrity"),
        "egov_innovation": _("e-governance & innovation"),
        "grievance_redress": _("grievance redress"),
        "citizens_charter": _("citizen's charter"),
        "right_to_information": _("right to information"),
    },
    "event": {
        "plan_submission": _("plan submission"),
        "Q1": _("first-quarter report"),
        "Q2": _("second-quarter report (half-yearly self-assessment)"),
        "Q3": _("third-quarter report"),
        "Q4": _("fourth-quarter report"),
        "year_evaluation": _("year-end evaluation"),
        "results": _("results published"),
    },
    "term": {
        "short": _("short term"),
        "medium": _("medium term"),
        "long": _("long term"),
        "other": _("other"),
    },
    "yes_no": {
        "": pgettext_lazy("unknown", "—"),
        "yes": _("yes"),
        "no": _("no"),
    },
}


def label(group: str, code: object) -> str:
    names = LABELS.get(group, {})
    key = "" if code is None else str(code)
    return str(names[key]) if key in names else key


def choices(group: str) -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in LABELS.get(group, {}).items()]
