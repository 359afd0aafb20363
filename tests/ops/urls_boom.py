"""The site's URLs plus one view that fails, to see what a 500 leaves behind."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from kormo.project.urls import urlpatterns as site


def boom(request: HttpRequest) -> HttpResponse:
    raise ZeroDivisionError("forced for the test")


urlpatterns = [path("boom/", boom), *site]
