from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "kormo.agreements"
    label = "agreements"
    verbose_name = "Agreements"
