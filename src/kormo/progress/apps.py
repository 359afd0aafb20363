"""Django app configuration of the progress app."""

from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "kormo.progress"
    label = "progress"
    verbose_name = "Progress reports"
    default_auto_field = "django.db.models.BigAutoField"
