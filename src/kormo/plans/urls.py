"""URLs of the plan pages."""

from django.urls import path

from kormo.documents.render import DOCUMENT_FORMATS
from kormo.plans import import_views, views

app_name = "plans"
urlpatterns = [
    path("<int:plan_id>/", views.plan_detail, name="detail"),
    path("<int:plan_id>/edit/", views.plan_edit, name="edit"),
    path("<int:plan_id>/edit/validate/", views.plan_validate, name="validate"),
    path("<int:plan_id>/sections/", views.plan_sections, name="sections"),
    path("<int:plan_id>/export/", views.plan_export, name="export"),
    # One pattern per format under one name, so that the path's only parameter stays the plan
    # id (the permission walk fills ids); `{% url 'plans:document' plan_id=… fmt="pdf" %}`.
    *(path(f"<int:plan_id>/document.{fmt}", views.plan_document, {"fmt": fmt}, name="document")
      for fmt in DOCUMENT_FORMATS),
    path("new/office/<int:office_id>/", views.plan_create, name="create"),
    path("import/office/<int:office_id>/", import_views.import_upload, name="import"),
    path("import/<int:pending_id>/", import_views.import_review, name="import_review"),
    path("import/<int:pending_id>/confirm/", import_views.import_confirm,
         name="import_confirm"),
    path("import/<int:pending_id>/cancel/", import_views.import_cancel, name="import_cancel"),
]
