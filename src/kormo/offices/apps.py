"""Django app configuration of the offices app."""

from django.apps import AppConfig


class OfficesConfig(AppConfig):
    name = "kormo.offices"
    label = "offices"
    verbose_name = "Offices"
    default_auto_field = "django.db.models.BigAutoField"
