"""URLs of the templates' pages, part of the `years` namespace (composed in
`kormo.project.urls`: the pages live with plans, their addresses stayed under /years/)."""

from django.urls import path

from kormo.plans import template_views as views

urlpatterns = [
    path("templates/office/<int:office_id>/", views.template_list, name="templates"),
    path("templates/office/<int:office_id>/new/", views.template_create, name="template_create"),
    path("templates/office/<int:office_id>/upload/", views.template_upload,
         name="template_upload"),
    path("templates/<int:plan_id>/export/", views.template_export, name="template_export"),
]
