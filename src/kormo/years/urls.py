"""URLs of the year setup pages (the templates' pages join the `years` namespace from
`kormo.plans.template_urls`, composed in `kormo.project.urls`)."""

from django.urls import path

from kormo.years import views

app_name = "years"
urlpatterns = [
    path("", views.year_list, name="list"),
    path("<str:fiscal_year>/", views.year_detail, name="detail"),
]
