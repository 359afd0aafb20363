from django.apps import AppConfig


class YearsConfig(AppConfig):
    name = "kormo.years"
    label = "years"
    default_auto_field = "django.db.models.BigAutoField"
