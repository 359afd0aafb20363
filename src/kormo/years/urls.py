"""URLs of the year setup pages."""

from django.urls import path

from kormo.years import views

app_name = "years"
urlpatterns = [
    path("", views.year_list, name="list"),
    path("<str:fiscal_year>/", views.year_detail, name="detail"),
    path("templates/office/<int:office_id>/", views.template_list, name="templates"),
    path("templates/office/<int:office_id>/new/", views.template_create, name="template_create"),
    path("templates/office/<int:office_id>/upload/", views.template_upload,
         name="template_upload"),
    path("templates/<int:plan_id>/export/", views.template_export, name="template_export"),
]
