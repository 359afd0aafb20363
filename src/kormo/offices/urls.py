"""URLs of the office pages (one office's page joins the `offices` namespace from
`kormo.progress.office_urls`, composed in `kormo.project.urls`)."""

from django.urls import path

from kormo.offices import people_views, views

app_name = "offices"
urlpatterns = [
    path("", views.office_list, name="list"),
    path("<int:office_id>/people/", people_views.office_people, name="people"),
]
