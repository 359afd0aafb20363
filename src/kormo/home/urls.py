"""URL of the home page."""

from django.urls import path

from kormo.home import views

app_name = "home"

urlpatterns = [
    path("today/", views.today, name="today"),
]
