"""URL map: the admin, the web layer (login, language, fonts) and each app's own urls."""

from django.contrib import admin
from django.urls import include, path

from kormo.audit import urls as audit_urls
from kormo.offices import urls as offices_urls
from kormo.plans import history_urls, template_urls
from kormo.plans import urls as plans_urls
from kormo.progress import office_urls
from kormo.years import urls as years_urls

urlpatterns = [
    path("", include("kormo.ops.urls")),
    path("", include("kormo.accounts.urls")),
    path("admin/", admin.site.urls),
    # A namespace may gather pages of several layers (issue 11: the office page shows scores,
    # the templates are plans); the names and addresses stay, the map is composed here.
    path("offices/", include((offices_urls.urlpatterns + office_urls.office_patterns,
                              "offices"))),
    path("plans/", include((plans_urls.urlpatterns + office_urls.plan_patterns, "plans"))),
    path("years/", include((years_urls.urlpatterns + template_urls.urlpatterns, "years"))),
    path("public/", include("kormo.public.urls")),
    path("api/", include("kormo.api.urls")),
    path("", include("kormo.agreements.urls")),
    path("home/", include("kormo.home.urls")),
    path("", include("kormo.progress.urls")),
    path("", include((audit_urls.urlpatterns + history_urls.urlpatterns, "audit"))),
    path("", include("kormo.web.urls")),
]
