"""URL of a plan's history page, in the `audit` namespace (composed in `kormo.project.urls`)."""

from django.urls import path

from kormo.plans import history_views

urlpatterns = [
    path("history/plans/<int:plan_id>/", history_views.history, name="history"),
]
