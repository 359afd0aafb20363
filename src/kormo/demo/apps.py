from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "kormo.demo"
    label = "demo"
    verbose_name = "Demo data"
