"""URLs of the history and notice pages."""

from django.urls import path

from kormo.audit import views

app_name = "audit"

urlpatterns = [
    path("history/plans/<int:plan_id>/", views.history, name="history"),
    path("notices/", views.notices, name="notices"),
    path("notices/count/", views.notice_count, name="notice_count"),
    path("notices/read/", views.notice_read, name="notice_read"),
]
