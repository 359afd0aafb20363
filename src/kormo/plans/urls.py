"""URLs of the plan pages."""

from django.urls import path

from kormo.plans import views

app_name = "plans"
urlpatterns = [
    path("<int:plan_id>/", views.plan_detail, name="detail"),
    path("<int:plan_id>/edit/", views.plan_edit, name="edit"),
    path("<int:plan_id>/edit/validate/", views.plan_validate, name="validate"),
    path("<int:plan_id>/sections/", views.plan_sections, name="sections"),
    path("<int:plan_id>/export/", views.plan_export, name="export"),
    path("new/office/<int:office_id>/", views.plan_create, name="create"),
    path("carry-forward/office/<int:office_id>/", views.plan_carry_forward,
         name="carry_forward"),
]
