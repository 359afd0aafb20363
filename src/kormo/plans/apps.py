"""Django app configuration of the plans app."""

from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "kormo.plans"
    label = "plans"
    verbose_name = "Plans"
    default_auto_field = "django.db.models.BigAutoField"
