"""URLs of the public pages and the open data (docs/open-data.md lists them)."""

from django.urls import path, re_path

from kormo.public import opendata_views, views

app_name = "public"

DATA = views.DATA

urlpatterns = [
    path("", views.index, name="index"),
    path("offices/<str:code>/", views.office, name="office"),
    path("data/catalogue.json", views.catalogue, name="catalogue"),
    # The same data as files written nightly and on publication (opendata_files).
    path("files/<str:name>", opendata_views.data_file, name="file_all"),
    path("files/offices/<str:code>/<str:name>", opendata_views.data_file, name="file_office"),
    *(path(f"data/{what}", views.data_all, {"what": what}, name=f"all_{name}")
      for what, name in DATA),
    *(path(f"offices/<str:code>/{what}", views.data_office, {"what": what},
           name=f"office_{name}") for what, name in DATA),
    *(path(f"plans/<int:plan_id>/{what}", views.data_plan, {"what": what},
           name=f"plan_{name}") for what, name in DATA),
    re_path(r"^plans/(?P<plan_id>[0-9]{1,18})/document\.(?P<fmt>pdf|docx|xlsx)$",
            views.plan_document, name="plan_document"),
    re_path(r"^plans/(?P<plan_id>[0-9]{1,18})/reports/(?P<period>Q[1-4]|year)"
            r"\.(?P<fmt>pdf|docx|xlsx)$", views.report_document, name="report_document"),
]
