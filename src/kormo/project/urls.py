"""URL map: the admin, the web layer (login, language, fonts) and each app's own urls."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("kormo.ops.urls")),
    path("", include("kormo.accounts.urls")),
    path("admin/", admin.site.urls),
    path("offices/", include("kormo.offices.urls")),
    path("plans/", include("kormo.plans.urls")),
    path("years/", include("kormo.years.urls")),
    path("public/", include("kormo.public.urls")),
    path("api/", include("kormo.api.urls")),
    path("", include("kormo.progress.urls")),
    path("", include("kormo.audit.urls")),
    path("", include("kormo.web.urls")),
]
