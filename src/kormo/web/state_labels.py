"""Translatable names of the codes the progress and agreement pages show (states, periods,
ratings, review states, risk reasons), and a template filter library to use them
(`{% load progress %}` … `{{ report.state|plabel:"report_state" }}`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

LABELS: dict[str, dict[str, object]] = {
    "period": {
        "Q1": _("1st quarter (Jul–Sep)"),
        "Q2": _("2nd quarter (Oct–Dec), half-yearly self-assessment"),
        "Q3": _("3rd quarter (Jan–Mar)"),
        "Q4": _("4th quarter (Apr–Jun)"),
        "year": _("Year-end evaluation"),
    },
    "period_short": {
        "Q1": _("Q1"), "Q2": _("Q2"), "Q3": _("Q3"), "Q4": _("Q4"), "year": _("Year"),
    },
    "report_state": {
        "none": _("not started"),
        "draft": pgettext_lazy("report", "draft"),
        "submitted": pgettext_lazy("report", "submitted"),
        "returned": pgettext_lazy("report", "returned"),
        "accepted": pgettext_lazy("report", "accepted"),
    },
    "plan_state": {
        "draft": pgettext_lazy("plan", "draft"),
        "submitted": pgettext_lazy("plan", "submitted"),
        "returned": pgettext_lazy("plan", "returned"),
        "approved": pgettext_lazy("plan", "approved"),
        "signed": pgettext_lazy("plan", "signed"),
    },
    "review_state": {
        "pending": _("waiting for review"),
        "accepted": pgettext_lazy("item", "accepted"),
        "returned": pgettext_lazy("item", "returned"),
    },
    "rating": {
        "excellent": _("excellent"), "very_good": _("very good"), "good": _("good"),
        "fair": _("fair"), "poor": _("poor"), "not_rated": _("not yet rated"), "": "",
    },
    "risk": {
        "behind": _("behind its path"),
        "not_reported": _("nothing reported"),
        "date_passed": _("date passed, not done"),
    },
    "status": {
        "scored": _("scored"), "not_reported": _("not reported"),
        "not_applicable": _("not applicable"), "no_target": _("no target"),
        "fallback_unused": _("fallback not used"), "plan_missing": _("action plan missing"),
    },
    "cell": {
        "none": _("no plans"), "returned": pgettext_lazy("report", "returned"),
        "missing": _("missing"), "late": _("late"), "accepted": pgettext_lazy("report",
                                                                              "accepted"),
        "submitted": pgettext_lazy("report", "submitted"),
    },
    "action": {
        "plan.submit": _("plan submitted"), "plan.return": _("plan returned"),
        "plan.approve": _("plan approved"), "plan.sign": _("plan signed"),
        "plan.revise": _("revision started"), "plan.revision_created": _("new version"),
        "report.create": _("report opened"), "report.submit": _("report submitted"),
        "report.return": _("report returned"), "report.accept": _("report accepted"),
        "progress.record": _("achievement entered"), "progress.review": _("item reviewed"),
        "progress.verify": _("achievement verified"),
        "progress.copy_to_revision": _("progress carried to the revision"),
        "evidence.attach": _("evidence attached"), "evidence.remove": _("evidence removed"),
        "plan.edit_table": _("plan table edited"), "plan.edit_sections": _("plan sections edited"),
        "plan.create_from_template": _("plan created from the template"),
        "plan.carry_forward": _("plan carried forward from last year"),
        "plan.import": _("plan imported from a document"),
        "year.open": _("year opened"), "year.deadlines": _("deadlines changed"),
        "template.create": _("template added"), "template.replace": _("template replaced"),
    },
    "dashboard_sort": {
        "rank": _("rank"), "score": _("score"), "name": _("name"), "due": _("due so far"),
        "at_risk": _("indicators at risk"),
    },
    "tier": {
        "ministry": _("ministry"), "directorate": _("directorate"), "division": _("division"),
        "district": _("district"), "upazila": _("upazila"), "institution": _("institution"),
        "": "",
    },
}


def plabel(group: str, code: object) -> str:
    return str(LABELS.get(group, {}).get(str(code), code))
