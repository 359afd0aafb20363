"""URLs of the office pages."""

from django.urls import path

from kormo.offices import people_views, views

app_name = "offices"
urlpatterns = [
    path("", views.office_list, name="list"),
    path("<int:office_id>/", views.office_detail, name="detail"),
    path("<int:office_id>/people/", people_views.office_people, name="people"),
    path("set-password/<uidb64>/<token>/", people_views.set_password, name="set_password"),
]
