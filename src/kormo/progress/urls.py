"""URLs of progress, scores and the dashboard (the agreement's: `kormo.agreements.urls`). Ids
in the path are only the plan's or the office's (the permission walk fills them); the rest
travels as query or form fields."""

from django.urls import path

from kormo.documents.render import DOCUMENT_FORMATS
from kormo.progress import views as v

app_name = "progress"

urlpatterns = [
    path("progress/plans/<int:plan_id>/", v.plan_progress, name="plan"),
    path("progress/plans/<int:plan_id>/report/", v.report, name="report"),
    # The report as a document (?period=Q1..Q4,year); one pattern per format, as plans:document.
    *(path(f"progress/plans/<int:plan_id>/report.{fmt}", v.report_document, {"fmt": fmt},
           name="report_document") for fmt in DOCUMENT_FORMATS),
    path("progress/plans/<int:plan_id>/report/value/", v.value_save, name="value_save"),
    path("progress/plans/<int:plan_id>/report/values/", v.values_save, name="values_save"),
    path("progress/plans/<int:plan_id>/report/evidence/", v.evidence_upload,
         name="evidence_upload"),
    path("progress/plans/<int:plan_id>/report/evidence/remove/", v.evidence_remove,
         name="evidence_remove"),
    path("progress/plans/<int:plan_id>/report/submit/", v.report_submit, name="report_submit"),
    path("progress/plans/<int:plan_id>/report/review/", v.value_review, name="value_review"),
    path("progress/plans/<int:plan_id>/report/return/", v.report_return, name="report_return"),
    path("progress/plans/<int:plan_id>/report/accept/", v.report_accept, name="report_accept"),
    path("progress/plans/<int:plan_id>/evidence/", v.evidence_download,
         name="evidence_download"),
    path("progress/plans/<int:plan_id>/indicator/", v.indicator, name="indicator"),
    path("progress/offices/<int:office_id>/<str:fiscal_year>/", v.office_year,
         name="office_year"),
    path("progress/offices/<int:office_id>/<str:fiscal_year>/dashboard/", v.dashboard,
         name="dashboard"),
    path("progress/offices/<int:office_id>/<str:fiscal_year>/dashboard/bulk/",
         v.dashboard_bulk, name="dashboard_bulk"),
    path("progress/offices/<int:office_id>/<str:fiscal_year>/dashboard.csv",
         v.dashboard_download, {"fmt": "csv"}, name="dashboard_csv"),
    path("progress/offices/<int:office_id>/<str:fiscal_year>/dashboard.xlsx",
         v.dashboard_download, {"fmt": "xlsx"}, name="dashboard_xlsx"),
]
