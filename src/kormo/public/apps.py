"""Django app configuration of the public pages and open data."""

from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "kormo.public"
    label = "public"
    verbose_name = "Public pages and open data"
    default_auto_field = "django.db.models.BigAutoField"
