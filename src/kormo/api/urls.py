"""URLs of the JSON API: version 1 under /api/v1/ (OpenAPI at /api/v1/openapi.json)."""

from django.urls import path

from kormo.api.views import api

urlpatterns = [
    path("v1/", api.urls),
]
