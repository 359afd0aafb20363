"""URLs of the notice pages (a plan's history joins the `audit` namespace from
`kormo.plans.history_urls`, composed in `kormo.project.urls`)."""

from django.urls import path

from kormo.audit import views

app_name = "audit"

urlpatterns = [
    path("notices/", views.notices, name="notices"),
    path("notices/count/", views.notice_count, name="notice_count"),
    path("notices/read/", views.notice_read, name="notice_read"),
]
