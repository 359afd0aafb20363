"""URLs of the pages in `kormo.progress.office_views`, under the names they always had: each
list joins its namespace in `kormo.project.urls` (the URL map is composed at the top, so a
page can live above the app whose namespace it keeps)."""

from django.urls import path

from kormo.progress import office_views as views

# part of the `offices` namespace, under /offices/
office_patterns = [
    path("<int:office_id>/", views.office_detail, name="detail"),
]

# part of the `plans` namespace, under /plans/
plan_patterns = [
    path("carry-forward/office/<int:office_id>/", views.carry_forward, name="carry_forward"),
]
