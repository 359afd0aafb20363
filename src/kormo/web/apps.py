"""Django app configuration of the shared web layer (templates, static files, filters)."""

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "kormo.web"
    label = "web"
    verbose_name = "Web"
