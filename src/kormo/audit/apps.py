"""Django app configuration of the audit app (change history and notices)."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "kormo.audit"
    label = "audit"
    verbose_name = "History and notices"
    default_auto_field = "django.db.models.BigAutoField"
