"""URLs of the office pages."""

from django.urls import path

from kormo.offices import views

app_name = "offices"
urlpatterns = [
    path("", views.office_list, name="list"),
    path("<int:office_id>/", views.office_detail, name="detail"),
]
