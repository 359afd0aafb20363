"""Django app configuration of the JSON API."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kormo.api"
    label = "api"
    verbose_name = "API"
    default_auto_field = "django.db.models.BigAutoField"
